"""SummitIncidents.create: the IM_LogOrUpdateIncident envelope and what counts as a created ticket (B-4.9)."""

import json

import pytest

from summit_connector.application.errors import SummitRejected
from summit_connector.domain.template import CustomAttribute
from summit_connector.domain.template import SummitOptions

from tests.integration.adapters.summit_samples import (
    INCIDENT_URL,
    PROXY_DETAILS,
    logged_reply,
    make_incident,
    make_incidents,
    sent_json,
    summit_mock,
)


def test_create_posts_the_full_log_or_update_envelope_and_returns_ticket_no_b_4_9():
    incident = make_incident(attributes=(("Priority_Name", "P3"),))

    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL, json__ServiceName="IM_LogOrUpdateIncident").respond(json=logged_reply(318417))
        ticket = make_incidents().create(incident)

    assert ticket == "318417"
    assert sent_json(route) == {
        "ServiceName": "IM_LogOrUpdateIncident",
        "objCommonParameters": {
            "_ProxyDetails": PROXY_DETAILS,
            "incidentParamsJSON": {
                "IncidentContainerJsonObj": {
                    "Updater": "Executive",
                    "Ticket": {
                        "IsFromWebService": True,
                        "Ticket_No": "",
                        "Status": "New",
                        "Description": "OpCon job JOB001 failed",
                        "PageName": "TicketDetail",
                        "Priority_Name": "P3",
                    },
                    "TicketInformation": {
                        "Information": "Schedule PAYROLL (2024-09-21), agent AGENT1, termination 0001",
                        "InternalLog": "",
                        "UserLog": "",
                    },
                    "CustomFields": [],
                }
            },
            "RequestType": "RemoteCall",
        },
    }


def test_create_sends_json_headers_b_4_9():
    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL).respond(json=logged_reply())
        make_incidents().create(make_incident())

    headers = route.calls.last.request.headers
    assert headers["Content-Type"] == "application/json"
    assert headers["Accept"] == "application/json"


def test_create_sends_attributes_as_ticket_keys_and_custom_attributes_as_custom_fields_b_4_7_b_4_9():
    incident = make_incident(
        attributes=(("Assigned_WorkGroup_Name", "DevOps"), ("Category_Name", "ElasticSearch")),
        custom_fields=(CustomAttribute("Integration", "External Issue ID", "13579"),),
    )

    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL).respond(json=logged_reply())
        make_incidents().create(incident)

    container = sent_json(route)["objCommonParameters"]["incidentParamsJSON"]["IncidentContainerJsonObj"]
    assert container["Ticket"]["Assigned_WorkGroup_Name"] == "DevOps"
    assert container["Ticket"]["Category_Name"] == "ElasticSearch"
    assert container["CustomFields"] == [{"GroupName": "Integration", "Name": "External Issue ID", "Value": "13579"}]


def test_attributes_cannot_turn_a_create_into_an_update_or_change_its_status_b_4_9():
    incident = make_incident(attributes=(("Ticket_No", "4711"), ("Status", "Closed"), ("Source", "Event Trigger")))

    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL).respond(json=logged_reply())
        make_incidents().create(incident)

    ticket = sent_json(route)["objCommonParameters"]["incidentParamsJSON"]["IncidentContainerJsonObj"]["Ticket"]
    assert (ticket["Ticket_No"], ticket["Status"], ticket["Source"]) == ("", "New", "Event Trigger")


def test_quotes_backslashes_and_newlines_in_texts_survive_the_json_b_3_5():
    nasty = 'Job "Parent_Job[Sub]" in C:\\opcon\\Name$0002\nline two\t"}]'
    incident = make_incident(description=nasty, information=nasty, attributes=(("Symptom", nasty),))

    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL).respond(json=logged_reply())
        make_incidents().create(incident)

    container = sent_json(route)["objCommonParameters"]["incidentParamsJSON"]["IncidentContainerJsonObj"]
    assert container["Ticket"]["Description"] == nasty
    assert container["Ticket"]["Symptom"] == nasty
    assert container["TicketInformation"]["Information"] == nasty


def test_non_ascii_texts_survive_the_json_b_3_5():
    incident = make_incident(description="Lohnabrechnung fehlgeschlagen: Größe €")

    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL).respond(json=logged_reply())
        make_incidents().create(incident)

    ticket = sent_json(route)["objCommonParameters"]["incidentParamsJSON"]["IncidentContainerJsonObj"]["Ticket"]
    assert ticket["Description"] == "Lohnabrechnung fehlgeschlagen: Größe €"


def test_org_id_given_as_a_string_is_sent_as_configured_b_3_4():
    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL).respond(json=logged_reply())
        make_incidents(options=SummitOptions(org_id="1")).create(make_incident())

    assert sent_json(route)["objCommonParameters"]["_ProxyDetails"]["OrgID"] == "1"


