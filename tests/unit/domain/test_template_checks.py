"""B-7 `check`: what is wrong in a template's policy (B-3.5, B-4.4, B-5), found without any I/O."""

from summit_connector.domain.findings import Finding, Severity
from summit_connector.domain.template import Attribute, CustomAttribute, Recovery, Rules, TagRule, TriggerText
from summit_connector.domain.template_checks import check_template

from tests.unit.factories import (
    DEFAULT_TO_DEVOPS,
    EXIT_ON_NOTICKET,
    ROUTE1_TO_APPLICATION_ONE,
    make_template,
    vendor_routing_template,
)

ASSIGN_TO_EXAMPLE = TagRule("ASSIGNTO", "", "Assigned_Engineer_Email", "example.com")
CATNAME_RULE = TagRule("CATNAME", "CATNAME", "Category_Name", "testcatvalue")


def at(findings: list[Finding], location: str) -> list[Finding]:
    return [finding for finding in findings if finding.location == location]


def test_the_vendor_routing_template_has_no_findings():
    template = vendor_routing_template(extra_tags=(EXIT_ON_NOTICKET,))

    assert check_template(template) == []


def test_both_routing_flags_on_warns_that_wrkgrp_wins_b_5_1():
    template = vendor_routing_template(Rules(include_tag_routing=True, include_work_group_name_tag=True))

    [finding] = check_template(template)

    assert (finding.location, finding.severity) == ("rules", Severity.WARNING)
    assert "WRKGRP_ tags win" in finding.message


def test_tag_routing_without_a_default_rule_warns_b_5_2():
    template = make_template(rules=Rules(include_tag_routing=True), tags=(ROUTE1_TO_APPLICATION_ONE,))

    [finding] = check_template(template)

    assert (finding.location, finding.severity) == ("tags", Severity.WARNING)
    assert "no DEFAULT rule" in finding.message
    assert '"indicator": "DEFAULT"' in finding.hint


def test_routing_rules_while_tag_routing_is_off_are_never_applied_b_5_2():
    template = vendor_routing_template(Rules(include_tag_routing=False))

    [finding] = check_template(template)

    assert finding.location == "rules.includeTagRouting"
    assert "tags[0], tags[1] are never applied" in finding.message


def test_tag_end_rule_with_an_empty_value_never_matches_b_5_2():
    empty = TagRule("TAG_END", "", "Assigned_WorkGroup_Name", "Ops")
    template = vendor_routing_template(extra_tags=(empty,))

    [finding] = check_template(template)

    assert (finding.location, finding.severity) == ("tags[2].indicatorValue", Severity.WARNING)
    assert "can never match" in finding.message


def test_exit_rule_with_an_empty_value_never_matches_b_4_4():
    template = vendor_routing_template(extra_tags=(TagRule("EXIT", ""),))

    [finding] = check_template(template)

    assert finding.location == "tags[2].indicatorValue"
    assert "EXIT compares whole tags" in finding.message


def test_routing_rule_without_an_attribute_sets_nothing_b_5_2():
    template = vendor_routing_template(extra_tags=(TagRule("TAG_START", "APP2", "", "Ops"),))

    [finding] = check_template(template)

    assert finding.location == "tags[2].attribute"
    assert "no later rule or DEFAULT is tried" in finding.message


def test_a_rule_repeating_an_earlier_indicator_and_value_never_wins_b_5_2():
    again = TagRule("TAG_END", "ROUTE1", "Assigned_WorkGroup_Name", "Someone else")
    template = vendor_routing_template(extra_tags=(again,))

    [finding] = check_template(template)

    assert (finding.location, finding.severity) == ("tags[2]", Severity.WARNING)
    assert "matched first by tags[0]" in finding.message


def test_a_longer_prefix_after_a_shorter_one_never_wins_b_5_2():
    tags = (TagRule("TAG_START", "APP", "Assigned_WorkGroup_Name", "Apps"),
            TagRule("TAG_START", "APP1", "Assigned_WorkGroup_Name", "Application One"), DEFAULT_TO_DEVOPS)
    template = make_template(rules=Rules(include_tag_routing=True), tags=tags)

    assert [finding.location for finding in check_template(template)] == ["tags[1]"]


