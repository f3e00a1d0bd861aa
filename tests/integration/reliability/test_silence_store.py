"""Silences in the state store (B-13.2, B-10.1): kept across runs, read by the clock, added to a store of version 1."""

import sqlite3
from datetime import datetime, timedelta

from summit_connector.adapters.state.schema import MIGRATIONS
from summit_connector.adapters.state.silences import SqliteSilences
from summit_connector.adapters.state.store import SqliteStore

NOW = datetime(2024, 9, 21, 3, 0)
STORE = "summit-connector.sqlite3"


def silences_in(folder) -> SqliteSilences:
    return SqliteSilences(SqliteStore(folder / STORE))


def add(silences: SqliteSilences, job: str = "JOB*", hours: float = 2, **matchers: str):
    values = {"schedule": "", "agent": "", "tag": "", **matchers}
    return silences.add(job, **values, starts=NOW, ends=NOW + timedelta(hours=hours), comment="patch night",
                        author="ann")


def test_a_silence_is_kept_with_every_field_and_numbered_b_13_2(tmp_path):
    first = add(silences_in(tmp_path), "Parent_Job[Sub]", schedule="Nightly Batch$*", agent="UNIX*", tag="APP1")
    second = add(silences_in(tmp_path))

    listed = silences_in(tmp_path).listed(False, NOW)

    assert [s.id for s in listed] == [first.id, second.id] == [1, 2]
    assert listed[0] == first
    assert (first.job, first.schedule, first.agent, first.tag, first.ends, first.author) == (
        "Parent_Job[Sub]", "Nightly Batch$*", "UNIX*", "APP1", NOW + timedelta(hours=2), "ann")


def test_listed_without_expired_holds_those_active_at_the_moment_given(tmp_path):
    silences = silences_in(tmp_path)
    short, long = add(silences, hours=1), add(silences, hours=3)
    later = NOW + timedelta(hours=1)

    assert silences.listed(False, later) == [long]
    assert silences.listed(True, later) == [short, long]
    assert silences.listed(False, NOW - timedelta(minutes=1)) == []


def test_expire_ends_a_silence_then_and_never_lengthens_one(tmp_path):
    silences = silences_in(tmp_path)
    add(silences)
    moment = NOW + timedelta(minutes=30)

    expired = silences.expire(1, moment)
    again = silences.expire(1, moment + timedelta(hours=5))

    assert expired.ends == again.ends == moment
    assert silences.listed(False, moment) == []


def test_expiring_an_unknown_id_finds_nothing_and_creates_no_file(tmp_path):
    assert silences_in(tmp_path).expire(7, NOW) is None
    assert list(tmp_path.iterdir()) == []


def test_reading_a_store_that_does_not_exist_finds_no_silence_and_creates_nothing(tmp_path):
    assert silences_in(tmp_path).listed(True, NOW) == []
    assert list(tmp_path.iterdir()) == []


def test_a_store_of_version_1_gets_the_silences_table_keeping_its_history_b_10_1(tmp_path):
    with sqlite3.connect(tmp_path / STORE) as db:
        db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        db.execute("INSERT INTO schema_version VALUES (1)")
        for statement in MIGRATIONS[0]:
            db.execute(statement)
        db.execute("INSERT INTO history (at, command, trigger, job, schedule, schedule_date, action, ticket, "
                   "exit_code, reason) VALUES ('2024-09-21T02:00:00.000000', 'report', 'failed', 'JOB001', "
                   "'PAYROLL', '2024-09-21', 'created', '10001', 0, '')")
    db.close()

    add(silences_in(tmp_path))

    with sqlite3.connect(tmp_path / STORE) as db:
        assert db.execute("SELECT version FROM schema_version").fetchone()[0] == len(MIGRATIONS)
        assert db.execute("SELECT count(*) FROM history").fetchone()[0] == 1
        assert db.execute("SELECT count(*) FROM silences").fetchone()[0] == 1
    db.close()
