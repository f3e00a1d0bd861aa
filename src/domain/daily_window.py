"""The single-incident-per-day window kept in the job documentation (B-4.6)."""

import re
from datetime import date, datetime, time, timedelta

LINE_PREFIX = "Last Incident Date : "
_LINE = re.compile(r"^Last Incident Date\s*:\s*(\d{4}-\d{2}-\d{2})\s*$")


def without_last_incident_date(documentation: str) -> str:
    """The documentation without its Last Incident Date lines: what the job's owners wrote (B-16.1)."""
    return "\n".join(line for line in documentation.splitlines() if not _LINE.match(line.strip()))


def last_incident_date(documentation: str) -> date | None:
    """The date D named by the documentation's first line, if that line is a Last Incident Date line."""
    first_line = documentation.splitlines()[0] if documentation else ""
    found = _LINE.match(first_line.strip())
    if found is None:
        return None
    try:
        found_date = date.fromisoformat(found.group(1))
    except ValueError:
        return None
    return found_date if found_date < date.max else None


def window_end(last_date: date, daily_start_hour: int) -> datetime:
    return datetime.combine(last_date + timedelta(days=1), time(hour=daily_start_hour))


def window_at(documentation: str, now: datetime, daily_start_hour: int) -> tuple[date | None, datetime | None, bool]:
    """The Last Incident Date D, when its window ends (D+1 day at DAILY_START_HOUR), and whether `now` is inside."""
    last_date = last_incident_date(documentation)
    ends = window_end(last_date, daily_start_hour) if last_date is not None else None
    return last_date, ends, ends is not None and now < ends


def stamp_documentation(documentation: str, today: date) -> str:
    """Writes today's line first, replacing an old one, keeping the rest verbatim (never stacking lines).

    The line break follows the text's own; OpCon runs on Windows, so a text without one gets CRLF.
    """
    first_line, _, rest = documentation.partition("\n")
    if not _LINE.match(first_line.strip()):
        rest = documentation
    newline = "\n" if "\n" in documentation and "\r\n" not in documentation else "\r\n"
    stamp = f"{LINE_PREFIX}{today.isoformat()}"
    return f"{stamp}{newline}{rest}" if rest else stamp
