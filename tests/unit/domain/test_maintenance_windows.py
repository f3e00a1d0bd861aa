"""B-13.3: a failure inside a maintenance window creates nothing; windows are weekly, HHMM and overnight as B-4.8."""

from datetime import datetime

import pytest

from summit_connector.domain.decision import Action
from summit_connector.domain.maintenance_windows import MaintenanceVerdict, decide_maintenance
from summit_connector.domain.model import Trigger
from summit_connector.domain.working_hours import Covered, DayWindow, parse_hhmm

from tests.unit.factories import EXIT_ON_NOTICKET, make_event, make_job, make_template, plan, working_hours

SATURDAY, SUNDAY, MONDAY = 21, 22, 23
SUNDAY_NIGHTS = working_hours(sunday=("0100", "0500"))
OVERNIGHT = working_hours(sunday=("2200", "0200"))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 9, day, hour, minute)


def window(start: str, stop: str) -> DayWindow:
    return DayWindow(parse_hhmm(start), parse_hhmm(stop))


def test_a_moment_inside_a_window_names_the_window_its_day_and_times():
    verdict = decide_maintenance((SUNDAY_NIGHTS,), at(SUNDAY, 3))

    assert verdict == MaintenanceVerdict(1, True, 0, "sunday", window("0100", "0500"))
    assert verdict.name == "maintenanceWindows[0]"


@pytest.mark.parametrize("moment", [at(SUNDAY, 0, 59), at(SUNDAY, 5, 0), at(MONDAY, 3), at(SATURDAY, 3)])
def test_a_moment_outside_every_window_is_inside_none(moment):
    verdict = decide_maintenance((SUNDAY_NIGHTS,), moment)

    assert verdict == MaintenanceVerdict(1)
    assert not verdict.inside


def test_without_windows_nothing_is_inside():
    assert decide_maintenance((), at(SUNDAY, 3)) == MaintenanceVerdict(0)


@pytest.mark.parametrize("moment", [at(SUNDAY, 22), at(SUNDAY, 23, 59)])
def test_an_overnight_window_covers_its_own_evening(moment):
    verdict = decide_maintenance((OVERNIGHT,), moment)

    assert (verdict.inside, verdict.day, verdict.past_midnight) == (True, "sunday", False)


@pytest.mark.parametrize("moment", [at(MONDAY, 0), at(MONDAY, 1, 59)])
def test_an_overnight_sunday_window_covers_monday_morning_as_sunday_running_past_midnight(moment):
    verdict = decide_maintenance((OVERNIGHT,), moment)

    assert verdict == MaintenanceVerdict(1, True, 0, "sunday", window("2200", "0200"), past_midnight=True)


@pytest.mark.parametrize("moment", [at(MONDAY, 2), at(SUNDAY, 1), at(SUNDAY, 21, 59)])
def test_an_overnight_window_covers_nothing_else(moment):
    assert not decide_maintenance((OVERNIGHT,), moment).inside


def test_the_first_window_that_covers_the_moment_is_the_one_named():
    windows = (working_hours(monday=("0800", "0900")), SUNDAY_NIGHTS, working_hours(sunday=("0000", "2359")))

    verdict = decide_maintenance(windows, at(SUNDAY, 3))

    assert (verdict.windows, verdict.index) == (3, 1)


def test_a_window_with_start_equal_to_stop_covers_nothing():
    assert not decide_maintenance((working_hours(sunday=("0300", "0300")),), at(SUNDAY, 3)).inside


def test_working_hours_and_maintenance_windows_share_one_covering_rule():
    assert OVERNIGHT.covering(at(MONDAY, 1)) == Covered("sunday", window("2200", "0200"), past_midnight=True)
    assert OVERNIGHT.contains(at(MONDAY, 1))


def test_a_failure_inside_a_window_creates_nothing_and_writes_nothing_back():
    result = plan(template=make_template(maintenance_windows=(SUNDAY_NIGHTS,)), now=at(SUNDAY, 3))

    assert result.action is Action.SKIPPED_MAINTENANCE
    assert (result.incident, result.update, result.write_back, result.attach_job_log) == (None, None, None, False)
    assert not result.sends


def test_the_reason_names_the_window_and_its_times():
    result = plan(template=make_template(maintenance_windows=(SUNDAY_NIGHTS,)), now=at(SUNDAY, 3))

    assert result.reason == "inside maintenance window maintenanceWindows[0] (Sunday 0100-0500): nothing is sent"


def test_the_reason_says_when_an_overnight_window_runs_past_midnight():
    result = plan(template=make_template(maintenance_windows=(OVERNIGHT,)), now=at(MONDAY, 1, 30))

    assert result.action is Action.SKIPPED_MAINTENANCE
    assert "(Sunday 2200-0200, running past midnight)" in result.reason


def test_an_open_ticket_is_not_updated_inside_a_window():
    job = make_job(incident_ticket_id="4711")

    result = plan(job, make_template(maintenance_windows=(SUNDAY_NIGHTS,)), ticket_status="In-Progress",
                  now=at(SUNDAY, 3))

    assert result.action is Action.SKIPPED_MAINTENANCE
    assert (result.update, result.existing) == (None, None)


def test_an_sla_trigger_inside_a_window_creates_nothing():
    event = make_event(trigger=Trigger.LATE_TO_FINISH)

    result = plan(template=make_template(maintenance_windows=(SUNDAY_NIGHTS,)), now=at(SUNDAY, 3), event=event)

    assert result.action is Action.SKIPPED_MAINTENANCE


def test_outside_every_window_the_record_says_none_matched_and_the_incident_is_created():
    result = plan(template=make_template(maintenance_windows=(SUNDAY_NIGHTS,)), now=at(SUNDAY, 6))

    assert result.action is Action.CREATED
    assert result.maintenance == MaintenanceVerdict(1)


def test_exit_is_decided_before_the_maintenance_window():
    template = make_template(tags=(EXIT_ON_NOTICKET,), maintenance_windows=(SUNDAY_NIGHTS,))

    result = plan(make_job(tags=("NOTICKET",)), template, now=at(SUNDAY, 3))

    assert result.action is Action.SKIPPED_EXIT
    assert result.maintenance is None
