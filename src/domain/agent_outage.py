"""An agent OpCon lost (B-13.4): `agent-down` creates one incident for it, or updates the one it holds while that is
open; `agent-up` annotates or resolves that incident as the template's `recovery` block says. Placeholders are
those of B-3.5 with the job ones empty."""

from dataclasses import replace
from datetime import datetime

from summit_connector.domain.attributes import ResolvedAttribute, resolve_attributes
from summit_connector.domain.decision import Action, GroupIncident, ReportDecision
from summit_connector.domain.grouping import decide_agent_down
from summit_connector.domain.incident import IncidentUpdate, NewIncident, TicketReading
from summit_connector.domain.model import DailyJob, FailureEvent
from summit_connector.domain.placeholders import PLACEHOLDER_NAMES, expand
from summit_connector.domain.report_inputs import RecoveryInputs
from summit_connector.domain.recovery import RecoveryDecision, plan_recovery
from summit_connector.domain.template import Attribute, CustomAttribute, ReportPolicy, Template

AGENT_DOWN = "Agent Down"
AGENT_UP = "Agent Up"


def agent_event(agent: str, now: datetime) -> FailureEvent:
    """What an agent command journals and leaves in history: the agent and the day, no job and no schedule."""
    return FailureEvent(agent, "", "", "", now.date(), 0, 0)


def agent_values(agent: str, now: datetime, trigger: str) -> dict[str, str]:
    """B-3.5 placeholders for an agent: `@EV_Agent`, `@EV_Date` and `@EV_Time` of the clock, the job ones empty."""
    return dict.fromkeys(PLACEHOLDER_NAMES, "") | {
        "@EV_Agent": agent, "@EV_Date": now.date().isoformat(), "@EV_Time": now.strftime("%H:%M:%S"),
        "@EV_Trigger": trigger,
    }


def plan_agent_down(agent: str, held: GroupIncident | None, template: Template, policy: ReportPolicy,
                    now: datetime) -> ReportDecision:
    """`held` is the incident the journal holds for the agent, with its Summit status."""
    group = decide_agent_down(agent, held, template.summit)
    base = ReportDecision(agent_event(agent, now), now, None, Action.CREATED, group.reason, group=group)
    if group.joins:
        update = IncidentUpdate(group.joins, group.status_to_send, _still_down(agent, now), held=group.held_to_send)
        return replace(base, action=Action.UPDATED, update=update, ticket_number=group.joins)
    values = agent_values(agent, now, AGENT_DOWN)
    attributes = _attributes(template, policy, now, values)
    previous = group.agent_down.ticket if group.agent_down else ""
    return replace(base, attributes=attributes, incident=_incident(template, attributes, values),
                   previous_ticket=previous)


def plan_agent_up(agent: str, held: GroupIncident | None, template: Template, now: datetime) -> RecoveryDecision:
    """The recovery rules of B-11.2 applied to the agent's incident, which this connector opened."""
    event = agent_event(agent, now)
    if held is None:
        return RecoveryDecision(event, now, None, Action.NOTHING, f"no incident is held for agent {agent}: nothing "
                                "to do", template.recovery.action)
    holder = DailyJob("", 0, "", incident_ticket_id=held.ticket)
    read = TicketReading(held.status, held.held) if held.status is not None else None
    inputs = RecoveryInputs(event, holder, now, ticket_read=read, opened_tickets=frozenset({held.ticket}))
    decision = plan_recovery(inputs, _agent_recovery(template, agent, now))
    return replace(decision, job=None)


def _agent_recovery(template: Template, agent: str, now: datetime) -> Template:
    """The `recovery` block with the agent's placeholders expanded, and a default line about the agent."""
    recovery, values = template.recovery, agent_values(agent, now, AGENT_UP)
    information = recovery.information or (f"OpCon agent {agent} is reachable again ({AGENT_UP} at "
                                           f"{now.isoformat(sep=' ', timespec='seconds')}).")
    return replace(template, recovery=replace(
        recovery, information=expand(information, values), solution=expand(recovery.solution, values),
        attributes=tuple(Attribute(a.name, expand(a.value, values)) for a in recovery.attributes)))


def _still_down(agent: str, now: datetime) -> str:
    return f"OpCon agent {agent} is still down: {AGENT_DOWN} again at {now.isoformat(sep=' ', timespec='seconds')}."


def _attributes(template: Template, policy: ReportPolicy, now: datetime, values: dict[str, str]
                ) -> tuple[ResolvedAttribute, ...]:
    """B-4.7 without tags: defaults → template → the `agentDown` block's → (non-)working hours."""
    layered = resolve_attributes(policy.defaults, template, template.working_hours.contains(now), (),
                                 template.agent_down.attributes)
    return tuple(ResolvedAttribute(a.name, expand(a.value, values), a.layer) for a in layered.values())


def _incident(template: Template, attributes: tuple[ResolvedAttribute, ...], values: dict[str, str]) -> NewIncident:
    block = template.agent_down
    description = block.ticket_description if block.ticket_description is not None else template.ticket_description
    information = block.ticket_information if block.ticket_information is not None else template.ticket_information
    return NewIncident(
        description=expand(description, values),
        information=expand(information, values),
        status=template.summit.new_status,
        attributes=tuple((a.name, a.value) for a in attributes),
        custom_fields=tuple(CustomAttribute(c.group_name, c.name, expand(c.value, values))
                            for c in template.custom_attributes),
    )
