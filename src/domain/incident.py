"""The incident to create, or the update to send, assembled from the event, the job and the template."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from summit_connector.domain.attributes import ResolvedAttribute
from summit_connector.domain.model import FailureEvent, Trigger
from summit_connector.domain.placeholders import expand, placeholder_values
from summit_connector.domain.runbook import RunbookVerdict, configuration_item, with_runbook
from summit_connector.domain.template import CustomAttribute, Template
from summit_connector.domain.trigger_text import TriggerVerdict


@dataclass(frozen=True)
class NewIncident:
    """`ci`: the configuration item `(CI_Key, CI_Value)` the incident names (B-16.3), None for none."""

    description: str
    information: str
    status: str
    attributes: tuple[tuple[str, str], ...]
    custom_fields: tuple[CustomAttribute, ...] = ()
    ci: tuple[str, str] | None = None


HELD_FIELDS = ("Sup_Function", "Medium", "Source", "Caller_EmailID")
"""The Ticket fields an update re-sends with the values the ticket holds now (B-4.5): every public update sample
sends them, so a tenant may require them. Routing attributes are never re-sent: an analyst's re-routing stands."""


@dataclass(frozen=True)
class TicketReading:
    """One ticket as a single status call read it (B-4.5): its status, and the HELD_FIELDS it holds now as
    `(name, value)` pairs, in HELD_FIELDS order, those Summit returned empty left out."""

    status: str
    held: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ListedIncident:
    """One incident as Summit's incident list shows it (`IM_GetIncidentListwithDetails`, B-15.2): what a lost
    create's answer is looked for by. `logged_time` is None when Summit's time could not be read; `custom_fields`
    are `(group, name, value)` triples."""

    ticket: str
    symptom: str
    caller_email: str
    logged_time: datetime | None
    status: str = ""
    custom_fields: tuple[tuple[str, str, str], ...] = ()

    def custom_value(self, group: str, name: str) -> str | None:
        return next((value for g, n, value in self.custom_fields if (g, n) == (group, name)), None)


def held_to_resend(read: TicketReading | None) -> tuple[tuple[str, str], ...]:
    """What an update of the ticket re-sends (B-4.5): nothing when its status could not be read (the vendor
    fallback has nothing to re-send)."""
    return read.held if read is not None and read.status.strip() else ()


@dataclass(frozen=True)
class IncidentUpdate:
    """`status` empty leaves the ticket's status as it is; `attributes` and `solution` go with a resolving update
    (B-11.2). `held` are the ticket's own HELD_FIELDS, read with its status and re-sent as they are (B-4.5); empty
    when the status could not be read (the vendor fallback: there is nothing to re-send)."""

    ticket_number: str
    status: str
    information: str
    attributes: tuple[tuple[str, str], ...] = ()
    solution: str = ""
    held: tuple[tuple[str, str], ...] = ()


def build_new_incident(
    event: FailureEvent,
    text: TriggerVerdict,
    template: Template,
    attributes: Iterable[ResolvedAttribute],
    now: datetime,
    previous_ticket: str = "",
    runbook: RunbookVerdict = RunbookVerdict(False),
    tags: tuple[str, ...] = (),
) -> NewIncident:
    """`text` is the trigger's (B-11.1); `attributes` are final: placeholders already expanded (see `expanded`).
    The runbook ends the Information and `@EV_Runbook` expands to it (B-16.1); `tags` may name the CI (B-16.3)."""
    values = placeholder_values(event, now, runbook.text)
    information = expand(text.information, values)
    if previous_ticket:
        information = f"{information}\nPrevious incident {previous_ticket} is closed; {_this(event)} opened a new one."
    ci = template.ci
    return NewIncident(
        description=expand(text.description, values),
        information=with_runbook(information, runbook),
        ci=configuration_item(ci, tags, expand(ci.value, values) if ci else ""),
        status=template.summit.new_status,
        attributes=tuple((a.name, a.value) for a in attributes),
        custom_fields=tuple(
            CustomAttribute(c.group_name, c.name, expand(c.value, values)) for c in template.custom_attributes
        ),
    )


def incident_description(text: TriggerVerdict, event: FailureEvent, now: datetime) -> str:
    """The description a new incident is created with: the trigger's text, placeholders expanded as at `now`."""
    return expand(text.description, placeholder_values(event, now))


def failure_summary(event: FailureEvent, now: datetime, again: bool = True) -> str:
    """The line added to an existing ticket (B-4.5): what happened (the trigger, B-11.1), job, schedule, date,
    agent, termination code, time. Not `again` for a job that joins another job's incident (B-13.1)."""
    return (
        f"OpCon job {event.job} {_happened(event.trigger, again)}: schedule {event.schedule} "
        f"({event.schedule_date.isoformat()}, id {event.schedule_id}, instance {event.schedule_instance}), "
        f"agent {event.agent}, termination {event.termination}, at {now.isoformat(sep=' ', timespec='seconds')}."
    )


def _happened(trigger: Trigger, again: bool = True) -> str:
    if trigger is Trigger.FAILED:
        return "failed again" if again else "failed"
    return f"reported {trigger.display_name}"


def _this(event: FailureEvent) -> str:
    return "this failure" if event.trigger is Trigger.FAILED else f"this {event.trigger.display_name} event"


def build_update(event: FailureEvent, ticket_number: str, status: str, now: datetime,
                 held: tuple[tuple[str, str], ...] = ()) -> IncidentUpdate:
    return IncidentUpdate(ticket_number, status, failure_summary(event, now), held=held)


def view_url(template: Template, ticket_number: str) -> str:
    """`viewIncident` with `{0}` = view host and `{1}` = ticket number (B-3.3); empty when no pattern is set."""
    if not template.view_incident_url:
        return ""
    return template.view_incident_url.replace("{0}", template.view_host).replace("{1}", ticket_number)


def expanded(attributes: Mapping[str, ResolvedAttribute], event: FailureEvent, now: datetime, runbook: str = ""
             ) -> tuple[ResolvedAttribute, ...]:
    """The final attributes with their placeholders (B-3.5) expanded, as Summit receives them."""
    values = placeholder_values(event, now, runbook)
    return tuple(ResolvedAttribute(a.name, expand(a.value, values), a.layer) for a in attributes.values())
