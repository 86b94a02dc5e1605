from django.urls import path, re_path, register_converter

from . import views

app_name = "meetings"


class PageIdConverter:
    """A page id: digits that fit the database's bigint; longer ones are no page (404)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(PageIdConverter, "page_id")

urlpatterns = [
    path("county.ics", views.county_feed, name="county_feed"),
    # Wagtail slugs may be non-ASCII (e.g. "łódź"), which <slug:> would not match.
    re_path(
        r"^partnership/(?P<slug>[-\w]+)\.ics$", views.partnership_feed, name="partnership_feed"
    ),
    path("meeting/<page_id:pk>.ics", views.meeting_ics, name="meeting_ics"),
    path("private/regenerate/", views.regenerate_private_feed, name="regenerate_private_feed"),
    path("private/<str:token>.ics", views.private_feed, name="private_feed"),
]
