"""`retry --uncertain --adopt TICKET` (B-9.1, B-9.2): the operator names the incident an uncertain create made, and
the connector carries on with it as Summit's answer would have; `look_for` says what to look for in Summit first.
Over the in-memory ports."""

from datetime import timedelta

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
from summit_connector.application.adopt import Adopt, AdoptSubject, NotAdoptable, NotAdopted, look_for
from summit_connector.application.delivery import Delivery, KeptForRetry
from summit_connector.application.errors import InvalidInput, OpConUnavailable, OutboxUnavailable, SummitRejected
from summit_connector.application.ports import KeptFailure, KeptState
from summit_connector.application.report import Action, ReportFailure
from summit_connector.domain.incident import NewIncident
from summit_connector.domain.model import DailyJob, JobLog, Trigger
from summit_connector.domain.template import Rules, Template

from tests.unit.factories import (
    JOB_UID,
    NOW,
    make_delivery,
    make_event,
    make_job,
    make_settings,
    make_template,
    state_ports,
)

JOB = make_job()
LOG = JobLog("JOB001.log", b"step 2 failed: disk full\r\n")
TEMPLATE = "basic"


class PageAnsweringIncidents(InMemoryIncidents):
    """Summit logs the incident, then answers with a sign-in page: the number never reaches the connector."""

    def __init__(self) -> None:
        super().__init__()
        self.answers = False

    def create(self, incident: NewIncident) -> str:
        number = super().create(incident)
        if self.answers:
            return number
        raise SummitRejected("answered HTTP 200 with something other than a JSON object", maybe_processed=True)


class WriteBackRefusingDailyJobs(InMemoryDailyJobs):
    """OpCon that finds the job but refuses the ticket number while `refusing`."""

    refusing = True

    def record_ticket(self, job: DailyJob, ticket_number: str, ticket_url: str) -> None:
        if self.refusing:
            raise OpConUnavailable("connection reset by peer")
        super().record_ticket(job, ticket_number, ticket_url)


class Lab:
    def __init__(self, daily_jobs: InMemoryDailyJobs | None = None, template: Template | None = None,
                 journal: InMemoryJournal | None = None) -> None:
        self.daily_jobs = daily_jobs or InMemoryDailyJobs()
        self.daily_jobs.jobs[JOB.id] = JOB
        self.incidents = PageAnsweringIncidents()
        self.journal = journal or InMemoryJournal()
        self.outbox = InMemoryOutbox()
        self.locks = InMemoryJobLocks()
        self.template = template or make_template()
        self.delivery = make_delivery(self.report_for, self.outbox, self.locks, FixedClock(NOW), self.journal)
        self.adopt = Adopt(self.report_for, self.outbox, self.locks, self.journal, self.journal)

    def report_for(self, template: str) -> ReportFailure:
        return ReportFailure(self.daily_jobs, self.incidents, InMemoryJobLogs({JOB_UID: [LOG]}), FixedClock(NOW),
                             self.template, make_settings(), **state_ports(self.journal), template_key=template)

    def uncertain_create(self, **event: object) -> tuple[int, str]:
        """The kept entry's id and the number Summit gave the incident ("" when the create was held back)."""
        before = set(self.incidents.created)
        with pytest.raises(KeptForRetry) as kept:
            self.delivery.report(make_event(**event), TEMPLATE)
        assert kept.value.kept.state is KeptState.UNCERTAIN
        return kept.value.kept.id, "".join(set(self.incidents.created) - before)

    def unchanged(self) -> tuple:
        return (dict(self.outbox.entries), list(self.journal.entries), dict(self.daily_jobs.tickets),
                dict(self.incidents.attachments))


def test_adopting_writes_the_number_back_attaches_the_log_and_delivers_the_entry_b_9_2():
    lab = Lab()
    kept_id, number = lab.uncertain_create()

    adoption = lab.adopt(number, kept_id)

    assert adoption.outcome is not None and adoption.error == ""
    assert (adoption.outcome.action, adoption.outcome.ticket_number) == (Action.ADOPTED, number)
    assert "adopted" in adoption.outcome.reason
    assert lab.daily_jobs.tickets[JOB_UID][0] == number
    assert lab.incidents.attachments == {number: [LOG]}
    assert list(lab.incidents.created) == [number]
    assert lab.outbox.entries == {}
    assert JOB.id in lab.locks.held


