"""Two-way sync (B-12): each tracked incident's Summit status, acted on once on the daily job that holds it.

One pass reads every ticket `tracking.tracked()` names, once per ticket, and applies the template's `sync.onStatus`
action to each daily job journaled with it. A status in `sync.stopOn` ends tracking after its action, if any; a job
OpCon no longer knows (404) ends it too. What cannot be read or reached is left for the next pass.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from summit_connector.application.errors import ConnectorError, OpConError
from summit_connector.application.ports import (
    Clock,
    History,
    HistoryEvent,
    Incidents,
    JobActions,
    JournalEntry,
    SyncTracking,
)
from summit_connector.application.run_history import NOTHING, history_event
from summit_connector.domain.status_sync import SyncStep, decide_sync
from summit_connector.domain.template import JobAction, Template

SummitFor = Callable[[str], tuple[Incidents, Template]]
NOT_FOUND = 404
SYNCED = "synced"


class Applied(StrEnum):
    NOTHING = "nothing"
    """No action for this status, or it was acted on already."""
    SUCCEEDED = "succeeded"
    REFUSED = "refused"
    """OpCon answered that the job's status does not allow the action; it is not tried again."""
    JOB_GONE = "job-gone"
    """OpCon no longer knows the daily job (404), or the journal names none."""
    NEXT_PASS = "next-pass"
    """Summit's status could not be read, or OpCon could not be reached: the next pass tries again."""


@dataclass(frozen=True)
class SyncResult:
    """One daily job of one tracked incident after a pass; `detail` is the remote's own words, when it said some."""

    entry: JournalEntry
    status: str
    action: JobAction
    applied: Applied
    ended: bool = False
    detail: str = ""

    @property
    def incomplete(self) -> bool:
        """B-12.2 `--once` exits 1: left for the next pass, or an action OpCon refused while tracking goes on."""
        return self.applied is Applied.NEXT_PASS or (self.applied is Applied.REFUSED and not self.ended)

    @property
    def remembered(self) -> bool:
        """One history event per action taken or tracking ended (B-10.3)."""
        return self.ended or self.applied in (Applied.SUCCEEDED, Applied.REFUSED, Applied.JOB_GONE)


class Sync:
    """`summit_for(template)` gives the Summit incidents and the template an entry names (entries name their own)."""

    def __init__(self, tracking: SyncTracking, summit_for: SummitFor, job_actions: JobActions, history: History,
                 clock: Clock) -> None:
        self._tracking = tracking
        self._summit_for = summit_for
        self._job_actions = job_actions
        self._history = history
        self._clock = clock

    def __call__(self) -> list[SyncResult]:
        """One pass over the tracked incidents, oldest first; raises only when the journal cannot be read."""
        now = self._clock.now()
        results = [result for entries in _by_ticket(self._tracking.tracked()) for result in self._ticket(entries)]
        for result in results:
            if result.remembered:
                self._history.append(_remembered_as(result, now))
        return results

    def _ticket(self, entries: list[JournalEntry]) -> list[SyncResult]:
        first = entries[0]
        try:
            incidents, template = self._summit_for(first.template)
            status = incidents.status_of(first.ticket)
        except ConnectorError as error:
            return [SyncResult(entry, "", JobAction.NONE, Applied.NEXT_PASS, detail=str(error)) for entry in entries]
        if status is None:
            unsaid = "Summit did not say its status"
            return [SyncResult(entry, "", JobAction.NONE, Applied.NEXT_PASS, detail=unsaid) for entry in entries]
        self._tracking.saw_status(first.ticket, status)
        step = decide_sync(template.sync, status, first.last_status_acted)
        return self._settled(first.ticket, step, [self._apply(entry, step) for entry in entries])

    def _apply(self, entry: JournalEntry, step: SyncStep) -> SyncResult:
        result = SyncResult(entry, step.status, step.action, Applied.NOTHING)
        if step.action is JobAction.NONE:
            return result
        if not entry.daily_job_id:
            return replace(result, applied=Applied.JOB_GONE, detail="the journal names no daily job")
        try:
            answer = self._job_actions.apply(entry.daily_job_id, step.action.value, action_reason(entry, step))
        except OpConError as error:
            gone = error.status_code == NOT_FOUND
            return replace(result, applied=Applied.JOB_GONE if gone else Applied.REFUSED, detail=str(error))
        except ConnectorError as error:
            return replace(result, applied=Applied.NEXT_PASS, detail=str(error))
        refused = answer.strip().lower() == "failed"
        return replace(result, applied=Applied.REFUSED if refused else Applied.SUCCEEDED)

    def _settled(self, ticket: str, step: SyncStep, results: list[SyncResult]) -> list[SyncResult]:
        """The ticket's journal entry moves on only when every job of it was answered."""
        if any(result.applied is Applied.NEXT_PASS for result in results):
            return results
        if step.action is not JobAction.NONE:
            self._tracking.acted_on(ticket, step.status)
        if not (step.stop or all(result.applied is Applied.JOB_GONE for result in results)):
            return results
        self._tracking.stop_tracking(ticket)
        return [replace(result, ended=True) for result in results]


def _by_ticket(entries: list[JournalEntry]) -> list[list[JournalEntry]]:
    """Entries grouped by ticket, in order of first appearance; one per daily job."""
    grouped: dict[str, dict[str, JournalEntry]] = {}
    for entry in entries:
        grouped.setdefault(entry.ticket, {}).setdefault(entry.daily_job_id or entry.event.job_key, entry)
    return [list(jobs.values()) for jobs in grouped.values()]


def action_reason(entry: JournalEntry, step: SyncStep) -> str:
    """The reason OpCon records with the action (B-12.1)."""
    return f"Summit incident {entry.ticket} is {step.status}"


def sync_reason(result: SyncResult) -> str:
    """One line saying what the pass did for the job and why."""
    ticket, job = result.entry.ticket, result.entry.daily_job_id or result.entry.event.job_key
    said = {
        Applied.NOTHING: f"Summit incident {ticket} is {result.status}",
        Applied.SUCCEEDED: f"{result.action.value} on daily job {job}: Summit incident {ticket} is {result.status}",
        Applied.REFUSED: f"OpCon refused {result.action.value} on daily job {job}",
        Applied.JOB_GONE: f"OpCon no longer knows daily job {job}",
        Applied.NEXT_PASS: f"Summit incident {ticket} left for the next pass",
    }[result.applied]
    parts = [said, result.detail, "tracking ended" if result.ended else ""]
    return "; ".join(part for part in parts if part)


def _remembered_as(result: SyncResult, now: datetime) -> HistoryEvent:
    """Command `sync`; action `synced` when OpCon took the action, else `nothing` (B-10.3)."""
    event = history_event("sync", result.entry.event, now, int(result.incomplete))
    action = SYNCED if result.applied is Applied.SUCCEEDED else NOTHING
    return replace(event, trigger="", action=action, ticket=result.entry.ticket, reason=sync_reason(result))
