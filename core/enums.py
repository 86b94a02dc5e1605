"""Choices every feature shares, named as the domain names them."""

from django.db import models
from django.utils.encoding import force_str
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


class ChoiceLabels:
    """`get_<field>_display()` without translating every label of the field on every call.

    Django builds a dictionary of all the field's choices each time, hashing (so translating)
    each lazy label: on a listing of twenty materials that is a few milliseconds of every page.
    This keeps one dictionary of lazy labels per field and translates only the label shown.
    Put it first among a model's bases.
    """

    def _get_FIELD_display(self, field):  # noqa: N802 - Django's own name for it
        labels = _CHOICE_LABELS.get(field)
        if labels is None:
            labels = _CHOICE_LABELS[field] = dict(field.flatchoices)
        value = getattr(self, field.attname)
        try:
            label = labels.get(value, value)
        except TypeError:  # an unhashable value, as Django's own fallback allows
            label = value
        return force_str(label, strings_only=True)


#: Each choice field's {value: lazy label}, built on first use.
_CHOICE_LABELS: dict[models.Field, dict] = {}
