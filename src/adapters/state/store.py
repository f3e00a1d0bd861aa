"""The state store (B-10.1): one SQLite file for the outbox, the journal and history (silences come next).

Forty runs at once never fail on a locked database: the file is in WAL mode (readers never wait for the writer),
every connection waits up to a busy timeout, and every write starts with `BEGIN IMMEDIATE`, so it takes the write
lock up front instead of failing when a read has to turn into a write. The schema carries its version and is
brought up to date by ordered migrations; the old outbox file is imported on first use (`sqlite_legacy`).
"""

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path

from summit_connector.adapters.state.legacy import import_legacy_outbox
from summit_connector.adapters.state.schema import MIGRATIONS, immediate, migrate, schema_version
from summit_connector.application.errors import OutboxUnavailable

STORE_FILE = "summit-connector.sqlite3"
BUSY_TIMEOUT_SECONDS = 30.0


class SqliteStore:
    """Opens one short connection per operation, so processes and threads never share one.

    Reading a store that does not exist finds nothing and creates nothing; the first write creates it. A file
    that cannot be opened, read or written raises OutboxUnavailable naming the file and the cause.
    """

    def __init__(self, path: Path, legacy_outbox: Path | None = None,
                 busy_timeout_seconds: float = BUSY_TIMEOUT_SECONDS) -> None:
        self.path = path
        self.legacy_outbox = legacy_outbox
        self._timeout = busy_timeout_seconds
        self._ready = False

    def rows(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple]:
        if not self._exists():
            return []
        with self._connection() as db:
            return db.execute(sql, parameters).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._connection() as db, immediate(db):
            yield db

    def _exists(self) -> bool:
        return self.path.exists() or (self.legacy_outbox is not None and self.legacy_outbox.exists())

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)) as db:
                self._prepare(db)
                yield db
        except (sqlite3.Error, OSError) as error:
            raise OutboxUnavailable(f"state store {self.path}: {error}") from error

    def _prepare(self, db: sqlite3.Connection) -> None:
        """Once per instance: the schema up to date, then the old outbox imported if it is still there."""
        if self._ready:
            return
        if schema_version(db) < len(MIGRATIONS):
            db.execute("PRAGMA journal_mode=WAL")
            migrate(db)
        if self.legacy_outbox is not None and self.legacy_outbox.exists():
            import_legacy_outbox(db, self.legacy_outbox)
        self._ready = True

