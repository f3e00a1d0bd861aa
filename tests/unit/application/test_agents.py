"""`agent-down` and `agent-up` over the in-memory ports (B-13.4): one incident per down agent, which takes its jobs'
failures until `agent-up` annotates (or resolves) it and ends that."""

import pytest

from summit_connector.adapters.memory import (
    FixedClock,
    InMemoryDailyJobs,
    InMemoryIncidents,
    InMemoryJobLocks,
    InMemoryJobLogs,
    InMemoryJournal,
    InMemoryOutbox,
)
from summit_connector.application.agents import AgentDown, AgentUp
from summit_connector.application.delivery import Delivery
from summit_connector.application.errors import DeliveryFailed
from summit_connector.application.report import Action, ReportFailure
from summit_connector.domain.template import Recovery, RecoveryAction, TriggerText

from tests.unit.factories import NOW, make_delivery, make_event, make_job, make_settings, make_template, state_ports

AGENT = "WINAGENT01"


class Lab:
    def __init__(self, **template: object) -> None:
        self.events = [make_event(job=f"JOB{n:03d}") for n in range(3)] + [make_event(job="ELSEWHERE", agent="B")]
        self.daily_jobs = InMemoryDailyJobs([make_job(event, uid=7000 + n) for n, event in enumerate(self.events)])
        self.incidents = InMemoryIncidents()
        self.journal = InMemoryJournal()
        self.locks = InMemoryJobLocks()
        self.clock = FixedClock(NOW)
        self.template = make_template(agent_down=TriggerText("Agent @EV_Agent down", "Lost @EV_Agent"), **template)
        self.report = ReportFailure(self.daily_jobs, self.incidents, InMemoryJobLogs(), self.clock, self.template,
                                    make_settings(), **state_ports(self.journal), template_key="agents.json")
        self.delivery = make_delivery(lambda _: self.report, InMemoryOutbox(), self.locks, self.clock, self.journal)
        self.agent_down = AgentDown(self.report, self.incidents, self.journal, self.journal, self.locks, self.clock,
                                    self.template, make_settings())
        self.agent_up = AgentUp(self.incidents, self.journal, self.journal, self.locks, self.clock, self.template)

    def fail(self, n: int):
        return self.delivery.report(self.events[n], "agents.json")


def test_agent_down_creates_the_agents_incident_and_journals_it_under_the_agents_key_b_13_4():
    lab = Lab()

    outcome = lab.agent_down(AGENT)

    assert (outcome.action, outcome.ticket_number) == (Action.CREATED, "1001")
    assert lab.incidents.created["1001"].description == f"Agent {AGENT} down"
    [entry] = lab.journal.entries
    assert (entry.group_key, entry.opened, entry.tracking) == (f"agent-down={AGENT}", True, False)
    assert lab.locks.held == [f"group|agent-down={AGENT}"]


def test_a_second_agent_down_updates_the_agents_incident_b_13_4():
    lab = Lab()
    lab.agent_down(AGENT)

    outcome = lab.agent_down(AGENT)

    assert (outcome.action, outcome.ticket_number) == (Action.UPDATED, "1001")
    assert list(lab.incidents.created) == ["1001"]
    assert lab.incidents.updates["1001"][0].information.startswith(f"OpCon agent {AGENT} is still down")


def test_while_the_agent_is_down_its_jobs_failures_join_its_incident_and_others_do_not_b_13_4():
    lab = Lab()
    lab.agent_down(AGENT)

    outcomes = [lab.fail(n) for n in range(4)]

    assert [(o.action, o.ticket_number) for o in outcomes] == [(Action.GROUPED, "1001")] * 3 + [
        (Action.CREATED, "1002")]
    assert [lab.daily_jobs.jobs[e.job_key].incident_ticket_id for e in lab.events] == ["1001"] * 3 + ["1002"]
    assert [e.tracking for e in lab.journal.entries if e.ticket == "1001"] == [False, True, True, True]


def test_agent_up_annotates_the_incident_and_ends_the_inhibition_b_13_4():
    lab = Lab()
    lab.agent_down(AGENT)
    lab.fail(0)

    up = lab.agent_up(AGENT)
    after = lab.fail(1)

    assert (up.action, up.ticket_number) == (Action.ANNOTATED, "1001")
    assert lab.incidents.updates["1001"][-1].information.startswith(f"OpCon agent {AGENT} is reachable again")
    assert (after.action, after.ticket_number) == (Action.CREATED, "1002")
    assert lab.agent_up(AGENT).action is Action.NOTHING


def test_agent_up_resolves_the_incident_when_the_recovery_block_says_so_b_13_4():
    lab = Lab(recovery=Recovery(RecoveryAction.RESOLVE))
    lab.agent_down(AGENT)

    up = lab.agent_up(AGENT)

    assert up.action is Action.RESOLVED
    assert lab.incidents.statuses["1001"] == "Resolved"
    assert {e.last_status_acted for e in lab.journal.entries} == {"Resolved"}


def test_an_agent_down_incident_closed_in_summit_takes_no_more_failures_b_13_4():
    lab = Lab()
    lab.agent_down(AGENT)
    lab.incidents.statuses["1001"] = "Closed"

    outcome = lab.fail(0)
    again = lab.agent_down(AGENT)

    assert (outcome.action, outcome.ticket_number) == (Action.CREATED, "1002")
    assert (again.action, again.ticket_number) == (Action.CREATED, "1003")


def test_an_agent_up_summit_refuses_keeps_the_inhibition_so_it_can_be_run_again_b_13_4():
    lab = Lab()
    lab.agent_down(AGENT)
    lab.incidents.unavailable = "Summit is down"

    with pytest.raises(DeliveryFailed):
        lab.agent_up(AGENT)
    lab.incidents.unavailable = ""

    assert lab.fail(0).action is Action.GROUPED
    assert lab.agent_up(AGENT).action is Action.ANNOTATED
