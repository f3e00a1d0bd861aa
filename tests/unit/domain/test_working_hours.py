"""B-4.8: `start <= HHMM < stop`; 0000/0000 is no working hours; stop < start wraps past midnight; no day, no hours."""

from datetime import datetime

import pytest

from summit_connector.domain.working_hours import parse_hhmm

from tests.unit.factories import working_hours

MONDAY, TUESDAY, SUNDAY = 23, 24, 29


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2024, 9, day, hour, minute, second)


def test_the_start_minute_is_inside_the_window():
    assert working_hours(monday=("0800", "1700")).contains(at(MONDAY, 8, 0))


def test_the_minute_before_the_start_is_outside():
    assert not working_hours(monday=("0800", "1700")).contains(at(MONDAY, 7, 59, 59))


def test_the_last_second_before_the_stop_is_inside():
    assert working_hours(monday=("0800", "1700")).contains(at(MONDAY, 16, 59, 59))


def test_the_stop_minute_is_outside_the_window():
    assert not working_hours(monday=("0800", "1700")).contains(at(MONDAY, 17, 0))


@pytest.mark.parametrize("hour", [0, 6, 12, 23])
def test_0000_to_0000_means_no_working_hours_that_day(hour):
    assert not working_hours(monday=("0000", "0000")).contains(at(MONDAY, hour))


def test_a_missing_day_means_non_working():
    assert not working_hours(monday=("0800", "1700")).contains(at(TUESDAY, 10))


@pytest.mark.parametrize("moment", [at(MONDAY, 22, 0), at(MONDAY, 23, 59), at(TUESDAY, 0, 0), at(TUESDAY, 5, 59)])
def test_an_overnight_monday_window_covers_monday_night_and_tuesday_morning(moment):
    assert working_hours(monday=("2200", "0600")).contains(moment)


@pytest.mark.parametrize("moment", [at(MONDAY, 21, 59), at(TUESDAY, 6, 0), at(MONDAY, 5, 0), at(TUESDAY, 22, 0)])
def test_an_overnight_monday_window_covers_nothing_else(moment):
    assert not working_hours(monday=("2200", "0600")).contains(moment)


def test_a_sunday_overnight_window_wraps_into_monday_morning():
    assert working_hours(sunday=("2200", "0600")).contains(at(MONDAY, 5, 59))
    assert working_hours(sunday=("2200", "0600")).contains(at(SUNDAY, 23, 0))


def test_an_overnight_window_and_the_next_days_window_both_count():
    hours = working_hours(monday=("2200", "0600"), tuesday=("0800", "1700"))

    assert [hours.contains(at(TUESDAY, h)) for h in (5, 7, 8)] == [True, False, True]


@pytest.mark.parametrize("text", ["0830", "2359", "0000"])
def test_hhmm_times_parse_to_minutes_of_the_day(text):
    assert parse_hhmm(text) == int(text[:2]) * 60 + int(text[2:])


@pytest.mark.parametrize("text", ["830", "08:30", "2400", "1260", "ab12", ""])
def test_anything_but_a_four_digit_time_of_day_is_refused(text):
    with pytest.raises(ValueError):
        parse_hhmm(text)
