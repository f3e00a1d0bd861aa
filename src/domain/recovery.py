"""What a recovery does to the job's incident (B-11.2): nothing, annotate it, or resolve it; and why."""

from dataclasses import dataclass, replace
from datetime import datetime

from summit_connector.domain.decision import Action, TicketSource, TicketState
from summit_connector.domain.incident import IncidentUpdate, held_to_resend
from summit_connector.domain.model import DailyJob, FailureEvent
from summit_connector.domain.placeholders import expand, placeholder_values
from summit_connector.domain.report_inputs import RecoveryInputs
from summit_connector.domain.template import Recovery, RecoveryAction, Template
from summit_connector.domain.tickets import classify_status, current_ticket


@dataclass(frozen=True)
class RecoveryDecision:
    """`steps` are the updates to send, in order: the first carries the information line; a resolve passes
    through the `via` statuses not yet passed, and the step that sets resolvedStatus carries the closure
    attributes and the Solution. `opened_here`: the journal shows this connector opened the ticket for this job."""

    event: FailureEvent
    now: datetime
    job: DailyJob | None
    action: Action
    reason: str
    configured: RecoveryAction
    ticket: str = ""
    source: TicketSource = TicketSource.OPCON
    status: str | None = None
    state: TicketState = TicketState.UNKNOWN
    opened_here: bool = False
    steps: tuple[IncidentUpdate, ...] = ()

    @property
    def sends(self) -> bool:
        return bool(self.steps)


def plan_recovery(inputs: RecoveryInputs, template: Template) -> RecoveryDecision:
    """`inputs.ticket_read` is Summit's status of the job's ticket with the fields every step re-sends (B-4.5; None
    when unknown); `inputs.opened_tickets` are the tickets the journal shows this connector opened for this job.
    Only those are resolved."""
    recovery, event, job, now = template.recovery, inputs.event, inputs.job, inputs.now
    ticket, source = current_ticket(job, inputs.kept)
    base = RecoveryDecision(event, now, job, Action.NOTHING, "", recovery.action, ticket, source)
    if not ticket:
        return replace(base, reason=_no_ticket(job))
    ticket_status = inputs.ticket_read.status if inputs.ticket_read else None
    state = classify_status(ticket_status, template.summit)
    base = replace(base, status=ticket_status, state=state, opened_here=ticket in inputs.opened_tickets)
    held = held_to_resend(inputs.ticket_read)
    if state in (TicketState.RESOLVED, TicketState.CLOSED) or _is(ticket_status, recovery.resolved_status):
        return replace(base, reason=f"ticket {ticket} is {ticket_status}: nothing to do")
    if recovery.action is RecoveryAction.NONE:
        return replace(base, reason="recovery.action is none: the ticket is left as it is")
    information = recovery_information(event, template, now)
    if inputs.still_failed:
        information = f"{information} {_still_failed(inputs.still_failed)}"
    annotated = replace(base, action=Action.ANNOTATED,
                        steps=(IncidentUpdate(ticket, ticket_status or "", information, held=held),))
    if inputs.still_failed:
        return replace(annotated, reason=f"ticket {ticket} also holds {_still_failed(inputs.still_failed, short=True)}"
                                         f": annotate only; the last job's recovery applies {recovery.action.value}")
    if recovery.action is RecoveryAction.ANNOTATE:
        return replace(annotated, reason=f"ticket {ticket} is {ticket_status or 'of unknown status'}: annotate it")
    if state is TicketState.UNKNOWN:
        return replace(annotated, reason=f"the status of ticket {ticket} could not be read: annotate only")
    if not base.opened_here:
        return replace(annotated, reason=f"the journal does not show this connector opened ticket {ticket} for "
                                         f"{event.job}: annotate only")
    steps = _resolving(ticket, ticket_status, recovery, information, placeholder_values(event, now), held)
    return replace(base, action=Action.RESOLVED, steps=steps,
                   reason=f"ticket {ticket} is {ticket_status} and this connector opened it: resolve it")


def recovery_information(event: FailureEvent, template: Template, now: datetime) -> str:
    """The template's `recovery.information`, else a line saying when and how the job completed."""
    if template.recovery.information:
        return expand(template.recovery.information, placeholder_values(event, now))
    termination = f", termination {event.termination}" if event.termination else ""
    return (f"OpCon job {event.job} completed: {event.trigger.display_name} at "
            f"{now.isoformat(sep=' ', timespec='seconds')} (schedule {event.schedule}, "
            f"{event.schedule_date.isoformat()}, id {event.schedule_id}, instance {event.schedule_instance}, "
            f"agent {event.agent}{termination}).")


def _still_failed(jobs: tuple[str, ...], short: bool = False) -> str:
    """B-13.1: how many other jobs of the incident are still failed, named."""
    named = ", ".join(jobs)
    if short:
        return f"{len(jobs)} job(s) still failed ({named})"
    return f"{len(jobs)} other job(s) of this incident still failed: {named}."


def _no_ticket(job: DailyJob | None) -> str:
    if job is None:
        return "the job was not found in OpCon, so it has no incident ticket: nothing to do"
    return "the job has no incident ticket: nothing to do"


def _resolving(ticket: str, status: str, recovery: Recovery, information: str, values: dict[str, str],
               held: tuple[tuple[str, str], ...]) -> tuple[IncidentUpdate, ...]:
    """Each `via` status not yet passed, then resolvedStatus with the closure attributes and the Solution
    (the information line when no solution is given); every step re-sends what the ticket holds (B-4.5)."""
    attributes = tuple((a.name, expand(a.value, values)) for a in recovery.attributes)
    solution = expand(recovery.solution, values) if recovery.solution else information
    passing = tuple(IncidentUpdate(ticket, step, "", held=held) for step in _not_passed(recovery.via, status))
    resolving = IncidentUpdate(ticket, recovery.resolved_status, "", attributes, solution, held)
    steps = (*passing, resolving)
    return (replace(steps[0], information=information), *steps[1:])


def _not_passed(via: tuple[str, ...], status: str) -> tuple[str, ...]:
    """`via` is a path: the statuses up to the ticket's current one are passed."""
    position = next((index for index, step in enumerate(via) if _is(status, step)), -1)
    return via[position + 1:]


def _is(status: str | None, other: str) -> bool:
    return status is not None and status.strip().casefold() == other.strip().casefold()
