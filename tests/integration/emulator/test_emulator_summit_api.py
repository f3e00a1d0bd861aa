"""The emulated Summit web service: incidents, details, attachments, auth and reply encodings (B-4.5, B-4.9)."""

import base64
import json

import httpx
import pytest

from tests.integration.emulator.emulator_requests import PROXY, SUMMIT_SERVICES


@pytest.fixture(scope="module")
def summit(emulator):
    with httpx.Client(base_url=emulator.summit_url, timeout=5) as client:
        yield client


def container(ticket_no="", status="New", information="Job JOB001 failed", **fields) -> dict:
    return {"Updater": "Executive",
            "Ticket": {"IsFromWebService": True, "Ticket_No": ticket_no, "Status": status, "PageName": "TicketDetail",
                       "Description": "OpCon job JOB001 failed", **fields},
            "TicketInformation": {"Information": information, "InternalLog": "", "UserLog": ""},
            "CustomFields": [{"GroupName": "OpCon", "Name": "Schedule", "Value": "PAYROLL"}]}


def log_or_update(incident: dict, proxy: dict | None = None, key: str = "IncidentContainerJsonObj") -> dict:
    value = incident if key.endswith("Obj") else json.dumps(incident)
    return {"ServiceName": "IM_LogOrUpdateIncident",
            "objCommonParameters": {"_ProxyDetails": proxy or PROXY, "incidentParamsJSON": {key: value},
                                    "RequestType": "RemoteCall"}}


def details(ticket_no) -> dict:
    return {"ServiceName": "IM_GetIncidentDetailsAndChangeHistory",
            "objCommonParameters": {"_ProxyDetails": PROXY, "TicketNo": ticket_no, "RequestType": "RemoteCall"}}


def call(summit, body: dict, operation: str = "CommonWS_JsonObjCall") -> dict:
    return summit.post(f"{SUMMIT_SERVICES}/{operation}", json=body).json()


def test_create_with_the_object_form_numbers_the_ticket_from_10001(emulator, summit):
    reply = call(summit, log_or_update(container(Category_Name="ElasticSearch")))

    assert (reply["Errors"], reply["TicketNo"]) == ("", 10001)
    assert reply["TicketID_Internal"] > 0 and reply["Message"] == "Ticket 10001 logged successfully"
    incident = emulator.state.incidents["10001"]
    assert (incident.status, incident.fields["Category_Name"]) == ("New", "ElasticSearch")
    assert incident.information == ["Job JOB001 failed"]
    assert incident.custom_fields == [{"GroupName": "OpCon", "Name": "Schedule", "Value": "PAYROLL"}]


def test_create_with_the_string_form_and_a_null_ticket_no(emulator, summit):
    reply = call(summit, log_or_update(container(ticket_no=None), key="IncidentContainerJson"))

    assert reply["TicketNo"] == 10001
    assert "10001" in emulator.state.incidents


def test_the_operation_name_is_case_insensitive(summit):
    response = summit.post(f"{SUMMIT_SERVICES.lower()}/commonws_jsonobjcall_json", json=log_or_update(container()))

    assert response.json()["Errors"] == ""


@pytest.mark.parametrize(("forced", "operation", "is_string"), [
    (False, "CommonWS_JsonObjCall_JSON", False), (True, "CommonWS_JsonObjCall", True)])
def test_a_setting_forces_either_encoding(emulator, summit, forced, operation, is_string):
    emulator.settings.double_encode = forced

    reply = summit.post(f"{SUMMIT_SERVICES}/{operation}", json=log_or_update(container())).json()

    assert isinstance(reply, str) is is_string


@pytest.mark.parametrize("proxy", [
    {**PROXY, "APIKey": "wrong"}, {**PROXY, "AuthType": "FORM"}, {"UserName": "x", "Password": "y"}])
def test_bad_credentials_are_http_200_with_errors(emulator, summit, proxy):
    response = summit.post(f"{SUMMIT_SERVICES}/CommonWS_JsonObjCall", json=log_or_update(container(), proxy=proxy))

    assert response.status_code == 200
    assert response.json()["Errors"].startswith("Authentication failed")
    assert emulator.state.incidents.keys() == {"9001", "9002", "9003"}


def test_auth_type_is_case_insensitive_and_org_id_may_be_a_string(summit):
    proxy = {**PROXY, "AuthType": "ApiKey", "OrgID": "1"}

    assert call(summit, log_or_update(container(), proxy=proxy))["TicketNo"] == 10001


