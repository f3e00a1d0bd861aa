"""The template blocks of B-13: `grouping`, `maintenanceWindows` and `agentDown` load into the domain template;
a bad value is one error naming file, field and value (exit 2), and `check` reports what it finds in them (B-7)."""

import pytest

from summit_connector.domain.findings import Severity
from summit_connector.domain.template import Attribute, GroupBy, Grouping, TriggerText
from summit_connector.domain.working_hours import DayWindow, WorkingHours

from tests.integration.config.test_config_checks import check_template
from tests.integration.config.test_template_file_loader import error_of, load, make_template

SUNDAY, SATURDAY = 6, 5


def findings_at(tmp_path, **blocks: object) -> list[tuple[str, Severity, str]]:
    ours = ("grouping", "maintenanceWindows", "agentDown")
    return [(f.location, f.severity, f.message) for f in check_template(tmp_path, make_template(**blocks))
            if f.location.startswith(ours)]


def test_the_three_blocks_load_into_the_domain_template_b_13(tmp_path):
    loaded = load(tmp_path, make_template(
        grouping={"by": ["agent", "schedule"], "windowMinutes": 30},
        maintenanceWindows=[{"days": ["Saturday", "sunday"], "start": "2200", "stop": "0200"}],
        agentDown={"ticketDescription": "Agent @EV_Agent is down", "ticketInformation": "since @EV_Time",
                   "attributes": [{"name": "Priority_Name", "value": "P1"}]},
    ))

    template = loaded.template
    assert template.grouping == Grouping((GroupBy.AGENT, GroupBy.SCHEDULE), 30)
    assert template.maintenance_windows == (WorkingHours({SATURDAY: DayWindow(1320, 120),
                                                          SUNDAY: DayWindow(1320, 120)}),)
    assert template.agent_down == TriggerText("Agent @EV_Agent is down", "since @EV_Time",
                                              (Attribute("Priority_Name", "P1"),))
    assert loaded.unknown_keys == ()
    assert not [warning for warning in loaded.warnings if warning.location.startswith("grouping")]


def test_without_the_blocks_grouping_is_off_no_window_applies_and_agent_down_uses_the_template_text(tmp_path):
    template = load(tmp_path, make_template()).template

    assert (template.grouping.on, template.maintenance_windows, template.agent_down) == (False, (), TriggerText())


def test_window_minutes_defaults_to_15_and_repeated_keys_count_once_b_13_1(tmp_path):
    template = load(tmp_path, make_template(grouping={"by": ["agent", "AGENT"]})).template

    assert template.grouping == Grouping((GroupBy.AGENT,), 15)


def test_each_maintenance_window_is_its_own_weekly_window_b_13_3(tmp_path):
    windows = [{"days": ["sunday"], "start": "0100", "stop": "0500"},
               {"days": ["saturday"], "start": "0000", "stop": "0600"}]

    template = load(tmp_path, make_template(maintenanceWindows=windows)).template

    assert template.maintenance_windows == (WorkingHours({SUNDAY: DayWindow(60, 300)}),
                                            WorkingHours({SATURDAY: DayWindow(0, 360)}))


