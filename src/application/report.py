"""The report use case: one failed job in, one incident created or updated (B-4)."""

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from summit_connector.application.errors import (
    ConnectorError,
    DeliveryFailed,
    IncidentHeldBack,
    OpConError,
    OpConUnavailable,
    SummitRejected,
    SummitUnavailable,
    described,
)
from summit_connector.application.ports import Clock, DailyJobs, Incidents, JobLogs
from summit_connector.domain.incident import view_url
from summit_connector.domain.joblog import truncate_log
from summit_connector.domain.model import DailyJob, Documentation, FailureEvent
from summit_connector.domain.plan import PlannedAction, ReportPlan, plan_report, stamped_documentation
from summit_connector.domain.tags import needs_ticket_status
from summit_connector.domain.template import ReportPolicy, Template


class Action(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    REOPENED = "reopened"
    SKIPPED_EXIT = "skipped-exit"
    SKIPPED_DAILY_WINDOW = "skipped-daily-window"


_DONE = {
    PlannedAction.CREATE: Action.CREATED,
    PlannedAction.UPDATE: Action.UPDATED,
    PlannedAction.REOPEN: Action.REOPENED,
    PlannedAction.SKIP_EXIT: Action.SKIPPED_EXIT,
    PlannedAction.SKIP_DAILY_WINDOW: Action.SKIPPED_DAILY_WINDOW,
}


@dataclass(frozen=True)
class ReportOutcome:
    action: Action
    event: FailureEvent
    reason: str
    ticket_number: str = ""
    view_url: str = ""
    previous_ticket: str = ""
    warnings: tuple[str, ...] = ()


class ReportFailure:
    """Finds the job, decides, creates or updates the incident, writes the number back, attaches the log."""

    def __init__(
        self,
        daily_jobs: DailyJobs,
        incidents: Incidents,
        job_logs: JobLogs,
        clock: Clock,
        template: Template,
        settings: ReportPolicy,
    ) -> None:
        self._daily_jobs = daily_jobs
        self._incidents = incidents
        self._job_logs = job_logs
        self._clock = clock
        self._template = template
        self._settings = settings

    def __call__(
        self, event: FailureEvent, now: datetime | None = None, known_ticket: str = "", may_create: bool = True
    ) -> ReportOutcome:
        """`now` replaces the clock for a replay, so it decides as at the moment of the failure.

        `known_ticket`: the job's incident when OpCon has not taken its number yet (kept in the outbox).
        `may_create=False`: an earlier failure may have created an incident already, so none is created now.
        """
        now = now or self._clock.now()
        warnings: list[str] = []
        job = self._find_job(event, warnings)
        if job is not None and known_ticket and not job.incident_ticket_id.strip():
            job = replace(job, incident_ticket_id=known_ticket)
        status = self._ticket_status(job)
        plan = plan_report(event, job, status, self._template, self._settings, now)
        if plan.incident is not None and not may_create:
            held = IncidentHeldBack(f"no new incident for {event.job}: an earlier failure of this job may already "
                                    "have created one (see `summit-connector outbox`)")
            raise DeliveryFailed(str(held), held, incident_may_exist=True)
        ticket = self._deliver(plan)
        write_back_failure = None
        if plan.action is PlannedAction.CREATE and job is not None:
            write_back_failure = self._write_back(plan.documentation, job, ticket)
        if ticket and job is not None and self._template.rules.include_job_log_attachment:
            warnings += self._attach_logs(job, ticket)
        if write_back_failure is not None:
            raise write_back_failure
        url = view_url(self._template, ticket) if ticket else ""
        return ReportOutcome(_DONE[plan.action], event, plan.reason, ticket, url, plan.previous_ticket, tuple(warnings))

    def complete(self, event: FailureEvent, ticket_number: str, now: datetime | None = None) -> ReportOutcome:
        """Finishes a report whose incident exists but whose write-back did not: only the write-back.

        A different number OpCon holds by now is never written over.
        """
        now = now or self._clock.now()
        warnings: list[str] = []
        job = self._find_job(event, warnings)
        url = view_url(self._template, ticket_number)
        reason = "the incident existed; it was written back to OpCon"
        held = job.incident_ticket_id.strip() if job else ""
        if job is None or (held and held != ticket_number):
            if held:
                warnings.append(f"OpCon already holds incident {held} for {event.job}; {ticket_number} was not "
                                "written over it")
            return ReportOutcome(Action.CREATED, event, reason, ticket_number, url, warnings=tuple(warnings))
        documentation = stamped_documentation(job, self._template, now)
        failure = self._write_back(documentation, job, ticket_number, record=not held)
        if failure is not None:
            raise failure
        return ReportOutcome(Action.CREATED, event, reason, ticket_number, url, warnings=tuple(warnings))

    def _find_job(self, event: FailureEvent, warnings: list[str]) -> DailyJob | None:
        try:
            job = self._daily_jobs.find(event)
        except (OpConUnavailable, OpConError) as error:
            raise DeliveryFailed(f"OpCon could not be asked for job {event.job}: {error}", error) from error
        if job is None:
            warnings.append(
                f"job {event.job} of schedule {event.schedule} ({event.schedule_date}) was not found in OpCon: "
                "default routing, nothing written back"
            )
        return job

    def _ticket_status(self, job: DailyJob | None) -> str | None:
        if job is None or not needs_ticket_status(job.tags, job.incident_ticket_id, self._template.tags):
            return None
        try:
            return self._incidents.status_of(job.incident_ticket_id.strip())
        except (SummitUnavailable, SummitRejected):
            return None

    def _deliver(self, plan: ReportPlan) -> str:
        try:
            if plan.incident is not None:
                return self._incidents.create(plan.incident)
            if plan.update is not None:
                self._incidents.update(plan.update)
                return plan.update.ticket_number
        except (SummitRejected, SummitUnavailable) as error:
            may_exist = plan.incident is not None and error.maybe_processed
            raise DeliveryFailed(f"Summit did not take the incident: {error}", error,
                                 incident_may_exist=may_exist) from error
        return ""

    def _write_back(
        self, documentation: Documentation | None, job: DailyJob, ticket: str, record: bool = True
    ) -> DeliveryFailed | None:
        """The failure is returned, not raised, so the job log still reaches the incident that exists.

        Whatever goes wrong, the failure carries the ticket number: the incident must never be created twice.
        """
        try:
            if record:
                self._daily_jobs.record_ticket(job, ticket, view_url(self._template, ticket))
            if documentation is not None:
                self._daily_jobs.write_documentation(job, documentation)
        except Exception as error:  # noqa: BLE001 - see the docstring
            said = described(error)
            cause = error if isinstance(error, ConnectorError) else OpConError(said)
            failure = DeliveryFailed(f"incident {ticket} exists but writing it back to OpCon failed: {said}", cause,
                                     ticket_number=ticket)
            failure.__cause__ = error
            return failure
        return None

    def _attach_logs(self, job: DailyJob, ticket: str) -> list[str]:
        """Best effort (B-4.11): whatever fails here is a warning; the incident stands."""
        try:
            logs = self._job_logs.fetch(job)
        except Exception as error:  # noqa: BLE001 - see the docstring
            return [f"job log of {job.name} could not be fetched: {described(error)}"]
        warnings = []
        for log in logs:
            try:
                self._incidents.attach(ticket, truncate_log(log, self._settings.max_joblog_bytes))
            except Exception as error:  # noqa: BLE001 - see the docstring
                warnings.append(f"job log {log.name} could not be attached to {ticket}: {described(error)}")
        return warnings

