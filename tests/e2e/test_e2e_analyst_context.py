"""Context an analyst can act on (B-16), with the installed CLI against the emulator: the runbook from the job
documentation, routing by documentation, the configuration item, and `check` listing every problem at once."""

import json

import pytest

from tests.e2e.conftest import Sandbox

DAY = "2024-09-21"
SATURDAY_MORNING = {"SUMMIT_CONNECTOR_NOW": "2024-09-21T10:00"}
SATURDAY_NIGHT = {"SUMMIT_CONNECTOR_NOW": "2024-09-21T22:00"}
RUNBOOK = "Restart the ledger export.\nIf it fails twice, call the finance on-call."
DOCUMENTED = f"Last Incident Date : 2024-09-01\nOwner: finance\n<runbook>\n{RUNBOOK}\n</runbook>\nMore notes."


def with_rules(sandbox: Sandbox, **rules: object) -> None:
    template = json.loads(sandbox.template.read_text())
    sandbox.edit_template(rules={**template["rules"], **rules})


def with_runbook_rule(sandbox: Sandbox, **blocks: object) -> None:
    with_rules(sandbox, extractXmlContentFromJobDescription=True)
    sandbox.edit_template(jobDescriptionXmlTag={"xmlTag": "runbook"}, **blocks)


def documented_job(sandbox: Sandbox, name: str, documentation: str, **options):
    return sandbox.emulator.add_failed_job("LEDGER", DAY, 50, 1, name, documentation=documentation, **options)


def created(sandbox: Sandbox, job, *extra: str, env=SATURDAY_MORNING):
    run = sandbox.report(job, *extra, env=env)
    assert run.code == 0 and "created" in run.stdout, run.stderr
    ticket = sandbox.job(job).incident_ticket_id
    return sandbox.emulator.state.incidents[ticket]


def test_the_runbook_ends_the_information_and_expands_in_the_description_b_16_1(sandbox):
    with_runbook_rule(sandbox, ticketDescription="@EV_Job failed. @EV_Runbook")
    job = documented_job(sandbox, "EXPORT_LEDGER", DOCUMENTED)

    incident = created(sandbox, job)

    assert incident.information[0].endswith(f"\n\nRunbook: {RUNBOOK}")
    assert incident.fields["Description"] == f"EXPORT_LEDGER failed. {RUNBOOK}"
    assert "Last Incident Date" not in incident.information[0]


def test_a_runbook_longer_than_4000_characters_is_cut_b_16_1(sandbox):
    with_runbook_rule(sandbox)
    job = documented_job(sandbox, "LONG_RUNBOOK", f"<runbook>{'x' * 4500}</runbook>")

    incident = created(sandbox, job)

    assert incident.information[0].endswith(f"Runbook: {'x' * 4000} [...]")


@pytest.mark.parametrize("documentation, rule_on", [
    ("no tag at all", True),
    ("<runbook>never closed", True),
    ("<runbook>  </runbook>", True),
    (DOCUMENTED, False),
])
def test_no_tag_an_unclosed_or_empty_one_or_the_rule_off_appends_nothing_b_16_1(sandbox, documentation, rule_on):
    if rule_on:
        with_runbook_rule(sandbox)
    job = documented_job(sandbox, "NO_RUNBOOK", documentation)

    incident = created(sandbox, job)

    assert "Runbook:" not in incident.information[0]


def test_an_update_after_a_second_failure_does_not_repeat_the_runbook_b_16_1(sandbox):
    with_runbook_rule(sandbox)
    job = documented_job(sandbox, "EXPORT_LEDGER", DOCUMENTED)
    created(sandbox, job)

    again = sandbox.report(job, "-e", "+000000002", env=SATURDAY_MORNING)

    incident = sandbox.emulator.state.incidents[sandbox.job(job).incident_ticket_id]
    assert again.code == 0 and "updated" in again.stdout
    assert len(incident.information) == 2 and "Runbook" not in incident.information[1]


ROUTING = {"routingAttribute": "Assigned_WorkGroup_Name", "workingHoursWithDoc": "Application One",
           "workingHoursWithoutDoc": "Service Desk", "nonWorkingHoursWithDoc": "IT Infra",
           "nonWorkingHoursWithoutDoc": "Hardware"}
"""Four of the emulated tenant's work groups (Summit refuses a name it does not know)."""


