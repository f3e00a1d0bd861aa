"""B-13.1: recovering one job of a group incident annotates it and names how many members are still failed; the
`recovery` action is applied by the last member's recovery."""

from summit_connector.adapters.memory import FixedClock, InMemoryDailyJobs, InMemoryIncidents, InMemoryJournal
from summit_connector.application.recover import RecoverJob
from summit_connector.domain.decision import Action
from summit_connector.domain.model import Trigger
from summit_connector.domain.template import Recovery, RecoveryAction

from tests.unit.factories import NOW, make_event, make_job, make_template

TICKET = "5001"
FIRST, SECOND, THIRD = (make_event(job=name) for name in ("JOB001", "JOB002", "JOB003"))


class Lab:
    def __init__(self) -> None:
        self.incidents = InMemoryIncidents()
        self.incidents.add_existing(TICKET, "New")
        self.journal = InMemoryJournal()
        self.journal.created(self.journal.intend(FIRST, "basic", NOW, "", "agent=WINAGENT01"), TICKET)
        for joined in (SECOND, THIRD):
            self.journal.touched(TICKET, joined, "basic", NOW, "", "agent=WINAGENT01")
        jobs = [make_job(event, incident_ticket_id=TICKET) for event in (FIRST, SECOND, THIRD)]
        self.recover = RecoverJob(InMemoryDailyJobs(jobs), self.incidents, FixedClock(NOW),
                                  make_template(recovery=Recovery(RecoveryAction.RESOLVE)),
                                  job_incidents=self.journal, tracking=self.journal, template_key="basic")

    def recovered(self, event):
        return self.recover(make_event(job=event.job, trigger=Trigger.FINISHED_OK))


def test_each_member_but_the_last_only_annotates_naming_the_jobs_still_failed():
    lab = Lab()

    first = lab.recovered(FIRST)
    second = lab.recovered(SECOND)
    last = lab.recovered(THIRD)

    assert [first.action, second.action, last.action] == [Action.ANNOTATED, Action.ANNOTATED, Action.RESOLVED]
    notes = [update.information for update in lab.incidents.updates[TICKET] if update.information]
    assert "2 other job(s) of this incident still failed: JOB002, JOB003." in notes[0]
    assert "1 other job(s) of this incident still failed: JOB003." in notes[1]
    assert lab.incidents.updates[TICKET][-1].status == "Resolved"


def test_a_member_that_fails_again_counts_as_failed_once_more():
    lab = Lab()
    lab.recovered(SECOND)
    lab.recovered(THIRD)
    lab.journal.touched(TICKET, SECOND, "basic", NOW, "", "agent=WINAGENT01")

    outcome = lab.recovered(FIRST)

    assert outcome.action is Action.ANNOTATED
    assert "JOB002" in outcome.reason and "JOB003" not in outcome.reason
