"""Style point 4: the use case reads the clock once per run and passes `now` down."""

from datetime import datetime

from summit_connector.domain.template import Rules

from tests.unit.factories import CountingClock, make_connector, make_event, make_job, make_template, working_hours


def test_the_clock_is_read_once_per_report():
    template = make_template(
        rules=Rules(submit_single_incident_per_day=True),
        working_hours=working_hours(monday=("2200", "0600")),
        ticket_information="@EV_Time",
    )
    job = make_job(documentation="Last Incident Date : 2024-09-20")
    clock = CountingClock(datetime(2024, 9, 24, 5, 0))
    connector = make_connector(jobs=(job,), template=template, clock=clock)

    connector.report(make_event())

    assert clock.calls == 1
    assert connector.incidents.created["1001"].information == "05:00:00"
