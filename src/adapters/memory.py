"""In-memory adapters of every port: for tests here and in other OpCon tooling that embeds the application.

They record what happened so tests assert on end state::

    daily_jobs = InMemoryDailyJobs([job])          # find() matches date, schedule id, instance and job name
    incidents = InMemoryIncidents()                # create() numbers tickets 1001, 1002, ...
    ...
    daily_jobs.tickets[job.uid]                    # -> ("1001", "https://.../IM_TicketDetail.aspx?ID=1001")
    incidents.created["1001"].attributes           # what Summit would have received

Set `unavailable` (or `rejected` on incidents) to an error message to make every call fail that way.
`daily_jobs.add_failed(event)` lists a job among OpCon's failed ones (`failed_on`, B-15.1); `InMemoryIncidents(clock=
clock)` logs each incident at the clock's time, and `updated_since` lists them as Summit's incident list would
(B-15.2); `incidents.answer_lost = "timeout"` makes a create land and its answer fail.
`FixedClock` (from `adapters.clock`), `InMemoryOutbox` and `InMemoryJobLocks` complete the set for `summit_connector.application.delivery.Delivery`.
`InMemoryJournal` (`journal.entries`) and `InMemoryHistory` (`history.events`, oldest first) record the state store's
other two parts (B-10.2, B-10.3); `InMemorySilences` (`silences.silences`, by id) the operator's silences (B-13.2).
"""

import threading
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta

from summit_connector.adapters.clock import FixedClock
from summit_connector.application.errors import OpConError, OpConUnavailable, SummitRejected, SummitUnavailable
from summit_connector.application.ports import (
    Clock,
    DailyJobs,
    History,
    HistoryEvent,
    IncidentList,
    Incidents,
    JobActions,
    JobLocks,
    JobLogs,
    Journal,
    JournalEntry,
    KeptEvent,
    KeptFailure,
    KeptState,
    Outbox,
    Silences,
)
from summit_connector.domain.incident import HELD_FIELDS, IncidentUpdate, ListedIncident, NewIncident, TicketReading
from summit_connector.domain.model import DailyJob, Documentation, FailedDailyJob, FailureEvent, JobLog
from summit_connector.domain.silences import Silence


class InMemoryDailyJobs(DailyJobs):
    """OpCon's Daily tables for the jobs given; `tickets` and `documentation` record the write-backs by uid.

    A job's `id` is the event's job key, as OpCon's daily job ids are. `failed` holds the jobs OpCon lists as
    failed, by job key, with their status category (`add_failed`).
    """

    def __init__(self, jobs: list[DailyJob] | None = None) -> None:
        self.jobs: dict[str, DailyJob] = {job.id: job for job in jobs or []}
        self.failed: dict[str, tuple[FailureEvent, str]] = {}
        self.tickets: dict[int, tuple[str, str]] = {}
        self.documentation: dict[int, Documentation] = {}
        self.unavailable = ""

    def add_failed(self, event: FailureEvent, job: DailyJob | None = None, status_category: str = "Failed") -> DailyJob:
        """Lists the job among the failed ones of its schedule date; `find(event)` returns it too. Without `job`,
        one is made from the event (the next free uid). Another `status_category` stands for a job OpCon still lists
        but no longer holds as failed."""
        job = job or DailyJob(event.job_key, max((known.uid for known in self.jobs.values()), default=0) + 1,
                              event.job)
        self.jobs[job.id] = job
        self.failed[event.job_key] = (event, status_category)
        return job

    def find(self, event: FailureEvent) -> DailyJob | None:
        self._check()
        return self.jobs.get(event.job_key)

    def failed_on(self, dates: Sequence[date]) -> list[FailedDailyJob]:
        """The listed jobs of those dates as they are now (a ticket written back shows) whose category is still
        Failed, as the OpCon adapter checks it on its side."""
        self._check()
        wanted = set(dates)
        return [FailedDailyJob(event, self.jobs.get(key, DailyJob(key, 0, event.job)), category)
                for key, (event, category) in self.failed.items()
                if event.schedule_date in wanted and category.strip().casefold() == "failed"]

    def record_ticket(self, job: DailyJob, ticket_number: str, ticket_url: str) -> None:
        self._check()
        self.tickets[job.uid] = (ticket_number, ticket_url)
        self._replace(job, incident_ticket_id=ticket_number)

    def write_documentation(self, job: DailyJob, documentation: Documentation) -> None:
        self._check()
        self.documentation[job.uid] = documentation
        self._replace(job, documentation=documentation)

    def _replace(self, job: DailyJob, **changes: object) -> None:
        current = self.jobs.get(job.id, job)
        self.jobs[job.id] = replace(current, **changes)

    def _check(self) -> None:
        if self.unavailable:
            raise OpConUnavailable(self.unavailable)


