"""The incident journal in the state store (B-10.2, B-9.1): one row per incident and job, read by job key and by
group key (B-13.1)."""

from datetime import datetime

from summit_connector.adapters.state.store import SqliteStore
from summit_connector.adapters.state.stored_event import event_from_json, event_json
from summit_connector.application.ports import Journal, JournalEntry
from summit_connector.domain.model import FailureEvent

_COLUMNS = ("id, ticket, event, template, created_at, opened, written_back, daily_job_id, group_key, "
            "last_status_seen, last_status_acted, tracking, abandoned, group_ended, recovered")


class SqliteJournal(Journal):
    """An incident touched for several jobs (grouped, B-13.1) has a row per job; status changes apply to all."""

    def __init__(self, store: SqliteStore) -> None:
        self.store = store

    def intend(self, event: FailureEvent, template: str, at: datetime, daily_job_id: str, group_key: str = "") -> int:
        with self.store.transaction() as db:
            return _insert(db, "", event, template, at, daily_job_id, group_key, opened=True)

    def created(self, intent_id: int, ticket: str) -> None:
        self._write("UPDATE journal SET ticket = ? WHERE id = ?", ticket, intent_id)

    def touched(self, ticket: str, event: FailureEvent, template: str, at: datetime, daily_job_id: str,
                group_key: str = "") -> None:
        with self.store.transaction() as db:
            known = db.execute("SELECT 1 FROM journal WHERE ticket = ? AND job_key = ?", (ticket, event.job_key))
            if known.fetchone() is None:
                _insert(db, ticket, event, template, at, daily_job_id, group_key, opened=False)
            else:
                db.execute("UPDATE journal SET recovered = 0 WHERE ticket = ? AND job_key = ?", (ticket, event.job_key))

    def written_back(self, ticket: str) -> None:
        self._write("UPDATE journal SET written_back = 1 WHERE ticket = ?", ticket)

    def abandon_intents(self, job_key: str) -> None:
        self._write("UPDATE journal SET abandoned = 1 WHERE job_key = ? AND ticket = ''", job_key)

    def for_job(self, job_key: str) -> list[JournalEntry]:
        return self._entries("WHERE job_key = ? ORDER BY id", job_key)

    def for_ticket(self, ticket: str) -> list[JournalEntry]:
        return self._entries("WHERE ticket = ? AND ticket != '' ORDER BY id", ticket)

    def recovered(self, ticket: str, job_key: str) -> None:
        self._write("UPDATE journal SET recovered = 1 WHERE ticket = ? AND job_key = ?", ticket, job_key)

    def tracked(self) -> list[JournalEntry]:
        return self._entries("WHERE tracking = 1 AND ticket != '' ORDER BY id")

    def saw_status(self, ticket: str, status: str) -> None:
        self._write("UPDATE journal SET last_status_seen = ? WHERE ticket = ?", status, ticket)

    def acted_on(self, ticket: str, status: str) -> None:
        self._write("UPDATE journal SET last_status_acted = ? WHERE ticket = ?", status, ticket)

    def stop_tracking(self, ticket: str) -> None:
        self._write("UPDATE journal SET tracking = 0 WHERE ticket = ?", ticket)

    def group_incident(self, group_key: str, since: datetime | None) -> JournalEntry | None:
        """`group_key != ''` lets SQLite use the partial index `journal_by_group` (B-10.4)."""
        after = since.isoformat() if since is not None else ""
        found = self._entries("WHERE group_key = ? AND group_key != '' AND created_at > ? AND opened = 1 "
                              "AND ticket != '' AND group_ended = 0 ORDER BY created_at DESC, id DESC LIMIT 1",
                              group_key, after)
        return found[0] if found else None

    def end_group(self, group_key: str) -> None:
        self._write("UPDATE journal SET group_ended = 1 WHERE group_key = ?", group_key)

    def _write(self, sql: str, *parameters: object) -> None:
        with self.store.transaction() as db:
            db.execute(sql, parameters)

    def _entries(self, where: str, *parameters: object) -> list[JournalEntry]:
        return [_entry(row) for row in self.store.rows(f"SELECT {_COLUMNS} FROM journal {where}", parameters)]


def _insert(db, ticket: str, event: FailureEvent, template: str, at: datetime, daily_job_id: str, group_key: str,
            opened: bool) -> int:
    return db.execute(
        "INSERT INTO journal (ticket, job_key, event, template, created_at, opened, daily_job_id, group_key) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (ticket, event.job_key, event_json(event), template, at.isoformat(), int(opened), daily_job_id, group_key),
    ).lastrowid


def _entry(row: tuple) -> JournalEntry:
    entry_id, ticket, event, template, created_at, opened, written_back, daily_job_id, group_key, seen, acted, \
        tracking, abandoned, group_ended, recovered = row
    return JournalEntry(entry_id, ticket, event_from_json(event), template, datetime.fromisoformat(created_at),
                        bool(opened), bool(written_back), daily_job_id, group_key, seen, acted, bool(tracking),
                        bool(abandoned), bool(group_ended), bool(recovered))
