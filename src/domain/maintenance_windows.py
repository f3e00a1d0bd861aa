"""Maintenance windows (B-13.3): a failure or SLA trigger inside one creates nothing and sends nothing.

Each window is weekly, as working hours are (B-4.8): HHMM, `start <= HHMM < stop`, overnight windows included.
"""

from dataclasses import dataclass
from datetime import datetime

from summit_connector.domain.working_hours import DayWindow, WorkingHours


@dataclass(frozen=True)
class MaintenanceVerdict:
    """Of the template's `windows` maintenance windows, the first that covers the moment: its `index` in
    `maintenanceWindows`, the `day` whose `window` it is, and `past_midnight` when that day's window runs over
    into the moment's day. `inside` is False (and the rest empty) when none does."""

    windows: int
    inside: bool = False
    index: int | None = None
    day: str = ""
    window: DayWindow | None = None
    past_midnight: bool = False

    @property
    def name(self) -> str:
        return f"maintenanceWindows[{self.index}]" if self.inside else ""


def decide_maintenance(windows: tuple[WorkingHours, ...], now: datetime) -> MaintenanceVerdict:
    for index, weekly in enumerate(windows):
        covered = weekly.covering(now)
        if covered is not None:
            return MaintenanceVerdict(len(windows), True, index, covered.day, covered.window, covered.past_midnight)
    return MaintenanceVerdict(len(windows))


def maintenance_reason(verdict: MaintenanceVerdict) -> str:
    start, stop = verdict.window.hhmm
    running = ", running past midnight" if verdict.past_midnight else ""
    return f"inside maintenance window {verdict.name} ({verdict.day.capitalize()} {start}-{stop}{running}): " \
           "nothing is sent"
