"""B-16.1 to B-16.3 as pure decisions: the runbook in the documentation, routing by it, the configuration item."""

from summit_connector.domain.runbook import configuration_item, find_runbook, route_by_documentation
from summit_connector.domain.template import ConfigurationItem, DocumentationRouting, Rules

from tests.unit.factories import make_template

ON = Rules(extract_xml_content_from_job_description=True)


def runbook_of(documentation: str, tag: str = "runbook", rules: Rules = ON):
    return find_runbook(documentation, make_template(rules=rules, runbook_tag=tag))


def test_the_text_between_the_first_tag_and_the_next_closing_one_is_the_runbook():
    found = runbook_of("a <runbook> first </runbook> b <runbook>second</runbook>")

    assert (found.found, found.text, found.cut) == (True, "first", False)


def test_the_tag_is_case_sensitive_and_the_last_incident_date_line_never_counts():
    assert not runbook_of("<Runbook>x</Runbook>").found
    assert runbook_of("Last Incident Date : 2024-09-01\n<ops>do this</ops>", tag="ops").text == "do this"
    assert not runbook_of("<runbook>\nLast Incident Date : 2024-09-01\n</runbook>").found


def test_a_long_runbook_keeps_its_first_4000_characters_and_says_it_was_cut():
    found = runbook_of(f"<runbook>{'y' * 4001}</runbook>")

    assert found.text == "y" * 4000 + " [...]" and found.cut


def test_the_rule_off_finds_nothing_whatever_the_documentation():
    assert not runbook_of("<runbook>x</runbook>", rules=Rules()).found


def test_documentation_routing_gives_the_value_of_the_side_and_the_runbook_found():
    routing = DocumentationRouting(working_hours_with_doc="A", working_hours_without_doc="B",
                                   non_working_hours_with_doc="C", non_working_hours_without_doc="")
    template = make_template(rules=Rules(extract_xml_content_from_job_description=True,
                                         routing_by_documentation_content=True),
                             runbook_tag="runbook", documentation_routing=routing)
    found, none = find_runbook("<runbook>x</runbook>", template), find_runbook("", template)

    values = [route_by_documentation(template, hours, runbook).value
              for hours in (True, False) for runbook in (found, none)]

    assert values == ["A", "B", "C", ""]


def test_the_configuration_item_is_none_for_an_empty_value_or_n_a_and_a_tag_prefix_is_case_sensitive():
    by_agent = ConfigurationItem("Host Name", "@EV_Agent")
    by_tag = ConfigurationItem("Host Name", from_tag_prefix="CI_")

    assert configuration_item(by_agent, (), "WINAGENT01") == ("Host Name", "WINAGENT01")
    assert configuration_item(by_agent, (), "N/A") is None
    assert configuration_item(by_tag, ("ci_low", "CI_web01"), "") == ("Host Name", "web01")
    assert configuration_item(by_tag, ("ci_low",), "") is None
    assert configuration_item(None, ("CI_x",), "x") is None
