"""What `explain` prints, with rich: the B-4 decisions as numbered steps, then what `report` would send (B-7).

Every value is printed as `Text`, never as markup, so `[DEFAULTS]` or `Parent_Job[Sub]` print as they are;
off a terminal the output is plain text.
"""

from datetime import datetime
from typing import TextIO

from rich.console import Console
from rich.text import Text

from summit_connector.domain.attributes import hours_layer
from summit_connector.domain.daily_window import last_incident_date, window_end
from summit_connector.domain.placeholders import expand, placeholder_values
from summit_connector.domain.plan import PlannedAction
from summit_connector.domain.template import TagIndicator
from summit_connector.domain.working_hours import WEEKDAYS, DayWindow
from summit_connector.entrypoints.commands.explain import Explanation, Lookup
from summit_connector.entrypoints.views.explain_outcome import outcome_lines, request_json
from summit_connector.entrypoints.explain_routing import WON, routing_verdicts

_INDENT = "   "
_UPDATING = (PlannedAction.UPDATE, PlannedAction.REOPEN)


class Printer:
    def __init__(self, stream: TextIO) -> None:
        self.console = Console(file=stream, highlight=False)

    def title(self, text: str) -> None:
        self.console.print(Text(text, style="bold"), soft_wrap=True)

    def step(self, number: int, title: str) -> None:
        self.console.print()
        self.console.print(Text(f"{number}. {title}", style="bold cyan"), soft_wrap=True)

    def line(self, text: str, style: str = "") -> None:
        self.console.print(Text(f"{_INDENT}{text}", style=style), soft_wrap=True)

    def columns(self, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        """Left-aligned columns as wide as their longest cell, so nothing is cut or folded."""
        widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
        self.line("  ".join(cell.ljust(width) for cell, width in zip(header, widths)).rstrip(), style="bold")
        for row in rows:
            self.line("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def show(stream: TextIO, ex: Explanation) -> None:
    out = Printer(stream)
    event = ex.event
    out.title(f"explain: {event.job} of {event.schedule} ({event.schedule_date.isoformat()}), "
              "a dry run: nothing is sent to Summit and nothing is written")
    for number, (title, render) in enumerate(_STEPS, start=1):
        out.step(number, title)
        if ex.plan.action is PlannedAction.SKIP_EXIT and render in _AFTER_EXIT:
            out.line(f"not reached: tag {ex.plan.exit_tag} ends the flow at the EXIT check")
        else:
            render(out, ex)


def _inputs(out: Printer, ex: Explanation) -> None:
    event, job, sources = ex.event, ex.job_input.job, ex.job_input.sources
    out.line(f"event: job {event.job}, schedule {event.schedule} ({event.schedule_date.isoformat()}, "
             f"id {event.schedule_id}, instance {event.schedule_instance}), agent {event.agent}, "
             f"termination {event.termination}")
    out.line(f"template: {ex.loaded.path}")
    out.line(f"now: {_moment(ex.now)} (from {ex.now_source})")
    out.line(f"job: {_job_found(ex)}")
    if job is not None:
        out.line(f"tags: {', '.join(job.tags) or 'none'} ({sources['tags']})")
        out.line(f"ticket: {job.incident_ticket_id.strip() or 'none'} ({sources['ticket']})")
        out.line(f"documentation: {_first_line(job.documentation.text)} ({sources['documentation']})")
    for flag in ex.job_input.ignored:
        out.line(f"{flag} ignored: OpCon has no such job (add --offline to explain with it)", style="yellow")
    for warning in (*ex.config.warnings, *ex.loaded.warnings):
        out.line(f"warning: {warning}", style="yellow")


def _job_found(ex: Explanation) -> str:
    job = ex.job_input.job
    if ex.job_input.lookup is Lookup.FOUND:
        return f"found in OpCon: daily job {job.id} (uid {job.uid})"
    if ex.job_input.lookup is Lookup.NOT_FOUND:
        return "not found in OpCon (B-4.3): no tags, ticket or documentation; default routing, nothing written back"
    return "OpCon not asked (--offline): tags, ticket and documentation are the ones given on the command line"


def _exit(out: Printer, ex: Explanation) -> None:
    values = [rule.indicator_value for rule in ex.loaded.template.tags if rule.indicator == TagIndicator.EXIT]
    if ex.plan.exit_tag is not None:
        out.line(f"tag {ex.plan.exit_tag} equals an EXIT rule's value: no incident (exit 0), "
                 "whatever the rule flags say", style="bold")
    elif values:
        out.line(f"no job tag equals an EXIT rule's value ({', '.join(values)}): continue")
    else:
        out.line("the template has no EXIT rule: continue")


def _existing(out: Printer, ex: Explanation) -> None:
    job, decision = ex.job_input.job, ex.plan.existing
    ticket = job.incident_ticket_id.strip() if job else ""
    if not ticket or decision is None:
        out.line("the job has no incident ticket: a new incident will be created")
        if ex.ticket_status:
            out.line(f"--ticket-status {ex.ticket_status} ignored: there is no ticket", style="yellow")
        return
    out.line(f"ticket {ticket} ({ex.job_input.sources['ticket']})")
    reopen = ex.loaded.template.summit.reopen_status
    if ex.ticket_status:
        out.line(f"status {ex.ticket_status} (from --ticket-status): {decision.state}")
    else:
        out.line("status unknown: explain never asks Summit (give --ticket-status); when Summit cannot say, "
                 f"the vendor fallback applies: update the ticket with reopenStatus {reopen} (B-4.5)")
    out.line(f"decision: {decision.action}: {decision.reason}", style="bold")


def _daily_window(out: Printer, ex: Explanation) -> None:
    if not ex.loaded.template.rules.submit_single_incident_per_day:
        out.line("submitSingleIncidentPerDay is off: no daily window")
        return
    hour = ex.config.daily_start_hour
    out.line(f"submitSingleIncidentPerDay is on; DAILY_START_HOUR {hour:02d}")
    if ex.plan.action in _UPDATING:
        out.line("not applied: the window guards new incidents only, and the existing ticket is updated")
        return
    text = ex.job_input.job.documentation.text if ex.job_input.job else ""
    last = last_incident_date(text)
    if last is None:
        out.line(f"documentation first line {_first_line(text)} names no Last Incident Date: not blocked")
        return
    end = window_end(last, hour)
    out.line(f"last incident date {last.isoformat()}: the window ends {_moment(end)}")
    if ex.plan.action is PlannedAction.SKIP_DAILY_WINDOW:
        out.line(f"now {_moment(ex.now)} is before that: blocked, no new incident (exit 0)", style="bold")
    else:
        out.line(f"now {_moment(ex.now)} is not before that: not blocked")


def _working_hours(out: Printer, ex: Explanation) -> None:
    template, now = ex.loaded.template, ex.now
    layer, attributes = hours_layer(template, now)
    out.line(f"{_moment(now)}: {_windows(template.working_hours.days, now)}")
    state = "in working hours" if ex.plan.in_working_hours else "outside working hours"
    names = ", ".join(attribute.name for attribute in attributes) or "no attributes"
    out.line(f"{state}: the {layer} layer applies ({names})", style="bold")


def _routing(out: Printer, ex: Explanation) -> None:
    tags = ex.job_input.job.tags if ex.job_input.job else ()
    for verdict in routing_verdicts(tags, ex.loaded.template, ex.plan.routing):
        style = "bold green" if verdict.verdict == WON else ""
        out.line(f"{verdict.verdict.upper():<9}{verdict.rule:<22} {verdict.why}", style=style)


def _attributes(out: Printer, ex: Explanation) -> None:
    values = placeholder_values(ex.event, ex.now)
    rows = [(a.name, expand(a.value, values), a.layer.value) for a in ex.plan.attributes.values()]
    out.columns(("attribute", "value", "layer"), rows)
    if ex.plan.action in _UPDATING:
        out.line("not sent: an update carries the new failure and the status only")


def _outcome(out: Printer, ex: Explanation) -> None:
    first, *rest = outcome_lines(ex)
    out.line(first, style="bold")
    if ex.request is not None:
        out.line(f"Summit request: {ex.request.method} {ex.request.url}")
        for json_line in request_json(ex.request).splitlines():
            out.line(json_line)
    for line in rest:
        out.line(line)


def _windows(days: dict[int, DayWindow], now: datetime) -> str:
    today, yesterday = now.weekday(), (now.weekday() - 1) % 7
    text = _window(WEEKDAYS[today], days.get(today))
    earlier = days.get(yesterday)
    if earlier is not None and earlier.wraps:
        text += f"; {_window(WEEKDAYS[yesterday], earlier)} runs past midnight"
    return text


def _window(day: str, window: DayWindow | None) -> str:
    if window is None or window.start == window.stop:
        return f"no working hours on {day.capitalize()}"
    return f"{day.capitalize()} {_hhmm(window.start)}-{_hhmm(window.stop)}"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}{minutes % 60:02d}"


def _moment(moment: datetime) -> str:
    return f"{moment:%A} {moment.isoformat(sep=' ', timespec='minutes')}"


def _first_line(text: str) -> str:
    lines = text.splitlines()
    return f"first line {lines[0].strip()!r}" if lines else "empty"


_STEPS = (
    ("Inputs", _inputs),
    ("EXIT tag (B-4.4)", _exit),
    ("Existing ticket (B-4.5)", _existing),
    ("Daily window (B-4.6)", _daily_window),
    ("Working hours (B-4.8)", _working_hours),
    ("Tag routing (B-5): each rule tried, in the order report applies them", _routing),
    ("Final attributes (B-4.7): the highest layer wins", _attributes),
    ("Outcome: what report would do", _outcome),
)
_AFTER_EXIT = {_existing, _daily_window, _working_hours, _routing, _attributes}
