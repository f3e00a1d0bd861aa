"""B-4.7 and B-5 in the flow: Summit receives the attribute layers, with the clock's hours and the job's tags on top."""

from datetime import datetime

from summit_connector.adapters.memory import FixedClock

from tests.unit.factories import (
    Connector,
    attributes,
    make_connector,
    make_event,
    make_job,
    vendor_routing_template,
    working_hours,
)

MONDAY_NOON = datetime(2024, 9, 23, 12, 0)
MONDAY_NIGHT = datetime(2024, 9, 23, 22, 0)


def shift_connector(moment: datetime, tags: tuple[str, ...] = ()) -> Connector:
    template = vendor_routing_template(
        working_hours=working_hours(monday=("0800", "1700")),
        working_hours_attributes=attributes(Assigned_WorkGroup_Name="Day Shift", Priority_Name="P2"),
        non_working_hours_attributes=attributes(Assigned_WorkGroup_Name="Night Shift", Priority_Name="P1"),
    )
    return make_connector(jobs=(make_job(tags=tags),), template=template, clock=FixedClock(moment))


def sent_attributes(connector: Connector) -> dict[str, str]:
    [incident] = connector.incidents.created.values()
    return dict(incident.attributes)


def test_in_working_hours_summit_receives_the_working_hours_attributes_under_the_tag_route():
    connector = shift_connector(MONDAY_NOON, tags=("APP1_ROUTE1",))

    connector.report(make_event())

    sent = sent_attributes(connector)
    assert (sent["Assigned_WorkGroup_Name"], sent["Priority_Name"]) == ("Application One", "P2")


def test_out_of_hours_summit_receives_the_non_working_hours_attributes_under_the_tag_route():
    connector = shift_connector(MONDAY_NIGHT, tags=("APP_ONE",))

    connector.report(make_event())

    sent = sent_attributes(connector)
    assert (sent["Assigned_WorkGroup_Name"], sent["Priority_Name"]) == ("DevOps", "P1")


def test_config_defaults_fill_what_no_other_layer_sets():
    connector = shift_connector(MONDAY_NOON)

    connector.report(make_event())

    assert sent_attributes(connector)["Classification_Name"] == "Application Support"
