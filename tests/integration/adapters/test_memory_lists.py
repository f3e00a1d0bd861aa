"""The in-memory adapters embedders test against: OpCon's failed jobs (B-15.1) and Summit's incident list (B-15.2),
and the dry run's view of the failed jobs."""

from datetime import date, datetime, timedelta

import pytest

from summit_connector.adapters.clock import FixedClock
from summit_connector.adapters.dry_run import GivenDailyJobs, JobOverrides
from summit_connector.adapters.memory import InMemoryDailyJobs, InMemoryIncidents
from summit_connector.application.errors import OpConUnavailable, SummitRejected, SummitUnavailable
from summit_connector.domain.incident import IncidentUpdate, ListedIncident, NewIncident
from summit_connector.domain.model import DailyJob
from summit_connector.domain.template import CustomAttribute

from tests.integration.adapters.opcon_samples import make_event

DAY = date(2024, 9, 21)
SENT = datetime(2024, 9, 21, 3, 15)
KNOWN = ("New", "In-Progress", "Resolved", "Closed")


def new_incident(**overrides) -> NewIncident:
    values = dict(description="OpCon job JOB001 failed", information="i", status="New",
                  attributes=(("Caller_EmailID", "opcon@example.com"),),
                  custom_fields=(CustomAttribute("OpCon", "Event ID", "k#1"),))
    return NewIncident(**(values | overrides))


def test_a_failed_job_is_listed_for_its_schedule_date_and_found_by_its_event_b_15_1():
    daily_jobs = InMemoryDailyJobs()
    event = make_event()

    job = daily_jobs.add_failed(event)

    assert [(failed.event, failed.job, failed.status_category) for failed in daily_jobs.failed_on([DAY])] == [
        (event, job, "Failed")]
    assert daily_jobs.find(event) == job == DailyJob(event.job_key, 1, event.job)
    assert daily_jobs.failed_on([DAY - timedelta(days=1)]) == []


def test_a_failed_job_shows_its_ticket_once_written_back_and_only_a_failed_category_is_listed_b_15_1():
    daily_jobs = InMemoryDailyJobs([DailyJob("other", 7, "other")])
    job = daily_jobs.add_failed(make_event(), status_category="failed")
    daily_jobs.add_failed(make_event(job="FIXED_SINCE"), status_category="Fixed")

    daily_jobs.record_ticket(job, "1001", "https://summit.example/1001")

    [failed] = daily_jobs.failed_on([DAY])
    assert (failed.job.uid, failed.job.incident_ticket_id, failed.status_category) == (8, "1001", "failed")


def test_failed_jobs_fail_as_opcon_does_when_unavailable():
    daily_jobs = InMemoryDailyJobs()
    daily_jobs.unavailable = "OpCon is down"

    with pytest.raises(OpConUnavailable):
        daily_jobs.failed_on([DAY])


def test_a_dry_run_lists_opcons_failed_jobs_as_they_are_and_none_offline():
    daily_jobs = InMemoryDailyJobs()
    daily_jobs.add_failed(make_event())

    assert len(GivenDailyJobs(daily_jobs, JobOverrides(tags=("X",))).failed_on([DAY])) == 1
    assert GivenDailyJobs(None, JobOverrides()).failed_on([DAY]) == []


def test_a_created_incident_is_listed_with_symptom_caller_logged_time_and_custom_fields_b_15_2():
    incidents = InMemoryIncidents(clock=FixedClock(SENT))

    number = incidents.create(new_incident())

    assert incidents.updated_since(KNOWN, DAY) == [ListedIncident(
        number, "OpCon job JOB001 failed", "opcon@example.com", SENT, "New", (("OpCon", "Event ID", "k#1"),))]


def test_the_list_shows_the_status_now_and_only_the_statuses_asked_b_15_2():
    incidents = InMemoryIncidents(clock=FixedClock(SENT))
    first, second = incidents.create(new_incident()), incidents.create(new_incident())
    incidents.add_existing("4711", "Pending", (("Caller_EmailID", "x@example.com"),))

    incidents.update(IncidentUpdate(first, "Resolved", "fixed"))
    incidents.statuses[second] = "closed"

    assert [(i.ticket, i.status) for i in incidents.updated_since(KNOWN, DAY)] == [(first, "Resolved"),
                                                                                  (second, "closed")]
    assert incidents.updated_since(("pending",), DAY) == [ListedIncident("4711", "", "x@example.com", None,
                                                                         "Pending")]


def test_only_incidents_touched_on_or_after_the_day_are_listed_b_15_2():
    clock = FixedClock(SENT - timedelta(days=2))
    incidents = InMemoryIncidents(clock=clock)
    old, touched = incidents.create(new_incident()), incidents.create(new_incident())
    clock.moment = SENT
    incidents.update(IncidentUpdate(touched, "", "again"))

    assert [i.ticket for i in incidents.updated_since(KNOWN, DAY)] == [touched]
    assert incidents.listed[old].logged_time == SENT - timedelta(days=2)
    assert incidents.statuses[touched] == "New"


def test_without_a_clock_incidents_have_no_logged_time_and_are_always_listed():
    incidents = InMemoryIncidents()

    number = incidents.create(new_incident())

    [listed] = incidents.updated_since(KNOWN, date(2099, 1, 1))
    assert (listed.ticket, listed.logged_time) == (number, None)


def test_a_seeded_listing_is_listed_and_readable_b_15_2():
    incidents = InMemoryIncidents()
    seeded = ListedIncident("5000", "OpCon job JOB001 failed", "opcon@example.com", SENT, "New")

    incidents.add_listed(seeded)

    assert incidents.updated_since(KNOWN, DAY) == [seeded]
    assert incidents.updated_since(KNOWN, DAY + timedelta(days=1)) == []
    assert incidents.status_of("5000") == "New"


def test_a_create_whose_answer_is_lost_still_lands_b_9_2():
    incidents = InMemoryIncidents(clock=FixedClock(SENT))
    incidents.answer_lost = "read timeout"

    with pytest.raises(SummitUnavailable) as lost:
        incidents.create(new_incident())

    assert lost.value.maybe_processed
    assert [i.ticket for i in incidents.updated_since(KNOWN, DAY)] == ["1001"]


def test_the_list_alone_can_be_made_unreadable_b_15_2():
    incidents = InMemoryIncidents()
    incidents.list_unreadable = "IM_GetIncidentListwithDetails is not allowed"

    number = incidents.create(new_incident())

    assert incidents.status_of(number) == "New"
    with pytest.raises(SummitRejected, match="not allowed"):
        incidents.updated_since(KNOWN, DAY)
