"""The recover use case (B-11.2): a job completed, so its open incident is annotated or resolved.

`plan` reads the job (OpCon), the ticket's status (Summit) and the journal, and returns the decision record;
`apply` sends its steps and journals the ticket, deciding nothing. `explain` is `plan` without `apply`.
"""

from datetime import datetime

from summit_connector.application.errors import ConnectorError, DeliveryFailed, SummitRejected, SummitUnavailable
from summit_connector.application.ports import Clock, DailyJobs, Incidents, Journal
from summit_connector.application.report import ReportOutcome, find_job
from summit_connector.domain.decision import Action, KeptForJob
from summit_connector.domain.incident import TicketReading, view_url
from summit_connector.domain.model import FailureEvent
from summit_connector.domain.recovery import RecoveryDecision, plan_recovery
from summit_connector.domain.template import Template
from summit_connector.domain.tickets import current_ticket


class RecoverJob:
    """`journal` tells which tickets this connector opened for the job (only those are resolved) and records the
    ticket touched; without one, a ticket is only annotated."""

    def __init__(self, daily_jobs: DailyJobs, incidents: Incidents, clock: Clock, template: Template,
                 journal: Journal | None = None, template_key: str = "") -> None:
        self._daily_jobs = daily_jobs
        self._incidents = incidents
        self._clock = clock
        self._template = template
        self._journal = journal
        self._template_key = template_key

    def __call__(self, event: FailureEvent, now: datetime | None = None, kept: KeptForJob = KeptForJob()
                 ) -> ReportOutcome:
        """`now` replaces the clock for a replay, so the information line says when the job completed."""
        return self.apply(self.plan(event, now, kept))

    def plan(self, event: FailureEvent, now: datetime | None = None, kept: KeptForJob = KeptForJob()
             ) -> RecoveryDecision:
        """Reads OpCon, Summit and the journal; sends and writes nothing."""
        now = now or self._clock.now()
        job = find_job(self._daily_jobs, event)
        ticket, _ = current_ticket(job, kept)
        read = self._read(ticket) if ticket else None
        return plan_recovery(event, job, read, self._template, now, self._opened(event), kept)

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
        if self._journal is None:
            return ()
        try:
            self._journal.touched(decision.ticket, decision.event, self._template_key, decision.now,
                                  decision.job.id if decision.job else "")
            if decision.action is Action.RESOLVED:
                self._journal.acted_on(decision.ticket, decision.steps[-1].status)
        except ConnectorError as error:
            return (f"the journal did not record the recovery of incident {decision.ticket}: {error}",)
        return ()

    def _read(self, ticket: str) -> TicketReading | None:
        try:
            return self._incidents.read(ticket)
        except (SummitUnavailable, SummitRejected):
            return None

    def _opened(self, event: FailureEvent) -> frozenset[str]:
        """The tickets the journal shows this connector opened for the job; none when it cannot be read."""
        if self._journal is None:
            return frozenset()
        try:
            entries = self._journal.for_job(event.job_key)
        except ConnectorError:
            return frozenset()
        return frozenset(entry.ticket for entry in entries if entry.ticket and entry.opened)
