"""`explain --json` and `report` act on one decision record (B-7): for every vendor routing example (B-5.5) and
every working-hours (B-4.8) and daily-window (B-4.6) case, the attributes explain decides are the ones Summit
receives from report, and the action is the one report takes. Both run as the installed CLI over the emulator."""

import json
from dataclasses import replace

import pytest

MONDAY_MORNING = "2024-09-23T10:30"
MONDAY_NIGHT = "2024-09-23T22:00"
MONDAY_WINDOW = {"monday": {"start": "0800", "stop": "1700"}}
HOURS_LAYERS = {
    "workingHours": MONDAY_WINDOW,
    "workingHoursAttributes": [{"name": "Priority_Name", "value": "P2"}],
    "nonWorkingHoursAttributes": [{"name": "Priority_Name", "value": "P1"}],
}
LAST_INCIDENT = "Last Incident Date : 2024-09-22\nCall the payroll team"


def explain_then_report(sandbox, job, now: str, *explain_flags: str) -> tuple[dict, dict]:
    """The decision record of explain, then report's JSON outcome, both at `now`."""
    env = {"SUMMIT_CONNECTOR_NOW": now}
    explained = sandbox.run("explain", "-c", str(sandbox.config), *job.report_args(), "-t", "sandbox", "--json",
                            *explain_flags, env=env)
    assert explained.code == 0, explained.stderr
    reported = sandbox.report(job, "--json", env=env)
    assert reported.code == 0, reported.stderr
    return json.loads(explained.stdout), json.loads(reported.stdout)


def assert_agree(sandbox, decision: dict, outcome: dict) -> None:
    assert decision["action"] == outcome["action"]
    if decision["action"] in ("updated", "reopened"):
        incident = sandbox.emulator.state.incidents[outcome["ticket_number"]]
        assert (decision["update"]["ticket_number"], decision["update"]["status"]) == (
            outcome["ticket_number"], incident.status)
        assert decision["update"]["information"] in incident.information
        return
    if decision["action"] != "created":
        assert decision["request"] is None
        return
    received = sandbox.emulator.state.incidents[outcome["ticket_number"]].fields
    decided = {attribute["name"]: attribute["value"] for attribute in decision["attributes"]}
    assert set(decided) >= {"Priority_Name", "Assigned_WorkGroup_Name", "Category_Name", "Caller_EmailID"}
    assert {name: received.get(name) for name in decided} == decided
    sent = decision["request"]["body"]["objCommonParameters"]["incidentParamsJSON"]["IncidentContainerJsonObj"]
    assert {name: received.get(name) for name in decided} == {name: sent["Ticket"][name] for name in decided}


@pytest.mark.parametrize(
    ("sample", "rules", "attribute", "value"),
    [
        ("route1", {}, "Assigned_WorkGroup_Name", "Application One"),
        ("default_route", {}, "Assigned_WorkGroup_Name", "DevOps"),
        ("workgroup", {"includeWorkGroupNameTag": True}, "Assigned_WorkGroup_Name", "DevOps"),
        ("category", {}, "Category_Name", "Elasticsearch"),
        ("assign_to", {}, "Assigned_Engineer_Email", "test@example.com"),
    ],
)
def test_explain_and_report_agree_on_each_vendor_routing_example_b_5_5(sandbox, sample, rules, attribute, value):
    template = json.loads(sandbox.template.read_text())
    sandbox.edit_template(rules={**template["rules"], **rules})

    decision, outcome = explain_then_report(sandbox, getattr(sandbox.samples, sample), MONDAY_MORNING)

    assert_agree(sandbox, decision, outcome)
    assert sandbox.emulator.state.incidents[outcome["ticket_number"]].fields[attribute] == value
    assert {a["name"]: a["value"] for a in decision["attributes"]}[attribute] == value


def test_explain_and_report_agree_that_an_exit_tag_means_no_incident_b_5_5(sandbox):
    before = sorted(sandbox.emulator.state.incidents)

    decision, outcome = explain_then_report(sandbox, sandbox.samples.no_ticket, MONDAY_MORNING)

    assert (decision["action"], outcome["action"]) == ("skipped-exit", "skipped-exit")
    assert sorted(sandbox.emulator.state.incidents) == before


