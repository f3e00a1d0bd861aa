"""Per-job locks as locked files, portable to the OpCon Windows server (msvcrt) and to POSIX (fcntl)."""

import hashlib
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from summit_connector.application.errors import LockTimeout, LockUnavailable
from summit_connector.application.ports import JobLocks

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class FileJobLocks(JobLocks):
    """One lock file per job key in `directory`; the operating system releases it if the process dies."""

    def __init__(self, directory: Path, wait_seconds: float = 120.0,
                 sleep: Callable[[float], None] = time.sleep, poll_seconds: float = 0.02) -> None:
        self._directory = directory
        self._wait = wait_seconds
        self._sleep = sleep
        self._poll = poll_seconds

    @contextmanager
    def hold(self, job_key: str) -> Iterator[None]:
        fd = self._open(job_key)
        try:
            self._acquire(fd, job_key)
            try:
                yield
            finally:
                _unlock(fd)
        finally:
            os.close(fd)

    def _open(self, job_key: str) -> int:
        path = self._directory / (hashlib.sha256(job_key.encode("utf-8")).hexdigest()[:32] + ".lock")
        try:
            self._directory.mkdir(parents=True, exist_ok=True)
            return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise LockUnavailable(f"lock file {path} could not be created ({error.strerror or error})") from error

    def _acquire(self, fd: int, job_key: str) -> None:
        deadline = time.monotonic() + self._wait
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise LockTimeout(f"another run held the lock for {job_key} longer than {self._wait:g} s")
            self._sleep(self._poll)
