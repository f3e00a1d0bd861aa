"""Kept failures of a job count for its next failures: never a second incident, never a lost one (B-9)."""

import pytest

from summit_connector.adapters.memory import InMemoryDailyJobs, InMemoryIncidents
from summit_connector.application.delivery import KeptForRetry
from summit_connector.application.errors import OpConUnavailable, SummitRejected
from summit_connector.application.ports import KeptState
from summit_connector.domain.model import Documentation
from summit_connector.domain.template import Rules

from tests.unit.factories import WriteBackRefusingDailyJobs, make_event, make_job, make_template
from tests.unit.application.test_delivery import Lab, MaybeCreatedIncidents


def test_while_opcon_refuses_the_number_a_new_failure_updates_the_kept_incident_b_9():
    lab = Lab(WriteBackRefusingDailyJobs())
    with pytest.raises(KeptForRetry):
        lab.delivery.report(make_event(), "basic")

    second = lab.delivery.report(make_event(termination="-2"), "basic")

    assert list(lab.incidents.created) == ["1001"]
    assert (second.ticket_number, len(lab.incidents.updates["1001"])) == ("1001", 1)


def test_after_an_uncertain_create_a_new_failure_of_the_job_is_held_back_not_created_b_9():
    lab = Lab()
    lab.incidents = MaybeCreatedIncidents()
    with pytest.raises(KeptForRetry):
        lab.delivery.report(make_event(), "basic")
    lab.incidents = InMemoryIncidents(first_ticket=2001)

    with pytest.raises(KeptForRetry) as held:
        lab.delivery.report(make_event(termination="-2"), "basic")

    assert held.value.kept.state is KeptState.UNCERTAIN
    assert lab.incidents.created == {}


def test_another_job_is_not_held_back_by_an_uncertain_entry():
    lab = Lab()
    lab.incidents = MaybeCreatedIncidents()
    with pytest.raises(KeptForRetry):
        lab.delivery.report(make_event(), "basic")
    lab.incidents = InMemoryIncidents(first_ticket=2001)
    other = make_event(job="JOB002")
    lab.daily_jobs.jobs[other.job_key] = make_job(other, uid=7002)

    outcome = lab.delivery.report(other, "basic")

    assert outcome.ticket_number == "2001"


def test_an_unexpected_error_is_kept_as_uncertain_so_it_is_never_replayed_blindly_b_9():
    lab = Lab()

    class Exploding(InMemoryIncidents):
        def create(self, incident):
            raise RuntimeError("bug")

    lab.incidents = Exploding()

    with pytest.raises(KeptForRetry) as kept:
        lab.delivery.report(make_event(), "basic")

    assert kept.value.kept.state is KeptState.UNCERTAIN
    assert "RuntimeError" in kept.value.kept.last_error and "bug" not in kept.value.kept.last_error


def test_a_2xx_reply_without_a_ticket_number_is_uncertain_not_rejected_b_9():
    lab = Lab()

    class NoNumber(InMemoryIncidents):
        def create(self, incident):
            raise SummitRejected("Summit returned no ticket number", maybe_processed=True)

    lab.incidents = NoNumber()

    with pytest.raises(KeptForRetry) as kept:
        lab.delivery.report(make_event(), "basic")

    assert kept.value.kept.state is KeptState.UNCERTAIN


def test_an_entry_that_fails_unexpectedly_on_replay_does_not_stop_the_new_failure_b_9():
    lab = Lab()
    lab.incidents.unavailable = "down"
    with pytest.raises(KeptForRetry):
        lab.delivery.report(make_event(job="OLD"), "broken.json")
    lab.incidents.unavailable = ""
    real_reports = lab.report_for

    def reports(template):
        if template == "broken.json":
            raise RuntimeError("cannot build")
        return real_reports(template)

    lab.delivery._reports = reports

    replays = lab.delivery.replay()
    outcome = lab.delivery.report(make_event(), "basic")

    assert [r.error for r in replays] == ["unexpected RuntimeError"]
    assert outcome.ticket_number == "1001"
    assert [e.attempts for e in lab.outbox.entries.values()] == [2]


def test_a_replayed_write_back_never_writes_over_another_number_opcon_holds_b_9():
    lab = Lab(WriteBackRefusingDailyJobs())
    with pytest.raises(KeptForRetry):
        lab.delivery.report(make_event(), "basic")
    lab.daily_jobs = InMemoryDailyJobs([make_job(incident_ticket_id="2002")])

    [replay] = lab.delivery.replay()

    assert lab.daily_jobs.tickets == {}
    assert "OpCon already holds incident 2002" in replay.outcome.warnings[0]
    assert lab.outbox.entries == {}


def test_a_replay_still_writes_the_documentation_when_opcon_already_holds_the_number_b_4_6():
    class DocumentationRefusing(InMemoryDailyJobs):
        def write_documentation(self, job, documentation):
            raise OpConUnavailable("documentation refused")

    lab = Lab(DocumentationRefusing([make_job()]))
    lab.report_template = make_template(rules=Rules(submit_single_incident_per_day=True))
    with pytest.raises(KeptForRetry):
        lab.delivery.report(make_event(), "basic")
    lab.daily_jobs = InMemoryDailyJobs([make_job(incident_ticket_id="1001")])

    lab.delivery.replay()

    stamped: Documentation = lab.daily_jobs.documentation[make_job().uid]
    assert stamped.text.startswith("Last Incident Date : ")
    assert lab.daily_jobs.tickets == {}
