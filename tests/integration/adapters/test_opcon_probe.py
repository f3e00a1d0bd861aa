"""`check --online` against OpCon (B-7): `/api/version` without the token, `/api/tokens` with it; findings say
where the problem is and how to fix it, and never show the token (B-6.3)."""

import ssl

import httpx
import pytest

from summit_connector.adapters.opcon import probe_opcon
from summit_connector.domain.findings import Severity

from tests.integration.adapters.opcon_samples import BASE, TOKEN, opcon_client

pytestmark = pytest.mark.respx(base_url=BASE, assert_all_called=True, assert_all_mocked=True)

ADDRESS, TOKEN_KEY = "[OPCON API] ADDRESS", "[OPCON API] TOKEN"
VERSION = {"opConRestApiProductVersion": "21.2.0"}
APPLICATION_TOKEN = {"user": {"loginName": "ocadm"}, "tokenType": {"type": "Application"}, "validUntil": "2030-01-01"}


def test_b_7_the_version_is_asked_without_the_token_and_the_token_is_checked_with_it(respx_mock):
    version = respx_mock.get("/api/version").respond(json=VERSION)
    tokens = respx_mock.get("/api/tokens").respond(json=APPLICATION_TOKEN)

    findings = probe_opcon(opcon_client(), "Connector.config")

    assert [(finding.location, finding.severity, finding.message) for finding in findings] == [
        (ADDRESS, Severity.OK, f"OpCon REST API 21.2.0 answers at {BASE}"),
        (TOKEN_KEY, Severity.OK, "OpCon accepts the token (Application token of ocadm), valid until 2030-01-01"),
    ]
    assert "Authorization" not in version.calls.last.request.headers
    assert tokens.calls.last.request.headers["Authorization"] == f"Token {TOKEN}"


def test_b_7_replies_of_another_shape_still_mean_opcon_answers(respx_mock):
    respx_mock.get("/api/version").respond(text="OpCon")
    respx_mock.get("/api/tokens").respond(json=[])

    version, token = probe_opcon(opcon_client(), "Connector.config")

    assert version.message == f"OpCon REST API unknown answers at {BASE}"
    assert (token.severity, token.message) == (Severity.OK, "OpCon accepts the token")


@pytest.mark.parametrize("status", [401, 403])
def test_b_7_a_refused_token_is_a_token_error_that_never_shows_it_b_6_3(respx_mock, status):
    respx_mock.get("/api/version").respond(json=VERSION)
    respx_mock.get("/api/tokens").respond(status, json={"code": 1001, "message": f"Invalid token {TOKEN}"})

    _, token = probe_opcon(opcon_client(), "Connector.config")

    assert (token.location, token.severity) == (TOKEN_KEY, Severity.ERROR)
    assert f"{status}" in token.message and "GET /api/tokens" in token.message
    assert "[OPCON API] TOKEN (or SUMMIT_CONNECTOR_OPCON_TOKEN)" in token.hint
    assert TOKEN not in token.message


@pytest.mark.parametrize("status", [404, 429, 500])
def test_b_7_other_answers_to_the_token_probe_point_at_the_address(respx_mock, status):
    respx_mock.get("/api/version").respond(json=VERSION)
    respx_mock.get("/api/tokens").respond(status)

    _, token = probe_opcon(opcon_client(), "Connector.config")

    assert (token.location, token.severity) == (TOKEN_KEY, Severity.ERROR)
    assert token.hint.startswith("check ADDRESS, PORT and USES_TLS")


def test_b_7_a_refused_version_call_is_an_address_error_without_a_token_probe(respx_mock):
    respx_mock.get("/api/version").respond(401)

    [version] = probe_opcon(opcon_client(), "Connector.config")

    assert (version.location, version.message) == (ADDRESS, "OpCon GET /api/version answered 401 Unauthorized")
    assert version.hint.startswith("check ADDRESS, PORT and USES_TLS")


def test_b_7_opcon_out_of_reach_is_one_address_error_without_a_token_probe(respx_mock):
    respx_mock.get("/api/version").mock(side_effect=httpx.ConnectError("connection refused"))

    [version] = probe_opcon(opcon_client(), "Connector.config")

    assert version.location == ADDRESS and version.severity is Severity.ERROR
    assert version.message == "OpCon GET /api/version could not be reached (ConnectError: connection refused)"


def test_b_7_a_token_call_that_gets_no_answer_is_an_address_error(respx_mock):
    respx_mock.get("/api/version").respond(json=VERSION)
    respx_mock.get("/api/tokens").mock(side_effect=httpx.ReadTimeout("timed out"))

    _, token = probe_opcon(opcon_client(), "Connector.config")

    assert token.location == ADDRESS
    assert token.message == "OpCon GET /api/tokens could not be reached (ReadTimeout: timed out)"


def test_b_7_an_untrusted_certificate_points_at_ca_bundle_and_verify_tls():
    def handshake(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("certificate verify failed") from ssl.SSLCertVerificationError("self-signed")

    headers = {"Authorization": f"Token {TOKEN}"}
    client = httpx.Client(base_url=BASE, headers=headers, transport=httpx.MockTransport(handshake))

    [version] = probe_opcon(client, "Connector.config")

    assert version.location == ADDRESS
    assert "set [OPCON API] CA_BUNDLE (or VERIFY_TLS=False for a lab)" in version.hint
