"""Booking staff on a training session: who may book, places and the waiting list, the emails
and their calendar attachment, and names kept from public view."""

import datetime as dt
import json
import subprocess

import pytest
import time_machine
from django.db import IntegrityError
from django.urls import reverse
from icalendar import Calendar

from meetings.outbox import OutboxMessage
from tests.directory.factories import OrganisationFactory, PersonFactory
from tests.factories import UserFactory
from tests.meetings.factories import publish
from tests.meetings.test_clients import node_or_skip
from training.booking import BookingRefused, Wanted, book, cancel
from training.bookings import Booking
from training.enums import BookingStatus

from .factories import TrainingSessionPageFactory
from .test_sessions import ICAL_JS, NOW

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("freeze")]
PLANTED = "Zebedee Quartermaine"


@pytest.fixture
def freeze():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def school(county):
    return OrganisationFactory(name="Abbey Primary", area=county.redditch.area)


def partner_of(organisation, username):
    user = UserFactory(username=username, email=f"{username}@example.org")
    PersonFactory(name=username.title(), organisation=organisation, user=user)
    return user


@pytest.fixture
def booker(school):
    return partner_of(school, "bella")


@pytest.fixture
def small_session(coverage, county):
    page = TrainingSessionPageFactory(
        parent=coverage, area=county.redditch.area, capacity=2, title="Small session"
    )
    return publish(page)


def names(bookings):
    return [(b.person_name, b.status) for b in bookings]


def test_places_beyond_capacity_join_the_waiting_list_in_order(small_session, school, booker):
    made = book(small_session, school, [Wanted("Ann"), Wanted("Ben")], by=booker)
    assert names(made) == [("Ann", BookingStatus.BOOKED), ("Ben", BookingStatus.BOOKED)]
    assert small_session.places_left() == 0  # exactly full
    made = book(small_session, school, [Wanted("Cat"), Wanted("Dan")], by=booker)
    assert names(made) == [("Cat", BookingStatus.WAITING), ("Dan", BookingStatus.WAITING)]


def test_cancelling_a_place_promotes_the_first_waiting(small_session, school, booker):
    ann, _ben = book(small_session, school, [Wanted("Ann"), Wanted("Ben")], by=booker)
    cat, dan = book(small_session, school, [Wanted("Cat"), Wanted("Dan")], by=booker)
    assert cancel(ann) == cat
    statuses = dict(Booking.objects.values_list("person_name", "status"))
    assert statuses == {
        "Ann": BookingStatus.CANCELLED,
        "Ben": BookingStatus.BOOKED,
        "Cat": BookingStatus.BOOKED,
        "Dan": BookingStatus.WAITING,
    }
    # Cancelling someone waiting gives nobody a place.
    assert cancel(Booking.objects.get(pk=dan.pk)) is None
    assert cancel(Booking.objects.get(pk=dan.pk)) is None  # twice: nothing more


def test_the_same_person_cannot_be_booked_twice(small_session, school, booker):
    book(small_session, school, [Wanted("Ann Smith")], by=booker)
    with pytest.raises(BookingRefused, match="ann smith is already booked"):
        book(small_session, school, [Wanted("ann smith")], by=booker)
    with pytest.raises(BookingRefused, match="Bo is already booked"):
        book(small_session, school, [Wanted("Bo"), Wanted("Bo")], by=booker)
    assert Booking.objects.count() == 1  # refused whole
    with pytest.raises(IntegrityError):
        Booking.objects.create(session=small_session, organisation=school, person_name="ANN SMITH")


def test_a_cancelled_person_can_be_booked_again(small_session, school, booker):
    (ann,) = book(small_session, school, [Wanted("Ann")], by=booker)
    cancel(ann)
    (again,) = book(small_session, school, [Wanted("Ann")], by=booker)
    assert again.status == BookingStatus.BOOKED


def test_a_cancelled_or_started_session_cannot_be_booked(small_session, school, booker):
    small_session.cancelled, small_session.cancellation_reason = True, "Trainer unwell"
    publish(small_session)
    with pytest.raises(BookingRefused, match="cancelled"):
        book(small_session, school, [Wanted("Ann")], by=booker)
    small_session.cancelled = False
    publish(small_session)
    started = dt.datetime(2027, 2, 4, 10, tzinfo=dt.UTC)
    with time_machine.travel(started, tick=False), pytest.raises(BookingRefused, match="started"):
        book(small_session, school, [Wanted("Ann")], by=booker)


# -- the page ------------------------------------------------------------------------------


def test_a_partner_books_their_organisations_people_on_the_page(
    client, small_session, school, booker
):
    colleague = PersonFactory(name="Colin Colleague", organisation=school)
    PersonFactory(name="Elsewhere Person", organisation=OrganisationFactory())
    client.force_login(booker)
    page = client.get(small_session.url).content.decode()
    assert "Colin Colleague" in page and "Elsewhere Person" not in page
    url = small_session.url + "book/"
    response = client.post(url, {"people": [colleague.pk], "names": "Dee Typed\n\n"})
    assert response.status_code == 302
    assert names(Booking.objects.all()) == [
        ("Colin Colleague", BookingStatus.BOOKED),
        ("Dee Typed", BookingStatus.BOOKED),
    ]
    page = client.get(small_session.url).content.decode()
    assert "Dee Typed" in page and "full: new bookings join the waiting list" in page