def test_an_unknown_category_or_workgroup_is_rejected(emulator, summit):
    category = call(summit, log_or_update(container(Category_Name="Nope")))
    workgroup = call(summit, log_or_update(container(Assigned_WorkGroup_Name="Ghosts")))

    assert category["Errors"] == "Invalid Category_Name 'Nope'."
    assert workgroup["Errors"] == "Invalid Assigned_WorkGroup_Name 'Ghosts'."
    assert category["TicketNo"] == 0


def test_master_values_are_configurable(emulator, summit):
    emulator.settings.known_values["Priority_Name"] = {"P1", "P2", "P3"}

    reply = call(summit, log_or_update(container(Priority_Name="P9")))

    assert reply["Errors"] == "Invalid Priority_Name 'P9'."


def test_an_invalid_status_or_missing_updater_is_rejected(summit):
    status = call(summit, log_or_update(container(status="InProgress")))
    updater = call(summit, log_or_update({**container(), "Updater": ""}))

    assert status["Errors"] == "Invalid Status 'InProgress'."
    assert updater["Errors"] == "Updater is mandatory."


def test_updating_an_open_ticket_appends_information_and_keeps_the_status(emulator, summit):
    reply = call(summit, log_or_update(container(ticket_no="9001", status="", information="failed again")))

    assert (reply["Errors"], reply["TicketNo"]) == ("", 9001)
    incident = emulator.state.incidents["9001"]
    assert (incident.status, incident.information, incident.reopened) == ("In-Progress", ["failed again"], False)


def test_moving_a_resolved_ticket_back_to_active_reopens_it(emulator, summit):
    call(summit, log_or_update(container(ticket_no="9002", status="In-Progress")))

    detail = call(summit, details(9002))["OutputObject"]["IncidentDetails"]

    ticket = detail["TicketDetails"][0]
    assert (ticket["Status"], ticket["Reopen_Ticket"], ticket["Ticket_No"]) == ("In-Progress", True, "9002")
    assert detail["ChangeHistory"][0]["OldValue"] == "Resolved"


def test_updating_a_closed_ticket_is_rejected(emulator, summit):
    reply = call(summit, log_or_update(container(ticket_no="9003", status="In-Progress")))

    assert reply["Errors"] == "Ticket 9003 is Closed and cannot be updated."
    assert emulator.state.incidents["9003"].status == "Closed"


def test_updating_an_unknown_ticket_is_rejected(summit):
    reply = call(summit, log_or_update(container(ticket_no="424242")))

    assert reply["Errors"] == "Ticket_No '424242' does not exist."


def test_details_of_a_ticket_carry_status_subject_and_custom_attributes(emulator, summit):
    call(summit, log_or_update(container(Symptom="JOB001 failed")))
    emulator.set_incident_status("10001", "Resolved")

    incident = call(summit, details("10001"))["OutputObject"]["IncidentDetails"]

    ticket = incident["TicketDetails"][0]
    assert (ticket["Status"], ticket["Subject"], ticket["Ticket_ID"]) == ("Resolved", "JOB001 failed", 510001)
    assert ticket["Ticket_ID_Encrypted"]
    assert incident["CustomAttributes"][0]["AttributeText"] == "PAYROLL"


def test_details_of_an_unknown_ticket_set_errors_and_list_nothing(summit):
    reply = call(summit, details(424242))

    assert reply["Errors"]
    assert reply["OutputObject"]["IncidentDetails"]["TicketDetails"] == []


@pytest.mark.parametrize("key", ["sandbox-key", "wrong-key"])
def test_an_unknown_service_name_gets_errors_naming_it_whatever_the_key(summit, key):
    """Business errors are HTTP 200 with `Errors` set (summit-api.md §4.1, §8), so a client calling the wrong service
    is told which; the empty body one adapter reports (§8) would hide it."""
    proxy = {**PROXY, "APIKey": key}
    response = summit.post(f"{SUMMIT_SERVICES}/CommonWS_JsonObjCall", json={"ServiceName": "IM_Nope",
                                                                     "objCommonParameters": {"_ProxyDetails": proxy}})

    assert response.status_code == 200
    assert response.json()["Errors"] == "ServiceName 'IM_Nope' is not a known service."
    assert response.json()["OutputObject"] is None


