"""The sitemap as an index and parts (Django's sitemap pagination), each part cached.

`/sitemap.xml` is the index; `/sitemap-<section>.xml?p=N` are its parts, at most `limit` items
each. Parts and the index are cached in the shared cache (Redis in production) under the version
cached pages use (`core.page_cache`), which any publish, unpublish, move, deletion or privacy
change of a page and any save of what pages show (an organisation among them) bumps, so a page
leaves the sitemap as soon as it is unpublished or restricted; a timeout of `TIMEOUT` seconds
catches anything that changes without a signal (bulk imports). Only live, public pages and
public addresses are listed: never people.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.html import escape
from wagtail.contrib.sitemaps import Sitemap

from .page_cache import version
from .privacy import viewable_by

TIMEOUT = 60 * 60


class PageSitemap(Sitemap):
    """Live public pages of the request's site, a part of `limit` pages at a time."""

    limit = 1000

    def items(self):
        # What an anonymous visitor may open: Wagtail's privacy, and no page below a draft.
        # Wagtail's own items() adds `.public()`, one clause per restricted page: the same
        # rule, asked by a query that grows with every restriction.
        pages = (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
        return viewable_by(pages, AnonymousUser())

    def get_latest_lastmod(self):
        # One aggregate, not a walk over every page as Django's default does.
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]


def _cached(request: HttpRequest, name: str, render: Callable[[], HttpResponse]) -> HttpResponse:
    key = f"sitemap:{version()}:{request.scheme}:{request.get_host()}:{name}"
    hit = cache.get(key)
    if hit is not None:
        content, content_type = hit
        response = HttpResponse(content, content_type=content_type)
    else:
        response = render()
        if hasattr(response, "render"):
            response.render()
        if response.status_code != 200:
            return response
        cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def index(request: HttpRequest, sitemaps: Mapping[str, Any], section_url_name: str) -> HttpResponse:
    """The sitemap index: one entry for each part of each section."""
    return _cached(
        request,
        "index",
        lambda: sitemap_views.index(
            request, _prepared(request, sitemaps), sitemap_url_name=section_url_name
        ),
    )


def section(request: HttpRequest, sitemaps: Mapping[str, Any], section: str) -> HttpResponse:
    """One part of one section; a page number that is not a plain number is not cached."""
    if section not in sitemaps:
        raise Http404(f"No sitemap section {section!r}")
    try:
        page = int(request.GET.get("p", 1))
    except ValueError:
        raise Http404("No such part") from None
    return _cached(request, f"{section}:{page}", lambda: _part(request, sitemaps[section], page))


def _part(request: HttpRequest, sitemap_class: Any, page: int) -> HttpResponse:
    """The part's XML, written directly: Django's template takes seconds for 5,000 addresses."""
    try:
        urls = sitemap_class(request).get_urls(
            page=page, site=get_current_site(request), protocol=request.scheme
        )
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such part") from None
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url in urls:
        lastmod = url.get("lastmod")
        lines.append(
            f"<url><loc>{escape(url['location'])}</loc>"
            + (f"<lastmod>{lastmod.strftime('%Y-%m-%d')}</lastmod>" if lastmod else "")
            + "</url>"
        )
    lines.append("</urlset>\n")
    return HttpResponse("\n".join(lines), content_type="application/xml")


def _prepared(request: HttpRequest, sitemaps: Mapping[str, Any]) -> dict[str, Any]:
    return {name: cls(request) for name, cls in sitemaps.items()}
