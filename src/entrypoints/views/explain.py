"""What `explain` prints, with rich: the decision record as numbered steps, then what `report` would send (B-7).

It prints the record and computes nothing. Every value is printed as `Text`, never as markup, so `[DEFAULTS]`
or `Parent_Job[Sub]` print as they are; off a terminal the output is plain text.
"""

import json
from datetime import datetime
from typing import TextIO

from rich.console import Console
from rich.text import Text

from summit_connector.domain.attributes import Layer
from summit_connector.domain.decision import Action, GroupIncident, ReportDecision, TicketSource
from summit_connector.domain.tags import RuleKind, RuleVerdict, Verdict
from summit_connector.domain.template import TagIndicator
from summit_connector.domain.working_hours import DayWindow
from summit_connector.entrypoints.explanation import Explanation, Lookup

_INDENT = "   "
_UPDATING = (Action.UPDATED, Action.REOPENED, Action.GROUPED)
_VERBS = {Action.REOPENED: "REOPEN", Action.GROUPED: "JOIN"}
_VERB = {TagIndicator.TAG_START: "starts", TagIndicator.TAG_END: "ends"}


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
    event = ex.decision.event
    out.title(f"explain: {event.job} of {event.schedule} ({event.schedule_date.isoformat()}), "
              "a dry run: nothing is sent to Summit and nothing is written")
    for number, (title, render) in enumerate(_STEPS, start=1):
        out.step(number, title)
        if ex.decision.action is Action.SKIPPED_EXIT and render in _AFTER_EXIT:
            out.line(f"not reached: tag {ex.decision.exit_tag} ends the flow at the EXIT check")
        elif ex.decision.silence is not None and render in _AFTER_SILENCE:
            out.line(f"not reached: silence #{ex.decision.silence.id} ends the flow")
        elif ex.decision.action is Action.SKIPPED_MAINTENANCE and render in _AFTER_MAINTENANCE:
            out.line(f"not reached: maintenance window {ex.decision.maintenance.name} ends the flow")
        else:
            render(out, ex)


def _inputs(out: Printer, ex: Explanation) -> None:
    decision, sources = ex.decision, ex.sources
    event, job = decision.event, decision.job
    out.line(f"event: job {event.job}, schedule {event.schedule} ({event.schedule_date.isoformat()}, "
             f"id {event.schedule_id}, instance {event.schedule_instance}), agent {event.agent}, "
             f"termination {event.termination}")
    out.line(f"template: {ex.template_path}")
    out.line(f"now: {_moment(decision.now)} (from {ex.now_source})")
    out.line(f"job: {_job_found(ex)}")
    if job is not None:
        out.line(f"tags: {', '.join(job.tags) or 'none'} ({sources['tags']})")
        out.line(f"ticket: {job.incident_ticket_id.strip() or 'none'} ({sources['ticket']})")
        out.line(f"documentation: {_first_line(job.documentation.text)} ({sources['documentation']})")
    for flag in ex.ignored:
        out.line(f"{flag} ignored: OpCon has no such job (add --offline to explain with it)", style="yellow")
    for warning in (*ex.warnings, *decision.warnings):
        out.line(f"warning: {warning}", style="yellow")


def _job_found(ex: Explanation) -> str:
    job = ex.decision.job
    if ex.lookup is Lookup.FOUND:
        return f"found in OpCon: daily job {job.id} (uid {job.uid})"
    if ex.lookup is Lookup.NOT_FOUND:
        return "not found in OpCon (B-4.3): no tags, ticket or documentation; default routing, nothing written back"
    return "OpCon not asked (--offline): tags, ticket and documentation are the ones given on the command line"


def _trigger(out: Printer, ex: Explanation) -> None:
    text = ex.decision.trigger
    out.line(f"trigger {text.trigger} (@EV_Trigger = {text.display_name})")
    out.line(f"description: from the {text.description_source}: {text.description!r}")
    named = f", starting with {text.display_name!r} (an SLA trigger without its own text)" if text.named else ""
    out.line(f"information: from the {text.information_source}{named}: {text.information!r}")
    if text.attributes:
        names = ", ".join(a.name for a in text.attributes)
        out.line(f"attributes: {names}, in the layer {Layer.TRIGGER.value!r} just above the template attributes")
    else:
        out.line("attributes: none added for this trigger")


