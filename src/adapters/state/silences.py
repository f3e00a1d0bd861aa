"""Silences in the state store (B-13.2): the report path reads the active ones through the index on `ends`.

Times are stored fixed-width, so text order is time order; `expire` moves `ends` back to then, never forward.
"""

from datetime import datetime

from summit_connector.adapters.state.store import SqliteStore
from summit_connector.application.ports import Silences
from summit_connector.domain.silences import Silence

_COLUMNS = "id, job, schedule, agent, tag, starts, ends, comment, author"


class SqliteSilences(Silences):
    """Reading a store that does not exist finds no silence and creates nothing (`explain` writes no file)."""

    def __init__(self, store: SqliteStore) -> None:
        self.store = store

    def add(self, job: str, schedule: str, agent: str, tag: str, starts: datetime, ends: datetime, comment: str,
            author: str) -> Silence:
        with self.store.transaction() as db:
            silence_id = db.execute(
                "INSERT INTO silences (job, schedule, agent, tag, starts, ends, comment, author) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (job, schedule, agent, tag, _stamp(starts), _stamp(ends), comment, author),
            ).lastrowid
        return Silence(silence_id, job, schedule, agent, tag, starts, ends, comment, author)

    def listed(self, include_expired: bool, now: datetime) -> list[Silence]:
        if include_expired:
            return self._silences("ORDER BY id")
        return self._silences("WHERE ends > ? AND starts <= ? ORDER BY id", _stamp(now), _stamp(now))

    def expire(self, silence_id: int, now: datetime) -> Silence | None:
        if not self._silences("WHERE id = ?", silence_id):
            return None
        with self.store.transaction() as db:
            db.execute("UPDATE silences SET ends = min(ends, ?) WHERE id = ?", (_stamp(now), silence_id))
        return self._silences("WHERE id = ?", silence_id)[0]

    def _silences(self, where: str, *parameters: object) -> list[Silence]:
        return [_silence(row) for row in self.store.rows(f"SELECT {_COLUMNS} FROM silences {where}", parameters)]


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def _silence(row: tuple) -> Silence:
    silence_id, job, schedule, agent, tag, starts, ends, comment, author = row
    return Silence(silence_id, job, schedule, agent, tag, datetime.fromisoformat(starts),
                   datetime.fromisoformat(ends), comment, author)
