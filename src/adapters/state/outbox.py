"""The outbox in the state store (B-9, B-10.1): safe across concurrent processes; read by state or by job key."""

from collections.abc import Collection
from datetime import datetime

from summit_connector.adapters.state.store import SqliteStore
from summit_connector.adapters.state.stored_event import event_from_json, event_json
from summit_connector.application.ports import KeptEvent, KeptFailure, KeptState, Outbox
from summit_connector.domain.model import FailureEvent

_COLUMNS = "id, event, template, kept_at, ticket_number, state, attempts, last_error, settling, cause"


class SqliteOutbox(Outbox):
    """Reading a store that does not exist yet finds nothing pending; the first `keep` creates it."""

    def __init__(self, store: SqliteStore) -> None:
        self.store = store

    def keep(self, event: FailureEvent, template: str, kept_at: datetime, failure: KeptFailure) -> KeptEvent:
        row = (event_json(event), event.job_key, template, kept_at.isoformat(), failure.ticket_number,
               failure.state.value, failure.message, failure.settling, failure.cause)
        with self.store.transaction() as db:
            kept_id = db.execute("INSERT INTO kept_events (event, job_key, template, kept_at, ticket_number, state, "
                                 "last_error, settling, cause) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row).lastrowid
        return KeptEvent(kept_id, event, template, kept_at, failure.ticket_number, failure.state, 1,
                         failure.message, failure.settling, failure.cause)

    def pending(self, states: Collection[KeptState] = (KeptState.PENDING,)) -> list[KeptEvent]:
        wanted = [KeptState(state).value for state in states]
        marks = ", ".join("?" for _ in wanted)
        return _readable(self.store.rows(f"SELECT {_COLUMNS} FROM kept_events WHERE state IN ({marks}) ORDER BY id",
                                         wanted))

    def for_job(self, job_key: str) -> list[KeptEvent]:
        return _readable(self.store.rows(f"SELECT {_COLUMNS} FROM kept_events WHERE job_key = ? ORDER BY id",
                                         (job_key,)))

    def get(self, kept_id: int) -> KeptEvent | None:
        found = _readable(self.store.rows(f"SELECT {_COLUMNS} FROM kept_events WHERE id = ?", (kept_id,)))
        return found[0] if found else None

    def failed_again(self, kept_id: int, failure: KeptFailure) -> None:
        with self.store.transaction() as db:
            db.execute("UPDATE kept_events SET attempts = attempts + 1, last_error = ?, state = ?, "
                       "ticket_number = ?, settling = ?, cause = ? WHERE id = ?",
                       (failure.message, failure.state.value, failure.ticket_number, failure.settling, failure.cause,
                        kept_id))

    def delivered(self, kept_id: int) -> None:
        with self.store.transaction() as db:
            db.execute("DELETE FROM kept_events WHERE id = ?", (kept_id,))


def _readable(rows: list[tuple]) -> list[KeptEvent]:
    """A row this version cannot read (written by another one, or damaged) is left alone, not fatal."""
    return [kept for kept in map(_kept_or_none, rows) if kept is not None]


def _kept_or_none(row: tuple) -> KeptEvent | None:
    try:
        return _kept(row)
    except (TypeError, ValueError, KeyError):
        return None


def _kept(row: tuple) -> KeptEvent:
    kept_id, event, template, kept_at, ticket, state, attempts, error, settling, cause = row
    return KeptEvent(kept_id, event_from_json(event), template, datetime.fromisoformat(kept_at), ticket,
                     KeptState(state), attempts, error, settling, cause)