class InMemoryIncidents(Incidents, IncidentList):
    """Summit's incidents, numbered from `first_ticket`, and its incident list (B-15.2).

    `created` maps ticket number → the NewIncident sent; `statuses`, `updates` and `attachments` are by ticket
    number too. `add_existing("4711", "Resolved")` seeds a ticket that was opened before the test. `held` are the
    fields an update re-sends (B-4.5) as each ticket holds them: the last non-empty value sent, or seeded
    (`add_existing("4711", "New", (("Medium", "Phone"),))`); `read` returns them with the status.

    `listed` is each created ticket as the incident list shows it: Symptom = the description sent, Caller_EmailId,
    the CustomFields, and Logged_Time = `clock`'s time at the create (None without a clock); the list shows the
    status a ticket has now. `add_listed` seeds an incident the list shows. `touched` is when each ticket was last
    created or updated (by `clock`); a ticket without a time is in every `updated_since`. Set `list_unreadable` to
    a message to make only the list fail (SummitRejected), `answer_lost` to make a create land and then fail
    (SummitUnavailable, maybe processed).
    """

    def __init__(self, first_ticket: int = 1001, clock: Clock | None = None) -> None:
        self.created: dict[str, NewIncident] = {}
        self.statuses: dict[str, str] = {}
        self.held: defaultdict[str, dict[str, str]] = defaultdict(dict)
        self.updates: defaultdict[str, list[IncidentUpdate]] = defaultdict(list)
        self.attachments: defaultdict[str, list[JobLog]] = defaultdict(list)
        self.listed: dict[str, ListedIncident] = {}
        self.touched: dict[str, datetime | None] = {}
        self.clock = clock
        self._next = first_ticket
        self.unavailable = ""
        self.rejected = ""
        self.list_unreadable = ""
        self.answer_lost = ""

    def add_existing(self, ticket_number: str, status: str, held: tuple[tuple[str, str], ...] = ()) -> None:
        self.statuses[ticket_number] = status
        self._hold(ticket_number, held)

    def add_listed(self, incident: ListedIncident) -> None:
        """An incident Summit holds (made by someone else, or by a create whose answer was lost), as listed; it
        was last touched at its logged time."""
        self.statuses[incident.ticket] = incident.status
        self._hold(incident.ticket, (("Caller_EmailID", incident.caller_email),))
        self.listed[incident.ticket] = incident
        self.touched[incident.ticket] = incident.logged_time

    def create(self, incident: NewIncident) -> str:
        self._check()
        number = str(self._next)
        self._next += 1
        self.created[number] = incident
        self.statuses[number] = incident.status
        self._hold(number, incident.attributes)
        self._list(number, incident)
        if self.answer_lost:
            raise SummitUnavailable(self.answer_lost, maybe_processed=True)
        return number

    def update(self, update: IncidentUpdate) -> None:
        self._check()
        if update.ticket_number not in self.statuses:
            raise SummitRejected(f"ticket {update.ticket_number} does not exist")
        self.statuses[update.ticket_number] = update.status or self.statuses[update.ticket_number]
        self.updates[update.ticket_number].append(update)
        self._hold(update.ticket_number, (*update.held, *update.attributes))
        self.touched[update.ticket_number] = self._now()

    def read(self, ticket_number: str) -> TicketReading | None:
        self._check()
        status = self.statuses.get(ticket_number)
        if status is None:
            return None
        held = self.held[ticket_number]
        return TicketReading(status, tuple((name, held[name]) for name in HELD_FIELDS if name in held))

    def updated_since(self, statuses: Sequence[str], since: date) -> list[ListedIncident]:
        """Tickets in one of `statuses` (any case) touched on or after the day `since`, by ticket number."""
        self._check()
        if self.list_unreadable:
            raise SummitRejected(self.list_unreadable)
        wanted = {status.casefold() for status in statuses}
        return [listed for listed in map(self._listed_now, list(self.statuses)) if listed.status.casefold() in wanted
                and _on_or_after(self.touched.get(listed.ticket), since)]

    def _listed_now(self, ticket_number: str) -> ListedIncident:
        """As listed, with the status the ticket has now; a ticket seeded without a listing shows its caller only."""
        caller = self.held[ticket_number].get("Caller_EmailID", "")
        listed = self.listed.get(ticket_number) or ListedIncident(ticket_number, "", caller, None)
        return replace(listed, status=self.statuses[ticket_number])

    def _hold(self, ticket_number: str, fields: tuple[tuple[str, str], ...]) -> None:
        self.held[ticket_number].update((name, value) for name, value in fields if name in HELD_FIELDS and value)

    def _list(self, number: str, incident: NewIncident) -> None:
        custom = tuple((field.group_name, field.name, field.value) for field in incident.custom_fields)
        caller = self.held[number].get("Caller_EmailID", "")
        self.touched[number] = now = self._now()
        self.listed[number] = ListedIncident(number, incident.description, caller, now, incident.status, custom)

    def _now(self) -> datetime | None:
        return self.clock.now() if self.clock is not None else None

    def attach(self, ticket_number: str, log: JobLog) -> None:
        self._check()
        self.attachments[ticket_number].append(log)

    def _check(self) -> None:
        if self.unavailable:
            raise SummitUnavailable(self.unavailable)
        if self.rejected:
            raise SummitRejected(self.rejected)


