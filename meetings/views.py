"""Feeds, the single-meeting .ics, regenerating a private address, and the index's context."""

import calendar as pycalendar
import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponseNotFound
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from core.enums import Visibility
from core.privacy import failing_restrictions, viewable_by
from core.visibility import may_see
from directory.models import Area, PartnershipPage, partnerships_of

from . import feeds, recurrence
from .feeds import page_url
from .ical import calendar, meeting_vevents
from .models import FeedToken, MeetingException, MeetingPage

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _ics_response(request, body, *, etag=None, last_modified=None, filename, private=False):
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["Cache-Control"] = "private, max-age=300" if private else "public, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    if etag is None:
        return response
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Given the full response, a 304 carries its ETag and Cache-Control as RFC 9110 asks.
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )


def _feed(request, identity, scopes, build, *, filename, private=False):
    body, etag, last_modified = feeds.cached_feed(identity, scopes, build)
    response = _ics_response(
        request, body, etag=etag, last_modified=last_modified, filename=filename, private=private
    )
    if private:
        response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def county_feed(request):
    def build():
        return feeds.build_feed(
            feeds.feed_meetings(user=AnonymousUser()),
            request,
            partners=may_see(AnonymousUser(), Visibility.PARTNERS),
            name="LCT Portal: all meetings",
        )

    return _feed(request, "county", [feeds.COUNTY], build, filename="county-meetings.ics")


@require_safe
def partnership_feed(request, slug):
    # A public feed: a partnership an editor made private has none.
    partnership = (
        viewable_by(PartnershipPage.objects.live(), AnonymousUser()).filter(slug=slug).first()
    )
    if partnership is None:
        raise Http404("No such partnership")

    def build():
        return feeds.build_feed(
            feeds.feed_meetings([partnership], user=AnonymousUser()),
            request,
            partners=may_see(AnonymousUser(), Visibility.PARTNERS),
            name=f"{partnership.title}: meetings",
        )

    return _feed(
        request,
        f"partnership:{partnership.pk}",
        [feeds.partnership_scope(partnership.pk)],
        build,
        filename=f"{slug}-meetings.ics",
    )


def _not_found_quietly():
    """A 404 that Django does not log: the path holds a (retired) secret."""
    response = HttpResponseNotFound("Not found", content_type="text/plain; charset=utf-8")
    response._has_been_logged = True  # django.utils.log.log_response checks this
    return response


@require_safe
def private_feed(request, token):
    feed_token = FeedToken.objects.for_token(token)
    if feed_token is None or not feed_token.user.is_active:
        return _not_found_quietly()
    user = feed_token.user
    partnerships = list(partnerships_of(user))
    partners = may_see(user, Visibility.PARTNERS)

    def build():
        return feeds.build_feed(
            feeds.feed_meetings(partnerships, user=user),
            request,
            partners=partners,
            name="LCT Portal: my meetings",
        )

    # What this user may open changes with their groups as well as with the restrictions.
    refused = failing_restrictions(user).order_by("pk").values_list("pk", flat=True)
    identity = (
        f"private:{user.pk}:{partners}:"
        + ",".join(str(p.pk) for p in partnerships)
        + ":refused:"
        + ",".join(str(pk) for pk in refused)
    )
    scopes = [feeds.partnership_scope(p.pk) for p in partnerships] or [feeds.COUNTY]
    return _feed(request, identity, scopes, build, filename="my-meetings.ics", private=True)


@require_safe
def meeting_ics(request, pk):
    """One meeting (with its series and changes) to add to a calendar; not cached."""
    meetings = viewable_by(MeetingPage.objects.live(), request.user, request)
    meeting = get_object_or_404(
        meetings.select_related("venue").prefetch_related("exceptions"), pk=pk
    )
    partners = may_see(request.user, Visibility.PARTNERS)
    now = timezone.now()
    data = meeting.calendar_data(page_url(meeting, request), partners=partners)
    events = meeting_vevents(data, partners=partners, dtstamp=now, now=now)
    body = calendar(events, name=meeting.title, dtstamp=now).to_ical()
    # A meeting behind a Privacy setting must not sit in a shared cache, even for a password.
    public = partners is False and viewable_by(meetings.filter(pk=pk), AnonymousUser()).exists()
    return _ics_response(request, body, filename=f"{meeting.slug}.ics", private=not public)


@require_POST
@login_required
def regenerate_private_feed(request):
    """A new secret address; the old one returns 404 from now on."""
    FeedToken.regenerate(request.user)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    messages.success(
        request,
        "Your private calendar address has changed. Subscribe again with the new address; "
        "the old one no longer works.",
    )
    return redirect(next_url)


# -- links ------------------------------------------------------------------------------


def subscribe_links(request, path, name):
    """The ways to subscribe to a feed: webcal, https, Google Calendar and Outlook."""
    https = request.build_absolute_uri(path)
    if https.startswith("http://"):
        webcal = "webcal://" + https.removeprefix("http://")
    else:
        webcal = "webcal://" + https.removeprefix("https://")
    return {
        "name": name,
        "https": https,
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal}),
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?"
        + urlencode({"url": https, "name": name}),
        "outlook_work": "https://outlook.office.com/calendar/0/addfromweb?"
        + urlencode({"url": https, "name": name}),
    }


