"""Every decision of the report flow (B-4), in order, as pure functions over values returning the record."""

from dataclasses import replace
from datetime import datetime

from summit_connector.domain.attributes import hours_layer, resolve_attributes
from summit_connector.domain.daily_window import stamp_documentation, window_at
from summit_connector.domain.decision import (
    Action,
    DailyWindow,
    ExistingTicket,
    HoursVerdict,
    KeptForJob,
    ReportDecision,
    TicketSource,
    WriteBack,
)
from summit_connector.domain.grouping import GroupLookup, decide_group
from summit_connector.domain.incident import (
    IncidentUpdate,
    build_new_incident,
    build_update,
    expanded,
    failure_summary,
    held_to_resend,
    incident_description,
)
from summit_connector.domain.maintenance_windows import decide_maintenance, maintenance_reason
from summit_connector.domain.model import DailyJob, Documentation, FailureEvent
from summit_connector.domain.report_inputs import Need, ReportInputs
from summit_connector.domain.settling import LookedFor
from summit_connector.domain.runbook import RunbookVerdict, find_runbook, route_by_documentation
from summit_connector.domain.silences import matching_silence
from summit_connector.domain.tags import exit_values, find_exit_tag, route_by_tags
from summit_connector.domain.template import Attribute, ReportPolicy, Template
from summit_connector.domain.tickets import current_ticket, decide_existing_ticket
from summit_connector.domain.working_hours import WEEKDAYS
from summit_connector.domain.trigger_text import decide_trigger_text


def plan_report(inputs: ReportInputs, template: Template, policy: ReportPolicy) -> ReportDecision:
    """The whole decision for one report, in the order of B-4: EXIT, silences (B-13.2), maintenance windows
    (B-13.3), routing, the existing ticket (B-4.5, by `inputs.ticket_read`), then a new incident, unless the daily
    window, a kept create or a group incident (`inputs.groups`, B-13.1, B-13.4) says otherwise. The event's
    trigger picks the text (B-11.1)."""
    screened = _screened(inputs, template)
    if screened.action in _ENDS_EARLY:
        return screened
    decided = _routed(screened, template, policy)
    existing = _existing(inputs, template)
    decided = replace(decided, existing=existing)
    if existing is not None and existing.action is not Action.CREATED:
        return _updating(decided, existing, template, held_to_resend(inputs.ticket_read))
    return _creating(decided, template, policy, inputs.kept, inputs.groups)


def next_need(inputs: ReportInputs, template: Template, policy: ReportPolicy) -> Need | None:
    """What the flow reaches that `inputs` does not hold yet, one at a time: the ticket's reading when the job has a
    ticket, then the group incidents when a new incident would be created. None when the plan can be made:
    an EXIT tag, a silence or a maintenance window needs neither."""
    if _screened(inputs, template).action in _ENDS_EARLY:
        return None
    existing = _existing(inputs, template)
    if existing is not None and Need.TICKET_READING not in inputs.fetched:
        return Need.TICKET_READING
    creates = existing is None or existing.action is Action.CREATED
    if creates and _may_create(inputs, template, policy) and Need.GROUP_INCIDENTS not in inputs.fetched:
        return Need.GROUP_INCIDENTS
    return None


_ENDS_EARLY = frozenset({Action.SKIPPED_EXIT, Action.SILENCED, Action.SKIPPED_MAINTENANCE})


def _screened(inputs: ReportInputs, template: Template) -> ReportDecision:
    """EXIT (B-4.4), then a silence (B-13.2), then a maintenance window (B-13.3): each ends the flow before any
    ticket is looked at; otherwise the record goes on as a create until the ticket says more."""
    tags = inputs.job.tags if inputs.job else ()
    base = ReportDecision(inputs.event, inputs.now, inputs.job, Action.CREATED, "",
                          warnings=_not_found(inputs.event, inputs.job), exit_values=exit_values(template.tags),
                          trigger=decide_trigger_text(inputs.event.trigger, template))
    exit_tag = find_exit_tag(tags, template.tags)
    if exit_tag is not None:
        return replace(base, action=Action.SKIPPED_EXIT, reason=f"job tag {exit_tag!r} matches an EXIT rule",
                       exit_tag=exit_tag)
    silence = matching_silence(inputs.silences, inputs.event, tags, inputs.now)
    if silence is not None:
        return replace(base, action=Action.SILENCED, reason=f"silenced by #{silence.id}: {silence.comment}",
                       silence=silence)
    base = replace(base, maintenance=decide_maintenance(template.maintenance_windows, inputs.now))
    if base.maintenance.inside:
        return replace(base, action=Action.SKIPPED_MAINTENANCE, reason=maintenance_reason(base.maintenance))
    return base