def test_the_journal_knows_the_incident_so_the_job_is_no_longer_held_back_b_9_1():
    lab = Lab()
    kept_id, number = lab.uncertain_create()

    lab.adopt(number, kept_id)

    [entry] = lab.journal.entries
    assert (entry.ticket, entry.opened, entry.written_back, entry.is_intent) == (number, True, True, False)


def test_the_next_failure_of_the_job_updates_the_adopted_incident_b_9_1():
    lab = Lab()
    kept_id, number = lab.uncertain_create()
    lab.adopt(number, kept_id)
    lab.incidents.answers = True

    outcome = lab.delivery.report(make_event(termination="-2"), TEMPLATE)

    assert (outcome.action, outcome.ticket_number) == (Action.UPDATED, number)
    assert list(lab.incidents.created) == [number]


def test_the_one_uncertain_entry_needs_no_id_b_9_2():
    lab = Lab()
    _, number = lab.uncertain_create()

    adoption = lab.adopt(f" 0{number} ")

    assert adoption.outcome is not None and adoption.ticket_number == number
    assert lab.outbox.entries == {}


def test_the_entry_must_be_named_when_several_are_uncertain_and_nothing_changes_b_9_2():
    lab = Lab()
    lab.uncertain_create()
    lab.uncertain_create(job="JOB002")
    before = lab.unchanged()

    with pytest.raises(InvalidInput, match=r"2 uncertain entries are kept \(1, 2\): name the one"):
        lab.adopt("1001")

    assert lab.unchanged() == before


@pytest.mark.parametrize("ticket", ["", "   ", "INC-1001", "0", "10.5", "1" * 19, "١٠٠١"])
def test_a_ticket_that_is_no_summit_number_is_refused_and_nothing_changes_b_9_2(ticket):
    lab = Lab()
    kept_id, _ = lab.uncertain_create()
    before = lab.unchanged()

    with pytest.raises(InvalidInput, match="expected the number of the incident Summit created"):
        lab.adopt(ticket, kept_id)

    assert lab.unchanged() == before


def test_a_number_summit_does_not_know_is_refused_and_nothing_changes_b_9_2():
    lab = Lab()
    kept_id, _ = lab.uncertain_create()
    before = lab.unchanged()

    with pytest.raises(InvalidInput, match="Summit has no incident 4711"):
        lab.adopt("4711", kept_id)

    assert lab.unchanged() == before
    assert lab.journal.entries[0].is_intent


def test_summit_out_of_reach_adopts_nothing_b_9_2():
    lab = Lab()
    kept_id, number = lab.uncertain_create()
    lab.incidents.unavailable = "connection refused"
    before = lab.unchanged()

    with pytest.raises(NotAdopted, match="nothing was changed: Summit could not be asked"):
        lab.adopt(number, kept_id)

    assert lab.unchanged() == before


def test_an_unknown_entry_is_refused():
    lab = Lab()
    lab.uncertain_create()

    with pytest.raises(NotAdoptable, match="no such outbox entry") as refused:
        lab.adopt("1001", 9)

    assert (refused.value.subject, refused.value.kept_id) == (AdoptSubject.ENTRY, 9)


def test_no_uncertain_entry_is_refused():
    with pytest.raises(InvalidInput, match="no uncertain entry is kept"):
        Lab().adopt("1001")


@pytest.mark.parametrize("state", [KeptState.PENDING, KeptState.REJECTED])
def test_an_entry_that_is_not_uncertain_is_refused_and_nothing_changes_b_9_2(state):
    lab = Lab()
    kept = lab.outbox.keep(make_event(), TEMPLATE, NOW, KeptFailure("Summit down", state))
    lab.incidents.add_existing("4711", "New")
    before = lab.unchanged()

    with pytest.raises(InvalidInput, match=f"outbox entry 1 is {state.value}, not uncertain"):
        lab.adopt("4711", kept.id)

    assert lab.unchanged() == before


