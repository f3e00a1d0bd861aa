"""The incident journal (B-10.2, B-9.1), in the state store and in memory alike."""

from datetime import date, datetime

import pytest

from summit_connector.adapters.memory import InMemoryJournal
from summit_connector.adapters.state.journal import SqliteJournal
from summit_connector.adapters.state.store import SqliteStore
from summit_connector.domain.model import FailureEvent, Trigger

EVENT = FailureEvent("AGENT", "PAYROLL", "JOB001", "1", date(2024, 9, 21), 16, 1, Trigger.LATE_TO_FINISH)
OTHER = FailureEvent("AGENT", "PAYROLL", "JOB002", "1", date(2024, 9, 21), 16, 1)
AT = datetime(2024, 9, 21, 3, 15)


@pytest.fixture(params=["sqlite", "memory"])
def journal(request, tmp_path):
    if request.param == "memory":
        return InMemoryJournal()
    return SqliteJournal(SqliteStore(tmp_path / "summit-connector.sqlite3"))


def test_an_intent_is_on_record_before_the_number_and_holds_the_number_after_b_9_1(journal):
    intent = journal.intend(EVENT, "basic.json", AT, "20240921|16|1|JOB001")
    [before] = journal.for_job(EVENT.job_key)

    journal.created(intent, "10001")
    [after] = journal.for_job(EVENT.job_key)

    assert before.is_intent and before.ticket == ""
    assert (after.ticket, after.opened, after.is_intent, after.written_back) == ("10001", True, False, False)
    assert (after.event, after.template, after.created_at, after.daily_job_id) == (
        EVENT, "basic.json", AT, "20240921|16|1|JOB001")


def test_the_trigger_of_the_event_is_kept_b_10_2(journal):
    journal.intend(EVENT, "basic.json", AT, "")

    [entry] = journal.for_job(EVENT.job_key)

    assert entry.event.trigger is Trigger.LATE_TO_FINISH


def test_written_back_marks_the_ticket_b_10_2(journal):
    journal.created(journal.intend(EVENT, "t", AT, ""), "10001")

    journal.written_back("10001")

    assert journal.for_job(EVENT.job_key)[0].written_back


def test_abandoning_intents_frees_only_that_jobs_unanswered_creates_b_9_1(journal):
    journal.intend(EVENT, "t", AT, "")
    journal.created(journal.intend(EVENT, "t", AT, ""), "10001")
    journal.intend(OTHER, "t", AT, "")

    journal.abandon_intents(EVENT.job_key)

    assert [entry.is_intent for entry in journal.for_job(EVENT.job_key)] == [False, False]
    assert [entry.abandoned for entry in journal.for_job(EVENT.job_key)] == [True, False]
    assert [entry.is_intent for entry in journal.for_job(OTHER.job_key)] == [True]


def test_touching_a_ticket_not_journaled_adds_it_as_not_opened_once_per_job_b_10_2(journal):
    journal.touched("4711", EVENT, "t", AT, "")
    journal.touched("4711", EVENT, "t", AT, "")
    journal.touched("4711", OTHER, "t", AT, "")

    [for_event] = journal.for_job(EVENT.job_key)
    [for_other] = journal.for_job(OTHER.job_key)

    assert (for_event.ticket, for_event.opened) == ("4711", False)
    assert (for_other.ticket, for_other.opened) == ("4711", False)


def test_touching_a_ticket_the_connector_opened_keeps_it_opened_b_11_2(journal):
    journal.created(journal.intend(EVENT, "t", AT, ""), "10001")

    journal.touched("10001", EVENT, "t", AT, "")

    assert [(entry.ticket, entry.opened) for entry in journal.for_job(EVENT.job_key)] == [("10001", True)]


def test_for_job_is_oldest_first_and_only_that_job(journal):
    journal.created(journal.intend(EVENT, "t", AT, ""), "10001")
    journal.created(journal.intend(OTHER, "t", AT, ""), "10002")
    journal.created(journal.intend(EVENT, "t", AT, ""), "10003")

    assert [entry.ticket for entry in journal.for_job(EVENT.job_key)] == ["10001", "10003"]


def test_sync_sees_acts_and_stops_tracking_on_every_row_of_the_ticket_b_12_2(journal):
    journal.created(journal.intend(EVENT, "t", AT, ""), "10001")
    journal.touched("10001", OTHER, "t", AT, "")
    journal.created(journal.intend(OTHER, "t", AT, ""), "10002")
    journal.intend(OTHER, "t", AT, "")

    journal.saw_status("10001", "Resolved")
    journal.acted_on("10001", "Resolved")
    journal.stop_tracking("10001")

    assert [entry.ticket for entry in journal.tracked()] == ["10002"]
    assert {(e.last_status_seen, e.last_status_acted, e.tracking) for e in journal.for_job(EVENT.job_key)} == {
        ("Resolved", "Resolved", False)}


def test_tracked_is_every_ticket_still_followed_oldest_first_b_12_1(journal):
    journal.created(journal.intend(EVENT, "t", AT, ""), "10001")
    journal.created(journal.intend(OTHER, "t", AT, ""), "10002")

    assert [entry.ticket for entry in journal.tracked()] == ["10001", "10002"]


def test_the_journal_survives_reopening_the_store(tmp_path):
    path = tmp_path / "summit-connector.sqlite3"
    SqliteJournal(SqliteStore(path)).created(SqliteJournal(SqliteStore(path)).intend(EVENT, "t", AT, ""), "10001")

    [entry] = SqliteJournal(SqliteStore(path)).for_job(EVENT.job_key)

    assert entry.ticket == "10001"