def county_links(request):
    return subscribe_links(request, reverse("meetings:county_feed"), "LCT Portal: all meetings")


def partnership_links(request, partnership):
    return subscribe_links(
        request,
        reverse("meetings:partnership_feed", args=[partnership.slug]),
        f"{partnership.title}: meetings",
    )


# -- pages --------------------------------------------------------------------------------


def occurrences_of(meetings, *, start=None, end=None):
    """Occurrences of these meetings overlapping [start, end), in time order."""
    found = []
    for meeting in meetings:
        for occurrence in meeting.occurrences:
            if start and occurrence.end <= start:
                continue
            if end and occurrence.start >= end:
                continue
            found.append(occurrence)
    return sorted(found, key=lambda occurrence: (occurrence.start, occurrence.meeting.title))


def meetings_with_partnerships(queryset):
    """Meetings with venue and changes loaded, and `.partnership` set: four queries in all."""
    meetings = list(
        queryset.select_related("venue").prefetch_related(
            Prefetch("exceptions", queryset=MeetingException.objects.select_related("new_venue"))
        )
    )
    parents = {meeting.path[: -MeetingPage.steplen] for meeting in meetings}
    by_path = {
        partnership.path: partnership
        for partnership in PartnershipPage.objects.filter(path__in=parents).select_related("area")
    }
    for meeting in meetings:
        meeting.partnership = by_path.get(meeting.path[: -MeetingPage.steplen])
    return meetings


#: Months the calendar pages between; beyond them the month view and its links would overflow.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _month(value, today):
    """The first day of the month in `?month=YYYY-MM`, or of this month if that is no month."""
    try:
        year, month = (int(part) for part in value.split("-"))
        if FIRST_YEAR <= year <= LAST_YEAR:
            return dt.date(year, month, 1)
    except (ValueError, AttributeError):
        pass
    return today.replace(day=1)


def month_table(occurrences, first):
    """Weeks (Monday first) of the month starting `first`, each day with its occurrences."""
    by_day = {}
    for occurrence in occurrences:
        by_day.setdefault(occurrence.start.date(), []).append(occurrence)
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append(
            [
                {"date": day, "in_month": day.month == first.month, "items": by_day.get(day, [])}
                for day in week
            ]
        )
    return weeks


def index_context(request, page):
    now = timezone.now()
    today = timezone.localdate()
    area_slug = request.GET.get("area", "")
    partnership_slug = request.GET.get("partnership", "")
    partnerships = list(
        viewable_by(PartnershipPage.objects.live(), request.user, request)
        .select_related("area")
        .order_by("title")
    )
    chosen = [
        partnership
        for partnership in partnerships
        if (not partnership_slug or partnership.slug == partnership_slug)
        and (not area_slug or (partnership.area and partnership.area.slug == area_slug))
    ]
    meetings = MeetingPage.objects.live().none()
    if chosen:
        within = None
        for partnership in chosen:
            clause = Q(path__startswith=partnership.path)
            within = clause if within is None else within | clause
        meetings = viewable_by(MeetingPage.objects.live(), request.user, request).filter(within)
    meetings = meetings_with_partnerships(meetings.select_related("minutes"))

    upcoming = occurrences_of(meetings, start=now)[:50]
    first = _month(request.GET.get("month", ""), today)
    after = (first + dt.timedelta(days=32)).replace(day=1)
    before = (first - dt.timedelta(days=1)).replace(day=1)
    month_start = dt.datetime.combine(first, dt.time(), tzinfo=recurrence.LONDON)
    month_end = dt.datetime.combine(after, dt.time(), tzinfo=recurrence.LONDON)
    in_month = occurrences_of(meetings, start=month_start, end=month_end)
    past = sorted(
        (
            meeting
            for meeting in meetings
            if meeting.minutes_id
            and meeting.series_ends_at < now
            and may_see(request.user, meeting.minutes_visibility)
        ),
        key=lambda meeting: meeting.start,
        reverse=True,
    )[:20]
    chosen_filters = (("area", area_slug), ("partnership", partnership_slug))
    filters = {key: value for key, value in chosen_filters if value}
    return {
        "upcoming": upcoming,
        "past_meetings": past,
        "areas": Area.objects.all(),
        "partnerships": partnerships,
        "selected_area": area_slug,
        "selected_partnership": partnership_slug,
        "month": first,
        "weeks": month_table(in_month, first),
        "month_occurrences": in_month,
        "prev_month": before,
        "next_month": after,
        "month_query": bool(request.GET.get("month")),
        "weekdays": [(day, day[:3]) for day in pycalendar.day_name],
        "prev_month_query": urlencode({**filters, "month": f"{before:%Y-%m}"}),
        "next_month_query": urlencode({**filters, "month": f"{after:%Y-%m}"}),
        "subscribe": county_links(request),
        "feed_url": reverse("meetings:county_feed"),
    }
