"""B-4.5 against the emulated Summit: what a create sent (Sup_Function, Medium, Source, Caller_EmailID) is held by
the ticket, returned in its details row under the `IncidentDetail2.cs` keys, changed by an analyst's edit, read by
our adapter in the one status call; and every update's Ticket is recorded as received."""

import httpx
import pytest

from summit_connector.adapters.config.connector_file import load_connector_config
from summit_connector.adapters.config.template_file import load_template
from summit_connector.adapters.emulator import sample_config_files
from summit_connector.adapters.summit import SummitIncidents, make_summit_client
from summit_connector.domain.incident import IncidentUpdate, NewIncident, TicketReading

from tests.integration.emulator.emulator_requests import JSON_CALL, PROXY

CREATED = (("Sup_Function", "IT"), ("Medium", "Web"), ("Source", "Event Trigger"),
           ("Caller_EmailID", "opcon@example.com"))


@pytest.fixture
def incidents(emulator, tmp_path):
    config = load_connector_config(sample_config_files(tmp_path, emulator)[0], {})
    loaded = load_template("sandbox", config, {})
    with make_summit_client(loaded.summit) as client:
        yield SummitIncidents(client, loaded.summit, loaded.template.summit)


def created(incidents: SummitIncidents) -> str:
    attributes = (*CREATED, ("Assigned_WorkGroup_Name", "DevOps"))
    return incidents.create(NewIncident("OpCon job JOB001 failed", "Failed", "New", attributes))


def details_row(emulator, ticket: str) -> dict:
    body = {"ServiceName": "IM_GetIncidentDetailsAndChangeHistory",
            "objCommonParameters": {"_ProxyDetails": PROXY, "TicketNo": int(ticket), "RequestType": "RemoteCall"}}
    reply = httpx.post(f"{emulator.summit_url}{JSON_CALL}", json=body, timeout=5).json()
    return reply["OutputObject"]["IncidentDetails"]["TicketDetails"][0]


def test_the_details_row_returns_what_the_create_sent_under_the_public_keys_b_4_5(emulator, incidents):
    ticket = created(incidents)

    row = details_row(emulator, ticket)

    assert {name: row[name] for name, _ in CREATED} == dict(CREATED)
    assert row["WG_Name"] == "DevOps"


def test_our_adapter_reads_the_status_and_the_held_fields_in_one_call_b_4_5(emulator, incidents):
    ticket = created(incidents)
    emulator.set_incident_fields(ticket, Medium="Phone", Caller_EmailID="analyst@example.com")
    calls = emulator.state.counters["summit:IM_GetIncidentDetailsAndChangeHistory"]

    read = incidents.read(ticket)

    assert read == TicketReading("New", (("Sup_Function", "IT"), ("Medium", "Phone"), ("Source", "Event Trigger"),
                                         ("Caller_EmailID", "analyst@example.com")))
    assert emulator.state.counters["summit:IM_GetIncidentDetailsAndChangeHistory"] == calls + 1


def test_an_analysts_edit_is_in_the_change_history_b_4_5(emulator, incidents):
    ticket = created(incidents)

    emulator.set_incident_fields(ticket, Medium="Phone")

    assert emulator.state.incidents[ticket].history[-1] == {"column_name": "Medium", "OldValue": "Web",
                                                            "new_Value": "Phone"}


def test_each_update_is_recorded_with_the_ticket_it_carried_b_4_5(emulator, incidents):
    ticket = created(incidents)

    incidents.update(IncidentUpdate(ticket, "", "Failed again", held=CREATED))

    [carried] = emulator.state.incidents[ticket].updates
    assert carried == {"IsFromWebService": True, "Ticket_No": ticket, "PageName": "TicketDetail", **dict(CREATED)}


def test_a_seeded_ticket_without_held_fields_reads_its_status_alone_b_4_5(incidents):
    assert incidents.read("9001") == TicketReading("In-Progress")
