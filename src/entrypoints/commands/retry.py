"""`summit-connector retry [--rejected] [--uncertain]`: replays kept failures, oldest first (B-9)."""

from typing import TextIO

from summit_connector.adapters.event_log import event_log, log_failure, log_outcome
from summit_connector.application.delivery import Replay
from summit_connector.application.ports import KeptState
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.views.outcomes import describe, warner


def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    from summit_connector.entrypoints.container import delivery_for
    from summit_connector.entrypoints.loading import load_config

    config = load_config(args.config, environ)
    states = {KeptState.PENDING}
    states |= {KeptState.REJECTED} if args.rejected else set()
    states |= {KeptState.UNCERTAIN} if args.uncertain else set()
    with event_log(config.log_dir, config.debug, warner(stderr)):
        replays = delivery_for(config, environ).replay(states)
        tell_replays(replays, stdout, stderr)
    if not replays:
        print("Nothing to replay.", file=stdout)
    return ExitCode.INCOMPLETE if any(r.outcome is None for r in replays) else ExitCode.OK


def tell_replays(replays: list[Replay], delivered_to: TextIO, failed_to: TextIO) -> None:
    """One log line (B-8) and one printed line per replayed entry."""
    for replay in replays:
        if replay.outcome is not None:
            log_outcome(replay.outcome, ExitCode.OK)
        else:
            log_failure(replay.kept.event, f"outbox entry {replay.kept.id}: {replay.error}", ExitCode.INCOMPLETE)
        print(describe(replay), file=delivered_to if replay.outcome else failed_to)
