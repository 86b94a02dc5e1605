"""The directory's public addresses outside the page tree: suggesting a change to a page."""

from django.urls import re_path

from . import suggestions

SUBJECT = r"^(?P<kind>organisation|partnership)/(?P<pk>\d+)/"

urlpatterns = [
    re_path(SUBJECT + r"$", suggestions.suggest_change, name="suggest_change"),
    re_path(SUBJECT + r"sent/$", suggestions.suggestion_sent, name="suggestion_sent"),
]
