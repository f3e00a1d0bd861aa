"""The journal's groups (B-13.1, B-13.4), in the state store and in memory alike: each group's newest incident, read
by key and creation time, and the end of a down agent's group."""

import sqlite3
from datetime import date, datetime, timedelta

import pytest

from summit_connector.adapters.memory import InMemoryJournal
from summit_connector.adapters.state.journal import SqliteJournal
from summit_connector.adapters.state.schema import MIGRATIONS, immediate
from summit_connector.adapters.state.store import SqliteStore
from summit_connector.domain.model import FailureEvent

FIRST = FailureEvent("AGENT", "PAYROLL", "JOB001", "1", date(2024, 9, 21), 16, 1)
SECOND = FailureEvent("AGENT", "PAYROLL", "JOB002", "1", date(2024, 9, 21), 16, 1)
AT = datetime(2024, 9, 21, 3, 15)
KEY = "agent=AGENT"


@pytest.fixture(params=["sqlite", "memory"])
def journal(request, tmp_path):
    if request.param == "memory":
        return InMemoryJournal()
    return SqliteJournal(SqliteStore(tmp_path / "summit-connector.sqlite3"))


def opened(journal, ticket: str, at: datetime, key: str = KEY, event: FailureEvent = FIRST) -> None:
    journal.created(journal.intend(event, "basic.json", at, event.job_key, key), ticket)


def test_the_groups_newest_incident_created_after_the_moment_is_its_incident_b_13_1(journal):
    opened(journal, "10001", AT)
    opened(journal, "10002", AT + timedelta(minutes=20), event=SECOND)

    newest = journal.group_incident(KEY, AT)
    too_late = journal.group_incident(KEY, AT + timedelta(minutes=20))

    assert (newest.ticket, newest.created_at, newest.group_key) == ("10002", AT + timedelta(minutes=20), KEY)
    assert too_late is None
    assert journal.group_incident("agent=OTHER", None) is None


def test_a_job_that_joined_the_incident_records_the_key_but_never_moves_the_window_b_13_1(journal):
    opened(journal, "10001", AT)

    journal.touched("10001", SECOND, "basic.json", AT + timedelta(minutes=10), SECOND.job_key, KEY)

    assert [(e.ticket, e.opened, e.group_key) for e in journal.for_job(SECOND.job_key)] == [("10001", False, KEY)]
    assert journal.group_incident(KEY, AT + timedelta(minutes=1)) is None


def test_an_intent_without_a_number_is_no_groups_incident_b_9_1(journal):
    journal.intend(FIRST, "basic.json", AT, FIRST.job_key, KEY)

    assert journal.group_incident(KEY, None) is None


def test_an_ended_group_has_no_incident_any_more_b_13_4(journal):
    opened(journal, "10001", AT, key="agent-down=AGENT")
    opened(journal, "10002", AT, key=KEY, event=SECOND)

    journal.end_group("agent-down=AGENT")

    assert journal.group_incident("agent-down=AGENT", None) is None
    assert journal.group_incident(KEY, None).ticket == "10002"
    assert [e.group_ended for e in journal.for_job(FIRST.job_key)] == [True]


def test_a_store_written_before_grouping_is_migrated_and_keeps_its_entries_b_10_1(tmp_path):
    path = tmp_path / "summit-connector.sqlite3"
    with sqlite3.connect(path) as db:
        with immediate(db):
            db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            db.execute(f"INSERT INTO schema_version VALUES ({len(MIGRATIONS) - 1})")
            for statements in MIGRATIONS[:-1]:
                for statement in statements:
                    db.execute(statement)
            db.execute("INSERT INTO journal (ticket, job_key, event, template, created_at) VALUES "
                       "('9001', 'k', '{}', 'basic.json', '2024-09-21T03:00:00')")
    db.close()

    journal = SqliteJournal(SqliteStore(path))
    opened(journal, "10001", AT)

    assert journal.group_incident(KEY, None).ticket == "10001"
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT ticket, group_key, group_ended FROM journal ORDER BY id").fetchall()
    db.close()
    assert rows == [("9001", "", 0), ("10001", KEY, 0)]


def test_the_group_query_is_answered_from_an_index_b_10_4(tmp_path):
    store = SqliteStore(tmp_path / "summit-connector.sqlite3")
    journal = SqliteJournal(store)
    opened(journal, "10001", AT)
    asked: list[tuple[str, tuple]] = []
    rows = store.rows
    store.rows = lambda sql, parameters=(): asked.append((sql, parameters)) or rows(sql, parameters)

    journal.group_incident(KEY, AT)
    [(sql, parameters)] = asked
    [plan] = rows(f"EXPLAIN QUERY PLAN {sql}", parameters)

    assert "USING INDEX journal_by_group" in plan[-1]
