"""What the outbox and the journal hold for one job (B-9, B-9.1), read-only: the report flow's memory of itself.

`Delivery` reads it under the job's lock before it plans; `explain` reads it too, so a dry run plans with the
same facts `report` would.
"""

from summit_connector.application.errors import ConnectorError
from summit_connector.application.ports import JobIncidents, JournalEntry, KeptEvent, KeptState, Outbox
from summit_connector.domain.decision import KeptForJob


class KeptTraces:
    def __init__(self, outbox: Outbox, job_incidents: JobIncidents) -> None:
        self._outbox = outbox
        self._job_incidents = job_incidents

    def for_job(self, job_key: str, exclude: int | None = None, warnings: list[str] | None = None) -> KeptForJob:
        """The job's incident whose number OpCon has not taken yet, if any, and whether a new incident may be
        created: not while a kept create or a journaled intent may have created one we do not know (B-9.1).
        `exclude` leaves out the outbox entry being replayed. A store that cannot be read counts as empty, and
        `warnings` gets a line naming the file and the cause (B-9.3)."""
        kept = self.kept_entries(job_key, exclude, warnings)
        journaled = self._journal_entries(job_key, warnings)
        known = [k.ticket_number for k in kept if k.ticket_number]
        known += [entry.ticket for entry in journaled if entry.ticket and entry.opened and not entry.written_back]
        maybe_created = any(k.state is KeptState.UNCERTAIN and not k.ticket_number for k in kept)
        maybe_created = maybe_created or any(entry.is_intent for entry in journaled)
        return KeptForJob(known[-1] if known else "", not maybe_created)

    def kept_entries(self, job_key: str, exclude: int | None = None, warnings: list[str] | None = None
                     ) -> list[KeptEvent]:
        """The job's outbox entries in every state, oldest first; none when the outbox cannot be read."""
        try:
            return [k for k in self._outbox.for_job(job_key) if k.id != exclude]
        except ConnectorError as error:
            _unread(warnings, "kept failures", error)
            return []

    def _journal_entries(self, job_key: str, warnings: list[str] | None) -> list[JournalEntry]:
        try:
            return self._job_incidents.for_job(job_key)
        except ConnectorError as error:
            _unread(warnings, "the incident journal", error)
            return []


def _unread(warnings: list[str] | None, what: str, error: ConnectorError) -> None:
    if warnings is not None:
        warnings.append(f"{what} of this job could not be read, none counted: {error}")


def kept_counts(outbox: Outbox) -> dict[str, int]:
    """How many entries the outbox keeps in each state (`status`, the service's gauges: B-14.5, B-14.6). Raises
    ConnectorError when the store cannot be read."""
    entries = outbox.pending(set(KeptState))
    return {state.value: sum(entry.state is state for entry in entries) for state in KeptState}
