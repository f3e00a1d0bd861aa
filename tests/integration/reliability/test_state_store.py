"""The state store (B-10.1): one SQLite file, WAL, a schema version, the old outbox moved in without loss."""

import json
import multiprocessing
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from summit_connector.adapters.state.outbox import SqliteOutbox
from summit_connector.adapters.state.schema import MIGRATIONS
from summit_connector.adapters.state.store import SqliteStore
from summit_connector.application.errors import OutboxUnavailable
from summit_connector.application.ports import KeptFailure, KeptState
from summit_connector.domain.model import FailureEvent, Trigger

EVENT = FailureEvent("A 1", "PAY ROLL", "Job [x] $1", "-1", date(2024, 9, 21), 16, 2)
KEPT_AT = datetime(2024, 9, 21, 3, 4, 5)
OLD_SCHEMA = """CREATE TABLE kept_events (id INTEGER PRIMARY KEY AUTOINCREMENT, event TEXT NOT NULL,
    template TEXT NOT NULL, kept_at TEXT NOT NULL, ticket_number TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 1, last_error TEXT NOT NULL DEFAULT '')"""
OLDEST_SCHEMA = OLD_SCHEMA.replace("state TEXT NOT NULL DEFAULT 'pending'", "rejected INTEGER NOT NULL DEFAULT 0")


def old_event_json(job: str = "JOB001") -> str:
    """As the outbox wrote it before triggers existed."""
    return json.dumps({"agent": "A", "schedule": "PAYROLL", "job": job, "termination": "1",
                       "schedule_date": "2024-09-21", "schedule_id": 16, "schedule_instance": 1})


def write_old_outbox(path: Path, rows: list[tuple], schema: str = OLD_SCHEMA) -> None:
    """`rows` are (id, event json, state-or-rejected, ticket, attempts, last error)."""
    with sqlite3.connect(path) as old:
        old.execute(schema)
        third = "state" if "state TEXT" in schema else "rejected"
        old.executemany(f"INSERT INTO kept_events (id, event, template, kept_at, {third}, ticket_number, attempts, "
                        "last_error) VALUES (?, ?, 'basic.json', '2024-09-21T03:00:00', ?, ?, ?, ?)", rows)
    old.close()


def store_in(folder: Path) -> SqliteStore:
    return SqliteStore(folder / "summit-connector.sqlite3", folder / "summit-connector-outbox.sqlite3")


def test_a_new_store_is_in_wal_mode_at_the_latest_schema_version_b_10_1(tmp_path):
    SqliteOutbox(store_in(tmp_path)).keep(EVENT, "t", KEPT_AT, KeptFailure("down"))

    with sqlite3.connect(tmp_path / "summit-connector.sqlite3") as db:
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
        version = db.execute("SELECT version FROM schema_version").fetchone()[0]
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    assert mode == "wal"
    assert version == len(MIGRATIONS)
    assert {"kept_events", "journal", "history", "schema_version"} <= tables


