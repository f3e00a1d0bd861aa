"""B-4.4: an EXIT tag means no incident; it is checked first and honoured whatever the rule flags."""

from datetime import datetime

from summit_connector.domain.decision import Action
from summit_connector.domain.template import Rules, TagRule, Template

from tests.unit.factories import EXIT_ON_NOTICKET, make_job, make_template, plan


def exit_template(rules: Rules | None = None) -> Template:
    return make_template(rules=rules or Rules(), tags=(EXIT_ON_NOTICKET,))


def test_a_tag_equal_to_an_exit_rule_value_means_no_incident():
    job = make_job(tags=("APP1", "NOTICKET"))

    result = plan(job, exit_template())

    assert result.action is Action.SKIPPED_EXIT
    assert result.incident is None and result.update is None and result.write_back is None


def test_the_exit_decision_names_the_tag():
    result = plan(make_job(tags=("NOTICKET",)), exit_template())

    assert result.exit_tag == "NOTICKET"
    assert "NOTICKET" in result.reason


def test_exit_is_honoured_with_every_rule_flag_on():
    every_rule = Rules(True, True, True, True, True, True)

    result = plan(make_job(tags=("NOTICKET",)), exit_template(every_rule))

    assert result.action is Action.SKIPPED_EXIT


def test_exit_needs_the_whole_tag():
    result = plan(make_job(tags=("NOTICKET_X", "X_NOTICKET", "NOTICKETS")), exit_template())

    assert result.action is Action.CREATED


def test_exit_is_case_sensitive():
    result = plan(make_job(tags=("noticket", "NoTicket")), exit_template())

    assert result.action is Action.CREATED


def test_exit_is_checked_before_the_existing_ticket():
    job = make_job(tags=("NOTICKET",), incident_ticket_id="4711")

    result = plan(job, exit_template(), ticket_status="Resolved")

    assert result.action is Action.SKIPPED_EXIT
    assert result.update is None


def test_exit_is_checked_before_the_daily_window():
    job = make_job(tags=("NOTICKET",), documentation="Last Incident Date : 2024-09-23")

    result = plan(job, exit_template(Rules(submit_single_incident_per_day=True)), now=datetime(2024, 9, 23, 12))

    assert result.action is Action.SKIPPED_EXIT


def test_exit_is_checked_before_tag_routing():
    result = plan(make_job(tags=("WRKGRP_DevOps", "NOTICKET")), exit_template(Rules(include_work_group_name_tag=True)))

    assert result.action is Action.SKIPPED_EXIT
    assert result.attributes == ()


def test_a_tag_rule_of_another_kind_with_the_same_value_is_no_exit():
    template = make_template(tags=(TagRule("TAG_END", "NOTICKET", "Category_Name", "Batch"),))

    result = plan(make_job(tags=("NOTICKET",)), template)

    assert result.action is Action.CREATED
