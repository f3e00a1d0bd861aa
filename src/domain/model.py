"""Values the connector reasons about: the failure Notification Manager reported and the OpCon daily job."""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class FailureEvent:
    """One *Job Failed* notification, as passed on the vendor command line (B-1.1)."""

    agent: str
    schedule: str
    job: str
    termination: str
    schedule_date: date
    schedule_id: int
    schedule_instance: int

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
class JobLog:
    """One job output file fetched from OpCon (JORS)."""

    name: str
    content: bytes
