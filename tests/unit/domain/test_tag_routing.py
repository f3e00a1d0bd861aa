"""B-5.1–B-5.4: tag-derived attributes (work group, tag routing, category, assigned engineer)."""

from collections.abc import Sequence

from summit_connector.domain.tags import Verdict, engineer_email, route_by_tags
from summit_connector.domain.template import Rules, TagRule

from tests.unit.factories import DEFAULT_TO_DEVOPS, ROUTE1_TO_APPLICATION_ONE

WORKGROUP = "Assigned_WorkGroup_Name"
ROUTING = Rules(include_tag_routing=True)
VENDOR_RULES = (ROUTE1_TO_APPLICATION_ONE, DEFAULT_TO_DEVOPS)


def routed(tags: Sequence[str], rules: Rules = ROUTING, tag_rules: Sequence[TagRule] = VENDOR_RULES) -> dict[str, str]:
    return {attribute.name: attribute.value for attribute in route_by_tags(tags, rules, tag_rules).attributes}


def test_the_first_wrkgrp_tag_sets_the_work_group():
    result = routed(("APP1", "WRKGRP_Payroll", "WRKGRP_DevOps"), Rules(include_work_group_name_tag=True))

    assert result == {WORKGROUP: "Payroll"}


def test_wrkgrp_tag_wins_over_a_matching_routing_rule_when_both_rules_are_on():
    both = Rules(include_tag_routing=True, include_work_group_name_tag=True)

    assert routed(("APP1_ROUTE1", "WRKGRP_Payroll"), both) == {WORKGROUP: "Payroll"}


def test_with_the_work_group_rule_on_tag_routing_is_not_applied_even_without_a_wrkgrp_tag():
    both = Rules(include_tag_routing=True, include_work_group_name_tag=True)

    assert routed(("APP1_ROUTE1", "APP_ONE"), both) == {}


def test_a_bare_wrkgrp_prefix_names_no_work_group():
    assert routed(("WRKGRP_",), Rules(include_work_group_name_tag=True)) == {}


def test_routing_rules_are_tried_in_template_order_not_tag_order():
    tag_rules = (TagRule("TAG_START", "APP1", WORKGROUP, "First"), TagRule("TAG_END", "ROUTE1", WORKGROUP, "Second"))

    assert routed(("X_ROUTE1", "APP1_X"), tag_rules=tag_rules) == {WORKGROUP: "First"}


def test_a_tag_start_rule_matches_a_tag_prefix():
    tag_rules = (TagRule("TAG_START", "PAY", WORKGROUP, "Payroll Team"),)

    assert routed(("PAYROLL_NIGHTLY",), tag_rules=tag_rules) == {WORKGROUP: "Payroll Team"}


def test_a_tag_end_rule_matches_only_a_tag_suffix():
    assert routed(("ROUTE1_APP1", "APP_ROUTE1_X")) == {WORKGROUP: "DevOps"}


def test_a_tag_start_rule_matches_only_a_tag_prefix():
    tag_rules = (TagRule("TAG_START", "PAY", WORKGROUP, "Payroll Team"),)

    assert routed(("NIGHTLY_PAY", "X_PAYROLL"), tag_rules=tag_rules) == {}


def test_routing_rules_are_case_sensitive():
    assert routed(("APP1_route1",)) == {WORKGROUP: "DevOps"}


def test_a_routing_rule_sets_its_own_attribute():
    tag_rules = (TagRule("TAG_END", "_DB", "Category_Name", "Database"),)

    assert routed(("ORACLE_DB",), tag_rules=tag_rules) == {"Category_Name": "Database"}


def test_no_match_and_no_default_rule_sets_nothing():
    assert routed(("APP_ONE",), tag_rules=(ROUTE1_TO_APPLICATION_ONE,)) == {}


def test_tag_routing_off_ignores_matching_tags():
    assert routed(("APP1_ROUTE1",), Rules()) == {}


