"""Grouped recovery (B-13.1) and literal brackets in silences (B-13.2), with the installed CLI and the emulator."""

NOW = {"SUMMIT_CONNECTOR_NOW": "2024-09-21T03:00"}
LATER = {"SUMMIT_CONNECTOR_NOW": "2024-09-21T04:00"}


def recover(sandbox, job):
    return sandbox.run("recover", "-c", str(sandbox.config), *job.report_args(), "-t", "sandbox", env=LATER)


def test_a_group_incident_is_resolved_only_by_its_last_members_recovery_b_13_1(sandbox):
    sandbox.edit_template(grouping={"by": ["agent"], "windowMinutes": 15},
                          recovery={"action": "resolve", "via": ["In-Progress"], "resolvedStatus": "Resolved"})
    first, second = sandbox.samples.route1, sandbox.samples.default_route
    assert sandbox.report(first, env=NOW).code == 0
    joined = sandbox.report(second, env=NOW)
    assert "Incident 10001 grouped" in joined.stdout, joined.stdout

    one = recover(sandbox, first)
    after_one = sandbox.emulator.state.incidents["10001"]
    status_after_one, note = after_one.status, after_one.information[-1]
    last = recover(sandbox, second)

    assert one.code == 0 and "Incident 10001 annotated" in one.stdout, one.stderr
    assert "1 other job(s) of this incident still failed: ROUTED_DEFAULT." in note
    assert status_after_one == "New"
    assert last.code == 0 and "Incident 10001 resolved" in last.stdout, last.stderr
    assert sandbox.emulator.state.incidents["10001"].status == "Resolved"


def test_a_silence_for_a_job_with_brackets_silences_that_job_alone_b_13_2(sandbox):
    config = str(sandbox.config)
    added = sandbox.run("silence", "add", "-c", config, "--job", "Load[Customers]", "--for", "2h", "--comment",
                        "reload", env=NOW)
    assert added.code == 0, added.stderr

    silenced = sandbox.report(sandbox.samples.sub_schedule, env=NOW)
    other = sandbox.report(sandbox.samples.plain, env=NOW)

    assert silenced.code == 0 and silenced.stdout.strip() == f"silenced by #{added.stdout.strip()}: reload"
    assert "Incident 10001 created for JOB001" in other.stdout
