"""`summit-connector explain` in-process and offline (B-7): every decision, the winning rule and why, nothing sent."""

import json
import re
import socket
from pathlib import Path

import pytest

from summit_connector.entrypoints.exit_codes import ExitCode

from tests.entrypoints.cli_harness import VENDOR_ARGS, Result, run_cli, write_config, write_template

API_KEY = "s3cret-summit-key-0042"
MONDAY_MORNING = "2024-09-23T10:30"
MONDAY_NIGHT = "2024-09-23T22:00"
WORKGROUP = "Assigned_WorkGroup_Name"
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


def decision(folder: Path, *flags: str, environ: dict[str, str] | None = None) -> dict:
    """The decision record of `explain --json` (B-7)."""
    result = explain(folder, *flags, "--json", environ=environ)
    assert result.code == ExitCode.OK, result.stderr
    return json.loads(result.stdout)


def verdict(record: dict, rule: str) -> tuple[str, str, str, dict[str, str]]:
    """(verdict, matched tag, beaten by, what it set) of one routing rule."""
    found = next(v for v in record["routing"] if v["rule"] == rule)
    return found["verdict"], found["matched_tag"], found["beaten_by"], {a["name"]: a["value"] for a in found["sets"]}


def final(record: dict, name: str) -> tuple[str, str]:
    """(value, layer) of one final attribute."""
    return next((a["value"], a["layer"]) for a in record["attributes"] if a["name"] == name)


def ticket_fields(record: dict) -> dict:
    return record["request"]["body"]["objCommonParameters"]["incidentParamsJSON"]["IncidentContainerJsonObj"]["Ticket"]


def has_line(output: str, *parts: str) -> bool:
    """A line holding `parts` in order, separated by spaces (the rule and attribute columns)."""
    return re.search(r" +".join(re.escape(part) for part in parts), output) is not None


def test_tag_end_rule_routes_app1_route1_to_application_one_b_5_5(lab):
    record = decision(lab, "--tags", "APP1_ROUTE1")

    assert verdict(record, "TAG_END ROUTE1") == ("won", "APP1_ROUTE1", "", {WORKGROUP: "Application One"})
    assert verdict(record, "DEFAULT")[::2] == ("lost", "TAG_END ROUTE1")
    assert final(record, WORKGROUP) == ("Application One", "job tags")
    assert ticket_fields(record)[WORKGROUP] == "Application One"


def test_a_later_matching_rule_loses_to_the_first_in_template_order_b_5_2(lab):
    tag_start_app1 = {"indicator": "TAG_START", "indicatorValue": "APP1", "attribute": WORKGROUP,
                      "value": "App1 generic"}
    vendor_template(lab, tags=[*VENDOR_TAGS, tag_start_app1])

    record = decision(lab, "--tags", "APP1_ROUTE1")

    assert verdict(record, "TAG_END ROUTE1")[0] == "won"
    assert verdict(record, "TAG_START APP1") == ("lost", "APP1_ROUTE1", "TAG_END ROUTE1", {})


def test_app_one_matches_no_rule_so_default_routes_to_devops_b_5_5(lab):
    record = decision(lab, "--tags", "APP_ONE")

    assert verdict(record, "TAG_END ROUTE1") == ("no-match", "", "", {})
    assert verdict(record, "DEFAULT") == ("won", "", "", {WORKGROUP: "DevOps"})
    assert final(record, WORKGROUP) == ("DevOps", "job tags")


def test_exit_tag_means_no_ticket_and_no_request_b_5_5_b_4_4(lab):
    record = decision(lab, "--tags", "APP1_ROUTE1,NOTICKET")

    assert (record["action"], record["exit_tag"]) == ("skipped-exit", "NOTICKET")
    assert record["request"] is None and record["routing"] == []


