import datetime as dt

import pytest

from meetings.enums import Frequency
from meetings.recurrence import (
    LONDON,
    build_rrule,
    describe,
    exception_errors,
    expand,
    nth_weekday,
    series_errors,
)


def london(*args):
    return dt.datetime(*args, tzinfo=LONDON)


def test_second_tuesday_becomes_a_monthly_byday_rule():
    start = london(2027, 2, 9, 16)
    rule = build_rrule(Frequency.MONTHLY_WEEKDAY, start, count=6)
    assert rule == "FREQ=MONTHLY;BYDAY=2TU;COUNT=6"


def test_a_date_in_the_fifth_week_means_the_last_weekday():
    assert nth_weekday(dt.date(2027, 3, 30)) == (-1, 1)


def test_fortnightly_and_monthly_on_a_date_rules():
    start = london(2027, 1, 14, 10)
    assert build_rrule(Frequency.FORTNIGHTLY, start, count=3) == "FREQ=WEEKLY;INTERVAL=2;COUNT=3"
    monthly = build_rrule(Frequency.MONTHLY_DATE, start, count=2)
    assert monthly == "FREQ=MONTHLY;BYMONTHDAY=14;COUNT=2"
    assert build_rrule(Frequency.NONE, start) == ""


def test_until_is_the_end_of_that_london_day_in_utc():
    rule = build_rrule(Frequency.WEEKLY, london(2027, 6, 1, 9), until=dt.date(2027, 6, 29))
    # 23:59:59 BST is 22:59:59 UTC
    assert rule == "FREQ=WEEKLY;UNTIL=20270629T225959Z"
    assert expand(london(2027, 6, 1, 9), rule)[-1] == london(2027, 6, 29, 9)


def test_occurrences_keep_their_wall_time_across_both_clock_changes():
    start = london(2027, 2, 9, 16)
    occurrences = expand(start, build_rrule(Frequency.MONTHLY_WEEKDAY, start, count=12))
    assert {occurrence.strftime("%H:%M") for occurrence in occurrences} == {"16:00"}
    utc_hours = {
        occurrence.date(): occurrence.astimezone(dt.UTC).hour for occurrence in occurrences
    }
    assert utc_hours[dt.date(2027, 3, 9)] == 16  # GMT, before the March change
    assert utc_hours[dt.date(2027, 4, 13)] == 15  # BST
    assert utc_hours[dt.date(2027, 10, 12)] == 15  # BST, before the October change
    assert utc_hours[dt.date(2027, 11, 9)] == 16  # GMT again


def test_a_meeting_without_a_rule_has_one_occurrence():
    assert expand(london(2027, 5, 5, 10), "") == [london(2027, 5, 5, 10)]


def test_describe_says_the_rule_in_words():
    start = london(2027, 2, 9, 16)
    assert describe(Frequency.MONTHLY_WEEKDAY, start, count=6) == (
        "Every month on the second Tuesday, 6 times"
    )


def test_end_before_start_is_an_error_on_end():
    start = london(2027, 2, 9, 16)
    assert "end" in series_errors(start, start - dt.timedelta(hours=1), Frequency.NONE)


def test_a_rule_ending_before_its_first_meeting_is_an_error_on_the_end_date():
    start = london(2027, 2, 9, 16)
    errors = series_errors(
        start, start + dt.timedelta(hours=1), Frequency.WEEKLY, until=dt.date(2027, 2, 1)
    )
    assert "ends_on" in errors


def test_a_series_needs_an_end():
    start = london(2027, 2, 9, 16)
    assert "ends_after" in series_errors(start, start + dt.timedelta(hours=1), Frequency.WEEKLY)


def test_a_good_series_has_no_errors():
    start = london(2027, 2, 9, 16)
    assert series_errors(start, start + dt.timedelta(hours=2), Frequency.WEEKLY, count=4) == {}


def test_changing_a_date_outside_the_series_is_an_error_on_original_date():
    start = london(2027, 2, 9, 16)
    starts = expand(start, build_rrule(Frequency.MONTHLY_WEEKDAY, start, count=3))
    assert "original_date" in exception_errors(starts, dt.date(2027, 2, 10))
    assert exception_errors(starts, dt.date(2027, 3, 9)) == {}


def test_a_move_needs_times_in_order_and_not_onto_another_meeting():
    start = london(2027, 2, 9, 16)
    starts = expand(start, build_rrule(Frequency.WEEKLY, start, count=3))
    assert set(exception_errors(starts, dt.date(2027, 2, 9), move=True)) == {"new_start", "new_end"}
    onto_next = exception_errors(
        starts,
        dt.date(2027, 2, 9),
        move=True,
        new_start=london(2027, 2, 16, 9),
        new_end=london(2027, 2, 16, 10),
    )
    assert "new_start" in onto_next
    backwards = exception_errors(
        starts,
        dt.date(2027, 2, 9),
        move=True,
        new_start=london(2027, 2, 10, 10),
        new_end=london(2027, 2, 10, 9),
    )
    assert "new_end" in backwards


