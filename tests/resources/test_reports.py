"""The admin report of materials past or near their review date."""

import datetime

import pytest
import time_machine

from resources.reports import due_for_review
from tests.factories import UserFactory

from .factories import ResourcePageFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 29)


@pytest.fixture
def materials(library):
    return {
        "overdue": ResourcePageFactory(
            parent=library, title="Overdue leaflet", review_due=datetime.date(2026, 10, 1)
        ),
        "soon": ResourcePageFactory(
            parent=library, title="Due soon slides", review_due=datetime.date(2027, 1, 10)
        ),
        "later": ResourcePageFactory(
            parent=library, title="Fresh lesson", review_due=datetime.date(2027, 9, 1)
        ),
        "never": ResourcePageFactory(parent=library, title="Never approved"),
    }


def test_due_for_review_lists_overdue_then_due_soon(materials):
    assert list(due_for_review(today=TODAY)) == [materials["overdue"], materials["soon"]]


@time_machine.travel(datetime.datetime(2026, 11, 29, 12, tzinfo=datetime.UTC), tick=False)
def test_the_report_shows_overdue_and_due_soon_materials_to_an_editor(client, materials):
    client.force_login(UserFactory(is_superuser=True))

    html = client.get("/admin/reports/materials-due-for-review/").content.decode()

    assert "Overdue leaflet" in html
    assert "Overdue" in html
    assert "Due soon slides" in html
    assert "Fresh lesson" not in html
    assert "Never approved" not in html


def test_the_report_is_in_the_reports_menu(client, site):
    client.force_login(UserFactory(is_superuser=True))

    html = client.get("/admin/").content.decode()

    assert "/admin/reports/materials-due-for-review/" in html


def test_the_report_is_refused_to_someone_who_cannot_edit_pages(client, site):
    from django.contrib.auth.models import Permission

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get("/admin/reports/materials-due-for-review/")

    assert response.status_code in (302, 403)


@time_machine.travel(datetime.datetime(2026, 11, 29, 12, tzinfo=datetime.UTC), tick=False)
def test_the_reports_csv_export_cannot_hold_a_formula(client, library):
    import csv
    import io

    ResourcePageFactory(
        parent=library, title='=HYPERLINK("http://x")', review_due=datetime.date(2026, 10, 1)
    )
    client.force_login(UserFactory(is_superuser=True))

    response = client.get("/admin/reports/materials-due-for-review/", {"export": "csv"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
