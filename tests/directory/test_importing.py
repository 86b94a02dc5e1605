"""`import_schools`: created, updated, unchanged; nothing written when a row is invalid."""

import io

import pytest
from django.core.management import CommandError, call_command

from core.enums import Visibility
from directory.models import Organisation, Person
from tests.directory.factories import SchoolFactory
from tests.directory.test_gias import register, row

pytestmark = pytest.mark.django_db


def run(tmp_path, data, *args):
    path = tmp_path / "gias.csv"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    status = 0
    try:
        call_command("import_schools", str(path), *args, stdout=out, stderr=err)
    except SystemExit as exit:
        status = exit.code
    return status, out.getvalue(), err.getvalue()


def test_new_schools_are_created_with_their_head_as_a_partners_only_person(tmp_path, area):
    status, out, _err = run(tmp_path, register(row(urn="1"), row(urn="2", status="Closed")))

    assert status == 0
    assert out.splitlines()[-1] == "created 1, updated 0, unchanged 0, skipped 1, invalid 0"
    school = Organisation.objects.get(urn=1)
    assert (school.postcode, school.area) == ("B97 4AA", area)
    head = Person.objects.get(organisation=school)
    assert (head.name, head.visibility) == ("Mrs Ann Head", Visibility.PARTNERS)


def test_a_second_run_of_the_same_file_creates_and_updates_nothing(tmp_path):
    data = register(row(urn="1"), row(urn="2", name="Birch First School"))
    run(tmp_path, data)

    _status, out, _err = run(tmp_path, data)

    assert out.splitlines()[-1] == "created 0, updated 0, unchanged 2, skipped 0, invalid 0"
    assert Organisation.objects.count() == 2 and Person.objects.count() == 2


def test_changed_schools_are_updated(tmp_path):
    SchoolFactory(urn=1, name="Old Name", postcode="B97 4AA")

    _status, out, _err = run(tmp_path, register(row(urn="1", name="New Name")))

    assert out.splitlines()[-1] == "created 0, updated 1, unchanged 0, skipped 0, invalid 0"
    assert Organisation.objects.get(urn=1).name == "New Name"


def test_an_invalid_row_stops_the_whole_import_with_exit_status_1(tmp_path):
    status, out, err = run(tmp_path, register(row(urn="1"), row(urn="x2")))

    assert status == 1
    assert "line 3, URN x2: the URN “x2” is not a number" in err
    assert "Nothing was written" in err
    assert out.splitlines()[-1] == "created 1, updated 0, unchanged 0, skipped 0, invalid 1"
    assert not Organisation.objects.exists()


def test_skip_invalid_writes_the_valid_rows(tmp_path):
    status, out, _err = run(tmp_path, register(row(urn="1"), row(urn="x2")), "--skip-invalid")

    assert status == 0
    assert out.splitlines()[-1] == "created 1, updated 0, unchanged 0, skipped 0, invalid 1"
    assert list(Organisation.objects.values_list("urn", flat=True)) == [1]


def test_a_dry_run_writes_nothing(tmp_path):
    _status, out, _err = run(tmp_path, register(row(urn="1")), "--dry-run")

    assert "Dry run" in out
    assert out.splitlines()[-1] == "created 1, updated 0, unchanged 0, skipped 0, invalid 0"
    assert not Organisation.objects.exists()


def test_the_local_authority_can_be_chosen(tmp_path):
    data = register(row(urn="1"), row(urn="2", la="Herefordshire"))

    _status, out, _err = run(tmp_path, data, "--la", "Herefordshire")

    assert out.splitlines()[-1] == "created 1, updated 0, unchanged 0, skipped 1, invalid 0"
    assert Organisation.objects.get().urn == 2


def test_missing_columns_are_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="missing required columns: .*Postcode"):
        run(tmp_path, b"URN,EstablishmentName\r\n1,A\r\n")


def test_no_progress_bar_when_not_on_a_terminal(tmp_path):
    _status, _out, err = run(tmp_path, register(row(urn="1")))

    assert "[" not in err


def test_administrators_can_upload_the_register_and_see_the_same_report(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True))
    upload = SimpleUploadedFile("gias.csv", register(row(urn="1"), row(urn="x2")))

    response = client.post(
        "/admin/directory/import-schools/",
        {"file": upload, "la": "Worcestershire", "skip_invalid": "on"},
    )

    body = response.content.decode()
    assert "created 1, updated 0, unchanged 0, skipped 0, invalid 1" in body
    assert "line 3, URN x2" in body
    assert Organisation.objects.filter(urn=1).exists()


def test_the_upload_is_for_administrators_only(client):
    from django.contrib.auth.models import Group, Permission

    from tests.factories import UserFactory

    editor = UserFactory()
    group = Group.objects.create(name="Directory test editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)

    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/admin/directory/import-schools/",
        {"file": SimpleUploadedFile("gias.csv", register(row(urn="1"))), "la": "Worcestershire"},
    )

    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not Organisation.objects.exists()


def test_names_from_the_register_lose_control_characters_as_every_saved_name_does(tmp_path):
    """The import writes in bulk, without the save that tidies text: it tidies them itself."""
    data = register(
        row(urn="1", name='"Forest Edge\r\nFirst\tSchool"', head=("Mrs", "Ann\x0b", "Head"))
    )
    run(tmp_path, data)
    school = Organisation.objects.get(urn=1)
    assert school.name == "Forest Edge First School"
    assert Person.objects.get(organisation=school).name == "Mrs Ann Head"
    _status, out, _err = run(tmp_path, data)  # and a second run finds nothing changed
    assert out.splitlines()[-1] == "created 0, updated 0, unchanged 1, skipped 0, invalid 0"
