"""The log file (B-8): `LOGDIR/summit-connector.log`, rotating; one line per report event with its outcome.

Logging never costs the run: a log file that cannot be opened or written is one warning, and the run goes on.
"""

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path

from summit_connector.application.report import ReportOutcome
from summit_connector.domain.model import FailureEvent

LOGGER = "summit_connector"
LOG_FILE = "summit-connector.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 5
Warn = Callable[[str], None]


@contextmanager
def event_log(log_dir: Path, debug: bool, warn: Warn) -> Iterator[None]:
    """While open, the `summit_connector` loggers write to the file; DEBUG lines only when `debug`.

    Re-entrant: runs of one process (the service's, on several threads) share the one open file, which stays open
    until the last of them ends, so no line is written twice."""
    with _OPENING:
        _OPEN[0] += 1
        if _OPEN[0] == 1:
            _attach(log_dir, debug, warn)
    try:
        yield
    finally:
        with _OPENING:
            _OPEN[0] -= 1
            if _OPEN[0] == 0:
                _detach()


_OPENING = threading.Lock()
_OPEN = [0]
_ATTACHED: list[tuple[logging.Handler, int]] = []


def _attach(log_dir: Path, debug: bool, warn: Warn) -> None:
    logger = logging.getLogger(LOGGER)
    handler = _file_handler(log_dir, warn)
    _ATTACHED.append((handler, logger.level))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if debug else logging.INFO)


def _detach() -> None:
    logger = logging.getLogger(LOGGER)
    handler, level = _ATTACHED.pop()
    logger.removeHandler(handler)
    logger.setLevel(level)
    handler.close()


def log_outcome(outcome: ReportOutcome, exit_code: int, command: str = "report", about: str = "") -> None:
    """`about` names what the run was about (an agent); by default the outcome's job and schedule."""
    done = " ".join(part for part in (outcome.action.value, outcome.ticket_number) if part)
    details = [done if outcome.ticket_number else f"{done}: {outcome.reason}"]
    details += [f"warning: {warning}" for warning in outcome.warnings]
    _record(logging.INFO, command, about or job_named(outcome.event), "; ".join(details), exit_code)


def log_failure(event: FailureEvent | None, message: str, exit_code: int, command: str = "report", about: str = ""
                ) -> None:
    """`about` names what the run was about when it was no job's failure (an agent)."""
    _record(logging.ERROR, command, about or job_named(event), message, exit_code)


def job_named(event: FailureEvent | None) -> str:
    return f"{event.job_key} ({event.schedule})" if event is not None else ""


def _record(level: int, command: str, about: str, result: str, exit_code: int) -> None:
    logging.getLogger(LOGGER).log(level, "%s %s: %s; exit %d", command, about, result, exit_code)


def _file_handler(log_dir: Path, warn: Warn) -> logging.Handler:
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = _RotatingFile(log_dir / LOG_FILE, warn)
    except OSError as error:
        warn(f"{log_dir}: no log file this run ({error.strerror or error})")
        return logging.NullHandler()
    handler.setFormatter(_OneLine("%(asctime)s %(levelname)s %(message)s"))
    return handler


class _RotatingFile(RotatingFileHandler):
    """Tells once, through `warn`, that a line was lost, instead of printing a traceback."""

    def __init__(self, path: Path, warn: Warn) -> None:
        super().__init__(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        self._warn: Warn | None = warn

    def handleError(self, record: logging.LogRecord) -> None:
        if self._warn is not None:
            self._warn(f"{self.baseFilename}: a log line could not be written")
            self._warn = None


class _OneLine(logging.Formatter):
    def formatMessage(self, record: logging.LogRecord) -> str:
        return " ".join(super().formatMessage(record).splitlines())
