"""Agent down and up under the installed CLI (B-13.4): one incident for the agent takes its jobs' failures until
`agent-up`, after which a failure on the agent creates its own incident again; both runs are in history."""

import json

from tests.e2e.test_e2e_grouping import held, history, job_on, new_incidents

AGENT_DOWN = {"ticketDescription": "OpCon agent @EV_Agent is not reachable",
              "ticketInformation": "OpCon lost @EV_Agent at @EV_Time (job '@EV_Job')",
              "attributes": [{"name": "Priority_Name", "value": "P2"}]}
CLOCK = {"SUMMIT_CONNECTOR_NOW": "2024-09-21T02:10:00"}


def agent(sandbox, command: str, name: str, *extra: str):
    return sandbox.run(command, "-c", str(sandbox.config), "-a", name, "-t", "sandbox", *extra, env=CLOCK)


def test_agent_down_takes_the_agents_failures_until_agent_up_b_13_4(sandbox):
    sandbox.edit_template(agentDown=AGENT_DOWN)
    on_agent = [job_on(sandbox, f"DOWN_{n}", "UNIXAGENT01") for n in range(3)]
    elsewhere = job_on(sandbox, "ELSEWHERE", "WINAGENT09")
    after = job_on(sandbox, "AFTER_UP", "UNIXAGENT01")

    down = agent(sandbox, "agent-down", "UNIXAGENT01")
    again = agent(sandbox, "agent-down", "UNIXAGENT01", "--json")
    failures = [sandbox.report(job, env=CLOCK) for job in (*on_agent, elsewhere)]
    up = agent(sandbox, "agent-up", "UNIXAGENT01")
    later = sandbox.report(after, env=CLOCK)

    assert down.code == 0 and down.stdout.startswith("Incident 10001 created for agent UNIXAGENT01: http"), down.stderr
    assert json.loads(again.stdout)["action"] == "updated"
    assert [run.code for run in failures] == [0] * 4
    assert [held(sandbox, job) for job in (*on_agent, elsewhere, after)] == ["10001"] * 3 + ["10002", "10003"]
    assert up.stdout.startswith("Incident 10001 annotated for agent UNIXAGENT01"), up.stderr
    assert "Incident 10003 created for AFTER_UP" in later.stdout
    incident = sandbox.emulator.state.incidents["10001"]
    assert incident.fields["Description"] == "OpCon agent UNIXAGENT01 is not reachable"
    assert incident.fields["Priority_Name"] == "P2"
    assert incident.information[0] == "OpCon lost UNIXAGENT01 at 02:10:00 (job '')"
    assert [line.split()[:4] for line in incident.information[1:]] == [
        ["OpCon", "agent", "UNIXAGENT01", "is"], ["OpCon", "job", "DOWN_0", "failed:"],
        ["OpCon", "job", "DOWN_1", "failed:"], ["OpCon", "job", "DOWN_2", "failed:"],
        ["OpCon", "agent", "UNIXAGENT01", "is"]]
    assert len(new_incidents(sandbox)) == 3


def test_agent_down_and_up_are_in_history_and_up_resolves_per_the_recovery_block_b_13_4(sandbox):
    sandbox.edit_template(recovery={"action": "resolve", "resolvedStatus": "Resolved", "via": ["In-Progress"]})
    job = job_on(sandbox, "DOWN_JOB", "UNIXAGENT02")

    agent(sandbox, "agent-down", "UNIXAGENT02")
    sandbox.report(job, env=CLOCK)
    up = agent(sandbox, "agent-up", "UNIXAGENT02")
    nothing = agent(sandbox, "agent-up", "UNIXAGENT02")

    assert up.code == 0 and "Incident 10001 resolved for agent UNIXAGENT02" in up.stdout, up.stderr
    assert sandbox.emulator.state.incidents["10001"].status == "Resolved"
    assert nothing.stdout.startswith("Nothing done for agent UNIXAGENT02")
    assert [(e["command"], e["trigger"], e["action"], e["ticket"], e["exit_code"]) for e in history(sandbox, CLOCK)] \
        == [("agent-up", "", "nothing", "", 0), ("agent-up", "", "resolved", "10001", 0),
            ("report", "failed", "grouped", "10001", 0), ("agent-down", "", "created", "10001", 0)]


def test_agent_down_without_an_agent_name_is_refused_b_13_4(sandbox):
    refused = agent(sandbox, "agent-down", "N/A")

    assert refused.code == 2
    assert "-a/--agent: agent-down needs the agent's name" in refused.stderr
    assert new_incidents(sandbox) == {}
