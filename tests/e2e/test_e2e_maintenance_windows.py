"""The installed CLI against the emulator (B-13.3): a failure inside a maintenance window sends nothing and exits 0
with a history event; outside it the incident is created; `explain` shows the window's verdict."""

import json

SUNDAY_3AM = {"SUMMIT_CONNECTOR_NOW": "2024-09-22T03:00"}
SUNDAY_6AM = {"SUMMIT_CONNECTOR_NOW": "2024-09-22T06:00"}
MONDAY_1AM = {"SUMMIT_CONNECTOR_NOW": "2024-09-23T01:00"}
WINDOWS = [{"days": ["saturday"], "start": "2200", "stop": "0200"},
           {"days": ["sunday"], "start": "0100", "stop": "0500"},
           {"days": ["sunday"], "start": "2200", "stop": "0200"}]


def nothing_sent(sandbox) -> None:
    state = sandbox.emulator.state
    with state.lock:
        assert [request for request in state.requests if request.api == "summit"] == []
        assert (state.incident_ticket_writes, state.documentation_writes) == ([], [])
        assert sorted(state.incidents) == ["9001", "9002", "9003"]


def history(sandbox) -> list[dict]:
    return json.loads(sandbox.run("history", "-c", str(sandbox.config), "--json", env=SUNDAY_3AM).stdout)


def test_a_failure_inside_a_window_sends_nothing_and_exits_0_with_a_history_event(sandbox):
    sandbox.edit_template(maintenanceWindows=WINDOWS)

    run = sandbox.report(sandbox.samples.plain, env=SUNDAY_3AM)

    assert run.code == 0, run.stderr
    assert run.stdout.strip() == ("No incident for JOB001 (PAYROLL, 2024-09-21): inside maintenance window "
                                  "maintenanceWindows[1] (Sunday 0100-0500): nothing is sent")
    nothing_sent(sandbox)
    [event] = history(sandbox)
    assert (event["action"], event["ticket"], event["exit_code"]) == ("skipped-maintenance", "", 0)
    assert "maintenanceWindows[1]" in event["reason"]


def test_the_same_failure_outside_every_window_creates_the_incident(sandbox):
    sandbox.edit_template(maintenanceWindows=WINDOWS)

    run = sandbox.report(sandbox.samples.plain, env=SUNDAY_6AM)

    assert run.code == 0, run.stderr
    assert run.stdout.startswith("Incident 10001 created for JOB001")
    assert sandbox.job(sandbox.samples.plain).incident_ticket_id == "10001"


def test_the_next_morning_part_of_an_overnight_window_sends_nothing(sandbox):
    sandbox.edit_template(maintenanceWindows=WINDOWS)

    run = sandbox.report(sandbox.samples.plain, "--json", env=MONDAY_1AM)

    assert run.code == 0, run.stderr
    outcome = json.loads(run.stdout)
    assert (outcome["action"], outcome["ticket_number"]) == ("skipped-maintenance", "")
    assert "maintenanceWindows[2] (Sunday 2200-0200, running past midnight)" in outcome["reason"]
    nothing_sent(sandbox)


def test_an_open_ticket_is_not_updated_inside_a_window(sandbox):
    sandbox.edit_template(maintenanceWindows=WINDOWS)

    run = sandbox.report(sandbox.samples.open_ticket, env=SUNDAY_3AM)

    assert run.code == 0, run.stderr
    incident = sandbox.emulator.state.incidents["9001"]
    assert (incident.status, [line for line in incident.information if "TICKET_OPEN" in line]) == ("In-Progress", [])
    assert sorted(sandbox.emulator.state.incidents) == ["9001", "9002", "9003"]


def test_explain_json_records_the_window_that_matched(sandbox):
    sandbox.edit_template(maintenanceWindows=WINDOWS)

    run = sandbox.run("explain", "-c", str(sandbox.config), *sandbox.samples.plain.report_args(), "-t", "sandbox",
                      "--json", env=MONDAY_1AM)

    assert run.code == 0, run.stderr
    record = json.loads(run.stdout)
    assert record["action"] == "skipped-maintenance"
    assert record["maintenance"] == {"windows": 3, "inside": True, "index": 2, "day": "sunday",
                                     "window": {"start": "2200", "stop": "0200"}, "past_midnight": True}
    assert record["incident"] is None and record["request"] is None


def test_explain_json_records_that_no_window_matched(sandbox):
    sandbox.edit_template(maintenanceWindows=WINDOWS)

    run = sandbox.run("explain", "-c", str(sandbox.config), *sandbox.samples.plain.report_args(), "-t", "sandbox",
                      "--json", env=SUNDAY_6AM)

    record = json.loads(run.stdout)
    assert record["action"] == "created"
    assert record["maintenance"] == {"windows": 3, "inside": False, "index": None, "day": "", "window": None,
                                     "past_midnight": False}


def test_explain_says_the_window_ends_the_flow(sandbox):
    sandbox.edit_template(maintenanceWindows=WINDOWS)

    run = sandbox.run("explain", "-c", str(sandbox.config), *sandbox.samples.plain.report_args(), "-t", "sandbox",
                      env=SUNDAY_3AM)

    assert run.code == 0, run.stderr
    assert ("maintenanceWindows[1] Sunday 0100-0500 covers Sunday 2024-09-22 03:00: no incident, nothing sent to "
            "Summit or written to OpCon (exit 0)") in run.stdout
    assert "not reached: maintenance window maintenanceWindows[1] ends the flow" in run.stdout
    assert "NO INCIDENT (exit 0): inside maintenance window maintenanceWindows[1]" in run.stdout
