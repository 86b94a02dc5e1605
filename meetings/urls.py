from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("county.ics", views.county_feed, name="county_feed"),
    path("partnership/<slug:slug>.ics", views.partnership_feed, name="partnership_feed"),
    path("meeting/<int:pk>.ics", views.meeting_ics, name="meeting_ics"),
    path("private/regenerate/", views.regenerate_private_feed, name="regenerate_private_feed"),
    path("private/<str:token>.ics", views.private_feed, name="private_feed"),
]
