"""OpCon's failed daily jobs as the failures they stand for (B-15.1): the query, the check on our side, and the
event each failed row makes (opcon-api.md §3.2, §4.1)."""

from collections.abc import Sequence
from datetime import date, datetime

from summit_connector.adapters.opcon.http import Params
from summit_connector.adapters.opcon.wire import JobRow, ScheduleRow
from summit_connector.domain.model import FailureEvent

FAILED = "failed"
NO_AGENT = "N/A"


def failed_query(dates: Sequence[date]) -> Params:
    """`dates` comma-joined as `yyyy-MM-dd` (SMA's Java client, §3.2), with the documentation as `find` asks."""
    return {"dates": ",".join(day.isoformat() for day in dates), "status": FAILED, "includeDocumentation": "true"}


def is_failed(row: JobRow) -> bool:
    """OpCon's status filter is checked again: only a status category of `Failed` (any case) counts."""
    category = row.status.category if row.status is not None else None
    return (category or "").strip().casefold() == FAILED


def failure_event(row: JobRow) -> FailureEvent | None:
    """The failure the row stands for; None when the row does not say its job name, schedule date, schedule id
    and instance (from its schedule object, else from its daily job id `yyyyMMdd|id|instance|name`)."""
    schedule = row.schedule or ScheduleRow()
    segments = (schedule.id or row.id or "").split("|")
    day = _day(schedule.date) or _day_of_id(segments[0])
    master_id = schedule.master_id if schedule.master_id is not None else _segment_int(segments, 1)
    instance = schedule.instance if schedule.instance is not None else _segment_int(segments, 2)
    if not row.name or day is None or master_id is None or instance is None:
        return None
    return FailureEvent(agent=agent(row), schedule=schedule.name or "", job=row.name,
                        termination=row.termination_description or "", schedule_date=day, schedule_id=master_id,
                        schedule_instance=instance)


def agent(row: JobRow) -> str:
    """The start machine's name, else the primary machine's, else `N/A` (B-15.1)."""
    names = (machine.name for machine in (row.start_machine, row.primary_machine) if machine is not None)
    return next((name.strip() for name in names if name and name.strip()), NO_AGENT)


def _day(text: str | None) -> date | None:
    """`schedule.date` as OpCon writes it (`2024-09-21T00:00:00.0000000+02:00`): its calendar date as written."""
    try:
        return date.fromisoformat((text or "").strip()[:10])
    except ValueError:
        return None


def _day_of_id(segment: str) -> date | None:
    try:
        return datetime.strptime(segment, "%Y%m%d").date()
    except ValueError:
        return None


def _segment_int(segments: list[str], index: int) -> int | None:
    text = segments[index].strip() if index < len(segments) else ""
    return int(text) if text.lstrip("-").isdigit() else None
