"""Locked files, portable to the OpCon Windows server (msvcrt) and to POSIX (fcntl): the one place that knows how.

The operating system releases a lock when its process dies, so a crash never leaves one behind. This module
imports nothing heavy: the admission gate takes its lock before the connector's libraries are loaded.
"""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

LOCKS_FOLDER = "summit-connector-locks"
"""Beside Connector.config: the per-job locks and the admission gate."""

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def try_lock(fd: int) -> bool:
        """Locks `fd` now, or says it could not."""
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def lock(fd: int) -> None:
        """Waits until `fd` is locked (msvcrt gives up after 10 s, so it is asked again)."""
        while True:
            try:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:
                continue

    def unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def try_lock(fd: int) -> bool:
        """Locks `fd` now, or says it could not."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def lock(fd: int) -> None:
        """Waits until `fd` is locked; waiters are woken in turn."""
        fcntl.flock(fd, fcntl.LOCK_EX)

    def unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def open_lock_file(path: "os.PathLike[str] | str") -> int:
    """The lock file's descriptor, created owner-only if missing; OSError when it cannot be."""
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)


@contextmanager
def held(fd: int, acquire: Callable[[int], None]) -> Iterator[None]:
    """`acquire(fd)` locks the open lock file (or raises); afterwards the lock is released and the file closed,
    whatever happened."""
    try:
        acquire(fd)
        try:
            yield
        finally:
            unlock(fd)
    finally:
        os.close(fd)
