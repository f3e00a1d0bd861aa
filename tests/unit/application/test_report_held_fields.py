"""B-4.5 in the flow: the one status read of the job's ticket also gives what its update re-sends."""

from summit_connector.adapters.memory import InMemoryIncidents
from summit_connector.application.report import Action
from summit_connector.domain.incident import TicketReading

from tests.unit.factories import (
    StatusRecordingIncidents,
    UnreadableStatusIncidents,
    make_connector,
    make_event,
    make_job,
)

TICKET = "4711"
HELD = (("Sup_Function", "MSP"), ("Medium", "Phone"), ("Source", "Event Trigger"),
        ("Caller_EmailID", "analyst@example.com"))


def test_the_update_re_sends_what_the_ticket_holds_read_in_the_one_status_call_b_4_5():
    incidents = StatusRecordingIncidents()
    incidents.add_existing(TICKET, "Assigned", HELD)
    connector = make_connector(jobs=(make_job(incident_ticket_id=TICKET),), incidents=incidents)

    outcome = connector.report(make_event())

    [update] = incidents.updates[TICKET]
    assert (outcome.action, update.held, update.attributes) == (Action.UPDATED, HELD, ())
    assert incidents.status_reads == [TICKET]


def test_the_fallback_update_re_sends_nothing_when_the_status_cannot_be_read_b_4_5():
    incidents = UnreadableStatusIncidents()
    incidents.add_existing(TICKET, "Assigned", HELD)
    connector = make_connector(jobs=(make_job(incident_ticket_id=TICKET),), incidents=incidents)

    outcome = connector.report(make_event())

    [update] = incidents.updates[TICKET]
    assert (outcome.action, update.held) == (Action.REOPENED, ())


def test_the_in_memory_summit_holds_what_the_create_sent_and_reads_it_with_the_status_b_4_5():
    incidents = InMemoryIncidents()
    connector = make_connector(jobs=(make_job(),), incidents=incidents)
    number = connector.report(make_event()).ticket_number
    sent = dict(incidents.created[number].attributes)

    read = incidents.read(number)

    assert read == TicketReading("New", tuple((name, sent[name]) for name in
                                              ("Sup_Function", "Medium", "Source", "Caller_EmailID") if sent.get(name)))
    assert read.held and incidents.status_of(number) == "New"
