"""Template helpers for the account pages."""

from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def duration_words(delta):
    """A timedelta in words for people: "1 hour", "30 minutes"."""
    minutes = round(delta.total_seconds() / 60)
    if minutes >= 60 and minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
