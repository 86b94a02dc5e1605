"""Building and caching calendar feeds.

A feed is cached under a key that holds a version per partnership (and one for the county);
publishing, unpublishing, moving or deleting a meeting bumps the versions of the partnership
that holds it and of the county (see signals.py), so exactly the feeds holding it are rebuilt.
"""

import hashlib
import secrets
import time
from collections.abc import Callable, Sequence
from typing import NamedTuple

from django.core.cache import cache
from django.utils import timezone

from core.enums import Visibility
from core.privacy import viewable_by
from core.visibility import is_partner, may_see

from .ical import KEEP_CANCELLED, CalendarMeeting, calendar, meeting_vevents
from .models import KEEP_WITHDRAWN, MeetingPage, WithdrawnMeeting

COUNTY = "county"
#: Even without changes a feed is rebuilt now and then: cancelled occurrences age into EXDATEs.
FEED_TIMEOUT = 6 * 60 * 60


def partnership_scope(partnership_id):
    return f"p{partnership_id}"


def version_key(scope):
    return f"meetings:feed-version:{scope}"


def _new_version():
    """When (seconds, for Last-Modified) and a random tag (two changes in one second differ)."""
    return (int(time.time()), secrets.token_hex(8))


def bump(*scopes):
    """Retire every cached feed that depends on these scopes."""
    cache.set_many({version_key(scope): _new_version() for scope in scopes}, timeout=None)


def versions(scopes):
    """The current version of each scope, (seconds, tag), started now where unknown."""
    keys = {version_key(scope): scope for scope in scopes}
    found = cache.get_many(keys)
    missing = {key: _new_version() for key in keys if key not in found}
    if missing:
        cache.set_many(missing, timeout=None)
        found.update(missing)
    return [found[key] for key in keys]


#: Another app's events for a feed: `(partnerships, *, user, now)` to `CalendarMeeting`s, where
#: `partnerships` is None for the county feed. Registered by that app (meetings imports no
#: higher app), e.g. training's sessions from `TrainingConfig.ready`.
FeedSource = Callable[..., Sequence[CalendarMeeting]]
_SOURCES: list[FeedSource] = []


def register_source(source: FeedSource) -> None:
    """Add `source`'s events to every feed (county, partnership, private; once).

    The source decides what `user` may see in its query, builds the same `CalendarMeeting`
    data the one VEVENT builder takes, and bumps the feed versions (`bump`) of the scopes its
    events are in whenever they change.
    """
    if source not in _SOURCES:
        _SOURCES.append(source)


def source_events(partnerships=None, *, user, now=None) -> list[CalendarMeeting]:
    """Every registered source's events for this feed."""
    now = now or timezone.now()
    return [event for source in _SOURCES for event in source(partnerships, user=user, now=now)]


def feed_meetings(partnerships=None, *, user, now=None):
    """Live meetings for a feed (all, or under these partnerships), recent and future, that
    `user` may open (Wagtail's page privacy; anonymous for the public feeds).

    Always three queries, however many meetings: meetings with venues, their changes with
    new venues. `partnerships=None` means the whole county.
    """
    now = now or timezone.now()
    meetings = (
        viewable_by(MeetingPage.objects.live(), user)
        .filter(series_ends_at__gte=now - KEEP_CANCELLED)
        .with_schedule()
        .order_by("start", "pk")
    )
    if partnerships is not None:
        meetings = meetings.descendant_of_any(partnerships)
    return list(meetings)


def feed_withdrawn(partnerships=None, *, user, now=None):
    """Meetings unpublished or deleted in the last `KEEP_WITHDRAWN` that this feed held
    (under these partnerships, or the whole county), to show as cancelled."""
    now = now or timezone.now()
    withdrawn = WithdrawnMeeting.objects.filter(withdrawn_at__gte=now - KEEP_WITHDRAWN)
    if partnerships is not None:
        withdrawn = withdrawn.filter(partnership_id__in=[p.pk for p in partnerships])
    withdrawn = list(withdrawn.order_by("start", "pk"))
    group_ids = []
    if any(not meeting.public for meeting in withdrawn) and is_partner(user):
        group_ids = list(user.groups.values_list("pk", flat=True))
    return [meeting for meeting in withdrawn if meeting.visible_to(user, group_ids)]


def page_url(page):
    """The page's address under its Wagtail Site's configured root (Settings → Sites), never
    the host a request came in on: a cached feed is served to everyone."""
    return page.get_full_url() or ""


def build_feed(meetings, *, user, name, now=None, description="", withdrawn=(), others=()):
    """The .ics bytes for these meetings as `user` may see them (partners' details or not).

    Which meetings `user` may open is decided before, in the query (`feed_meetings`); the
    public feeds are built for an anonymous visitor. `withdrawn` (`feed_withdrawn`) are
    shown as cancelled; `others` are other apps' events (`source_events`).
    """
    now = now or timezone.now()
    partners = may_see(user, Visibility.PARTNERS)
    events = []
    for meeting in meetings:
        data = meeting.calendar_data(page_url(meeting), partners=partners)
        events.extend(meeting_vevents(data, dtstamp=now, now=now))
    for gone in withdrawn:
        data = gone.calendar_data()
        events.extend(meeting_vevents(data, dtstamp=now, now=now))
    for data in others:
        events.extend(meeting_vevents(data, dtstamp=now, now=now))
    return calendar(events, name=name, dtstamp=now, description=description).to_ical()


def _served_key(address):
    return f"meetings:feed-served:{address}"


class CachedFeed(NamedTuple):
    """A feed as built, and what it was built from (for `meetings.middleware`)."""

    body: bytes
    etag: str
    last_modified: int
    #: When it was built (seconds): it is rebuilt `FEED_TIMEOUT` later, changed or not.
    built_at: int
    scopes: tuple[str, ...]
    #: The versions of `scopes`, read before it was looked up or built.
    versions: tuple[tuple[int, str], ...]


def cached_feed(identity, scopes, build, *, address=None):
    """The feed (`CachedFeed`: body, etag, last_modified seconds...), built only when its
    versions changed.

    `address` names the feed as subscribers know it (`identity` by default). Its
    Last-Modified never goes backwards, and moves on whenever its body changes, even when
    the change made it depend on older versions (a partner left a partnership): a client
    that asks "modified since?" must never be told no about new content.
    """
    current = versions(scopes)
    raw = f"{identity}:" + ":".join(f"{seconds}-{tag}" for seconds, tag in current)
    key = "meetings:feed-built:" + hashlib.sha256(raw.encode()).hexdigest()
    stamp = (tuple(scopes), tuple(current))
    hit = cache.get(key)
    if hit is not None:
        return CachedFeed(*hit, *stamp)
    built_at = int(time.time())
    body = build()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    last_modified = max(seconds for seconds, _tag in current)
    served_key = _served_key(address or identity)
    served = cache.get(served_key)
    if served is not None:
        served_etag, served_last_modified = served
        if served_etag == etag:
            last_modified = max(last_modified, served_last_modified)
        else:
            last_modified = max(last_modified, served_last_modified + 1, int(time.time()))
    cache.set(served_key, (etag, last_modified), timeout=None)
    entry = (body, etag, last_modified, built_at)
    cache.set(key, entry, timeout=FEED_TIMEOUT)
    return CachedFeed(*entry, *stamp)