def test_attachments_are_decoded_and_stored_against_the_ticket(emulator, summit):
    content = b"line one\r\nline two\n"
    body = {"objCommonParameters": {"_ProxyDetails": PROXY, "eModule": "IM", "TicketID": 9001,
                                    "AttachmentFileName": "JOB001.log",
                                    "FileBase64": base64.b64encode(content).decode()}}

    reply = call(summit, body, "Summit_UploadAttachmentBase64Encoded")

    assert reply["Errors"] == ""
    assert emulator.state.incidents["9001"].attachments == [("JOB001.log", content)]


@pytest.mark.parametrize(("change", "error"), [
    ({"TicketID": 424242}, "does not exist"), ({"eModule": "SR"}, "eModule"),
    ({"FileBase64": "not base64!"}, "base64"), ({"AttachmentFileName": ""}, "AttachmentFileName"),
    ({"_ProxyDetails": {**PROXY, "APIKey": "x"}}, "Authentication failed")])
def test_attachment_errors(summit, change, error):
    params = {"_ProxyDetails": PROXY, "eModule": "IM", "TicketID": 9001, "AttachmentFileName": "a.log",
              "FileBase64": "aGk=", **change}

    reply = call(summit, {"objCommonParameters": params}, "Summit_UploadAttachmentBase64Encoded")

    assert error in reply["Errors"]


def test_the_attachment_field_name_is_configurable(emulator, summit):
    emulator.settings.attachment_field = "Base64String"
    params = {"_ProxyDetails": PROXY, "eModule": "IM", "TicketID": "9001", "AttachmentFileName": "a.log",
              "Base64String": "aGk="}

    call(summit, {"objCommonParameters": params}, "Summit_UploadAttachmentBase64Encoded")

    assert emulator.state.incidents["9001"].attachments == [("a.log", b"hi")]


def test_wrong_urls_answer_like_wcf(summit):
    assert summit.post("/api_integration/REST/Summit_RESTWCF.svc", json={}).status_code == 415
    assert summit.post(f"{SUMMIT_SERVICES}/Nope", json={}).status_code == 404
    assert summit.post(f"/other{SUMMIT_SERVICES[16:]}/CommonWS_JsonObjCall", json={}).status_code == 404
    assert summit.get(f"{SUMMIT_SERVICES}/CommonWS_JsonObjCall").status_code == 405
    assert summit.post(f"{SUMMIT_SERVICES}/CommonWS_JsonObjCall", content=b"{not json").status_code == 400


def test_the_view_page_names_the_ticket(summit):
    response = summit.get("/MDLIncidentMgmt/IM_TicketDetail.aspx", params={"ID": "9002"})

    assert "Incident 9002: Resolved" in response.text


def test_an_update_records_its_solution_and_shows_it_in_the_details_b_11_2(emulator, summit):
    call(summit, log_or_update(container()))
    resolving = container("10001", "Resolved", information="", Closure_Code_Name="Successful")
    resolving["TicketInformation"]["Solution"] = "Rerun succeeded"

    reply = call(summit, log_or_update(resolving))

    assert reply["Errors"] == ""
    incident = emulator.state.incidents["10001"]
    assert (incident.status, incident.solution, incident.fields["Closure_Code_Name"]) == (
        "Resolved", "Rerun succeeded", "Successful")
    assert incident.information == ["Job JOB001 failed"]
    ticket = call(summit, details(10001))["OutputObject"]["IncidentDetails"]["TicketDetails"][0]
    assert ticket["Solution"] == "Rerun succeeded"


def test_an_update_without_a_status_keeps_the_ticket_status(emulator, summit):
    call(summit, log_or_update(container()))
    annotation = container("10001", information="completed")
    del annotation["Ticket"]["Status"]

    call(summit, log_or_update(annotation))

    assert emulator.state.incidents["10001"].status == "New"


@pytest.mark.parametrize("status", ["New", "Pending"])
def test_a_tenant_may_require_in_progress_before_resolved_summit_api_3_6(emulator, summit, status):
    emulator.settings.resolve_from_in_progress_only = True
    emulator.state.add_incident(4711, status)

    refused = call(summit, log_or_update(container("4711", "Resolved")))
    call(summit, log_or_update(container("4711", "In-Progress")))
    accepted = call(summit, log_or_update(container("4711", "Resolved")))

    assert refused["Errors"] == f"Ticket 4711 is {status}; it must be In-Progress before Resolved."
    assert (accepted["Errors"], emulator.state.incidents["4711"].status) == ("", "Resolved")