def test_create_uses_the_incident_status_it_is_given_b_3_4():
    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL).respond(json=logged_reply())
        make_incidents().create(make_incident(status="Assigned"))

    ticket = sent_json(route)["objCommonParameters"]["incidentParamsJSON"]["IncidentContainerJsonObj"]["Ticket"]
    assert ticket["Status"] == "Assigned"


def test_double_encoded_reply_is_decoded_twice_b_4_9():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=json.dumps(logged_reply(4242)))
        ticket = make_incidents().create(make_incident())

    assert ticket == "4242"


def test_ticket_no_sent_as_a_string_is_read_as_the_number_b_4_9():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=logged_reply("4243"))
        ticket = make_incidents().create(make_incident())

    assert ticket == "4243"


@pytest.mark.parametrize("ticket_no", [None, 0, ""], ids=["null", "zero", "empty"])
def test_without_ticket_no_the_first_number_in_message_is_the_ticket_b_4_9(ticket_no):
    reply = logged_reply(ticket_no, Message="Ticket 318417 logged successfully")

    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=reply)
        ticket = make_incidents().create(make_incident())

    assert ticket == "318417"


def test_reply_without_ticket_no_field_falls_back_to_message_b_4_9():
    reply = logged_reply(Message="Ticket 318418 logged successfully")
    del reply["TicketNo"]

    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=reply)
        ticket = make_incidents().create(make_incident())

    assert ticket == "318418"


def test_ticket_no_zero_and_no_number_in_message_is_a_rejection_b_4_9():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=logged_reply(0, Message="Saved"))

        with pytest.raises(SummitRejected, match="no ticket number.*Saved"):
            make_incidents().create(make_incident())


def test_errors_set_is_a_rejection_quoting_errors_and_message_b_4_9_b_9():
    reply = logged_reply(0, Errors="Category 'Nope' does not exist", Message="Validation failed")

    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=reply)

        with pytest.raises(SummitRejected) as raised:
            make_incidents().create(make_incident())

    assert "Category 'Nope' does not exist" in str(raised.value)
    assert "Validation failed" in str(raised.value)


def test_errors_set_wins_over_a_ticket_number_b_4_9():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=logged_reply(318417, Errors="Workgroup is inactive"))

        with pytest.raises(SummitRejected, match="Workgroup is inactive"):
            make_incidents().create(make_incident())


def test_long_errors_are_cut_to_about_300_characters_b_4_9():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=logged_reply(0, Errors="x" * 5000))

        with pytest.raises(SummitRejected) as raised:
            make_incidents().create(make_incident())

    assert len(str(raised.value)) <= 300


@pytest.mark.parametrize("body", [b"", b"   \r\n"], ids=["empty", "blank"])
def test_an_empty_2xx_reply_is_a_rejection_summit_did_not_act_on_b_4_9(body):
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(200, content=body)

        with pytest.raises(SummitRejected, match="empty body") as raised:
            make_incidents().create(make_incident())

    assert not raised.value.maybe_processed


@pytest.mark.parametrize(
    "body",
    [b"<html><body>Service Unavailable page</body></html>", b"[1, 2]", b'"not json inside a string"'],
    ids=["html", "array", "string-not-json"],
)
def test_a_2xx_reply_that_is_not_a_json_object_may_have_been_acted_on_b_9_2(body):
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(200, content=body)

        with pytest.raises(SummitRejected, match="other than a JSON object") as raised:
            make_incidents().create(make_incident())

    assert raised.value.maybe_processed
    assert raised.value.status_code == 200


SIGN_IN_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in to your account</title>
<script>window.$Config = {"urlLogin": "https://login.example.com/"};</script></head>
<body><form method="post"><div>Sign in</div><input type="email" placeholder="Email, phone, or Skype"/>
<p>Can&#39;t access your account?</p></form></body></html>"""


def test_a_sign_in_page_with_200_is_quoted_as_text_and_may_have_been_acted_on_b_9_2_b_9_4():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(200, text=SIGN_IN_PAGE, headers={"Content-Type": "text/html"})

        with pytest.raises(SummitRejected) as raised:
            make_incidents().create(make_incident())

    assert raised.value.maybe_processed
    assert str(raised.value) == (
        f"Summit IM_LogOrUpdateIncident: {INCIDENT_URL} answered HTTP 200 with something other than a JSON object: "
        "Sign in to your account Sign in Can't access your account?"
    )


def test_a_reply_with_a_utf8_bom_is_read_b_4_9():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(200, content=b"\xef\xbb\xbf" + json.dumps(logged_reply(77)).encode())
        ticket = make_incidents().create(make_incident())

    assert ticket == "77"



def test_digits_inside_a_word_of_message_are_not_taken_for_a_ticket_number_b_4_9():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=logged_reply(0, Message="Saved by user API3"))

        with pytest.raises(SummitRejected, match="no ticket number"):
            make_incidents().create(make_incident())
