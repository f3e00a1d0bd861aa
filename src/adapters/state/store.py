"""The state store (B-10.1): one SQLite file for the outbox, the journal and history (silences come next).

Forty runs at once never fail on a locked database: the file is in WAL mode (readers never wait for the writer),
every connection waits up to a busy timeout, and every write starts with `BEGIN IMMEDIATE`, so it takes the write
lock up front instead of failing when a read has to turn into a write. The schema carries its version and is
brought up to date by ordered migrations; the old outbox file is imported on first use (`sqlite_legacy`).

A file SQLite finds damaged (not a database, or malformed) is moved aside once, with its `-wal`, `-shm` and
`-journal` files, to `summit-connector.sqlite3.damaged-<yyyyMMddTHHmmss>` (the time it was last written), and a new
store is started in its place (B-9.3). A file that is merely locked or busy is never moved.
"""

import logging
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import chain, count
from pathlib import Path

from summit_connector.adapters.locks.os_locks import held, lock, open_lock_file
from summit_connector.adapters.state.legacy import import_legacy_outbox
from summit_connector.adapters.state.schema import MIGRATIONS, immediate, migrate, schema_version
from summit_connector.application.errors import OutboxUnavailable

STORE_FILE = "summit-connector.sqlite3"
BUSY_TIMEOUT_SECONDS = 30.0
LOGGER = "summit_connector.state"
_DAMAGED = {sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT}
_COMPANIONS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class MovedAside:
    """A damaged store file moved aside: where it was, where it is now, and what SQLite said of it."""

    damaged: Path
    aside: Path
    cause: str

    def __str__(self) -> str:
        return (f"state store {self.damaged} is damaged ({self.cause}); it was moved aside to {self.aside} "
                "and a new store was started")


class SqliteStore:
    """Opens one short connection per operation, so processes and threads never share one.

    Reading a store that does not exist finds nothing and creates nothing; the first write creates it. A file
    that cannot be opened, read or written raises OutboxUnavailable naming the file and the cause. A damaged file
    found on opening is moved aside and the operation goes on in a new store; found later, the operation fails but
    the next one starts afresh. `moved_aside` then tells what was moved, for the run to warn of it once.
    """

    def __init__(self, path: Path, legacy_outbox: Path | None = None,
                 busy_timeout_seconds: float = BUSY_TIMEOUT_SECONDS) -> None:
        self.path = path
        self.legacy_outbox = legacy_outbox
        self._timeout = busy_timeout_seconds
        self._ready = False
        self.moved_aside: MovedAside | None = None

    def take_moved_aside(self) -> MovedAside | None:
        """What was moved aside since the last call, once: each move is warned of once per process."""
        moved, self.moved_aside = self.moved_aside, None
        return moved

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
            db = self._opened()
        except (sqlite3.Error, OSError) as error:
            raise self._unavailable(error) from error
        try:
            with closing(db):
                yield db
        except (sqlite3.Error, OSError) as error:
            if _damaged(error):
                self._set_aside(error)
            raise self._unavailable(error) from error

    def _opened(self) -> sqlite3.Connection:
        """A connection to a store that is ready; a damaged file is moved aside first and a new store started."""
        try:
            return self._prepared()
        except sqlite3.DatabaseError as error:
            if not (_damaged(error) and self._set_aside(error)):
                raise
        return self._prepared()

    def _prepared(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)
        try:
            self._prepare(db)
        except BaseException:
            db.close()
            raise
        return db

    def _unavailable(self, error: BaseException) -> OutboxUnavailable:
        return OutboxUnavailable(f"state store {self.path}: {error}")

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


    def _set_aside(self, error: sqlite3.DatabaseError) -> bool:
        """Moves the damaged file aside, unless another run did first; whether its place is free now.

        Runs that find it damaged at once take turns on a lock file beside it, and each looks again before moving,
        so one file is moved once and a new store that another run started is never moved.
        """
        self._ready = False
        try:
            with self._aside_lock():
                if self._still_damaged():
                    self._move_aside(str(error))
        except FileNotFoundError:
            return True
        except OSError:
            return False
        return True

    @contextmanager
    def _aside_lock(self) -> Iterator[None]:
        with held(open_lock_file(self.path.with_name(f"{self.path.name}.aside.lock")), lock):
            yield

    def _still_damaged(self) -> bool:
        if not self.path.exists():
            return False
        try:
            with closing(sqlite3.connect(self.path, timeout=self._timeout)) as db:
                return db.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok"
        except sqlite3.DatabaseError as error:
            return _damaged(error)

    def _move_aside(self, cause: str) -> None:
        """Its companion files first, so that no run opening the new store meets the old journal."""
        aside = _aside_name(self.path)
        for suffix in _COMPANIONS:
            try:
                os.rename(f"{self.path}{suffix}", f"{aside}{suffix}")
            except FileNotFoundError:
                pass
        self.path.rename(aside)
        self.moved_aside = MovedAside(self.path, aside, cause)
        logging.getLogger(LOGGER).warning("%s", self.moved_aside)


def _damaged(error: BaseException) -> bool:
    """Whether SQLite found the file not a database or malformed; never when it was merely locked or busy."""
    return (getattr(error, "sqlite_errorcode", 0) & 0xFF) in _DAMAGED


def _aside_name(path: Path) -> Path:
    """`<name>.damaged-<yyyyMMddTHHmmss>` after the time the file was last written; `-2`, `-3`, ... when taken."""
    stamp = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y%m%dT%H%M%S")
    first = path.with_name(f"{path.name}.damaged-{stamp}")
    names = chain([first], (first.with_name(f"{first.name}-{n}") for n in count(2)))
    return next(name for name in names if not _taken(name))


def _taken(name: Path) -> bool:
    return any(Path(f"{name}{suffix}").exists() for suffix in ("", *_COMPANIONS))