@pytest.mark.parametrize(("block", "said"), [
    ({"grouping": {"by": ["host"]}}, "grouping.by[0]: must be one of agent, schedule, got 'host'"),
    ({"grouping": {"by": "agent"}}, "grouping.by: must be a list, got 'agent'"),
    ({"grouping": {"windowMinutes": 5}}, "grouping.by: is required"),
    ({"grouping": {"by": ["agent"], "windowMinutes": 0}}, "grouping.windowMinutes: must be greater than 0, got 0"),
    ({"grouping": {"by": ["agent"], "windowMinutes": -15}},
     "grouping.windowMinutes: must be greater than 0, got -15"),
    ({"grouping": {"by": ["agent"], "windowMinutes": "soon"}},
     "grouping.windowMinutes: must be a whole number, got 'soon'"),
    ({"grouping": {"by": ["agent"], "windowMinutes": 7.5}}, "grouping.windowMinutes: must be a whole number, got 7.5"),
    ({"grouping": {"by": ["agent"], "windowMinutes": True}},
     "grouping.windowMinutes: must be a whole number, got True"),
    ({"maintenanceWindows": [{"days": ["sundy"], "start": "0100", "stop": "0500"}]},
     "maintenanceWindows[0].days[0]: must be one of monday, tuesday, wednesday, thursday, friday, saturday, sunday, "
     "got 'sundy'"),
    ({"maintenanceWindows": [{"days": [], "start": "0100", "stop": "0500"}]},
     "maintenanceWindows[0].days: must not be empty"),
    ({"maintenanceWindows": [{"days": ["sunday"], "start": "100", "stop": "0500"}]},
     "maintenanceWindows[0].start: must be four digits HHMM (0000 to 2359), got '100'"),
    ({"maintenanceWindows": [{"days": ["sunday"], "start": "0100", "stop": "2460"}]},
     "maintenanceWindows[0].stop: must be four digits HHMM (0000 to 2359), got '2460'"),
    ({"maintenanceWindows": [{"days": ["sunday"], "start": "0100"}]}, "maintenanceWindows[0].stop: is required"),
    ({"maintenanceWindows": {"days": ["sunday"]}}, "maintenanceWindows: must be a list, got an object"),
    ({"agentDown": "Agent down"}, "agentDown: must be an object, got 'Agent down'"),
    ({"agentDown": {"attributes": [{"value": "P1"}]}}, "agentDown.attributes[0].name: is required"),
])
def test_a_bad_value_in_a_b_13_block_is_one_error_naming_file_field_and_value_b_1_4(tmp_path, block, said):
    assert error_of(tmp_path, make_template(**block)) == f"templates/site.json: {said}"


def test_a_bad_time_carries_the_hint_to_quote_four_digits(tmp_path):
    findings = check_template(tmp_path, make_template(maintenanceWindows=[{"days": ["sunday"], "start": 100,
                                                                           "stop": "0500"}]))

    [finding] = findings
    assert (finding.location, finding.severity) == ("maintenanceWindows[0].start", Severity.ERROR)
    assert '"0800"' in finding.hint


def test_unknown_keys_inside_the_blocks_are_warnings_with_a_guess_b_3_2(tmp_path):
    loaded = load(tmp_path, make_template(
        grouping={"by": ["agent"], "windowMinuts": 5},
        maintenanceWindows=[{"days": ["sunday"], "start": "0100", "stop": "0500", "reason": "patching"}],
        agentDown={"ticketDescripton": "down"},
    ))

    assert {(f.location, f.hint) for f in loaded.unknown_keys} == {
        ("grouping.windowMinuts", "did you mean windowMinutes?"),
        ("maintenanceWindows[0].reason", "remove it or correct its spelling"),
        ("agentDown.ticketDescripton", "did you mean ticketDescription?"),
    }


def test_check_warns_that_an_empty_by_turns_grouping_off(tmp_path):
    assert findings_at(tmp_path, grouping={"by": []}) == [
        ("grouping.by", Severity.WARNING, "is empty, so grouping is off")]


def test_check_warns_about_a_maintenance_window_that_covers_nothing(tmp_path):
    windows = [{"days": ["sunday"], "start": "0100", "stop": "0500"},
               {"days": ["sunday", "monday"], "start": "0300", "stop": "0300"}]

    [(where, severity, message)] = findings_at(tmp_path, maintenanceWindows=windows)

    assert (where, severity) == ("maintenanceWindows[1]", Severity.WARNING)
    assert "start equals stop" in message


def test_check_warns_about_unknown_placeholders_in_the_agent_down_texts_b_3_5(tmp_path):
    agent_down = {"ticketDescription": "@EV_Agent is down @EV_Host", "ticketInformation": "@EV_time",
                  "attributes": [{"name": "Priority_Name", "value": "@EV_Priority"}]}

    found = findings_at(tmp_path, agentDown=agent_down)

    assert [(where, severity) for where, severity, _ in found] == [
        ("agentDown.ticketDescription", Severity.WARNING),
        ("agentDown.ticketInformation", Severity.WARNING),
        ("agentDown.attributes[0].value", Severity.WARNING),
    ]
    assert "@EV_Host" in found[0][2]


def test_clean_blocks_give_check_nothing_to_say(tmp_path):
    assert findings_at(
        tmp_path,
        grouping={"by": ["agent"], "windowMinutes": 15},
        maintenanceWindows=[{"days": ["sunday"], "start": "2200", "stop": "0200"}],
        agentDown={"ticketDescription": "Agent @EV_Agent is down", "ticketInformation": "since @EV_Time"},
    ) == []
