"""Grouping (B-13.1) and the down agent's incident (B-13.4): the group key, and whether a failure that would create
a new incident joins another one instead, as a record of what was decided and why."""

from datetime import timedelta

from summit_connector.domain.decision import Action, GroupIncident, GroupVerdict, TicketState
from summit_connector.domain.grouping import GroupLookup, agent_down_key, decide_agent_down, decide_group, group_key
from summit_connector.domain.plan import plan_report
from summit_connector.domain.template import GroupBy, Grouping, SummitOptions
from summit_connector.domain.report_inputs import RecoveryInputs, ReportInputs

from tests.unit.factories import NOW, make_event, make_job, make_settings, make_template, read_as

BY_AGENT = Grouping((GroupBy.AGENT,), 15)
BY_SCHEDULE = Grouping((GroupBy.SCHEDULE,), 15)
OPTIONS = SummitOptions()


def group_incident(ticket: str = "5001", minutes_ago: int = 5, status: str | None = "New",
                   key: str = "agent=WINAGENT01") -> GroupIncident:
    return GroupIncident(key, ticket, NOW - timedelta(minutes=minutes_ago), status)


def decide(grouping: Grouping = BY_AGENT, incident: GroupIncident | None = None,
           agent_down: GroupIncident | None = None, **event: object):
    return decide_group(make_event(**event), grouping, GroupLookup(agent_down, incident), OPTIONS, NOW)


def grouped_plan(template_grouping: Grouping = BY_AGENT, lookup: GroupLookup = GroupLookup(), **job: object):
    event = make_event()
    return plan_report(ReportInputs(event, make_job(event, **job), NOW, groups=lookup),
                       make_template(grouping=template_grouping), make_settings())


def test_the_agent_key_is_the_agent_name_and_the_schedule_key_the_daily_schedule_b_13_1():
    event = make_event(agent="UNIXAGENT01")

    keys = [group_key(event, grouping) for grouping in
            (BY_AGENT, BY_SCHEDULE, Grouping((GroupBy.SCHEDULE, GroupBy.AGENT)), Grouping())]

    assert keys == ["agent=UNIXAGENT01", "schedule=20240923|42|1", "agent=UNIXAGENT01;schedule=20240923|42|1", ""]


def test_an_event_whose_agent_is_not_known_has_no_key_when_the_key_needs_the_agent_b_13_1():
    event = make_event(agent="N/A")

    assert group_key(event, BY_AGENT) == ""
    assert group_key(event, Grouping((GroupBy.AGENT, GroupBy.SCHEDULE))) == ""
    assert group_key(event, BY_SCHEDULE) == "schedule=20240923|42|1"
    assert agent_down_key("N/A") == ""


def test_an_open_group_incident_created_less_than_the_window_ago_is_joined_b_13_1():
    decision = decide(incident=group_incident(minutes_ago=14, status="In-Progress"))

    assert decision.verdict is GroupVerdict.JOIN
    assert (decision.joins, decision.status_to_send, decision.key) == ("5001", "In-Progress", "agent=WINAGENT01")
    assert decision.window_ends == NOW + timedelta(minutes=1)
    assert decision.incident.state is TicketState.OPEN


def test_the_window_counts_from_the_group_incidents_creation_so_at_its_end_a_new_incident_is_created_b_13_1():
    decision = decide(incident=group_incident(minutes_ago=15))

    assert decision.verdict is GroupVerdict.NEW
    assert decision.joins == ""
    assert decision.window_ends == NOW
    assert "15 minutes or more ago" in decision.reason


def test_a_group_incident_resolved_or_closed_gives_way_to_a_new_incident_of_the_group_b_13_1():
    decisions = [decide(incident=group_incident(status=status)) for status in ("Resolved", "Closed", "Cancelled")]

    assert [d.verdict for d in decisions] == [GroupVerdict.NEW] * 3
    assert [d.key for d in decisions] == ["agent=WINAGENT01"] * 3
    assert "is Resolved: create a new one; it becomes the group's" in decisions[0].reason


def test_a_group_incident_whose_status_cannot_be_read_is_joined_without_changing_its_status_b_13_1():
    decision = decide(incident=group_incident(status=None))

    assert decision.verdict is GroupVerdict.JOIN
    assert decision.status_to_send == ""
    assert "its status could not be read" in decision.reason


