"""A faster start (issue 12): one TLS context shared by both clients, none loaded for plain http; CA_BUNDLE and
VERIFY_TLS still decide verification (B-2.3, B-9.4)."""

import ssl

from summit_connector.adapters.transport.certificates import context_for, tls_context
from summit_connector.adapters.opcon.http import OpConConnection
from summit_connector.adapters.summit.http import SummitConnection
from summit_connector.adapters.opcon import make_opcon_client
from summit_connector.adapters.summit import make_summit_client


def context_of(client) -> ssl.SSLContext:
    return client._transport._pool._ssl_context


def loaded_cas(context: ssl.SSLContext) -> int:
    return context.cert_store_stats()["x509_ca"]


def test_plain_http_clients_load_no_ca_certificates_and_still_verify():
    opcon = make_opcon_client(OpConConnection("http://opcon.example:9010", "token"))
    summit = make_summit_client(SummitConnection("http://summit.example/", "key"))

    for client in (opcon, summit):
        assert loaded_cas(context_of(client)) == 0
        assert context_of(client).verify_mode is ssl.CERT_REQUIRED


def test_https_clients_share_one_context_with_the_default_trust_store():
    opcon = make_opcon_client(OpConConnection("https://opcon.example:9010", "token"))
    summit = make_summit_client(SummitConnection("https://summit.example/", "key"))

    assert context_of(opcon) is context_of(summit) is tls_context()
    assert loaded_cas(tls_context()) > 0


def test_an_https_proxy_in_front_of_plain_http_summit_gets_the_verifying_context():
    summit = make_summit_client(SummitConnection("http://summit.example/", "key", proxy_url="https://proxy:3128"))

    [proxied] = summit._mounts.values()
    assert proxied._pool._ssl_context is tls_context()
    assert context_for("http://summit.example/") is not tls_context()


def test_verify_tls_false_turns_verification_off_even_for_https():
    opcon = make_opcon_client(OpConConnection("https://opcon.example:9010", "token", verify_tls=False))

    assert context_of(opcon).verify_mode is ssl.CERT_NONE
