"""A damaged state store (B-9.3, B-10.1): moved aside once, a new store started; never a store merely locked."""

import multiprocessing
import os
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from summit_connector.adapters.state.outbox import SqliteOutbox
from summit_connector.adapters.state.store import STORE_FILE, SqliteStore
from summit_connector.application.errors import OutboxUnavailable
from summit_connector.application.ports import KeptFailure
from summit_connector.domain.model import FailureEvent

EVENT = FailureEvent("A 1", "PAYROLL", "JOB001", "-1", date(2024, 9, 21), 16, 1)
KEPT_AT = datetime(2024, 9, 21, 3, 4, 5)
GARBAGE = b"not a database\n" * 512
WRITTEN = datetime(2024, 9, 21, 2, 14, 7)
ASIDE = f"{STORE_FILE}.damaged-20240921T021407"


def store_in(folder: Path, busy_timeout_seconds: float = 30.0) -> SqliteStore:
    return SqliteStore(folder / STORE_FILE, folder / "summit-connector-outbox.sqlite3", busy_timeout_seconds)


def damaged(folder: Path, content: bytes = GARBAGE) -> Path:
    """A store file overwritten with `content`, last written at WRITTEN."""
    path = folder / STORE_FILE
    path.write_bytes(content)
    os.utime(path, (WRITTEN.timestamp(), WRITTEN.timestamp()))
    return path


def keep(store: SqliteStore, job: str = EVENT.job) -> None:
    event = FailureEvent(EVENT.agent, EVENT.schedule, job, "-1", EVENT.schedule_date, 16, 1)
    SqliteOutbox(store).keep(event, "t", KEPT_AT, KeptFailure("Summit down"))


def asides(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if ".damaged-" in path.name)


def test_a_file_that_is_not_a_database_is_moved_aside_and_a_new_store_keeps_the_event_b_9_3(tmp_path):
    path = damaged(tmp_path)
    store = store_in(tmp_path)

    keep(store)

    assert (tmp_path / ASIDE).read_bytes() == GARBAGE
    assert [kept.event.job for kept in SqliteOutbox(store_in(tmp_path)).pending()] == [EVENT.job]
    assert store.moved_aside is not None and store.moved_aside.aside == tmp_path / ASIDE
    assert str(store.moved_aside) == (f"state store {path} is damaged (file is not a database); it was moved aside "
                                      f"to {tmp_path / ASIDE} and a new store was started")


def test_reading_a_damaged_store_moves_it_aside_and_finds_nothing_b_9_3(tmp_path):
    damaged(tmp_path)
    store = store_in(tmp_path)

    assert SqliteOutbox(store).pending() == []
    assert asides(tmp_path) == [ASIDE] and store.moved_aside is not None


def test_the_next_store_opened_on_the_new_file_moves_nothing_b_9_3(tmp_path):
    damaged(tmp_path)
    keep(store_in(tmp_path))
    store = store_in(tmp_path)

    keep(store, "JOB002")

    assert store.moved_aside is None and asides(tmp_path) == [ASIDE]
    assert [kept.event.job for kept in SqliteOutbox(store).pending()] == [EVENT.job, "JOB002"]


def test_a_name_already_taken_by_an_earlier_damaged_file_gets_a_number(tmp_path):
    (tmp_path / ASIDE).write_bytes(b"moved before")
    damaged(tmp_path)

    keep(store_in(tmp_path))

    assert asides(tmp_path) == [ASIDE, f"{ASIDE}-2"]
    assert (tmp_path / ASIDE).read_bytes() == b"moved before"


def test_a_store_merely_locked_by_another_run_is_never_moved_aside(tmp_path):
    keep(store_in(tmp_path))
    holder = sqlite3.connect(tmp_path / STORE_FILE, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")

    with pytest.raises(OutboxUnavailable, match="database is locked"):
        keep(store_in(tmp_path, busy_timeout_seconds=0.1), "JOB002")

    holder.execute("ROLLBACK")
    holder.close()
    assert asides(tmp_path) == []
    assert [kept.event.job for kept in SqliteOutbox(store_in(tmp_path)).pending()] == [EVENT.job]


def test_a_damaged_file_that_cannot_be_moved_stays_unavailable_in_one_named_error(tmp_path):
    path = damaged(tmp_path)
    (tmp_path / f"{STORE_FILE}.aside.lock").mkdir()
    store = store_in(tmp_path)

    with pytest.raises(OutboxUnavailable, match=f"^state store {path}: file is not a database$"):
        keep(store)

    assert path.read_bytes() == GARBAGE and asides(tmp_path) == [] and store.moved_aside is None


def malformed(store: SqliteStore) -> None:
    """A store whose schema reads well but whose kept events lie partly on overwritten pages."""
    with store.transaction() as db:
        db.executemany("INSERT INTO kept_events (event, template, kept_at) VALUES ('{}', ?, '')",
                       [("t" * 200,) for _ in range(5000)])
    with open(store.path, "r+b") as file:
        file.seek(file.seek(0, os.SEEK_END) // 2)
        file.write(b"\xff" * 3 * 4096)


def test_a_malformed_table_found_later_fails_that_operation_and_the_next_one_starts_afresh(tmp_path):
    store = store_in(tmp_path)
    malformed(store)

    with pytest.raises(OutboxUnavailable, match="database disk image is malformed"):
        SqliteOutbox(store).pending()
    keep(store)

    assert store.moved_aside is not None and asides(tmp_path) == [store.moved_aside.aside.name]
    assert [kept.event.job for kept in SqliteOutbox(store).pending()] == [EVENT.job]


def test_the_wal_of_a_damaged_store_another_run_holds_open_moves_aside_with_it(tmp_path):
    store = store_in(tmp_path)
    malformed(store)
    holder = sqlite3.connect(store.path)
    holder.execute("SELECT count(*) FROM sqlite_master").fetchone()

    with pytest.raises(OutboxUnavailable, match="malformed"):
        SqliteOutbox(store).pending()
    keep(store)
    holder.close()

    aside = store.moved_aside.aside
    assert Path(f"{aside}-wal").exists() and Path(f"{aside}-shm").exists()
    assert [kept.event.job for kept in SqliteOutbox(store_in(tmp_path)).pending()] == [EVENT.job]


def _keep_in(folder: str, job: str, ready) -> None:
    ready.wait(20)
    keep(store_in(Path(folder)), job)


def test_runs_finding_it_damaged_at_once_move_it_aside_once_and_keep_every_event_b_10_1(tmp_path):
    damaged(tmp_path)
    context = multiprocessing.get_context("spawn")
    ready = context.Event()
    runs = [context.Process(target=_keep_in, args=(str(tmp_path), f"JOB{n}", ready)) for n in range(8)]
    for run in runs:
        run.start()

    ready.set()
    for run in runs:
        run.join(60)

    assert [run.exitcode for run in runs] == [0] * 8
    assert asides(tmp_path) == [ASIDE] and (tmp_path / ASIDE).read_bytes() == GARBAGE
    kept = SqliteOutbox(store_in(tmp_path)).pending()
    assert sorted(entry.event.job for entry in kept) == [f"JOB{n}" for n in range(8)]
