from django.urls import path, re_path

from . import attendance_views

app_name = "attendance"

urlpatterns = [
    path("<int:year>/", attendance_views.overview, name="overview"),
    # Wagtail slugs may be non-ASCII, which <slug:> would not match.
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<slug>[-\w]+)/$",
        attendance_views.report,
        name="report",
    ),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<slug>[-\w]+)\.csv$",
        attendance_views.report_csv,
        name="report_csv",
    ),
]