@pytest.mark.parametrize(
    ("start", "field"),
    [
        (dt.datetime(9999, 12, 31, 22, tzinfo=LONDON), "start"),
        (dt.datetime(1, 1, 1, 0, 10, tzinfo=dt.UTC), "start"),
        (dt.datetime(2100, 1, 4, 18, tzinfo=LONDON), "start"),
    ],
    ids=["year-9999", "year-1", "year-2100"],
)
def test_a_meeting_at_the_ends_of_the_calendar_is_refused_on_its_own_field(start, field):
    errors = series_errors(start, start + dt.timedelta(hours=1), Frequency.NONE)

    assert errors[field] == "Give a date between 2000 and 2099."


def test_a_series_from_the_29th_of_february_with_an_end_date_is_checked_not_crashed():
    start = dt.datetime(2028, 2, 29, 16, tzinfo=LONDON)

    errors = series_errors(
        start, start + dt.timedelta(hours=1), Frequency.WEEKLY, until=dt.date(2028, 6, 1)
    )

    assert errors == {}


def test_a_series_ending_beyond_the_last_year_is_refused():
    start = dt.datetime(2098, 6, 1, 16, tzinfo=LONDON)

    errors = series_errors(
        start, start + dt.timedelta(hours=1), Frequency.WEEKLY, until=dt.date(9998, 6, 1)
    )

    assert errors == {"ends_on": "Give a date between 2000 and 2099."}


def test_a_meeting_moved_to_the_ends_of_the_calendar_is_refused():
    starts = [dt.datetime(2027, 2, 9, 16, tzinfo=LONDON)]

    errors = exception_errors(
        starts,
        dt.date(2027, 2, 9),
        move=True,
        new_start=dt.datetime(9999, 12, 31, 22, tzinfo=LONDON),
        new_end=dt.datetime(9999, 12, 31, 23, tzinfo=LONDON),
    )

    assert errors == {
        "new_start": "Give a date between 2000 and 2099.",
        "new_end": "Give a date between 2000 and 2099.",
    }


def test_the_last_friday_of_february_can_repeat_on_the_last_friday_of_each_month():
    start = london(2026, 2, 27, 18)
    rule = build_rrule(Frequency.MONTHLY_LAST_WEEKDAY, start, count=4)
    assert rule == "FREQ=MONTHLY;BYDAY=-1FR;COUNT=4"
    assert [moment.date() for moment in expand(start, rule)] == [
        dt.date(2026, 2, 27),
        dt.date(2026, 3, 27),
        dt.date(2026, 4, 24),
        dt.date(2026, 5, 29),
    ]
    assert describe(Frequency.MONTHLY_LAST_WEEKDAY, start, count=4) == (
        "Every month on the last Friday, 4 times"
    )
    assert (
        series_errors(start, london(2026, 2, 27, 19), Frequency.MONTHLY_LAST_WEEKDAY, count=4) == {}
    )


def test_a_last_weekday_series_that_does_not_start_on_one_is_refused_naming_the_right_day():
    start = london(2026, 2, 20, 18)
    errors = series_errors(start, london(2026, 2, 20, 19), Frequency.MONTHLY_LAST_WEEKDAY, count=4)
    assert errors == {
        "frequency": "20 February 2026 is not the last Friday of its month: start the series on "
        "27 February 2026, or choose another way to repeat."
    }


def test_monthly_on_the_31st_says_that_shorter_months_are_skipped():
    start = london(2027, 1, 31, 10)
    assert describe(Frequency.MONTHLY_DATE, start, count=3) == (
        "Every month on day 31 (months without a 31st are skipped), 3 times"
    )
    assert describe(Frequency.MONTHLY_DATE, london(2027, 1, 14, 10), count=3) == (
        "Every month on day 14, 3 times"
    )


def test_a_meeting_in_the_missing_hour_is_refused_naming_the_date_and_the_change():
    start = london(2026, 3, 29, 1, 30)
    errors = series_errors(start, london(2026, 3, 29, 3), Frequency.NONE)
    assert errors == {
        "start": "29 March 2026, 01:30 does not exist: the clocks go forward at 01:00."
    }


def test_a_series_with_one_meeting_in_the_doubled_hour_is_refused():
    start = london(2026, 10, 4, 1, 30)
    errors = series_errors(start, london(2026, 10, 4, 2, 15), Frequency.WEEKLY, count=6)
    assert errors == {
        "start": "One of the series' meetings falls in a clock change: "
        "25 October 2026, 01:30 happens twice: the clocks go back at 02:00."
    }


def test_a_moved_meeting_starts_and_ends_on_the_same_day():
    starts = [london(2027, 3, 9, 16)]
    errors = exception_errors(
        starts,
        dt.date(2027, 3, 9),
        move=True,
        new_start=london(2027, 3, 10, 23),
        new_end=london(2027, 3, 11, 1),
    )
    assert errors == {"new_end": "A moved meeting starts and ends on the same day."}


def test_a_change_to_a_date_outside_the_series_names_the_nearest_meetings():
    start = london(2027, 2, 9, 16)
    starts = expand(start, build_rrule(Frequency.MONTHLY_WEEKDAY, start, count=6))
    errors = exception_errors(starts, dt.date(2027, 3, 10))
    assert errors == {
        "original_date": "This date is not one of the series' meetings. "
        "The nearest are 9 March 2027 and 13 April 2027."
    }
    last = exception_errors(starts, dt.date(2027, 12, 1))
    assert last["original_date"].endswith("The nearest is 13 July 2027.")
