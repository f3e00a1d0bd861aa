"""History in the state store (B-10.3): one row per run, read newest first by time, job or schedule.

Appending also prunes what is older than `keep_days` before the event's own time (the clock's, B-1.5), so a
replayed clock never makes events vanish; with the index on time that costs next to nothing.
"""

from datetime import datetime, timedelta

from summit_connector.adapters.state.store import SqliteStore
from summit_connector.application.ports import History, HistoryEvent

_COLUMNS = "at, command, trigger, job, schedule, schedule_date, action, ticket, exit_code, reason, job_key"


class SqliteHistory(History):
    def __init__(self, store: SqliteStore, keep_days: int) -> None:
        self.store = store
        self.keep_days = keep_days

    def append(self, event: HistoryEvent) -> None:
        with self.store.transaction() as db:
            db.execute(f"INSERT INTO history ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", _row(event))
            db.execute("DELETE FROM history WHERE at < ?", (_stamp(event.time - timedelta(days=self.keep_days)),))

    def query(self, job: str | None = None, schedule: str | None = None, since: datetime | None = None,
              limit: int = 50) -> list[HistoryEvent]:
        conditions = {"job = ?": job, "schedule = ?": schedule, "at >= ?": _stamp(since) if since else None}
        wanted = {condition: value for condition, value in conditions.items() if value is not None}
        where = f"WHERE {' AND '.join(wanted)}" if wanted else ""
        rows = self.store.rows(f"SELECT {_COLUMNS} FROM history {where} ORDER BY at DESC, id DESC LIMIT ?",
                               [*wanted.values(), limit])
        return [_event(row) for row in rows]

    def prune(self, before: datetime) -> int:
        with self.store.transaction() as db:
            return db.execute("DELETE FROM history WHERE at < ?", (_stamp(before),)).rowcount


def _stamp(moment: datetime) -> str:
    """Fixed width, so text order is time order."""
    return moment.isoformat(timespec="microseconds")


def _row(event: HistoryEvent) -> tuple:
    return (_stamp(event.time), event.command, event.trigger, event.job, event.schedule, event.date, event.action,
            event.ticket, event.exit_code, event.reason, event.job_key)


def _event(row: tuple) -> HistoryEvent:
    at, *rest = row
    return HistoryEvent(datetime.fromisoformat(at), *rest)
