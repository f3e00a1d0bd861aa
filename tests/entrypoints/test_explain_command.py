"""`summit-connector explain` in-process and offline (B-7): every decision, the winning rule and why, nothing sent."""

import json
import re
import socket
from pathlib import Path

import pytest

from cli_harness import VENDOR_ARGS, Result, run_cli, write_config, write_template
from summit_connector.entrypoints.exit_codes import ExitCode

API_KEY = "s3cret-summit-key-0042"
MONDAY_MORNING = "2024-09-23T10:30"
MONDAY_NIGHT = "2024-09-23T22:00"
VENDOR_TAGS = [
    {"indicator": "TAG_END", "indicatorValue": "ROUTE1", "attribute": "Assigned_WorkGroup_Name",
     "value": "Application One"},
    {"indicator": "DEFAULT", "indicatorValue": "", "attribute": "Assigned_WorkGroup_Name", "value": "DevOps"},
    {"indicator": "EXIT", "indicatorValue": "NOTICKET"},
    {"indicator": "ASSIGNTO", "indicatorValue": "", "attribute": "Assigned_Engineer_Email",
     "value": "@service-now.com"},
]


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    write_config(tmp_path, general="LOGDIR=log\nJOBLOGDIR=joblogs\nDAILY_START_HOUR=07")
    vendor_template(tmp_path)
    return tmp_path


def vendor_template(folder: Path, tags: list[dict] = VENDOR_TAGS, **rules: bool) -> None:
    """The vendor docs' routing examples, tag routing on; `rules` switch the others on or off."""
    write_template(
        folder,
        credentials={"apiKey": API_KEY},
        rules={"includeJobLogAttachment": False, "includeTagRouting": True, **rules},
        tags=tags,
        workingHours={"monday": {"start": "0800", "stop": "1700"}},
        workingHoursAttributes=[{"name": "Priority_Name", "value": "P2"}],
        nonWorkingHoursAttributes=[{"name": "Priority_Name", "value": "P1"}],
        viewAddress={"name": "view", "value": "summit.example.com"},
        urls=[{"name": "viewIncident", "value": "https://{0}/IM_TicketDetail.aspx?ID={1}"}],
    )


def explain(folder: Path, *flags: str, environ: dict[str, str] | None = None, offline: bool = True) -> Result:
    args = ["explain", "-c", str(folder / "Connector.config"), *VENDOR_ARGS, "--now", MONDAY_MORNING, *flags]
    return run_cli(args + (["--offline"] if offline else []), environ)


def has_line(output: str, *parts: str) -> bool:
    """A line holding `parts` in order, separated by spaces (the rule and attribute columns)."""
    return re.search(r" +".join(re.escape(part) for part in parts), output) is not None


def attribute(output: str, name: str) -> tuple[str, str]:
    """(value, layer) of one row of the final attributes table."""
    table = output.split("7. Final attributes")[1].split("8. Outcome")[0]
    rows = (re.split(r" {2,}", line.strip()) for line in table.splitlines())
    return next((row[1], row[2]) for row in rows if row[0] == name)


def request_body(output: str) -> dict:
    lines = output.splitlines()
    start = next(index for index, line in enumerate(lines) if "Summit request: POST" in line) + 1
    return json.loads("\n".join(lines[start : lines.index("   }", start) + 1]))


def ticket_fields(output: str) -> dict:
    return request_body(output)["objCommonParameters"]["incidentParamsJSON"]["IncidentContainerJsonObj"]["Ticket"]


def test_tag_end_rule_routes_app1_route1_to_application_one_b_5_5(lab):
    result = explain(lab, "--tags", "APP1_ROUTE1")

    assert result.code == ExitCode.OK, result.stderr
    assert has_line(result.stdout, "WON", "TAG_END ROUTE1", "tag APP1_ROUTE1 ends with 'ROUTE1': "
                    "Assigned_WorkGroup_Name = Application One (the first rule in template order that matches)")
    assert has_line(result.stdout, "LOST", "DEFAULT", "not needed: TAG_END ROUTE1 won")
    assert attribute(result.stdout, "Assigned_WorkGroup_Name") == ("Application One", "job tags")
    assert ticket_fields(result.stdout)["Assigned_WorkGroup_Name"] == "Application One"


def test_a_later_matching_rule_loses_to_the_first_in_template_order_b_5_2(lab):
    tag_start_app1 = {"indicator": "TAG_START", "indicatorValue": "APP1", "attribute": "Assigned_WorkGroup_Name",
                      "value": "App1 generic"}
    vendor_template(lab, tags=[*VENDOR_TAGS, tag_start_app1])

    result = explain(lab, "--tags", "APP1_ROUTE1")

    assert has_line(result.stdout, "WON", "TAG_END ROUTE1")
    assert has_line(result.stdout, "LOST", "TAG_START APP1", "tag APP1_ROUTE1 starts with 'APP1' too, "
                    "but TAG_END ROUTE1 comes first")