def _exit(out: Printer, ex: Explanation) -> None:
    if ex.decision.exit_tag is not None:
        out.line(f"tag {ex.decision.exit_tag} equals an EXIT rule's value: no incident (exit 0), "
                 "whatever the rule flags say", style="bold")
    elif ex.decision.exit_values:
        out.line(f"no job tag equals an EXIT rule's value ({', '.join(ex.decision.exit_values)}): continue")
    else:
        out.line("the template has no EXIT rule: continue")


def _silence(out: Printer, ex: Explanation) -> None:
    silence = ex.decision.silence
    if silence is None:
        out.line("no active silence matches this failure: continue")
        return
    named = (("job", silence.job), ("schedule", silence.schedule), ("agent", silence.agent), ("tag", silence.tag))
    matchers = ", ".join(f"{name} {pattern}" for name, pattern in named if pattern)
    out.line(f"silence #{silence.id} ({matchers}) is active until {_moment(silence.ends)}: no incident, "
             "nothing written to OpCon (exit 0)", style="bold")
    out.line(f"comment: {silence.comment}" + (f" (by {silence.author})" if silence.author else ""))


def _maintenance(out: Printer, ex: Explanation) -> None:
    verdict = ex.decision.maintenance
    if not verdict.windows:
        out.line("the template has no maintenance windows: continue")
    elif not verdict.inside:
        out.line(f"{_moment(ex.decision.now)} is inside none of the template's {verdict.windows} maintenance "
                 "window(s): continue")
    else:
        past = " (running past midnight)" if verdict.past_midnight else ""
        out.line(f"{verdict.name} {_window(verdict.day, verdict.window)}{past} covers {_moment(ex.decision.now)}: "
                 "no incident, nothing sent to Summit or written to OpCon (exit 0)", style="bold")


def _existing(out: Printer, ex: Explanation) -> None:
    existing = ex.decision.existing
    if existing is None:
        out.line("the job has no incident ticket: a new incident will be created")
        if ex.ticket_status_given:
            out.line(f"--ticket-status {ex.ticket_status_given} ignored: there is no ticket", style="yellow")
        return
    source = "kept, OpCon has not taken it yet" if existing.source is TicketSource.KEPT else ex.sources.get("ticket", "")
    out.line(f"ticket {existing.ticket} ({source})")
    if existing.status:
        out.line(f"status {existing.status} (from --ticket-status): {existing.state}")
    else:
        out.line("status unknown: explain never asks Summit (give --ticket-status); when Summit cannot say, "
                 f"the vendor fallback applies: update the ticket with reopenStatus {existing.status_to_send} (B-4.5)")
    out.line(f"decision: {_existing_verb(existing.action)}: {existing.reason}", style="bold")


def _existing_verb(action: Action) -> str:
    return {Action.UPDATED: "update", Action.REOPENED: "reopen", Action.CREATED: "create-new"}[action]


def _daily_window(out: Printer, ex: Explanation) -> None:
    window, decision = ex.decision.daily_window, ex.decision
    if not window.on:
        out.line("submitSingleIncidentPerDay is off: no daily window")
        return
    out.line(f"submitSingleIncidentPerDay is on; DAILY_START_HOUR {window.daily_start_hour:02d}")
    if not window.applies:
        out.line("not applied: the window guards new incidents only, and the existing ticket is updated")
        return
    if window.last_date is None:
        text = decision.job.documentation.text if decision.job else ""
        out.line(f"documentation first line {_first_line(text)} names no Last Incident Date: not blocked")
        return
    out.line(f"last incident date {window.last_date.isoformat()}: the window ends {_moment(window.ends)}")
    if window.blocked:
        out.line(f"now {_moment(decision.now)} is before that: blocked, no new incident (exit 0)", style="bold")
    else:
        out.line(f"now {_moment(decision.now)} is not before that: not blocked")


def _group(out: Printer, ex: Explanation) -> None:
    group, agent = ex.decision.group, ex.decision.event.agent
    if group is None:
        out.line("not considered: no new incident would be created")
        return
    down = group.agent_down
    out.line(f"agent {agent}: " + (f"incident {down.ticket} is held for it since agent-down at "
                                   f"{_moment(down.created_at)}, {_group_status(down)}" if down is not None
                                   else "no agent-down incident is held for it"))
    if not group.by:
        out.line("grouping is off: the template has no grouping block")
    else:
        out.line(f"grouping by {' and '.join(group.by)}, windowMinutes {group.window_minutes}: group key "
                 f"{group.key or 'none'}")
    if group.incident is not None:
        ends = f"; it takes failures until {_moment(group.window_ends)}" if group.window_ends else ""
        out.line(f"group incident {group.incident.ticket} created {_moment(group.incident.created_at)}, "
                 f"{_group_status(group.incident)}{ends}")
    out.line(f"decision: {group.verdict}: {group.reason}", style="bold")


