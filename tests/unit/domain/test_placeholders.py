"""B-3.5: placeholders are textual, longest name first, and names with quotes or newlines survive as data."""

import json
from dataclasses import asdict
from datetime import date, datetime

import pytest

from summit_connector.domain.attributes import Layer, ResolvedAttribute
from summit_connector.domain.incident import build_new_incident, expanded
from summit_connector.domain.placeholders import expand, placeholder_values, unknown_placeholders
from summit_connector.domain.model import Trigger
from summit_connector.domain.template import CustomAttribute
from summit_connector.domain.trigger_text import decide_trigger_text

from tests.unit.factories import make_event, make_template

NOW = datetime(2024, 9, 23, 14, 5, 9)


def expand_for(text: str, **event_fields: object) -> str:
    return expand(text, placeholder_values(make_event(**event_fields), NOW))


@pytest.mark.parametrize(("trigger", "name"), [
    (Trigger.FAILED, "Job Failed"), (Trigger.LATE_TO_START, "Late to Start"),
    (Trigger.LATE_TO_FINISH, "Late to Finish"),
    (Trigger.EXCEEDED_MAX_RUNTIME, "Exceeded Maximum Runtime"), (Trigger.MISSED_START_TIME, "Missed Start Time"),
    (Trigger.FINISHED_OK, "Job Finished OK"), (Trigger.MARKED_FINISHED_OK, "Job Marked Finished OK"),
    (Trigger.FIXED, "Job Fixed"),
])
def test_trigger_placeholder_is_the_trigger_display_name(trigger, name):
    assert expand_for("@EV_Trigger", trigger=trigger) == name


def test_every_placeholder_is_replaced_by_its_event_value():
    text = "@EV_Agent|@EV_Date|@EV_errorcode|@EV_Job|@EV_Schedule|@EV_ScheduleId|@EV_Instance|@EV_Time"

    expanded = expand_for(
        text, agent="AGT", schedule_date=date(2024, 9, 21), termination="-9", job="J1", schedule="S1",
        schedule_id=77, schedule_instance=3,
    )

    assert expanded == "AGT|2024-09-21|-9|J1|S1|77|3|14:05:09"


def test_schedule_id_is_its_own_placeholder_not_schedule_followed_by_id():
    expanded = expand_for("@EV_ScheduleId", schedule="PAYROLL", schedule_id=42)

    assert expanded == "42"


def test_schedule_and_schedule_id_side_by_side_each_expand():
    expanded = expand_for("@EV_Schedule(@EV_ScheduleId)@EV_Schedule", schedule="PAYROLL", schedule_id=42)

    assert expanded == "PAYROLL(42)PAYROLL"


def test_date_placeholder_is_the_schedule_date_in_iso_form():
    expanded = expand_for("@EV_Date", schedule_date=date(2024, 9, 21))

    assert expanded == "2024-09-21"


def test_a_value_that_looks_like_a_placeholder_is_not_expanded_again():
    expanded = expand_for("@EV_Job on @EV_Agent", job="@EV_Agent", agent="WINAGENT01")

    assert expanded == "@EV_Agent on WINAGENT01"


def test_text_without_placeholders_is_left_as_is():
    assert expand_for("email@EV.example.com and @EV_Unknown") == "email@EV.example.com and @EV_Unknown"


def test_unknown_placeholders_are_reported_but_longer_known_names_are_not():
    assert unknown_placeholders("@EV_ScheduleId @EV_Schedule @EV_Host") == ["@EV_Host"]


def test_quotes_backslashes_and_newlines_in_names_survive_into_the_incident():
    job = 'Parent_Job[Sub] "nightly"\\share\nsecond line'
    template = make_template(ticket_description="Job @EV_Job failed", ticket_information="@EV_Job")

    incident = build_new_incident(make_event(job=job), decide_trigger_text(Trigger.FAILED, template), template, (), NOW)

    assert incident.description == f"Job {job} failed"
    assert json.loads(json.dumps(asdict(incident)))["information"] == job


def test_placeholders_in_attribute_and_custom_attribute_values_are_expanded():
    template = make_template(custom_attributes=(CustomAttribute("OpCon", "Schedule", "@EV_Schedule/@EV_ScheduleId"),))
    resolved = {"Source": ResolvedAttribute("Source", "OpCon @EV_Agent", Layer.TEMPLATE)}

    event = make_event(agent="AGT", schedule="PAYROLL", schedule_id=42)
    text = decide_trigger_text(event.trigger, template)

    incident = build_new_incident(event, text, template, expanded(resolved, event, NOW), NOW)

    assert incident.attributes == (("Source", "OpCon AGT"),)
    assert incident.custom_fields[0].value == "PAYROLL/42"
