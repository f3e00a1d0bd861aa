"""A `summit-connector serve` process for `bench/run.py` (B-14): started for the bench's Connector.config, ready once
its service.json names this process and a port that answers, and always stopped by its pid (SIGTERM, then killed).

The readiness check is a copy of the one in `tests/e2e/service_process.py`: the bench does not import the tests.
"""

import json
import re
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from summit_connector.entrypoints.service_file import service_file_path

READY_SECONDS = 30.0
STOP_SECONDS = 40.0
SETTLE_SECONDS = 60.0
_RUNS = re.compile(r"^summit_connector_runs_total\{([^}]*)\}\s+([0-9.eE+-]+)$", re.MULTILINE)
_IN_FLIGHT = re.compile(r"^summit_connector_handoffs_in_flight\s+([0-9.eE+-]+)$", re.MULTILINE)


@dataclass
class Service:
    process: subprocess.Popen
    path: Path
    """Its service.json."""

    @property
    def port(self) -> int:
        return int(json.loads(self.path.read_text(encoding="utf-8"))["port"])

    def reports_delivered(self) -> int:
        """How many report runs the service delivered (its `summit_connector_runs_total{command="report"}`), once
        it has none in flight: runs that went inline instead are not counted."""
        deadline = time.monotonic() + SETTLE_SECONDS
        while (in_flight := _IN_FLIGHT.search(text := self._metrics())) and float(in_flight[1]) > 0:
            if time.monotonic() > deadline:
                raise SystemExit(f"the service still has hand-offs in flight after {SETTLE_SECONDS:g} s")
            time.sleep(0.05)
        return round(sum(float(value) for labels, value in _RUNS.findall(text) if 'command="report"' in labels))

    def _metrics(self) -> str:
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as connection:
            connection.sendall(b"GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n")
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        return answer.decode("utf-8").partition("\r\n\r\n")[2]


@contextmanager
def running_service(cli: str, config: Path) -> Iterator[Service]:
    """`cli serve -c config` while the block runs; its stderr is shown if it does not start."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen([cli, "serve", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=errors,
                                   cwd=config.parent)
        service = Service(process, service_file_path(config))
        try:
            _wait_ready(service, errors)
            yield service
        finally:
            _stop(process)


def _wait_ready(service: Service, errors) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if service.process.poll() is not None:
            errors.seek(0)
            raise SystemExit(f"serve exited {service.process.returncode}: {errors.read().decode(errors='replace')}")
        try:
            if json.loads(service.path.read_text(encoding="utf-8")).get("pid") == service.process.pid:
                with socket.create_connection(("127.0.0.1", service.port), timeout=1):
                    return
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.05)
    raise SystemExit(f"serve did not become ready within {READY_SECONDS:g} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