def _group_status(incident: GroupIncident) -> str:
    if incident.status is None:
        return "status unknown (explain never asks Summit; give --ticket-status)"
    return f"status {incident.status} (from --ticket-status): {incident.state}"


def _working_hours(out: Printer, ex: Explanation) -> None:
    hours = ex.decision.working_hours
    text = _window(hours.day, hours.today)
    if hours.yesterday_running_over is not None:
        text += f"; {_window(hours.previous_day, hours.yesterday_running_over)} runs past midnight"
    out.line(f"{_moment(ex.decision.now)}: {text}")
    state = "in working hours" if hours.in_hours else "outside working hours"
    names = ", ".join(hours.attribute_names) or "no attributes"
    out.line(f"{state}: the {hours.layer} layer applies ({names})", style="bold")


def _runbook(out: Printer, ex: Explanation) -> None:
    """B-16.1 and B-16.2: the runbook found in the job documentation, and the value documentation routing gives."""
    runbook, documentation = ex.decision.runbook, ex.decision.documentation
    if runbook is not None and runbook.found:
        out.line(f"runbook {runbook.reason}: {_first_line(runbook.text)}", style="bold")
    elif runbook is not None:
        out.line(f"no runbook: {runbook.reason}")
    if documentation is not None and documentation.on:
        out.line(f"documentation routing ({documentation.reason}), in the layer {Layer.DOCUMENTATION.value!r}")


def _routing(out: Printer, ex: Explanation) -> None:
    tags = ex.decision.job.tags if ex.decision.job else ()
    for verdict in ex.decision.routing:
        style = "bold green" if verdict.verdict is Verdict.WON else ""
        label = "NO MATCH" if verdict.verdict is Verdict.NO_MATCH else verdict.verdict.upper()
        out.line(f"{label:<9}{verdict.rule:<22} {_why(verdict, tags)}", style=style)


def _why(verdict: RuleVerdict, tags: tuple[str, ...]) -> str:
    """The verdict's fields in words."""
    sets = "; ".join(f"{attribute.name} = {attribute.value}" for attribute in verdict.sets)
    verb = _VERB.get(verdict.indicator, "")
    if verdict.verdict is Verdict.OFF:
        if verdict.off_by != verdict.flag:
            return f"{verdict.off_by} is on, so TAG_START/TAG_END/DEFAULT routing is not applied (B-5.1)"
        return f"{verdict.flag} is false"
    if verdict.kind is RuleKind.PREFIX:
        return _prefix_why(verdict, sets)
    if verdict.kind is RuleKind.ROUTING:
        return _routing_why(verdict, verb, sets, tags)
    if verdict.kind is RuleKind.DEFAULT:
        return _default_why(verdict, sets)
    return "the template has no DEFAULT rule" if verdict.rule == TagIndicator.DEFAULT else "the template has none"


def _prefix_why(verdict: RuleVerdict, sets: str) -> str:
    if verdict.verdict is not Verdict.WON:
        return f"no tag starts with {verdict.rule}: the lower layers stand"
    domain = f" (the tag's user + the ASSIGNTO rule's value {verdict.indicator_value!r})" \
        if verdict.indicator_value else ""
    return f"tag {verdict.matched_tag}: {sets}{domain}"


def _routing_why(verdict: RuleVerdict, verb: str, sets: str, tags: tuple[str, ...]) -> str:
    value = verdict.indicator_value
    if verdict.verdict is Verdict.WON:
        return f"tag {verdict.matched_tag} {verb} with {value!r}: {sets} (the first rule in template order that matches)"
    if verdict.verdict is Verdict.LOST:
        return f"tag {verdict.matched_tag} {verb} with {value!r} too, but {verdict.beaten_by} comes first"
    return f"no tag {verb} with {value!r} ({', '.join(tags) if tags else 'the job has no tags'})"


def _default_why(verdict: RuleVerdict, sets: str) -> str:
    if verdict.verdict is Verdict.WON:
        return f"no TAG_START/TAG_END rule matched a tag: {sets}"
    if verdict.verdict is Verdict.LOST:
        return f"not needed: {verdict.beaten_by} won"
    return "no rule matched, but the DEFAULT rule names no attribute"


