"""The installed `explain` against the emulator (B-7): reads the job from OpCon, decides, sends and writes nothing."""

import re
from dataclasses import replace

from summit_connector.adapters.emulator import SampleJob


def explain(sandbox, job: SampleJob, *flags: str):
    return sandbox.run("explain", "-c", str(sandbox.config), *job.report_args(), "-t", "sandbox", *flags)


def assert_only_read_from_opcon(sandbox) -> None:
    state = sandbox.emulator.state
    with state.lock:
        assert state.requests, "explain did not ask OpCon"
        assert {(request.api, request.method) for request in state.requests} == {("opcon", "GET")}
        assert (state.incident_ticket_writes, state.documentation_writes) == ([], [])
        assert sorted(state.incidents) == ["9001", "9002", "9003"]


def assert_no_files_written(sandbox) -> None:
    assert sorted(path.name for path in sandbox.folder.iterdir()) == ["Connector.config", "templates"]


def test_explain_reads_the_tags_from_opcon_and_shows_the_winning_rule(sandbox):
    run = explain(sandbox, sandbox.samples.route1)

    assert run.code == 0, run.stderr
    assert "job: found in OpCon: daily job 20240921|16|1|ROUTED_APP1" in run.stdout
    assert "tags: APP1_ROUTE1 (from OpCon)" in run.stdout
    assert re.search(r"WON +TAG_END ROUTE1 +tag APP1_ROUTE1 ends with 'ROUTE1': "
                     r"Assigned_WorkGroup_Name = Application One", run.stdout)
    assert re.search(r"LOST +DEFAULT +not needed: TAG_END ROUTE1 won", run.stdout)
    assert '"Assigned_WorkGroup_Name": "Application One"' in run.stdout
    assert '"APIKey": "***"' in run.stdout and sandbox.emulator.summit_api_key not in run.stdout
    assert_only_read_from_opcon(sandbox)
    assert_no_files_written(sandbox)


def test_tags_given_on_the_command_line_override_opcon(sandbox):
    run = explain(sandbox, sandbox.samples.route1, "--tags", "APP_ONE")

    assert "tags: APP_ONE (from --tags)" in run.stdout
    assert re.search(r"WON +DEFAULT +no TAG_START/TAG_END rule matched a tag", run.stdout)
    assert_only_read_from_opcon(sandbox)


def test_an_existing_ticket_is_not_looked_up_in_summit(sandbox):
    run = explain(sandbox, sandbox.samples.open_ticket)

    assert run.code == 0, run.stderr
    assert "ticket 9001 (from OpCon)" in run.stdout
    assert "status unknown: explain never asks Summit" in run.stdout
    assert "REOPEN incident 9001" in run.stdout
    assert_only_read_from_opcon(sandbox)


def test_an_exit_tag_in_opcon_means_no_incident(sandbox):
    run = explain(sandbox, sandbox.samples.no_ticket)

    assert run.code == 0, run.stderr
    assert "tags: APP1_ROUTE1, NOTICKET (from OpCon)" in run.stdout
    assert "NO INCIDENT (exit 0): job tag 'NOTICKET' matches an EXIT rule" in run.stdout
    assert_only_read_from_opcon(sandbox)


def test_a_job_opcon_does_not_hold_gets_default_routing_and_no_write_back_b_4_3(sandbox):
    missing = replace(sandbox.samples.plain, name="NOT_IN_OPCON")

    run = explain(sandbox, missing, "--tags", "APP1_ROUTE1")

    assert run.code == 0, run.stderr
    assert "job: not found in OpCon (B-4.3)" in run.stdout
    assert "--tags ignored: OpCon has no such job" in run.stdout
    assert re.search(r"WON +DEFAULT", run.stdout)
    assert "OpCon: nothing written back (the job is not in OpCon, B-4.3)" in run.stdout
    assert_only_read_from_opcon(sandbox)
