"""`summit-connector demo [--lifecycle]`: the emulator in-process, a sample failure reported over HTTP, and what
each side received. `--lifecycle` goes on with the incident's whole life (B-11.2, B-12): the analyst takes it,
`sync` marks the OpCon job Under Review, the job is rerun and finishes OK, `recover` resolves the incident, and
`sync` stops following it."""

import json
import tempfile
from dataclasses import replace
from pathlib import Path

from summit_connector.application.errors import DeliveryFailed
from summit_connector.domain.model import FailureEvent, Trigger
from summit_connector.entrypoints.demo_story import Holdings, Step
from summit_connector.entrypoints.exit_codes import ExitCode, exit_code_for
from summit_connector.entrypoints.invocation import Invocation

_SHOWN_FIELDS = ("Status", "Description", "Assigned_WorkGroup_Name", "Category_Name", "Priority_Name",
                 "Impact_Name", "Urgency_Name", "Source", "Caller_EmailID", "Closure_Code_Name")
LIFECYCLE_BLOCKS = {
    "recovery": {"action": "resolve", "via": ["In-Progress"], "resolvedStatus": "Resolved",
                 "solution": "The job was rerun and finished OK.",
                 "attributes": [{"name": "Closure_Code_Name", "value": "Solved (Permanently)"}]},
    "sync": {"onStatus": {"In-Progress": "markUnderReview"}, "stopOn": ["Resolved", "Closed", "Cancelled"]},
}
RECONCILE_BLOCK = {"reconcile": {"schedules": ["PAYROLL"], "jobs": ["JOB001", "EXPORT_*"], "lookBackHours": 24}}
MISSED = "EXPORT_LEDGER"


def run(invocation: Invocation) -> ExitCode:
    from summit_connector.adapters.emulator import sample_config_files
    from summit_connector.entrypoints.container import make_emulator
    from summit_connector.entrypoints.views.demo import show

    args, stdout = invocation.args, invocation.stdout
    with tempfile.TemporaryDirectory(prefix="summit-connector-demo-") as folder, make_emulator() as emulator:
        job = emulator.seed_samples().plain
        config_path, template_path = sample_config_files(Path(folder), emulator)
        blocks = {**(LIFECYCLE_BLOCKS if args.lifecycle else {}), **(RECONCILE_BLOCK if args.reconcile else {})}
        template_path.write_text(json.dumps({**json.loads(template_path.read_text()), **blocks}))
        story = _Story(config_path, emulator, job)
        try:
            steps = story.lifecycle() if args.lifecycle else [story.failure()]
            steps += story.missed_trigger() if args.reconcile else []
        except DeliveryFailed as failure:
            invocation.error(failure)
            return exit_code_for(failure)
        show(stdout, steps)
        if args.service:
            _show_bursts(stdout, emulator, config_path, job.date)
    return ExitCode.OK


def _show_bursts(stdout, emulator, config_path: Path, day) -> None:
    from summit_connector.entrypoints.demo_service import bursts
    from summit_connector.entrypoints.views.demo import show_bursts

    show_bursts(stdout, bursts(emulator, config_path, day))