def test_a_partner_cannot_book_someone_elses_person_and_an_empty_form_says_why(
    client, small_session, school, booker
):
    stranger = PersonFactory(name="Stranger", organisation=OrganisationFactory())
    client.force_login(booker)
    response = client.post(small_session.url + "book/", {"people": [stranger.pk]})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = client.post(small_session.url + "book/", {"names": "  "})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert "type a name to book" in response.content.decode()
    assert not Booking.objects.exists()


def test_booking_twice_is_refused_on_the_page_with_the_reason(
    client, small_session, school, booker
):
    client.force_login(booker)
    client.post(small_session.url + "book/", {"names": "Ann"})
    response = client.post(small_session.url + "book/", {"names": "Ann"})
    assert response.status_code == 400
    assert "Ann is already booked on this session." in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "unlinked", "coordinator"])
def test_only_a_partner_linked_to_an_organisation_may_book(client, county, small_session, who):
    if who == "unlinked":
        client.force_login(UserFactory())
    elif who == "coordinator":
        client.force_login(county.users["redditch coordinator"])
    response = client.post(small_session.url + "book/", {"names": "Ann"})
    assert response.status_code == 403
    assert not Booking.objects.exists()
    assert client.get(small_session.url + "book/").status_code == 405


def test_a_partner_of_another_organisation_neither_sees_nor_cancels_the_bookings(
    client, small_session, school, booker
):
    (ann,) = book(small_session, school, [Wanted(PLANTED)], by=booker)
    other = partner_of(OrganisationFactory(name="Other School"), "otto")
    client.force_login(other)
    assert PLANTED not in client.get(small_session.url).content.decode()
    assert client.post(small_session.url + f"cancel/{ann.pk}/").status_code == 403
    assert Booking.objects.get(pk=ann.pk).status == BookingStatus.BOOKED
    client.force_login(booker)
    assert client.post(small_session.url + f"cancel/{ann.pk}/").status_code == 302
    assert Booking.objects.get(pk=ann.pk).status == BookingStatus.CANCELLED


def test_the_joining_link_shows_only_to_an_organisation_with_a_place(
    client,
    coverage,
    county,
    school,
    booker,
):
    page = publish(
        TrainingSessionPageFactory(
            parent=coverage, area=county.redditch.area, online_only=True, capacity=1
        )
    )
    other = partner_of(OrganisationFactory(), "otto")
    book(page, other.person.organisation, [Wanted("Taken")], by=other)
    book(page, school, [Wanted("Waiting one")], by=booker)  # waiting: no link yet
    client.force_login(booker)
    assert "meet.example.org" not in client.get(page.url).content.decode()
    client.force_login(other)
    assert "meet.example.org" in client.get(page.url).content.decode()


def test_a_booked_name_is_never_on_any_public_output(
    client, small_session, school, booker, coverage
):
    book(small_session, school, [Wanted(PLANTED)], by=booker)
    outputs = [
        client.get(small_session.url),
        client.get(coverage.url),
        client.get(coverage.url + "csv/"),
        client.get(reverse("meetings:county_feed")),
        client.get(reverse("meetings:partnership_feed", args=["redditch"])),
    ]
    for response in outputs:
        assert response.status_code == 200
        assert PLANTED.encode() not in response.content


# -- email ---------------------------------------------------------------------------------


def test_booking_emails_the_booker_a_confirmation_with_the_sessions_invitation(
    inbox,
    small_session,
    school,
    booker,
    django_capture_on_commit_callbacks,
):
    small_session.joining_link = "https://meet.example.org/booked-only"
    publish(small_session)
    with django_capture_on_commit_callbacks(execute=True):
        book(small_session, school, [Wanted("Ann"), Wanted("Ben"), Wanted("Cat")], by=booker)
    ((to, message),) = inbox.messages
    assert to == ["bella@example.org"]
    assert message["Subject"] == f"Booking confirmed: {small_session.title}"
    text = message.get_body(("plain",)).get_content()
    assert "Booked: Ann, Ben" in text and "waiting list" in text and "Cat" in text
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"
    ics = attachment.get_content()
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["UID"]) == small_session.uid
    assert "meet.example.org/booked-only" in str(event["DESCRIPTION"])
    result = subprocess.run(  # noqa: S603 - fixed script, our own message on stdin
        [node_or_skip(), str(ICAL_JS)],
        input=ics.encode(),
        capture_output=True,
        check=True,
        timeout=60,
        cwd=ICAL_JS.parent,
    )
    read = json.loads(result.stdout)
    assert read["method"] == "REQUEST"
    assert read["events"][0]["uid"] == small_session.uid
    assert read["events"][0]["start"] == "2027-02-04T09:30:00.000Z"
    assert read["events"][0]["attendees"] == ["mailto:bella@example.org"]


def test_cancelling_emails_the_booker_of_the_first_waiting_their_place(
    inbox,
    small_session,
    school,
    booker,
    django_capture_on_commit_callbacks,
):
    other = partner_of(OrganisationFactory(name="Other", area=school.area), "otto")
    (ann,) = book(small_session, school, [Wanted("Ann")], by=booker)
    book(small_session, school, [Wanted("Ben")], by=booker)
    with django_capture_on_commit_callbacks(execute=True):
        book(small_session, other.person.organisation, [Wanted("Olive")], by=other)
    ((to, waiting),) = inbox.messages
    assert waiting["Subject"].startswith("On the waiting list")
    assert not list(waiting.iter_attachments())
    inbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel(ann)
    ((to, promoted),) = inbox.messages
    assert to == ["otto@example.org"]
    assert promoted["Subject"] == f"A place for you: {small_session.title}"
    assert "Olive" in promoted.get_body(("plain",)).get_content()
    assert OutboxMessage.objects.filter(recipient="otto@example.org").count() == 2
