"""Daily job statuses and which job action each allows, as SMA's Java client checks them before it posts one.

Source: `smatechnologies/opcon-rest-api-client-java` @ 07dadedae3a7, `model/JobStatus.java` (descriptions, their
categories, "processing events") and `util/JobActionUtil.java` (`is…Allowed`); user privileges are not emulated.
Status ids are OpCon's where the reference names them (opcon-api.md §4.1: 900, 910, 920, 921, 940), else None.
"""

from dataclasses import dataclass
from typing import Any

HELD, WAITING, RUNNING, FINISHED_OK, FAILED = "Held", "Waiting", "Running", "Finished Ok", "Failed"
MISSED_START_TIME, CANCELLED, SKIPPED, UNDER_REVIEW, FIXED = (
    "Missed Start Time", "Cancelled", "Skipped", "Under Review", "Fixed")
TO_BE_SKIPPED = "Job to be Skipped"


@dataclass(frozen=True)
class JobStatus:
    description: str
    category: str
    id: int | None = None
    processing_events: bool = False


STATUSES = {status.description: status for status in (
    JobStatus("On Hold", HELD),
    JobStatus("Wait to Start", WAITING),
    JobStatus(TO_BE_SKIPPED, WAITING),
    JobStatus("Job Running", RUNNING),
    JobStatus("Finished OK", FINISHED_OK, 900),
    JobStatus("Marked Finished OK", FINISHED_OK, 920),
    JobStatus("Failed", FAILED, 910),
    JobStatus("Marked Failed", FAILED, 921),
    JobStatus("Initialization Error", FAILED),
    JobStatus("Failed; Processing Events", FAILED, processing_events=True),
    JobStatus(UNDER_REVIEW, UNDER_REVIEW),
    JobStatus(FIXED, FIXED),
    JobStatus(CANCELLED, CANCELLED),
    JobStatus(SKIPPED, SKIPPED, 940),
    JobStatus(MISSED_START_TIME, MISSED_START_TIME),
)}


@dataclass(frozen=True)
class ActionRule:
    """`allowed_from`: the categories `JobActionUtil` allows the action from; `becomes`: the status it leaves."""

    allowed_from: frozenset[str]
    becomes: str


ACTIONS = {
    "markUnderReview": ActionRule(frozenset({FAILED}), UNDER_REVIEW),
    "markFixed": ActionRule(frozenset({FAILED, UNDER_REVIEW}), FIXED),
    "markFinishedOk": ActionRule(frozenset({HELD, WAITING, RUNNING, FAILED, UNDER_REVIEW, MISSED_START_TIME, FIXED}),
                                 "Marked Finished OK"),
    "markFailed": ActionRule(frozenset({HELD, WAITING, RUNNING, FINISHED_OK, FIXED, MISSED_START_TIME,
                                        UNDER_REVIEW}), "Marked Failed"),
    "restart": ActionRule(frozenset({CANCELLED, FINISHED_OK, FIXED, FAILED, UNDER_REVIEW, SKIPPED}), "Wait to Start"),
}


def refusal(action: str, description: str) -> str:
    """Why `action` is not allowed on a job in status `description`; "" when it is."""
    status, rule = STATUSES[description], ACTIONS[action]
    if status.processing_events:
        return f"{action} is not allowed while the job is '{description}'."
    if status.category in rule.allowed_from or (action == "restart" and description == TO_BE_SKIPPED):
        return ""
    return f"{action} is not allowed on a job in status '{description}' (category {status.category})."


def status_named(name: str) -> str:
    """The status description `name` stands for: a description (`Marked Failed`) or, case-insensitively, a category
    (`Finished Ok` → `Finished OK`, the category's first status); ValueError when it is neither."""
    if name in STATUSES:
        return name
    by_category = {}
    for status in STATUSES.values():
        by_category.setdefault(status.category.lower(), status.description)
    by_description = {description.lower(): description for description in STATUSES}
    found = by_description.get(name.lower()) or by_category.get(name.lower())
    if found is None:
        raise ValueError(f"Unknown job status '{name}'; known: {', '.join(STATUSES)}.")
    return found


def status_json(description: str, change_reason: str | None = None) -> dict[str, Any]:
    """OpCon's `status` object of a daily job (`model/JobStatus.java`)."""
    status = STATUSES[description]
    return {"id": status.id, "startStatus": None, "description": status.description, "category": status.category,
            "changeReason": change_reason}
