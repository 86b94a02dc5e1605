"""The directory's part of the sitemap: every organisation's page address, in parts.

Addresses and last-modified dates only: nothing about people. Listed only when the directory
page itself is live and public.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max
from wagtail.contrib.sitemaps import Sitemap

from core.privacy import viewable_by

from .models import DirectoryPage, Organisation


class OrganisationSitemap(Sitemap):
    # A part of 1,000 addresses renders, cold, in a fraction of the 300 ms a crawler is given
    # (5,000 took over a second at national scale; `make bench` measures it).
    limit = 1000

    def directory(self):
        if not hasattr(self, "_directory"):
            root = self.get_wagtail_site().root_page
            pages = DirectoryPage.objects.descendant_of(root, inclusive=True).live()
            self._directory = viewable_by(pages, AnonymousUser()).first()
        return self._directory

    def items(self):
        if self.directory() is None:
            return Organisation.objects.none()
        return Organisation.objects.only("pk", "name", "updated_at").order_by("pk")

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]

    def _urls(self, page, protocol, domain):
        directory = self.directory()
        base = directory.get_full_url(self.request) if directory else None
        if base is None:
            return []
        urls = [
            {
                "location": base + directory.organisation_subpath(organisation),
                "lastmod": organisation.updated_at,
            }
            for organisation in self.paginator.page(page).object_list
        ]
        if urls:
            self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls
