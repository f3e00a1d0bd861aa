"""`demo --service` (B-14): the same burst of failures reported inline and handed to a running service, each as
Notification Manager starts it (one process per failure, all at once), and how long each took. The service is a
`serve` process of its own, stopped by its pid whatever happens."""

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from summit_connector.entrypoints.service_file import read_service_file, service_file_path

BURST = 20
READY_SECONDS = 20.0
COMMAND = (sys.executable, "-m", "summit_connector")


@dataclass(frozen=True)
class Burst:
    """One burst: how it was delivered, how many failures, how long until the last run ended, the incidents
    Summit received for them and the runs that did not exit 0."""

    how: str
    failures: int
    seconds: float
    incidents: int
    failed_runs: int


def bursts(emulator, config: Path, day: date) -> list[Burst]:
    inline = _burst(emulator, config, day, "INLINE", "inline, one process each")
    with _service(config):
        handed = _burst(emulator, config, day, "HANDED", "handed to the service")
    return [inline, handed]


def _burst(emulator, config: Path, day: date, prefix: str, how: str) -> Burst:
    jobs = [emulator.add_failed_job("BURST", day, 90, 1, f"{prefix}_{n:02d}", termination="+000000001")
            for n in range(BURST)]
    started = time.perf_counter()
    runs = [subprocess.Popen([*COMMAND, "-c", str(config), *job.report_args(), "-t", "sandbox"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for job in jobs]
    codes = [run.wait(timeout=300) for run in runs]
    seconds = time.perf_counter() - started
    with emulator.state.lock:
        incidents = sum(1 for job in jobs if emulator.state.jobs[job.id].incident_ticket_id)
    return Burst(how, BURST, seconds, incidents, sum(code != 0 for code in codes))


@contextmanager
def _service(config: Path) -> Iterator[None]:
    """A `serve` process for `config` while the block runs, stopped by its pid whatever happens."""
    process = subprocess.Popen([*COMMAND, "serve", "-c", str(config)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        _ready(process, service_file_path(config))
        yield
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _ready(process: subprocess.Popen, path: Path) -> None:
    """Until service.json names this process and its port answers."""
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the service exited {process.returncode} at start")
        info = read_service_file(path)
        if info is not None and info.pid == process.pid:
            try:
                socket.create_connection(("127.0.0.1", info.port), timeout=1).close()
                return
            except OSError:
                pass
        time.sleep(0.05)
    raise RuntimeError("the service did not start in time")
