"""The installed CLI against the emulator over loopback: the report flow end to end (B-4, B-5, B-1.4)."""

import json

from summit_connector.adapters.emulator import SampleJob


def test_new_incident_gets_the_log_attached_and_its_number_written_back_b_4_9_to_b_4_11(sandbox):
    run = sandbox.report(sandbox.samples.plain)

    assert run.code == 0, run.stderr
    incident = sandbox.emulator.state.incidents["10001"]
    assert incident.status == "New"
    assert "JOB001" in incident.fields["Description"]
    assert sorted(name for name, _ in incident.attachments) == ["JOB001_0000004245.stderr",
                                                                 "JOB001_0000004245.stdout"]
    job = sandbox.job(sandbox.samples.plain)
    assert job.incident_ticket_id == "10001"
    assert job.incident_ticket_url == sandbox.emulator.view_url(10001)
    assert run.stdout.strip() == (
        f"Incident 10001 created for JOB001 (PAYROLL, 2024-09-21): {sandbox.emulator.view_url(10001)}"
    )
    assert list((sandbox.folder / "joblogs").iterdir()) == []


def test_json_output_names_action_ticket_and_url_b_1_6(sandbox):
    run = sandbox.report(sandbox.samples.plain, "--json")

    outcome = json.loads(run.stdout)
    assert (outcome["action"], outcome["ticket_number"]) == ("created", "10001")
    assert outcome["view_url"] == sandbox.emulator.view_url(10001)


def test_open_ticket_gets_the_new_failure_with_its_status_unchanged_b_4_5(sandbox):
    run = sandbox.report(sandbox.samples.open_ticket)

    assert run.code == 0, run.stderr
    incident = sandbox.emulator.state.incidents["9001"]
    assert incident.status == "In-Progress"
    assert "TICKET_OPEN failed again" in incident.information[-1]
    assert "10001" not in sandbox.emulator.state.incidents
    assert run.stdout.startswith("Incident 9001 updated for TICKET_OPEN")


def test_resolved_ticket_is_reopened_b_4_5(sandbox):
    run = sandbox.report(sandbox.samples.resolved_ticket)

    assert run.code == 0, run.stderr
    incident = sandbox.emulator.state.incidents["9002"]
    assert (incident.status, incident.reopened) == ("In-Progress", True)
    assert run.stdout.startswith("Incident 9002 reopened")


def test_closed_ticket_leads_to_a_new_incident_naming_it_and_written_back_b_4_5(sandbox):
    run = sandbox.report(sandbox.samples.closed_ticket)

    assert run.code == 0, run.stderr
    assert sandbox.emulator.state.incidents["9003"].status == "Closed"
    assert "9003" in "\n".join(sandbox.emulator.state.incidents["10001"].information)
    assert sandbox.job(sandbox.samples.closed_ticket).incident_ticket_id == "10001"


def test_exit_tag_creates_nothing_and_exits_0_b_4_4(sandbox):
    run = sandbox.report(sandbox.samples.no_ticket)

    assert run.code == 0, run.stderr
    assert sandbox.emulator.state.incidents.keys() == {"9001", "9002", "9003"}
    assert "NOTICKET" in run.stdout and run.stdout.startswith("No incident for NOTICKET_JOB")


def test_tag_end_routing_sets_the_workgroup_b_5_2(sandbox):
    sandbox.report(sandbox.samples.route1)

    assert sandbox.emulator.state.incidents["10001"].fields["Assigned_WorkGroup_Name"] == "Application One"


def test_assign_to_tag_sets_the_engineer_email_b_5_4(sandbox):
    sandbox.report(sandbox.samples.assign_to)

    assert sandbox.emulator.state.incidents["10001"].fields["Assigned_Engineer_Email"] == "test@example.com"


