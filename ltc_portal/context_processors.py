"""What every page's layout needs: navigation, footer links, the report-a-concern panel."""

from django.conf import settings
from wagtail.models import Site

from core.privacy import viewable_by

from .models import ConcernSettings, FooterSettings


def site_navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return {"concern": ConcernSettings()}
    root = site.root_page
    nav_items = []
    sections = viewable_by(root.get_children().live().in_menu(), request.user, request)
    for child in sections:
        url = child.get_url(request)
        nav_items.append(
            {
                "title": child.title,
                "url": url,
                "current": bool(url) and request.path.startswith(url),
            }
        )
    footer = FooterSettings.for_request(request)
    footer_links = [
        {"title": page.title, "url": page.get_url(request)}
        for page in (footer.accessibility_statement, footer.privacy_notice)
        if page is not None and page.live
    ]
    return {
        "portal_site_name": site.site_name or settings.WAGTAIL_SITE_NAME,
        "nav_items": nav_items,
        "footer_links": footer_links,
        "concern": ConcernSettings.for_request(request),
    }
