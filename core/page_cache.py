"""Anonymous visitors' pages from the shared cache (Redis in production), and the one version
that retires every cached page and sitemap part at once.

Built on Django's cache framework rather than wagtail-cache (its 3.0.0 requires Wagtail < 8,
and its `clear_cache()` empties the whole cache backend, which in production is the Redis
database the background tasks are queued in) or Wagtail's frontend cache (it purges a CDN, which the
portal does not have, and only the edited page's own addresses, not the listings showing a
snippet).

- `may_cache` is the rule: which requests may be answered from the cache, and which responses
  may be stored. Only anonymous visitors (no session or messages cookie: no sign-in, no page
  password given, no message waiting) are ever answered from or fill the cache; only a page
  Wagtail served, public to anyone (`core.privacy.viewable_by`), answered 200 without a cookie,
  a CSRF token or its own `Cache-Control`, is stored. Searches and filters (any query but a
  page number) are rendered each time, so nobody can fill the cache with made-up queries.
  Campaign tracking parameters (`utm_source` and the like) are taken off every request first
  (`without_tracking`): a campaign's visitors share the page's one cached copy.
- `version` is part of every key; `bump_version` retires every cached page and sitemap part.
  Publishing, unpublishing, moving or deleting a page and changing a page's privacy bump it
  here; saving or deleting anything a page shows (a snippet, a membership, a meeting's change,
  a setting) bumps it through the receiver each app connects. `TIMEOUT` bounds what changes
  with time alone (a meeting that has started, a membership that has ended) and bulk imports.
- Responses keep `Cache-Control: private` (ltc_portal.http_middleware): the proxy in front
  cannot tell a partner from a visitor, nor learn that a page changed, so only this cache, which
  is retired on every change, keeps a copy.
"""

import hashlib
import logging
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import compression
from .paging import SHOWN_ATTRIBUTE
from .privacy import viewable_by

logger = logging.getLogger(__name__)

VERSION_KEY = "content:version"
#: Seconds a cached page lives without a change: what changes with the clock alone shows late
#: by at most this much.
TIMEOUT = 5 * 60
#: The request attribute naming the Wagtail page that answered (set by core's hook).
PAGE_ATTRIBUTE = "page_cache_page"
#: Says whether a page came from the cache (`hit`) or was stored (`miss`), for `make bench`.
HEADER = "X-Page-Cache"
#: Cookies that change what a page shows: a sign-in or page password, a message to show once.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)


def version() -> int:
    return int(cache.get_or_set(VERSION_KEY, 1, timeout=None) or 1)


def bump_version(**kwargs: Any) -> None:
    """Start every cached page and sitemap part afresh (old keys expire on their own).

    Now, and again once the change is committed: a visitor's request between the two would
    otherwise store the page as it was before the change under the new version.
    """
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
    signal.connect(bump_version, dispatch_uid=f"content-{signal!r}")
receiver(post_delete, sender=Page, dispatch_uid="content-page-deleted")(bump_version)
for signal in (post_save, post_delete):
    receiver(signal, sender=PageViewRestriction, dispatch_uid=f"content-restriction-{signal!r}")(
        bump_version
    )