def _on_or_after(touched: datetime | None, since: date) -> bool:
    return touched is None or touched.date() >= since


class InMemoryJobLogs(JobLogs):
    """Job output files by daily job uid."""

    def __init__(self, logs: dict[int, list[JobLog]] | None = None) -> None:
        self.logs = logs or {}
        self.unavailable = ""

    def fetch(self, job: DailyJob) -> list[JobLog]:
        if self.unavailable:
            raise OpConUnavailable(self.unavailable)
        return list(self.logs.get(job.uid, []))


class InMemoryOutbox(Outbox):
    """Kept events by id in `entries`; delivered ones are removed."""

    def __init__(self) -> None:
        self.entries: dict[int, KeptEvent] = {}
        self._next = 1

    def keep(self, event: FailureEvent, template: str, kept_at: datetime, failure: KeptFailure) -> KeptEvent:
        kept = KeptEvent(self._next, event, template, kept_at, failure.ticket_number, failure.state, 1,
                         failure.message, failure.settling, failure.cause)
        self.entries[kept.id] = kept
        self._next += 1
        return kept

    def pending(self, states: Collection[KeptState] = (KeptState.PENDING,)) -> list[KeptEvent]:
        return [kept for kept in self.entries.values() if kept.state in states]

    def get(self, kept_id: int) -> KeptEvent | None:
        return self.entries.get(kept_id)

    def failed_again(self, kept_id: int, failure: KeptFailure) -> None:
        kept = self.entries[kept_id]
        self.entries[kept_id] = replace(kept, attempts=kept.attempts + 1, last_error=failure.message,
                                        state=failure.state, ticket_number=failure.ticket_number,
                                        settling=failure.settling, cause=failure.cause)

    def delivered(self, kept_id: int) -> None:
        self.entries.pop(kept_id, None)


class InMemoryJobLocks(JobLocks):
    """Real locks within one process; `held` records every job key locked, in order."""

    def __init__(self) -> None:
        self.held: list[str] = []
        self._locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)

    @contextmanager
    def hold(self, job_key: str) -> Iterator[None]:
        with self._locks[job_key]:
            self.held.append(job_key)
            yield