def test_a_recovery_entry_is_no_create_and_cannot_adopt():
    lab = Lab()
    recovery = make_event(trigger=Trigger.FINISHED_OK)
    kept = lab.outbox.keep(recovery, TEMPLATE, NOW, KeptFailure("unexpected KeyError", KeptState.UNCERTAIN))

    with pytest.raises(InvalidInput, match="is a recovery"):
        lab.adopt("1001", kept.id)


def test_a_failed_write_back_keeps_the_entry_pending_with_the_number_and_retry_only_writes_it_back_b_9_2():
    lab = Lab(daily_jobs=WriteBackRefusingDailyJobs())
    kept_id, number = lab.uncertain_create()

    adoption = lab.adopt(number, kept_id)
    kept = lab.outbox.entries[kept_id]
    lab.daily_jobs.refusing = False
    [replay] = lab.delivery.replay()

    assert adoption.outcome is None and f"incident {number} exists but writing it back" in adoption.error
    assert (kept.state, kept.ticket_number) == (KeptState.PENDING, number)
    assert lab.incidents.attachments == {number: [LOG]}
    assert replay.outcome is not None and replay.outcome.ticket_number == number
    assert lab.daily_jobs.tickets[JOB_UID][0] == number
    assert list(lab.incidents.created) == [number] and lab.outbox.entries == {}


def test_opcon_out_of_reach_keeps_the_entry_pending_with_the_number_never_to_be_created_again_b_9_2():
    lab = Lab()
    kept_id, number = lab.uncertain_create()
    lab.daily_jobs.unavailable = "connection refused"

    adoption = lab.adopt(number, kept_id)
    lab.daily_jobs.unavailable = ""
    lab.incidents.answers = True
    lab.delivery.replay()

    assert adoption.outcome is None and f"incident {number} was adopted, but" in adoption.error
    assert lab.journal.entries[0].ticket == number
    assert lab.daily_jobs.tickets[JOB_UID][0] == number
    assert list(lab.incidents.created) == [number] and lab.outbox.entries == {}


def test_the_daily_window_documentation_is_written_as_for_a_create_b_4_6():
    lab = Lab(template=make_template(rules=Rules(submit_single_incident_per_day=True)))
    kept_id, number = lab.uncertain_create()

    lab.adopt(number, kept_id)

    assert "2024-09-23" in lab.daily_jobs.documentation[JOB_UID].text


def test_no_log_is_attached_when_the_template_says_not_to():
    lab = Lab(template=make_template(rules=Rules(include_job_log_attachment=False)))
    kept_id, number = lab.uncertain_create()

    lab.adopt(number, kept_id)

    assert lab.incidents.attachments == {}
    assert lab.daily_jobs.tickets[JOB_UID][0] == number


def test_the_number_goes_to_the_intent_a_killed_run_left_b_9_1():
    lab = Lab()
    sent_at = NOW - timedelta(minutes=5)
    lab.journal.intend(make_event(termination="-7"), TEMPLATE, sent_at, JOB.id)
    lab.incidents.add_existing("4711", "New")
    kept_id, _ = lab.uncertain_create()  # held back by the intent: nothing is sent

    adoption = lab.adopt("4711", kept_id)

    assert adoption.outcome is not None
    assert [(entry.ticket, entry.created_at) for entry in lab.journal.entries] == [("4711", sent_at)]
    assert lab.incidents.created == {}


def test_without_an_intent_the_adopted_incident_is_journaled_as_created_b_9_1():
    lab = Lab()
    lab.incidents.add_existing("4711", "New")
    kept = lab.outbox.keep(make_event(), TEMPLATE, NOW, KeptFailure("unexpected KeyError", KeptState.UNCERTAIN))

    lab.adopt("4711", kept.id)

    [entry] = lab.journal.entries
    assert (entry.ticket, entry.opened, entry.written_back, entry.template) == ("4711", True, True, TEMPLATE)


class ReadOnlyJournal(InMemoryJournal):
    def created(self, intent_id: int, ticket: str) -> None:
        raise OutboxUnavailable("summit-connector.sqlite3: disk full")


