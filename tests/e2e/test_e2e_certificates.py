"""A certificate that fails verification is a setting to fix, not a failure to retry (B-9.4): the installed CLI
reaches the emulator's OpCon API through a TLS front on loopback that presents a self-signed certificate."""

import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest


@dataclass
class TlsFront:
    """Terminates TLS with its own certificate and forwards the plain bytes to the emulator's OpCon port."""

    port: int
    certificate: str
    handshakes: list[bool] = field(default_factory=list)


def _pipe(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, target):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _serve(listener: socket.socket, context: ssl.SSLContext, upstream: int, front: TlsFront) -> None:
    while True:
        try:
            client, _ = listener.accept()
        except OSError:
            return
        try:
            secured = context.wrap_socket(client, server_side=True)
        except (ssl.SSLError, OSError):
            front.handshakes.append(False)
            client.close()
            continue
        front.handshakes.append(True)
        backend = socket.create_connection(("127.0.0.1", upstream))
        threading.Thread(target=_pipe, args=(secured, backend), daemon=True).start()
        threading.Thread(target=_pipe, args=(backend, secured), daemon=True).start()


@pytest.fixture
def tls_front(sandbox, tmp_path, self_signed) -> Iterator[TlsFront]:
    (tmp_path / "tls").mkdir()
    certificate, key = self_signed(tmp_path / "tls")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    listener = socket.create_server(("127.0.0.1", 0))
    front = TlsFront(listener.getsockname()[1], str(certificate))
    upstream = int(sandbox.emulator.opcon_url.rsplit(":", 1)[1].split("/")[0])
    threading.Thread(target=_serve, args=(listener, context, upstream, front), daemon=True).start()
    text = sandbox.config.read_text()
    text = text.replace("USES_TLS=False", "USES_TLS=True").replace(f"PORT={upstream}", f"PORT={front.port}")
    sandbox.config.write_text(text)
    yield front
    listener.close()


def test_an_untrusted_opcon_certificate_fails_at_once_naming_ca_bundle_and_the_event_is_kept_b_9_4(sandbox,
                                                                                                   tls_front):
    run = sandbox.report(sandbox.samples.plain)

    assert run.code == 1
    [error] = [line for line in run.stderr.splitlines() if "error:" in line]
    assert "CA_BUNDLE" in error and "VERIFY_TLS" in error and "kept for retry" in error
    assert "self-signed" in error.replace("self signed", "self-signed")
    assert tls_front.handshakes == [False], "a refused certificate is never retried inside the run"
    assert "JOB001" in sandbox.run("outbox", "-c", str(sandbox.config)).stdout


def test_with_ca_bundle_naming_that_certificate_the_same_report_goes_through_b_2_3(sandbox, tls_front):
    text = sandbox.config.read_text().replace("USES_TLS=True", f"USES_TLS=True\nCA_BUNDLE={tls_front.certificate}")
    sandbox.config.write_text(text)

    run = sandbox.report(sandbox.samples.plain)

    assert run.code == 0, run.stderr
    assert run.stdout.startswith("Incident 10001 created for JOB001")
    assert sandbox.job(sandbox.samples.plain).incident_ticket_id == "10001"
