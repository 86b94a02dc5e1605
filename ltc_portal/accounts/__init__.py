"""Partner accounts on the public site: sign in and out, password reset, the account page."""
