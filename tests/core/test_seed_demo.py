"""`seed_demo` builds the demo county and is safe to run twice."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from core.demo import Log
from directory.models import PartnershipPage
from tests.core.test_settings import CONTROLLED, PRODUCTION_ENV, ROOT

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


def test_seed_demo_builds_six_lcts_the_headteacher_group_the_sign_ins_and_the_county_pages(
    monkeypatch,
):
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
    # The attendance report shows each sector's attendance per LCT.
    from meetings.attendance import SECTORS, reports
    from meetings.records import OccurrenceRecord

    for lct in lcts:
        latest = OccurrenceRecord.objects.filter(meeting__path__startswith=lct.path).first()
        (report,) = reports([lct], latest.date.year)
        assert report.meetings, lct.title
        assert [row.key for row in report.sectors][: len(SECTORS)] == [k for k, _l, _k in SECTORS]
        assert sum(row.meetings_attended for row in report.sectors) > 0

    # It names the county and adds a page for each audience and for worry.
    from ltc_portal.models import AudiencePage, ConcernSettings, ReportConcernPage

    site = Site.objects.get(is_default_site=True)
    assert site.site_name == "Worcestershire Local Children's Trusts"
    assert site.root_page.title == "Worcestershire Local Children's Trusts"
    audience_pages = AudiencePage.objects.child_of(site.root_page).live()
    assert sorted(audience_pages.values_list("slug", flat=True)) == [
        "parents-and-carers",
        "professionals",
        "schools",
        "taxi-drivers",
        "youth-and-faith-groups",
    ]
    assert all(page.material_audiences and page.training for page in audience_pages)
    concern = ReportConcernPage.objects.child_of(site.root_page).live().get()
    assert concern.slug == "report-a-concern"
    routes = " ".join(str(route.value["body"]) for route in concern.routes)
    for number in ["0800 1111", "0808 800 5000", "999", "101"]:
        assert number in routes
    assert "ceop.police.uk" in routes and "Report Remove" in routes
    assert ConcernSettings.for_site(site).more_help_page_id == concern.pk


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


def test_seed_demo_keeps_a_changed_password_and_resets_it_only_when_asked(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password")
    run_seed()
    partner = get_user_model().objects.get(username="partner")
    partner.set_password("the partner's own password")
    partner.save()

    kept = run_seed()
    partner.refresh_from_db()
    assert partner.check_password("the partner's own password")
    assert "kept the password of partner" in kept
    assert "nothing changed" in kept

    out = StringIO()
    call_command("seed_demo", "--reset-passwords", stdout=out)
    partner.refresh_from_db()
    assert partner.check_password("a-demo-password")
    assert "updated password of partner" in out.getvalue()


def test_seed_demo_refuses_to_run_with_demo_data_switched_off(settings):
    settings.DEMO_DATA_ALLOWED = False

    with pytest.raises(CommandError, match="refuses to run under production settings"):
        run_seed()

    assert not get_user_model().objects.filter(username="admin").exists()


def test_production_settings_switch_demo_data_off(tmp_path):
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "manage.py", "seed_demo"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in CONTROLLED},
            **PRODUCTION_ENV,
            "DJANGO_SETTINGS_MODULE": "ltc_portal.settings.production",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        },
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "seed_demo refuses to run under production settings" in result.stderr


@pytest.mark.django_db
def test_the_demo_site_serves_where_the_admin_points_so_feed_addresses_work(settings):
    from ltc_portal.demo import seed_core

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    seed_core(Log(lambda line: None))

    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"