class InMemoryJournal(Journal):
    """Entries in `entries`, oldest first; one per incident and job, as in the state store."""

    def __init__(self) -> None:
        self.entries: list[JournalEntry] = []

    def intend(self, event: FailureEvent, template: str, at: datetime, daily_job_id: str, group_key: str = "") -> int:
        return self._add("", event, template, at, daily_job_id, group_key, opened=True)

    def created(self, intent_id: int, ticket: str) -> None:
        self._change(lambda entry: entry.id == intent_id, ticket=ticket)

    def touched(self, ticket: str, event: FailureEvent, template: str, at: datetime, daily_job_id: str,
                group_key: str = "") -> None:
        if not any(entry.ticket == ticket and entry.event.job_key == event.job_key for entry in self.entries):
            self._add(ticket, event, template, at, daily_job_id, group_key, opened=False)
        else:
            self._change(lambda entry: entry.ticket == ticket and entry.event.job_key == event.job_key,
                         recovered=False)

    def written_back(self, ticket: str) -> None:
        self._change(lambda entry: entry.ticket == ticket, written_back=True)

    def abandon_intents(self, job_key: str) -> None:
        self._change(lambda entry: entry.event.job_key == job_key and not entry.ticket, abandoned=True)

    def for_job(self, job_key: str) -> list[JournalEntry]:
        return [entry for entry in self.entries if entry.event.job_key == job_key]

    def for_ticket(self, ticket: str) -> list[JournalEntry]:
        return [entry for entry in self.entries if ticket and entry.ticket == ticket]

    def recovered(self, ticket: str, job_key: str) -> None:
        self._change(lambda entry: entry.ticket == ticket and entry.event.job_key == job_key, recovered=True)

    def tracked(self) -> list[JournalEntry]:
        return [entry for entry in self.entries if entry.tracking and entry.ticket]

    def saw_status(self, ticket: str, status: str) -> None:
        self._change(lambda entry: entry.ticket == ticket, last_status_seen=status)

    def acted_on(self, ticket: str, status: str) -> None:
        self._change(lambda entry: entry.ticket == ticket, last_status_acted=status)

    def stop_tracking(self, ticket: str) -> None:
        self._change(lambda entry: entry.ticket == ticket, tracking=False)

    def group_incident(self, group_key: str, since: datetime | None) -> JournalEntry | None:
        found = [entry for entry in self.entries if entry.group_key == group_key and entry.opened and entry.ticket
                 and not entry.group_ended and (since is None or entry.created_at > since)]
        return max(found, key=lambda entry: (entry.created_at, entry.id), default=None)

    def end_group(self, group_key: str) -> None:
        self._change(lambda entry: entry.group_key == group_key, group_ended=True)

    def _add(self, ticket: str, event: FailureEvent, template: str, at: datetime, daily_job_id: str, group_key: str,
             opened: bool) -> int:
        entry = JournalEntry(len(self.entries) + 1, ticket, event, template, at, opened, daily_job_id=daily_job_id,
                             group_key=group_key)
        self.entries.append(entry)
        return entry.id

    def _change(self, chosen: Callable[[JournalEntry], bool], **changes: object) -> None:
        self.entries = [replace(entry, **changes) if chosen(entry) else entry for entry in self.entries]


class InMemoryHistory(History):
    """Events in `events`, oldest first; with `keep_days`, `append` prunes what is older than that before the event."""

    def __init__(self, keep_days: int | None = None) -> None:
        self.events: list[HistoryEvent] = []
        self.keep_days = keep_days

    def append(self, event: HistoryEvent) -> None:
        self.events.append(event)
        if self.keep_days is not None:
            self.prune(event.time - timedelta(days=self.keep_days))

    def query(self, job: str | None = None, schedule: str | None = None, since: datetime | None = None,
              limit: int = 50) -> list[HistoryEvent]:
        chosen = [event for event in reversed(self.events) if (job is None or event.job == job)
                  and (schedule is None or event.schedule == schedule) and (since is None or event.time >= since)]
        return sorted(chosen, key=lambda event: event.time, reverse=True)[:limit]

    def prune(self, before: datetime) -> int:
        kept = [event for event in self.events if event.time >= before]
        pruned, self.events = len(self.events) - len(kept), kept
        return pruned


class InMemoryJobActions(JobActions):
    """OpCon's job actions: `applied` lists (daily job id, action, reason); jobs in `gone` answer 404; set
    `unavailable` or `refused` to a message to make every call fail that way."""

    def __init__(self) -> None:
        self.applied: list[tuple[str, str, str]] = []
        self.gone: set[str] = set()
        self.unavailable = ""
        self.refused = ""

    def apply(self, daily_job_id: str, action: str, reason: str) -> str:
        if self.unavailable:
            raise OpConUnavailable(self.unavailable)
        if daily_job_id in self.gone:
            raise OpConError(f"Daily job '{daily_job_id}' was not found", status_code=404)
        if self.refused:
            raise OpConError(self.refused)
        self.applied.append((daily_job_id, action, reason))
        return "success"


class InMemorySilences(Silences):
    """Silences by id in `silences`; `expire` moves a silence's `ends` back to then, never forward."""

    def __init__(self, silences: list[Silence] | None = None) -> None:
        self.silences: dict[int, Silence] = {silence.id: silence for silence in silences or []}

    def add(self, job: str, schedule: str, agent: str, tag: str, starts: datetime, ends: datetime, comment: str,
            author: str) -> Silence:
        silence = Silence(max(self.silences, default=0) + 1, job, schedule, agent, tag, starts, ends, comment, author)
        self.silences[silence.id] = silence
        return silence

    def listed(self, include_expired: bool, now: datetime) -> list[Silence]:
        return [silence for _, silence in sorted(self.silences.items()) if include_expired or silence.active(now)]

    def expire(self, silence_id: int, now: datetime) -> Silence | None:
        silence = self.silences.get(silence_id)
        if silence is not None:
            self.silences[silence_id] = silence = replace(silence, ends=min(silence.ends, now))
        return silence
