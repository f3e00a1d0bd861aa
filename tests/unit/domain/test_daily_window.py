"""B-4.6: submitSingleIncidentPerDay holds new incidents until D+1 at DAILY_START_HOUR; the line is stamped first."""

from datetime import date, datetime

from summit_connector.domain.daily_window import last_incident_date, stamp_documentation, window_at
from summit_connector.domain.model import Documentation
from summit_connector.domain.decision import Action
from summit_connector.domain.template import Rules

from tests.unit.factories import make_job, make_settings, make_template, plan

SINGLE_PER_DAY = make_template(rules=Rules(submit_single_incident_per_day=True))
LAST_20TH = "Last Incident Date : 2024-09-20"


def blocks_new_incident(documentation: str, now: datetime, daily_start_hour: int) -> bool:
    """True while now < D+1 day at DAILY_START_HOUR (B-4.6)."""
    return window_at(documentation, now, daily_start_hour)[2]


def test_the_window_holds_until_just_before_the_next_day_at_the_start_hour():
    assert blocks_new_incident(LAST_20TH, datetime(2024, 9, 21, 5, 59, 59, 999999), daily_start_hour=6)


def test_the_window_opens_exactly_at_the_next_day_at_the_start_hour():
    assert not blocks_new_incident(LAST_20TH, datetime(2024, 9, 21, 6, 0), daily_start_hour=6)


def test_the_window_holds_for_the_rest_of_day_d():
    assert blocks_new_incident(LAST_20TH, datetime(2024, 9, 20, 23, 59), daily_start_hour=0)


def test_with_start_hour_zero_the_window_opens_at_midnight():
    assert not blocks_new_incident(LAST_20TH, datetime(2024, 9, 21, 0, 0), daily_start_hour=0)


def test_documentation_without_the_line_holds_nothing():
    assert not blocks_new_incident("Run book: call the payroll team", datetime(2024, 9, 20, 12), daily_start_hour=0)


def test_only_the_first_line_counts():
    assert last_incident_date(f"Run book\r\n{LAST_20TH}") is None


def test_the_first_line_is_read_whatever_the_line_break():
    assert last_incident_date(f"{LAST_20TH}\r\nRun book") == date(2024, 9, 20)


def test_stamping_writes_the_line_first_with_the_date():
    assert stamp_documentation("Run book\r\nline two", date(2024, 9, 23)) == (
        "Last Incident Date : 2024-09-23\r\nRun book\r\nline two"
    )


def test_stamping_replaces_an_old_line_instead_of_stacking_another():
    once = stamp_documentation(f"{LAST_20TH}\r\nRun book", date(2024, 9, 22))

    twice = stamp_documentation(once, date(2024, 9, 23))

    assert twice == "Last Incident Date : 2024-09-23\r\nRun book"


def test_stamping_keeps_the_rest_verbatim():
    rest = "  indented\t tab \r\n\r\ntrailing spaces   \r\n\r\n"

    stamped = stamp_documentation(f"{LAST_20TH}\r\n{rest}", date(2024, 9, 23))

    assert stamped == f"Last Incident Date : 2024-09-23\r\n{rest}"


def test_stamping_keeps_lf_line_breaks():
    assert stamp_documentation("Run book\nline two\n", date(2024, 9, 23)) == (
        "Last Incident Date : 2024-09-23\nRun book\nline two\n"
    )


def test_stamping_keeps_crlf_line_breaks():
    assert stamp_documentation(f"{LAST_20TH}\r\nRun book\r\n", date(2024, 9, 23)) == (
        "Last Incident Date : 2024-09-23\r\nRun book\r\n"
    )


def test_stamping_single_line_documentation_adds_a_crlf():
    assert stamp_documentation("Run book", date(2024, 9, 23)) == "Last Incident Date : 2024-09-23\r\nRun book"


def test_stamping_empty_documentation_is_just_the_line():
    assert stamp_documentation("", date(2024, 9, 23)) == "Last Incident Date : 2024-09-23"


def test_a_new_incident_inside_the_window_is_not_created():
    job = make_job(documentation=f"{LAST_20TH}\r\nRun book")

    result = plan(job, SINGLE_PER_DAY, settings=make_settings(daily_start_hour=6), now=datetime(2024, 9, 21, 5, 59))

    assert result.action is Action.SKIPPED_DAILY_WINDOW
    assert result.incident is None and result.write_back is None


def test_a_created_incident_stamps_todays_calendar_date_even_before_the_start_hour():
    job = make_job(documentation=f"{LAST_20TH}\r\nRun book")

    result = plan(job, SINGLE_PER_DAY, settings=make_settings(daily_start_hour=6), now=datetime(2024, 9, 22, 3, 0))

    assert result.action is Action.CREATED
    assert result.write_back.documentation == Documentation("Last Incident Date : 2024-09-22\r\nRun book", 55, "Daily")


def test_without_the_rule_the_line_is_ignored_and_not_written():
    job = make_job(documentation="Last Incident Date : 2024-09-23")

    result = plan(job, make_template(), now=datetime(2024, 9, 23, 12))

    assert result.action is Action.CREATED
    assert result.write_back.documentation is None


def test_the_window_does_not_hold_an_update_of_an_open_ticket():
    job = make_job(documentation="Last Incident Date : 2024-09-23", incident_ticket_id="4711")

    result = plan(job, SINGLE_PER_DAY, ticket_status="Assigned", now=datetime(2024, 9, 23, 12))

    assert result.action is Action.UPDATED


def test_the_window_holds_the_new_incident_that_a_closed_ticket_would_get():
    job = make_job(documentation="Last Incident Date : 2024-09-23", incident_ticket_id="4711")

    result = plan(job, SINGLE_PER_DAY, ticket_status="Closed", now=datetime(2024, 9, 23, 12))

    assert result.action is Action.SKIPPED_DAILY_WINDOW


def test_a_last_incident_date_at_the_end_of_the_calendar_is_ignored_not_a_crash_b_4_6():
    assert last_incident_date("Last Incident Date : 9999-12-31") is None
    assert not blocks_new_incident("Last Incident Date : 9999-12-31", datetime(2024, 9, 21, 12), 7)
