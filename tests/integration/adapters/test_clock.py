"""The clock: TIMEZONE wall-clock time and the SUMMIT_CONNECTOR_NOW override (B-1.5, B-2.3)."""

from datetime import datetime, timezone

import pytest

from summit_connector.adapters.clock import SystemClock, clock_from_environment
from summit_connector.application.errors import InvalidInput


def test_now_override_is_taken_as_local_wall_clock_time_b_1_5():
    clock = clock_from_environment({"SUMMIT_CONNECTOR_NOW": "2024-09-21T03:15:00"}, "Europe/Amsterdam")

    assert clock.now() == datetime(2024, 9, 21, 3, 15)


def test_now_override_with_an_offset_is_converted_to_the_configured_zone_b_1_5():
    clock = clock_from_environment({"SUMMIT_CONNECTOR_NOW": "2024-09-21T01:15:00+00:00"}, "Europe/Amsterdam")

    assert clock.now() == datetime(2024, 9, 21, 3, 15)


def test_a_bad_now_override_is_invalid_input_naming_the_variable_b_1_5():
    with pytest.raises(InvalidInput, match="SUMMIT_CONNECTOR_NOW.*'tomorrow'"):
        clock_from_environment({"SUMMIT_CONNECTOR_NOW": "tomorrow"})


def test_the_system_clock_reads_wall_clock_time_in_the_configured_zone_b_2_3():
    before = datetime.now(timezone.utc)

    now_in_tokyo = SystemClock("Asia/Tokyo").now()

    offset = now_in_tokyo - before.replace(tzinfo=None)
    assert now_in_tokyo.tzinfo is None
    assert abs(offset.total_seconds() - 9 * 3600) < 60


def test_an_unknown_zone_is_invalid_input_b_2_3():
    with pytest.raises(InvalidInput, match="Mars/Olympus"):
        SystemClock("Mars/Olympus")
