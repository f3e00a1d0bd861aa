"""Crash safety (B-9.1): the intent of a create is journaled before it is sent and its number right after, so
the next run for the job never creates blindly. Over the in-memory ports."""

import pytest

from summit_connector.adapters.memory import (
    FixedClock,
    InMemoryDailyJobs,
    InMemoryIncidents,
    InMemoryJobLocks,
    InMemoryJobLogs,
    InMemoryJournal,
    InMemoryOutbox,
)
from summit_connector.application.delivery import Delivery, KeptForRetry
from summit_connector.application.errors import OutboxUnavailable
from summit_connector.application.ports import KeptState
from summit_connector.application.report import Action, ReportFailure

from tests.unit.factories import NOW, make_delivery, make_event, make_job, make_settings, make_template, state_ports

JOB = make_job()


class Lab:
    def __init__(self) -> None:
        self.daily_jobs = InMemoryDailyJobs([JOB])
        self.incidents = InMemoryIncidents()
        self.journal = InMemoryJournal()
        self.outbox = InMemoryOutbox()
        self.delivery = make_delivery(self.report_for, self.outbox, InMemoryJobLocks(), FixedClock(NOW), self.journal)

    def report_for(self, template: str) -> ReportFailure:
        return ReportFailure(self.daily_jobs, self.incidents, InMemoryJobLogs(), FixedClock(NOW), make_template(),
                             make_settings(), **state_ports(self.journal), template_key=template)

    def crashed_after_sending(self) -> None:
        """A run that journaled its intent and was killed before Summit's answer was recorded."""
        self.journal.intend(make_event(), "basic", NOW, JOB.id)

    def crashed_before_the_write_back(self, ticket: str) -> None:
        self.journal.created(self.journal.intend(make_event(), "basic", NOW, JOB.id), ticket)
        self.incidents.add_existing(ticket, "New")


def test_a_create_journals_its_number_and_the_write_back():
    lab = Lab()

    outcome = lab.delivery.report(make_event(), "basic")

    [entry] = lab.journal.entries
    assert (entry.ticket, entry.opened, entry.written_back, entry.template) == (outcome.ticket_number, True, True,
                                                                                "basic")


def test_an_intent_without_a_number_holds_back_the_next_create_as_uncertain_b_9_1():
    lab = Lab()
    lab.crashed_after_sending()

    with pytest.raises(KeptForRetry) as kept:
        lab.delivery.report(make_event(), "basic")

    assert kept.value.kept.state is KeptState.UNCERTAIN
    assert lab.incidents.created == {}


def test_a_number_opcon_never_took_is_updated_and_written_back_by_the_next_run_b_9_1():
    lab = Lab()
    lab.crashed_before_the_write_back("5001")

    outcome = lab.delivery.report(make_event(termination="-2"), "basic")

    assert (outcome.action, outcome.ticket_number) == (Action.UPDATED, "5001")
    assert lab.incidents.created == {} and lab.daily_jobs.tickets[JOB.uid][0] == "5001"
    assert lab.journal.for_job(JOB.id)[0].written_back


def test_a_create_summit_certainly_refused_leaves_no_intent_behind():
    lab = Lab()
    lab.incidents.rejected = "Category_Name is not valid"
    with pytest.raises(KeptForRetry):
        lab.delivery.report(make_event(), "basic")
    lab.incidents.rejected = ""

    lab.delivery.replay({KeptState.REJECTED})

    assert list(lab.incidents.created) == ["1001"]


def test_retry_uncertain_is_the_operator_saying_summit_has_none_so_the_intent_stops_holding_back_b_9_2():
    lab = Lab()
    lab.crashed_after_sending()
    with pytest.raises(KeptForRetry):
        lab.delivery.report(make_event(), "basic")

    [replay] = lab.delivery.replay({KeptState.UNCERTAIN})

    assert replay.outcome is not None and replay.outcome.action is Action.CREATED
    assert list(lab.incidents.created) == ["1001"]


class FullJournal(InMemoryJournal):
    def intend(self, *args: object, **kwargs: object) -> int:
        raise OutboxUnavailable("summit-connector.sqlite3: disk full")


def test_an_unusable_journal_never_stops_the_delivery_b_9_3():
    lab = Lab()
    lab.journal = FullJournal()

    outcome = lab.delivery.report(make_event(), "basic")

    assert outcome.action is Action.CREATED
    assert any("disk full" in warning for warning in outcome.warnings)
