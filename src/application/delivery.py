"""Nothing lost, nothing duplicated (B-9): one run per job at a time, failures kept, kept ones replayed."""

import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from typing import NoReturn

from summit_connector.application.errors import (
    ConnectorError,
    DeliveryFailed,
    InvalidInput,
    LockTimeout,
    OutboxUnavailable,
    RecoveryHeldBack,
    SummitRejected,
    Transient,
    described,
)
from summit_connector.application.groups import holding
from summit_connector.application.kept import KeptTraces
from summit_connector.application.ports import (
    Clock,
    CreateIntents,
    JobLocks,
    KeptEvent,
    KeptFailure,
    KeptState,
    Outbox,
)
from summit_connector.application.recover import RecoverJob
from summit_connector.application.report import ReportFailure, ReportOutcome
from summit_connector.application.settle import SettleUncertain
from summit_connector.domain.decision import KeptForJob
from summit_connector.domain.model import FailureEvent
from summit_connector.domain.settling import SettleVerdict, Settling


CERTIFICATE = "certificate"
"""The cause kept with an entry whose Summit (or proxy) TLS certificate was refused (B-9.4)."""


class KeptForRetry(ConnectorError):
    """The report failed and the event is in the outbox (exit 1)."""

    def __init__(self, kept: KeptEvent, failure: Exception) -> None:
        super().__init__(f"{kept.last_error}; kept for retry as outbox entry {kept.id} ({kept.state})")
        self.kept = kept
        self.failure = failure


class NotKept(ConnectorError):
    """The report failed and the outbox could not keep it either (exit 3): the message tells the delivery's
    failure first, then why it is not kept (B-9.3)."""

    def __init__(self, reason: KeptFailure, unusable: ConnectorError) -> None:
        super().__init__(f"{reason.message}; it could NOT be kept for retry: {unusable}")
        self.reason = reason
        self.unusable = unusable


@dataclass(frozen=True)
class Replay:
    kept: KeptEvent
    outcome: ReportOutcome | None = None
    error: str = ""
    transient: bool = False


HANDED = "handed to the service; not delivered yet"


class InFlight:
    """The outbox entries a service is delivering right now (B-14.2): its replays leave them to their hand-off."""

    def __init__(self) -> None:
        self._ids: set[int] = set()
        self._lock = threading.Lock()

    def add(self, kept_id: int) -> None:
        with self._lock:
            self._ids.add(kept_id)

    def discard(self, kept_id: int) -> None:
        with self._lock:
            self._ids.discard(kept_id)

    def __contains__(self, kept_id: object) -> bool:
        with self._lock:
            return kept_id in self._ids

    def __len__(self) -> int:
        with self._lock:
            return len(self._ids)


