"""Models for the resources app."""
