"""How outcomes are told: the one-line summary (B-1.6), its JSON form, replays, and their log lines."""

from collections.abc import Callable
from typing import TextIO

from summit_connector.adapters.event_log import log_failure, log_outcome
from summit_connector.application.delivery import Replay
from summit_connector.application.report import Action, ReportOutcome
from summit_connector.entrypoints.arguments import PROGRAM
from summit_connector.entrypoints.exit_codes import ExitCode

_VERBS = {Action.CREATED: "created", Action.UPDATED: "updated", Action.REOPENED: "reopened"}


def summary_line(outcome: ReportOutcome) -> str:
    event = outcome.event
    about = f"{event.job} ({event.schedule}, {event.schedule_date.isoformat()})"
    if outcome.action in _VERBS:
        url = f": {outcome.view_url}" if outcome.view_url else ""
        return f"Incident {outcome.ticket_number} {_VERBS[outcome.action]} for {about}{url}"
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


def log_replay(replay: Replay) -> None:
    """The log line of a replayed entry, as for a report (B-8)."""
    if replay.outcome is not None:
        log_outcome(replay.outcome, ExitCode.OK)
    else:
        log_failure(replay.kept.event, f"outbox entry {replay.kept.id}: {replay.error}", ExitCode.KEPT_FOR_RETRY)


def describe(replay: Replay) -> str:
    entry = f"outbox entry {replay.kept.id}"
    if replay.outcome is not None:
        return f"{summary_line(replay.outcome)} ({entry})"
    return f"{PROGRAM}: {entry} for {replay.kept.event.job} is still kept: {replay.error}"


def tell_replays(replays: list[Replay], delivered_to: TextIO, failed_to: TextIO) -> None:
    """One log line and one printed line per replayed entry."""
    for replay in replays:
        log_replay(replay)
        print(describe(replay), file=delivered_to if replay.outcome else failed_to)


def warner(stream: TextIO) -> Callable[[str], None]:
    return lambda warning: print(f"{PROGRAM}: warning: {warning}", file=stream)
