"""The incident to create, or the update to send, assembled from the event, the job and the template."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from summit_connector.domain.attributes import ResolvedAttribute
from summit_connector.domain.model import FailureEvent
from summit_connector.domain.placeholders import expand, placeholder_values
from summit_connector.domain.template import CustomAttribute, Template


@dataclass(frozen=True)
class NewIncident:
    description: str
    information: str
    status: str
    attributes: tuple[tuple[str, str], ...]
    custom_fields: tuple[CustomAttribute, ...] = ()


@dataclass(frozen=True)
class IncidentUpdate:
    ticket_number: str
    status: str
    information: str


def build_new_incident(
    event: FailureEvent,
    template: Template,
    attributes: Iterable[ResolvedAttribute],
    now: datetime,
    previous_ticket: str = "",
) -> NewIncident:
    """`attributes` are final: placeholders already expanded (see `expanded`)."""
    values = placeholder_values(event, now)
    information = expand(template.ticket_information, values)
    if previous_ticket:
        information = f"{information}\nPrevious incident {previous_ticket} is closed; this failure opened a new one."
    return NewIncident(
        description=expand(template.ticket_description, values),
        information=information,
        status=template.summit.new_status,
        attributes=tuple((a.name, a.value) for a in attributes),
        custom_fields=tuple(
            CustomAttribute(c.group_name, c.name, expand(c.value, values)) for c in template.custom_attributes
        ),
    )


def failure_summary(event: FailureEvent, now: datetime) -> str:
    """The line added to an existing ticket (B-4.5): job, schedule, date, agent, termination code, time."""
    return (
        f"OpCon job {event.job} failed again: schedule {event.schedule} ({event.schedule_date.isoformat()}, "
        f"id {event.schedule_id}, instance {event.schedule_instance}), agent {event.agent}, "
        f"termination {event.termination}, at {now.isoformat(sep=' ', timespec='seconds')}."
    )


def build_update(event: FailureEvent, ticket_number: str, status: str, now: datetime) -> IncidentUpdate:
    return IncidentUpdate(ticket_number, status, failure_summary(event, now))


def view_url(template: Template, ticket_number: str) -> str:
    """`viewIncident` with `{0}` = view host and `{1}` = ticket number (B-3.3); empty when no pattern is set."""
    if not template.view_incident_url:
        return ""
    return template.view_incident_url.replace("{0}", template.view_host).replace("{1}", ticket_number)


def expanded(attributes: Mapping[str, ResolvedAttribute], event: FailureEvent, now: datetime) -> tuple[
        ResolvedAttribute, ...]:
    """The final attributes with their placeholders (B-3.5) expanded, as Summit receives them."""
    values = placeholder_values(event, now)
    return tuple(ResolvedAttribute(a.name, expand(a.value, values), a.layer) for a in attributes.values())
