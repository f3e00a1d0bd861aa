"""`summit-connector retry [--rejected] [--uncertain]`: replays kept failures, oldest first (B-9)."""

from typing import TextIO

from summit_connector.adapters.event_log import event_log
from summit_connector.application.ports import KeptState
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.views.outcomes import tell_replays, warner


def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    from summit_connector.entrypoints.loading import load_config
    from summit_connector.entrypoints.wiring import delivery_for

    config = load_config(args.config, environ)
    states = {KeptState.PENDING}
    states |= {KeptState.REJECTED} if args.rejected else set()
    states |= {KeptState.UNCERTAIN} if args.uncertain else set()
    with event_log(config.log_dir, config.debug, warner(stderr)):
        replays = delivery_for(config, environ).replay(states)
        tell_replays(replays, stdout, stderr)
    if not replays:
        print("Nothing to replay.", file=stdout)
    return ExitCode.KEPT_FOR_RETRY if any(r.outcome is None for r in replays) else ExitCode.OK
