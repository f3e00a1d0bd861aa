"""SummitIncidents.attach: the job log as base64 to Summit_UploadAttachmentBase64Encoded (B-4.11)."""

import base64
import json
import os

import pytest

from summit_connector.adapters.summit.envelopes import attachment_upload
from summit_connector.application.errors import SummitRejected, SummitUnavailable
from summit_connector.domain.model import JobLog
from summit_connector.domain.template import SummitOptions

from tests.integration.adapters.summit_samples import (
    API_KEY,
    ATTACHMENT_URL,
    PROXY_DETAILS,
    common_reply,
    make_incidents,
    sent_json,
    summit_mock,
)

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


def test_attach_sends_the_exact_content_length_and_no_chunked_encoding_b_4_11():
    with summit_mock() as summit:
        route = summit.post(ATTACHMENT_URL).respond(json=common_reply())
        make_incidents().attach("318417", LOG)

    request = route.calls.last.request
    assert int(request.headers["Content-Length"]) == len(request.content)
    assert "Transfer-Encoding" not in request.headers


@pytest.mark.parametrize("size", [0, 1, 2, 3, 196_607, 196_608, 1_000_001])
def test_a_big_log_is_sent_as_base64_made_a_piece_at_a_time_b_4_11(size):
    log = JobLog("big.log", os.urandom(size))

    upload = attachment_upload(318417, log, API_KEY, SummitOptions())

    pieces = list(upload)
    body = b"".join(pieces)
    assert len(upload) == len(body)
    assert max(len(piece) for piece in pieces) <= 256 * 1024
    assert json.loads(body) == {
        "ServiceName": "Summit_UploadAttachmentBase64Encoded",
        "objCommonParameters": {
            "_ProxyDetails": PROXY_DETAILS,
            "eModule": "IM",
            "TicketID": 318417,
            "AttachmentFileName": "big.log",
            "FileBase64": base64.b64encode(log.content).decode(),
        },
    }


def test_a_file_name_with_quotes_and_non_ascii_survives_the_upload_body_b_4_11():
    log = JobLog('pay "job" — été.log', b"x")

    body = b"".join(attachment_upload(1, log, API_KEY, SummitOptions()))

    assert json.loads(body)["objCommonParameters"]["AttachmentFileName"] == 'pay "job" — été.log'