def _existing(inputs: ReportInputs, template: Template) -> ExistingTicket | None:
    ticket, source = current_ticket(inputs.job, inputs.kept)
    if not ticket:
        return None
    status = inputs.ticket_read.status if inputs.ticket_read else None
    return decide_existing_ticket(ticket, source, status, template.summit)


def _may_create(inputs: ReportInputs, template: Template, policy: ReportPolicy) -> bool:
    """Neither the daily window (B-4.6) nor a create that may have happened (B-9.1) holds a new incident back."""
    if not inputs.kept.may_create:
        return False
    if not template.rules.submit_single_incident_per_day:
        return True
    text = inputs.job.documentation.text if inputs.job else ""
    return not window_at(text, inputs.now, policy.daily_start_hour)[2]


def plan_completion(
    event: FailureEvent, job: DailyJob | None, ticket: str, template: Template, now: datetime
) -> ReportDecision:
    """A kept report whose incident exists but whose write-back did not happen: only the write-back (B-9).

    A different number OpCon holds by now is never written over.
    """
    reason = "the incident existed; it was written back to OpCon"
    base = ReportDecision(event, now, job, Action.CREATED, reason, ticket_number=ticket,
                          warnings=_not_found(event, job))
    held = job.incident_ticket_id.strip() if job else ""
    if job is None:
        return base
    if held and held != ticket:
        warning = f"OpCon already holds incident {held} for {event.job}; {ticket} was not written over it"
        return replace(base, warnings=(*base.warnings, warning))
    return replace(base, write_back=WriteBack(not held, stamped_documentation(job, template, now)))


def plan_adoption(
    event: FailureEvent, job: DailyJob | None, ticket: str, template: Template, now: datetime
) -> ReportDecision:
    """An uncertain create whose incident the operator found in Summit (`retry --uncertain --adopt`, B-9.2):
    completed as a create Summit answered with `ticket`: the write-back (and the daily window's documentation) as
    `plan_completion` plans it, and the job log attached when the template says so. Nothing is sent to create."""
    completion = plan_completion(event, job, ticket, template, now)
    reason = f"incident {ticket} was adopted as the one Summit created for this failure"
    written = "; it was written back to OpCon" if completion.write_back else ""
    return replace(completion, action=Action.ADOPTED, reason=f"{reason}{written}",
                   attach_job_log=_attaches(completion, template))


def lost_create(event: FailureEvent, job: DailyJob | None, template: Template, policy: ReportPolicy,
                sent_at: datetime, correlation: str) -> LookedFor:
    """What a create for `event` sent at `sent_at` carried, to be found in Summit's incident list (B-15.2): its
    description and caller as the plan renders them for the job as OpCon holds it (its documentation's runbook may
    be in the description, B-16.1), and its correlation `(group, name, value)` when the template has a
    `correlation` block."""
    unticketed = replace(job, incident_ticket_id="") if job is not None else None
    incident = plan_report(ReportInputs(event, unticketed, sent_at), template, policy).incident
    caller = dict(incident.attributes).get("Caller_EmailID", "") if incident is not None else ""
    description = incident.description if incident is not None else create_description(event, template, sent_at)
    block = template.correlation
    return LookedFor(sent_at, (block.group_name, block.name, correlation) if block.on else None, description, caller)


def create_description(event: FailureEvent, template: Template, sent_at: datetime) -> str:
    """The description a create for `event` sent at `sent_at` carried (B-9.2: what to look for in Summit), as
    `plan_report` renders it for the incident."""
    return incident_description(decide_trigger_text(event.trigger, template), event, sent_at)


def stamped_documentation(job: DailyJob | None, template: Template, now: datetime) -> Documentation | None:
    """The documentation to write with a new incident under submitSingleIncidentPerDay (B-4.6), else None."""
    if job is None or not template.rules.submit_single_incident_per_day:
        return None
    return replace(job.documentation, text=stamp_documentation(job.documentation.text, now.date()))


def _not_found(event: FailureEvent, job: DailyJob | None) -> tuple[str, ...]:
    if job is not None:
        return ()
    return (f"job {event.job} of schedule {event.schedule} ({event.schedule_date}) was not found in OpCon: "
            "default routing, nothing written back",)


