"""The state store's schema as ordered migrations: version N is `MIGRATIONS[N - 1]`. Append, never edit.

Indexes serve every query on the report path (B-10.4): the outbox and the journal by job key, kept entries by
state, the journal by ticket and by what `sync` still tracks, history by time, job and schedule.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

_VERSION_1 = (
    """CREATE TABLE kept_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        event TEXT NOT NULL,
        template TEXT NOT NULL,
        kept_at TEXT NOT NULL,
        ticket_number TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 1,
        last_error TEXT NOT NULL DEFAULT '',
        job_key TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX kept_events_by_state ON kept_events (state)",
    "CREATE INDEX kept_events_by_job ON kept_events (job_key)",
    """CREATE TABLE journal (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket TEXT NOT NULL DEFAULT '',
        job_key TEXT NOT NULL,
        event TEXT NOT NULL,
        template TEXT NOT NULL,
        created_at TEXT NOT NULL,
        opened INTEGER NOT NULL DEFAULT 1,
        written_back INTEGER NOT NULL DEFAULT 0,
        daily_job_id TEXT NOT NULL DEFAULT '',
        group_key TEXT NOT NULL DEFAULT '',
        last_status_seen TEXT NOT NULL DEFAULT '',
        last_status_acted TEXT NOT NULL DEFAULT '',
        tracking INTEGER NOT NULL DEFAULT 1,
        abandoned INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX journal_by_job ON journal (job_key)",
    "CREATE INDEX journal_by_ticket ON journal (ticket)",
    "CREATE INDEX journal_tracked ON journal (id) WHERE tracking = 1 AND ticket != ''",
    """CREATE TABLE history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        command TEXT NOT NULL,
        trigger TEXT NOT NULL,
        job TEXT NOT NULL,
        schedule TEXT NOT NULL,
        schedule_date TEXT NOT NULL,
        action TEXT NOT NULL,
        ticket TEXT NOT NULL,
        exit_code INTEGER NOT NULL,
        reason TEXT NOT NULL)""",
    "CREATE INDEX history_by_time ON history (at)",
    "CREATE INDEX history_by_job ON history (job, at)",
    "CREATE INDEX history_by_schedule ON history (schedule, at)",
    "CREATE TABLE imports (name TEXT PRIMARY KEY, rows INTEGER NOT NULL)",
)
_SILENCES = (  # B-13.2: read on the report path by `ends`, so expired ones cost nothing
    """CREATE TABLE silences (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        job TEXT NOT NULL DEFAULT '',
        schedule TEXT NOT NULL DEFAULT '',
        agent TEXT NOT NULL DEFAULT '',
        tag TEXT NOT NULL DEFAULT '',
        starts TEXT NOT NULL,
        ends TEXT NOT NULL,
        comment TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX silences_by_end ON silences (ends)",
)
_GROUPS = (  # B-13.1, B-13.4: a group's newest incident, read on the report path by key and creation time
    "ALTER TABLE journal ADD COLUMN group_ended INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX journal_by_group ON journal (group_key, created_at) WHERE group_key != ''",
)
_SELF_HEALING = (  # B-15.2: why an uncertain create stays uncertain; B-13.1: which members of a group recovered
    "ALTER TABLE kept_events ADD COLUMN settling TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE kept_events ADD COLUMN cause TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE journal ADD COLUMN recovered INTEGER NOT NULL DEFAULT 0",
    # B-15.1: a run is the run of one job key (date, schedule id, instance, job); '' for events written before
    "ALTER TABLE history ADD COLUMN job_key TEXT NOT NULL DEFAULT ''",
)
MIGRATIONS: tuple[tuple[str, ...], ...] = (_VERSION_1, _SILENCES, _GROUPS, _SELF_HEALING)


@contextmanager
def immediate(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction that holds the write lock from its first statement (waiting up to the busy timeout)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def schema_version(db: sqlite3.Connection) -> int:
    """0 for a new file; a file written by a newer version may be ahead of `len(MIGRATIONS)`."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_version'").fetchone():
        return 0
    return db.execute("SELECT version FROM schema_version").fetchone()[0]


def migrate(db: sqlite3.Connection) -> None:
    """Applies the migrations this file lacks, in one transaction; a run that raced us finds nothing left to do."""
    with immediate(db):
        current = schema_version(db)
        if current == 0:
            db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            db.execute("INSERT INTO schema_version VALUES (0)")
        for statements in MIGRATIONS[current:]:
            for statement in statements:
                db.execute(statement)
        db.execute("UPDATE schema_version SET version = max(version, ?)", (len(MIGRATIONS),))
