"""B-9.2: an uncertain create whose incident the operator found in Summit is completed as a create Summit answered
(`plan_adoption`); what to look for is the description the create carried (`create_description`); the number typed
is a Summit number (`summit_ticket_number`)."""

from datetime import datetime

import pytest

from summit_connector.domain.decision import Action
from summit_connector.domain.model import Trigger
from summit_connector.domain.plan import create_description, plan_adoption
from summit_connector.domain.template import Rules, TriggerText
from summit_connector.domain.tickets import summit_ticket_number

from tests.unit.factories import NOW, make_event, make_job, make_template, plan


def test_an_adoption_writes_the_number_back_and_attaches_the_job_log_b_9_2():
    decision = plan_adoption(make_event(), make_job(), "10001", make_template(), NOW)

    assert (decision.action, decision.ticket_number, decision.attach_job_log) == (Action.ADOPTED, "10001", True)
    assert decision.write_back is not None and decision.write_back.ticket
    assert decision.incident is None and decision.update is None
    assert decision.reason.startswith("incident 10001 was adopted")


def test_an_adoption_stamps_the_daily_window_as_a_create_does_b_4_6():
    template = make_template(rules=Rules(submit_single_incident_per_day=True))

    decision = plan_adoption(make_event(), make_job(), "10001", template, NOW)

    assert decision.write_back.documentation is not None
    assert "2024-09-23" in decision.write_back.documentation.text


def test_an_adoption_attaches_no_log_when_the_template_says_not_to():
    template = make_template(rules=Rules(include_job_log_attachment=False))

    assert not plan_adoption(make_event(), make_job(), "10001", template, NOW).attach_job_log


def test_an_adoption_for_a_job_opcon_does_not_know_writes_nothing_and_attaches_nothing_b_4_3():
    decision = plan_adoption(make_event(), None, "10001", make_template(), NOW)

    assert decision.write_back is None and not decision.attach_job_log


def test_an_adoption_never_writes_over_another_number_opcon_holds_b_9():
    decision = plan_adoption(make_event(), make_job(incident_ticket_id="4711"), "10001", make_template(), NOW)

    assert decision.write_back is None and "4711" in decision.warnings[-1]


@pytest.mark.parametrize("trigger, template", [
    (Trigger.FAILED, make_template(ticket_description="@EV_Job failed at @EV_Time on @EV_Agent")),
    (Trigger.LATE_TO_FINISH,
     make_template(triggers=(("late-to-finish", TriggerText("@EV_Job is late (@EV_Trigger)")),))),
])
def test_the_description_to_look_for_is_the_one_the_create_carried_b_9_2(trigger, template):
    event, at = make_event(trigger=trigger), datetime(2024, 9, 23, 22, 5, 9)

    created = plan(make_job(event), template, event=event, now=at).incident

    assert create_description(event, template, at) == created.description


@pytest.mark.parametrize("typed, number", [
    ("10001", "10001"), (" 10001\n", "10001"), ("0010001", "10001"),
    ("", ""), ("  ", ""), ("0", ""), ("INC10001", ""), ("-5", ""), ("1e5", ""), ("١٢", ""), ("1" * 19, ""),
])
def test_a_summit_number_is_digits_only(typed, number):
    assert summit_ticket_number(typed) == number
