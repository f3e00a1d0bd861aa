"""A server certificate that fails verification is a setting to fix, not a failure to retry (B-9.4): both adapters
say so at once, naming what to change, and the report keeps the event (B-9). A real TLS handshake on loopback."""

import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from summit_connector.adapters.memory import InMemoryDailyJobs, InMemoryIncidents
from summit_connector.adapters.opcon import OpConDailyJobs
from summit_connector.adapters.summit import make_summit_client, probe_summit
from summit_connector.application.errors import OpConError, SummitRejected, Transient
from summit_connector.application.ports import KeptState
from summit_connector.domain.findings import Severity
from summit_connector.domain.template import SummitOptions

from tests.integration.adapters.opcon_samples import TOKEN, make_event, make_job, opcon_client
from tests.integration.adapters.report_lab import RecordingSleep, kept_entry, report_lab
from tests.integration.adapters.summit_samples import (
    API_KEY,
    INCIDENT_PATH,
    TODAY,
    make_connection,
    make_incident,
    make_incidents,
)


class _Answer(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"[]")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def untrusted_server(tmp_path_factory, self_signed) -> Iterator[str]:
    """`https://127.0.0.1:port` with a self-signed certificate no client trusts by default."""
    cert, key = self_signed(tmp_path_factory.mktemp("tls"))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def openssl_3_words(error: Exception) -> str:
    """OpenSSL 1.1 says `self signed certificate`, 3.x `self-signed certificate`."""
    return str(error).replace("self signed", "self-signed")


def test_opcon_refused_certificate_is_not_transient_and_names_ca_bundle_and_verify_tls_b_9_4(untrusted_server):
    with pytest.raises(OpConError) as raised:
        OpConDailyJobs(opcon_client(base_url=untrusted_server)).find(make_event())

    assert not isinstance(raised.value, Transient)
    assert raised.value.certificate_refused
    assert openssl_3_words(raised.value) == (
        f"OpCon GET /api/dailyschedules: the certificate of {untrusted_server} failed verification (self-signed "
        "certificate); set [OPCON API] CA_BUNDLE to the CA that signed it (or VERIFY_TLS=False for a lab)"
    )
    assert (raised.value.status_code, raised.value.service) == (None, "GET /api/dailyschedules")


def test_opcon_with_verify_tls_off_gets_past_the_certificate_b_2_3(untrusted_server):
    assert OpConDailyJobs(opcon_client(base_url=untrusted_server, verify_tls=False)).find(make_event()) is None


def test_summit_refused_certificate_is_a_rejection_naming_the_address_and_proxy_b_9_4(untrusted_server):
    incidents = make_incidents(make_connection(base_url=untrusted_server))

    with pytest.raises(SummitRejected) as raised:
        incidents.create(make_incident())

    assert raised.value.certificate_refused
    assert not raised.value.maybe_processed
    assert openssl_3_words(raised.value) == (
        f"Summit IM_LogOrUpdateIncident: the certificate of {untrusted_server} failed verification (self-signed "
        "certificate); check address.value in the template, and [PROXY SERVER] if a proxy inspects TLS"
    )
    assert API_KEY not in str(raised.value) and INCIDENT_PATH not in str(raised.value)


def test_a_report_whose_opcon_certificate_is_refused_is_kept_pending_without_retrying_b_9_4(untrusted_server):
    sleep = RecordingSleep()
    incidents = InMemoryIncidents()
    delivery, outbox = report_lab(OpConDailyJobs(opcon_client(base_url=untrusted_server)), incidents, sleep)

    entry = kept_entry(delivery, outbox)

    assert entry.state is KeptState.PENDING
    assert "CA_BUNDLE" in entry.last_error and "VERIFY_TLS" in entry.last_error
    assert sleep.pauses == []
    assert incidents.created == {}
    assert TOKEN not in entry.last_error


def test_a_report_whose_summit_certificate_is_refused_is_kept_without_retrying_b_9_4(untrusted_server):
    sleep = RecordingSleep()
    job = make_job(id=make_event().job_key)
    incidents = make_incidents(make_connection(base_url=untrusted_server))
    delivery, outbox = report_lab(InMemoryDailyJobs([job]), incidents, sleep)

    entry = kept_entry(delivery, outbox)

    assert entry.state is KeptState.REJECTED
    assert "address.value" in entry.last_error and "[PROXY SERVER]" in entry.last_error
    assert sleep.pauses == []


def test_check_online_reports_a_refused_summit_certificate_at_the_address_b_7_b_9_4(untrusted_server):
    connection = make_connection(base_url=untrusted_server)

    with make_summit_client(connection) as client:
        findings = probe_summit(client, connection, SummitOptions(), "templates/basic.json", ("New",), TODAY)

    [finding] = findings
    assert (finding.location, finding.severity) == ("address.value", Severity.ERROR)
    assert "failed verification" in finding.message
