"""`summit-connector history`: what the runs did, newest first (B-10.3).

Reading history adds no event. `--since` is a duration back from the clock (`90m`, `2h`, `7d`, `2w`) or a local
date or date-time (`2024-09-21`, `2024-09-21T03:00`).
"""

import json

from summit_connector.entrypoints.arguments import joined
from summit_connector.entrypoints.durations import parse_since
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.invocation import Invocation


def run(invocation: Invocation) -> ExitCode:
    from summit_connector.entrypoints.views.history import as_json, show

    args, root = invocation.args, invocation.root()
    since = parse_since(args.since, root.clock().now()) if args.since else None
    events = root.history().query(joined(args.job) or None, joined(args.schedule) or None, since, args.limit)
    if args.json:
        print(json.dumps(as_json(events)), file=invocation.stdout)
    else:
        show(invocation.stdout, events)
    return ExitCode.OK
