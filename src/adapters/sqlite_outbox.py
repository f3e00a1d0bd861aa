"""The outbox as a SQLite file beside Connector.config: safe across concurrent processes (B-9)."""

import json
import sqlite3
from contextlib import closing, contextmanager
from datetime import date, datetime
from pathlib import Path
from collections.abc import Collection, Iterator

from summit_connector.application.errors import OutboxUnavailable
from summit_connector.application.ports import KeptEvent, KeptFailure, KeptState, Outbox
from summit_connector.domain.model import FailureEvent

_SCHEMA = """
CREATE TABLE IF NOT EXISTS kept_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event TEXT NOT NULL,
    template TEXT NOT NULL,
    kept_at TEXT NOT NULL,
    ticket_number TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 1,
    last_error TEXT NOT NULL DEFAULT ''
)"""
_COLUMNS = "id, event, template, kept_at, ticket_number, state, attempts, last_error"


class SqliteOutbox(Outbox):
    """The file is created on the first `keep`; reading a missing file finds nothing pending."""

    def __init__(self, path: Path, busy_timeout_seconds: float = 30.0) -> None:
        self.path = path
        self._timeout = busy_timeout_seconds

    def keep(self, event: FailureEvent, template: str, kept_at: datetime, failure: KeptFailure) -> KeptEvent:
        row = (_event_json(event), template, kept_at.isoformat(), failure.ticket_number, failure.state.value,
               failure.message)
        with self._connection(create=True) as db:
            cursor = db.execute("INSERT INTO kept_events (event, template, kept_at, ticket_number, state, "
                                "last_error) VALUES (?, ?, ?, ?, ?, ?)", row)
            kept_id = cursor.lastrowid
        return KeptEvent(kept_id, event, template, kept_at, failure.ticket_number, failure.state, 1,
                         failure.message)

    def pending(self, states: Collection[KeptState] = (KeptState.PENDING,)) -> list[KeptEvent]:
        if not self.path.exists():
            return []
        wanted = [KeptState(state).value for state in states]
        marks = ", ".join("?" for _ in wanted)
        with self._connection() as db:
            rows = db.execute(f"SELECT {_COLUMNS} FROM kept_events WHERE state IN ({marks}) ORDER BY id",
                              wanted).fetchall()
        return [kept for kept in map(_kept_or_none, rows) if kept is not None]

    def get(self, kept_id: int) -> KeptEvent | None:
        if not self.path.exists():
            return None
        with self._connection() as db:
            row = db.execute(f"SELECT {_COLUMNS} FROM kept_events WHERE id = ?", (kept_id,)).fetchone()
        return _kept_or_none(row) if row else None

    def failed_again(self, kept_id: int, failure: KeptFailure) -> None:
        with self._connection() as db:
            db.execute("UPDATE kept_events SET attempts = attempts + 1, last_error = ?, state = ?, "
                       "ticket_number = ? WHERE id = ?",
                       (failure.message, failure.state.value, failure.ticket_number, kept_id))

    def delivered(self, kept_id: int) -> None:
        with self._connection() as db:
            db.execute("DELETE FROM kept_events WHERE id = ?", (kept_id,))

    @contextmanager
    def _connection(self, create: bool = False) -> Iterator[sqlite3.Connection]:
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)) as db:
                db.execute(_SCHEMA)
                db.execute("BEGIN IMMEDIATE")
                yield db
                db.execute("COMMIT")
        except (sqlite3.Error, OSError) as error:
            raise OutboxUnavailable(f"outbox {self.path}: {error}") from error


def _event_json(event: FailureEvent) -> str:
    fields = dict(vars(event))
    fields["schedule_date"] = event.schedule_date.isoformat()
    return json.dumps(fields)


def _kept_or_none(row: tuple) -> KeptEvent | None:
    """A row this version cannot read (written by another one, or damaged) is left alone, not fatal."""
    try:
        return _kept(row)
    except (TypeError, ValueError, KeyError):
        return None


def _kept(row: tuple) -> KeptEvent:
    kept_id, event, template, kept_at, ticket, state, attempts, error = row
    fields = json.loads(event)
    fields["schedule_date"] = date.fromisoformat(fields["schedule_date"])
    return KeptEvent(kept_id, FailureEvent(**fields), template, datetime.fromisoformat(kept_at), ticket,
                     KeptState(state), attempts, error)
