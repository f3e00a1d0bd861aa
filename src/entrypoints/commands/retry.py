"""`summit-connector retry [--rejected] [--uncertain [--adopt TICKET [--entry ID]]]`: replays kept failures, oldest
first (B-9); with `--adopt`, the incident Summit did create for an uncertain entry is taken instead (B-9.2)."""

from typing import TextIO

from summit_connector.adapters.event_log import event_log, log_failure, log_outcome
from summit_connector.application.adopt import Adoption
from summit_connector.application.delivery import Replay
from summit_connector.application.ports import KeptState
from summit_connector.entrypoints.arguments import ArgumentError
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.views.outcomes import describe, describe_adoption, warner


def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    from summit_connector.entrypoints.container import delivery_for
    from summit_connector.entrypoints.loading import load_config

    adopting = _adopting(args)
    config = load_config(args.config, environ)
    if adopting:
        return _adopt(args, config, stdout, stderr, environ)
    states = {KeptState.PENDING}
    states |= {KeptState.REJECTED} if args.rejected else set()
    states |= {KeptState.UNCERTAIN} if args.uncertain else set()
    with event_log(config.log_dir, config.debug, warner(stderr)):
        replays = delivery_for(config, environ).replay(states)
        tell_replays(replays, stdout, stderr)
    if not replays:
        print("Nothing to replay.", file=stdout)
    return ExitCode.INCOMPLETE if any(r.outcome is None for r in replays) else ExitCode.OK


def _adopting(args) -> bool:
    """`--adopt` is one uncertain entry's exit, never mixed with replays of other states."""
    adopt, entry = getattr(args, "adopt", None), getattr(args, "entry", None)
    if adopt is None:
        if entry is not None:
            raise ArgumentError("--entry: names the uncertain entry --adopt TICKET is for; give --adopt too")
        return False
    if not args.uncertain:
        raise ArgumentError("--adopt: only an uncertain entry can adopt an incident; give --uncertain too")
    if args.rejected:
        raise ArgumentError("--adopt: adopts for one uncertain entry; run `retry --rejected` on its own")
    return True


def _adopt(args, config, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    from summit_connector.entrypoints.container import adopt_for

    with event_log(config.log_dir, config.debug, warner(stderr)):
        adoption = adopt_for(config, environ)(args.adopt, args.entry)
        tell_adoption(adoption, stdout, stderr)
    return ExitCode.OK if adoption.outcome is not None else ExitCode.INCOMPLETE


def tell_adoption(adoption: Adoption, delivered_to: TextIO, failed_to: TextIO) -> None:
    """One log line (B-8), one printed line, then the warnings."""
    warnings = adoption.warnings
    if adoption.outcome is not None:
        log_outcome(adoption.outcome, ExitCode.OK)
        warnings += adoption.outcome.warnings
    else:
        log_failure(adoption.kept.event, f"outbox entry {adoption.kept.id}: {adoption.error}", ExitCode.INCOMPLETE)
    print(describe_adoption(adoption), file=delivered_to if adoption.outcome else failed_to)
    for warning in warnings:
        warner(failed_to)(warning)


def tell_replays(replays: list[Replay], delivered_to: TextIO, failed_to: TextIO) -> None:
    """One log line (B-8) and one printed line per replayed entry."""
    for replay in replays:
        if replay.outcome is not None:
            log_outcome(replay.outcome, ExitCode.OK)
        else:
            log_failure(replay.kept.event, f"outbox entry {replay.kept.id}: {replay.error}", ExitCode.INCOMPLETE)
        print(describe(replay), file=delivered_to if replay.outcome else failed_to)
