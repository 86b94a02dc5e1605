"""The demo's training: each district its own pace, taxi returns everywhere, and the coverage
page and every LCT page agreeing on each figure. Seeding takes seconds: one test."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from directory.models import PartnershipPage
from ltc_portal.demo import seed
from training.coverage import county_coverage
from training.enums import BookingStatus
from training.models import Booking, CoveragePage, TaxiLicensingReturn, TrainingSessionPage

pytestmark = pytest.mark.django_db


# Far from the day the demo was written: records are dated back from the day of loading.
@time_machine.travel(dt.datetime(2031, 3, 1, 9, tzinfo=dt.UTC), tick=False)
def test_the_demo_gives_each_district_its_own_pace_and_every_page_the_same_figures(client, site):
    seed(lambda line: None)
    coverage = county_coverage()
    schools = {figures.name: figures.schools for figures in coverage.districts}
    assert len(schools) == 6
    percents = sorted(tally.percent for tally in schools.values())
    assert percents[0] <= 40 and percents[-1] >= 80  # some districts behind, some ahead
    assert all(tally.expiring >= 1 for tally in schools.values())
    assert all(tally.not_covered >= 1 for tally in schools.values())
    youth = [figures.youth_groups.percent for figures in coverage.districts]
    assert min(youth) < max(youth)
    assert coverage.county.trend[-1].schools.covered > coverage.county.trend[0].schools.covered
    for figures in coverage.districts:
        returns = TaxiLicensingReturn.objects.filter(area__name=figures.name)
        assert returns.count() == 8
        assert figures.taxi_by_district[0].quarter.year == 2030
        assert figures.taxi_by_district[0].quarter.number == 4

    public = client.get(CoveragePage.objects.get().url).content.decode()
    for lct in PartnershipPage.objects.filter(kind="lct").select_related("area"):
        tally = schools[lct.area.name]
        expected = f"{lct.area.name}: {tally.percent}% ({tally.covered} of {tally.total})"
        assert expected in public
        page = client.get(lct.url).content.decode()
        sentence = re.search(r"(\d+) of (\d+) schools have an in-date trained", page)
        assert sentence.groups() == (str(tally.covered), str(tally.total))
        taxi = coverage.districts[[d.name for d in coverage.districts].index(lct.area.name)]
        latest = taxi.taxi_by_district[0]
        assert f"{latest.trained} of {latest.licensed} licensed taxi drivers" in page
        assert f"{latest.trained} of {latest.licensed}</td>" in public

    # The coordinator's gaps list counts what the pages leave uncovered or expiring.
    client.force_login(get_user_model().objects.get(username="coord-redditch"))
    redditch = next(d for d in coverage.districts if d.name == "Redditch")
    listed = client.get(reverse("training_gaps")).content.decode()
    expected = (
        redditch.schools.total
        - redditch.schools.in_date
        + redditch.youth_groups.total
        - redditch.youth_groups.in_date
    )
    assert f"<p>{expected} school" in listed

    # Two sessions per district and one county-wide, listed publicly; bookings without names
    # in public view.
    sessions = TrainingSessionPage.objects.live()
    assert sessions.count() == 2 * 6 + 1
    assert sessions.filter(area=None).count() == 1
    assert Booking.objects.filter(status=BookingStatus.BOOKED).count() >= 6
    booked_name = Booking.objects.first().person_name
    client.logout()
    public = client.get(CoveragePage.objects.get().url).content.decode()
    assert "Coming training sessions" in public and booked_name not in public

    assert seed(lambda line: None) == 0
