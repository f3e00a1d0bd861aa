"""The command line: the vendor's report flags (B-1.1, B-1.3) and our sub-commands. Standard library only."""

import argparse
from functools import cache
from collections.abc import Callable
from datetime import date, datetime
from summit_connector import __version__
from summit_connector.application.errors import InvalidInput
from summit_connector.entrypoints.command_line import CONFIG_FLAGS, PROGRAM
from summit_connector.domain.model import REPORT_TRIGGERS, FailureEvent, Trigger


VENDOR_USAGE = """Notification Manager (Job Failed → Run Command):
  summit-connector -a [[$MACHINE NAME]] -s [[$SCHEDULE NAME]] -jn [[$JOB NAME]] -e [[$JOB TERMINATION]]
                   -sd [[$SCHEDULE DATE-SSUM]] -si [[$SCHEDULE ID]] -sn [[$SCHEDULE INST]] -t basic.json

  -a/--agent  -s/--schedule  -jn/--job  -e/--termination  -sd/--schedule-date (yyyy-MM-dd, yyyyMMdd, dd-mmm-yyyy)
  -si/--schedule-id  -sn/--schedule-instance  -t/--template  -tr/--trigger  -c/--config  --json
  `summit-connector report --help` describes each flag.

Exit status: 0 incident created or updated (or deliberately none), 1 kept for retry, 2 invalid input, 3 not delivered."""
RECOVERY_ORDER = tuple(trigger for trigger in Trigger if trigger.is_recovery)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


class ArgumentError(InvalidInput):
    """A flag or value on the command line is wrong."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise ArgumentError(message)


@cache
def parser() -> argparse.ArgumentParser:
    """The one parser of a process; a service parses every hand-off with it (argparse keeps no state per parse)."""
    return build_parser()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROGRAM,
        description="Turns failed OpCon jobs into Symphony Summit incidents. "
        "Bare vendor arguments (-a -s -jn -e -sd -si -sn -t) mean `report`.",
        epilog=VENDOR_USAGE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"{PROGRAM} {__version__}")
    _add_config_flag(parser, default=None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    report = commands.add_parser("report", help="report one failed job (the Notification Manager command)")
    _add_report_flags(report)
    report.add_argument("--json", action="store_true", help="print one JSON object instead of a line")
    _add_recover(commands)
    _add_explain(commands)
    check = commands.add_parser("check", help="validate Connector.config and the templates")
    _add_config_flag(check)
    check.add_argument("-t", "--template", help="check only this template (default: every template)")
    check.add_argument("--online", action="store_true", help="also probe the OpCon and Summit APIs")
    check.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    encrypt = commands.add_parser("encrypt", help="encrypt a secret for Connector.config or a template")
    _add_config_flag(encrypt)
    encrypt.add_argument("-v", "--value", required=True, help="the secret to encrypt")
    retry = commands.add_parser("retry", help="deliver the failures kept in the outbox, oldest first")
    _add_config_flag(retry)
    retry.add_argument("--rejected", action="store_true", help="also those Summit refused (after fixing the template)")
    retry.add_argument("--uncertain", action="store_true",
                       help="also those Summit may have created (after checking Summit has no incident for them)")
    retry.add_argument("--adopt", metavar="TICKET",
                       help="with --uncertain: Summit did create the incident, numbered TICKET; write it back to "
                            "OpCon and attach the job log instead of creating (see `outbox`)")
    retry.add_argument("--entry", metavar="ID", type=lambda text: parse_int("--entry", text),
                       help="the uncertain outbox entry --adopt is for (needed when more than one is kept)")
    outbox = commands.add_parser("outbox", help="list the failures kept for a later delivery")
    _add_config_flag(outbox)
    _add_history(commands)
    _add_silence(commands)
    _add_sync(commands)
    _add_reconcile(commands)
    _add_service(commands)
    _add_agents(commands)
    _add_init(commands)
    demo = commands.add_parser("demo", help="report a sample failure to an embedded emulator and show the result")
    _add_config_flag(demo)
    demo.add_argument("--lifecycle", action="store_true",
                      help="go on with the incident's whole life: sync, the job finishing OK, recover")
    demo.add_argument("--reconcile", action="store_true",
                      help="then a job whose trigger never ran, found in OpCon's Daily by reconcile")
    demo.add_argument("--service", action="store_true",
                      help="then the same burst of failures reported inline and handed to a running service")
    sandbox = commands.add_parser("sandbox", help="run a local OpCon + Summit emulator with sample jobs")
    _add_config_flag(sandbox)
    sandbox.add_argument("--port", type=int, default=0, help="OpCon port (Summit gets the next one; default: any)")
    sandbox.add_argument("--dir", default="sandbox", help="where to write its Connector.config (default ./sandbox)")
    sandbox.add_argument("--seconds", type=float, default=0, help="stop after this many seconds (default: never)")
    return parser


def _add_recover(commands: argparse._SubParsersAction) -> None:
    recover = commands.add_parser("recover", help="a job completed: annotate or resolve its incident "
                                                  "(a Notification Manager recovery trigger)")
    _add_report_flags(recover, RECOVERY_ORDER, Trigger.FINISHED_OK)
    recover.add_argument("--json", action="store_true", help="print one JSON object instead of a line")


def _add_explain(commands: argparse._SubParsersAction) -> None:
    explain = commands.add_parser("explain", help="dry run: print every decision and the Summit request body")
    _add_report_flags(explain, tuple(Trigger))
    explain.add_argument("--tags", help="job tags, comma-separated (instead of or over what OpCon holds)")
    explain.add_argument("--ticket", help="the job's existing incident ticket number")
    explain.add_argument("--ticket-status", help="that ticket's Summit status (explain never asks Summit)")
    explain.add_argument("--documentation", help="the job documentation text")
    explain.add_argument("--now", help="the moment to decide at, ISO-8601 local date-time")
    explain.add_argument("--offline", action="store_true", help="do not read the job from OpCon")
    explain.add_argument("--json", action="store_true", help="print the decision record as one JSON object")


def _add_silence(commands: argparse._SubParsersAction) -> None:
    silence = commands.add_parser("silence", help="send nothing for matching failures for a while (add, list, expire)")
    _add_config_flag(silence)
    actions = silence.add_subparsers(dest="silence_command", metavar="ACTION", parser_class=_Parser, required=True)
    add = actions.add_parser("add", help="silence the failures every given pattern matches; prints its id")
    _add_config_flag(add)
    for flag, what in (("--job", "job name"), ("--schedule", "schedule name"), ("--agent", "agent (machine) name"),
                       ("--tag", "one whole job tag")):
        add.add_argument(flag, nargs="+", metavar="PATTERN", help=f"{what}: exact, or a case-sensitive * glob")
    until = add.add_mutually_exclusive_group(required=True)
    until.add_argument("--for", dest="duration", metavar="DURATION", help="from now: 90m, 2h, 7d, 2w")
    until.add_argument("--until", metavar="WHEN", help="an ISO-8601 local date-time (2024-09-21T06:00)")
    add.add_argument("--comment", nargs="+", required=True, metavar="TEXT", help="why; every silenced run says it")
    add.add_argument("--author", nargs="+", metavar="NAME", help="who (default: the user running the command)")
    listing = actions.add_parser("list", help="list the active silences")
    _add_config_flag(listing)
    listing.add_argument("--all", action="store_true", help="expired ones too")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    expire = actions.add_parser("expire", help="end a silence now")
    _add_config_flag(expire)
    expire.add_argument("id", metavar="ID", help="the silence's id (from `silence list`)")


def _add_agents(commands: argparse._SubParsersAction) -> None:
    """Notification Manager's machine triggers for an agent whose connection is lost and re-established (B-13.4)."""
    helps = {"agent-down": "an agent is unreachable: one incident for it takes its jobs' failures",
             "agent-up": "the agent is back: annotate (or resolve) its incident; its jobs report their own again"}
    for name, text in helps.items():
        agent = commands.add_parser(name, help=text)
        _add_config_flag(agent)
        agent.add_argument("-a", "--agent", nargs="+", required=True, metavar="VALUE", help="agent ($MACHINE NAME)")
        agent.add_argument("-t", "--template", nargs="+", required=True, metavar="VALUE",
                           help="template name in TEMPLATESDIR (.json optional) or a path")
        agent.add_argument("--json", action="store_true", help="print one JSON object instead of a line")


