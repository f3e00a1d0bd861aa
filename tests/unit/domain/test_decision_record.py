"""The decision record holds every verdict the report flow acts on (B-4, B-9), so `explain` and `report` read
the same facts: the hold-back, the kept ticket, the working-hours verdict, the write-back of a completion."""

from datetime import datetime

from summit_connector.domain.decision import Action, KeptForJob, TicketSource
from summit_connector.domain.plan import plan_completion, plan_report
from summit_connector.domain.template import Rules
from summit_connector.domain.tickets import current_ticket
from summit_connector.domain.report_inputs import RecoveryInputs, ReportInputs

from tests.unit.factories import (
    NOW,
    attributes,
    make_event,
    make_job,
    make_settings,
    make_template,
    read_as,
    working_hours,
)

HELD_BACK = KeptForJob(may_create=False)
IN_THE_WINDOW = "Last Incident Date : 2024-09-23"


def planned(job=None, template=None, kept=KeptForJob(), now: datetime = NOW, ticket_status: str | None = None):
    event = make_event()
    inputs = ReportInputs(event, job if job is not None else make_job(event), now, kept)
    return plan_report(inputs.with_ticket_read(read_as(ticket_status)), template or make_template(), make_settings())


def test_a_create_that_an_earlier_failure_may_have_made_is_held_back_as_kept_b_9_1():
    decision = planned(kept=HELD_BACK)

    assert (decision.action, decision.incident, decision.write_back) == (Action.KEPT, None, None)
    assert "may already have created one" in decision.reason


def test_the_daily_window_is_decided_before_the_hold_back_b_4_6():
    template = make_template(rules=Rules(submit_single_incident_per_day=True))

    decision = planned(make_job(documentation=IN_THE_WINDOW), template, kept=HELD_BACK)

    assert decision.action is Action.SKIPPED_DAILY_WINDOW and decision.daily_window.blocked


def test_a_kept_ticket_opcon_has_not_taken_is_updated_and_written_back_best_effort_b_9_1():
    decision = planned(kept=KeptForJob(known_ticket="10001"), ticket_status="New")

    assert (decision.action, decision.existing.ticket, decision.existing.source) == (
        Action.UPDATED, "10001", TicketSource.KEPT)
    assert decision.write_back.ticket and decision.write_back.best_effort


def test_the_ticket_opcon_holds_wins_over_a_kept_one():
    assert current_ticket(make_job(incident_ticket_id="4711"), KeptForJob("10001")) == ("4711", TicketSource.OPCON)


def test_a_job_opcon_does_not_hold_has_no_ticket_even_when_one_is_kept_b_4_3():
    assert current_ticket(None, KeptForJob("10001")) == ("", TicketSource.OPCON)


def test_a_completion_for_a_job_opcon_does_not_hold_writes_nothing_back_b_4_3():
    decision = plan_completion(make_event(), None, "10001", make_template(), NOW)

    assert decision.write_back is None and decision.ticket_number == "10001"


def test_a_completion_never_writes_over_another_number_opcon_holds_b_9():
    decision = plan_completion(make_event(), make_job(incident_ticket_id="4711"), "10001", make_template(), NOW)

    assert decision.write_back is None
    assert "4711" in decision.warnings[-1]


def test_the_working_hours_verdict_names_the_layer_its_attributes_and_the_days_b_4_8():
    template = make_template(working_hours=working_hours(sunday=("2200", "0600")),
                             non_working_hours_attributes=attributes(Priority_Name="P1"))

    hours = planned(template=template, now=datetime(2024, 9, 23, 5, 0)).working_hours

    assert (hours.in_hours, hours.day, hours.previous_day) == (True, "monday", "sunday")
    assert hours.today is None and hours.yesterday_running_over.hhmm == ("2200", "0600")
    assert hours.attribute_names == ()


def test_outside_working_hours_the_record_names_the_non_working_attributes_b_4_7():
    template = make_template(non_working_hours_attributes=attributes(Priority_Name="P1"))

    hours = planned(template=template).working_hours

    assert (hours.in_hours, hours.attribute_names) == (False, ("Priority_Name",))
