"""`demo --service` (B-14): the same burst of failures reported inline and handed to a running service, each as
Notification Manager starts it (one process per failure, all at once), and how long each took. The service is a
`serve` process of its own, stopped by its pid whatever happens."""

import json
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

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


class _service:
    """A `serve` process for `config` while the block runs."""

    def __init__(self, config: Path) -> None:
        self._config = config

    def __enter__(self) -> None:
        self._process = subprocess.Popen([*COMMAND, "serve", "-c", str(self._config)], stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)
        try:
            self._ready()
        except BaseException:
            self.__exit__()
            raise

    def __exit__(self, *_: object) -> None:
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
        try:
            self._process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=10)

    def _ready(self) -> None:
        deadline, path = time.monotonic() + READY_SECONDS, self._config.parent / "service.json"
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"the service exited {self._process.returncode} at start")
            try:
                info = json.loads(path.read_text())
                with socket.create_connection(("127.0.0.1", int(info["port"])), timeout=1):
                    if info.get("pid") == self._process.pid:
                        return
            except (OSError, ValueError, KeyError):
                pass
            time.sleep(0.05)
        raise RuntimeError("the service did not start in time")