def _add_init(commands: argparse._SubParsersAction) -> None:
    init = commands.add_parser("init", help="lay out an install folder: Connector.config, templates, log folders; "
                                             "never overwrites")
    init.add_argument("dir", nargs="?", default=".", metavar="DIR",
                      help="the install folder (default: the current one; created when missing)")
    init.add_argument("--from", dest="vendor", metavar="VENDOR_DIR",
                      help="copy the vendor connector's Connector.config and templates from this folder, then check")


def _add_history(commands: argparse._SubParsersAction) -> None:
    history = commands.add_parser("history", help="list what the runs did, newest first")
    _add_config_flag(history)
    history.add_argument("--job", nargs="+", metavar="NAME", help="only this job (the exact name)")
    history.add_argument("--schedule", nargs="+", metavar="NAME", help="only this schedule (the exact name)")
    history.add_argument("--since", metavar="WHEN", help="a duration back from now (2h, 7d) or a date (2024-09-21)")
    history.add_argument("--limit", type=_positive, default=50, metavar="N", help="at most N events (default 50)")
    history.add_argument("--json", action="store_true", help="print a JSON array")


def _positive(text: str) -> int:
    number = parse_int("--limit", text)
    if number < 1:
        raise ArgumentError(f"--limit: must be 1 or more, got {text!r}")
    return number


def _add_sync(commands: argparse._SubParsersAction) -> None:
    sync = commands.add_parser("sync", help="mark each journaled job in OpCon by its incident's Summit status")
    _add_config_flag(sync)
    sync.add_argument("--once", action="store_true", help="one pass, then exit (for an OpCon job every 5 minutes)")
    sync.add_argument("--interval", type=_interval, default=300.0, metavar="SECONDS",
                      help="pause between passes without --once (default 300)")