def test_daily_window_suppresses_a_second_incident_until_the_start_hour_b_4_6(sandbox):
    sandbox.edit_template(rules={"includeJobLogAttachment": False, "submitSingleIncidentPerDay": True})
    schedule = sandbox.samples.plain.id.rsplit("|", 1)[0]
    sandbox.emulator.add_job(schedule, "DAILY_JOB", documentation="Last Incident Date : 2024-09-21\nrestart it")
    job = SampleJob(f"{schedule}|DAILY_JOB", 0, "DAILY_JOB", "PAYROLL", 16, 1, sandbox.samples.date, "A", "1", None)

    inside = sandbox.report(job, env={"SUMMIT_CONNECTOR_NOW": "2024-09-22T06:59:59"})
    after = sandbox.report(job, env={"SUMMIT_CONNECTOR_NOW": "2024-09-22T07:00:00"})

    assert inside.code == 0 and inside.stdout.startswith("No incident for DAILY_JOB"), inside.stderr
    assert after.code == 0 and after.stdout.startswith("Incident 10001 created"), after.stderr
    documentation = sandbox.emulator.state.jobs[job.id].documentation.job
    assert documentation.splitlines() == ["Last Incident Date : 2024-09-22", "restart it"]


def test_names_with_spaces_dollar_and_brackets_are_found_exactly_b_1_3_b_4_2(sandbox):
    spaced = sandbox.report(sandbox.samples.spaces_and_dollar)
    bracketed = sandbox.report(sandbox.samples.sub_schedule)

    assert spaced.code == 0 and bracketed.code == 0, spaced.stderr + bracketed.stderr
    assert sandbox.job(sandbox.samples.spaces_and_dollar).incident_ticket_id == "10001"
    assert sandbox.job(sandbox.samples.sub_schedule).incident_ticket_id == "10002"


def test_wildcard_decoys_are_not_mistaken_for_the_job_b_4_2(sandbox):
    sandbox.report(sandbox.samples.plain)

    decoys = [job for job in sandbox.emulator.state.jobs.values() if job.name in ("JOB001_2", "MYJOB001")]
    assert [job.incident_ticket_id for job in decoys] == ["", ""]


def test_json_output_carries_the_warnings_b_1_6(sandbox):
    ghost = SampleJob("x", 0, "GHOST", "PAYROLL", 16, 1, sandbox.samples.date, "A", "1", None)

    outcome = json.loads(sandbox.report(ghost, "--json").stdout)

    assert outcome["action"] == "created" and "not found in OpCon" in outcome["warnings"][0]


def test_job_not_found_still_creates_an_incident_with_a_warning_b_4_3(sandbox):
    ghost = SampleJob("x", 0, "GHOST", "PAYROLL", 16, 1, sandbox.samples.date, "A", "1", None)

    run = sandbox.report(ghost)

    assert run.code == 0, run.stderr
    assert "10001" in sandbox.emulator.state.incidents
    assert "GHOST" in run.stderr and "not found" in run.stderr
    assert sandbox.emulator.state.incident_ticket_writes == []


def test_summit_rejecting_the_incident_exits_non_zero_quoting_summit_b_4_9(sandbox):
    sandbox.edit_template(attributes=[{"name": "Category_Name", "value": "No Such Category"}])

    run = sandbox.report(sandbox.samples.plain)

    assert run.code == 1
    assert "No Such Category" in run.stderr and "Traceback" not in run.stderr
    assert sandbox.job(sandbox.samples.plain).incident_ticket_id == ""


def test_summit_down_exits_non_zero_with_one_line_b_1_4(sandbox):
    sandbox.emulator.faults.down("summit")

    run = sandbox.report(sandbox.samples.plain)

    assert run.code == 1
    assert run.stderr.count("\n") == 1 and "Summit" in run.stderr and "Traceback" not in run.stderr


def test_malformed_template_exits_2_before_any_request_b_4_1(sandbox):
    sandbox.template.write_text('{"address": ')

    run = sandbox.report(sandbox.samples.plain)

    assert run.code == 2
    assert "sandbox.json" in run.stderr
    assert sandbox.emulator.state.requests == []
