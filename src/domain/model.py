"""Values the connector reasons about: the failure Notification Manager reported and the OpCon daily job."""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Trigger(StrEnum):
    """The Notification Manager job trigger a run was called for (B-11), as given on the command line."""

    FAILED = "failed"
    LATE_TO_START = "late-to-start"
    LATE_TO_FINISH = "late-to-finish"
    EXCEEDED_MAX_RUNTIME = "exceeded-max-runtime"
    MISSED_START_TIME = "missed-start-time"
    FINISHED_OK = "finished-ok"
    MARKED_FINISHED_OK = "marked-finished-ok"
    FIXED = "fixed"

    @property
    def display_name(self) -> str:
        """`@EV_Trigger`: the name Notification Manager shows for the trigger."""
        return _DISPLAY_NAMES[self]

    @property
    def is_recovery(self) -> bool:
        return self in RECOVERY_TRIGGERS


_DISPLAY_NAMES = {
    Trigger.FAILED: "Job Failed",
    Trigger.LATE_TO_START: "Late to Start",
    Trigger.LATE_TO_FINISH: "Late to Finish",
    Trigger.EXCEEDED_MAX_RUNTIME: "Exceeded Maximum Runtime",
    Trigger.MISSED_START_TIME: "Missed Start Time",
    Trigger.FINISHED_OK: "Job Finished OK",
    Trigger.MARKED_FINISHED_OK: "Job Marked Finished OK",
    Trigger.FIXED: "Job Fixed",
}
RECOVERY_TRIGGERS = frozenset({Trigger.FINISHED_OK, Trigger.MARKED_FINISHED_OK, Trigger.FIXED})
REPORT_TRIGGERS = tuple(trigger for trigger in Trigger if trigger not in RECOVERY_TRIGGERS)


@dataclass(frozen=True)
class FailureEvent:
    """One Notification Manager job event, as passed on the vendor command line (B-1.1): *Job Failed* unless
    `trigger` says otherwise (an SLA trigger, B-11.1, or a recovery, B-11.2)."""

    agent: str
    schedule: str
    job: str
    termination: str
    schedule_date: date
    schedule_id: int
    schedule_instance: int
    trigger: Trigger = Trigger.FAILED

    @property
    def job_key(self) -> str:
        """Identifies the daily job: date, schedule id, instance and job name (the lock key of B-9)."""
        return f"{self.schedule_date:%Y%m%d}|{self.schedule_id}|{self.schedule_instance}|{self.job}"


@dataclass(frozen=True)
class Documentation:
    """The daily job's documentation record; `text` is OpCon's `documentation.job`."""

    text: str = ""
    id: int | None = None
    frequency: str | None = None


@dataclass(frozen=True)
class DailyJob:
    """What the connector needs of an OpCon daily job (B-4.2)."""

    id: str
    uid: int
    name: str
    job_number: int | None = None
    tags: tuple[str, ...] = ()
    incident_ticket_id: str = ""
    documentation: Documentation = field(default_factory=Documentation)


@dataclass(frozen=True)
class FailedDailyJob:
    """A daily job OpCon lists among the failed ones of a schedule date (B-15.1): the failure it stands for (agent
    from its start machine, else its primary machine, else `N/A`; termination from its `terminationDescription`),
    the job as OpCon holds it, and OpCon's status category (`Failed` for a job that is still failed)."""

    event: FailureEvent
    job: DailyJob
    status_category: str


@dataclass(frozen=True)
class JobLog:
    """One job output file fetched from OpCon (JORS)."""

    name: str
    content: bytes
