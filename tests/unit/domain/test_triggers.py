"""B-11.1: an SLA trigger takes its text and attributes from the template's `triggers` block, else the template's
text with the information starting with the trigger's display name; a plain failure keeps its text."""

import pytest

from summit_connector.domain.attributes import Layer
from summit_connector.domain.decision import Action
from summit_connector.domain.model import REPORT_TRIGGERS, Trigger
from summit_connector.domain.template import Rules, TriggerText
from summit_connector.domain.trigger_text import TextSource, decide_trigger_text

from tests.unit.factories import attributes, make_event, make_job, make_template, plan, working_hours

SLA_TRIGGERS = [trigger for trigger in REPORT_TRIGGERS if trigger is not Trigger.FAILED]
LATE_BLOCK = TriggerText("@EV_Job is late (@EV_Trigger)", "Started late on @EV_Agent",
                         attributes(Priority_Name="P2", Urgency_Name="High"))


def plan_for(trigger: Trigger, job=None, **template_fields: object):
    event = make_event(trigger=trigger)
    return plan(job or make_job(event), make_template(**template_fields), event=event)


def test_a_triggers_block_replaces_the_description_and_information():
    decision = plan_for(Trigger.LATE_TO_FINISH, triggers=(("late-to-finish", LATE_BLOCK),))

    assert decision.incident.description == "JOB001 is late (Late to Finish)"
    assert decision.incident.information == "Started late on WINAGENT01"
    assert (decision.trigger.description_source, decision.trigger.information_source) == (
        TextSource.TRIGGER_BLOCK, TextSource.TRIGGER_BLOCK)


@pytest.mark.parametrize("trigger", SLA_TRIGGERS)
def test_without_a_block_the_template_text_is_used_and_the_information_starts_with_the_trigger(trigger):
    decision = plan_for(trigger, triggers=(("some-other", LATE_BLOCK),))

    assert decision.incident.description == "OpCon job JOB001 failed"
    assert decision.incident.information == f"{trigger.display_name}: Job JOB001 of PAYROLL on WINAGENT01 ended -1"
    assert decision.trigger.named


def test_a_plain_failure_keeps_the_template_information_as_it_always_was():
    decision = plan_for(Trigger.FAILED)

    assert decision.incident.information == "Job JOB001 of PAYROLL on WINAGENT01 ended -1"
    assert not decision.trigger.named


def test_a_block_for_failed_replaces_the_failure_text_too():
    decision = plan_for(Trigger.FAILED, triggers=(("failed", TriggerText(ticket_information="Failed: @EV_Job"),),))

    assert decision.incident.information == "Failed: JOB001"
    assert decision.incident.description == "OpCon job JOB001 failed"


def test_a_block_without_information_keeps_the_template_information_named_by_the_trigger():
    verdict = decide_trigger_text(Trigger.LATE_TO_START, make_template(
        triggers=(("late-to-start", TriggerText(ticket_description="late")),)))

    assert (verdict.description, verdict.description_source) == ("late", TextSource.TRIGGER_BLOCK)
    assert verdict.information.startswith("Late to Start: ")
    assert verdict.information_source is TextSource.TEMPLATE


def test_block_attributes_sit_just_above_the_template_attributes():
    template_fields = dict(
        triggers=(("late-to-finish", LATE_BLOCK),),
        attributes=attributes(Priority_Name="P4", Impact_Name="Low"),
        non_working_hours_attributes=attributes(Urgency_Name="Low"),
        working_hours=working_hours(),
    )

    decision = plan_for(Trigger.LATE_TO_FINISH, **template_fields)

    layers = {a.name: (a.value, a.layer) for a in decision.attributes}
    assert layers["Priority_Name"] == ("P2", Layer.TRIGGER)
    assert layers["Impact_Name"] == ("Low", Layer.TEMPLATE)
    assert layers["Urgency_Name"] == ("Low", Layer.NON_WORKING_HOURS)
    assert dict(decision.incident.attributes)["Priority_Name"] == "P2"


def test_block_attributes_are_not_used_for_another_trigger():
    decision = plan_for(Trigger.LATE_TO_START, triggers=(("late-to-finish", LATE_BLOCK),))

    assert all(a.layer is not Layer.TRIGGER for a in decision.attributes)


@pytest.mark.parametrize("trigger", SLA_TRIGGERS)
def test_the_update_of_an_existing_ticket_names_the_trigger(trigger):
    event = make_event(trigger=trigger)

    decision = plan(make_job(event, incident_ticket_id="4711"), ticket_status="Assigned", event=event)

    assert decision.action is Action.UPDATED
    assert decision.update.information.startswith(f"OpCon job JOB001 reported {trigger.display_name}: ")


def test_the_update_for_a_plain_failure_still_says_failed_again():
    decision = plan(make_job(incident_ticket_id="4711"), ticket_status="Assigned")

    assert decision.update.information.startswith("OpCon job JOB001 failed again: ")


def test_an_sla_trigger_on_a_closed_ticket_opens_a_new_incident_naming_the_old_one():
    event = make_event(trigger=Trigger.MISSED_START_TIME)

    decision = plan(make_job(event, incident_ticket_id="4711"), ticket_status="Closed", event=event)

    assert decision.action is Action.CREATED
    assert decision.incident.information.endswith(
        "Previous incident 4711 is closed; this Missed Start Time event opened a new one.")


def test_the_daily_window_holds_back_an_sla_trigger_too():
    event = make_event(trigger=Trigger.LATE_TO_START)
    job = make_job(event, documentation="Last Incident Date : 2024-09-23")

    decision = plan(job, make_template(rules=Rules(submit_single_incident_per_day=True)), event=event)

    assert decision.action is Action.SKIPPED_DAILY_WINDOW
