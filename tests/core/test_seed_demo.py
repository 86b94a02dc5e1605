"""`seed_demo` builds the demo county and is safe to run twice."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from directory.models import PartnershipPage

pytestmark = pytest.mark.django_db


def snapshot():
    """Row counts of every model, and every page's path and title."""
    counts = {model._meta.label: model.objects.count() for model in apps.get_models()}
    pages = sorted(Page.objects.values_list("url_path", "title", "live"))
    return counts, pages


def run_seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


# seed_demo takes seconds, so each test below seeds once and checks several things about it.


def test_seed_demo_builds_six_lcts_the_headteacher_group_and_the_sign_ins(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password")

    output = run_seed()

    lcts = PartnershipPage.objects.filter(kind="lct").live()
    assert sorted(p.title for p in lcts) == [
        f"{d} Local Children's Trust"
        for d in [
            "Bromsgrove",
            "Malvern Hills",
            "Redditch",
            "Worcester City",
            "Wychavon",
            "Wyre Forest",
        ]
    ]
    assert PartnershipPage.objects.filter(kind="county_group", slug="headteacher-group").exists()
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    assert users.get(username="coord-redditch").check_password("a-demo-password")
    assert users.get(username="partner").check_password("a-demo-password")
    assert not users.get(username="partner").is_staff
    assert "a-demo-password" in output


def test_seed_demo_twice_leaves_the_same_content_says_so_and_keeps_an_editors_changes():
    run_seed()
    page = PartnershipPage.objects.get(slug="redditch")
    page.title = "Redditch LCT (renamed by its coordinator)"
    page.save_revision().publish()
    first = snapshot()

    output = run_seed()

    assert snapshot() == first
    assert "nothing changed" in output
    assert PartnershipPage.objects.get(slug="redditch").title.startswith("Redditch LCT (renamed")