def test_a_longer_prefix_before_a_shorter_one_is_fine_b_5_2():
    tags = (TagRule("TAG_START", "APP1", "Assigned_WorkGroup_Name", "Application One"),
            TagRule("TAG_START", "APP", "Assigned_WorkGroup_Name", "Apps"), DEFAULT_TO_DEVOPS)
    template = make_template(rules=Rules(include_tag_routing=True), tags=tags)

    assert check_template(template) == []


def test_catname_and_assignto_rules_while_their_flags_are_off_are_noted_b_5_3_b_5_4():
    template = vendor_routing_template(extra_tags=(CATNAME_RULE, ASSIGN_TO_EXAMPLE))

    findings = check_template(template)

    assert [(f.location, f.severity) for f in findings] == [("tags[2]", Severity.INFO), ("tags[3]", Severity.INFO)]
    assert "includeCategoryNameTag is off" in findings[0].message
    assert "includeAssignToTag is off" in findings[1].message


def test_assign_to_flag_without_an_assignto_rule_warns_b_5_4():
    template = vendor_routing_template(Rules(include_tag_routing=True, include_assign_to_tag=True))

    [finding] = check_template(template)

    assert finding.location == "rules.includeAssignToTag"


def test_unknown_placeholders_are_reported_per_field_b_3_5():
    template = make_template(
        ticket_description="Job @EV_Name failed",
        ticket_information="@EV_Job on @EV_Server",
        attributes=(Attribute("Caller", "@EV_Agent"), Attribute("Note", "@EV_User")),
        custom_attributes=(CustomAttribute("OpCon", "Sched", "@EV_Sched"),),
        non_working_hours_attributes=(Attribute("Priority_Name", "@EV_Prio"),),
    )

    findings = check_template(template)

    assert [f.location for f in findings] == [
        "ticketDescription", "ticketInformation", "attributes[1].value", "nonWorkingHoursAttributes[0].value",
        "customAttributes[0].value",
    ]
    assert "@EV_Server" in at(findings, "ticketInformation")[0].message
    assert all(f.severity is Severity.WARNING for f in findings)


def test_known_placeholders_are_not_findings_longest_name_first_b_3_5():
    template = make_template(ticket_description="@EV_ScheduleId @EV_Instance @EV_Time @EV_Date @EV_errorcode")

    assert check_template(template) == []


def test_a_placeholder_in_the_wrong_case_gets_the_right_spelling_b_3_5():
    template = make_template(ticket_description="code @EV_ErrorCode")

    [finding] = check_template(template)

    assert "write @EV_errorcode, not @EV_ErrorCode" in finding.hint


def test_every_report_trigger_block_is_known_b_11_1():
    blocks = tuple((name, TriggerText("x")) for name in
                   ("failed", "late-to-start", "late-to-finish", "exceeded-max-runtime", "missed-start-time"))

    assert check_template(make_template(triggers=blocks)) == []


def test_an_unknown_trigger_name_is_an_error_with_a_guess_b_11_1():
    template = make_template(triggers=(("late-to-finsh", TriggerText("x")),))

    [finding] = check_template(template)

    assert (finding.location, finding.severity) == ("triggers.late-to-finsh", Severity.ERROR)
    assert finding.hint == "did you mean late-to-finish?"


def test_a_recovery_trigger_block_is_an_error_pointing_at_the_recovery_block_b_11_2():
    [finding] = check_template(make_template(triggers=(("finished-ok", TriggerText("x")),)))

    assert finding.severity is Severity.ERROR
    assert "recovery block" in finding.hint


def test_trigger_placeholder_is_known_and_unknown_ones_in_the_new_blocks_are_found_b_11():
    template = make_template(
        triggers=(("late-to-start", TriggerText("@EV_Trigger", "@EV_Trigers", (Attribute("P", "@EV_Late"),))),),
        recovery=Recovery(information="@EV_Trigger @EV_Done", solution="@EV_Solved",
                          attributes=(Attribute("Closure_Code_Name", "@EV_Code"),)),
    )

    findings = check_template(template)

    assert [f.location for f in findings] == [
        "triggers.late-to-start.ticketInformation", "triggers.late-to-start.attributes[0].value",
        "recovery.information", "recovery.solution", "recovery.attributes[0].value",
    ]
