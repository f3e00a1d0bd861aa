"""B-4.5 end to end: the installed CLI updates an existing ticket re-sending Sup_Function, Medium, Source and
Caller_EmailID as the ticket holds them now (an analyst's edits included), and never the routing attributes."""

HELD = ("Sup_Function", "Medium", "Source", "Caller_EmailID")
ROUTING = ("Assigned_WorkGroup_Name", "Category_Name", "Assigned_Engineer_Email", "Assign_To")


def _created_then_edited_by_an_analyst(sandbox) -> str:
    first = sandbox.report(sandbox.samples.plain)
    assert first.code == 0, first.stderr
    ticket = sandbox.job(sandbox.samples.plain).incident_ticket_id
    sandbox.emulator.set_incident_fields(ticket, Medium="Phone", Caller_EmailID="analyst@example.com",
                                         Assigned_WorkGroup_Name="Hardware")
    return ticket


def test_the_update_re_sends_what_the_ticket_holds_now_and_no_routing_b_4_5(sandbox):
    ticket = _created_then_edited_by_an_analyst(sandbox)
    incident = sandbox.emulator.state.incidents[ticket]
    holds = {name: incident.fields[name] for name in HELD}

    again = sandbox.report(sandbox.samples.plain)

    assert again.code == 0, again.stderr
    assert again.stdout.startswith(f"Incident {ticket} updated for JOB001")
    [carried] = incident.updates
    assert {name: carried.get(name) for name in HELD} == holds
    assert (holds["Medium"], holds["Caller_EmailID"]) == ("Phone", "analyst@example.com")
    assert all(holds.values())
    assert not set(ROUTING) & carried.keys()
    assert incident.fields["Assigned_WorkGroup_Name"] == "Hardware"


def test_the_fallback_update_re_sends_nothing_when_the_status_cannot_be_read_b_4_5(sandbox):
    ticket = _created_then_edited_by_an_analyst(sandbox)
    sandbox.emulator.faults.fail("summit", 400, times=None, path_contains="IM_GetIncidentDetailsAndChangeHistory")

    again = sandbox.report(sandbox.samples.plain)

    assert again.code == 0, again.stderr
    [carried] = sandbox.emulator.state.incidents[ticket].updates
    assert not (set(HELD) | set(ROUTING)) & carried.keys()
    assert carried["Status"] == "In-Progress"
