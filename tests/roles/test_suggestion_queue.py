"""Suggested changes wait in their area's queue in the admin: each coordinator sees and marks
done only their own area's, another district's are not found (by URL either), county
administrators see all, and marking one done is in the audit log."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import ModelLogEntry

from directory.models import ChangeSuggestion
from tests.directory.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def suggestions(county):
    redditch_school = OrganisationFactory(name="Redditch High", area=county.redditch.area)
    wyre_school = OrganisationFactory(name="Kidderminster Primary", area=county.wyre_forest.area)
    return {
        "redditch": ChangeSuggestion.objects.create(
            organisation=redditch_school,
            text="Redditch phone is wrong",
            email="redditch.suggester@example.org",
        ),
        "wyre forest": ChangeSuggestion.objects.create(
            organisation=wyre_school,
            text="Wyre Forest head has left",
            email="wyre.suggester@example.org",
        ),
        "redditch lct": ChangeSuggestion.objects.create(
            partnership=county.redditch, text="Redditch LCT chair changed"
        ),
        "county group": ChangeSuggestion.objects.create(
            partnership=county.headteacher_group, text="Headteacher group list out of date"
        ),
    }


def index(client, user):
    client.force_login(user)
    response = client.get(reverse("change_suggestions:index"))
    assert response.status_code == 200
    return response.content.decode()


def edit_url(suggestion):
    return reverse("change_suggestions:edit", args=[suggestion.pk])


def test_a_coordinator_lists_only_their_own_areas_suggestions(client, county, suggestions):
    body = index(client, county.users["redditch coordinator"])
    assert "Redditch High" in body
    assert "Redditch LCT" in body
    assert "Kidderminster Primary" not in body
    assert "County headteacher group" not in body


def test_an_administrator_lists_every_suggestion_including_county_groups(
    client, county, suggestions
):
    body = index(client, county.users["administrator"])
    for name in ("Redditch High", "Kidderminster Primary", "Redditch LCT", "County headteacher"):
        assert name in body


def test_a_coordinator_reads_their_own_suggestion_with_its_email(client, county, suggestions):
    client.force_login(county.users["redditch coordinator"])
    body = client.get(edit_url(suggestions["redditch"])).content.decode()
    assert "Redditch phone is wrong" in body
    assert "redditch.suggester@example.org" in body


@pytest.mark.parametrize("view", ["edit", "history", "delete", "usage"])
def test_another_districts_suggestion_is_not_found_by_its_address(
    client, county, suggestions, view
):
    client.force_login(county.users["redditch coordinator"])
    url = reverse(f"change_suggestions:{view}", args=[suggestions["wyre forest"].pk])
    response = client.get(url)
    assert response.status_code in (403, 404)
    assert b"wyre.suggester@example.org" not in response.content


def test_another_districts_suggestion_cannot_be_marked_done(client, county, suggestions):
    client.force_login(county.users["redditch coordinator"])
    response = client.post(edit_url(suggestions["wyre forest"]), {"status": "done"})
    assert response.status_code in (403, 404)
    suggestions["wyre forest"].refresh_from_db()
    assert suggestions["wyre forest"].status == "open"
    assert suggestions["wyre forest"].email == "wyre.suggester@example.org"


def test_a_county_group_suggestion_is_for_administrators_only(client, county, suggestions):
    client.force_login(county.users["redditch coordinator"])
    assert client.get(edit_url(suggestions["county group"])).status_code in (403, 404)


@pytest.mark.parametrize("role", ["partner", "headteacher group editor"])
def test_partners_and_other_editors_have_no_queue(client, county, suggestions, role):
    client.force_login(county.users[role])
    response = client.get(reverse("change_suggestions:index"))
    assert response.status_code in (302, 403)


def test_nobody_writes_a_suggestion_in_the_admin(client, county):
    client.force_login(county.users["administrator"])
    response = client.get(reverse("change_suggestions:add"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_marking_done_records_who_erases_the_email_and_is_in_the_audit_log(
    client, county, suggestions
):
    coordinator = county.users["redditch coordinator"]
    client.force_login(coordinator)
    suggestion = suggestions["redditch"]
    response = client.post(edit_url(suggestion), {"status": "done"})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == "done"
    assert suggestion.handled_by == coordinator
    assert suggestion.handled_at is not None
    assert suggestion.email == ""
    entry = ModelLogEntry.objects.get(
        object_id=str(suggestion.pk), action="directory.suggestion_done"
    )
    assert entry.user == coordinator


def test_the_site_history_never_shows_another_districts_suggestion_text(
    client, county, suggestions
):
    client.force_login(county.users["wyre forest coordinator"])
    client.post(edit_url(suggestions["wyre forest"]), {"status": "done"})
    client.force_login(county.users["redditch coordinator"])
    client.post(edit_url(suggestions["redditch"]), {"status": "done"})
    client.force_login(county.users["wyre forest coordinator"])
    body = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Redditch phone is wrong" not in body
    assert "redditch.suggester@example.org" not in body


def test_the_dashboard_counts_open_suggestions_of_the_coordinators_area_and_links_to_them(
    client, county, suggestions
):
    client.force_login(county.users["redditch coordinator"])
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "2 suggested changes wait for you" in body
    client.post(edit_url(suggestions["redditch"]), {"status": "done"})
    listing = BeautifulSoup(
        client.get(reverse("change_suggestions:index") + "?status=open").content, "html.parser"
    )
    rows = [row.get_text(" ", strip=True) for row in listing.select("table tbody tr")]
    assert len(rows) == 1
    assert "Redditch LCT" in rows[0]
    assert (
        "1 suggested change waits for you"
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )
