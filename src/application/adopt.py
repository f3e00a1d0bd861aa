"""An uncertain create's exit that is not "maybe a duplicate" (B-9.1, B-9.2): the operator found in Summit the
incident it created, and the connector carries on with that number (`retry --uncertain --adopt TICKET`).

`Adopt` records the number for the job's open intent, then completes the create as Summit's answer would have:
the write-back to OpCon and the job log. Summit is never asked to create. `look_for` tells, for each uncertain
entry, what to look for in Summit first: when the create was sent, for which job, with which description.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from summit_connector.application.errors import (
    ConnectorError,
    DeliveryFailed,
    InvalidInput,
    SummitRejected,
    SummitUnavailable,
    described,
)
from summit_connector.application.groups import holding
from summit_connector.application.ports import (
    CreateIntents,
    JobIncidents,
    JobLocks,
    JournalEntry,
    KeptEvent,
    KeptFailure,
    KeptState,
    Outbox,
)
from summit_connector.application.report import ReportFailure, ReportOutcome
from summit_connector.domain.model import FailureEvent
from summit_connector.domain.plan import create_description
from summit_connector.domain.template import Template
from summit_connector.domain.tickets import summit_ticket_number


class NotAdopted(ConnectorError):
    """Summit could not be asked whether it has the incident; nothing was changed (exit 3)."""


class AdoptSubject(StrEnum):
    TICKET = "ticket"
    """The incident number, or which uncertain entry it is for when none was named."""
    ENTRY = "entry"
    """The outbox entry named."""


class NotAdoptable(InvalidInput):
    """Refused with nothing changed: `subject` says what was wrong (the number, or the entry `kept_id`);
    `entry_needed`: several uncertain entries are kept, so the entry must be named."""

    def __init__(self, problem: str, subject: AdoptSubject, kept_id: int | None = None,
                 entry_needed: bool = False) -> None:
        super().__init__(problem)
        self.subject = subject
        self.kept_id = kept_id
        self.entry_needed = entry_needed


@dataclass(frozen=True)
class Adoption:
    """`outcome` when the adoption completed (the entry is delivered); else `error`, and the entry is kept as
    *pending* with the number, so a later `retry` does only what is left: the write-back, never a create."""

    kept: KeptEvent
    ticket_number: str
    outcome: ReportOutcome | None = None
    error: str = ""
    warnings: tuple[str, ...] = ()
    """Besides the outcome's own: what the state store could not record (B-9.3)."""


class Adopt:
    """`reports(template_name)` builds the report use case of the template the entry names, as for `Delivery`."""

    def __init__(self, reports: Callable[[str], ReportFailure], outbox: Outbox, locks: JobLocks,
                 intents: CreateIntents, job_incidents: JobIncidents) -> None:
        self._reports = reports
        self._outbox = outbox
        self._locks = locks
        self._intents = intents
        self._job_incidents = job_incidents

    def __call__(self, ticket: str, kept_id: int | None = None) -> Adoption:
        """Adopts `ticket` as the incident the uncertain entry `kept_id` created; `kept_id` may be None only while
        exactly one uncertain entry is kept. Raises InvalidInput, with nothing changed, for a ticket that is no
        Summit number, an entry that does not exist or is not an uncertain create, or an ambiguous choice."""
        number = summit_ticket_number(ticket)
        if not number:
            raise NotAdoptable(f"expected the number of the incident Summit created (digits, e.g. 10001), got "
                               f"{ticket!r}", AdoptSubject.TICKET)
        chosen = self._chosen(kept_id)
        self._not_another_jobs(number, chosen)
        report, warnings = self._reports(chosen.template), []
        with holding(self._locks, report.lock_keys(chosen.event), warnings):  # an unusable lock: a warning (B-9.3)
            current = adoptable(self._outbox.get(chosen.id), chosen.id)
            return self._adopted(current, number, report, warnings)

    def found(self, kept: KeptEvent, ticket: str) -> Adoption:
        """The self-healing adoption (B-15.2): Summit's incident list showed `ticket` as the one the uncertain
        create `kept` made. The caller holds the job's locks."""
        return self._adopted(kept, ticket, self._reports(kept.template), [])

    def _not_another_jobs(self, ticket: str, kept: KeptEvent) -> None:
        """An incident the journal holds for another job is not the one this entry's create made."""
        try:
            others = [e for e in self._job_incidents.for_ticket(ticket) if e.event.job_key != kept.event.job_key]
        except ConnectorError:
            return
        if others:
            event = others[0].event
            raise NotAdoptable(f"incident {ticket} is the incident of job {event.job} ({event.schedule}, "
                               f"{event.schedule_date.isoformat()}) in the journal, not of {kept.event.job}",
                               AdoptSubject.TICKET)

    def _chosen(self, kept_id: int | None) -> KeptEvent:
        if kept_id is not None:
            return adoptable(self._outbox.get(kept_id), kept_id)
        uncertain = self._outbox.pending((KeptState.UNCERTAIN,))
        if not uncertain:
            raise NotAdoptable("no uncertain entry is kept (see `summit-connector outbox`)", AdoptSubject.TICKET)
        if len(uncertain) > 1:
            ids = ", ".join(str(kept.id) for kept in uncertain)
            raise NotAdoptable(f"{len(uncertain)} uncertain entries are kept ({ids}): name the one that created the "
                               "incident", AdoptSubject.TICKET, entry_needed=True)
        return adoptable(uncertain[0], uncertain[0].id)

    def _adopted(self, kept: KeptEvent, ticket: str, report: ReportFailure, warnings: list[str]) -> Adoption:
        """Summit is asked first whether it has the incident: until it says so, nothing changes. Then the journal,
        so the job's next run knows the incident whatever happens to the write-back."""
        try:
            decision = report.plan_adoption(kept.event, ticket, kept.kept_at)
        except (SummitUnavailable, SummitRejected) as error:
            raise NotAdopted(f"incident {ticket} was not adopted, nothing was changed: Summit could not be asked "
                             f"about it: {error}") from error
        except DeliveryFailed as failure:  # OpCon could not be asked for the job: the write-back waits
            self._journaled(kept, ticket, warnings)
            return self._kept_pending(kept, ticket, failure, warnings)
        self._journaled(kept, ticket, warnings)
        try:
            outcome = report.apply(decision)
        except Exception as failure:  # noqa: BLE001 - whatever went wrong, the number is kept with the entry
            return self._kept_pending(kept, ticket, failure, warnings)
        self._outbox.delivered(kept.id)
        return Adoption(kept, ticket, outcome, warnings=tuple(warnings))

    def _kept_pending(self, kept: KeptEvent, ticket: str, failure: Exception, warnings: list[str]) -> Adoption:
        said = str(failure) if isinstance(failure, DeliveryFailed) and failure.ticket_number else \
            f"incident {ticket} was adopted, but {described(failure)}"
        self._outbox.failed_again(kept.id, KeptFailure(said, KeptState.PENDING, ticket))
        return Adoption(kept, ticket, error=said, warnings=tuple(warnings))

    def _journaled(self, kept: KeptEvent, ticket: str, warnings: list[str]) -> None:
        """The number goes to the intent the entry's create left (B-9.1); the job's other unanswered intents no
        longer hold it back, as after `retry --uncertain`. Without an intent (the journal could not be written
        then), the incident is journaled as one this connector created. A journal that cannot be used is a
        warning (B-9.3)."""
        job_key = kept.event.job_key
        try:
            entries = self._job_incidents.for_job(job_key)
            if not any(entry.ticket == ticket for entry in entries):
                intent = sent_by(kept, [entry for entry in entries if entry.is_intent])
                intent_id = intent.id if intent is not None else self._intents.intend(kept.event, kept.template,
                                                                                      kept.kept_at, "")
                self._intents.created(intent_id, ticket)
            self._intents.abandon_intents(job_key)
        except ConnectorError as error:
            warnings.append(f"the state store did not record incident {ticket} for {kept.event.job}: {error}")


def adoptable(kept: KeptEvent | None, kept_id: int) -> KeptEvent:
    """The entry, when it is an uncertain create; else InvalidInput saying why not."""
    if kept is None:
        raise NotAdoptable("no such outbox entry (see `summit-connector outbox`)", AdoptSubject.ENTRY, kept_id)
    if kept.state is not KeptState.UNCERTAIN:
        raise NotAdoptable(f"outbox entry {kept_id} is {kept.state.value}, not uncertain: only an uncertain create "
                           "can adopt an incident", AdoptSubject.ENTRY, kept_id)
    if kept.event.trigger.is_recovery:
        raise NotAdoptable(f"outbox entry {kept_id} is a recovery ({kept.event.trigger.value}), not a create: "
                           "`summit-connector retry --uncertain` replays it", AdoptSubject.ENTRY, kept_id)
    return kept


def sent_by(kept: KeptEvent, intents: Sequence[JournalEntry]) -> JournalEntry | None:
    """The unanswered intent of the create an uncertain entry stands for: the one journaled as the entry was kept,
    else the newest before it (a run killed after sending, B-9.1), else the newest."""
    same = [intent for intent in intents if intent.created_at == kept.kept_at]
    before = [intent for intent in intents if intent.created_at <= kept.kept_at]
    found = same or before or list(intents)
    return found[-1] if found else None


@dataclass(frozen=True)
class LookFor:
    """What to look for in Summit before adopting or creating anyway (B-9.2): when the create was sent, the
    failure it was for, and the description it carried ("" with `unknown_because` when it cannot be told)."""

    kept: KeptEvent
    sent_at: datetime
    event: FailureEvent
    description: str
    unknown_because: str = ""


def look_for(entries: Sequence[KeptEvent], job_incidents: JobIncidents,
             templates: Callable[[str], Template]) -> dict[int, LookFor]:
    """By entry id, for each uncertain create. The journal's unanswered intent tells when the create was sent and
    for which failure (a later failure of the job may be the entry); the description is rendered offline from the
    template, as the create rendered it. A journal or template that cannot be read costs its part only."""
    found: dict[int, LookFor] = {}
    loaded: dict[str, Template | str] = {}
    for kept in entries:
        if kept.state is not KeptState.UNCERTAIN or kept.event.trigger.is_recovery:
            continue
        intent = sent_by(kept, open_intents(job_incidents, kept.event.job_key))
        sent_at, event, name = (intent.created_at, intent.event, intent.template) if intent else \
            (kept.kept_at, kept.event, kept.template)
        if name not in loaded:
            loaded[name] = _template(templates, name)
        template = loaded[name]
        if isinstance(template, str):
            found[kept.id] = LookFor(kept, sent_at, event, "", template)
        else:
            found[kept.id] = LookFor(kept, sent_at, event, create_description(event, template, sent_at))
    return found


def _template(templates: Callable[[str], Template], name: str) -> Template | str:
    """The template, or why it cannot be read: the rest of what to look for still helps."""
    try:
        return templates(name)
    except Exception as error:  # noqa: BLE001 - see the docstring
        return f"the template could not be read: {described(error)}"


def open_intents(job_incidents: JobIncidents, job_key: str) -> list[JournalEntry]:
    """The job's creates whose answer was never recorded (B-9.1); none when the journal cannot be read."""
    try:
        return [entry for entry in job_incidents.for_job(job_key) if entry.is_intent]
    except ConnectorError:
        return []
