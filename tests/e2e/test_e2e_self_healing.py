"""Self-healing creates (B-15.2) against the emulator: a create whose answer was lost is found in Summit's incident
list (`IM_GetIncidentListwithDetails`) and adopted at the next replay; one that did not land is sent again once
after settleSeconds; several matches or a list that cannot be read keep it uncertain, and adoption by hand still
works."""

import json

import httpx

from tests.e2e.conftest import Sandbox

SENT = {"SUMMIT_CONNECTOR_NOW": "2024-09-21T03:00"}
SOON = {"SUMMIT_CONNECTOR_NOW": "2024-09-21T03:01"}
LATER = {"SUMMIT_CONNECTOR_NOW": "2024-09-21T03:05"}
CORRELATION = {"groupName": "OpCon", "name": "Event ID", "settleSeconds": 120}


def uncertain_create(sandbox: Sandbox, lose: bool = True):
    """A report whose create Summit took (lose=True) or did not take (a 504 before it acted) without an answer."""
    if lose:
        sandbox.emulator.faults.lose_reply("IM_LogOrUpdateIncident")
    else:
        sandbox.emulator.faults.fail("IM_LogOrUpdateIncident", 504)
    run = sandbox.report(sandbox.samples.plain, env=SENT)
    assert run.code == 1 and "uncertain" in run.stderr, run.stderr
    return run


def outbox(sandbox: Sandbox) -> str:
    return sandbox.run("outbox", "-c", str(sandbox.config), env=LATER).stdout


def test_a_lost_reply_is_adopted_at_the_next_replay_with_no_second_create_b_15_2(sandbox):
    sandbox.edit_template(correlation=CORRELATION)
    uncertain_create(sandbox)

    retried = sandbox.run("retry", "-c", str(sandbox.config), env=SOON)

    assert retried.code == 0, retried.stderr
    assert "Incident 10001 adopted for JOB001" in retried.stdout
    assert sandbox.job(sandbox.samples.plain).incident_ticket_id == "10001"
    assert list(sandbox.emulator.state.incidents) == ["9001", "9002", "9003", "10001"]
    assert "The outbox is empty" in outbox(sandbox)
    history = json.loads(sandbox.run("history", "-c", str(sandbox.config), "--json", env=SOON).stdout)
    assert [(e["command"], e["action"], e["ticket"]) for e in history][0] == ("retry", "adopted", "10001")


def test_without_a_correlation_block_the_symptom_and_caller_find_it_at_the_next_report_b_15_2(sandbox):
    uncertain_create(sandbox)

    again = sandbox.report(sandbox.samples.plain, "-e", "+000000002", env=SOON)

    assert again.code == 0, again.stderr
    assert "Incident 10001 adopted" in again.stderr
    assert "Incident 10001 updated" in again.stdout
    assert len(sandbox.emulator.state.incidents) == 4


def test_a_create_that_did_not_land_is_sent_again_once_after_settle_seconds_b_15_2(sandbox):
    sandbox.edit_template(correlation=CORRELATION)
    uncertain_create(sandbox, lose=False)

    too_soon = sandbox.run("retry", "-c", str(sandbox.config), env=SOON)
    waited = outbox(sandbox)
    resent = sandbox.run("retry", "-c", str(sandbox.config), env=LATER)

    assert too_soon.code == 1 and "no incident of this create yet" in too_soon.stderr
    assert "shows no incident of it yet" in waited
    assert resent.code == 0, resent.stderr
    assert "Incident 10001 created for JOB001" in resent.stdout
    assert sandbox.job(sandbox.samples.plain).incident_ticket_id == "10001"
    assert len(sandbox.emulator.state.incidents) == 4


def test_two_matching_incidents_keep_it_uncertain_and_the_outbox_says_so_b_15_2(sandbox):
    uncertain_create(sandbox)
    [created] = [i for t, i in sandbox.emulator.state.incidents.items() if t == "10001"]
    duplicate = {"ServiceName": "IM_LogOrUpdateIncident", "objCommonParameters": {
        "_ProxyDetails": {"AuthType": "APIKEY", "APIKey": sandbox.emulator.summit_api_key, "ProxyID": 0, "ReturnType": "JSON",
                          "OrgID": 1},
        "incidentParamsJSON": {"IncidentContainerJsonObj": {"Updater": "Executive", "Ticket": {
            "Ticket_No": "", "Status": "New", "Description": created.fields["Description"],
            "Caller_EmailID": created.fields["Caller_EmailID"]}}}}}
    service = f"{sandbox.emulator.summit_url}/{sandbox.emulator.summit_prefix}/REST/Summit_RESTWCF.svc/RESTService"
    httpx.post(f"{service}/CommonWS_JsonObjCall_JSON", json=duplicate).raise_for_status()

    retried = sandbox.run("retry", "-c", str(sandbox.config), env=LATER)

    assert retried.code == 1
    assert "10001, 10002" in retried.stderr
    assert "several incidents in Summit's list could be its own" in outbox(sandbox)
    assert sandbox.job(sandbox.samples.plain).incident_ticket_id == ""


def test_a_list_that_fails_keeps_it_uncertain_and_adoption_by_hand_still_works_b_15_2(sandbox):
    uncertain_create(sandbox)
    sandbox.emulator.faults.fail("IM_GetIncidentListwithDetails", 500, times=None)

    retried = sandbox.run("retry", "-c", str(sandbox.config), env=LATER)
    listed = outbox(sandbox)
    adopted = sandbox.run("retry", "-c", str(sandbox.config), "--uncertain", "--adopt", "10001", env=LATER)

    assert retried.code == 1 and "could not be read" in retried.stderr
    assert "incident list could not be read" in listed
    assert adopted.code == 0, adopted.stderr
    assert sandbox.job(sandbox.samples.plain).incident_ticket_id == "10001"
    assert len(sandbox.emulator.state.incidents) == 4


def test_a_description_holding_the_runbook_is_found_by_its_symptom_b_15_2_b_16_1(sandbox):
    rules = {**json.loads(sandbox.template.read_text())["rules"], "extractXmlContentFromJobDescription": True}
    sandbox.edit_template(rules=rules, jobDescriptionXmlTag={"xmlTag": "runbook"},
                          ticketDescription="@EV_Job failed: @EV_Runbook")
    with sandbox.emulator.state.lock:
        sandbox.job(sandbox.samples.plain).documentation.job = "<runbook>Restart the payroll feed.</runbook>"
    uncertain_create(sandbox)

    retried = sandbox.run("retry", "-c", str(sandbox.config), env=LATER)

    assert retried.code == 0 and "Incident 10001 adopted for JOB001" in retried.stdout, retried.stderr
    assert len(sandbox.emulator.state.incidents) == 4
