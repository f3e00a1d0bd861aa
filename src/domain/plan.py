"""Every decision of the report flow (B-4), in order, as one pure function over values."""

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from summit_connector.domain.attributes import ResolvedAttribute, resolve_attributes
from summit_connector.domain.daily_window import blocks_new_incident, stamp_documentation
from summit_connector.domain.incident import IncidentUpdate, NewIncident, build_new_incident, build_update
from summit_connector.domain.model import DailyJob, Documentation, FailureEvent
from summit_connector.domain.tags import TagRouting, find_exit_tag, route_by_tags
from summit_connector.domain.template import ReportPolicy, Template
from summit_connector.domain.tickets import ExistingTicketAction, ExistingTicketDecision, decide_existing_ticket


class PlannedAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    REOPEN = "reopen"
    SKIP_EXIT = "skip-exit"
    SKIP_DAILY_WINDOW = "skip-daily-window"


@dataclass(frozen=True)
class ReportPlan:
    action: PlannedAction
    reason: str
    exit_tag: str | None = None
    existing: ExistingTicketDecision | None = None
    in_working_hours: bool = False
    routing: TagRouting = field(default_factory=lambda: TagRouting(()))
    attributes: dict[str, ResolvedAttribute] = field(default_factory=dict)
    incident: NewIncident | None = None
    update: IncidentUpdate | None = None
    documentation: Documentation | None = None
    previous_ticket: str = ""


def stamped_documentation(job: DailyJob | None, template: Template, now: datetime) -> Documentation | None:
    """The documentation to write with a new incident under submitSingleIncidentPerDay (B-4.6), else None."""
    if job is None or not template.rules.submit_single_incident_per_day:
        return None
    return replace(job.documentation, text=stamp_documentation(job.documentation.text, now.date()))


def plan_report(
    event: FailureEvent,
    job: DailyJob | None,
    ticket_status: str | None,
    template: Template,
    settings: ReportPolicy,
    now: datetime,
) -> ReportPlan:
    """`ticket_status` is Summit's status of the job's existing ticket (None when unknown or no ticket)."""
    tags = job.tags if job else ()
    exit_tag = find_exit_tag(tags, template.tags)
    if exit_tag is not None:
        return ReportPlan(PlannedAction.SKIP_EXIT, f"job tag {exit_tag!r} matches an EXIT rule", exit_tag=exit_tag)
    routing = route_by_tags(tags, template.rules, template.tags)
    attributes = resolve_attributes(settings.defaults, template, now, routing.attributes)
    in_hours = template.working_hours.contains(now)
    common = dict(in_working_hours=in_hours, routing=routing, attributes=attributes)
    existing_ticket = job.incident_ticket_id.strip() if job else ""
    existing = decide_existing_ticket(ticket_status, template.summit) if existing_ticket else None
    if existing is not None and existing.action is not ExistingTicketAction.CREATE_NEW:
        action = PlannedAction.UPDATE if existing.action is ExistingTicketAction.UPDATE else PlannedAction.REOPEN
        update = build_update(event, existing_ticket, existing.status_to_send, now)
        return ReportPlan(action, existing.reason, existing=existing, update=update, **common)
    documentation = job.documentation if job else Documentation()
    single_per_day = template.rules.submit_single_incident_per_day
    if single_per_day and blocks_new_incident(documentation.text, now, settings.daily_start_hour):
        reason = "submitSingleIncidentPerDay: an incident was already created in this daily window"
        return ReportPlan(PlannedAction.SKIP_DAILY_WINDOW, reason, existing=existing, **common)
    previous = existing_ticket if existing else ""
    incident = build_new_incident(event, template, attributes, now, previous_ticket=previous)
    stamped = stamped_documentation(job, template, now)
    reason = existing.reason if existing else "the job has no incident ticket: create one"
    return ReportPlan(
        PlannedAction.CREATE, reason, existing=existing, incident=incident, documentation=stamped,
        previous_ticket=previous, **common,
    )
