"""What the service does on its own (B-14.3, B-14.6): replays kept entries every RETRY_SECONDS (longer while a
target stays down), a `sync` pass every SYNC_SECONDS, a reconcile pass every RECONCILE_SECONDS for each template
with a `reconcile` block, and the metrics file every 15 s. Each pass is the command line's own command, run on the
service's root; what it prints goes to the service's console, except a pass that found nothing to do."""

import io
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from summit_connector.adapters.config.checks import template_names
from summit_connector.application.errors import ConnectorError, InvalidInput
from summit_connector.entrypoints.invocation import Main
from summit_connector.entrypoints.container import Container
from summit_connector.entrypoints.exit_codes import ExitCode

METRICS_FILE_SECONDS = 15.0
MAX_BACK_OFF = 16
TICK_SECONDS = 0.5
QUIET = ("Nothing to replay.", "Nothing to sync: no incident is tracked.")


@dataclass
class Pass:
    """One periodic pass: run it every `seconds` (0: never); after an incomplete run wait longer, up to
    MAX_BACK_OFF times, and back to `seconds` after a complete one."""

    name: str
    seconds: float
    run: Callable[[], ExitCode]
    backs_off: bool = False
    at_start: bool = False
    due: float = field(default=0.0)
    factor: int = 1

    def __post_init__(self) -> None:
        self.due = time.monotonic() + (0 if self.at_start else self.seconds)

    def tick(self, now: float) -> None:
        if not self.seconds or now < self.due:
            return
        code = self.run()
        self.factor = min(self.factor * 2, MAX_BACK_OFF) if self.backs_off and code else 1
        self.due = time.monotonic() + self.seconds * self.factor


class Passes:
    """The periodic passes of one service, on one thread, until `stopping` is set."""

    def __init__(self, root: Container, config: Path, environ: dict[str, str], stdout: TextIO, stderr: TextIO,
                 write_metrics: Callable[[], None] | None, main: Main) -> None:
        self._main = main
        self._root, self._config, self._environ = root, config, environ
        self._stdout, self._stderr = stdout, stderr
        settings = root.config().service
        self._passes = [
            Pass("retry", settings.retry_seconds, lambda: self._command("retry"), backs_off=True),
            Pass("sync", settings.sync_seconds, lambda: self._command("sync", "--once")),
            Pass("reconcile", settings.reconcile_seconds, self._reconcile),
        ]
        if write_metrics is not None:
            self._passes.append(Pass("metrics", METRICS_FILE_SECONDS, lambda: _written(write_metrics, stderr),
                                     at_start=True))

    def run_until(self, stopping: threading.Event) -> None:
        while not stopping.wait(TICK_SECONDS):
            for each in self._passes:
                if stopping.is_set():
                    return
                each.tick(time.monotonic())

    def _command(self, *argv: str) -> ExitCode:
        out, err = io.StringIO(), io.StringIO()
        code = self._main([*argv, "-c", str(self._config)], out, err, self._environ, root=self._root)
        said = [line for line in out.getvalue().splitlines() if line not in QUIET]
        self._told(said, err.getvalue().splitlines())
        return code

    def _reconcile(self) -> ExitCode:
        codes = [self._command("reconcile", "-t", name) for name in self._reconciled_templates()]
        return max(codes, default=ExitCode.OK)

    def _reconciled_templates(self) -> list[str]:
        """The templates whose `reconcile` block asks for it; one that cannot be read is skipped here (`check`
        names it)."""
        names = []
        for name in template_names(self._root.config()):
            try:
                if self._root.templates().named(name).template().reconcile is not None:
                    names.append(name)
            except (InvalidInput, ConnectorError):
                continue
        return names

    def _told(self, said: list[str], warned: list[str]) -> None:
        if said:
            print("\n".join(said), file=self._stdout, flush=True)
        if warned:
            print("\n".join(warned), file=self._stderr, flush=True)


def _written(write: Callable[[], None], stderr: TextIO) -> ExitCode:
    try:
        write()
    except OSError as error:
        print(f"summit-connector: warning: the metrics file could not be written: {error}", file=stderr, flush=True)
        return ExitCode.INCOMPLETE
    return ExitCode.OK
