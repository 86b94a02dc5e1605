"""Anyone may tell a coordinator a detail is wrong; the suggestion waits in the admin, never on
the page, and robots and floods are turned away."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from directory.models import ChangeSuggestion
from tests.directory.factories import OrganisationFactory, PartnershipPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organisation(directory, area):
    return OrganisationFactory(name="Needlewood Scouts", area=area)


def suggest_url(kind, pk):
    return reverse("suggest_change", kwargs={"kind": kind, "pk": pk})


def test_an_organisation_page_links_to_its_suggest_a_change_form(client, organisation, directory):
    body = client.get(directory.organisation_url(organisation)).content.decode()
    assert f'href="{suggest_url("organisation", organisation.pk)}"' in body
    assert "Suggest a change" in body


def test_a_partnership_page_links_to_its_suggest_a_change_form(client, lct):
    body = client.get(lct.url).content.decode()
    assert f'href="{suggest_url("partnership", lct.pk)}"' in body


def test_an_anonymous_visitor_sends_a_suggestion_that_lands_in_its_area_queue(client, organisation):
    response = client.post(
        suggest_url("organisation", organisation.pk),
        {"text": "The phone number changed to 01527 000000.", "email": "me@example.org"},
    )
    assert response.status_code == 302
    sent = client.get(response["Location"])
    assert "Suggestion sent" in sent.content.decode()
    suggestion = ChangeSuggestion.objects.get()
    assert suggestion.organisation == organisation
    assert suggestion.area == organisation.area
    assert suggestion.email == "me@example.org"
    assert suggestion.status == "open"


def test_a_suggestion_about_an_lct_belongs_to_its_area(client, lct):
    client.post(suggest_url("partnership", lct.pk), {"text": "The chair has changed."})
    suggestion = ChangeSuggestion.objects.get()
    assert suggestion.partnership.pk == lct.pk
    assert suggestion.area == lct.area
    assert suggestion.email == ""


def test_a_suggestion_is_never_shown_on_the_public_page(client, organisation, directory, lct):
    text = "Planted suggestion text 7731"
    client.post(suggest_url("organisation", organisation.pk), {"text": text, "email": "x@e.org"})
    client.post(suggest_url("partnership", lct.pk), {"text": text, "email": "x@e.org"})
    assert ChangeSuggestion.objects.count() == 2
    for url in (directory.organisation_url(organisation), lct.url):
        body = client.get(url).content.decode()
        assert text not in body
        assert "x@e.org" not in body


def test_the_form_says_why_it_asks_for_an_email(client, organisation):
    body = client.get(suggest_url("organisation", organisation.pk)).content.decode()
    assert "Only if you would like a reply" in body
    assert "Only the coordinator" in body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Tell us what is wrong"),
        ({"text": "x" * 2001}, "Keep it under 2000 characters"),
        ({"text": "Wrong", "email": "not an email"}, "Enter an email address like"),
    ],
)
def test_a_suggestion_that_is_empty_too_long_or_with_a_bad_email_is_refused_with_a_summary(
    client, organisation, data, message
):
    response = client.post(suggest_url("organisation", organisation.pk), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert message in body
    assert not ChangeSuggestion.objects.exists()


def test_a_robot_that_fills_the_hidden_field_is_thanked_but_nothing_is_saved(client, organisation):
    response = client.post(
        suggest_url("organisation", organisation.pk),
        {"text": "Buy cheap things", "website": "http://spam.example"},
    )
    assert response.status_code == 302
    assert not ChangeSuggestion.objects.exists()


def test_one_address_may_send_only_a_few_suggestions_an_hour(client, organisation):
    url = suggest_url("organisation", organisation.pk)
    for n in range(5):
        assert client.post(url, {"text": f"Suggestion {n}"}).status_code == 302
    refused = client.post(url, {"text": "One too many"})
    assert refused.status_code == 429
    assert "Too many suggestions" in refused.content.decode()
    assert ChangeSuggestion.objects.count() == 5


def test_the_form_needs_its_csrf_token(organisation):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        suggest_url("organisation", organisation.pk), {"text": "No token"}
    )
    assert response.status_code == 403
    assert not ChangeSuggestion.objects.exists()


def test_no_form_for_an_unknown_organisation_or_a_draft_partnership(
    client, partnerships_index, area, directory
):
    draft = PartnershipPageFactory(parent=partnerships_index, title="Draft group", live=False)
    assert client.get(suggest_url("organisation", 999999)).status_code == 404
    assert client.get(suggest_url("partnership", draft.pk)).status_code == 404
    assert client.post(suggest_url("partnership", draft.pk), {"text": "x"}).status_code == 404
    assert not ChangeSuggestion.objects.exists()