def test_a_journal_that_cannot_be_written_is_a_warning_b_9_3():
    lab = Lab(journal=ReadOnlyJournal())
    kept_id, number = lab.uncertain_create()

    adoption = lab.adopt(number, kept_id)

    assert adoption.outcome is not None and lab.outbox.entries == {}
    assert any("disk full" in warning for warning in adoption.warnings)


def test_look_for_tells_when_the_create_was_sent_for_which_job_with_which_description_b_9_2():
    lab = Lab()
    kept_id, number = lab.uncertain_create()

    found = look_for(lab.outbox.pending(set(KeptState)), lab.journal, lambda name: lab.template)

    [(found_id, what)] = found.items()
    assert found_id == kept_id
    assert (what.sent_at, what.event, what.description) == (NOW, make_event(),
                                                             lab.incidents.created[number].description)


def test_look_for_takes_the_time_and_failure_of_the_intent_a_killed_run_left_b_9_1():
    lab = Lab(template=make_template(ticket_description="@EV_Job ended @EV_errorcode at @EV_Time"))
    sent_at = NOW - timedelta(minutes=5)
    lab.journal.intend(make_event(termination="-7"), TEMPLATE, sent_at, JOB.id)
    kept_id, _ = lab.uncertain_create()

    [what] = look_for(lab.outbox.pending(set(KeptState)), lab.journal, lambda name: lab.template).values()

    assert (what.sent_at, what.event.termination, what.description) == (sent_at, "-7", "JOB001 ended -7 at 10:25:00")


def test_look_for_leaves_out_other_states_and_survives_an_unreadable_template():
    lab = Lab()
    lab.outbox.keep(make_event(job="JOB002"), TEMPLATE, NOW, KeptFailure("Summit down"))
    kept_id, _ = lab.uncertain_create()

    def unreadable(name: str):
        raise InvalidInput(f"templates/{name}.json: not found")

    found = look_for(lab.outbox.pending(set(KeptState)), InMemoryJournal(), unreadable)

    assert list(found) == [kept_id]
    assert (found[kept_id].description, found[kept_id].unknown_because) == (
        "", "the template could not be read: templates/basic.json: not found")


def test_a_replayed_uncertain_entry_keeps_its_time_so_look_for_still_finds_its_intent():
    lab = Lab()
    kept_id, _ = lab.uncertain_create()
    lab.delivery.replay({KeptState.UNCERTAIN})  # the operator created it again; Summit answered with a page again

    [what] = look_for(lab.outbox.pending(set(KeptState)), lab.journal, lambda name: lab.template).values()

    assert what.sent_at == NOW and lab.outbox.entries[kept_id].state is KeptState.UNCERTAIN


def test_a_lock_that_cannot_be_created_does_not_stop_the_adoption_it_is_a_warning_b_9_3():
    from contextlib import contextmanager

    from summit_connector.application.errors import LockUnavailable

    class UnusableLocks(InMemoryJobLocks):
        @contextmanager
        def hold(self, job_key):
            raise LockUnavailable("lock file /install/summit-connector-locks/ab.lock could not be created")
            yield  # pragma: no cover - never reached

    lab = Lab()
    kept_id, number = lab.uncertain_create()
    lab.adopt = Adopt(lab.report_for, lab.outbox, UnusableLocks(), lab.journal, lab.journal)

    adoption = lab.adopt(number, kept_id)

    assert adoption.outcome is not None and lab.outbox.entries == {}
    assert any(w.endswith("could not be created; this run went ahead without it") for w in adoption.warnings)


def test_an_incident_the_journal_holds_for_another_job_is_refused_b_9_2():
    lab = Lab()
    kept_id, _ = lab.uncertain_create()
    other = make_event(job="JOB002")
    lab.journal.created(lab.journal.intend(other, TEMPLATE, NOW, ""), "4711")
    before = lab.unchanged()

    with pytest.raises(NotAdoptable, match="incident 4711 is the incident of job JOB002"):
        lab.adopt("4711", kept_id)

    assert lab.unchanged() == before
