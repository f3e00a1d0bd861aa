"""History (B-10.3): newest first, filters, limit, since, and pruning by the clock, stored and in memory alike."""

from datetime import datetime, timedelta

import pytest

from summit_connector.adapters.memory import InMemoryHistory
from summit_connector.adapters.state.history import SqliteHistory
from summit_connector.adapters.state.store import SqliteStore
from summit_connector.application.ports import HistoryEvent

NOW = datetime(2024, 9, 21, 3, 15)


def make_history_event(minutes_ago: float = 0, **overrides: object) -> HistoryEvent:
    values: dict = dict(time=NOW - timedelta(minutes=minutes_ago), command="report", trigger="failed", job="JOB001",
                        schedule="PAYROLL", date="2024-09-21", action="created", ticket="10001", exit_code=0,
                        reason="the job has no incident ticket: create one")
    return HistoryEvent(**{**values, **overrides})


@pytest.fixture(params=["sqlite", "memory"])
def history(request, tmp_path):
    if request.param == "memory":
        return InMemoryHistory(keep_days=90)
    return SqliteHistory(SqliteStore(tmp_path / "summit-connector.sqlite3"), keep_days=90)


def test_events_come_back_newest_first_field_for_field_b_10_3(history):
    older, newer = make_history_event(minutes_ago=5), make_history_event(action="updated", exit_code=1)
    history.append(older)
    history.append(newer)

    assert history.query() == [newer, older]


def test_events_at_the_same_moment_come_back_latest_appended_first_b_10_3(history):
    first, second = make_history_event(ticket="1"), make_history_event(ticket="2")
    history.append(first)
    history.append(second)

    assert [event.ticket for event in history.query()] == ["2", "1"]


def test_job_and_schedule_match_names_exactly_b_10_3(history):
    for job, schedule in [("JOB001", "PAYROLL"), ("JOB0011", "PAYROLL"), ("JOB001", "PAYROLL2"), ("job001", "X")]:
        history.append(make_history_event(job=job, schedule=schedule))

    by_job = history.query(job="JOB001")
    by_both = history.query(job="JOB001", schedule="PAYROLL")

    assert {(e.job, e.schedule) for e in by_job} == {("JOB001", "PAYROLL"), ("JOB001", "PAYROLL2")}
    assert [(e.job, e.schedule) for e in by_both] == [("JOB001", "PAYROLL")]


def test_since_keeps_events_at_or_after_it_b_10_3(history):
    for minutes in (200, 120, 60, 0):
        history.append(make_history_event(minutes_ago=minutes))

    recent = history.query(since=NOW - timedelta(hours=2))

    assert [event.time for event in recent] == [NOW, NOW - timedelta(hours=1), NOW - timedelta(hours=2)]


def test_limit_caps_the_newest_events_and_defaults_to_50_b_10_3(history):
    for minutes in range(60):
        history.append(make_history_event(minutes_ago=minutes))

    assert len(history.query()) == 50
    assert [event.time for event in history.query(limit=2)] == [NOW, NOW - timedelta(minutes=1)]


def test_prune_removes_events_before_the_moment_and_says_how_many_b_10_3(history):
    for days in (100, 91, 30):
        history.append(make_history_event(minutes_ago=days * 24 * 60))

    pruned = history.prune(NOW - timedelta(days=60))

    assert pruned == 2
    assert [event.time.date() for event in history.query()] == [(NOW - timedelta(days=30)).date()]


def test_appending_prunes_events_older_than_the_kept_days_before_the_event_b_10_3(history):
    history.append(make_history_event(minutes_ago=91 * 24 * 60))
    history.append(make_history_event(minutes_ago=89 * 24 * 60))

    history.append(make_history_event())

    assert len(history.query()) == 2


def test_a_replayed_clock_never_makes_events_vanish_b_1_5(history):
    history.append(make_history_event())

    history.append(make_history_event(minutes_ago=365 * 24 * 60, job="REPLAYED"))

    assert {event.job for event in history.query()} == {"JOB001", "REPLAYED"}


def test_reading_history_that_was_never_written_finds_nothing_and_creates_no_file(tmp_path):
    history = SqliteHistory(SqliteStore(tmp_path / "summit-connector.sqlite3"), keep_days=90)

    assert history.query() == []
    assert not (tmp_path / "summit-connector.sqlite3").exists()
