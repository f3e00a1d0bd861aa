"""The one shell around every command that acts (report, recover, agent-down, agent-up, retry, sync): the log
file, the failure that stops the command, the history event of what it did, and its exit code.

A command gives `acting` the subject its history names (a failure event, an agent, or none) and the work; the
work tells its own lines through the `Run` it is given and returns its exit code.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TextIO

from summit_connector.adapters.event_log import event_log, log_failure, log_outcome
from summit_connector.application.errors import ConnectorError, InvalidInput
from summit_connector.application.report import ReportOutcome
from summit_connector.application.run_history import history_event
from summit_connector.domain.agent_outage import agent_event
from summit_connector.domain.decision import Action
from summit_connector.domain.model import FailureEvent
from summit_connector.entrypoints.exit_codes import ExitCode, exit_code_for
from summit_connector.entrypoints.invocation import Invocation
from summit_connector.entrypoints.views.outcomes import describe, describe_adoption

if TYPE_CHECKING:
    from summit_connector.application.adopt import Adoption
    from summit_connector.application.delivery import Replay
    from summit_connector.application.ports import KeptEvent


RETRY = "retry"
"""The command history names for a kept entry's replay, whichever run replayed it (B-10.3, B-14.3)."""


@dataclass(frozen=True)
class Subject:
    """What one run is about: a failure event (report, recover) or an agent (agent-down, agent-up)."""

    event: FailureEvent | None = None
    agent: str = ""


class Run:
    """What a command's work may do inside the shell: reach the root, remember an outcome or a failure (history
    and log line), and tell on the invocation's streams."""

    def __init__(self, invocation: Invocation, command: str) -> None:
        self.invocation = invocation
        self.root = invocation.root()
        self.command = command

    def remember(self, subject: Subject, code: int, outcome: ReportOutcome | None = None,
                 failure: BaseException | None = None, quiet: bool = False) -> None:
        """One log line (B-8) and one history event (B-10.3). History never costs the run (B-9.3): a store that
        cannot take it is a warning (none when `quiet`)."""
        self.log(subject, code, outcome, failure)
        try:
            now = self.root.clock().now()
            event = _event(self.command, subject, now, code, outcome, failure)
            self.root.observer().remembered(event, failure if isinstance(failure, BaseException) else None)
            self.root.history().append(event)
        except ConnectorError as error:
            if not quiet:
                self.invocation.warn(f"this run is not in history: {error}")

    def log(self, subject: Subject, code: int, outcome: ReportOutcome | None = None,
            failure: BaseException | str | None = None) -> None:
        """The log line names the command that ran (B-8)."""
        about = subject.agent if subject.event is None else ""
        if outcome is not None:
            log_outcome(outcome, code, self.command, about)
        else:
            log_failure(subject.event, str(failure), code, self.command, about)

    def tell_replays(self, replays: "list[Replay]", delivered_to: TextIO) -> None:
        """One log line (B-8), one history event (command `retry`, B-10.3) and one printed line per replayed
        entry; an entry still kept goes to stderr."""
        for replay in replays:
            code = ExitCode.OK if replay.outcome is not None else ExitCode.INCOMPLETE
            self.log(Subject(replay.kept.event), code, replay.outcome, f"outbox entry {replay.kept.id}: {replay.error}")
            self._remember_replay(replay.kept, code, replay.outcome, replay.error)
            print(describe(replay), file=delivered_to if replay.outcome else self.invocation.stderr)

    def _remember_replay(self, kept: "KeptEvent", code: int, outcome: ReportOutcome | None, error: str) -> None:
        try:
            now = self.root.clock().now()
            event = history_event(RETRY, kept.event, now, code, outcome)
            if outcome is None:
                event = replace(event, action=Action.KEPT.value, ticket=kept.ticket_number,
                                reason=f"outbox entry {kept.id}: {error}")
            self.root.observer().remembered(event)
            self.root.history().append(event)
        except ConnectorError as error:
            self.invocation.warn(f"this replay is not in history: {error}")

    def tell_adoption(self, adoption: "Adoption") -> None:
        """One log line, one printed line, then the warnings (B-9.2)."""
        warnings = adoption.warnings + (adoption.outcome.warnings if adoption.outcome is not None else ())
        code = ExitCode.OK if adoption.outcome is not None else ExitCode.INCOMPLETE
        self.log(Subject(adoption.kept.event), code, adoption.outcome,
                 f"outbox entry {adoption.kept.id}: {adoption.error}")
        self._remember_replay(adoption.kept, code, adoption.outcome, adoption.error)
        stream = self.invocation.stdout if adoption.outcome is not None else self.invocation.stderr
        print(describe_adoption(adoption), file=stream)
        for warning in warnings:
            self.invocation.warn(warning)

    def told(self, outcome: ReportOutcome, line: str, as_json: dict | None = None) -> None:
        """The outcome's warnings on stderr, then its line (or its JSON object) on stdout (B-1.6)."""
        import json

        for warning in outcome.warnings:
            self.invocation.warn(warning)
        print(json.dumps(as_json) if as_json is not None else line, file=self.invocation.stdout)


def acting(invocation: Invocation, command: str, subject: Subject | None, work: Callable[[Run], int]) -> ExitCode:
    """Runs `work` with the log file open. A ConnectorError that stops it is remembered for `subject` and told as
    one error line with its exit code; invalid input is remembered and raised, for the CLI to tell (exit 2)."""
    config, started = invocation.root().config(), time.monotonic()
    with event_log(config.log_dir, config.debug, invocation.warn):
        run = Run(invocation, command)
        try:
            return ExitCode(work(run))
        except InvalidInput as error:
            if subject is not None:
                run.remember(subject, ExitCode.INVALID_INPUT, failure=error, quiet=True)
            raise
        except ConnectorError as failure:
            code = exit_code_for(failure)
            if subject is not None:
                run.remember(subject, code, failure=failure)
            invocation.error(failure)
            return code
        finally:
            _warn_moved_aside(invocation)
            invocation.root().observer().finished(command, time.monotonic() - started)


def _warn_moved_aside(invocation: Invocation) -> None:
    """A damaged state store moved aside during the run is told once (B-9.3)."""
    moved = invocation.root().store().take_moved_aside()
    if moved is not None:
        invocation.warn(str(moved))


def _event(command: str, subject: Subject, now, code: int, outcome: ReportOutcome | None,
           failure: BaseException | None):
    if subject.event is not None:
        return history_event(command, subject.event, now, code, outcome, failure)
    event = history_event(command, agent_event(subject.agent, now), now, code, outcome, failure)
    return replace(event, trigger="", reason=f"agent {subject.agent}: {event.reason}")
