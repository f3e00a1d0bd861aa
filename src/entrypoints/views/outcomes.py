"""How outcomes are told: the one-line summary (B-1.6), its JSON form, and a replayed entry's line."""

from collections.abc import Callable
from typing import TextIO

from summit_connector.application.adopt import Adoption
from summit_connector.application.delivery import Replay
from summit_connector.application.report import ReportOutcome
from summit_connector.domain.decision import SENDING, Action
from summit_connector.entrypoints.command_line import PROGRAM


def summary_line(outcome: ReportOutcome) -> str:
    event = outcome.event
    about = f"{event.job} ({event.schedule}, {event.schedule_date.isoformat()})"
    if outcome.action in SENDING:
        url = f": {outcome.view_url}" if outcome.view_url else ""
        return f"Incident {outcome.ticket_number} {outcome.action.value} for {about}{url}"
    if outcome.action is Action.NOTHING:
        return f"Nothing done for {about}: {outcome.reason}"
    if outcome.action is Action.SILENCED:
        return outcome.reason
    return f"No incident for {about}: {outcome.reason}"


def as_json(outcome: ReportOutcome) -> dict[str, object]:
    return {
        "action": outcome.action.value,
        "ticket_number": outcome.ticket_number,
        "view_url": outcome.view_url,
        "previous_ticket": outcome.previous_ticket,
        "reason": outcome.reason,
        "warnings": list(outcome.warnings),
    }


def describe(replay: Replay) -> str:
    entry = f"outbox entry {replay.kept.id}"
    if replay.outcome is not None:
        return f"{summary_line(replay.outcome)} ({entry})"
    return f"{PROGRAM}: {entry} for {replay.kept.event.job} is still kept: {replay.error}"


def describe_adoption(adoption: Adoption) -> str:
    """B-9.2: the line of `retry --uncertain --adopt`, like a replayed entry's."""
    event, entry = adoption.kept.event, f"outbox entry {adoption.kept.id}"
    if adoption.outcome is not None:
        url = f": {adoption.outcome.view_url}" if adoption.outcome.view_url else ""
        return (f"Incident {adoption.ticket_number} adopted for {event.job} ({event.schedule}, "
                f"{event.schedule_date.isoformat()}){url} ({entry})")
    return (f"{PROGRAM}: {entry} for {event.job} is kept as pending with incident {adoption.ticket_number}: "
            f"{adoption.error}; `{PROGRAM} retry` completes it")


def warner(stream: TextIO) -> Callable[[str], None]:
    return lambda warning: print(f"{PROGRAM}: warning: {warning}", file=stream)