def test_the_exit_tag_ends_the_text_view_early(lab):
    result = explain(lab, "--tags", "APP1_ROUTE1,NOTICKET")

    assert result.code == ExitCode.OK
    assert "tag NOTICKET equals an EXIT rule's value: no incident (exit 0)" in result.stdout
    assert "NO INCIDENT (exit 0): job tag 'NOTICKET' matches an EXIT rule" in result.stdout
    assert "not reached: tag NOTICKET ends the flow at the EXIT check" in result.stdout
    assert "Summit request" not in result.stdout and "WON" not in result.stdout


def test_workgroup_tag_routes_to_devops_and_tag_routing_is_off_b_5_1(lab):
    vendor_template(lab, includeWorkGroupNameTag=True)

    record = decision(lab, "--tags", "APP1,WRKGRP_DevOps,TESTING")

    assert verdict(record, "WRKGRP_") == ("won", "WRKGRP_DevOps", "", {WORKGROUP: "DevOps"})
    routing_off = [v["off_by"] for v in record["routing"] if v["rule"] in ("TAG_END ROUTE1", "DEFAULT")]
    assert routing_off == ["includeWorkGroupNameTag", "includeWorkGroupNameTag"]
    assert final(record, WORKGROUP) == ("DevOps", "job tags")


def test_catname_tag_sets_the_category_b_5_3(lab):
    vendor_template(lab, includeCategoryNameTag=True)

    record = decision(lab, "--tags", "CATNAME_Elasticsearch")

    assert verdict(record, "CATNAME_") == ("won", "CATNAME_Elasticsearch", "", {"Category_Name": "Elasticsearch"})
    assert final(record, "Category_Name") == ("Elasticsearch", "job tags")


def test_assign_to_tag_with_the_service_now_domain_b_5_4(lab):
    vendor_template(lab, includeAssignToTag=True)

    record = decision(lab, "--tags", "ASSIGNTO_test")

    assert verdict(record, "ASSIGNTO_")[3] == {"Assigned_Engineer_Email": "test@service-now.com"}
    assert ticket_fields(record)["Assigned_Engineer_Email"] == "test@service-now.com"


def test_rules_that_are_off_say_so(lab):
    result = explain(lab, "--tags", "CATNAME_Elasticsearch")

    assert has_line(result.stdout, "OFF", "WRKGRP_", "includeWorkGroupNameTag is false")
    assert has_line(result.stdout, "OFF", "CATNAME_", "includeCategoryNameTag is false")
    assert has_line(result.stdout, "Category_Name", "ElasticSearch", "Connector.config [DEFAULTS]")


@pytest.mark.parametrize(
    ("status", "action", "state"),
    [("In-Progress", "updated", "open"), ("Resolved", "reopened", "resolved")],
)
def test_an_open_or_resolved_ticket_is_updated_with_the_new_failure_b_4_5(lab, status, action, state):
    record = decision(lab, "--ticket", "9001", "--ticket-status", status)

    assert (record["action"], record["existing"]["state"], record["existing"]["status"]) == (action, state, status)
    assert (ticket_fields(record)["Ticket_No"], ticket_fields(record)["Status"]) == ("9001", "In-Progress")
    assert record["write_back"] is None


def test_a_closed_ticket_leads_to_a_new_incident_naming_it_b_4_5(lab):
    record = decision(lab, "--ticket", "9003", "--ticket-status", "Closed")

    assert (record["action"], record["existing"]["state"], record["previous_ticket"]) == ("created", "closed", "9003")
    assert ticket_fields(record)["Ticket_No"] == ""
    assert record["write_back"]["ticket"] is True


def test_the_text_view_names_the_closed_ticket_and_the_link_written_back(lab):
    result = explain(lab, "--ticket", "9003", "--ticket-status", "Closed")

    assert "decision: create-new: ticket is Closed: create a new incident" in result.stdout
    assert "CREATE a new incident with status New, naming closed ticket 9003" in result.stdout
    assert "Incident Ticket ID of job JOB001 := <new ticket number> linked to " \
           "https://summit.example.com/IM_TicketDetail.aspx?ID=<new ticket number>" in result.stdout