def test_each_rule_gets_its_verdict_in_the_pass_that_picks_the_winner():
    route1_end = TagRule("TAG_END", "_ROUTE1", WORKGROUP, "Other")
    routing = route_by_tags(("APP1_ROUTE1", "X_ROUTE1"), ROUTING, (ROUTE1_TO_APPLICATION_ONE, route1_end,
                                                                   DEFAULT_TO_DEVOPS))

    assert [(v.rule, v.verdict, v.matched_tag, v.beaten_by) for v in routing.verdicts] == [
        ("WRKGRP_", Verdict.OFF, "", ""),
        ("TAG_END ROUTE1", Verdict.WON, "APP1_ROUTE1", ""),
        ("TAG_END _ROUTE1", Verdict.LOST, "APP1_ROUTE1", "TAG_END ROUTE1"),
        ("DEFAULT", Verdict.LOST, "", "TAG_END ROUTE1"),
        ("CATNAME_", Verdict.OFF, "", ""),
        ("ASSIGNTO_", Verdict.OFF, "", ""),
    ]


def test_work_group_routing_turns_tag_routing_off_b_5_1():
    routing = route_by_tags(("APP1_ROUTE1",), Rules(include_tag_routing=True, include_work_group_name_tag=True),
                            VENDOR_RULES)

    assert {(v.rule, v.off_by) for v in routing.verdicts if v.flag == "includeTagRouting"} >= {
        ("TAG_END ROUTE1", "includeWorkGroupNameTag"), ("DEFAULT", "includeWorkGroupNameTag"),
    }


def test_a_catname_tag_sets_the_category():
    assert routed(("APP1", "CATNAME_Oracle"), Rules(include_category_name_tag=True)) == {"Category_Name": "Oracle"}


def test_catname_tags_are_ignored_when_the_rule_is_off():
    assert routed(("CATNAME_Oracle",), Rules()) == {}


def test_an_assignto_tag_sets_the_engineer_email_with_the_rule_value():
    tag_rules = (TagRule("ASSIGNTO", "", "Assigned_Engineer_Email", "@example.com"),)

    assert routed(("ASSIGNTO_jdoe",), Rules(include_assign_to_tag=True), tag_rules) == {
        "Assigned_Engineer_Email": "jdoe@example.com",
    }


def test_an_at_sign_is_inserted_when_the_assignto_value_lacks_one():
    assert engineer_email("jdoe", "example.com") == "jdoe@example.com"


def test_an_assignto_value_with_its_at_sign_is_appended_as_is():
    assert engineer_email("test", "@service-now.com") == "test@service-now.com"


def test_the_vendor_assignto_rule_naming_assign_to_also_gets_the_email_b_5_4():
    tag_rules = (TagRule("ASSIGNTO", "ASSIGNTO", "Assign_To", "service-now.com"),)

    assert routed(("ASSIGNTO_test",), Rules(include_assign_to_tag=True), tag_rules) == {
        "Assigned_Engineer_Email": "test@service-now.com",
        "Assign_To": "test@service-now.com",
    }


def test_assignto_tags_are_ignored_when_the_rule_is_off():
    tag_rules = (TagRule("ASSIGNTO", "", "Assigned_Engineer_Email", "@example.com"),)

    assert routed(("ASSIGNTO_jdoe",), Rules(), tag_rules) == {}


def test_work_group_category_and_engineer_rules_combine():
    rules = Rules(include_work_group_name_tag=True, include_category_name_tag=True, include_assign_to_tag=True)
    tag_rules = (TagRule("ASSIGNTO", "", "Assigned_Engineer_Email", "example.com"),)

    result = routed(("WRKGRP_Payroll", "CATNAME_Oracle", "ASSIGNTO_jdoe"), rules, tag_rules)

    assert result == {WORKGROUP: "Payroll", "Category_Name": "Oracle", "Assigned_Engineer_Email": "jdoe@example.com"}