@pytest.mark.parametrize("now, documentation, expected", [
    (SATURDAY_MORNING, DOCUMENTED, "Application One"),
    (SATURDAY_MORNING, "no runbook here", "Service Desk"),
    (SATURDAY_NIGHT, DOCUMENTED, "IT Infra"),
    (SATURDAY_NIGHT, "no runbook here", "Hardware"),
])
def test_documentation_routing_picks_each_of_the_four_values_b_16_2(sandbox, now, documentation, expected):
    with_runbook_rule(sandbox, documentationRouting=ROUTING,
                      workingHours={"saturday": {"start": "0800", "stop": "1700"}})
    with_rules(sandbox, routingByDocumentationContent=True, includeTagRouting=False)
    job = documented_job(sandbox, "ROUTED_BY_DOC", documentation)

    incident = created(sandbox, job, env=now)

    assert incident.fields["Assigned_WorkGroup_Name"] == expected


def test_a_wrkgrp_tag_still_wins_over_documentation_routing_b_16_2(sandbox):
    with_runbook_rule(sandbox, documentationRouting=ROUTING)
    with_rules(sandbox, routingByDocumentationContent=True, includeTagRouting=False, includeWorkGroupNameTag=True)
    job = documented_job(sandbox, "TAGGED", DOCUMENTED, tags=["WRKGRP_DevOps"])

    incident = created(sandbox, job)

    assert incident.fields["Assigned_WorkGroup_Name"] == "DevOps"


def test_explain_json_carries_the_runbook_and_the_documentation_layer_b_16_2(sandbox):
    with_runbook_rule(sandbox, documentationRouting=ROUTING,
                      workingHours={"saturday": {"start": "0800", "stop": "1700"}})
    with_rules(sandbox, routingByDocumentationContent=True, includeTagRouting=False)
    job = documented_job(sandbox, "EXPLAINED", DOCUMENTED)

    run = sandbox.run("explain", "-c", str(sandbox.config), *job.report_args(), "-t", "sandbox", "--json",
                      env=SATURDAY_MORNING)

    record = json.loads(run.stdout)
    assert record["runbook"]["text"] == RUNBOOK and record["runbook"]["on"] is True
    assert record["documentation"]["value"] == "Application One"
    assert {"name": "Assigned_WorkGroup_Name", "value": "Application One", "layer": "documentation"} in \
        record["attributes"]


def test_the_configuration_item_comes_from_the_agent_and_none_is_sent_for_n_a_b_16_3(sandbox):
    incident = created(sandbox, sandbox.samples.plain)
    missed = documented_job(sandbox, "NO_AGENT", "", start_machine=None, primary_machine=None)

    without = created(sandbox, missed)

    assert incident.ci == {"CI_Key": "Host Name", "CI_Value": "UNIXAGENT01"}
    assert without.ci == {}
    sent = [request.body for request in sandbox.emulator.state.requests
            if "NO_AGENT" in json.dumps(request.body)][0]
    assert "CI_Key" not in json.dumps(sent)


def test_the_configuration_item_comes_from_a_tag_prefix_b_16_3(sandbox):
    sandbox.edit_template(ci={"key": "Host Name", "fromTagPrefix": "CI_"})
    job = documented_job(sandbox, "WEB_JOB", "", tags=["APP1", "CI_web01.example.com"])
    plain = documented_job(sandbox, "UNTAGGED", "")

    incident, untagged = created(sandbox, job), created(sandbox, plain)

    assert incident.ci == {"CI_Key": "Host Name", "CI_Value": "web01.example.com"}
    assert untagged.ci == {}


def test_check_lists_three_wrong_fields_in_two_files_as_three_lines_and_exits_2_b_16_4(sandbox):
    config = sandbox.config.read_text().replace("[GENERAL]", "[GENERAL]\nHTTP_TIMEOUT=0\nHISTORY_DAYS=0", 1)
    sandbox.config.write_text(config)
    template = json.loads(sandbox.template.read_text())
    template["rules"]["includeTagRouting"] = "maybe"
    sandbox.template.write_text(json.dumps(template))

    run = sandbox.run("check", "-c", str(sandbox.config))

    lines = run.stdout.strip().splitlines()
    assert run.code == 2
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 3, run.stdout
    assert "[GENERAL] HTTP_TIMEOUT" in errors[0] and "[GENERAL] HISTORY_DAYS" in errors[1]
    assert "templates/sandbox.json: rules.includeTagRouting" in errors[2]