@pytest.mark.parametrize(
    ("window", "now", "priority"),
    [
        (MONDAY_WINDOW, MONDAY_MORNING, "P2"),
        (MONDAY_WINDOW, MONDAY_NIGHT, "P1"),
        ({"monday": {"start": "2200", "stop": "0600"}}, "2024-09-24T03:00", "P2"),
        ({"monday": {"start": "2200", "stop": "0600"}}, "2024-09-24T06:00", "P1"),
        ({"monday": {"start": "0000", "stop": "0000"}}, MONDAY_MORNING, "P1"),
        ({"tuesday": {"start": "0800", "stop": "1700"}}, MONDAY_MORNING, "P1"),
    ],
    ids=["inside", "after-stop", "overnight-next-morning", "overnight-ended", "0000-0000-none", "day-missing"],
)
def test_explain_and_report_agree_on_the_working_hours_layer_b_4_8(sandbox, window, now, priority):
    sandbox.edit_template(**{**HOURS_LAYERS, "workingHours": window})

    decision, outcome = explain_then_report(sandbox, sandbox.samples.plain, now)

    assert_agree(sandbox, decision, outcome)
    assert sandbox.emulator.state.incidents[outcome["ticket_number"]].fields["Priority_Name"] == priority


@pytest.mark.parametrize(
    ("now", "action"),
    [("2024-09-23T06:59", "skipped-daily-window"), ("2024-09-23T07:00", "created")],
)
def test_explain_and_report_agree_on_the_daily_window_b_4_6(sandbox, now, action):
    template = json.loads(sandbox.template.read_text())
    sandbox.edit_template(rules={**template["rules"], "submitSingleIncidentPerDay": True})
    config = sandbox.config.read_text().replace("[GENERAL]", "[GENERAL]\nDAILY_START_HOUR=07")
    sandbox.config.write_text(config if "[GENERAL]" in config else f"[GENERAL]\nDAILY_START_HOUR=07\n{config}")
    plain = sandbox.samples.plain
    schedule = plain.id.rsplit("|", 1)[0]
    job_id = sandbox.emulator.add_job(schedule, "WINDOWED", documentation=LAST_INCIDENT)
    job = replace(plain, id=job_id, name="WINDOWED")

    decision, outcome = explain_then_report(sandbox, job, now)

    assert (decision["action"], outcome["action"]) == (action, action)
    assert decision["daily_window"]["last_date"] == "2024-09-22"
    assert_agree(sandbox, decision, outcome)


def test_explain_and_report_agree_that_an_uncertain_create_holds_back_the_next_one_b_9_2(sandbox):
    job = sandbox.samples.plain
    sandbox.emulator.faults.fail("summit", 500, times=1, path_contains="IM_LogOrUpdateIncident")
    first = sandbox.report(job)
    assert first.code == 1, first.stderr
    before = sorted(sandbox.emulator.state.incidents)

    explained = sandbox.run("explain", "-c", str(sandbox.config), *job.report_args(), "-t", "sandbox", "--json")
    again = sandbox.report(job)

    assert json.loads(explained.stdout)["action"] == "kept"
    assert again.code == 1 and "may already have created one" in again.stderr
    assert sorted(sandbox.emulator.state.incidents) == before


def test_explain_and_report_agree_that_the_daily_window_guards_new_incidents_only_b_4_6(sandbox):
    """explain never asks Summit, so it is given the ticket's status (In-Progress, as the emulator holds 9001)."""
    template = json.loads(sandbox.template.read_text())
    sandbox.edit_template(rules={**template["rules"], "submitSingleIncidentPerDay": True})
    plain = sandbox.samples.plain
    job_id = sandbox.emulator.add_job(plain.id.rsplit("|", 1)[0], "WINDOWED_OPEN", incident_ticket_id="9001",
                                      documentation="Last Incident Date : 2024-09-23")
    job = replace(plain, id=job_id, name="WINDOWED_OPEN")

    decision, outcome = explain_then_report(sandbox, job, MONDAY_MORNING, "--ticket-status", "In-Progress")

    assert (decision["daily_window"]["applies"], decision["action"]) == (False, "updated")
    assert_agree(sandbox, decision, outcome)
