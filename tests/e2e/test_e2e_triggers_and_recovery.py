"""The installed CLI against the emulator: SLA triggers (B-11.1) and recovery (B-11.2), kept and replayed (B-9)."""

import json

import pytest

SLA_TRIGGERS = {"late-to-start": "Late to Start", "late-to-finish": "Late to Finish",
                "exceeded-max-runtime": "Exceeded Maximum Runtime", "missed-start-time": "Missed Start Time"}
RESOLVE = {"action": "resolve", "via": ["In-Progress"], "resolvedStatus": "Resolved", "solution": "@EV_Job ran fine",
           "attributes": [{"name": "Closure_Code_Name", "value": "Successful"}]}


def recover(sandbox, job, *extra: str):
    return sandbox.run("recover", "-c", str(sandbox.config), *job.report_args(), "-t", "sandbox", *extra)


def log_or_update_calls(sandbox) -> int:
    return sandbox.emulator.state.counters["summit:IM_LogOrUpdateIncident"]


@pytest.mark.parametrize("trigger", SLA_TRIGGERS)
def test_an_sla_trigger_creates_an_incident_with_its_block_text_and_attributes_b_11_1(sandbox, trigger):
    sandbox.edit_template(triggers={trigger: {
        "ticketDescription": "@EV_Trigger: @EV_Job", "ticketInformation": "SLA missed by @EV_Job on @EV_Agent",
        "attributes": [{"name": "Urgency_Name", "value": "High"}, {"name": "Category_Name", "value": "Database"}],
    }})

    run = sandbox.report(sandbox.samples.plain, "-tr", trigger)

    assert run.code == 0, run.stderr
    incident = sandbox.emulator.state.incidents["10001"]
    assert incident.fields["Description"] == f"{SLA_TRIGGERS[trigger]}: JOB001"
    assert incident.information == [f"SLA missed by JOB001 on {sandbox.samples.plain.agent}"]
    assert (incident.fields["Urgency_Name"], incident.fields["Category_Name"]) == ("High", "Database")
    assert sandbox.job(sandbox.samples.plain).incident_ticket_id == "10001"


def test_without_a_block_the_information_starts_with_the_trigger_and_an_update_names_it_b_11_1(sandbox):
    created = sandbox.report(sandbox.samples.plain, "--trigger", "late-to-finish")
    updated = sandbox.report(sandbox.samples.plain, "-tr", "exceeded-max-runtime")

    assert (created.code, updated.code) == (0, 0), created.stderr + updated.stderr
    information = sandbox.emulator.state.incidents["10001"].information
    assert information[0].startswith("Late to Finish: Job JOB001 (PAYROLL")
    assert information[1].startswith("OpCon job JOB001 reported Exceeded Maximum Runtime: ")


def test_an_unknown_trigger_is_one_line_and_exit_2_b_11_1(sandbox):
    run = sandbox.report(sandbox.samples.plain, "-tr", "late")

    assert run.code == 2
    assert run.stderr.strip().splitlines() == [
        "summit-connector: error: -tr/--trigger: must be one of failed, late-to-start, late-to-finish, "
        "exceeded-max-runtime, missed-start-time, got 'late'"]
    assert log_or_update_calls(sandbox) == 0


def test_recover_annotates_an_open_ticket_by_default_b_11_2(sandbox):
    job = sandbox.samples.open_ticket

    run = recover(sandbox, job)

    assert run.code == 0, run.stderr
    incident = sandbox.emulator.state.incidents["9001"]
    assert incident.status == "In-Progress"
    assert incident.information[-1].startswith(f"OpCon job {job.name} completed: Job Finished OK at ")
    assert run.stdout.strip() == f"Incident 9001 annotated for {job.name} ({job.schedule}, {job.date.isoformat()}): " \
                                 f"{sandbox.emulator.view_url(9001)}"


def test_recover_resolves_through_in_progress_a_ticket_this_connector_opened_b_11_2(sandbox):
    sandbox.edit_template(recovery=RESOLVE)
    sandbox.emulator.settings.resolve_from_in_progress_only = True
    assert sandbox.report(sandbox.samples.plain).code == 0

    run = recover(sandbox, sandbox.samples.plain, "-tr", "marked-finished-ok", "--json")

    assert run.code == 0, run.stderr
    assert (json.loads(run.stdout)["action"], json.loads(run.stdout)["ticket_number"]) == ("resolved", "10001")
    incident = sandbox.emulator.state.incidents["10001"]
    assert [(h["OldValue"], h["new_Value"]) for h in incident.history] == [("New", "In-Progress"),
                                                                           ("In-Progress", "Resolved")]
    assert (incident.fields["Closure_Code_Name"], incident.solution) == ("Successful", "JOB001 ran fine")
    assert "Job Marked Finished OK" in incident.information[-1]