class _Story:
    """The same wiring as the commands (a root of its own, for the demo's Connector.config), with an empty
    environment so local overrides cannot leak in."""

    def __init__(self, config_path: Path, emulator, job) -> None:
        from summit_connector.entrypoints.container import bootstrap

        self._root = bootstrap(config_path, {})
        self._scope = self._root.templates().named("sandbox")
        self._emulator = emulator
        self._job = job
        self._event = FailureEvent(job.agent, job.schedule, job.name, job.termination, job.date, job.schedule_id,
                                   job.instance)

    def failure(self) -> Step:
        from summit_connector.entrypoints.views.outcomes import summary_line

        outcome = self._scope.report()(self._event)
        self._ticket = outcome.ticket_number
        return Step(f"OpCon job {self._event.job} failed ({self._event.termination}): report",
                    (summary_line(outcome),), self._holdings(), outcome.warnings)

    def lifecycle(self) -> list[Step]:
        steps = [self.failure()]
        self._emulator.set_incident_status(self._ticket, "In-Progress")
        steps.append(self._synced(f"The analyst takes incident {self._ticket} (In-Progress): sync"))
        self._emulator.state.set_job_status(self._job.id, "Finished OK")
        steps.append(self._recovered())
        steps.append(self._synced(f"Incident {self._ticket} is Resolved: sync"))
        return steps

    def missed_trigger(self) -> list[Step]:
        """B-15.1: a job of today's schedule fails on another agent and its trigger never runs; `reconcile` finds it
        in the Daily (today's: the look-back counts from the clock)."""
        from summit_connector.domain.reconcile import ReconcileVerdict
        from summit_connector.entrypoints.container import template_key
        from summit_connector.entrypoints.views.outcomes import summary_line
        from summit_connector.entrypoints.views.reconcile import summary

        today = self._root.clock().now().date()
        missed = self._emulator.add_failed_job(self._job.schedule, today, self._job.schedule_id, self._job.instance,
                                               MISSED, start_machine="WINAGENT02", termination="+000000004")
        reconcile, key = self._root.reconcile(), template_key(self._scope.loaded())
        plan = reconcile.plan(self._scope.template().reconcile)
        outcomes = [reconcile(candidate, key, plan.since) for candidate in plan.due]
        said = [summary_line(outcome) for outcome in outcomes if outcome is not None]
        said.append(summary(plan, len(said), plan.count(ReconcileVerdict.DECIDED_BEFORE), 0))
        self._ticket, self._job = outcomes[0].ticket_number, missed
        return [Step(f"OpCon job {MISSED} failed on {missed.agent} ({missed.termination}) and its Notification "
                     "Manager trigger never ran: reconcile", tuple(said), self._holdings(),
                     tuple(w for outcome in outcomes for w in outcome.warnings))]

    def _synced(self, title: str) -> Step:
        from summit_connector.application.sync import sync_reason

        results = self._root.sync()()
        return Step(title, tuple(sync_reason(result) for result in results), self._holdings(compact=True))

    def _recovered(self) -> Step:
        from summit_connector.entrypoints.views.outcomes import summary_line

        outcome = self._scope.recover()(replace(self._event, trigger=Trigger.FINISHED_OK))
        return Step(f"The job is rerun and finishes OK: recover -tr {Trigger.FINISHED_OK}",
                    (summary_line(outcome),), self._holdings(compact=True), outcome.warnings)

    def _holdings(self, compact: bool = False) -> Holdings:
        """Everything after the first step; `compact`: only what a later step changes."""
        state = self._emulator.state
        with state.lock:
            incident, job = state.incidents[self._ticket], state.jobs[self._job.id]
            fields = [(name, str(incident.fields.get(name, incident.status))) for name in _SHOWN_FIELDS
                      if name in incident.fields or name == "Status"]
            fields.append(("Status", incident.status))
            fields += [("Information", "\n".join(incident.information))]
            fields += [(f"Custom: {f.get('GroupName')} / {f.get('Name')}", str(f.get("Value")))
                       for f in incident.custom_fields]
            fields += [(name, value) for name, value in incident.ci.items()]
            opcon = (("Incident Ticket ID", job.incident_ticket_id), ("Incident ticket URL", job.incident_ticket_url),
                     ("Job status", str(job.status)))
            attachments = tuple((name, len(content), _last_line(content)) for name, content in incident.attachments)
        if compact:
            kept = ("Status", "Closure_Code_Name")
            fields = [(name, value) for name, value in fields if name in kept]
            fields.append(("Latest information", incident.information[-1] if incident.information else ""))
            return Holdings(self._ticket, tuple(dict(fields).items()), job.id, opcon[-1:])
        return Holdings(self._ticket, tuple(dict(fields).items()), job.id, opcon, attachments)


def _last_line(content: bytes) -> str:
    lines = content.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else ""
