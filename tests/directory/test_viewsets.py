"""The Directory menu in the admin: lists, filters, exports, and the audit trail."""

import io

import openpyxl
import pytest
from wagtail.models import ModelLogEntry, PageLogEntry

from core.enums import Visibility
from directory.models import Organisation
from tests.directory.factories import (
    AreaFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SchoolFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/admin/snippets/directory/organisation/"
PEOPLE = "/admin/snippets/directory/person/"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_the_organisation_list_filters_by_area_kind_and_phase(admin_client):
    area = AreaFactory()
    SchoolFactory(name="Abbey Primary", area=area, phase="primary")
    SchoolFactory(name="Birch High", area=area, phase="high")
    SchoolFactory(name="Castle Primary", phase="primary")

    response = admin_client.get(ORGANISATIONS, {"area": area.pk, "phase": "primary"})

    body = response.content.decode()
    assert "Abbey Primary" in body
    assert "Birch High" not in body and "Castle Primary" not in body


def test_the_people_list_filters_by_visibility_and_organisation_area(admin_client):
    area = AreaFactory()
    PersonFactory(name="Near Public", organisation=OrganisationFactory(area=area))
    PersonFactory(name="Far Public", organisation=OrganisationFactory())
    PersonFactory(
        name="Near Private",
        organisation=OrganisationFactory(area=area),
        visibility=Visibility.PRIVATE,
    )

    body = admin_client.get(
        PEOPLE, {"visibility": "public", "organisation__area": area.pk}
    ).content.decode()

    assert "Near Public" in body
    assert "Far Public" not in body and "Near Private" not in body


def test_the_csv_export_has_exactly_the_list_columns_and_filtered_rows(admin_client):
    SchoolFactory(name="Abbey Primary", urn=123456, postcode="B97 4AA")
    OrganisationFactory(name="Lantern Project")

    response = admin_client.get(ORGANISATIONS, {"export": "csv", "q": "abbey"})

    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "Name,Kind,Phase,URN,Postcode,Area,Updated at"
    assert len(lines) == 2
    assert lines[1].startswith("Abbey Primary,School,Primary,123456,B97 4AA,")
    assert 'filename="organisations.csv"' in response["Content-Disposition"]


def test_the_xlsx_export_of_people_includes_private_details_for_editors(admin_client):
    PersonFactory(name="Priya Private", phone="07700 900999", visibility=Visibility.PRIVATE)

    response = admin_client.get(PEOPLE, {"export": "xlsx"})

    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.values)
    assert rows[0] == ("Name", "Job title", "Organisation", "Email", "Phone", "Visibility")
    assert rows[1][0] == "Priya Private" and rows[1][4] == "07700 900999"
    assert rows[1][5] == "Private: editors in the admin only"


def test_the_audit_log_records_creating_editing_and_deleting_an_organisation(admin_client):
    admin_client.post(f"{ORGANISATIONS}add/", {"name": "Lantern Project", "kind": "other"})
    organisation = Organisation.objects.get(name="Lantern Project")
    admin_client.post(
        f"{ORGANISATIONS}edit/{organisation.pk}/", {"name": "Lantern Trust", "kind": "other"}
    )
    admin_client.post(f"{ORGANISATIONS}delete/{organisation.pk}/")

    actions = list(
        ModelLogEntry.objects.filter(object_id=str(organisation.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions == ["wagtail.create", "wagtail.edit", "wagtail.delete"]
    assert not Organisation.objects.exists()


def test_membership_changes_are_kept_in_the_page_history(lct):
    person = PersonFactory(name="Ann Member")
    lct.memberships.add(MembershipFactory.build(person=person))
    revision = lct.save_revision(log_action=True)
    revision.publish()

    assert revision.as_object().memberships.get().person == person
    assert PageLogEntry.objects.filter(page=lct, action="wagtail.edit").exists()
    assert PageLogEntry.objects.filter(page=lct, action="wagtail.publish").exists()


FORMULA = '=HYPERLINK("http://x")'


def csv_rows(response):
    import csv

    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_a_csv_export_of_people_cannot_hold_a_formula(admin_client):
    organisation = OrganisationFactory(name="+Plus Club")
    PersonFactory(
        name=FORMULA, job_title="@SUM(A1)", organisation=organisation, phone="-1", email=""
    )

    rows = csv_rows(admin_client.get(PEOPLE, {"export": "csv"}))

    assert rows[1][:4] == ["'" + FORMULA, "'@SUM(A1)", "'+Plus Club", ""]
    assert rows[1][4] == "'-1"


def test_a_csv_export_of_organisations_cannot_hold_a_formula(admin_client):
    tabbed = OrganisationFactory(name="Tabbed")
    # Saved before names were tidied (a save turns the tab into a space).
    Organisation.objects.filter(pk=tabbed.pk).update(name="\t=cmd|' /C calc'!A0")
    OrganisationFactory(name=FORMULA)

    names = [row[0] for row in csv_rows(admin_client.get(ORGANISATIONS, {"export": "csv"}))[1:]]

    assert all(name.startswith("'") for name in names), names
    assert "'" + FORMULA in names


def test_the_xlsx_export_still_holds_a_formula_as_plain_text(admin_client):
    PersonFactory(name=FORMULA)

    response = admin_client.get(PEOPLE, {"export": "xlsx"})

    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cell = next(book.active.iter_rows(min_row=2, max_row=2))[0]
    assert cell.value == FORMULA and cell.data_type == "s"


def test_the_people_list_and_export_show_contact_details_as_the_contact_rule_says(
    admin_client, monkeypatch
):
    from directory import visibility

    PersonFactory(
        name="Priya Private",
        email="priya@example.org",
        phone="07700 900999",
        visibility=Visibility.PRIVATE,
    )
    # A rule that hides private details from everyone: the admin must follow it.
    real = visibility.may_see
    monkeypatch.setattr(
        visibility,
        "may_see",
        lambda user, seen, **kwargs: seen != Visibility.PRIVATE and real(user, seen, **kwargs),
    )

    listing = admin_client.get(PEOPLE).content.decode()
    export = b"".join(admin_client.get(PEOPLE, {"export": "csv"}).streaming_content).decode()

    assert "Priya Private" in listing and "Priya Private" in export
    for detail in ("priya@example.org", "07700 900999"):
        assert detail not in listing
        assert detail not in export
