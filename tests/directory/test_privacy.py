"""`viewable_by` asks of a page queryset what Wagtail asks when it serves each page."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core.privacy import viewable_by
from directory.models import PartnershipPage
from tests.factories import UserFactory

from .factories import PartnershipIndexPageFactory, PartnershipPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    index = PartnershipIndexPageFactory(parent=home_page)
    return {
        name: PartnershipPageFactory(parent=index, title=name, slug=name)
        for name in ("open", "login", "groups", "password", "under-login")
    }


@pytest.fixture
def board(db):
    return Group.objects.create(name="Safeguarding board")


@pytest.fixture
def restrictions(pages, board):
    login = PageViewRestriction.objects.create(
        page=pages["login"], restriction_type=PageViewRestriction.LOGIN
    )
    groups = PageViewRestriction.objects.create(
        page=pages["groups"], restriction_type=PageViewRestriction.GROUPS
    )
    groups.groups.add(board)
    password = PageViewRestriction.objects.create(
        page=pages["password"], restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    # A restriction on a page covers the pages below it.
    Page.objects.get(pk=pages["under-login"].pk).move(pages["login"], pos="last-child")
    return {"login": login, "groups": groups, "password": password}


def seen(user, request=None):
    return set(
        viewable_by(PartnershipPage.objects.all(), user, request).values_list("slug", flat=True)
    )


def test_an_anonymous_viewer_sees_what_wagtails_public_sees(restrictions):
    assert seen(AnonymousUser()) == {"open"}
    assert seen(AnonymousUser()) == set(
        PartnershipPage.objects.public().values_list("slug", flat=True)
    )


def test_a_signed_in_partner_passes_sign_in_restrictions_and_the_pages_below_them(restrictions):
    assert seen(UserFactory()) == {"open", "login", "under-login"}


def test_a_member_of_a_restrictions_group_passes_it(restrictions, board):
    user = UserFactory()
    user.groups.add(board)

    assert seen(user) == {"open", "login", "under-login", "groups"}


def test_a_superuser_passes_groups_restrictions_but_never_a_password_without_a_session(
    restrictions,
):
    assert seen(UserFactory(is_superuser=True)) == {"open", "login", "under-login", "groups"}


def test_a_password_given_in_this_browser_counts_where_there_is_a_request(restrictions):
    request = RequestFactory().get("/")
    request.session = SessionStore()
    assert seen(AnonymousUser(), request) == {"open"}

    restrictions["password"].mark_as_passed(request)

    assert seen(AnonymousUser(), request) == {"open", "password"}
    assert seen(AnonymousUser()) == {"open"}


def test_an_inactive_account_passes_nothing(restrictions, board):
    user = UserFactory(is_active=False)
    user.groups.add(board)

    assert seen(user) == {"open"}


def test_asking_adds_no_query_however_many_restrictions(pages, restrictions, board):
    user = UserFactory()
    user.groups.add(board)
    with CaptureQueriesContext(connection) as captured:
        list(viewable_by(PartnershipPage.objects.all(), user))

    assert len(captured) == 1
