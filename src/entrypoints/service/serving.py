"""One resident service for one state folder (B-14.1, B-14.4): checked at start as `check` would, one at a time
(a held lock file), on a loopback port whose secret only service.json holds; stopped by SIGINT, SIGTERM, Ctrl+Break
or `serve --stop`, letting deliveries in flight finish (at most STOP_SECONDS), then removing service.json."""

import signal
import time
import threading
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TextIO

from dependency_injector import providers

from summit_connector.adapters.clock import RunClock
from summit_connector.adapters.config.settings import ConnectorConfig
from summit_connector.adapters.event_log import event_log
from summit_connector.adapters.locks.os_locks import held, open_lock_file, try_lock
from summit_connector.application.errors import InvalidInput
from summit_connector.application.errors import ConnectorError
from summit_connector.application.kept import kept_counts
from summit_connector.entrypoints.container import Container
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.invocation import Main
from summit_connector.entrypoints.service.handoffs import HandOffs
from summit_connector.entrypoints.service.listener import Listener
from summit_connector.entrypoints.service.passes import Passes
from summit_connector.entrypoints.service.telemetry import Telemetry
from summit_connector.entrypoints.service_file import (
    ServiceInfo,
    new_service_info,
    read_service_file,
    remove_service_file,
    service_file_path,
    write_service_file,
)

LOCK_FILE = "service.lock"
COUNTS_SECONDS = 1.0
STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGBREAK")
"""SIGBREAK is Windows' Ctrl+Break; the names a platform lacks are skipped."""


class AlreadyRunning(InvalidInput):
    """Another service serves this state folder (exit 2)."""


class Service:
    def __init__(self, root: Container, environ: dict[str, str], stdout: TextIO, stderr: TextIO, main: Main) -> None:
        self._main = main
        self.root = root
        self.config: ConnectorConfig = root.config()
        self.telemetry = Telemetry(self._kept_counts, lambda: len(root.in_flight()))
        root.observer.override(providers.Object(self.telemetry))
        root.clock.override(providers.Object(RunClock(root.clock())))
        self.handoffs = HandOffs(root, self.config.path.resolve(), environ, self.config.service.concurrency, main)
        self.stopping = self.handoffs.stopping
        self._environ, self._stdout, self._stderr = environ, stdout, stderr
        self.since = root.clock().now()
        self._counted: tuple[float, dict[str, int]] = (-COUNTS_SECONDS - 1, {})

    def status(self) -> dict:
        return {"in_flight": len(self.root.in_flight()), "last_success": _iso(self.telemetry.last_success),
                "last_error": self.telemetry.last_error}

    def handle(self, message, reply) -> None:
        kind = message.get("kind")
        if kind == "handoff":
            self.handoffs.handle(message, reply)
        elif kind == "status":
            reply({"status": self.status()})
        elif kind == "stop":
            reply({"stopping": True})
            self.stopping.set()

    def serve(self) -> ExitCode:
        """Until stopped; exit 0."""
        self._warm()
        settings = self.config.service
        listener = Listener(settings.port, "", self.handle, self.telemetry)
        info = new_service_info(self.config.path, listener.port, self.since.isoformat(timespec="seconds"),
                                settings.wait_seconds)
        listener.secret = info.secret
        path = service_file_path(self.config.path)
        metrics = (lambda: self.telemetry.write_file(settings.metrics_file)) if settings.metrics_file else None
        passes = Passes(self.root, self.config.path.resolve(), self._environ, self._stdout, self._stderr, metrics,
                        self._main)
        with event_log(self.config.log_dir, self.config.debug, self._warn), _stop_signals(self.stopping.set):
            threading.Thread(target=listener.serve_forever, name="listener", daemon=True).start()
            write_service_file(path, info)
            print(f"summit-connector: serving {self.config.path} on 127.0.0.1:{listener.port} (pid {info.pid})",
                  file=self._stdout, flush=True)
            threading.Thread(target=passes.run_until, args=(self.stopping,), name="passes", daemon=True).start()
            self.stopping.wait()
            return self._stopped(listener, path, info)

    def _stopped(self, listener: Listener, path: Path, info: ServiceInfo) -> ExitCode:
        """New hand-offs are refused from now; those in flight get STOP_SECONDS to finish."""
        print("summit-connector: stopping: no new hand-offs; letting deliveries in flight finish",
              file=self._stdout, flush=True)
        finished = self.handoffs.wait_idle(self.config.service.stop_seconds)
        listener.shutdown()
        listener.server_close()
        remove_service_file(path, info)
        if not finished:
            self._warn(f"{self.handoffs.active} hand-off(s) did not finish within "
                       f"{self.config.service.stop_seconds:g} s: they are kept and the next run delivers them")
        print("summit-connector: stopped", file=self._stdout, flush=True)
        return ExitCode.OK

    def _warm(self) -> None:
        """Every shared port is built once, before any thread asks for it."""
        for provider in (self.root.store, self.root.outbox, self.root.journal, self.root.history,
                         self.root.silences, self.root.job_locks, self.root.delivery, self.root.adopt,
                         self.root.sync, self.root.reconcile, self.root.in_flight, self.root.templates):
            provider()

    def _kept_counts(self) -> dict[str, int]:
        """Read once per scrape however many gauges ask (they ask within the same second)."""
        now = time.monotonic()
        if now - self._counted[0] > COUNTS_SECONDS:
            try:
                self._counted = (now, kept_counts(self.root.outbox()))
            except ConnectorError:  # a scrape never fails on the store; the gauges read 0
                self._counted = (now, {})
        return self._counted[1]

    def _warn(self, text: str) -> None:
        print(f"summit-connector: warning: {text}", file=self._stderr, flush=True)


@contextmanager
def one_service(config: ConnectorConfig):
    """Holds the state folder's service lock; AlreadyRunning naming the running one's pid when another holds it."""
    folder = service_file_path(config.path).parent
    folder.mkdir(parents=True, exist_ok=True)
    def acquire(fd: int) -> None:
        if not try_lock(fd):
            running = read_service_file(service_file_path(config.path))
            pid = f"pid {running.pid}" if running else "its pid is not known yet"
            raise AlreadyRunning(f"a service already runs for the state folder {folder} ({pid}); "
                                 "`summit-connector serve --stop` stops it")

    with held(open_lock_file(folder / LOCK_FILE), acquire):
        yield


@contextmanager
def _stop_signals(stop: Callable[[], None]):
    """SIGINT, SIGTERM and (on Windows) Ctrl+Break stop the service; the previous handlers come back after."""
    previous = {}
    for name in STOP_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, lambda *_: stop())
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _iso(timestamp: float | None) -> str:
    return datetime.fromtimestamp(timestamp).isoformat(timespec="seconds") if timestamp else ""
