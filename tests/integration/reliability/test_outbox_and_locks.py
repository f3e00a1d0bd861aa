"""The outbox in the SQLite state store and the file locks, across processes (B-9)."""

import multiprocessing
import time
from datetime import date, datetime

import pytest

from summit_connector.adapters.locks.job_locks import FileJobLocks
from summit_connector.adapters.state.outbox import SqliteOutbox
from summit_connector.adapters.state.store import SqliteStore
from summit_connector.application.errors import LockTimeout, OutboxUnavailable
from summit_connector.application.ports import KeptFailure, KeptState
from summit_connector.domain.model import FailureEvent

EVENT = FailureEvent("A 1", "PAY ROLL", "Job [x] $1", "-1", date(2024, 9, 21), 16, 2)
KEPT_AT = datetime(2024, 9, 21, 3, 4, 5)


def test_a_kept_event_survives_reopening_the_file_field_for_field(tmp_path):
    SqliteOutbox(SqliteStore(tmp_path / "outbox.sqlite3")).keep(EVENT, "basic.json", KEPT_AT,
                                                                KeptFailure("Summit down"))

    [kept] = SqliteOutbox(SqliteStore(tmp_path / "outbox.sqlite3")).pending()

    assert (kept.event, kept.template, kept.kept_at, kept.last_error) == (EVENT, "basic.json", KEPT_AT,
                                                                          "Summit down")


def test_pending_is_oldest_first_and_holds_back_rejected_and_uncertain_unless_asked(tmp_path):
    outbox = SqliteOutbox(SqliteStore(tmp_path / "o.sqlite3"))
    first = outbox.keep(EVENT, "t", KEPT_AT, KeptFailure("down"))
    rejected = outbox.keep(EVENT, "t", KEPT_AT, KeptFailure("Invalid Category_Name", KeptState.REJECTED))
    uncertain = outbox.keep(EVENT, "t", KEPT_AT, KeptFailure("read timeout", KeptState.UNCERTAIN))
    last = outbox.keep(EVENT, "t", KEPT_AT, KeptFailure("write-back failed", ticket_number="10001"))

    assert [k.id for k in outbox.pending()] == [first.id, last.id]
    assert [k.id for k in outbox.pending(set(KeptState))] == [first.id, rejected.id, uncertain.id, last.id]
    assert outbox.get(uncertain.id).state is KeptState.UNCERTAIN
    assert outbox.get(last.id).ticket_number == "10001"


def test_failed_again_counts_attempts_and_delivered_removes(tmp_path):
    outbox = SqliteOutbox(SqliteStore(tmp_path / "o.sqlite3"))
    kept = outbox.keep(EVENT, "t", KEPT_AT, KeptFailure("down"))

    outbox.failed_again(kept.id, KeptFailure("still down"))
    again = outbox.get(kept.id)
    outbox.delivered(kept.id)

    assert (again.attempts, again.last_error) == (2, "still down")
    assert outbox.get(kept.id) is None and outbox.pending() == []


def test_a_missing_outbox_file_has_nothing_pending_and_is_not_created(tmp_path):
    outbox = SqliteOutbox(SqliteStore(tmp_path / "o.sqlite3"))

    assert outbox.pending() == [] and outbox.get(1) is None
    assert not (tmp_path / "o.sqlite3").exists()


def test_an_outbox_that_cannot_be_written_says_so_in_one_named_error(tmp_path):
    (tmp_path / "blocker").write_text("")

    with pytest.raises(OutboxUnavailable, match="blocker"):
        SqliteOutbox(SqliteStore(tmp_path / "blocker" / "o.sqlite3")).keep(EVENT, "t", KEPT_AT, KeptFailure("down"))


def _hold_lock(folder: str, ready, release) -> None:
    with FileJobLocks(__import__("pathlib").Path(folder)).hold(EVENT.job_key):
        ready.set()
        release.wait(10)


def test_a_job_lock_held_by_another_process_blocks_until_released(tmp_path):
    context = multiprocessing.get_context("spawn")
    ready, release = context.Event(), context.Event()
    holder = context.Process(target=_hold_lock, args=(str(tmp_path), ready, release))
    holder.start()
    assert ready.wait(20)
    waiting = FileJobLocks(tmp_path, wait_seconds=0.3)

    with pytest.raises(LockTimeout):
        with waiting.hold(EVENT.job_key):
            pass
    release.set()
    holder.join(10)

    started = time.monotonic()
    with FileJobLocks(tmp_path, wait_seconds=5).hold(EVENT.job_key):
        acquired_after = time.monotonic() - started
    assert acquired_after < 1


def test_locks_for_different_jobs_do_not_block_each_other(tmp_path):
    locks = FileJobLocks(tmp_path, wait_seconds=0.2)
    other = FailureEvent("A", "S", "OTHER", "1", date(2024, 9, 21), 16, 2)

    with locks.hold(EVENT.job_key):
        with FileJobLocks(tmp_path, wait_seconds=0.2).hold(other.job_key):
            pass


def test_a_row_this_version_cannot_read_is_skipped_not_fatal(tmp_path):
    import sqlite3

    outbox = SqliteOutbox(SqliteStore(tmp_path / "o.sqlite3"))
    good = outbox.keep(EVENT, "t", KEPT_AT, KeptFailure("down"))
    with sqlite3.connect(tmp_path / "o.sqlite3") as db:
        db.execute("INSERT INTO kept_events (event, template, kept_at) VALUES (?, 't', 'x')", ('{"job": 1}',))

    assert [k.id for k in outbox.pending()] == [good.id]