def test_app_one_matches_no_rule_so_default_routes_to_devops_b_5_5(lab):
    result = explain(lab, "--tags", "APP_ONE")

    assert has_line(result.stdout, "LOST", "TAG_END ROUTE1", "no tag ends with 'ROUTE1' (APP_ONE)")
    assert has_line(result.stdout, "WON", "DEFAULT", "no TAG_START/TAG_END rule matched a tag: "
                    "Assigned_WorkGroup_Name = DevOps")
    assert attribute(result.stdout, "Assigned_WorkGroup_Name") == ("DevOps", "job tags")


def test_exit_tag_means_no_ticket_and_no_request_b_5_5_b_4_4(lab):
    result = explain(lab, "--tags", "APP1_ROUTE1,NOTICKET")

    assert result.code == ExitCode.OK
    assert "tag NOTICKET equals an EXIT rule's value: no incident (exit 0)" in result.stdout
    assert "NO INCIDENT (exit 0): job tag 'NOTICKET' matches an EXIT rule" in result.stdout
    assert "not reached: tag NOTICKET ends the flow at the EXIT check" in result.stdout
    assert "Summit request" not in result.stdout and "WON" not in result.stdout


def test_workgroup_tag_routes_to_devops_and_tag_routing_is_skipped_b_5_1(lab):
    vendor_template(lab, includeWorkGroupNameTag=True)

    result = explain(lab, "--tags", "APP1,WRKGRP_DevOps,TESTING")

    assert has_line(result.stdout, "WON", "WRKGRP_", "tag WRKGRP_DevOps: Assigned_WorkGroup_Name = DevOps")
    assert has_line(result.stdout, "SKIPPED", "TAG_END ROUTE1", "includeWorkGroupNameTag is on")
    assert attribute(result.stdout, "Assigned_WorkGroup_Name") == ("DevOps", "job tags")


def test_catname_tag_sets_the_category_b_5_3(lab):
    vendor_template(lab, includeCategoryNameTag=True)

    result = explain(lab, "--tags", "CATNAME_Elasticsearch")

    assert has_line(result.stdout, "WON", "CATNAME_", "tag CATNAME_Elasticsearch: Category_Name = Elasticsearch")
    assert attribute(result.stdout, "Category_Name") == ("Elasticsearch", "job tags")


def test_assign_to_tag_with_the_service_now_domain_b_5_4(lab):
    vendor_template(lab, includeAssignToTag=True)

    result = explain(lab, "--tags", "ASSIGNTO_test")

    assert has_line(result.stdout, "WON", "ASSIGNTO_", "tag ASSIGNTO_test: Assigned_Engineer_Email = "
                    "test@service-now.com (the tag's user + the ASSIGNTO rule's value '@service-now.com')")
    assert ticket_fields(result.stdout)["Assigned_Engineer_Email"] == "test@service-now.com"


def test_rules_that_are_off_say_so(lab):
    result = explain(lab, "--tags", "CATNAME_Elasticsearch")

    assert has_line(result.stdout, "OFF", "WRKGRP_", "includeWorkGroupNameTag is false")
    assert has_line(result.stdout, "OFF", "CATNAME_", "includeCategoryNameTag is false")
    assert attribute(result.stdout, "Category_Name") == ("ElasticSearch", "Connector.config [DEFAULTS]")


@pytest.mark.parametrize(
    ("status", "decision", "sent_status"),
    [("In-Progress", "UPDATE incident 9001", "In-Progress"), ("Resolved", "REOPEN incident 9001", "In-Progress")],
)
def test_an_open_or_resolved_ticket_is_updated_with_the_new_failure_b_4_5(lab, status, decision, sent_status):
    result = explain(lab, "--ticket", "9001", "--ticket-status", status)

    assert f"status {status} (from --ticket-status)" in result.stdout
    assert decision in result.stdout
    assert (ticket_fields(result.stdout)["Ticket_No"], ticket_fields(result.stdout)["Status"]) == ("9001", sent_status)
    assert "OpCon: nothing written back" in result.stdout


