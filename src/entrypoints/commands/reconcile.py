"""`summit-connector reconcile -t T [--since 24h] [--dry-run] [--json]` (B-15.1): every failed job in OpCon's Daily
that the template's `reconcile` block scopes gets its incident, even when its Notification Manager trigger never
ran. Without a block it only tells what it would do."""

from summit_connector.entrypoints.arguments import ArgumentError, joined
from summit_connector.entrypoints.durations import parse_duration
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.invocation import Invocation
from summit_connector.entrypoints.reconciling import reconcile_pass
from summit_connector.entrypoints.run import acting

SECONDS_PER_HOUR = 3600


def run(invocation: Invocation) -> ExitCode:
    args = invocation.args
    hours = _hours(args.since) if args.since else None
    return acting(invocation, "reconcile", None,
                  lambda run: reconcile_pass(run, joined(args.template), hours, args.dry_run, args.json))


def _hours(text: str) -> int:
    duration = parse_duration(text)
    if duration is None or duration.total_seconds() < SECONDS_PER_HOUR:
        raise ArgumentError(f"--since: expected a look-back of an hour or more, such as 24h or 2d, got {text!r}")
    return -(-int(duration.total_seconds()) // SECONDS_PER_HOUR)
