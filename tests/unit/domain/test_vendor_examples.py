"""B-5.5: the tag examples of the vendor docs, one test each, asserted on the incident's final attributes.

The config [DEFAULTS] here name other values than the examples expect, so only the tag rules can produce them.
"""

from summit_connector.domain.decision import Action
from summit_connector.domain.template import Rules, TagRule, Template

from tests.unit.factories import (
    EXIT_ON_NOTICKET,
    incident_attributes,
    make_job,
    make_settings,
    plan,
    vendor_routing_template,
)

SETTINGS = make_settings(Assigned_WorkGroup_Name="Service Desk", Category_Name="General")


def final_attributes(tags: tuple[str, ...], template: Template | None = None) -> dict[str, str]:
    return incident_attributes(plan(make_job(tags=tags), template or vendor_routing_template(), settings=SETTINGS))


def test_tag_app1_route1_routes_to_application_one():
    assert final_attributes(("APP1_ROUTE1",))["Assigned_WorkGroup_Name"] == "Application One"


def test_tag_app_one_routes_to_devops_by_the_default_rule():
    assert final_attributes(("APP_ONE",))["Assigned_WorkGroup_Name"] == "DevOps"


def test_tags_app1_route1_and_noticket_create_no_ticket():
    template = vendor_routing_template(extra_tags=(EXIT_ON_NOTICKET,))

    result = plan(make_job(tags=("APP1_ROUTE1", "NOTICKET")), template, settings=SETTINGS)

    assert result.action is Action.SKIPPED_EXIT
    assert result.incident is None


def test_tags_app1_wrkgrp_devops_testing_route_to_devops_with_the_work_group_rule():
    template = vendor_routing_template(Rules(include_tag_routing=True, include_work_group_name_tag=True))

    assert final_attributes(("APP1", "WRKGRP_DevOps", "TESTING"), template)["Assigned_WorkGroup_Name"] == "DevOps"


def test_tag_catname_elasticsearch_sets_category_elasticsearch():
    template = vendor_routing_template(Rules(include_tag_routing=True, include_category_name_tag=True))

    final = final_attributes(("APP1_ROUTE1", "CATNAME_Elasticsearch"), template)

    assert (final["Category_Name"], final["Assigned_WorkGroup_Name"]) == ("Elasticsearch", "Application One")


def test_tag_assignto_test_with_service_now_value_assigns_test_at_service_now_com():
    assign_to = TagRule("ASSIGNTO", "", "Assigned_Engineer_Email", "@service-now.com")
    template = vendor_routing_template(Rules(include_tag_routing=True, include_assign_to_tag=True), (assign_to,))

    final = final_attributes(("APP1_ROUTE1", "ASSIGNTO_test"), template)

    assert final["Assigned_Engineer_Email"] == "test@service-now.com"


def test_tag_assignto_jdoe_with_value_example_com_assigns_jdoe_at_example_com():
    assign_to = TagRule("ASSIGNTO", "", "Assigned_Engineer_Email", "example.com")
    template = vendor_routing_template(Rules(include_assign_to_tag=True), (assign_to,))

    assert final_attributes(("ASSIGNTO_jdoe",), template)["Assigned_Engineer_Email"] == "jdoe@example.com"
