"""A store or lock that cannot be used never stops the delivery of the current failure (B-9.3): it goes ahead with a
warning naming the file and the cause; the exit code and message then describe the delivery, not the store."""

from contextlib import contextmanager

import pytest

from summit_connector.adapters.memory import InMemoryJobLocks, InMemoryJournal, InMemoryOutbox
from summit_connector.application.delivery import Delivery, KeptForRetry, NotKept
from summit_connector.application.errors import LockUnavailable, OutboxUnavailable
from summit_connector.application.report import Action
from summit_connector.entrypoints.exit_codes import ExitCode, exit_code_for

from tests.unit.factories import make_delivery, make_event
from tests.unit.application.test_delivery import Lab

STORE = "state store /install/summit-connector.sqlite3: file is not a database"
LOCK = "lock file /install/summit-connector-locks/ab.lock could not be created (Permission denied)"


class UnusableLocks(InMemoryJobLocks):
    @contextmanager
    def hold(self, job_key: str):
        raise LockUnavailable(LOCK)
        yield  # pragma: no cover - never reached


class DamagedOutbox(InMemoryOutbox):
    def keep(self, *args, **kwargs):
        raise OutboxUnavailable(STORE)

    def for_job(self, job_key):
        raise OutboxUnavailable(STORE)


class DamagedJournal(InMemoryJournal):
    def for_job(self, job_key):
        raise OutboxUnavailable(STORE)


def lab_with(locks=None, outbox=None, journal=None) -> Lab:
    lab = Lab()
    lab.delivery = make_delivery(lab.report_for, outbox or lab.outbox, locks or lab.locks, lab.clock, journal)
    return lab


def test_a_lock_that_cannot_be_created_delivers_anyway_with_a_warning_naming_the_file_b_9_3():
    lab = lab_with(locks=UnusableLocks())

    outcome = lab.delivery.report(make_event(), "basic")

    assert outcome.action is Action.CREATED and outcome.ticket_number == "1001"
    assert f"{LOCK}; this run went ahead without it" in outcome.warnings


def test_a_lock_that_another_run_holds_too_long_still_keeps_the_event():
    """Only an unusable lock is skipped; a held one still serialises the runs (B-9)."""
    from summit_connector.application.errors import LockTimeout

    class HeldLocks(InMemoryJobLocks):
        @contextmanager
        def hold(self, job_key):
            raise LockTimeout("another run held the lock for J longer than 120 s")
            yield  # pragma: no cover

    lab = lab_with(locks=HeldLocks())

    with pytest.raises(KeptForRetry):
        lab.delivery.report(make_event(), "basic")

    assert lab.incidents.created == {}


def test_an_unreadable_store_delivers_anyway_and_says_once_what_was_not_read_b_9_3():
    lab = lab_with(outbox=DamagedOutbox(), journal=DamagedJournal())

    outcome = lab.delivery.report(make_event(), "basic")

    assert outcome.action is Action.CREATED
    assert f"kept failures of this job could not be read, none counted: {STORE}" in outcome.warnings
    assert f"the incident journal of this job could not be read, none counted: {STORE}" in outcome.warnings
    assert len(outcome.warnings) == len(set(outcome.warnings))


def test_a_delivery_failure_that_cannot_be_kept_tells_the_delivery_first_and_exits_3_b_9_3():
    lab = lab_with(outbox=DamagedOutbox())
    lab.incidents.unavailable = "Summit answered HTTP 503"

    with pytest.raises(NotKept) as not_kept:
        lab.delivery.report(make_event(), "basic")

    message = str(not_kept.value)
    assert message.startswith("Summit did not take the incident:")
    assert message.index("HTTP 503") < message.index(STORE)
    assert "could NOT be kept for retry" in message
    assert exit_code_for(not_kept.value) is ExitCode.NOT_DELIVERED
