from django.conf import settings
from django.urls import include, path
from django.views.decorators.cache import cache_control
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views.serve import serve as serve_document

from core import sitemaps
from core.sitemaps import PageSitemap
from directory.admin_views import AreaLogEntriesView
from directory.sitemaps import OrganisationSitemap

from . import views
from .accounts.views import AdminSignOutView

handler500 = "ltc_portal.views.server_error"

# The sitemap's sections; /sitemap.xml is their index (see core.sitemaps).
SITEMAPS = {"pages": PageSitemap, "organisations": OrganisationSitemap}

urlpatterns = [
    # Before the admin's own: signing out of the admin is POST only and ends the session.
    path("admin/logout/", AdminSignOutView.as_view(), name="wagtailadmin_logout"),
    # Before the admin's own: the site history less other districts' directory records.
    path(
        "admin/reports/site-history/",
        AreaLogEntriesView.as_view(),
        name="portal_site_history",
    ),
    path(
        "admin/reports/site-history/results/",
        AreaLogEntriesView.as_view(results_only=True),
        name="portal_site_history_results",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("account/", include("ltc_portal.accounts.urls")),
    # Who may download a document depends on the viewer: never from a shared cache.
    path(
        "documents/<int:document_id>/<str:document_filename>",
        cache_control(private=True)(serve_document),
        name="wagtaildocs_serve",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.search, name="search"),
    path("calendar/", include("meetings.urls")),
    path("attendance/", include("meetings.attendance_urls")),
    path("suggest-a-change/", include("directory.urls")),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "section_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<str:section>.xml",
        sitemaps.section,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Images only: documents must go through /documents/, where partners-only ones are checked.
    for folder in ("images", "original_images"):
        urlpatterns += static(
            f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder
        )

urlpatterns += [path("", include(wagtail_urls))]
