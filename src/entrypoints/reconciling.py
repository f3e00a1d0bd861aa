"""One reconcile pass of one template (B-15.1), for the `reconcile` command and the service's pass: the plan, a
line per job as `report` prints it (each remembered in history as command `reconcile`), then the summary."""

import json
from dataclasses import dataclass, field

from summit_connector.application.delivery import KeptForRetry
from summit_connector.application.errors import ConnectorError
from summit_connector.domain.reconcile import ReconcileCandidate, ReconcilePlan, ReconcileVerdict
from summit_connector.domain.template import ReconcileScope
from summit_connector.entrypoints.exit_codes import ExitCode, exit_code_for
from summit_connector.entrypoints.run import Run, Subject
from summit_connector.entrypoints.views.outcomes import as_json, summary_line
from summit_connector.entrypoints.views.reconcile import summary, would_report


@dataclass
class Tally:
    """What the pass did with the due jobs: the outcomes (as `report --json` prints them), how many were decided
    meanwhile by another run, and the exit code so far."""

    reported: list[dict[str, object]] = field(default_factory=list)
    delivered: int = 0
    decided_meanwhile: int = 0
    kept: int = 0
    code: ExitCode = ExitCode.OK


def reconcile_pass(run: Run, template: str, look_back_hours: int | None, dry_run: bool, as_object: bool
                   ) -> ExitCode:
    from summit_connector.entrypoints.container import template_key

    loaded = run.root.templates().named(template).loaded()
    block = loaded.template.reconcile
    plan = run.root.reconcile().plan(block or ReconcileScope(), look_back_hours)
    if block is None or dry_run:
        return _told_dry_run(run, plan, loaded.path.name if block is None else "")
    tally = Tally()
    for candidate in plan.due:
        _reported(run, candidate, template_key(loaded), plan, tally)
    _told(run, plan, tally, as_object)
    return tally.code


def _reported(run: Run, candidate: ReconcileCandidate, template: str, plan: ReconcilePlan, tally: Tally) -> None:
    subject = Subject(candidate.event)
    try:
        outcome = run.root.reconcile()(candidate, template, plan.since)
    except ConnectorError as failure:
        code = exit_code_for(failure)
        run.remember(subject, code, failure=failure)
        run.invocation.error(failure)
        tally.kept += isinstance(failure, KeptForRetry)
        tally.code = max(tally.code, code)
        tally.reported.append({"action": "kept" if isinstance(failure, KeptForRetry) else "nothing",
                               "ticket_number": getattr(getattr(failure, "kept", None), "ticket_number", ""),
                               "view_url": "", "previous_ticket": "", "reason": str(failure), "warnings": []})
        return
    if outcome is None:
        tally.decided_meanwhile += 1
        return
    run.remember(subject, ExitCode.OK, outcome)
    tally.delivered += 1
    tally.reported.append(as_json(outcome))
    for warning in outcome.warnings:
        run.invocation.warn(warning)
    if not run.invocation.args.json:
        print(summary_line(outcome), file=run.invocation.stdout)


def _told(run: Run, plan: ReconcilePlan, tally: Tally, as_object: bool) -> None:
    decided = plan.count(ReconcileVerdict.DECIDED_BEFORE) + tally.decided_meanwhile
    if as_object:
        print(json.dumps({"reported": tally.reported, **_counts(plan, decided)}), file=run.invocation.stdout)
    else:
        print(summary(plan, tally.delivered, decided, tally.kept), file=run.invocation.stdout)


def _told_dry_run(run: Run, plan: ReconcilePlan, no_block_in: str) -> ExitCode:
    args = run.invocation.args
    if no_block_in:
        run.invocation.warn(f"{no_block_in} has no reconcile block: nothing was sent; add "
                            '"reconcile": {"schedules": ["*"], "jobs": ["*"], "lookBackHours": 24} to act')
    if args.json:
        due = [_named(candidate) for candidate in plan.due]
        decided = plan.count(ReconcileVerdict.DECIDED_BEFORE)
        print(json.dumps({"reported": [], "would_report": due, "dry_run": True, **_counts(plan, decided)}),
              file=run.invocation.stdout)
        return ExitCode.OK
    for candidate in plan.due:
        print(would_report(candidate), file=run.invocation.stdout)
    print(summary(plan, 0, plan.count(ReconcileVerdict.DECIDED_BEFORE), 0, dry_run=True), file=run.invocation.stdout)
    return ExitCode.OK


def _counts(plan: ReconcilePlan, decided: int) -> dict[str, int]:
    return {"failed": len(plan.candidates), "had_ticket": plan.count(ReconcileVerdict.HAD_TICKET),
            "decided_before": decided, "out_of_scope": plan.count(ReconcileVerdict.OUT_OF_SCOPE)}


def _named(candidate: ReconcileCandidate) -> dict[str, str]:
    event = candidate.event
    return {"job": event.job, "schedule": event.schedule, "date": event.schedule_date.isoformat(),
            "agent": event.agent, "termination": event.termination}
