"""Choices every feature shares, named as the domain names them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may see a person's contact details (or a meeting's minutes, or a material)."""

    PUBLIC = "public", _("Public: anyone")
    PARTNERS = "partners", _("Partners only: signed-in members")
    PRIVATE = "private", _("Private: editors in the admin only")


#: What a published thing (minutes, a material) may be: "private" makes no sense there.
PUBLISHED_VISIBILITY_CHOICES = [
    (Visibility.PUBLIC.value, Visibility.PUBLIC.label),
    (Visibility.PARTNERS.value, Visibility.PARTNERS.label),
]
