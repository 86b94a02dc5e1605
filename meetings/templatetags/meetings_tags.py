"""Template tags other apps' templates use to show meetings and calendar subscriptions.

- `{% private_feed_panel %}`: the signed-in member's private calendar address (account page).
- `{% partnership_meetings partnership %}`: a partnership's upcoming meetings and subscribe links.
- `{% partnership_calendar_link partnership %}`: the `<link rel="alternate">` for extra_head;
  `{% calendar_link subscribe %}` the same for links already built.
- `{% upcoming_meetings 3 %}`: the next meetings across the county (home page).
"""

from django import template
from django.utils import timezone
from django.utils.html import format_html

from core.enums import Visibility
from core.privacy import viewable_by
from core.visibility import may_see
from meetings.links import partnership_links, private_links
from meetings.listing import meetings_with_partnerships, occurrences_of
from meetings.models import FeedToken, MeetingPage

register = template.Library()


@register.inclusion_tag("meetings/includes/private_feed_panel.html", takes_context=True)
def private_feed_panel(context):
    request = context["request"]
    user = request.user
    if not may_see(user, Visibility.PARTNERS):
        return {"show": False}
    return {
        "show": True,
        "request": request,
        "links": private_links(request, FeedToken.for_user(user).token),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("meetings/includes/partnership_meetings.html", takes_context=True)
def partnership_meetings(context, partnership, limit=5):
    request = context["request"]
    meetings = meetings_with_partnerships(
        viewable_by(MeetingPage.objects.live(), request.user, request).descendant_of_any(
            [partnership]
        )
    )
    return {
        "request": request,
        "partnership": partnership,
        "upcoming": occurrences_of(meetings, start=timezone.now())[:limit],
        "subscribe": partnership_links(request, partnership),
    }


@register.simple_tag
def calendar_link(links):
    """The `<link rel="alternate">` that names a page's calendar feed (for extra_head)."""
    return format_html(
        '<link rel="alternate" type="text/calendar" title="{}" href="{}">',
        links["name"],
        links["https"],
    )


@register.simple_tag(takes_context=True)
def partnership_calendar_link(context, partnership):
    return calendar_link(partnership_links(context["request"], partnership))


@register.inclusion_tag("meetings/includes/upcoming_list.html", takes_context=True)
def upcoming_meetings(context, limit=3):
    request = context["request"]
    meetings = meetings_with_partnerships(
        viewable_by(MeetingPage.objects.live(), request.user, request)
    )
    return {
        "request": request,
        "upcoming": occurrences_of(meetings, start=timezone.now())[:limit],
        "show_partnership": True,
    }
