"""Template placeholders (B-3.5): textual, longest name first, a single pass (values are never re-expanded)."""

import re
from datetime import datetime

from summit_connector.domain.model import FailureEvent

PLACEHOLDER_NAMES = (
    "@EV_Agent",
    "@EV_Date",
    "@EV_errorcode",
    "@EV_Job",
    "@EV_Schedule",
    "@EV_ScheduleId",
    "@EV_Instance",
    "@EV_Time",
    "@EV_Trigger",
    "@EV_Runbook",
)
_PATTERN = re.compile("|".join(re.escape(n) for n in sorted(PLACEHOLDER_NAMES, key=len, reverse=True)))
_ANY_PLACEHOLDER = re.compile(r"@EV_\w+")


def placeholder_values(event: FailureEvent, now: datetime, runbook: str = "") -> dict[str, str]:
    """`runbook`: the text `@EV_Runbook` expands to (B-16.1), empty when there is none."""
    return {
        "@EV_Runbook": runbook,
        "@EV_Agent": event.agent,
        "@EV_Date": event.schedule_date.isoformat(),
        "@EV_errorcode": event.termination,
        "@EV_Job": event.job,
        "@EV_Schedule": event.schedule,
        "@EV_ScheduleId": str(event.schedule_id),
        "@EV_Instance": str(event.schedule_instance),
        "@EV_Time": now.strftime("%H:%M:%S"),
        "@EV_Trigger": event.trigger.display_name,
    }


def expand(text: str, values: dict[str, str]) -> str:
    return _PATTERN.sub(lambda found: values[found.group(0)], text)


def unknown_placeholders(text: str) -> list[str]:
    """Words that look like placeholders but are none of ours once the known ones are taken out (for `check`)."""
    remainder = _PATTERN.sub(" ", text)
    return _ANY_PLACEHOLDER.findall(remainder)
