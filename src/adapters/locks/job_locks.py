"""Per-job locks as locked files (adapters/locks/os_locks.py makes them portable to Windows and POSIX)."""

import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from summit_connector.adapters.locks.os_locks import held, open_lock_file, try_lock
from summit_connector.application.errors import LockTimeout, LockUnavailable
from summit_connector.application.ports import JobLocks


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
        with held(self._open(job_key), lambda fd: self._acquire(fd, job_key)):
            yield

    def _open(self, job_key: str) -> int:
        path = self._directory / (hashlib.sha256(job_key.encode("utf-8")).hexdigest()[:32] + ".lock")
        try:
            self._directory.mkdir(parents=True, exist_ok=True)
            return open_lock_file(path)
        except OSError as error:
            raise LockUnavailable(f"lock file {path} could not be created ({error.strerror or error})") from error

    def _acquire(self, fd: int, job_key: str) -> None:
        deadline = time.monotonic() + self._wait
        while not try_lock(fd):
            if time.monotonic() >= deadline:
                raise LockTimeout(f"another run held the lock for {job_key} longer than {self._wait:g} s")
            self._sleep(self._poll)
