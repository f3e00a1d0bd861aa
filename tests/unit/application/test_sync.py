"""Two-way sync (B-12): Summit's status of each journaled incident, acted on once on its OpCon daily job."""

from summit_connector.adapters.memory import (
    FixedClock,
    InMemoryHistory,
    InMemoryIncidents,
    InMemoryJobActions,
    InMemoryJournal,
)
from summit_connector.application.sync import Applied, Sync
from summit_connector.domain.status_sync import decide_sync
from summit_connector.domain.template import JobAction, SyncPolicy

from tests.unit.factories import NOW, make_event, make_template

TEMPLATE = "/connector/templates/basic.json"
JOB_ID = make_event().job_key


class Lab:
    def __init__(self, policy: SyncPolicy = SyncPolicy()) -> None:
        self.journal = InMemoryJournal()
        self.incidents = InMemoryIncidents()
        self.job_actions = InMemoryJobActions()
        self.history = InMemoryHistory()
        self.template = make_template(sync=policy)
        self.sync = Sync(self.journal, self.summit_for, self.job_actions, self.history, FixedClock(NOW))

    def summit_for(self, template: str):
        assert template == TEMPLATE
        return self.incidents, self.template

    def journaled(self, ticket: str = "10001", status: str = "New", job: str = "JOB001") -> str:
        event = make_event(job=job)
        self.journal.created(self.journal.intend(event, TEMPLATE, NOW, event.job_key), ticket)
        self.incidents.add_existing(ticket, status)
        return ticket

    def analyst_sets(self, ticket: str, status: str) -> None:
        self.incidents.statuses[ticket] = status

    def entry(self, ticket: str = "10001"):
        return next(entry for entry in self.journal.entries if entry.ticket == ticket)


def test_in_progress_marks_the_job_under_review_with_the_incident_in_the_reason_b_12_1():
    lab = Lab()
    ticket = lab.journaled(status="In-Progress")

    [result] = lab.sync()

    assert lab.job_actions.applied == [(JOB_ID, "markUnderReview", "Summit incident 10001 is In-Progress")]
    assert (result.applied, result.action, result.ended) == (Applied.SUCCEEDED, JobAction.MARK_UNDER_REVIEW, False)
    assert (lab.entry(ticket).last_status_seen, lab.entry(ticket).last_status_acted) == ("In-Progress", "In-Progress")


def test_each_status_change_is_acted_on_once_b_12_2():
    lab = Lab()
    lab.journaled(status="In-Progress")
    lab.sync()

    [again] = lab.sync()

    assert again.applied is Applied.NOTHING
    assert len(lab.job_actions.applied) == 1


def test_resolved_after_in_progress_marks_the_job_fixed_b_12_1():
    lab = Lab()
    ticket = lab.journaled(status="In-Progress")
    lab.sync()
    lab.analyst_sets(ticket, "Resolved")

    lab.sync()

    assert [action for _, action, _ in lab.job_actions.applied] == ["markUnderReview", "markFixed"]


def test_a_status_without_an_action_does_nothing_and_is_not_remembered_b_12_1():
    lab = Lab()
    lab.journaled(status="New")

    [result] = lab.sync()

    assert (result.applied, result.ended) == (Applied.NOTHING, False)
    assert lab.job_actions.applied == [] and lab.history.events == []


def test_statuses_match_the_policy_whatever_their_case_b_12_1():
    assert decide_sync(SyncPolicy(), "in-progress", "").action is JobAction.MARK_UNDER_REVIEW


def test_a_stop_on_status_ends_tracking_with_a_history_event_b_12_1():
    lab = Lab()
    ticket = lab.journaled(status="Closed")

    [result] = lab.sync()

    assert (result.applied, result.ended) == (Applied.NOTHING, True)
    assert lab.journal.tracked() == [] and lab.job_actions.applied == []
    [event] = lab.history.events
    assert (event.command, event.action, event.ticket, event.exit_code) == ("sync", "nothing", ticket, 0)
    assert "tracking ended" in event.reason


