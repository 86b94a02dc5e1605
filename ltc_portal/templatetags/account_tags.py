"""Template helpers for the account pages."""

from functools import cache

from django import template
from django.utils.translation import ngettext

register = template.Library()

#: The meetings app's tag that renders a partner's private calendar address.
PRIVATE_FEED_SOURCE = "{% load meetings_tags %}{% private_feed_panel %}"


@cache
def _private_feed_template(engine):
    library = engine.template_libraries.get("meetings_tags")
    if library is None or "private_feed_panel" not in library.tags:
        return None
    return engine.from_string(PRIVATE_FEED_SOURCE)


@register.simple_tag(takes_context=True)
def private_calendar_panel(context):
    """The meetings app's private calendar panel, or nothing while that app has no such tag."""
    panel = _private_feed_template(context.template.engine)
    if panel is None:
        return ""
    return panel.render(context)


@register.filter
def duration_words(delta):
    """A timedelta in words for people: "1 hour", "30 minutes"."""
    minutes = round(delta.total_seconds() / 60)
    if minutes >= 60 and minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