class Delivery:
    """`reports(template_name)` builds the report use case for a template (kept events name their own);
    `recoveries(template_name)` the recover use case, for events with a recovery trigger (B-11.2). `traces` read
    what the outbox and the journal hold for a job; `intents` are let go when an uncertain create is replayed;
    `settlers(template_name)` look for the incident an uncertain create made (B-15.2)."""

    def __init__(self, reports: Callable[[str], ReportFailure], recoveries: Callable[[str], RecoverJob],
                 settlers: Callable[[str], SettleUncertain], outbox: Outbox, locks: JobLocks, clock: Clock,
                 traces: KeptTraces, intents: CreateIntents, in_flight: InFlight | None = None) -> None:
        self._in_flight = in_flight if in_flight is not None else InFlight()
        self._reports = reports
        self._recoveries = recoveries
        self._settlers = settlers
        self._outbox = outbox
        self._locks = locks
        self._clock = clock
        self._traces = traces
        self._intents = intents

    def report(self, event: FailureEvent, template: str) -> ReportOutcome:
        """Raises KeptForRetry when the event could not be delivered but is safely kept, NotKept when it could
        not be kept either.

        Under the job's lock, kept failures of the same job count: an incident whose number OpCon has not taken
        yet is the job's incident, and one that may exist holds back any new incident. A recovery is routed to
        the recover use case. A lock or store that cannot be used never stops the delivery (B-9.3): the outcome
        carries a warning naming the file and the cause.
        """
        return self._delivered(event, template, lambda: True)

    def handed(self, event: FailureEvent, template: str) -> KeptEvent:
        """B-14.2: a hand-off recorded before the service acknowledges it: a pending outbox entry, which this
        service delivers now (`report_handed`) and any replay finishes if it does not. Raises OutboxUnavailable."""
        kept = self._outbox.keep(event, template, self._clock.now(), KeptFailure(HANDED, KeptState.PENDING))
        self._in_flight.add(kept.id)
        return kept

    def report_handed(self, kept: KeptEvent) -> ReportOutcome | None:
        """Delivers a recorded hand-off as `report` delivers its event; None when another run finished it
        meanwhile. When it cannot be delivered, its own entry is what is kept: KeptForRetry names it. Whoever
        recorded the hand-off lets it out of `in_flight` once its run ended, delivered or not."""
        return self._delivered(kept.event, kept.template, lambda: self._outbox.get(kept.id) is not None, handed=kept)

    def report_if_due(self, event: FailureEvent, template: str, still_due: Callable[[], bool]
                      ) -> ReportOutcome | None:
        """As `report`, but `still_due` is asked first under the locks (`reconcile`, B-15.1): when another run
        decided the failure meanwhile, nothing is read or sent and None is returned."""
        return self._delivered(event, template, still_due)

    def _delivered(self, event: FailureEvent, template: str, still_due: Callable[[], bool],
                   handed: KeptEvent | None = None) -> ReportOutcome | None:
        """`handed`: the hand-off's own entry, left out of the job's kept traces, kept again on failure and
        removed once delivered."""
        now, reports, warnings = handed.kept_at if handed else self._clock.now(), cache(self._reports), []
        exclude = handed.id if handed else None
        try:
            with holding(self._locks, self._lock_keys(event, template, reports), warnings):
                if not still_due():
                    return None
                if event.trigger.is_recovery:
                    outcome = self._recover(event, template, now, exclude, warnings)
                else:
                    outcome = reports(template)(event, now, self._kept_for_job(event, exclude, warnings))
        except InvalidInput:
            if handed is not None:
                self._outbox.delivered(handed.id)
            raise
        except DeliveryFailed as failure:
            self._keep(event, template, now, kept_failure(failure), failure, handed)
        except LockTimeout as timeout:
            self._keep(event, template, now, KeptFailure(str(timeout)), timeout, handed)
        except Exception as unexpected:  # noqa: BLE001 - whatever went wrong, the failure is kept
            reason = KeptFailure(f"unexpected {type(unexpected).__name__} while reporting {event.job}; Summit may "
                                 "have the incident already", KeptState.UNCERTAIN)
            self._keep(event, template, now, reason, unexpected, handed)
        if handed is not None:
            self._outbox.delivered(handed.id)
        return replace(outcome, warnings=tuple(dict.fromkeys((*warnings, *outcome.warnings))))

    @staticmethod
    def _lock_keys(event: FailureEvent, template: str, reports: Callable[[str], ReportFailure]) -> tuple[str, ...]:
        """The group's lock before the job's (B-13.1). A report that cannot be built fails again under the job's
        lock, where its failure is handled as it always was."""
        if event.trigger.is_recovery:
            return (event.job_key,)
        try:
            return reports(template).lock_keys(event)
        except Exception:  # noqa: BLE001 - see the docstring
            return (event.job_key,)

    def _kept_for_job(self, event: FailureEvent, exclude: int | None = None, warnings: list[str] | None = None
                      ) -> KeptForJob:
        return self._traces.for_job(event.job_key, exclude, warnings)

    def _keep(self, event: FailureEvent, template: str, now: datetime, reason: KeptFailure,
              failure: Exception, handed: KeptEvent | None = None) -> NoReturn:
        try:
            kept = self._outbox.keep(event, template, now, reason) if handed is None else \
                self._kept_again(handed.id, reason)
        except ConnectorError as unusable:
            raise NotKept(reason, unusable) from failure
        raise KeptForRetry(kept, failure) from failure

    def _kept_again(self, kept_id: int, reason: KeptFailure) -> KeptEvent:
        self._outbox.failed_again(kept_id, reason)
        kept = self._outbox.get(kept_id)
        if kept is None:
            raise OutboxUnavailable(f"outbox entry {kept_id} vanished while it was being kept")
        return kept

    def replay(self, states: Collection[KeptState] = (KeptState.PENDING,)) -> list[Replay]:
        """Oldest first; stops at the first transient failure, since the ones after it would fail alike.

        Every replay also looks for the incidents uncertain creates made (B-15.2): one Summit's list shows is
        adopted, one that did not land is sent again once, the others stay uncertain. With UNCERTAIN in `states`
        (an operator checked Summit) an uncertain create the list does not show is created again."""
        forced, settlers = KeptState.UNCERTAIN in states, cache(self._settlers)  # one list read per template and day
        replays = []
        for kept in self._outbox.pending({*states, KeptState.UNCERTAIN}):
            if kept.id in self._in_flight or (kept.state is KeptState.UNCERTAIN and not (forced or
                                                                                         uncertain_create(kept))):
                continue
            replay = self._replay_one(kept, forced, settlers)
            if replay is not None:
                replays.append(replay)
                if replay.transient:
                    break
        return replays

    def _replay_one(self, kept: KeptEvent, forced: bool, settlers: Callable[[str], SettleUncertain]
                    ) -> Replay | None:
        reports = cache(self._reports)
        with holding(self._locks, self._lock_keys(kept.event, kept.template, reports)):
            current = self._outbox.get(kept.id)
            if current is None:
                return None
            settling = Settling.NONE
            if uncertain_create(current):
                healed = settlers(current.template)(current)
                if healed.adoption is not None:
                    return Replay(current, healed.adoption.outcome, healed.adoption.error)
                if healed.settlement.verdict is SettleVerdict.STAY and not forced:
                    self._outbox.failed_again(current.id, KeptFailure(current.last_error, KeptState.UNCERTAIN,
                                                                      settling=healed.settlement.settling))
                    return Replay(current, error=healed.settlement.reason)
                if healed.settlement.verdict is SettleVerdict.RESEND:
                    settling = Settling.RESENT
            try:
                outcome = self._resume(current, reports)
            except DeliveryFailed as failure:
                again = replace(kept_failure(failure, current.ticket_number), settling=settling)
                self._outbox.failed_again(current.id, again)
                return Replay(current, error=str(failure), transient=isinstance(failure.cause, Transient))
            except Exception as other:  # noqa: BLE001 - one bad entry must not stop the others or the new failure
                said = described(other)
                self._outbox.failed_again(current.id, KeptFailure(said, current.state, current.ticket_number))
                return Replay(current, error=said)
            self._outbox.delivered(current.id)
            return Replay(current, outcome)

    def _recover(self, event: FailureEvent, template: str, now: datetime, kept_id: int | None = None,
                 warnings: list[str] | None = None) -> ReportOutcome:
        """A recovery waits behind the job's earlier kept entries, so it reaches the incident their replay makes."""
        earlier = [k.id for k in self._traces.kept_entries(event.job_key, kept_id, warnings)
                   if kept_id is None or k.id < kept_id]
        if earlier:
            held = RecoveryHeldBack(f"the recovery of {event.job} waits behind outbox entry "
                                    f"{', '.join(map(str, earlier))} of the same job")
            raise DeliveryFailed(str(held), held)
        return self._recoveries(template)(event, now, self._kept_for_job(event, kept_id, warnings))

    def _resume(self, kept: KeptEvent, reports: Callable[[str], ReportFailure]) -> ReportOutcome:
        if kept.event.trigger.is_recovery:
            return self._recover(kept.event, kept.template, kept.kept_at, kept.id)
        report = reports(kept.template)
        if kept.ticket_number:
            return report.apply(report.plan_completion(kept.event, kept.ticket_number, kept.kept_at))
        if kept.state is KeptState.UNCERTAIN:
            self._intents.abandon_intents(kept.event.job_key)
        for_job = self._kept_for_job(kept.event, exclude=kept.id)
        if kept.state is KeptState.UNCERTAIN:
            for_job = replace(for_job, may_create=True)
        return report(kept.event, kept.kept_at, for_job)


def uncertain_create(kept: KeptEvent) -> bool:
    """An entry whose create Summit may have acted on, with no number known: the one self-healing settles."""
    return kept.state is KeptState.UNCERTAIN and not kept.ticket_number and not kept.event.trigger.is_recovery


def kept_failure(failure: DeliveryFailed, known_ticket: str = "") -> KeptFailure:
    """A known ticket is pending its write-back; an incident that may exist is uncertain, before any rejection."""
    ticket = failure.ticket_number or known_ticket
    if ticket:
        return KeptFailure(str(failure), KeptState.PENDING, ticket)
    if failure.incident_may_exist:
        return KeptFailure(str(failure), KeptState.UNCERTAIN)
    if isinstance(failure.cause, SummitRejected):
        cause = CERTIFICATE if failure.cause.certificate_refused else ""
        return KeptFailure(str(failure), KeptState.REJECTED, cause=cause)
    return KeptFailure(str(failure))

