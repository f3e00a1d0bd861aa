"""Durations and moments as operators type them: `--since 2h`, `--for 90m`, `--since 2024-09-21`."""

import re
from datetime import datetime, timedelta

from summit_connector.entrypoints.arguments import ArgumentError

_DURATION = re.compile(r"(\d+)\s*([mhdw])")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_duration(text: str) -> timedelta | None:
    """`90m`, `2h`, `7d`, `2w`; None when the text is not one."""
    duration = _DURATION.fullmatch(text.strip().lower())
    return timedelta(**{_UNITS[duration[2]]: int(duration[1])}) if duration else None


def parse_since(text: str, now: datetime) -> datetime:
    """A duration back from `now`, or a local date or date-time."""
    duration = parse_duration(text)
    if duration is not None:
        return now - duration
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise ArgumentError(f"--since: expected a duration such as 2h or 7d, or a date such as 2024-09-21, "
                            f"got {text!r}") from None
