"""Fewer tickets (B-13.1, B-13.4): the group a failure belongs to, and whether a failure that would create a new
incident joins instead the incident of its down agent or of its group."""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from summit_connector.domain.decision import GroupDecision, GroupIncident, GroupVerdict, TicketState
from summit_connector.domain.model import FailureEvent
from summit_connector.domain.template import GroupBy, Grouping, SummitOptions
from summit_connector.domain.tickets import classify_status

NO_AGENT = "N/A"
_FINISHED = (TicketState.RESOLVED, TicketState.CLOSED)


@dataclass(frozen=True)
class GroupLookup:
    """What the journal holds for the failure, with Summit's status of each: the incident of its agent while the
    agent is down, and the newest incident of its group created inside the window (None when there is none)."""

    agent_down: GroupIncident | None = None
    incident: GroupIncident | None = None


def group_key(event: FailureEvent, grouping: Grouping) -> str:
    """agent = the `-a` name; schedule = the daily schedule (date, schedule id, instance). "" when grouping is off,
    or when the key needs the agent and the event names none (`N/A`)."""
    if not grouping.on or (GroupBy.AGENT in grouping.by and not names_agent(event.agent)):
        return ""
    parts = {GroupBy.AGENT: f"agent={event.agent}",
             GroupBy.SCHEDULE: f"schedule={event.schedule_date:%Y%m%d}|{event.schedule_id}|{event.schedule_instance}"}
    return ";".join(parts[by] for by in GroupBy if by in grouping.by)


def agent_down_key(agent: str) -> str:
    """The key of the incident `agent-down` holds for the agent (B-13.4); "" for `N/A`."""
    return f"agent-down={agent}" if names_agent(agent) else ""


def names_agent(agent: str) -> bool:
    return bool(agent.strip()) and agent.strip().upper() != NO_AGENT


def window_start(grouping: Grouping, now: datetime) -> datetime:
    """A group's incident takes failures while it is younger than the window (counted from its creation)."""
    return now - timedelta(minutes=grouping.window_minutes)


def classified(incident: GroupIncident | None, options: SummitOptions) -> GroupIncident | None:
    return None if incident is None else replace(incident, state=classify_status(incident.status, options))


def decide_group(event: FailureEvent, grouping: Grouping, lookup: GroupLookup, options: SummitOptions,
                 now: datetime) -> GroupDecision:
    """The down agent's open incident first (B-13.4), then the group's (B-13.1): one created less than windowMinutes
    ago and still open. An incident whose status could not be read is taken as open: joining it risks less than a
    second incident. Otherwise a new incident is created; it records the group key and becomes the group's."""
    down, incident = classified(lookup.agent_down, options), classified(lookup.incident, options)
    key = group_key(event, grouping)
    base = GroupDecision(GroupVerdict.OFF, "", key, tuple(grouping.by), grouping.window_minutes if grouping.on else 0,
                         down, incident)
    if down is not None and down.state not in _FINISHED:
        return _joining(replace(base, verdict=GroupVerdict.JOIN_AGENT_DOWN, key=down.key), down,
                        f"agent {event.agent} is down: incident {down.ticket} takes its failures (B-13.4)")
    if not grouping.on:
        return replace(base, reason="grouping is off (the template has no grouping block)" + _finished(down))
    if not key:
        return replace(base, verdict=GroupVerdict.NOT_GROUPED,
                       reason=f"the group key needs the agent and the agent is {event.agent or 'empty'}: not grouped")
    return _within_group(replace(base, verdict=GroupVerdict.NEW), incident, grouping, now)


def decide_agent_down(agent: str, held: GroupIncident | None, options: SummitOptions) -> GroupDecision:
    """`agent-down` (B-13.4): the agent's incident is updated while it is open (or its status unread); otherwise a
    new one is created and becomes the agent's."""
    held = classified(held, options)
    base = GroupDecision(GroupVerdict.NEW, "", agent_down_key(agent), agent_down=held)
    if held is None:
        return replace(base, reason=f"no incident is held for agent {agent}: create one; it becomes the agent's")
    if held.state in _FINISHED:
        return replace(base, reason=f"incident {held.ticket} of agent {agent} is {held.status}: create a new one; "
                                    "it becomes the agent's")
    status = "of unknown status" if held.status is None else held.status
    return _joining(replace(base, verdict=GroupVerdict.JOIN_AGENT_DOWN), held,
                    f"incident {held.ticket} of agent {agent} is {status}: update it")


def _within_group(base: GroupDecision, incident: GroupIncident | None, grouping: Grouping, now: datetime
                  ) -> GroupDecision:
    minutes = grouping.window_minutes
    if incident is None:
        return replace(base, reason=f"no incident of group {base.key} was created in the last {minutes} minutes: "
                                    "create one; it becomes the group's")
    ends = incident.created_at + timedelta(minutes=minutes)
    base = replace(base, window_ends=ends)
    if now >= ends:
        return replace(base, reason=f"incident {incident.ticket} of group {base.key} was created {minutes} minutes "
                                    "or more ago: create a new one; it becomes the group's")
    if incident.state in _FINISHED:
        return replace(base, reason=f"incident {incident.ticket} of group {base.key} is {incident.status}: create a "
                                    "new one; it becomes the group's")
    status = "its status could not be read" if incident.status is None else f"it is {incident.status}"
    return _joining(replace(base, verdict=GroupVerdict.JOIN), incident,
                    f"incident {incident.ticket} of group {base.key} was created less than {minutes} minutes ago "
                    f"and {status}: add this failure to it")


def _joining(base: GroupDecision, incident: GroupIncident, reason: str) -> GroupDecision:
    status = (incident.status or "") if incident.state is TicketState.OPEN else ""
    return replace(base, reason=reason, joins=incident.ticket, status_to_send=status, held_to_send=incident.held)


def _finished(down: GroupIncident | None) -> str:
    return f"; incident {down.ticket} of the down agent is {down.status}" if down is not None else ""