def test_a_closed_ticket_leads_to_a_new_incident_naming_it_b_4_5(lab):
    result = explain(lab, "--ticket", "9003", "--ticket-status", "Closed")

    assert "decision: create-new: ticket is Closed: create a new incident" in result.stdout
    assert "CREATE a new incident with status New, naming closed ticket 9003" in result.stdout
    assert ticket_fields(result.stdout)["Ticket_No"] == ""
    assert "Incident Ticket ID of job JOB001 := <new ticket number> linked to " \
           "https://summit.example.com/IM_TicketDetail.aspx?ID=<new ticket number>" in result.stdout


def test_an_unknown_status_falls_back_to_the_vendor_reopen_b_4_5(lab):
    result = explain(lab, "--ticket", "9001")

    assert "status unknown: explain never asks Summit (give --ticket-status)" in result.stdout
    assert "the vendor fallback applies: update the ticket with reopenStatus In-Progress (B-4.5)" in result.stdout
    assert "REOPEN incident 9001" in result.stdout


def explain_daily_window(folder: Path, now: str) -> Result:
    vendor_template(folder, submitSingleIncidentPerDay=True)
    return explain(folder, "--documentation", "Last Incident Date : 2024-09-23\nCall the payroll team", "--now", now)


def test_inside_the_daily_window_no_new_incident_is_created_b_4_6(lab):
    result = explain_daily_window(lab, "2024-09-24T06:59")

    assert "last incident date 2024-09-23: the window ends Tuesday 2024-09-24 07:00" in result.stdout
    assert "now Tuesday 2024-09-24 06:59 is before that: blocked, no new incident (exit 0)" in result.stdout
    assert "NO INCIDENT (exit 0): submitSingleIncidentPerDay" in result.stdout


def test_after_the_window_the_incident_is_created_and_the_date_line_replaced_b_4_6(lab):
    result = explain_daily_window(lab, "2024-09-24T07:00")

    assert "is not before that: not blocked" in result.stdout
    assert "OpCon: documentation first line := 'Last Incident Date : 2024-09-24'" in result.stdout


@pytest.mark.parametrize(
    ("now", "state", "priority"),
    [(MONDAY_MORNING, "in working hours: the template workingHoursAttributes layer applies", "P2"),
     (MONDAY_NIGHT, "outside working hours: the template nonWorkingHoursAttributes layer applies", "P1")],
)
def test_the_clock_picks_the_working_hours_layer_b_4_8(lab, now, state, priority):
    result = explain(lab, "--now", now)

    assert "Monday 0800-1700" in result.stdout and state in result.stdout
    assert attribute(result.stdout, "Priority_Name")[0] == priority


def test_without_now_the_environment_clock_is_used_b_1_5(lab):
    args = ["explain", "-c", str(lab / "Connector.config"), *VENDOR_ARGS, "--offline"]

    result = run_cli(args, {"SUMMIT_CONNECTOR_NOW": MONDAY_NIGHT})

    assert "now: Monday 2024-09-23 22:00 (from SUMMIT_CONNECTOR_NOW)" in result.stdout


def test_the_request_body_is_the_summit_envelope_with_the_api_key_masked_b_6_3(lab):
    result = explain(lab, "--tags", "APP1_ROUTE1")

    body = request_body(result.stdout)
    assert body["ServiceName"] == "IM_LogOrUpdateIncident"
    assert body["objCommonParameters"]["_ProxyDetails"]["APIKey"] == "***"
    assert API_KEY not in result.stdout + result.stderr
    assert "Summit request: POST http://127.0.0.1:1/api_integration/" in result.stdout


def test_explain_writes_no_file_under_the_config_folder(lab):
    before = sorted(lab.rglob("*"))

    explain(lab, "--tags", "APP1_ROUTE1", "--documentation", "Last Incident Date : 2024-09-20")

    assert sorted(lab.rglob("*")) == before
    assert not (lab / "log").exists() and not (lab / "joblogs").exists()


def test_opcon_unreachable_is_one_line_and_exit_3_suggesting_offline(tmp_path):
    write_config(tmp_path, f"ADDRESS=127.0.0.1\nPORT={closed_port()}\nUSES_TLS=False\nTOKEN=a-token")
    vendor_template(tmp_path)

    result = explain(tmp_path, offline=False)

    assert result.code == ExitCode.NOT_DELIVERED
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
    assert "OpCon could not be asked for job JOB001" in result.stderr and "--offline" in result.stderr


def test_a_bad_now_is_invalid_input(lab):
    result = explain(lab, "--now", "Monday morning")

    assert result.code == ExitCode.INVALID_INPUT
    assert "--now" in result.stderr and "Traceback" not in result.stderr


def test_a_missing_template_is_invalid_input_like_report(tmp_path):
    write_config(tmp_path)

    result = explain(tmp_path)

    assert result.code == ExitCode.INVALID_INPUT
    assert "basic.json" in result.stderr


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
