"""The recover use case (B-11.2): a job completed, so its open incident is annotated or resolved.

`plan` reads the job (OpCon), the ticket's status (Summit) and the journal, and returns the decision record;
`apply` sends its steps and journals the ticket, deciding nothing. `explain` is `plan` without `apply`.
"""

from dataclasses import replace
from datetime import datetime

from summit_connector.application.errors import ConnectorError, DeliveryFailed, SummitRejected, SummitUnavailable
from summit_connector.application.ports import Clock, DailyJobs, Incidents, JobIncidents, JournalEntry, SyncTracking
from summit_connector.application.reads import find_job, read_ticket
from summit_connector.application.report import ReportOutcome
from summit_connector.domain.decision import Action, KeptForJob
from summit_connector.domain.incident import view_url
from summit_connector.domain.model import FailureEvent
from summit_connector.domain.recovery import RecoveryDecision, plan_recovery
from summit_connector.domain.report_inputs import RecoveryInputs
from summit_connector.domain.template import Template


class RecoverJob:
    """`job_incidents` tells which tickets this connector opened for the job (only those are resolved) and records
    the ticket touched; `tracking` records a status this run resolved as acted on, so `sync` does not act on it."""

    def __init__(self, daily_jobs: DailyJobs, incidents: Incidents, clock: Clock, template: Template, *,
                 job_incidents: JobIncidents, tracking: SyncTracking, template_key: str = "") -> None:
        self._daily_jobs = daily_jobs
        self._incidents = incidents
        self._clock = clock
        self._template = template
        self._job_incidents = job_incidents
        self._tracking = tracking
        self._template_key = template_key

    def __call__(self, event: FailureEvent, now: datetime | None = None, kept: KeptForJob = KeptForJob()
                 ) -> ReportOutcome:
        """`now` replaces the clock for a replay, so the information line says when the job completed."""
        return self.apply(self.plan(event, now, kept))

    def plan(self, event: FailureEvent, now: datetime | None = None, kept: KeptForJob = KeptForJob()
             ) -> RecoveryDecision:
        """Reads OpCon, the journal and, when the job has a ticket, its status in Summit; decides once. Sends and
        writes nothing."""
        inputs = RecoveryInputs(event, find_job(self._daily_jobs, event), now or self._clock.now(), kept,
                                opened_tickets=self._opened(event))
        if inputs.ticket:
            members = self._members(inputs.ticket)
            opened = inputs.opened_tickets | ({inputs.ticket} if any(m.opened for m in members) else set())
            inputs = replace(inputs, ticket_read=read_ticket(self._incidents, inputs.ticket),
                             opened_tickets=frozenset(opened), still_failed=still_failed(members, event))
        return plan_recovery(inputs, self._template)

    def apply(self, decision: RecoveryDecision) -> ReportOutcome:
        for step in decision.steps:
            try:
                self._incidents.update(step)
            except (SummitRejected, SummitUnavailable) as error:
                raise DeliveryFailed(f"Summit did not take the recovery of {decision.event.job} on incident "
                                     f"{decision.ticket}: {error}", error) from error
        warnings = self._journal_touched(decision) if decision.sends else ()
        url = view_url(self._template, decision.ticket) if decision.ticket else ""
        return ReportOutcome(decision.action, decision.event, decision.reason, decision.ticket, url,
                             warnings=warnings)

    def _journal_touched(self, decision: RecoveryDecision) -> tuple[str, ...]:
        """After Summit took the recovery, a journal that cannot record it costs a warning, not the delivery.

        A ticket this run resolved is recorded as acted on at its resolved status: the job finished already, so
        `sync` takes no job action for that status (B-12.2: each status change is acted on once)."""
        try:
            self._job_incidents.touched(decision.ticket, decision.event, self._template_key, decision.now,
                                        decision.job.id if decision.job else "")
            self._job_incidents.recovered(decision.ticket, decision.event.job_key)
            if decision.action is Action.RESOLVED:
                self._tracking.acted_on(decision.ticket, decision.steps[-1].status)
        except ConnectorError as error:
            return (f"the journal did not record the recovery of incident {decision.ticket}: {error}",)
        return ()

    def _members(self, ticket: str) -> list[JournalEntry]:
        """The jobs the journal holds in the incident; none when it cannot be read."""
        try:
            return self._job_incidents.for_ticket(ticket)
        except ConnectorError:
            return []

    def _opened(self, event: FailureEvent) -> frozenset[str]:
        """The tickets the journal shows this connector opened for the job; none when it cannot be read."""
        try:
            entries = self._job_incidents.for_job(event.job_key)
        except ConnectorError:
            return frozenset()
        return frozenset(entry.ticket for entry in entries if entry.ticket and entry.opened)


def still_failed(members: list[JournalEntry], event: FailureEvent) -> tuple[str, ...]:
    """The other jobs of a group incident (B-13.1) that have not recovered: the agent's own entry (no job) and this
    job are not counted."""
    others = {m.event.job_key: m for m in members if m.event.job and m.event.job_key != event.job_key}
    recovered = {m.event.job_key for m in members if m.recovered}
    return tuple(m.event.job for key, m in others.items() if key not in recovered)
