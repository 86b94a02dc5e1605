import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from meetings.enums import ExceptionAction, Frequency, MeetingStatus
from meetings.models import FeedToken
from meetings.recurrence import LONDON
from tests.factories import UserFactory

from .factories import MeetingExceptionFactory, MeetingPageFactory, VenueFactory

pytestmark = pytest.mark.django_db


def london(*args):
    return dt.datetime(*args, tzinfo=LONDON)


def test_saving_stores_the_rrule_and_the_end_of_the_last_occurrence(partnership):
    meeting = MeetingPageFactory(
        parent=partnership, frequency=Frequency.MONTHLY_WEEKDAY, ends_after=3
    )
    assert meeting.rrule == "FREQ=MONTHLY;BYDAY=2TU;COUNT=3"
    assert meeting.series_ends_at == london(2027, 4, 13, 18)


def test_sequence_rises_when_time_place_or_status_change_and_not_otherwise(partnership):
    meeting = MeetingPageFactory(parent=partnership)
    assert meeting.sequence == 0
    meeting.summary = "A new summary"
    meeting.save()
    assert meeting.sequence == 0
    meeting.start += dt.timedelta(hours=1)
    meeting.end += dt.timedelta(hours=1)
    meeting.save()
    assert meeting.sequence == 1
    meeting.venue = VenueFactory()
    meeting.save()
    assert meeting.sequence == 2
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancellation_reason = "Merged"
    meeting.save()
    assert meeting.sequence == 3
    assert meeting.cancelled_at is not None


def test_an_old_revision_published_later_never_lowers_the_sequence(partnership):
    meeting = MeetingPageFactory(parent=partnership)
    old = type(meeting).objects.get(pk=meeting.pk)
    meeting.start += dt.timedelta(hours=1)
    meeting.save()
    old.start -= dt.timedelta(hours=1)
    old.save()
    assert old.sequence > meeting.sequence


def test_clean_reports_problems_on_their_fields(partnership):
    meeting = MeetingPageFactory.build(
        start=london(2027, 2, 9, 16),
        end=london(2027, 2, 9, 15),
        frequency=Frequency.WEEKLY,
        ends_on=dt.date(2027, 1, 1),
        status=MeetingStatus.CANCELLED,
    )
    with pytest.raises(ValidationError) as caught:
        meeting.clean()
    assert {"end", "cancellation_reason"} <= set(caught.value.message_dict)


def test_a_rule_with_no_occurrences_is_reported_on_the_end_date():
    meeting = MeetingPageFactory.build(
        frequency=Frequency.WEEKLY, ends_on=dt.date(2027, 1, 1), venue=VenueFactory.build()
    )
    meeting.venue_id = 1
    with pytest.raises(ValidationError) as caught:
        meeting.clean()
    assert "ends_on" in caught.value.message_dict


def test_occurrences_mark_cancelled_and_moved_ones(partnership):
    meeting = MeetingPageFactory(parent=partnership, frequency=Frequency.WEEKLY, ends_after=3)
    MeetingExceptionFactory(
        page=meeting, original_date=dt.date(2027, 2, 16), action=ExceptionAction.CANCEL
    )
    MeetingExceptionFactory(
        page=meeting,
        original_date=dt.date(2027, 2, 23),
        action=ExceptionAction.MOVE,
        new_start=london(2027, 2, 24, 10),
        new_end=london(2027, 2, 24, 12),
        reason="Half term",
    )
    meeting = type(meeting).objects.get(pk=meeting.pk)
    first, cancelled, moved = meeting.occurrences
    assert not first.cancelled and not first.moved
    assert cancelled.cancelled
    assert moved.moved and moved.start == london(2027, 2, 24, 10) and moved.reason == "Half term"


