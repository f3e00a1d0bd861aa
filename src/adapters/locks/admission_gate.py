"""The admission gate (issue 12): a burst of failures drains in arrival order instead of a hundred interpreters
competing for the cores while they load their libraries.

A run waits at the gate before its heavy imports and leaves it once they are done: the gate bounds start-up work,
never a run's wait on OpCon or Summit. It is a small cross-process semaphore made of locked files in the lock
folder: `gate-queue.lock`, which waiters take in turn (the operating system queues them), and `gate-N.lock`, one
per slot. Only the run at the head of the queue looks for a free slot.

The gate never costs a failure (B-9.3): a folder where it cannot be made lets the run through with a warning, and a
run that waited `patience_seconds` goes on without a slot.
"""

import os
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from summit_connector.adapters.locks.os_locks import lock, open_lock_file, try_lock, unlock

QUEUE_FILE = "gate-queue.lock"
PATIENCE_SECONDS = 120.0
POLL_SECONDS = 0.005


def slots_for_this_machine() -> int:
    """About one run starting per core."""
    return max(1, os.cpu_count() or 1)


class AdmissionGate:
    def __init__(self, folder: Path, slots: int | None = None, patience_seconds: float = PATIENCE_SECONDS,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.folder = folder
        self.slots = slots or slots_for_this_machine()
        self._patience = patience_seconds
        self._clock = clock
        self._sleep = sleep

    @contextmanager
    def admitted(self, warn: Callable[[str], None]) -> Iterator[None]:
        """Holds a slot while the block runs; goes ahead without one, after `warn`, when the gate cannot be used."""
        arrived = self._clock()
        with ExitStack() as held:
            try:
                queue = held.enter_context(_open(self.folder / QUEUE_FILE))
                lock(queue)
                try:
                    slot = self._free_slot(held, arrived)
                finally:
                    unlock(queue)
            except OSError as error:
                warn(f"admission gate {self.folder} could not be used ({error.strerror or error}); "
                     "this run did not wait its turn")
                slot = None
            if slot is None and self._clock() - arrived >= self._patience:
                warn(f"no admission slot freed in {self._patience:g} s; this run went ahead without one")
            yield

    def _free_slot(self, held: ExitStack, arrived: float) -> int | None:
        """The first free slot, held until the block ends; None once the run has waited its patience."""
        descriptors = [held.enter_context(_open(self.folder / f"gate-{n}.lock")) for n in range(self.slots)]
        while True:
            for number, fd in enumerate(descriptors):
                if try_lock(fd):
                    held.callback(unlock, fd)
                    return number
            if self._clock() - arrived >= self._patience:
                return None
            self._sleep(POLL_SECONDS)


@contextmanager
def _open(path: Path) -> Iterator[int]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = open_lock_file(path)
    try:
        yield fd
    finally:
        os.close(fd)