def test_an_unknown_status_falls_back_to_the_vendor_reopen_b_4_5(lab):
    record = decision(lab, "--ticket", "9001")

    assert (record["action"], record["existing"]["state"]) == ("reopened", "unknown")
    assert "status unknown: explain never asks Summit" in explain(lab, "--ticket", "9001").stdout


def explain_daily_window(folder: Path, now: str) -> dict:
    vendor_template(folder, submitSingleIncidentPerDay=True)
    return decision(folder, "--documentation", "Last Incident Date : 2024-09-23\nCall the payroll team", "--now", now)


def test_inside_the_daily_window_no_new_incident_is_created_b_4_6(lab):
    record = explain_daily_window(lab, "2024-09-24T06:59")

    assert record["daily_window"] == {"on": True, "daily_start_hour": 7, "applies": True, "last_date": "2024-09-23",
                                      "ends": "2024-09-24T07:00:00", "blocked": True}
    assert (record["action"], record["request"]) == ("skipped-daily-window", None)


def test_after_the_window_the_incident_is_created_and_the_date_line_replaced_b_4_6(lab):
    record = explain_daily_window(lab, "2024-09-24T07:00")

    assert record["daily_window"]["blocked"] is False and record["action"] == "created"
    assert record["write_back"]["documentation"]["text"].startswith("Last Incident Date : 2024-09-24\n")


@pytest.mark.parametrize(
    ("now", "in_hours", "layer", "priority"),
    [(MONDAY_MORNING, True, "template workingHoursAttributes", "P2"),
     (MONDAY_NIGHT, False, "template nonWorkingHoursAttributes", "P1")],
)
def test_the_clock_picks_the_working_hours_layer_b_4_8(lab, now, in_hours, layer, priority):
    record = decision(lab, "--now", now)

    hours = record["working_hours"]
    assert (hours["in_hours"], hours["layer"], hours["today"]) == (in_hours, layer, {"start": "0800", "stop": "1700"})
    assert final(record, "Priority_Name") == (priority, layer)


def test_the_text_view_shows_the_day_window_and_the_layer_b_4_8(lab):
    result = explain(lab, "--now", MONDAY_NIGHT)

    assert "Monday 0800-1700" in result.stdout
    assert "outside working hours: the template nonWorkingHoursAttributes layer applies" in result.stdout


def test_without_now_the_environment_clock_is_used_b_1_5(lab):
    args = ["explain", "-c", str(lab / "Connector.config"), *VENDOR_ARGS, "--offline"]

    result = run_cli(args, {"SUMMIT_CONNECTOR_NOW": MONDAY_NIGHT})

    assert "now: Monday 2024-09-23 22:00 (from SUMMIT_CONNECTOR_NOW)" in result.stdout


def test_the_request_body_is_the_summit_envelope_with_the_api_key_masked_b_6_3(lab):
    result = explain(lab, "--tags", "APP1_ROUTE1")
    record = decision(lab, "--tags", "APP1_ROUTE1")

    body = record["request"]["body"]
    assert body["ServiceName"] == "IM_LogOrUpdateIncident"
    assert body["objCommonParameters"]["_ProxyDetails"]["APIKey"] == "***"
    assert API_KEY not in result.stdout + result.stderr + json.dumps(record)
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


def test_the_text_view_says_why_tag_routing_is_off_and_where_the_engineer_domain_came_from_b_5_1_b_5_4(lab):
    vendor_template(lab, includeWorkGroupNameTag=True, includeAssignToTag=True)

    result = explain(lab, "--tags", "WRKGRP_DevOps,ASSIGNTO_test")

    assert has_line(result.stdout, "OFF", "TAG_END ROUTE1", "includeWorkGroupNameTag is on, so "
                    "TAG_START/TAG_END/DEFAULT routing is not applied (B-5.1)")
    assert has_line(result.stdout, "WON", "ASSIGNTO_", "tag ASSIGNTO_test: Assigned_Engineer_Email = "
                    "test@service-now.com (the tag's user + the ASSIGNTO rule's value '@service-now.com')")
