"""Importing a certificate list: all or nothing, each wrong row named by line and column."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core.page_cache import version
from tests.directory.factories import OrganisationFactory, SchoolFactory
from training.certificates import ImportFileError
from training.enums import RecordSource
from training.importing import import_certificates
from training.models import TrainingRecord

from .factories import CourseFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("freeze")]


@pytest.fixture
def freeze():
    with time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def directory(redditch, wyre_forest):
    CourseFactory(title="DSL refresher")
    return {
        "school": SchoolFactory(name="Abbeyfield Academy", urn=123456, area=redditch),
        "scouts": OrganisationFactory(
            name="1st Needlewood Scouts", kind="uniformed_youth_group", area=redditch
        ),
        "far school": SchoolFactory(name="Blakebrook School", urn=654321, area=wyre_forest),
    }


GOOD = (
    "URN,Organisation,Course,Date,Number trained,Name\r\n"
    "123456,,DSL refresher,2026-03-31,1,Dana Designated\r\n"
    ",1st needlewood scouts,dsl refresher,15/10/2026,4,\r\n"
)


def test_a_good_list_becomes_records_and_importing_it_again_adds_nothing(directory):
    before = version()
    report = import_certificates(GOOD.encode(), reference="provider.csv")
    assert (report.created, report.unchanged, report.errors, report.written) == (2, 0, [], True)
    record = TrainingRecord.objects.get(organisation=directory["school"])
    assert (record.date, record.person_name, record.source) == (
        dt.date(2026, 3, 31),
        "Dana Designated",
        RecordSource.IMPORT,
    )
    assert record.import_reference == "provider.csv:2"
    assert TrainingRecord.objects.get(organisation=directory["scouts"]).number_trained == 4
    assert version() > before  # the coverage pages are retired from the cache
    assert ModelLogEntry.objects.filter(action="wagtail.create").count() == 2

    again = import_certificates(GOOD.encode(), reference="provider.csv")
    assert (again.created, again.unchanged) == (0, 2)
    assert TrainingRecord.objects.count() == 2


def test_any_wrong_row_writes_nothing_and_each_is_named_by_line_and_column(directory):
    bad = GOOD + (
        "999999,,DSL refresher,2026-03-31,1,\r\n"
        "123456,,Unknown course,2026-03-31,1,\r\n"
        "123456,,DSL refresher,31/02/2026,1,\r\n"
        "123456,,DSL refresher,2026-12-08,1,\r\n"
        "123456,,DSL refresher,2026-01-05,none,\r\n"
        ",Nowhere Youth Club,DSL refresher,2026-01-05,1,\r\n"
        "12x,,DSL refresher,2026-01-05,1,\r\n"
    )
    report = import_certificates(bad.encode(), reference="bad.csv")
    assert not report.written
    assert TrainingRecord.objects.count() == 0
    assert [str(error) for error in report.errors] == [
        "line 4, column URN: no organisation in the directory has URN 999999",
        "line 5, column Course: no course is called “Unknown course”",
        "line 6, column Date: “31/02/2026” is not a date; write it as 2026-03-31 or 31/03/2026",
        "line 7, column Date: 08/12/2026 is in the future",
        "line 8, column Number trained: “none” is not a number of people from 1 to 10000",
        "line 9, column Organisation: no organisation in the directory is called "
        "“Nowhere Youth Club”",
        "line 10, column URN: “12x” is not a school's URN (up to 7 digits)",
    ]


def test_a_file_without_its_columns_is_refused_naming_them(directory):
    with pytest.raises(
        ImportFileError, match=r"missing the column\(s\): Date, URN or Organisation"
    ):
        import_certificates(b"Course,Name\r\nDSL refresher,Dana\r\n", reference="x.csv")


def test_a_spreadsheet_saved_in_windows_1252_with_a_byte_order_mark_or_utf16(directory):
    directory["scouts"].name = "Café Youth"
    directory["scouts"].save()
    text = "Organisation,Course,Date\r\nCafé Youth,DSL refresher,2026-01-05\r\n"
    assert import_certificates(text.encode("cp1252"), reference="x.csv").created == 1
    assert import_certificates(b"\xef\xbb\xbf" + text.encode(), reference="x.csv").unchanged == 1
    with pytest.raises(ImportFileError, match="UTF-16"):
        import_certificates(text.encode("utf-16"), reference="x.csv")


def test_a_coordinator_imports_only_for_their_own_districts(client, directory, county):
    # `county` brings its own Redditch and Wyre Forest; put the organisations in them.
    directory["school"].area = county.redditch.area
    directory["school"].save()
    directory["far school"].area = county.wyre_forest.area
    directory["far school"].save()
    client.force_login(county.users["redditch coordinator"])
    text = (
        "URN,Course,Date\r\n123456,DSL refresher,2026-01-05\r\n654321,DSL refresher,2026-01-05\r\n"
    )
    response = client.post(
        reverse("training_import_certificates"),
        {"file": SimpleUploadedFile("list.csv", text.encode(), content_type="text/csv")},
    )
    body = response.content.decode()
    assert "Nothing was written" in body
    assert (
        "line 3, column URN: Blakebrook School is in Wyre Forest, not one of your districts" in body
    )
    assert TrainingRecord.objects.count() == 0


def test_a_partner_cannot_reach_the_upload(client, county):
    client.force_login(county.users["partner"])
    assert client.get(reverse("training_import_certificates")).status_code in (302, 403)


def test_the_command_reports_and_fails_on_a_wrong_row(directory, tmp_path, capsys):
    path = tmp_path / "list.csv"
    path.write_text("URN,Course,Date\n123456,DSL refresher,yesterday\n")
    with pytest.raises(SystemExit):
        call_command("import_certificates", str(path))
    err = capsys.readouterr().err
    assert "line 2, column Date: “yesterday” is not a date" in err
    assert "Nothing was written: 1 invalid row(s)." in err
    path.write_text("URN,Course,Date\n123456,DSL refresher,2026-01-05\n")
    call_command("import_certificates", str(path))
    assert TrainingRecord.objects.get().import_reference == "list.csv:2"


def test_imported_names_lose_control_characters_as_every_saved_name_does(directory):
    data = (
        b"URN,Course,Date,Name\r\n"
        b'123456,DSL refresher,2026-01-06,"Ann\r\nSmith"\r\n'
        b"123456,DSL refresher,2026-01-07,Tab\there\r\n"
    )
    report = import_certificates(data, reference="list.csv")
    assert report.written
    names = set(TrainingRecord.objects.values_list("person_name", "import_reference"))
    assert names == {("Ann Smith", "list.csv:2"), ("Tab here", "list.csv:4")}  # first lines


def test_a_unicode_digit_is_a_row_error_with_line_and_column(directory):
    data = "URN,Course,Date,Number trained\n123456,DSL refresher,2026-01-06,²\n".encode()
    report = import_certificates(data, reference="list.csv", dry_run=True)
    assert [str(e) for e in report.errors] == [
        "line 2, column Number trained: “²” is not a number of people from 1 to 10000"
    ]
    data = "URN,Course,Date\n١٢٣٤٥٦,DSL refresher,2026-01-06\n".encode()  # Arabic-Indic
    report = import_certificates(data, reference="list.csv", dry_run=True)
    assert [str(e) for e in report.errors] == [
        "line 2, column URN: “١٢٣٤٥٦” is not a school's URN (up to 7 digits)"
    ]


def test_a_date_before_2000_is_a_row_error(directory):
    data = b"URN,Course,Date\n123456,DSL refresher,06/01/1926\n123456,DSL refresher,2000-01-01\n"
    report = import_certificates(data, reference="list.csv", dry_run=True)
    assert [str(e) for e in report.errors] == [
        "line 2, column Date: 06/01/1926 is before 2000: check the year"
    ]


def test_names_differing_only_in_case_are_one_person(directory):
    data = (
        b"URN,Course,Date,Name\n"
        b"123456,DSL refresher,2026-01-06,Ann Smith\n"
        b"123456,DSL refresher,2026-01-06,ANN SMITH\n"
    )
    report = import_certificates(data, reference="list.csv")
    assert [str(e) for e in report.errors] == ["line 3: the same certificate appears twice"]
    import_certificates(data.replace(b"ANN SMITH\n", b""), reference="list.csv")
    again = b"URN,Course,Date,Name\n123456,DSL refresher,2026-01-06,ann smith\n"
    report = import_certificates(again, reference="list.csv")
    assert (report.created, report.unchanged) == (0, 1)


def test_an_unterminated_quote_is_named_with_its_line(directory):
    data = b'URN,Course,Date,Name\n123456,DSL refresher,2026-01-06,"Ann\n123456,x,y,z\n'
    with pytest.raises(ImportFileError) as error:
        import_certificates(data, reference="list.csv")
    assert 'line 2 opens a quote (") that is never closed' in str(error.value)
