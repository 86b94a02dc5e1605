"""The public calendar feeds (county, partnership) answered from the cache before the session,
sign-in and axes middleware and the view run: one or two cache round trips, no query.

Calendar apps poll these addresses all day, most often with `If-None-Match`, so a warm request
must cost next to nothing. When a public feed's view answers 200 (`meetings.views._feed`), this
middleware stores, under the address, a small record of it: the versions it was built from
(`meetings.feeds.versions`), its ETag and Last-Modified and the response's headers, and the
body under its ETag. The next request for that address reads the record and the current
versions together and is answered from them only if every version is still the one the feed
was built from, so a feed changes as soon as a meeting in it changes (`feeds.bump`), exactly as
it would through the view. A 304 never reads the body.

A partnership's feed is found by its slug, and the slug leads to a different partnership, to
none or to a redirect when a partnership is renamed, unpublished, moved, deleted or made
private: anything of that kind bumps the page cache's content version
(`core.page_cache.VERSION_KEY`), which the record of a partnership's feed also carries. A
partnership restricted by Wagtail's Privacy setting has no public feed, so it is never stored,
and a record stored before the restriction is retired by it.

Private feeds (a secret address) are never stored here: their view does not offer them.
"""

import logging
import time
from typing import NamedTuple

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response

from core import compression
from core.page_cache import VERSION_KEY
from core.page_cache import version as content_version

from .feeds import COUNTY, FEED_TIMEOUT, version_key

logger = logging.getLogger(__name__)

#: Says whether a feed came from this cache (`hit`) or was stored (`miss`), for `make bench`.
HEADER = "X-Feed-Cache"
#: The request attribute a public feed's view sets to the `feeds.CachedFeed` it answered with.
FEED_ATTRIBUTE = "public_feed"


class Record(NamedTuple):
    """What answers a public feed's address without its view."""

    scopes: tuple[str, ...]
    versions: tuple[tuple[int, str], ...]
    #: The page cache's content version the slug was looked up under, or None (the county's).
    content: int | None
    etag: str
    last_modified: int
    headers: list[tuple[str, str]]


class Route(NamedTuple):
    #: Whether the view looks the feed up by slug (so it depends on the page tree).
    by_slug: bool
    #: The versions to read with the record (those the feed always depends on).
    scopes: tuple[str, ...]


def _record_key(path: str) -> str:
    return f"meetings:feed-record:{path}"


def _full_key(path: str) -> str:
    """The record with the body: what a request without a validator reads."""
    return f"meetings:feed-full:{path}"


#: Headers that make a request conditional: it is likely answered 304, without the body.
CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


class FeedCacheMiddleware:
    """Answers GETs of the public feeds from the cache, and stores what their views answered.

    It sits beside `core.page_cache.PageCacheMiddleware`, outside the session, sign-in and
    axes middleware; a cache that does not answer is logged and bypassed.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._prefixes: tuple[str, str] | None = None
        #: The scopes each stored feed's record named, last seen in this process: read with
        #: the record, they save a second round trip; checked against the record every time.
        self._scopes: dict[str, tuple[str, ...]] = {}

    def _route(self, path: str) -> Route | None:
        if self._prefixes is None:
            county = reverse("meetings:county_feed")
            partnership = reverse("meetings:partnership_feed", args=["x"]).removesuffix("x.ics")
            self._prefixes = (county, partnership)
        county, partnership = self._prefixes
        if path == county:
            return Route(by_slug=False, scopes=(COUNTY,))
        slug = path.removeprefix(partnership).removesuffix(".ics")
        if path.startswith(partnership) and path.endswith(".ics") and slug and "/" not in slug:
            return Route(by_slug=True, scopes=())
        return None

    def __call__(self, request):
        route = None
        if request.method in ("GET", "HEAD"):
            route = self._route(request.path)
        if route is None:
            return self.get_response(request)
        request.get_host()  # an unknown host is refused here, as everywhere
        content = None
        try:
            response, content = self._answer(request, route)
        except Exception:
            logger.exception("The feed cache did not answer")
            return self.get_response(request)
        if response is not None:
            return response
        response = self.get_response(request)
        compression.vary(response)  # as every answer from the cache says
        try:
            self._store(request, response, route, content)
        except Exception:
            logger.exception("The feed cache did not store a feed")
        return response

    def _answer(self, request, route):
        """(the response from the cache or None, the content version read before the view)."""
        path = request.path
        lean = any(name in request.META for name in CONDITIONAL)
        entry_key = _record_key(path) if lean else _full_key(path)
        scopes = tuple(dict.fromkeys((*route.scopes, *self._scopes.get(path, ()))))
        keys = [entry_key, *(version_key(scope) for scope in scopes)]
        if route.by_slug:
            keys.append(VERSION_KEY)
        found = cache.get_many(keys)
        content = found.get(VERSION_KEY) if route.by_slug else None
        if route.by_slug and content is None:
            content = content_version()
        entry = found.get(entry_key)
        if entry is None:
            return None, content
        record, body = (entry, None) if lean else entry
        if route.by_slug and record.content != content:
            return None, content
        self._scopes[path] = record.scopes
        response = HttpResponse()
        for name, value in record.headers:
            response[name] = value
        answer = get_conditional_response(
            request, etag=record.etag, last_modified=record.last_modified, response=response
        )
        # The versions it was built from, and the body unless a 304 (or 412) answers.
        wanted = [version_key(scope) for scope in record.scopes if scope not in scopes]
        if answer is response and body is None:
            wanted.append(_full_key(path))
        if wanted:
            found.update(cache.get_many(wanted))
        for scope, built_from in zip(record.scopes, record.versions, strict=True):
            if found.get(version_key(scope)) != built_from:
                return None, content
        if answer is response:
            if body is None:
                full = found.get(_full_key(path))
                if full is None or full[0] != record:
                    return None, content
                body = full[1]
            compression.answer(request, response, body)
        else:
            compression.label(request, answer)
        answer[HEADER] = "hit"
        return answer, content

    def _store(self, request, response, route, content):
        feed = getattr(request, FEED_ATTRIBUTE, None)
        if (
            feed is None
            or request.method != "GET"
            or not isinstance(response, HttpResponse)
            or response.status_code != 200
            or response.streaming
            or response.cookies
        ):
            return
        # Never longer than the feed itself lives: cancelled occurrences age into EXDATEs.
        timeout = feed.built_at + FEED_TIMEOUT - int(time.time())
        if timeout <= 0:
            return
        record = Record(
            scopes=feed.scopes,
            versions=feed.versions,
            content=content if route.by_slug else None,
            etag=feed.etag,
            last_modified=feed.last_modified,
            headers=[(name, value) for name, value in response.items() if name != HEADER],
        )
        body = compression.compress(feed.body)
        cache.set_many(
            {_record_key(request.path): record, _full_key(request.path): (record, body)},
            timeout,
        )
        response[HEADER] = "miss"
