from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import views
from .accounts.views import AdminSignOutView

handler500 = "ltc_portal.views.server_error"

urlpatterns = [
    # Before the admin's own: signing out of the admin is POST only and ends the session.
    path("admin/logout/", AdminSignOutView.as_view(), name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("account/", include("ltc_portal.accounts.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.search, name="search"),
    path("calendar/", include("meetings.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
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
