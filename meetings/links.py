"""Addresses for subscribing to the calendar feeds, and the names the calendars carry."""

from urllib.parse import urlencode

from django.urls import reverse

#: What a subscribed calendar is called in the subscriber's calendar app.
COUNTY_FEED_NAME = "LCT Portal: all meetings"
PRIVATE_FEED_NAME = "LCT Portal: my meetings"


def partnership_feed_name(partnership):
    return f"{partnership.title}: meetings"


def subscribe_links(request, path, name):
    """The ways to subscribe to a feed: webcal, https, Google Calendar and Outlook."""
    https = request.build_absolute_uri(path)
    if https.startswith("http://"):
        webcal = "webcal://" + https.removeprefix("http://")
    else:
        webcal = "webcal://" + https.removeprefix("https://")
    return {
        "name": name,
        "https": https,
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal}),
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?"
        + urlencode({"url": https, "name": name}),
        "outlook_work": "https://outlook.office.com/calendar/0/addfromweb?"
        + urlencode({"url": https, "name": name}),
    }


def county_links(request):
    return subscribe_links(request, reverse("meetings:county_feed"), COUNTY_FEED_NAME)


def partnership_links(request, partnership):
    return subscribe_links(
        request,
        reverse("meetings:partnership_feed", args=[partnership.slug]),
        partnership_feed_name(partnership),
    )


def private_links(request, token):
    return subscribe_links(
        request, reverse("meetings:private_feed", args=[token]), PRIVATE_FEED_NAME
    )
