"""No public figure tells one organisation's status: groups of fewer than 3 are withheld, and
the next smallest group of a breakdown too when the first could be worked out from the total."""

import csv
import datetime as dt
import io

import pytest
import time_machine

from directory.enums import Phase
from tests.directory.factories import OrganisationFactory, SchoolFactory
from training.coverage import COMPLEMENT, SMALL, SUPPRESSION_NOTE, area_figures, county_coverage

from .factories import CourseFactory, TrainingRecordFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("freeze")]


@pytest.fixture
def freeze():
    with time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC), tick=False):
        yield


def test_no_public_figure_is_one_organisations_status(client, coverage_page, redditch):
    """A group of one (the district's only faith youth group) must not be published as
    "0 of 1": the directory names that organisation on the same site."""
    OrganisationFactory(kind="faith_youth_group", area=redditch, name="Only Faith Group")
    for n in range(3):
        SchoolFactory(area=redditch, name=f"School {n}")
    rows = list(csv.reader(io.StringIO(client.get(coverage_page.url + "csv/").content.decode())))
    header, body = rows[0], rows[1:]
    total = header.index("Total")
    singles = [row for row in body if row[0] == "Redditch" and row[total] == "1"]
    assert singles == [], f"figures about a single organisation: {singles}"
    assert body[0][header.index("Note")] == SUPPRESSION_NOTE
    faith = [row for row in body if row[0] == "Redditch" and row[2] == "Faith youth group"]
    assert faith and all(row[header.index("Note")] == "fewer than 3 organisations" for row in faith)


def test_the_next_smallest_group_is_withheld_when_one_could_be_worked_out(redditch):
    course = CourseFactory()
    for _n in range(4):
        TrainingRecordFactory(
            organisation=SchoolFactory(area=redditch, phase=Phase.PRIMARY),
            course=course,
            date=dt.date(2026, 6, 1),
        )
    for _n in range(3):
        SchoolFactory(area=redditch, phase=Phase.SECONDARY)
    SchoolFactory(area=redditch, phase=Phase.NURSERY)
    figures = area_figures(redditch)
    by_label = {tally.label: tally for tally in figures.schools_by_phase}
    assert by_label["Nursery"].suppressed == SMALL
    assert by_label["Secondary"].suppressed == COMPLEMENT  # 3 < 4: the next smallest
    assert by_label["Primary"].suppressed == ""
    assert (figures.schools.suppressed, figures.schools.percent) == ("", 50)  # total shown


def test_two_small_groups_protect_each_other(redditch):
    SchoolFactory(area=redditch, phase=Phase.PRIMARY)
    SchoolFactory(area=redditch, phase=Phase.SECONDARY)
    for _n in range(3):
        SchoolFactory(area=redditch, phase=Phase.NURSERY)
    figures = area_figures(redditch)
    by_label = {tally.label: tally.suppressed for tally in figures.schools_by_phase}
    assert by_label == {"Nursery": "", "Primary": SMALL, "Secondary": SMALL}
    assert figures.schools.percent == 0


def test_a_district_of_one_is_withheld_and_another_with_it_against_the_county_total(
    redditch, wyre_forest
):
    SchoolFactory(area=redditch)
    for _n in range(4):
        SchoolFactory(area=wyre_forest)
    coverage = county_coverage()
    by_name = {figures.name: figures.schools for figures in coverage.districts}
    assert by_name["Redditch"].suppressed == SMALL
    assert by_name["Wyre Forest"].suppressed == COMPLEMENT
    assert coverage.county.schools.suppressed == ""
    assert area_figures(wyre_forest).schools.suppressed == COMPLEMENT  # the LCT page agrees


def test_pages_show_the_rule_and_no_count_of_a_small_group(
    client, coverage_page, redditch, redditch_lct
):
    OrganisationFactory(kind="faith_youth_group", area=redditch, name="Only Faith Group")
    page = client.get(coverage_page.url).content.decode()
    assert SUPPRESSION_NOTE in page and "0 of 1" not in page
    assert "fewer than 3 organisations" in page
    lct = client.get(redditch_lct.url).content.decode()
    assert "0 of 1" not in lct and "fewer than 3 uniformed and faith youth groups" in lct