def test_opening_a_store_at_the_latest_version_again_changes_nothing_b_10_1(tmp_path):
    SqliteOutbox(store_in(tmp_path)).keep(EVENT, "t", KEPT_AT, KeptFailure("down"))

    [kept] = SqliteOutbox(store_in(tmp_path)).pending()

    assert kept.event == EVENT
    with sqlite3.connect(tmp_path / "summit-connector.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 1


def test_reading_a_store_that_does_not_exist_finds_nothing_and_creates_nothing(tmp_path):
    outbox = SqliteOutbox(store_in(tmp_path))

    assert outbox.pending(set(KeptState)) == [] and outbox.for_job(EVENT.job_key) == []
    assert list(tmp_path.iterdir()) == []


def test_the_old_outbox_is_moved_in_on_first_use_losing_nothing_b_10_1(tmp_path):
    old = tmp_path / "summit-connector-outbox.sqlite3"
    write_old_outbox(old, [(3, old_event_json("JOB001"), "pending", "", 2, "Summit down"),
                           (7, old_event_json("JOB002"), "uncertain", "", 1, "read timeout"),
                           (9, old_event_json("JOB003"), "pending", "10001", 1, "write-back failed")])

    entries = SqliteOutbox(store_in(tmp_path)).pending(set(KeptState))

    assert [(k.id, k.event.job, k.state, k.ticket_number, k.attempts, k.last_error) for k in entries] == [
        (3, "JOB001", KeptState.PENDING, "", 2, "Summit down"),
        (7, "JOB002", KeptState.UNCERTAIN, "", 1, "read timeout"),
        (9, "JOB003", KeptState.PENDING, "10001", 1, "write-back failed"),
    ]
    assert {k.event.trigger for k in entries} == {Trigger.FAILED}
    assert not old.exists() and (tmp_path / "summit-connector-outbox.sqlite3.migrated").exists()


def test_moved_entries_are_found_by_job_key_b_10_4(tmp_path):
    write_old_outbox(tmp_path / "summit-connector-outbox.sqlite3",
                     [(1, old_event_json("JOB001"), "pending", "", 1, "down"),
                      (2, old_event_json("JOB002"), "pending", "", 1, "down")])

    [kept] = SqliteOutbox(store_in(tmp_path)).for_job("20240921|16|1|JOB002")

    assert kept.event.job == "JOB002"


def test_an_outbox_older_still_with_a_rejected_flag_is_moved_in_with_states_b_10_1(tmp_path):
    write_old_outbox(tmp_path / "summit-connector-outbox.sqlite3",
                     [(1, old_event_json(), 1, "", 1, "Invalid Category_Name"), (2, old_event_json(), 0, "", 1, "")],
                     schema=OLDEST_SCHEMA)

    entries = SqliteOutbox(store_in(tmp_path)).pending(set(KeptState))

    assert [k.state for k in entries] == [KeptState.REJECTED, KeptState.PENDING]


def test_moving_the_old_outbox_is_idempotent_even_if_the_rename_never_happened_b_10_1(tmp_path):
    old = tmp_path / "summit-connector-outbox.sqlite3"
    write_old_outbox(old, [(1, old_event_json(), "pending", "", 1, "down")])
    saved = old.read_bytes()
    store_in(tmp_path).rows("SELECT 1")
    old.write_bytes(saved)

    entries = SqliteOutbox(store_in(tmp_path)).pending()

    assert [k.id for k in entries] == [1]
    assert not old.exists()


def test_a_row_the_old_outbox_holds_that_cannot_be_read_is_moved_all_the_same(tmp_path):
    write_old_outbox(tmp_path / "summit-connector-outbox.sqlite3", [(1, '{"job": 1}', "pending", "", 1, "")])

    store = store_in(tmp_path)
    store.rows("SELECT 1")

    assert store.rows("SELECT id, event FROM kept_events") == [(1, '{"job": 1}')]


def test_moved_ids_follow_entries_the_store_already_holds(tmp_path):
    SqliteOutbox(store_in(tmp_path)).keep(EVENT, "t", KEPT_AT, KeptFailure("down"))
    write_old_outbox(tmp_path / "summit-connector-outbox.sqlite3", [(1, old_event_json(), "pending", "", 1, "")])

    entries = SqliteOutbox(store_in(tmp_path)).pending()

    assert [(k.id, k.event.job) for k in entries] == [(1, EVENT.job), (2, "JOB001")]


def _open_store(folder: str, ready) -> None:
    ready.wait(20)
    SqliteOutbox(store_in(Path(folder))).keep(EVENT, "t", KEPT_AT, KeptFailure("new"))


def test_runs_racing_the_move_copy_the_old_rows_once_b_10_1(tmp_path):
    write_old_outbox(tmp_path / "summit-connector-outbox.sqlite3",
                     [(n, old_event_json(f"OLD{n}"), "pending", "", 1, "down") for n in range(1, 21)])
    context = multiprocessing.get_context("spawn")
    ready = context.Event()
    runs = [context.Process(target=_open_store, args=(str(tmp_path), ready)) for _ in range(8)]
    for run in runs:
        run.start()

    ready.set()
    for run in runs:
        run.join(60)

    assert [run.exitcode for run in runs] == [0] * 8
    jobs = [k.event.job for k in SqliteOutbox(store_in(tmp_path)).pending()]
    assert sorted(job for job in jobs if job.startswith("OLD")) == sorted(f"OLD{n}" for n in range(1, 21))
    assert jobs.count(EVENT.job) == 8


def test_an_old_outbox_that_cannot_be_read_makes_the_store_unavailable_naming_it(tmp_path):
    (tmp_path / "summit-connector-outbox.sqlite3").mkdir()

    with pytest.raises(OutboxUnavailable, match="summit-connector-outbox.sqlite3"):
        SqliteOutbox(store_in(tmp_path)).pending()


REPORT_PATH_QUERIES = [
    ("SELECT * FROM kept_events WHERE job_key = ? ORDER BY id", ("j",)),
    ("SELECT * FROM kept_events WHERE state IN (?) ORDER BY id", ("pending",)),
    ("SELECT * FROM journal WHERE job_key = ? ORDER BY id", ("j",)),
    ("SELECT * FROM journal WHERE ticket = ?", ("1",)),
    ("SELECT * FROM journal WHERE tracking = 1 AND ticket != '' ORDER BY id", ()),
    ("SELECT * FROM history WHERE at < ?", ("2024",)),
    ("SELECT * FROM history ORDER BY at DESC, id DESC LIMIT 50", ()),
    ("SELECT * FROM history WHERE job = ? ORDER BY at DESC, id DESC LIMIT 50", ("j",)),
    ("SELECT * FROM history WHERE schedule = ? AND at >= ? ORDER BY at DESC, id DESC LIMIT 50", ("s", "2024")),
]


@pytest.mark.parametrize("query, parameters", REPORT_PATH_QUERIES)
def test_queries_use_an_index_and_never_read_every_row_b_10_4(tmp_path, query, parameters):
    store = store_in(tmp_path)
    with store.transaction():
        pass

    steps = [row[-1] for row in store.rows(f"EXPLAIN QUERY PLAN {query}", parameters)]

    assert steps and all("INDEX" in step or "INTEGER PRIMARY KEY" in step for step in steps), steps