def _attributes(out: Printer, ex: Explanation) -> None:
    rows = [(a.name, a.value, a.layer.value) for a in ex.decision.attributes]
    out.columns(("attribute", "value", "layer"), rows)
    if ex.decision.action in _UPDATING:
        out.line("not sent: an update carries the new failure and the status only")


def _outcome(out: Printer, ex: Explanation) -> None:
    out.line(_decision_line(ex.decision), style="bold")
    if ex.request is not None:
        out.line(f"Summit request: {ex.request.method} {ex.request.url}")
        for json_line in json.dumps(ex.request.body, indent=2, ensure_ascii=False).splitlines():
            out.line(json_line)
    for line in (*_write_back(ex), *_job_log(ex)):
        out.line(line)
    out.line("dry run: nothing was sent to Summit, nothing was written to OpCon, no file was written")


def _decision_line(decision: ReportDecision) -> str:
    if decision.incident is not None:
        naming = f", naming closed ticket {decision.previous_ticket}" if decision.previous_ticket else ""
        return f"CREATE a new incident with status {decision.incident.status}{naming} ({decision.reason})"
    if decision.update is not None:
        verb = _VERBS.get(decision.action, "UPDATE")
        update = decision.update
        status = update.status or "unchanged"
        return f"{verb} incident {update.ticket_number}: add this failure, status {status} ({decision.reason})"
    if decision.action is Action.KEPT:
        return f"KEEP in the outbox (exit 1): {decision.reason}"
    return f"NO INCIDENT (exit 0): {decision.reason}"


def _write_back(ex: Explanation) -> list[str]:
    decision = ex.decision
    if decision.write_back is None:
        missing = decision.action is Action.CREATED and decision.job is None
        return ["OpCon: nothing written back (the job is not in OpCon, B-4.3)" if missing
                else "OpCon: nothing written back"]
    assumed = " (offline: assuming OpCon holds the job)" if ex.lookup is Lookup.OFFLINE else ""
    link = (f" linked to {ex.new_ticket_url}" if ex.new_ticket_url
            else " without a link (the template has no viewIncident URL)")
    number = decision.ticket_number if decision.action is Action.GROUPED else "<new ticket number>"
    lines = [f"OpCon: Incident Ticket ID of job {decision.job.name} := {number}{link}{assumed}"]
    if decision.write_back.documentation is not None:
        first = decision.write_back.documentation.text.splitlines()[0]
        lines.append(f"OpCon: documentation first line := {first!r}, the rest kept as it is")
    return lines


def _job_log(ex: Explanation) -> list[str]:
    if ex.request is None or ex.decision.job is None:
        return []
    if not ex.decision.attach_job_log:
        return ["job log: not attached (includeJobLogAttachment is false)"]
    return ["job log: report would fetch it from OpCon and attach it to the incident (explain does not fetch it)"]


def _window(day: str, window: DayWindow | None) -> str:
    if window is None or window.is_empty:
        return f"no working hours on {day.capitalize()}"
    start, stop = window.hhmm
    return f"{day.capitalize()} {start}-{stop}"


def _moment(moment: datetime) -> str:
    return f"{moment:%A} {moment.isoformat(sep=' ', timespec='minutes')}"


def _first_line(text: str) -> str:
    lines = text.splitlines()
    return f"first line {lines[0].strip()!r}" if lines else "empty"


_STEPS = (
    ("Inputs", _inputs),
    ("Trigger (B-11.1): the incident's text and the attributes it adds", _trigger),
    ("EXIT tag (B-4.4)", _exit),
    ("Silences (B-13.2)", _silence),
    ("Maintenance windows (B-13.3)", _maintenance),
    ("Existing ticket (B-4.5)", _existing),
    ("Daily window (B-4.6)", _daily_window),
    ("Agent down and grouping (B-13.4, B-13.1): the incident a new one would join", _group),
    ("Working hours (B-4.8)", _working_hours),
    ("Runbook and documentation routing (B-16.1, B-16.2)", _runbook),
    ("Tag routing (B-5): each rule tried, in the order report applies them", _routing),
    ("Final attributes (B-4.7): the highest layer wins", _attributes),
    ("Outcome: what report would do", _outcome),
)
_AFTER_MAINTENANCE = {_existing, _daily_window, _group, _working_hours, _runbook, _routing, _attributes}
_AFTER_SILENCE = {_maintenance, *_AFTER_MAINTENANCE}
_AFTER_EXIT = {_silence, *_AFTER_SILENCE}