def _routed(base: ReportDecision, template: Template, policy: ReportPolicy) -> ReportDecision:
    routing = route_by_tags(base.job.tags if base.job else (), template.rules, template.tags)
    hours = _hours(template, base.now)
    runbook = find_runbook(base.job.documentation.text if base.job else "", template)
    documentation = route_by_documentation(template, hours.in_hours, runbook)
    by_documentation = (Attribute(documentation.attribute, documentation.value),) if documentation.value else ()
    attributes = resolve_attributes(policy.defaults, template, hours.in_hours, routing.attributes,
                                    base.trigger.attributes, by_documentation)
    return replace(
        base, routing=routing.verdicts, working_hours=hours, runbook=runbook, documentation=documentation,
        attributes=expanded(attributes, base.event, base.now, runbook.text),
        daily_window=DailyWindow(template.rules.submit_single_incident_per_day, policy.daily_start_hour),
    )


def _hours(template: Template, now: datetime) -> HoursVerdict:
    in_hours = template.working_hours.contains(now)
    layer, attributes = hours_layer(template, in_hours)
    today, running_over = template.working_hours.windows_at(now)
    yesterday = WEEKDAYS[(now.weekday() - 1) % 7]
    return HoursVerdict(in_hours, layer, tuple(a.name for a in attributes), WEEKDAYS[now.weekday()], today,
                        yesterday if running_over else "", running_over)


def _updating(decided: ReportDecision, existing: ExistingTicket, template: Template,
              held: tuple[tuple[str, str], ...]) -> ReportDecision:
    update = build_update(decided.event, existing.ticket, existing.status_to_send, decided.now, held)
    write_back = WriteBack(True, best_effort=True) if existing.source is TicketSource.KEPT and decided.job else None
    return replace(decided, action=existing.action, reason=existing.reason, update=update,
                   ticket_number=existing.ticket, write_back=write_back, attach_job_log=_attaches(decided, template))


def _creating(
    decided: ReportDecision, template: Template, policy: ReportPolicy, kept: KeptForJob, groups: GroupLookup
) -> ReportDecision:
    window = _daily_window(decided, policy)
    decided = replace(decided, daily_window=window)
    if window.blocked:
        reason = "submitSingleIncidentPerDay: an incident was already created in this daily window"
        return replace(decided, action=Action.SKIPPED_DAILY_WINDOW, reason=reason)
    if not kept.may_create:
        reason = (f"no new incident for {decided.event.job}: an earlier failure of this job may already have "
                  "created one (see `summit-connector outbox`)")
        return replace(decided, action=Action.KEPT, reason=reason)
    group = decide_group(decided.event, template.grouping, groups, template.summit, decided.now)
    decided = replace(decided, group=group)
    if group.joins:
        return _joining(decided, template)
    existing = decided.existing
    previous = existing.ticket if existing else ""
    incident = build_new_incident(decided.event, decided.trigger, template, decided.attributes, decided.now, previous,
                                  decided.runbook or RunbookVerdict(False), decided.job.tags if decided.job else ())
    reason = existing.reason if existing else "the job has no incident ticket: create one"
    write_back = WriteBack(True, stamped_documentation(decided.job, template, decided.now)) if decided.job else None
    return replace(decided, action=Action.CREATED, reason=reason, incident=incident, previous_ticket=previous,
                   write_back=write_back, attach_job_log=_attaches(decided, template))


def _joining(decided: ReportDecision, template: Template) -> ReportDecision:
    """B-13.1: the failure is added to the group's incident as to its own (B-4.5), whose number the job takes."""
    group = decided.group
    line = failure_summary(decided.event, decided.now, again=False)
    update = IncidentUpdate(group.joins, group.status_to_send, line, held=group.held_to_send)
    return replace(decided, action=Action.GROUPED, reason=group.reason, update=update, ticket_number=group.joins,
                   write_back=WriteBack(True) if decided.job else None, attach_job_log=_attaches(decided, template))


def _daily_window(decided: ReportDecision, policy: ReportPolicy) -> DailyWindow:
    window = decided.daily_window
    if not window.on:
        return window
    text = decided.job.documentation.text if decided.job else ""
    last, ends, blocked = window_at(text, decided.now, policy.daily_start_hour)
    return replace(window, applies=True, last_date=last, ends=ends, blocked=blocked)


def _attaches(decided: ReportDecision, template: Template) -> bool:
    return decided.job is not None and template.rules.include_job_log_attachment
