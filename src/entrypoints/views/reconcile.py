"""How `reconcile` tells what it did (B-15.1): the summary line, and what a dry run would report."""

from summit_connector.domain.reconcile import ReconcileCandidate, ReconcilePlan, ReconcileVerdict


def summary(plan: ReconcilePlan, delivered: int, decided: int, kept: int, dry_run: bool = False) -> str:
    counts = (f"({plan.count(ReconcileVerdict.HAD_TICKET)} already had a ticket, {decided} decided before, "
              f"{plan.count(ReconcileVerdict.OUT_OF_SCOPE)} out of scope)")
    if dry_run:
        return f"would reconcile {len(plan.due)} of {len(plan.candidates)} failed jobs {counts}"
    said = f"reconciled {delivered} of {len(plan.candidates)} failed jobs {counts}"
    return f"{said}; {kept} kept for retry" if kept else said


def would_report(candidate: ReconcileCandidate) -> str:
    event = candidate.event
    return (f"would report {event.job} ({event.schedule}, {event.schedule_date.isoformat()}) on {event.agent}: "
            f"{event.termination or 'no termination given'}")
