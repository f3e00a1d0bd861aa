"""Weekly windows (B-4.8): `start <= HHMM < stop`; `stop < start` wraps past midnight; 0000/0000 is none.
Working hours are one; each maintenance window (B-13.3) is another."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class DayWindow:
    start: int
    stop: int

    @property
    def wraps(self) -> bool:
        return self.stop < self.start

    @property
    def is_empty(self) -> bool:
        """`0000`/`0000` (any start equal to its stop): no working hours that day (B-4.8)."""
        return self.start == self.stop

    @property
    def hhmm(self) -> tuple[str, str]:
        return format_hhmm(self.start), format_hhmm(self.stop)

    def covers_evening(self, minute: int) -> bool:
        if self.is_empty:
            return False
        if self.wraps:
            return minute >= self.start
        return self.start <= minute < self.stop

    def covers_next_morning(self, minute: int) -> bool:
        return self.wraps and minute < self.stop


def format_hhmm(minutes: int) -> str:
    """510 minutes → `"0830"`."""
    return f"{minutes // 60:02d}{minutes % 60:02d}"


def parse_hhmm(text: str) -> int:
    """`"0830"` → 510 minutes; raises ValueError for anything but four digits of a real time."""
    if len(text) != 4 or not text.isdigit():
        raise ValueError(f"expected four digits HHMM, got {text!r}")
    hours, minutes = int(text[:2]), int(text[2:])
    if hours > 23 or minutes > 59:
        raise ValueError(f"not a time of day: {text!r}")
    return hours * 60 + minutes


@dataclass(frozen=True)
class Covered:
    """The day whose window covers a moment; `past_midnight` when it is the previous day's, running over."""

    day: str
    window: DayWindow
    past_midnight: bool = False


@dataclass(frozen=True)
class WorkingHours:
    """Windows by weekday index (Monday = 0). A missing day has no working hours."""

    days: dict[int, DayWindow] = field(default_factory=dict)

    def contains(self, moment: datetime) -> bool:
        return self.covering(moment) is not None

    def covering(self, moment: datetime) -> Covered | None:
        """The moment's own day window when it covers the moment, else the previous day's running past midnight."""
        minute = moment.hour * 60 + moment.minute
        today, running_over = self.windows_at(moment)
        if today is not None and today.covers_evening(minute):
            return Covered(WEEKDAYS[moment.weekday()], today)
        if running_over is not None and running_over.covers_next_morning(minute):
            return Covered(WEEKDAYS[(moment.weekday() - 1) % 7], running_over, past_midnight=True)
        return None

    def windows_at(self, moment: datetime) -> tuple[DayWindow | None, DayWindow | None]:
        """The moment's own day window, and the previous day's when it runs past midnight."""
        yesterday = self.days.get((moment - timedelta(days=1)).weekday())
        return self.days.get(moment.weekday()), yesterday if yesterday is not None and yesterday.wraps else None
