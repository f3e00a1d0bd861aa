"""make_opcon_client: the token header, base URL, TLS, proxy and timeout every OpCon call uses (B-2.3, B-4.2)."""

import ssl
from pathlib import Path

import certifi
import pytest

from summit_connector.application.errors import InvalidInput

from tests.integration.adapters.opcon_samples import BASE, TOKEN, opcon_client


@pytest.mark.respx(base_url=BASE, assert_all_called=True, assert_all_mocked=True)
def test_b_4_2_every_call_carries_the_token_header_and_asks_for_json(respx_mock):
    route = respx_mock.get("/api/version").respond(json={"opConRestApiProductVersion": "24.0.0"})

    opcon_client().get("/api/version")

    headers = route.calls.last.request.headers
    assert headers["Authorization"] == f"Token {TOKEN}"
    assert headers["Accept"] == "application/json"


@pytest.mark.respx(assert_all_called=True, assert_all_mocked=True)
def test_b_2_1_api_paths_are_joined_to_a_base_url_that_has_its_own_path(respx_mock):
    route = respx_mock.get("https://gateway.example/opcon/api/version").respond(json={})

    opcon_client(base_url="https://gateway.example/opcon").get("/api/version")

    assert route.called


def test_b_2_3_the_timeout_comes_from_the_connection():
    assert opcon_client(timeout_seconds=7.5).timeout.read == 7.5


def test_b_2_3_verify_tls_false_turns_certificate_checks_off():
    assert _ssl_context(opcon_client(verify_tls=False)).verify_mode == ssl.CERT_NONE


def test_b_2_3_certificates_are_checked_by_default():
    assert _ssl_context(opcon_client()).verify_mode == ssl.CERT_REQUIRED


def test_b_2_3_a_ca_bundle_is_trusted_and_checked(tmp_path):
    bundle = tmp_path / "opcon-ca.pem"
    bundle.write_bytes(Path(certifi.where()).read_bytes())

    context = _ssl_context(opcon_client(ca_bundle=bundle))

    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.cert_store_stats()["x509_ca"] > 0


def test_b_2_3_an_unreadable_ca_bundle_is_invalid_input_naming_the_key(tmp_path):
    with pytest.raises(InvalidInput, match=r"\[OPCON API\] CA_BUNDLE .*missing.pem"):
        opcon_client(ca_bundle=tmp_path / "missing.pem")


def test_b_2_1_the_opcon_api_is_called_directly_never_through_the_summit_proxy():
    client = opcon_client()

    assert client._mounts == {}


def _ssl_context(client) -> ssl.SSLContext:
    return client._transport._pool._ssl_context
