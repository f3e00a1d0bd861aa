"""SummitIncidents.attach: the job log as base64 to Summit_UploadAttachmentBase64Encoded (B-4.11)."""

import base64

import pytest

from summit_connector.application.errors import SummitRejected, SummitUnavailable
from summit_connector.domain.model import JobLog
from summit_connector.domain.template import SummitOptions
from summit_samples import ATTACHMENT_URL, PROXY_DETAILS, common_reply, make_incidents, sent_json, summit_mock

LOG = JobLog("JOB001_20240921.log", b"line 1\r\nline 2 \xff\x00 binary\n")


def test_attach_posts_the_log_as_base64_with_ticket_id_file_name_and_module_b_4_11():
    with summit_mock() as summit:
        route = summit.post(ATTACHMENT_URL, json__ServiceName="Summit_UploadAttachmentBase64Encoded").respond(
            json=common_reply(Message="Attachment uploaded")
        )
        make_incidents().attach("318417", LOG)

    assert sent_json(route) == {
        "ServiceName": "Summit_UploadAttachmentBase64Encoded",
        "objCommonParameters": {
            "_ProxyDetails": PROXY_DETAILS,
            "eModule": "IM",
            "TicketID": 318417,
            "AttachmentFileName": "JOB001_20240921.log",
            "FileBase64": base64.b64encode(LOG.content).decode(),
        },
    }


def test_attach_puts_the_base64_under_the_configured_field_name_b_3_4_b_4_11():
    with summit_mock() as summit:
        route = summit.post(ATTACHMENT_URL).respond(json=common_reply())
        make_incidents(options=SummitOptions(attachment_file_field="Base64String")).attach("318417", LOG)

    parameters = sent_json(route)["objCommonParameters"]
    assert base64.b64decode(parameters["Base64String"]) == LOG.content
    assert "FileBase64" not in parameters


def test_attach_with_errors_set_is_a_rejection_b_4_11():
    with summit_mock() as summit:
        summit.post(ATTACHMENT_URL).respond(json=common_reply(Errors="File type .log is not allowed"))

        with pytest.raises(SummitRejected, match=r"File type \.log is not allowed"):
            make_incidents().attach("318417", LOG)


def test_attach_with_an_empty_reply_is_a_rejection_b_4_11():
    with summit_mock() as summit:
        summit.post(ATTACHMENT_URL).respond(200, content=b"")

        with pytest.raises(SummitRejected, match="empty body"):
            make_incidents().attach("318417", LOG)


def test_attach_on_500_is_unavailable_b_4_11_b_9():
    with summit_mock() as summit:
        summit.post(ATTACHMENT_URL).respond(500)

        with pytest.raises(SummitUnavailable):
            make_incidents().attach("318417", LOG)


def test_attach_to_a_ticket_number_that_is_not_numeric_is_a_rejection_without_asking_b_4_11():
    with summit_mock():
        with pytest.raises(SummitRejected, match="not a number"):
            make_incidents().attach("INC-1", LOG)
