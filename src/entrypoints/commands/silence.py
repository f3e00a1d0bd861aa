"""`summit-connector silence add | list | expire` (B-13.2): send nothing for matching failures until a time.

`add` prints the new id alone on one line, so a script can keep it. Times are the clock's (B-1.5); `--until` is
local time (an offset is converted to the configured zone). Reading silences adds no history event.
"""

import json
from collections.abc import Mapping
from datetime import datetime
from typing import TextIO

from summit_connector.application.ports import Silences
from summit_connector.entrypoints.arguments import ArgumentError, joined, parse_int
from summit_connector.entrypoints.durations import parse_duration
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.invocation import Invocation

MATCHERS = ("job", "schedule", "agent", "tag")


def run(invocation: Invocation) -> ExitCode:
    args, stdout, environ, root = invocation.args, invocation.stdout, invocation.environ, invocation.root()
    config = root.config()
    silences, now = root.silences(), root.clock().now()
    if args.silence_command == "add":
        print(_add(args, silences, now, config.timezone, environ), file=stdout)
    elif args.silence_command == "expire":
        print(_expire(args, silences, now), file=stdout)
    else:
        _list(args, silences, now, stdout)
    return ExitCode.OK


def _add(args, silences: Silences, now: datetime, timezone: str | None, environ: Mapping[str, str]) -> int:
    matchers = {name: _given(f"--{name}", getattr(args, name)) for name in MATCHERS}
    if not any(matchers.values()):
        raise ArgumentError("silence add: give at least one of --job, --schedule, --agent, --tag")
    comment = _given("--comment", args.comment)
    author = joined(args.author).strip() or environ.get("USER") or environ.get("USERNAME", "")
    return silences.add(**matchers, starts=now, ends=_ends(args, now, timezone), comment=comment, author=author).id


def _given(flag: str, value: list[str] | None) -> str:
    text = joined(value).strip()
    if value is not None and not text:
        raise ArgumentError(f"{flag}: must not be empty, got {joined(value)!r}")
    return text


def _ends(args, now: datetime, timezone: str | None) -> datetime:
    if args.duration is not None:
        duration = parse_duration(args.duration)
        if not duration:
            raise ArgumentError(f"--for: expected a duration such as 90m, 2h, 7d or 2w, got {args.duration!r}")
        return now + duration
    ends = _local_time(args.until, timezone)
    if ends <= now:
        raise ArgumentError(f"--until: must be later than now ({now.isoformat(timespec='minutes')}), "
                            f"got {args.until!r}")
    return ends


def _local_time(text: str, timezone: str | None) -> datetime:
    from summit_connector.adapters.clock import FixedClock

    try:
        return FixedClock(datetime.fromisoformat(text.strip()), timezone).now()
    except ValueError:
        raise ArgumentError(f"--until: expected an ISO-8601 local date-time such as 2024-09-21T06:00, "
                            f"got {text!r}") from None


def _expire(args, silences: Silences, now: datetime) -> str:
    silence_id = parse_int("silence expire ID", args.id)
    expired = silences.expire(silence_id, now)
    if expired is None:
        raise ArgumentError(f"silence expire: there is no silence #{silence_id} (see `silence list --all`)")
    return f"Silence #{expired.id} ended at {expired.ends.isoformat(timespec='seconds')}"


def _list(args, silences: Silences, now: datetime, stdout: TextIO) -> None:
    from summit_connector.entrypoints.views.silence import as_json, show

    listed = [(silence, silence.active(now)) for silence in silences.listed(args.all, now)]
    if args.json:
        print(json.dumps(as_json(listed)), file=stdout)
    else:
        show(stdout, listed, args.all)
