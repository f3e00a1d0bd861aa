"""The system clock in the configured time zone, or the fixed moment of SUMMIT_CONNECTOR_NOW (B-1.5)."""

from collections.abc import Mapping
from contextvars import ContextVar
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from summit_connector.application.errors import InvalidInput
from summit_connector.application.ports import Clock
from summit_connector.domain.findings import Finding, Severity

NOW_VARIABLE = "SUMMIT_CONNECTOR_NOW"


class SystemClock(Clock):
    def __init__(self, timezone: str | None = None) -> None:
        self._zone = _zone(timezone)

    def now(self) -> datetime:
        return datetime.now(self._zone).replace(tzinfo=None)


class FixedClock(Clock):
    """Always `moment`, as local wall-clock time; an offset is converted to the configured zone.

    Tests may move it on by setting `moment`.
    """

    def __init__(self, moment: datetime, timezone: str | None = None) -> None:
        if moment.tzinfo is not None:
            moment = moment.astimezone(_zone(timezone)).replace(tzinfo=None)
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


class RunClock(Clock):
    """The service's clock (B-14.2): the moment a handed-off run's SUMMIT_CONNECTOR_NOW named, for the thread that
    delivers it (`moment_of_this_run`), else `base`."""

    def __init__(self, base: Clock) -> None:
        self._base = base
        self._moment: ContextVar[datetime | None] = ContextVar("run_moment", default=None)

    def now(self) -> datetime:
        moment = self._moment.get()
        return moment if moment is not None else self._base.now()

    def moment_of_this_run(self, moment: datetime | None) -> None:
        """Sets (or clears) the moment for the current thread and context only."""
        self._moment.set(moment)


def clock_from_environment(environ: Mapping[str, str], timezone: str | None = None) -> Clock:
    override = environ.get(NOW_VARIABLE, "").strip()
    if not override:
        return SystemClock(timezone)
    try:
        return FixedClock(datetime.fromisoformat(override), timezone)
    except ValueError:
        raise InvalidInput(Finding(NOW_VARIABLE, Severity.ERROR, f"must be an ISO-8601 local date-time, got {override!r}",
                                   "e.g. 2024-09-21T03:00")) from None


def _zone(timezone: str | None) -> ZoneInfo | None:
    if not timezone:
        return None
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(Finding("TIMEZONE", Severity.ERROR, f"unknown time zone {timezone!r}",
                                   "an IANA name such as Europe/Berlin")) from None
