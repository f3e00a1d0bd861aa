"""The old outbox file (`summit-connector-outbox.sqlite3`) moves into the state store on first use (B-10.1).

Its rows are copied in one transaction that also records the import, so a run racing this one (or one that
finds the file after a crash before the rename) copies nothing twice. Then the file is renamed `*.migrated`.
Entry ids are kept when the store has none yet; older files that said `rejected` instead of `state` still read.
"""

import sqlite3
from contextlib import closing
from pathlib import Path

from summit_connector.adapters.state.schema import immediate
from summit_connector.adapters.state.stored_event import event_from_json
from summit_connector.application.errors import OutboxUnavailable

IMPORT_NAME = "legacy-outbox"
MIGRATED_SUFFIX = ".migrated"
_COPIED = ("event", "template", "kept_at", "ticket_number", "state", "attempts", "last_error")


def import_legacy_outbox(db: sqlite3.Connection, legacy: Path) -> None:
    with immediate(db):
        if not db.execute("SELECT 1 FROM imports WHERE name = ?", (IMPORT_NAME,)).fetchone():
            rows = legacy_rows(legacy)
            _insert(db, rows)
            db.execute("INSERT INTO imports (name, rows) VALUES (?, ?)", (IMPORT_NAME, len(rows)))
    try:
        legacy.replace(legacy.with_name(legacy.name + MIGRATED_SUFFIX))
    except OSError:
        pass  # renamed by a run racing this one, or held open: imported all the same, and never again


def legacy_rows(legacy: Path) -> list[dict]:
    try:
        with closing(sqlite3.connect(f"{legacy.absolute().as_uri()}?mode=ro", uri=True)) as old:
            old.row_factory = sqlite3.Row
            if not old.execute("SELECT 1 FROM sqlite_master WHERE name = 'kept_events'").fetchone():
                return []
            return [_current(dict(row)) for row in old.execute("SELECT * FROM kept_events ORDER BY id")]
    except (sqlite3.Error, OSError) as error:
        raise OutboxUnavailable(f"old outbox {legacy} cannot be read to move it into the state store: {error}"
                                ) from error


def _current(row: dict) -> dict:
    if "state" not in row:
        row["state"] = "rejected" if row.get("rejected") else "pending"
    return row


def _insert(db: sqlite3.Connection, rows: list[dict]) -> None:
    offset = db.execute("SELECT coalesce(max(id), 0) FROM kept_events").fetchone()[0]
    db.executemany(
        f"INSERT INTO kept_events (id, job_key, {', '.join(_COPIED)}) VALUES ({', '.join('?' * (len(_COPIED) + 2))})",
        [(row["id"] + offset, _job_key(row["event"]), *(row[name] for name in _COPIED)) for row in rows],
    )


def _job_key(event: str) -> str:
    """A row this version cannot read is copied all the same, without a job key."""
    try:
        return event_from_json(event).job_key
    except (TypeError, ValueError, KeyError):
        return ""