@receiver(m2m_changed, sender=PageViewRestriction.groups.through, dispatch_uid="content-groups")
def restriction_groups_changed(action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        bump_version()


def _holds_personal_cookie(request: HttpRequest) -> bool:
    return any(name in request.COOKIES for name in PERSONAL_COOKIES)


def may_cache(request: HttpRequest, response: HttpResponseBase | None = None) -> bool:
    """Whether this request may be answered from the cache, and, given the response it got,
    whether that response may be stored for the next anonymous visitor."""
    if request.method not in ("GET", "HEAD"):
        return False
    if _holds_personal_cookie(request):
        return False
    # A page number is a page of a list; anything else (a search, a filter) is not cached.
    query = request.META.get("QUERY_STRING", "")
    if query and not re.fullmatch(r"page=[1-9][0-9]{0,5}", query):
        return False
    number = query.removeprefix("page=") or None
    if response is None:
        return True
    page = getattr(request, PAGE_ATTRIBUTE, None)
    return (
        request.method == "GET"
        and page is not None
        # Only the page of a list it shows: ?page=99999 of a short list, or of a page with no
        # list, is not stored under its own address.
        and (number is None or str(getattr(request, SHOWN_ATTRIBUTE, "")) == number)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.has_header("Cache-Control")
        and viewable_by(Page.objects.filter(pk=page.pk), AnonymousUser()).exists()
    )


#: Query parameters a campaign's links carry for the analytics of the site that sent them: no
#: page here reads them, so they are taken off before anything sees the request, and a spike of
#: visitors from one tagged link is answered from the one cached copy.
TRACKING = re.compile(r"utm_[a-z_]+|gclid|gbraid|wbraid|fbclid|msclkid|mc_cid|mc_eid|_ga|_gl")


def without_tracking(request: HttpRequest) -> None:
    """Take campaign tracking parameters off a GET or HEAD request (its query and `GET`)."""
    query = request.META.get("QUERY_STRING", "")
    if request.method not in ("GET", "HEAD") or not query:
        return
    pairs = query.split("&")
    kept = [pair for pair in pairs if not TRACKING.fullmatch(pair.partition("=")[0])]
    if len(kept) == len(pairs):
        return
    request.META["QUERY_STRING"] = "&".join(kept)
    # `GET` is read from the query string when first used, which is after this.
    request.__dict__.pop("GET", None)


def _address(request: HttpRequest) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return hashlib.sha256(address.encode()).hexdigest()


class PageCacheMiddleware:
    """Answers anonymous GETs of public pages from the cache, and stores what may be stored.

    It sits outside the session, CSRF, authentication and messages middleware, so a cached
    page is answered without a query; a cache that does not answer is logged and bypassed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        without_tracking(request)
        if not may_cache(request):
            return self.get_response(request)
        key = f"page:{_address(request)}"  # an unknown host is refused here, as everywhere
        try:
            current, hit = _read(key)
        except Exception:
            logger.exception("The page cache did not answer")
            return self.get_response(request)
        if hit is not None:
            stored, headers = hit
            cached = HttpResponse()
            for name, value in headers:
                cached[name] = value
            compression.answer(request, cached, stored)
            cached[HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if isinstance(response, HttpResponse) and may_cache(request, response):
            compression.vary(response)
            stored = compression.compress(response.content)
            try:
                _write(key, current, (stored, list(response.items())))
            except Exception:
                logger.exception("The page cache did not store a page")
            else:
                response[HEADER] = "miss"
        return response


def _read(key: str) -> tuple[int, Any]:
    """(the content version now, what `key` holds if it was stored at that version, else None).

    One round trip: the version and the entry in one read. An entry holds the version it was
    stored at, so a bumped version retires it without a delete (it is overwritten or expires).
    """
    found = cache.get_many([VERSION_KEY, key])
    current = found.get(VERSION_KEY)
    if current is None:
        current = version()
    entry = found.get(key)
    if entry is not None and entry[0] == current:
        return int(current), entry[1]
    return int(current), None


def _write(key: str, stored_at: int, value: Any) -> None:
    """Store `value` as of version `stored_at`, read before it was built: were anything to
    change while it was built, the version has moved on and the entry is never served."""
    cache.set(key, (stored_at, value), TIMEOUT)


def is_anonymous(request: HttpRequest) -> bool:
    """Whether this visitor is anyone at all: no sign-in, page password or message waiting."""
    if _holds_personal_cookie(request):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def for_anonymous(request: HttpRequest, name: str, build: Callable[[], Any]) -> Any:
    """What `build()` gives an anonymous visitor, kept in the cache like a page: shared by
    every anonymous visitor of this site, retired by the same version and `TIMEOUT`.

    For the parts many pages repeat (navigation, footer, the next meetings) when a page itself
    is rendered, as for a search. Anyone signed in, or holding a page password, gets `build()`
    afresh and fills nothing. `build` must give the same to every anonymous visitor of the site
    and be pickled by the cache (plain data or HTML, not model instances).
    """
    if not is_anonymous(request):
        return build()
    key = f"part:{name}:{request.get_host()}"
    try:
        current, hit = _read(key)
    except Exception:
        logger.exception("The page cache did not answer")
        return build()
    if hit is not None:
        return hit
    value = build()
    try:
        _write(key, current, value)
    except Exception:
        logger.exception("The page cache did not store a part")
    return value
