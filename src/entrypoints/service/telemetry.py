"""The service's metrics and health (B-14.6), with the Prometheus project's own client library.

Every label value is a command, an action, a target, a kind or a state: never a secret, a job or a schedule name.
Health is the last exchange with each API as the runs tell it: a delivery that reached Summit (or OpCon) makes it
`ok`; a failure naming it makes it the error, until the next success.
"""

import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)

from summit_connector.application.delivery import KeptForRetry, NotKept
from summit_connector.application.errors import (
    DeliveryFailed,
    OpConError,
    OpConUnavailable,
    SummitRejected,
    SummitUnavailable,
    described,
)
from summit_connector.application.ports import HistoryEvent, KeptState
from summit_connector.domain.decision import SENDING
from summit_connector.entrypoints.observer import RunObserver

OPCON, SUMMIT = "opcon", "summit"
REFUSED_CREDENTIALS = frozenset({401, 403})
SENT = frozenset(action.value for action in SENDING)


@dataclass(frozen=True)
class Health:
    """`None` for an API whose last exchange went well (or that was not asked yet); else its error line."""

    opcon: str | None = None
    summit: str | None = None

    @property
    def ok(self) -> bool:
        return self.opcon is None and self.summit is None

    def lines(self) -> list[str]:
        return [f"{api}: {error}" for api, error in ((OPCON, self.opcon), (SUMMIT, self.summit)) if error]


class Telemetry(RunObserver):
    """The observer the service's root is given; `kept_counts` and `in_flight` are read at each scrape."""

    def __init__(self, kept_counts: Callable[[], dict[str, int]], in_flight: Callable[[], int]) -> None:
        disable_created_metrics()  # no `_created` series: the scrape shows what B-14.6 names
        self.registry = CollectorRegistry(auto_describe=True)
        self._runs = Counter("summit_connector_runs", "Acting runs and replayed entries, by command and action",
                             ("command", "action"), registry=self.registry)
        self._errors = Counter("summit_connector_delivery_errors", "Deliveries that failed, by target and kind",
                               ("target", "kind"), registry=self.registry)
        kept = Gauge("summit_connector_kept_entries", "Outbox entries kept for a later delivery, by state",
                     ("state",), registry=self.registry)
        for state in KeptState:
            kept.labels(state.value).set_function(lambda state=state: kept_counts().get(state.value, 0))
        Gauge("summit_connector_handoffs_in_flight", "Hand-offs being delivered now",
              registry=self.registry).set_function(in_flight)
        self._durations = Histogram("summit_connector_run_duration_seconds", "How long acting runs took",
                                    ("command",), registry=self.registry)
        self._last_success = Gauge("summit_connector_last_success_timestamp_seconds",
                                   "When a delivery last succeeded (Unix time)", registry=self.registry)
        self._health = Health()
        self._lock = threading.Lock()
        self.last_success: float | None = None
        self.last_error = ""

    def remembered(self, event: HistoryEvent, failure: BaseException | None = None) -> None:
        self._runs.labels(event.command, event.action).inc()
        if failure is not None:
            self._failed(failure)
        elif event.exit_code == 0:
            self._succeeded(event)
        else:
            self.last_error = event.reason

    def finished(self, command: str, seconds: float) -> None:
        self._durations.labels(command).observe(seconds)

    @property
    def health(self) -> Health:
        with self._lock:
            return self._health

    def text(self) -> bytes:
        return generate_latest(self.registry)

    def write_file(self, path: Path) -> None:
        """The same text, written whole or not at all (a textfile collector never reads half a file)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(self.text())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _succeeded(self, event: HistoryEvent) -> None:
        with self._lock:
            reached_summit = event.action in SENT
            self._health = Health(None, None if reached_summit else self._health.summit)
        self.last_success = time.time()
        self._last_success.set(self.last_success)

    def _failed(self, failure: BaseException) -> None:
        said = described(failure)
        self.last_error = said
        target_kind = classified(failure)
        if target_kind is None:
            return
        target, kind = target_kind
        self._errors.labels(target, kind).inc()
        with self._lock:
            self._health = Health(said if target == OPCON else self._health.opcon,
                                  said if target == SUMMIT else self._health.summit)


def classified(failure: BaseException) -> tuple[str, str] | None:
    """The API a failure names and its kind: unavailable, rejected, uncertain, auth or tls."""
    uncertain = isinstance(failure, KeptForRetry) and failure.kept.state is KeptState.UNCERTAIN
    cause = _cause(failure)
    if isinstance(cause, SummitUnavailable):
        return SUMMIT, "uncertain" if uncertain or cause.maybe_processed else "unavailable"
    if isinstance(cause, SummitRejected):
        return SUMMIT, _refusal(cause.certificate_refused, cause.status_code, uncertain)
    if isinstance(cause, OpConUnavailable):
        return OPCON, "unavailable"
    if isinstance(cause, OpConError):
        return OPCON, _refusal(cause.certificate_refused, cause.status_code, False)
    return None


def _refusal(certificate: bool, status: int | None, uncertain: bool) -> str:
    if certificate:
        return "tls"
    if status in REFUSED_CREDENTIALS:
        return "auth"
    return "uncertain" if uncertain else "rejected"


def _cause(failure: BaseException) -> BaseException | None:
    """The vendor error under the delivery's failure."""
    if isinstance(failure, KeptForRetry):
        failure = failure.failure
    if isinstance(failure, NotKept):
        failure = failure.__cause__ or failure
    if isinstance(failure, DeliveryFailed):
        return failure.cause
    return failure
