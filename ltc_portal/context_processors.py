"""What every page's layout needs: navigation, footer links, the report-a-concern panel.

The same for every anonymous visitor of a site, so it is built once per content version
(`core.page_cache.for_anonymous`) and only marked with the visitor's own section per request.
"""

from django.conf import settings
from wagtail.models import Site

from core.page_cache import for_anonymous
from core.privacy import viewable_by

from .models import ConcernSettings, FooterSettings


def site_navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return {"concern": ConcernSettings()}
    chrome = for_anonymous(request, "chrome", lambda: _chrome(request, site))
    return {
        "portal_site_name": chrome["portal_site_name"],
        "nav_items": [
            {**item, "current": bool(item["url"]) and request.path.startswith(item["url"])}
            for item in chrome["nav_items"]
        ],
        "footer_links": chrome["footer_links"],
        "concern": chrome["concern"],
    }


def _chrome(request, site):
    """The layout's parts for this viewer: sections they may see, footer pages, the panel."""
    sections = viewable_by(site.root_page.get_children().live().in_menu(), request.user, request)
    footer = FooterSettings.for_request(request)
    concern = ConcernSettings.for_request(request)
    concern.more_help  # noqa: B018 - loaded now, so that the cached copy holds its page
    return {
        "portal_site_name": site.site_name or settings.WAGTAIL_SITE_NAME,
        "nav_items": [{"title": page.title, "url": page.get_url(request)} for page in sections],
        "footer_links": [
            {"title": page.title, "url": page.get_url(request)}
            for page in (footer.accessibility_statement, footer.privacy_notice)
            if page is not None and page.live
        ],
        "concern": concern,
    }
