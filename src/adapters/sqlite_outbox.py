"""The outbox as a SQLite file beside Connector.config: safe across concurrent processes (B-9)."""

import json
import sqlite3
from contextlib import closing, contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

from summit_connector.application.errors import OutboxUnavailable
from summit_connector.application.ports import KeptEvent, KeptFailure, Outbox
from summit_connector.domain.model import FailureEvent

_SCHEMA = """
CREATE TABLE IF NOT EXISTS kept_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event TEXT NOT NULL,
    template TEXT NOT NULL,
    kept_at TEXT NOT NULL,
    ticket_number TEXT NOT NULL DEFAULT '',
    rejected INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 1,
    last_error TEXT NOT NULL DEFAULT ''
)"""
_COLUMNS = "id, event, template, kept_at, ticket_number, rejected, attempts, last_error"


class SqliteOutbox(Outbox):
    """The file is created on the first `keep`; reading a missing file finds nothing pending."""

    def __init__(self, path: Path, busy_timeout_seconds: float = 30.0) -> None:
        self.path = path
        self._timeout = busy_timeout_seconds

    def keep(self, event: FailureEvent, template: str, kept_at: datetime, failure: KeptFailure) -> KeptEvent:
        row = (_event_json(event), template, kept_at.isoformat(), failure.ticket_number, int(failure.rejected),
               failure.message)
        with self._connection(create=True) as db:
            cursor = db.execute("INSERT INTO kept_events (event, template, kept_at, ticket_number, rejected, "
                                "last_error) VALUES (?, ?, ?, ?, ?, ?)", row)
            kept_id = cursor.lastrowid
        return KeptEvent(kept_id, event, template, kept_at, failure.ticket_number, failure.rejected, 1,
                         failure.message)

    def pending(self, include_rejected: bool = False) -> list[KeptEvent]:
        if not self.path.exists():
            return []
        where = "" if include_rejected else "WHERE rejected = 0"
        with self._connection() as db:
            rows = db.execute(f"SELECT {_COLUMNS} FROM kept_events {where} ORDER BY id").fetchall()
        return [_kept(row) for row in rows]

    def get(self, kept_id: int) -> KeptEvent | None:
        if not self.path.exists():
            return None
        with self._connection() as db:
            row = db.execute(f"SELECT {_COLUMNS} FROM kept_events WHERE id = ?", (kept_id,)).fetchone()
        return _kept(row) if row else None

    def failed_again(self, kept_id: int, failure: KeptFailure) -> None:
        with self._connection() as db:
            db.execute("UPDATE kept_events SET attempts = attempts + 1, last_error = ?, rejected = ?, "
                       "ticket_number = ? WHERE id = ?",
                       (failure.message, int(failure.rejected), failure.ticket_number, kept_id))

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


def _kept(row: tuple) -> KeptEvent:
    kept_id, event, template, kept_at, ticket, rejected, attempts, error = row
    fields = json.loads(event)
    fields["schedule_date"] = date.fromisoformat(fields["schedule_date"])
    return KeptEvent(kept_id, FailureEvent(**fields), template, datetime.fromisoformat(kept_at), ticket,
                     bool(rejected), attempts, error)