def test_a_stop_on_status_with_an_action_acts_then_ends_tracking_b_12_1():
    policy = SyncPolicy(on_status=(("Closed", JobAction.MARK_FINISHED_OK),), stop_on=("Closed",))
    lab = Lab(policy)
    lab.journaled(status="Closed")

    [result] = lab.sync()

    assert (result.applied, result.ended) == (Applied.SUCCEEDED, True)
    assert [action for _, action, _ in lab.job_actions.applied] == ["markFinishedOk"]
    assert lab.journal.tracked() == []


def test_a_template_policy_replaces_the_defaults_b_12_1():
    lab = Lab(SyncPolicy(on_status=(("Resolved", JobAction.RESTART),), stop_on=()))
    ticket = lab.journaled(status="In-Progress")
    lab.sync()
    lab.analyst_sets(ticket, "Closed")
    lab.sync()
    lab.analyst_sets(ticket, "Resolved")

    lab.sync()

    assert [action for _, action, _ in lab.job_actions.applied] == ["restart"]
    assert len(lab.journal.tracked()) == 1


def test_a_job_opcon_no_longer_knows_ends_tracking_with_a_history_event_b_12_2():
    lab = Lab()
    lab.journaled(status="In-Progress")
    lab.job_actions.gone.add(JOB_ID)

    [result] = lab.sync()

    assert (result.applied, result.ended, result.incomplete) == (Applied.JOB_GONE, True, False)
    assert lab.journal.tracked() == []
    [event] = lab.history.events
    assert event.action == "nothing" and "no longer knows" in event.reason


def test_an_opcon_that_cannot_be_reached_leaves_the_change_for_the_next_pass_b_12_2():
    lab = Lab()
    lab.journaled(status="In-Progress")
    lab.job_actions.unavailable = "connection refused"

    [result] = lab.sync()
    lab.job_actions.unavailable = ""
    [retried] = lab.sync()

    assert (result.applied, result.incomplete) == (Applied.NEXT_PASS, True)
    assert retried.applied is Applied.SUCCEEDED
    assert [event.action for event in lab.history.events] == ["synced"]


def test_a_status_summit_cannot_give_leaves_the_entry_for_the_next_pass_b_12_2():
    lab = Lab()
    lab.journaled(status="In-Progress")
    lab.incidents.unavailable = "Summit timed out"

    [result] = lab.sync()

    assert (result.applied, result.incomplete) == (Applied.NEXT_PASS, True)
    assert "Summit timed out" in result.detail
    assert lab.entry().last_status_seen == "" and lab.history.events == []


def test_an_action_opcon_refuses_is_remembered_and_not_tried_again_b_12_2():
    lab = Lab()
    lab.journaled(status="In-Progress")
    lab.job_actions.refused = "markUnderReview is not allowed on a job in status 'Finished OK'"

    [result] = lab.sync()
    [again] = lab.sync()

    assert (result.applied, result.incomplete) == (Applied.REFUSED, True)
    assert again.applied is Applied.NOTHING
    assert "not allowed" in lab.history.events[0].reason


def test_an_action_taken_is_one_synced_history_event_of_the_job_b_10_3():
    lab = Lab()
    lab.journaled(status="Resolved")

    lab.sync()

    [event] = lab.history.events
    assert (event.time, event.command, event.trigger, event.job, event.schedule, event.date) == (
        NOW, "sync", "", "JOB001", "PAYROLL", make_event().schedule_date.isoformat())
    assert (event.action, event.ticket, event.exit_code) == ("synced", "10001", 0)
    assert event.reason.startswith("markFixed on daily job")


def test_every_job_of_a_grouped_incident_gets_the_action_b_12_1():
    lab = Lab()
    lab.journaled(status="In-Progress")
    lab.journal.touched("10001", make_event(job="JOB002"), TEMPLATE, NOW, make_event(job="JOB002").job_key)

    results = lab.sync()

    assert [result.applied for result in results] == [Applied.SUCCEEDED, Applied.SUCCEEDED]
    assert {job for job, _, _ in lab.job_actions.applied} == {JOB_ID, make_event(job="JOB002").job_key}


def test_an_incident_whose_tracking_ended_is_not_read_again_b_12_1():
    lab = Lab()
    lab.journaled("10001", "Closed")
    lab.sync()
    lab.journaled("10002", "In-Progress", job="JOB002")

    results = lab.sync()

    assert [result.entry.ticket for result in results] == ["10002"]