def test_an_exception_sequence_rises_when_it_is_changed(partnership):
    meeting = MeetingPageFactory(parent=partnership, frequency=Frequency.WEEKLY, ends_after=3)
    change = MeetingExceptionFactory(page=meeting, original_date=dt.date(2027, 2, 16))
    assert change.sequence == 0
    change.action = ExceptionAction.MOVE
    change.new_start = london(2027, 2, 17, 10)
    change.new_end = london(2027, 2, 17, 11)
    change.save()
    assert change.sequence == 1


def test_a_private_address_stores_only_its_public_half_and_regenerating_retires_it():
    user = UserFactory()
    first = FeedToken.for_user(user)
    token = first.token
    lookup, signature = token.split("-")
    assert lookup == first.lookup and len(signature) == 64
    assert signature not in str(FeedToken.objects.filter(pk=first.pk).values().get())
    assert FeedToken.objects.for_token(token) == first
    FeedToken.regenerate(user)
    assert FeedToken.objects.for_token(token) is None
    assert FeedToken.objects.for_token(FeedToken.for_user(user).token).user == user


def test_a_private_address_with_a_forged_or_truncated_signature_opens_nothing():
    token = FeedToken.for_user(UserFactory()).token
    lookup, signature = token.split("-")
    forged = "0" * 64 if signature != "0" * 64 else "1" * 64
    for attempt in (f"{lookup}-{forged}", lookup, f"{lookup}-", f"{lookup}-{signature[:-1]}", ""):
        assert FeedToken.objects.for_token(attempt) is None, attempt
    assert FeedToken.objects.for_token(f"{lookup}\x00-{signature}") is None


def test_changing_the_secret_key_retires_every_private_address_and_shows_one_that_works():
    user = UserFactory()
    with override_settings(SECRET_KEY="the-old-key-" + "x" * 40):
        old = FeedToken.for_user(user).token
        assert FeedToken.objects.for_token(old) is not None
    with override_settings(SECRET_KEY="the-new-key-" + "y" * 40, SECRET_KEY_FALLBACKS=[]):
        assert FeedToken.objects.for_token(old) is None
        shown = FeedToken.for_user(user).token
        assert shown != old
        assert FeedToken.objects.for_token(shown).user == user


def test_a_key_in_the_fallbacks_keeps_old_addresses_until_it_is_removed():
    user = UserFactory()
    old_key, new_key = "the-old-key-" + "x" * 40, "the-new-key-" + "y" * 40
    with override_settings(SECRET_KEY=old_key):
        old = FeedToken.for_user(user).token
    with override_settings(SECRET_KEY=new_key, SECRET_KEY_FALLBACKS=[old_key]):
        assert FeedToken.objects.for_token(old).user == user
        assert FeedToken.objects.for_token(FeedToken.for_user(user).token).user == user
    with override_settings(SECRET_KEY=new_key, SECRET_KEY_FALLBACKS=[]):
        assert FeedToken.objects.for_token(old) is None


def test_descendant_of_any_keeps_the_meetings_under_any_of_the_pages(
    partnership, other_partnership
):
    from meetings.models import MeetingPage

    ours = MeetingPageFactory(parent=partnership)
    theirs = MeetingPageFactory(parent=other_partnership)
    meetings = MeetingPage.objects.all()

    assert list(meetings.descendant_of_any([partnership])) == [ours]
    assert set(meetings.descendant_of_any([partnership, other_partnership])) == {ours, theirs}
    assert list(meetings.descendant_of_any([])) == []


def test_a_change_to_one_occurrence_never_lowers_its_sequence(partnership):
    meeting = MeetingPageFactory(parent=partnership, frequency=Frequency.WEEKLY, ends_after=4)
    change = MeetingExceptionFactory(page=meeting, original_date=dt.date(2027, 2, 16))
    change.sequence = 0
    type(change).objects.filter(pk=change.pk).update(sequence=5)
    change.reason = "Only the reason changes"
    change.save()
    assert change.sequence == 5
    change.action = ExceptionAction.MOVE
    change.save()
    assert change.sequence == 6