def _add_reconcile(commands: argparse._SubParsersAction) -> None:
    reconcile = commands.add_parser("reconcile", help="report the failed jobs in OpCon's Daily that have no incident")
    _add_config_flag(reconcile)
    reconcile.add_argument("-t", "--template", nargs="+", required=True, metavar="NAME",
                           help="the template whose reconcile block scopes the jobs (and reports them)")
    reconcile.add_argument("--since", metavar="HOURS",
                           help="how far back to look, e.g. 24h or 2d (default: the block's lookBackHours)")
    reconcile.add_argument("--dry-run", action="store_true", help="list what it would report; send nothing")
    reconcile.add_argument("--json", action="store_true", help="print one JSON object")


def _add_service(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser("serve", help="run the resident service the report command hands its runs to")
    _add_config_flag(serve)
    serve.add_argument("--stop", action="store_true", help="ask the running service to stop, and wait until it has")
    status = commands.add_parser("status", help="whether a service runs, and what waits in the outbox")
    _add_config_flag(status)
    status.add_argument("--json", action="store_true", help="print one JSON object")


def _interval(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < 10**7:
        raise ArgumentError(f"--interval: must be a number of seconds above 0, got {text!r}")
    return seconds


def _add_config_flag(parser: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    parser.add_argument(
        *CONFIG_FLAGS, dest="config", metavar="PATH", default=default,
        help="Connector.config to use (default: $SUMMIT_CONNECTOR_CONFIG, else ./Connector.config)",
    )


def _add_report_flags(parser: argparse.ArgumentParser, triggers: tuple[Trigger, ...] = REPORT_TRIGGERS,
                      default: Trigger = Trigger.FAILED) -> None:
    """Multi-word values are joined with spaces, so an unquoted `-s My Schedule` still works. `triggers` are the
    Notification Manager triggers the command takes (B-11)."""
    _add_config_flag(parser)
    flags = (
        ("-a", "--agent", "agent ($MACHINE NAME); may be N/A", False),
        ("-s", "--schedule", "schedule name ($SCHEDULE NAME)", True),
        ("-jn", "--job", "job name ($JOB NAME)", True),
        ("-e", "--termination", "termination code ($JOB TERMINATION)", False),
        ("-sd", "--schedule-date", "schedule date: yyyy-MM-dd, yyyyMMdd or dd-mmm-yyyy", True),
        ("-si", "--schedule-id", "schedule id ($SCHEDULE ID), an integer", True),
        ("-sn", "--schedule-instance", "schedule instance ($SCHEDULE INST), an integer", True),
        ("-t", "--template", "template name in TEMPLATESDIR (.json optional) or a path", True),
    )
    for short, long, text, required in flags:
        parser.add_argument(short, long, nargs="+", required=required, help=text, metavar="VALUE")
    parser.add_argument("-tr", "--trigger", type=_trigger_of(triggers), default=default, metavar="TRIGGER",
                        help=f"the Notification Manager trigger: {', '.join(triggers)} (default {default})")


def _trigger_of(triggers: tuple[Trigger, ...]) -> Callable[[str], Trigger]:
    def trigger(text: str) -> Trigger:
        name = text.strip().lower()
        if name in triggers:
            return Trigger(name)
        recovery = " (a recovery is `summit-connector recover`)" if name in RECOVERY_ORDER else ""
        raise ArgumentError(f"-tr/--trigger: must be one of {', '.join(triggers)}{recovery}, got {text!r}")

    return trigger


def joined(value: list[str] | None, default: str = "") -> str:
    return " ".join(value) if value else default


def parse_schedule_date(text: str) -> date:
    """`2024-09-21` ($SCHEDULE DATE-SSUM), `20240921`, or OpCon's default `21-Sep-2024` (B-1.3)."""
    cleaned = text.strip()
    for pattern in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            pass
    parts = cleaned.split("-")
    if len(parts) == 3 and parts[1][:3].lower() in _MONTHS and parts[0].isdigit() and parts[2].isdigit():
        try:
            return date(int(parts[2]), _MONTHS.index(parts[1][:3].lower()) + 1, int(parts[0]))
        except ValueError:
            pass
    raise ArgumentError(f"-sd/--schedule-date: expected yyyy-MM-dd, yyyyMMdd or dd-mmm-yyyy, got {text!r}")


def parse_int(flag: str, text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ArgumentError(f"{flag}: must be an integer, got {text!r}") from None


def failure_event(args: argparse.Namespace) -> FailureEvent:
    return FailureEvent(
        agent=joined(args.agent, "N/A"),
        schedule=joined(args.schedule),
        job=joined(args.job),
        termination=joined(args.termination),
        schedule_date=parse_schedule_date(joined(args.schedule_date)),
        schedule_id=parse_int("-si/--schedule-id", joined(args.schedule_id)),
        schedule_instance=parse_int("-sn/--schedule-instance", joined(args.schedule_instance)),
        trigger=args.trigger,
    )
