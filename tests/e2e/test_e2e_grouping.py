"""Grouping under the installed CLI (B-13.1): storms of simultaneous failures make one incident per group, the
window counts from the group incident's creation, and a finished group incident gives way to a new one."""

import json
import subprocess

from summit_connector.adapters.emulator import SampleJob

from tests.e2e.cli_runner import CLI

STORM = 50
BY_AGENT = {"by": ["agent"], "windowMinutes": 15}


def job_on(sandbox, name: str, agent: str) -> SampleJob:
    schedule = sandbox.samples.plain.id.rsplit("|", 1)[0]
    job_id = sandbox.emulator.add_job(schedule, name, machine=agent)
    return SampleJob(job_id, 0, name, "PAYROLL", 16, 1, sandbox.samples.date, agent, "1", None)


def storm(sandbox, jobs: list[SampleJob]) -> list[tuple[int, str]]:
    """Every failure reported at once, each by its own process, as Notification Manager does. These jobs have no
    output, so the job log is not asked for: each run spends less time under its group's lock."""
    template = json.loads(sandbox.template.read_text())
    sandbox.edit_template(rules={**template["rules"], "includeJobLogAttachment": False})
    commands = [[str(CLI), "-c", str(sandbox.config), *job.report_args(), "-t", "sandbox"] for job in jobs]
    runs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    return [(run.wait(timeout=300), run.stderr.read()) for run in runs]


def new_incidents(sandbox) -> dict[str, list[str]]:
    """Information lines by ticket, for the incidents the runs created (the seeded ones are 900x)."""
    with sandbox.emulator.state.lock:
        return {number: list(incident.information) for number, incident in sandbox.emulator.state.incidents.items()
                if not number.startswith("900")}


def held(sandbox, job: SampleJob) -> str:
    return sandbox.job(job).incident_ticket_id


def history(sandbox, env: dict[str, str] | None = None) -> list[dict]:
    listed = sandbox.run("history", "-c", str(sandbox.config), "--limit", "200", "--json", env=env)
    return json.loads(listed.stdout)


def test_fifty_simultaneous_failures_on_one_agent_make_one_incident_b_13_1(sandbox):
    sandbox.edit_template(grouping=BY_AGENT)
    jobs = [job_on(sandbox, f"STORM_{n:02d}", "STORMAGENT") for n in range(STORM)]

    results = storm(sandbox, jobs)

    assert [code for code, _ in results] == [0] * STORM, [stderr for code, stderr in results if code]
    [(ticket, information)] = new_incidents(sandbox).items()
    assert [held(sandbox, job) for job in jobs] == [ticket] * STORM
    assert len(information) == STORM
    assert sorted(line.split()[2] for line in information[1:]) == sorted(
        job.name for job in jobs if f" {job.name} " not in information[0])
    events = history(sandbox)
    assert sorted(e["action"] for e in events) == ["created"] + ["grouped"] * (STORM - 1)
    assert {e["ticket"] for e in events} == {ticket}


def test_the_same_storm_across_five_agents_makes_five_incidents_b_13_1(sandbox):
    sandbox.edit_template(grouping=BY_AGENT)
    agents = [f"AGENT{a}" for a in range(5)]
    jobs = [job_on(sandbox, f"STORM_{n:02d}", agents[n % 5]) for n in range(STORM)]

    results = storm(sandbox, jobs)

    assert [code for code, _ in results] == [0] * STORM, [stderr for code, stderr in results if code]
    incidents = new_incidents(sandbox)
    assert len(incidents) == 5
    by_agent = {agent: {held(sandbox, job) for job in jobs if job.agent == agent} for agent in agents}
    assert sorted(ticket for tickets in by_agent.values() for ticket in tickets) == sorted(incidents)
    assert all(len(lines) == STORM // 5 for lines in incidents.values())


def test_the_window_counts_from_the_group_incidents_creation_then_a_new_incident_is_the_groups_b_13_1(sandbox):
    sandbox.edit_template(grouping=BY_AGENT)
    first, joined, late, later = (job_on(sandbox, f"WINDOW_{n}", "WINDOWAGENT") for n in range(4))

    for job, at in ((first, "03:00"), (joined, "03:10"), (late, "03:16"), (later, "03:20")):
        sandbox.report(job, env={"SUMMIT_CONNECTOR_NOW": f"2024-09-21T{at}:00"})

    assert [held(sandbox, job) for job in (first, joined, late, later)] == ["10001", "10001", "10002", "10002"]
    assert [len(lines) for lines in new_incidents(sandbox).values()] == [2, 2]


def test_a_group_whose_incident_was_resolved_gets_a_new_incident_b_13_1(sandbox):
    sandbox.edit_template(grouping={"by": ["agent", "schedule"], "windowMinutes": 60})
    first, second, third = (job_on(sandbox, f"RESOLVED_{n}", "RESOLVEDAGENT") for n in range(3))
    sandbox.report(first)
    sandbox.emulator.set_incident_status("10001", "Resolved")

    runs = [sandbox.report(job) for job in (second, third)]

    assert [run.code for run in runs] == [0, 0], [run.stderr for run in runs]
    assert "Incident 10002 created for RESOLVED_1" in runs[0].stdout
    assert "Incident 10002 grouped for RESOLVED_2" in runs[1].stdout
    assert [held(sandbox, job) for job in (first, second, third)] == ["10001", "10002", "10002"]
    assert sandbox.emulator.state.incidents["10001"].status == "Resolved"


def test_a_failure_whose_agent_is_not_known_is_not_grouped_by_agent_b_13_1(sandbox):
    sandbox.edit_template(grouping=BY_AGENT)
    first, second = (job_on(sandbox, f"NOAGENT_{n}", "N/A") for n in range(2))

    runs = [sandbox.report(job) for job in (first, second)]

    assert [run.code for run in runs] == [0, 0]
    assert [held(sandbox, job) for job in (first, second)] == ["10001", "10002"]
