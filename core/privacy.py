"""Wagtail's page privacy as one question every listing, feed and download asks.

An editor restricts a page with Wagtail's *Privacy* setting (a `PageViewRestriction`: sign-in,
groups or a password); Wagtail then serves that page, and every page below it, only to viewers
who pass. `viewable_by` keeps the pages of any page queryset that this viewer may see, so that
listings and feeds show a restricted page to exactly those who may open it.

- Anonymous visitors pass no restriction (Wagtail's `.public()`), except a password they gave
  in this browser's session.
- A signed-in partner passes "sign-in" restrictions, and "groups" restrictions when in one of
  the groups (superusers always, as Wagtail's `accept_request` does).
- A password is remembered in the session of the browser that gave it; without a request
  (calendar feeds) nobody passes a password restriction.

A page below an unpublished (draft) page is left out too: Wagtail would serve it, but its
section is not out. The tests are two `NOT EXISTS` subqueries: no extra query, however many
pages or restrictions.
"""

from typing import TypeVar

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction

from .tree import ancestor_paths
from .visibility import Viewer, is_partner

Pages = TypeVar("Pages", bound=QuerySet)


def failing_restrictions(
    user: Viewer, request: HttpRequest | None = None
) -> QuerySet[PageViewRestriction]:
    """The view restrictions this viewer does not pass, as a queryset."""
    passed = Q(pk__in=[])
    if user is not None and is_partner(user):
        passed |= Q(restriction_type=PageViewRestriction.LOGIN)
        if user.is_superuser:
            passed |= Q(restriction_type=PageViewRestriction.GROUPS)
        else:
            in_their_groups = PageViewRestriction.groups.through.objects.filter(
                group__user=user
            ).values("pageviewrestriction_id")
            passed |= Q(restriction_type=PageViewRestriction.GROUPS, pk__in=in_their_groups)
    session = getattr(request, "session", None)
    if session is not None:
        given = session.get(PageViewRestriction.passed_view_restrictions_session_key, [])
        passed |= Q(restriction_type=PageViewRestriction.PASSWORD, pk__in=given)
    return PageViewRestriction.objects.exclude(passed)


def unpublished_ancestors() -> QuerySet[Page]:
    """The pages above the outer query's page (and the page itself) that are not live.

    Wagtail serves a live page below an unpublished one, and `.live()` asks only about the page
    itself; a page is published to the public only if every page above it is live too.
    """
    return Page.objects.filter(live=False, depth__gt=1).filter(
        path=Substr(OuterRef("path"), 1, Length("path"))
    )


def has_unpublished_ancestor(page: Page) -> bool:
    """Whether a page above this one is unpublished (a draft), so the page is not out either."""
    above = ancestor_paths(page.path)[:-1]
    return Page.objects.filter(live=False, depth__gt=1, path__in=above).exists()


def viewable_by(queryset: Pages, user: Viewer, request: HttpRequest | None = None) -> Pages:
    """The pages of `queryset` whose own and ancestors' view restrictions accept this viewer,
    and none of whose ancestors is unpublished.

    `request` is given where there is one (pages, downloads), so that a password given in this
    browser counts; feeds, fetched by calendar clients without a session, leave it out.
    """
    # A restriction covers its page and everything below: the page's path starts with its path.
    covering = (
        failing_restrictions(user, request)
        .annotate(prefix_length=Length("page__path"))
        # django-stubs types Substr's length narrower than Django, which takes any expression.
        .filter(page__path=Substr(OuterRef("path"), 1, F("prefix_length")))  # type: ignore[arg-type]
    )
    return queryset.exclude(Exists(covering)).exclude(Exists(unpublished_ancestors()))


def public(queryset: Pages) -> Pages:
    """The pages of `queryset` anyone may see: `viewable_by` a visitor who is not signed in and
    gave no password. Instead of Wagtail's `.public()`, which reads every restriction and asks
    one clause per restricted page (a query that grows with the site), it asks the same two
    subqueries as every other listing."""
    return viewable_by(queryset, None)
