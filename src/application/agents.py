"""`agent-down` and `agent-up` (B-13.4): one incident per agent OpCon lost, which takes the failures of the agent's
jobs until the agent is back. Runs for one agent are serialised by the agent's lock.

`plan` reads the journal and Summit and returns the decision record; `__call__` applies it and decides nothing.
"""

from dataclasses import replace
from datetime import datetime

from summit_connector.application.errors import ConnectorError, DeliveryFailed, SummitRejected, SummitUnavailable
from summit_connector.application.groups import group_lock, held_incident
from summit_connector.application.ports import Clock, GroupIncidents, Incidents, JobLocks, SyncTracking
from summit_connector.application.report import ReportFailure, ReportOutcome
from summit_connector.domain.agent_outage import plan_agent_down, plan_agent_up
from summit_connector.domain.decision import Action, ReportDecision
from summit_connector.domain.grouping import agent_down_key
from summit_connector.domain.incident import IncidentUpdate, view_url
from summit_connector.domain.recovery import RecoveryDecision
from summit_connector.domain.template import ReportPolicy, Template


class AgentDown:
    """`report` applies the decision as it applies a failure's: the intent is journaled before the create, the
    number (with the agent's key) right after."""

    def __init__(self, report: ReportFailure, incidents: Incidents, groups: GroupIncidents, tracking: SyncTracking,
                 locks: JobLocks, clock: Clock, template: Template, policy: ReportPolicy) -> None:
        self._report = report
        self._incidents = incidents
        self._groups = groups
        self._tracking = tracking
        self._locks = locks
        self._clock = clock
        self._template = template
        self._policy = policy

    def __call__(self, agent: str) -> ReportOutcome:
        with self._locks.hold(group_lock(agent_down_key(agent))):
            decision = self.plan(agent)
            outcome = self._report.apply(decision)
            if decision.incident is not None:
                return self._untracked(outcome)
        return outcome

    def plan(self, agent: str, now: datetime | None = None) -> ReportDecision:
        now = now or self._clock.now()
        held = held_incident(self._groups, self._incidents, agent_down_key(agent), None)
        return plan_agent_down(agent, held, self._template, self._policy, now)

    def _untracked(self, outcome: ReportOutcome) -> ReportOutcome:
        """The agent's own entry names no daily job, so `sync` has nothing to do for it; the jobs that join the
        incident are journaled (and followed) each on its own."""
        try:
            self._tracking.stop_tracking(outcome.ticket_number)
        except ConnectorError as error:
            return _warned(outcome, f"the state store did not record this run: {error}")
        return outcome


class AgentUp:
    """Sends the recovery's steps, then ends the agent's group: its failures report their own incidents again."""

    def __init__(self, incidents: Incidents, groups: GroupIncidents, tracking: SyncTracking, locks: JobLocks,
                 clock: Clock, template: Template) -> None:
        self._incidents = incidents
        self._groups = groups
        self._tracking = tracking
        self._locks = locks
        self._clock = clock
        self._template = template

    def __call__(self, agent: str) -> ReportOutcome:
        with self._locks.hold(group_lock(agent_down_key(agent))):
            decision = self.plan(agent)
            for step in decision.steps:
                self._send(decision, step)
            warnings = self._ended(agent, decision)
        url = view_url(self._template, decision.ticket) if decision.ticket else ""
        return ReportOutcome(decision.action, decision.event, decision.reason, decision.ticket, url,
                             warnings=warnings)

    def plan(self, agent: str, now: datetime | None = None) -> RecoveryDecision:
        now = now or self._clock.now()
        held = held_incident(self._groups, self._incidents, agent_down_key(agent), None)
        return plan_agent_up(agent, held, self._template, now)

    def _send(self, decision: RecoveryDecision, step: IncidentUpdate) -> None:
        try:
            self._incidents.update(step)
        except (SummitRejected, SummitUnavailable) as error:
            raise DeliveryFailed(f"Summit did not take agent-up for agent {decision.event.agent} on incident "
                                 f"{decision.ticket}: {error}", error) from error

    def _ended(self, agent: str, decision: RecoveryDecision) -> tuple[str, ...]:
        """A ticket this run resolved is recorded as acted on at its resolved status, as `recover` does (B-12.2)."""
        if not decision.ticket:
            return ()
        try:
            self._groups.end_group(agent_down_key(agent))
            if decision.action is Action.RESOLVED:
                self._tracking.acted_on(decision.ticket, decision.steps[-1].status)
        except ConnectorError as error:
            return (f"the state store did not record the end of agent {agent}'s incident: {error}",)
        return ()


def _warned(outcome: ReportOutcome, warning: str) -> ReportOutcome:
    return replace(outcome, warnings=(*outcome.warnings, warning))
