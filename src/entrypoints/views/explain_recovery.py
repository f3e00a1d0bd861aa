"""What `explain` prints for a recovery trigger (B-11.2): the decision record `recover` would act on, step by step,
then the Summit requests it would send. It prints the record and computes nothing."""

import json
from typing import TextIO

from summit_connector.domain.decision import Action, TicketSource, TicketState
from summit_connector.domain.recovery import RecoveryDecision
from summit_connector.entrypoints.explanation import Lookup, RecoveryExplanation
from summit_connector.entrypoints.views.explain import Printer


def show_recovery(stream: TextIO, ex: RecoveryExplanation) -> None:
    out = Printer(stream)
    event = ex.decision.event
    out.title(f"explain: {event.trigger.display_name} for {event.job} of {event.schedule} "
              f"({event.schedule_date.isoformat()}), a dry run: nothing is sent to Summit and nothing is written")
    for number, (title, render) in enumerate(_STEPS, start=1):
        out.step(number, title)
        render(out, ex)


def _inputs(out: Printer, ex: RecoveryExplanation) -> None:
    decision = ex.decision
    event = decision.event
    out.line(f"event: {event.trigger} ({event.trigger.display_name}), job {event.job}, schedule {event.schedule} "
             f"({event.schedule_date.isoformat()}, id {event.schedule_id}, instance {event.schedule_instance}), "
             f"agent {event.agent}, termination {event.termination}")
    out.line(f"template: {ex.template_path}")
    out.line(f"now: {decision.now:%A} {decision.now.isoformat(sep=' ', timespec='minutes')} (from {ex.now_source})")
    out.line(f"job: {ex.lookup.value}" + (f": daily job {decision.job.id}" if decision.job else ""))
    for flag in ex.ignored:
        out.line(f"{flag} ignored: OpCon has no such job (add --offline to explain with it)", style="yellow")
    for warning in ex.warnings:
        out.line(f"warning: {warning}", style="yellow")


def _ticket(out: Printer, ex: RecoveryExplanation) -> None:
    decision = ex.decision
    if not decision.ticket:
        out.line("the job has no incident ticket")
        return
    source = "kept, OpCon has not taken it yet" if decision.source is TicketSource.KEPT else ex.sources["ticket"]
    out.line(f"ticket {decision.ticket} ({source})")
    if decision.state is TicketState.UNKNOWN:
        out.line("status unknown: explain never asks Summit (give --ticket-status); recover reads it, and a status "
                 "it cannot read means annotate only")
    else:
        out.line(f"status {decision.status} (from --ticket-status): {decision.state}")
    opened = "shows" if decision.opened_here else "does not show"
    out.line(f"the journal {opened} this connector opened ticket {decision.ticket} for this job "
             "(only such a ticket is resolved)")


def _decision(out: Printer, ex: RecoveryExplanation) -> None:
    decision = ex.decision
    out.line(f"template recovery.action: {decision.configured}")
    out.line(f"decision: {decision.action}: {decision.reason}", style="bold")
    for number, step in enumerate(decision.steps, start=1):
        status = f"status {step.status}" if step.status else "status left as it is"
        extras = [f"attributes {', '.join(f'{name} = {value}' for name, value in step.attributes)}"] \
            if step.attributes else []
        extras += [f"Solution {step.solution!r}"] if step.solution else []
        extras += [f"information {step.information!r}"] if step.information else []
        out.line(f"update {number}: {status}" + "".join(f"; {extra}" for extra in extras))


def _requests(out: Printer, ex: RecoveryExplanation) -> None:
    out.line(_decision_line(ex.decision), style="bold")
    for request in ex.requests:
        out.line(f"Summit request: {request.method} {request.url}")
        for json_line in json.dumps(request.body, indent=2, ensure_ascii=False).splitlines():
            out.line(json_line)
    assumed = " (offline: the job as given)" if ex.lookup is Lookup.OFFLINE else ""
    out.line(f"OpCon: nothing written{assumed}; dry run: nothing was sent to Summit and no file was written")


def _decision_line(decision: RecoveryDecision) -> str:
    if decision.action is Action.RESOLVED:
        return f"RESOLVE incident {decision.ticket} in {len(decision.steps)} update(s) ({decision.reason})"
    if decision.action is Action.ANNOTATED:
        return f"ANNOTATE incident {decision.ticket} ({decision.reason})"
    return f"NOTHING TO DO (exit 0): {decision.reason}"


_STEPS = (
    ("Inputs", _inputs),
    ("The job's ticket (B-11.2)", _ticket),
    ("Recovery (B-11.2): nothing, annotate or resolve", _decision),
    ("Outcome: what recover would do", _requests),
)
