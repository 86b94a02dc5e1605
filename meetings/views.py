"""Feeds, the single-meeting .ics and regenerating a private address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse, HttpResponseNotFound, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe
from wagtail.contrib.redirects.models import Redirect

from core.enums import Visibility
from core.privacy import failing_restrictions, viewable_by
from core.visibility import may_see
from directory.models import PartnershipPage, partnerships_of

from . import feeds
from .links import COUNTY_FEED_NAME, PRIVATE_FEED_NAME, partnership_feed_name
from .middleware import FEED_ATTRIBUTE
from .models import FeedToken, MeetingPage

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _ics_response(request, body, *, etag=None, last_modified=None, filename, private=False):
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["Cache-Control"] = "private, max-age=300" if private else "public, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    if etag is None:
        return response
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Given the full response, a 304 carries its ETag and Cache-Control as RFC 9110 asks.
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )


def _feed(request, identity, scopes, build, *, filename, private=False, address=None):
    feed = feeds.cached_feed(identity, scopes, build, address=address)
    response = _ics_response(
        request,
        feed.body,
        etag=feed.etag,
        last_modified=feed.last_modified,
        filename=filename,
        private=private,
    )
    if private:
        response["Referrer-Policy"] = "no-referrer"
    else:
        # The same for everyone: meetings.middleware may answer the next request with it.
        setattr(request, FEED_ATTRIBUTE, feed)
    return response


@require_safe
def county_feed(request):
    def build():
        return feeds.build_feed(
            feeds.feed_meetings(user=AnonymousUser()),
            withdrawn=feeds.feed_withdrawn(user=AnonymousUser()),
            others=feeds.source_events(user=AnonymousUser()),
            user=AnonymousUser(),
            name=COUNTY_FEED_NAME,
        )

    return _feed(request, "county", [feeds.COUNTY], build, filename="county-meetings.ics")


@require_safe
def partnership_feed(request, slug):
    # A public feed: a partnership an editor made private has none.
    partnership = (
        viewable_by(PartnershipPage.objects.live(), AnonymousUser()).filter(slug=slug).first()
    )
    if partnership is None:
        renamed = _renamed_partnership(slug)
        if renamed is None:
            raise Http404("No such partnership")
        # Subscribers keep the address they subscribed to: send them on for good.
        return HttpResponsePermanentRedirect(
            reverse("meetings:partnership_feed", args=[renamed.slug])
        )

    def build():
        return feeds.build_feed(
            feeds.feed_meetings([partnership], user=AnonymousUser()),
            withdrawn=feeds.feed_withdrawn([partnership], user=AnonymousUser()),
            others=feeds.source_events([partnership], user=AnonymousUser()),
            user=AnonymousUser(),
            name=partnership_feed_name(partnership),
        )

    return _feed(
        request,
        f"partnership:{partnership.pk}",
        [feeds.partnership_scope(partnership.pk)],
        build,
        filename=f"{slug}-meetings.ics",
    )


def _renamed_partnership(old_slug):
    """The public partnership that had this slug, from the redirects Wagtail made when an
    editor changed it (the same ones that send its pages on), or None."""
    pages = Redirect.objects.filter(
        old_path__endswith=f"/{old_slug}", redirect_page__isnull=False
    ).values("redirect_page_id")
    public = viewable_by(PartnershipPage.objects.live(), AnonymousUser())
    return public.filter(pk__in=pages).first()


def _not_found_quietly():
    """A 404 that Django does not log: the path holds a (retired) secret."""
    response = HttpResponseNotFound("Not found", content_type="text/plain; charset=utf-8")
    response._has_been_logged = True  # django.utils.log.log_response checks this
    return response


@require_safe
def private_feed(request, token):
    feed_token = FeedToken.objects.for_token(token)
    if feed_token is None or not feed_token.user.is_active:
        return _not_found_quietly()
    user = feed_token.user
    partnerships = list(partnerships_of(user))
    partners = may_see(user, Visibility.PARTNERS)

    def build():
        return feeds.build_feed(
            feeds.feed_meetings(partnerships, user=user),
            withdrawn=feeds.feed_withdrawn(partnerships, user=user),
            others=feeds.source_events(partnerships, user=user),
            user=user,
            name=PRIVATE_FEED_NAME,
        )

    # What this user may open changes with their groups as well as with the restrictions.
    refused = failing_restrictions(user).order_by("pk").values_list("pk", flat=True)
    identity = (
        f"private:{user.pk}:{partners}:"
        + ",".join(str(p.pk) for p in partnerships)
        + ":refused:"
        + ",".join(str(pk) for pk in refused)
    )
    scopes = [feeds.partnership_scope(p.pk) for p in partnerships] or [feeds.COUNTY]
    return _feed(
        request,
        identity,
        scopes,
        build,
        filename="my-meetings.ics",
        private=True,
        address=f"private:{user.pk}",
    )


@require_safe
def meeting_ics(request, pk):
    """One meeting (with its series and changes) to add to a calendar; not cached."""
    meetings = viewable_by(MeetingPage.objects.live(), request.user, request)
    meeting = get_object_or_404(meetings.with_schedule(), pk=pk)
    body = feeds.build_feed([meeting], user=request.user, name=meeting.title)
    # Partners' details, or a meeting behind a Privacy setting (even a password), must not sit
    # in a shared cache.
    public = (
        not may_see(request.user, Visibility.PARTNERS)
        and viewable_by(meetings.filter(pk=pk), AnonymousUser()).exists()
    )
    return _ics_response(request, body, filename=f"{meeting.slug}.ics", private=not public)


@require_POST
@login_required
def regenerate_private_feed(request):
    """A new secret address; the old one returns 404 from now on."""
    FeedToken.regenerate(request.user)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    messages.success(
        request,
        "Your private calendar address has changed. Subscribe again with the new address; "
        "the old one no longer works.",
    )
    return redirect(next_url)
