"""Silences end to end (B-13.2): the installed CLI against the emulator; a silenced failure touches neither Summit
nor OpCon, says which silence stopped it, and leaves a `silenced` history event."""

import json

NOW = {"SUMMIT_CONNECTOR_NOW": "2024-09-21T03:00"}


def at(moment: str) -> dict[str, str]:
    return {"SUMMIT_CONNECTOR_NOW": f"2024-09-21T{moment}"}


def add_silence(sandbox, *matchers: str, length: str = "2h", comment: str = "patch night") -> str:
    run = sandbox.run("silence", "add", "-c", str(sandbox.config), *matchers, "--for", length, "--comment", comment,
                      env=NOW)
    assert run.code == 0, run.stderr
    return run.stdout.strip()


def assert_untouched(sandbox) -> None:
    state = sandbox.emulator.state
    assert state.counters["summit"] == 0 and set(state.incidents) <= {"9001", "9002", "9003"}
    assert state.incident_ticket_writes == [] and state.documentation_writes == []


def test_a_job_glob_silences_the_failure_exit_0_and_one_line_b_13_2(sandbox):
    silence_id = add_silence(sandbox, "--job", "JOB00*")

    run = sandbox.report(sandbox.samples.plain, env=NOW)

    assert (run.code, run.stdout) == (0, f"silenced by #{silence_id}: patch night\n")
    assert_untouched(sandbox)


def test_a_schedule_pattern_silences_only_that_schedules_jobs_b_13_2(sandbox):
    add_silence(sandbox, "--schedule", "Nightly Batch*")

    silenced = sandbox.report(sandbox.samples.spaces_and_dollar, "--json", env=NOW)
    reported = sandbox.report(sandbox.samples.plain, env=NOW)

    assert json.loads(silenced.stdout)["action"] == "silenced"
    assert reported.stdout.startswith("Incident 10001 created for JOB001")


def test_a_tag_silences_the_jobs_opcon_tags_with_it_b_13_2(sandbox):
    add_silence(sandbox, "--tag", "APP1_*")

    silenced = sandbox.report(sandbox.samples.route1, env=NOW)
    reported = sandbox.report(sandbox.samples.default_route, env=NOW)

    assert silenced.stdout == "silenced by #1: patch night\n"
    assert reported.stdout.startswith("Incident 10001 created for ROUTED_DEFAULT")


def test_a_silence_ends_when_its_time_is_up_b_13_2_b_1_5(sandbox):
    add_silence(sandbox, "--job", "JOB001", length="1h")

    inside = sandbox.report(sandbox.samples.plain, env=at("03:59"))
    after = sandbox.report(sandbox.samples.plain, env=at("04:00"))

    assert inside.stdout.startswith("silenced by #1")
    assert after.stdout.startswith("Incident 10001 created for JOB001")


def test_an_expired_silence_no_longer_holds_back_the_incident_b_13_2(sandbox):
    add_silence(sandbox, "--job", "JOB001")

    expired = sandbox.run("silence", "expire", "1", "-c", str(sandbox.config), env=at("03:10"))
    run = sandbox.report(sandbox.samples.plain, env=at("03:10"))

    assert expired.code == 0, expired.stderr
    assert run.stdout.startswith("Incident 10001 created for JOB001")


def test_a_silenced_failure_leaves_the_jobs_open_ticket_alone_b_13_2(sandbox):
    add_silence(sandbox, "--job", "TICKET_*", "--agent", "*")
    information = list(sandbox.emulator.state.incidents["9001"].information)

    run = sandbox.report(sandbox.samples.open_ticket, env=NOW)

    assert (run.code, run.stdout) == (0, "silenced by #1: patch night\n")
    assert sandbox.emulator.state.incidents["9001"].information == information
    assert_untouched(sandbox)


def test_an_sla_trigger_is_silenced_but_a_recovery_is_not_b_13_2(sandbox):
    job, config = sandbox.samples.open_ticket, str(sandbox.config)
    add_silence(sandbox, "--job", job.name)

    late = sandbox.run("-c", config, *job.report_args(), "-t", "sandbox", "-tr", "late-to-finish", env=NOW)
    recovered = sandbox.run("recover", "-c", config, *job.report_args(), "-t", "sandbox", env=NOW)

    assert late.stdout.startswith("silenced by #1")
    assert recovered.code == 0, recovered.stderr
    assert recovered.stdout.startswith("Incident 9001 annotated")


def test_history_holds_the_silenced_event_with_its_reason_b_10_3(sandbox):
    add_silence(sandbox, "--job", "JOB001")
    sandbox.report(sandbox.samples.plain, env=NOW)
    sandbox.run("silence", "list", "-c", str(sandbox.config), env=NOW)

    events = json.loads(sandbox.run("history", "-c", str(sandbox.config), "--json", env=NOW).stdout)

    assert [(e["command"], e["job"], e["action"], e["ticket"], e["exit_code"], e["reason"]) for e in events] == [
        ("report", "JOB001", "silenced", "", 0, "silenced by #1: patch night")]


def test_explain_shows_the_silence_that_would_match_and_sends_nothing_b_13_2(sandbox):
    add_silence(sandbox, "--tag", "APP1_ROUTE1")
    job = sandbox.samples.route1

    run = sandbox.run("explain", "-c", str(sandbox.config), *job.report_args(), "-t", "sandbox", "--json", env=NOW)

    record = json.loads(run.stdout)
    assert (record["action"], record["silence"]["id"], record["silence"]["tag"]) == ("silenced", 1, "APP1_ROUTE1")
    assert_untouched(sandbox)
