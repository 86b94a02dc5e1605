"""Template tags other apps' templates use to show meetings and calendar subscriptions.

- `{% private_feed_panel %}`: the signed-in member's private calendar address (account page).
- `{% partnership_meetings partnership %}`: a partnership's upcoming meetings and subscribe links.
- `{% partnership_calendar_link partnership %}`: the `<link rel="alternate">` for extra_head;
  `{% calendar_link subscribe %}` the same for links already built.
- `{% upcoming_meetings 3 %}`: the next meetings across the county (home page).
"""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html

from core.enums import Visibility
from core.page_cache import for_anonymous
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


def _upcoming(request, meetings, limit):
    """The next `limit` occurrences of these meetings the viewer may see, from now."""
    now = timezone.now()
    visible = viewable_by(meetings.live(), request.user, request).not_over(now)
    return occurrences_of(meetings_with_partnerships(visible), start=now)[:limit]


@register.simple_tag(takes_context=True)
def partnership_meetings(context, partnership, limit=5):
    """A partnership's next meetings and its subscribe links; built once per content version
    for anonymous visitors (`for_anonymous`), as every page showing it is."""
    request = context["request"]

    def render():
        return render_to_string(
            "meetings/includes/partnership_meetings.html",
            {
                "request": request,
                "partnership": partnership,
                "upcoming": _upcoming(
                    request, MeetingPage.objects.descendant_of_any([partnership]), limit
                ),
                "subscribe": partnership_links(request, partnership),
            },
        )

    return for_anonymous(request, f"partnership-meetings:{partnership.pk}:{limit}", render)


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


@register.simple_tag(takes_context=True)
def upcoming_meetings(context, limit=3):
    """The next meetings across the county; built once per content version for anonymous
    visitors."""
    request = context["request"]

    def render():
        return render_to_string(
            "meetings/includes/upcoming_list.html",
            {
                "request": request,
                "upcoming": _upcoming(request, MeetingPage.objects.all(), limit),
                "show_partnership": True,
            },
        )

    return for_anonymous(request, f"upcoming-meetings:{limit}", render)