def test_without_a_group_incident_a_new_one_is_created_and_records_the_key_b_13_1():
    decision = decide()

    assert (decision.verdict, decision.key, decision.joins) == (GroupVerdict.NEW, "agent=WINAGENT01", "")
    assert "no incident of group agent=WINAGENT01 was created in the last 15 minutes" in decision.reason


def test_grouping_off_and_an_unknown_agent_are_verdicts_of_their_own_b_13_1():
    off = decide(Grouping(), incident=group_incident())
    unknown = decide(incident=group_incident(), agent="N/A")

    assert (off.verdict, off.key, off.window_minutes) == (GroupVerdict.OFF, "", 0)
    assert (unknown.verdict, unknown.key) == (GroupVerdict.NOT_GROUPED, "")
    assert "agent is N/A" in unknown.reason


def test_the_down_agents_open_incident_takes_the_failure_before_any_group_b_13_4():
    down = group_incident("7001", minutes_ago=300, key="agent-down=WINAGENT01")

    decision = decide(incident=group_incident(), agent_down=down)
    without_grouping = decide(Grouping(), agent_down=down)

    assert (decision.verdict, decision.joins, decision.key) == (GroupVerdict.JOIN_AGENT_DOWN, "7001",
                                                                 "agent-down=WINAGENT01")
    assert (without_grouping.verdict, without_grouping.joins) == (GroupVerdict.JOIN_AGENT_DOWN, "7001")


def test_a_finished_agent_down_incident_takes_nothing_more_b_13_4():
    down = group_incident("7001", status="Closed", key="agent-down=WINAGENT01")

    decision = decide(Grouping(), agent_down=down)

    assert (decision.verdict, decision.joins) == (GroupVerdict.OFF, "")
    assert "incident 7001 of the down agent is Closed" in decision.reason


def test_a_second_agent_down_updates_the_open_incident_and_a_closed_one_gives_way_b_13_4():
    open_one = decide_agent_down("AG1", group_incident("7001", status="In-Progress", key="agent-down=AG1"), OPTIONS)
    closed = decide_agent_down("AG1", group_incident("7001", status="Closed", key="agent-down=AG1"), OPTIONS)
    none = decide_agent_down("AG1", None, OPTIONS)

    assert (open_one.verdict, open_one.joins, open_one.status_to_send) == (GroupVerdict.JOIN_AGENT_DOWN, "7001",
                                                                         "In-Progress")
    assert [(d.verdict, d.key, d.joins) for d in (closed, none)] == [(GroupVerdict.NEW, "agent-down=AG1", "")] * 2


def test_a_joined_failure_is_an_update_naming_the_job_and_its_number_is_written_back_b_13_1():
    decision = grouped_plan(lookup=GroupLookup(incident=group_incident()))

    assert decision.action is Action.GROUPED
    assert decision.ticket_number == "5001"
    assert decision.incident is None
    assert decision.update.ticket_number == "5001" and decision.update.status == "New"
    assert decision.update.information.startswith("OpCon job JOB001 failed: schedule PAYROLL (2024-09-23, id 42")
    assert decision.write_back.ticket and decision.write_back.documentation is None
    assert decision.group.verdict is GroupVerdict.JOIN


def test_a_job_that_holds_an_open_ticket_updates_it_and_never_reaches_the_group_b_13_1():
    event = make_event()

    inputs = ReportInputs(event, make_job(event, incident_ticket_id="4711"), NOW, ticket_read=read_as("In-Progress"),
                          groups=GroupLookup(incident=group_incident()))
    decision = plan_report(inputs, make_template(grouping=BY_AGENT), make_settings())

    assert (decision.action, decision.ticket_number, decision.group) == (Action.UPDATED, "4711", None)


def test_a_job_whose_ticket_is_closed_joins_the_group_instead_of_creating_b_13_1():
    event = make_event()

    inputs = ReportInputs(event, make_job(event, incident_ticket_id="4711"), NOW, ticket_read=read_as("Closed"),
                          groups=GroupLookup(incident=group_incident()))
    decision = plan_report(inputs, make_template(grouping=BY_AGENT), make_settings())

    assert (decision.action, decision.ticket_number) == (Action.GROUPED, "5001")


def test_a_new_incident_under_grouping_records_its_group_and_is_otherwise_the_one_without_b_13_1():
    grouped = grouped_plan()
    plain = grouped_plan(Grouping())

    assert grouped.action is Action.CREATED
    assert grouped.group.key == "agent=WINAGENT01"
    assert grouped.incident == plain.incident
    assert grouped.reason == plain.reason == "the job has no incident ticket: create one"
