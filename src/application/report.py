"""The report use case: one failed job in, one incident created or updated (B-4).

`plan` reads OpCon and Summit through the ports and returns the decision record; `apply` carries it out and
decides nothing. `explain` is `plan` without `apply`.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from summit_connector.application.errors import (
    ConnectorError,
    DeliveryFailed,
    IncidentHeldBack,
    InvalidInput,
    OpConError,
    SummitRejected,
    SummitUnavailable,
    described,
)
from summit_connector.application.groups import lock_keys, look_up_groups
from summit_connector.application.reads import find_job, read_ticket
from summit_connector.application.ports import (
    Clock,
    CreateIntents,
    DailyJobs,
    GroupIncidents,
    Incidents,
    JobIncidents,
    JobLogs,
    Silences,
)
from summit_connector.domain.decision import Action, KeptForJob, ReportDecision, TicketSource
from summit_connector.domain.incident import view_url
from summit_connector.domain.joblog import truncate_log
from summit_connector.domain.model import DailyJob, FailureEvent
from summit_connector.domain.plan import next_need, plan_adoption, plan_completion, plan_report
from summit_connector.domain.report_inputs import Need, ReportInputs
from summit_connector.domain.settling import correlated, correlation_value
from summit_connector.domain.silences import Silence
from summit_connector.domain.template import ReportPolicy, Template

Sent = TypeVar("Sent")


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
    """Finds the job, decides, creates or updates the incident, writes the number back, attaches the log.

    `intents` hold each create's intent before it is sent and its number right after (B-9.1); `job_incidents`
    record every incident touched (B-10.2); `groups` answer which incident a failure could join (B-13); `silences`
    are the operator's, the active ones read by `plan` (B-13.2); `template_key` is the name entries record for the
    template. Every port is always given: the in-memory ones of `summit_connector.adapters.memory` where a feature
    is not wanted.
    """

    def __init__(self, daily_jobs: DailyJobs, incidents: Incidents, job_logs: JobLogs, clock: Clock,
                 template: Template, policy: ReportPolicy, *, intents: CreateIntents, job_incidents: JobIncidents,
                 groups: GroupIncidents, silences: Silences, template_key: str = "") -> None:
        self._daily_jobs = daily_jobs
        self._incidents = incidents
        self._job_logs = job_logs
        self._clock = clock
        self._template = template
        self._policy = policy
        self._intents = intents
        self._job_incidents = job_incidents
        self._groups = groups
        self._silences = silences
        self._template_key = template_key

    def __call__(self, event: FailureEvent, now: datetime | None = None, kept: KeptForJob = KeptForJob()
                 ) -> ReportOutcome:
        """`now` replaces the clock for a replay, so it decides as at the moment of the failure."""
        return self.apply(self.plan(event, now, kept))

    def plan(self, event: FailureEvent, now: datetime | None = None, kept: KeptForJob = KeptForJob()
             ) -> ReportDecision:
        """Reads the job from OpCon and the active silences, then exactly what the flow reaches (`next_need`): the
        ticket's status from Summit, the group incidents from the journal; decides once. Sends and writes nothing."""
        now = now or self._clock.now()
        silences, warnings = self._active_silences(now)
        inputs = ReportInputs(event, self._find_job(event), now, kept, tuple(silences))
        while (need := next_need(inputs, self._template, self._policy)) is not None:
            inputs = self._fetched(need, inputs)
        decision = plan_report(inputs, self._template, self._policy)
        return replace(decision, warnings=(*decision.warnings, *warnings))

    def _fetched(self, need: Need, inputs: ReportInputs) -> ReportInputs:
        if need is Need.TICKET_READING:
            return inputs.with_ticket_read(read_ticket(self._incidents, inputs.ticket))
        return inputs.with_groups(look_up_groups(self._groups, self._incidents, inputs.event, self._template.grouping,
                                                 inputs.now))

    def lock_keys(self, event: FailureEvent) -> tuple[str, ...]:
        """What a run for the event holds while it plans and applies: its group's lock, then its job's (B-13.1)."""
        return lock_keys(event, self._template.grouping)

    def plan_completion(self, event: FailureEvent, ticket_number: str, now: datetime | None = None
                        ) -> ReportDecision:
        """The decision for a kept report whose incident exists but whose write-back did not happen."""
        return plan_completion(event, self._find_job(event), ticket_number, self._template,
                               now or self._clock.now())

    def plan_adoption(self, event: FailureEvent, ticket_number: str, now: datetime | None = None
                      ) -> ReportDecision:
        """The decision for an uncertain create whose incident the operator named (B-9.2): written back and its
        job log attached, as a create Summit answered. Summit is asked first whether it has the incident, so a
        mistyped number changes nothing: InvalidInput when it has none it can read, SummitUnavailable or
        SummitRejected when it cannot be asked; DeliveryFailed when OpCon cannot be asked for the job. Summit is
        never asked to create."""
        if self._incidents.status_of(ticket_number) is None:
            raise InvalidInput(f"Summit has no incident {ticket_number} whose status it can read: check the number "
                               "(`summit-connector outbox` tells what to look for)")
        return plan_adoption(event, self._find_job(event), ticket_number, self._template, now or self._clock.now())

    def apply(self, decision: ReportDecision) -> ReportOutcome:
        """Carries out the decision: send, write back, attach. The write-back failure is raised last, so the job
        log still reaches the incident that exists."""
        if decision.action is Action.KEPT:
            held = IncidentHeldBack(decision.reason)
            raise DeliveryFailed(str(held), held, incident_may_exist=True)
        warnings = list(decision.warnings)
        ticket = self._send(decision, warnings)
        failure = self._write_back(decision, ticket, warnings) if decision.write_back else None
        if failure is not None and decision.write_back.best_effort:
            warnings.append(str(failure))
            failure = None
        if decision.attach_job_log and ticket:
            warnings += self._attach_logs(decision.job, ticket)
        if failure is not None:
            raise failure
        url = view_url(self._template, ticket) if ticket else ""
        return ReportOutcome(decision.action, decision.event, decision.reason, ticket, url,
                             decision.previous_ticket, tuple(warnings))

    def _find_job(self, event: FailureEvent) -> DailyJob | None:
        return find_job(self._daily_jobs, event)

    def _active_silences(self, now: datetime) -> tuple[list[Silence], tuple[str, ...]]:
        """A store that cannot be read never stops the delivery (B-9.3): no silence applies, a warning says why."""
        try:
            return self._silences.listed(False, now), ()
        except ConnectorError as error:
            return [], (f"silences could not be read, none applied: {error}",)

    def _send(self, decision: ReportDecision, warnings: list[str]) -> str:
        if decision.incident is not None:
            return self._create(decision, warnings)
        if decision.update is not None:
            self._sent(decision, lambda: self._incidents.update(decision.update))
            self._journal_touched(decision, warnings)
        return decision.ticket_number

    def _create(self, decision: ReportDecision, warnings: list[str]) -> str:
        """The intent is on record before the request leaves, the number right after the answer (B-9.1): a run
        killed in between leaves an intent, and the next run for the job never creates blindly."""
        event, daily_job_id = decision.event, decision.job.id if decision.job else ""
        intent = self._record(warnings, lambda: self._intents.intend(event, self._template_key, decision.now,
                                                                     daily_job_id, _group_key(decision)))
        incident = correlated(decision.incident, self._template.correlation,
                              correlation_value(event.job_key, intent if intent is not None else 0))
        try:
            ticket = self._sent(decision, lambda: self._incidents.create(incident))
        except DeliveryFailed as failure:
            if not failure.incident_may_exist:
                self._record(warnings, lambda: self._intents.abandon_intents(event.job_key))
            raise
        if intent is not None:
            self._record(warnings, lambda: self._intents.created(intent, ticket))
        return ticket

    @staticmethod
    def _record(warnings: list[str], write: Callable[[], Sent]) -> Sent | None:
        """A journal that cannot be used never stops the delivery (B-9.3): it is a warning naming the cause."""
        try:
            return write()
        except ConnectorError as error:
            warnings.append(f"the state store did not record this run: {error}")
            return None

    def _sent(self, decision: ReportDecision, send: Callable[[], Sent]) -> Sent:
        try:
            return send()
        except (SummitRejected, SummitUnavailable) as error:
            may_exist = decision.incident is not None and error.maybe_processed
            raise DeliveryFailed(f"Summit did not take the incident: {error}", error,
                                 incident_may_exist=may_exist) from error

    def _journal_touched(self, decision: ReportDecision, warnings: list[str]) -> None:
        ticket, daily_job_id = decision.ticket_number, decision.job.id if decision.job else ""
        self._record(warnings, lambda: self._job_incidents.touched(ticket, decision.event, self._template_key,
                                                                   decision.now, daily_job_id, _group_key(decision)))
        existing = decision.existing
        held = existing is not None and existing.source is TicketSource.OPCON and existing.ticket == ticket
        if held and decision.job:
            self._record(warnings, lambda: self._job_incidents.written_back(ticket))

    def _write_back(self, decision: ReportDecision, ticket: str, warnings: list[str]) -> DeliveryFailed | None:
        """Whatever goes wrong, the failure carries the ticket number: the incident must never be created twice."""
        job, write_back = decision.job, decision.write_back
        try:
            if write_back.ticket:
                self._daily_jobs.record_ticket(job, ticket, view_url(self._template, ticket))
            if write_back.documentation is not None:
                self._daily_jobs.write_documentation(job, write_back.documentation)
        except Exception as error:  # noqa: BLE001 - see the docstring
            said = described(error)
            cause = error if isinstance(error, ConnectorError) else OpConError(said)
            failure = DeliveryFailed(f"incident {ticket} exists but writing it back to OpCon failed: {said}", cause,
                                     ticket_number=ticket)
            failure.__cause__ = error
            return failure
        if write_back.ticket:
            self._record(warnings, lambda: self._job_incidents.written_back(ticket))
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
                self._incidents.attach(ticket, truncate_log(log, self._policy.max_joblog_bytes))
            except Exception as error:  # noqa: BLE001 - see the docstring
                warnings.append(f"job log {log.name} could not be attached to {ticket}: {described(error)}")
        return warnings


def _group_key(decision: ReportDecision) -> str:
    """The group a new incident becomes the incident of, or that an incident was joined for (B-13.1)."""
    return decision.group.key if decision.group is not None else ""