@pytest.mark.parametrize("role", ["resolved_ticket", "closed_ticket"])
def test_recover_leaves_a_resolved_or_closed_ticket_alone_b_11_2(sandbox, role):
    sandbox.edit_template(recovery=RESOLVE)
    job = getattr(sandbox.samples, role)

    run = recover(sandbox, job)

    assert run.code == 0, run.stderr
    assert run.stdout.startswith(f"Nothing done for {job.name} ")
    assert log_or_update_calls(sandbox) == 0


def test_recover_on_a_job_without_a_ticket_sends_nothing_b_11_2(sandbox):
    run = recover(sandbox, sandbox.samples.plain, "-tr", "fixed")

    assert run.code == 0, run.stderr
    assert "has no incident ticket" in run.stdout
    assert sandbox.emulator.state.counters["summit"] == 0


def test_recover_only_annotates_a_ticket_this_connector_did_not_open_b_11_2(sandbox):
    sandbox.edit_template(recovery=RESOLVE)

    run = recover(sandbox, sandbox.samples.open_ticket)

    assert run.code == 0, run.stderr
    incident = sandbox.emulator.state.incidents["9001"]
    assert (incident.status, incident.solution, "Closure_Code_Name" in incident.fields) == ("In-Progress", "", False)
    assert "annotated" in run.stdout


def test_a_recovery_while_summit_is_down_is_kept_and_replayed_after_the_failure_it_follows_b_11_2(sandbox):
    sandbox.edit_template(recovery=RESOLVE)
    sandbox.emulator.faults.down("summit")
    failed = sandbox.report(sandbox.samples.plain)
    recovered = recover(sandbox, sandbox.samples.plain)
    sandbox.emulator.faults.up("summit")

    retry = sandbox.run("retry", "-c", str(sandbox.config))

    assert (failed.code, recovered.code, retry.code) == (1, 1, 0), retry.stderr
    assert "waits behind outbox entry" in recovered.stderr
    lines = retry.stdout.strip().splitlines()
    assert [line.split(" for ")[0] for line in lines] == ["Incident 10001 created", "Incident 10001 resolved"]
    assert sandbox.emulator.state.incidents["10001"].status == "Resolved"
    assert sandbox.job(sandbox.samples.plain).incident_ticket_id == "10001"


def test_recover_runs_are_in_history_with_their_trigger_and_action_b_10_3(sandbox):
    recover(sandbox, sandbox.samples.open_ticket, "-tr", "fixed")

    run = sandbox.run("history", "-c", str(sandbox.config), "--json")

    [event] = json.loads(run.stdout)
    assert (event["command"], event["trigger"], event["action"], event["ticket"]) == (
        "recover", "fixed", "annotated", "9001")


def explain(sandbox, job, *extra: str) -> dict:
    run = sandbox.run("explain", "-c", str(sandbox.config), *job.report_args(), "-t", "sandbox", "--json", *extra)
    assert run.code == 0, run.stderr
    return json.loads(run.stdout)


def test_explain_shows_the_trigger_its_text_sources_and_its_attribute_layer_b_7_b_11_1(sandbox):
    sandbox.edit_template(triggers={"late-to-start": {"ticketDescription": "late",
                                                      "attributes": [{"name": "Urgency_Name", "value": "High"}]}})

    decision = explain(sandbox, sandbox.samples.plain, "-tr", "late-to-start")

    trigger = decision["trigger"]
    assert (trigger["trigger"], trigger["display_name"]) == ("late-to-start", "Late to Start")
    assert (trigger["description_source"], trigger["information_source"], trigger["named"]) == (
        "template triggers block", "template", True)
    assert {"name": "Urgency_Name", "value": "High", "layer": "template triggers block attributes"} in \
        decision["attributes"]
    text = sandbox.run("explain", "-c", str(sandbox.config), *sandbox.samples.plain.report_args(), "-t", "sandbox",
                       "-tr", "late-to-start").stdout
    assert "Trigger (B-11.1)" in text and "@EV_Trigger = Late to Start" in text


def test_explain_shows_the_recovery_decision_recover_then_acts_on_b_7_b_11_2(sandbox):
    sandbox.edit_template(recovery=RESOLVE)
    job = sandbox.samples.plain
    assert sandbox.report(job).code == 0

    decision = explain(sandbox, job, "-tr", "finished-ok", "--ticket-status", "New")
    run = recover(sandbox, job, "--json")

    assert (decision["action"], decision["ticket"], decision["opened_here"]) == ("resolved", "10001", True)
    assert [step["status"] for step in decision["steps"]] == ["In-Progress", "Resolved"]
    bodies = [request["body"]["objCommonParameters"] for request in decision["requests"]]
    assert bodies[1]["incidentParamsJSON"]["IncidentContainerJsonObj"]["Ticket"]["Closure_Code_Name"] == "Successful"
    assert {body["_ProxyDetails"]["APIKey"] for body in bodies} == {"***"}
    assert json.loads(run.stdout)["action"] == decision["action"]
    assert sandbox.emulator.state.incidents["10001"].status == "Resolved"
