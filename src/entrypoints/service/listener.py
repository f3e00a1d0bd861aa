"""The service's loopback port (B-14.1, B-14.6): one JSON object a line for hand-offs, `status` and `stop` (each with
the secret from service.json; a connection without it is closed without any effect), and plain HTTP `GET /metrics`
and `GET /healthz`, which need no secret."""

import hmac
import json
import socketserver
from collections.abc import Callable, Mapping

from summit_connector.entrypoints.service.telemetry import Telemetry

MAX_LINE_BYTES = 16 * 2**20
HTTP_METHODS = (b"GET ", b"HEAD ")
Handle = Callable[[Mapping[str, object], Callable[[dict], None]], None]


class Listener(socketserver.ThreadingTCPServer):
    """`handle(message, reply)` answers each request that presented `secret`."""

    daemon_threads = True
    allow_reuse_address = False
    request_queue_size = 256
    """A burst of Notification Manager runs connects at once: none may be turned away (the default is 5)."""

    def __init__(self, port: int, secret: str, handle: Handle, telemetry: Telemetry) -> None:
        self.secret = secret
        self.answer = handle
        self.telemetry = telemetry
        super().__init__(("127.0.0.1", port), _Connection)

    @property
    def port(self) -> int:
        return int(self.server_address[1])


class _Connection(socketserver.StreamRequestHandler):
    server: Listener

    def handle(self) -> None:
        first = self.rfile.readline(MAX_LINE_BYTES)
        if first.startswith(HTTP_METHODS):
            self._http(first)
            return
        message = _object(first)
        if message is None or not hmac.compare_digest(str(message.get("secret", "")), self.server.secret):
            return
        self.server.answer(message, self._reply)

    def _reply(self, answer: dict) -> None:
        self.wfile.write(json.dumps(answer).encode("utf-8") + b"\n")
        self.wfile.flush()

    def _http(self, first: bytes) -> None:
        while self.rfile.readline(65536).strip():
            pass
        method, _, rest = first.decode("latin-1").partition(" ")
        path = rest.split(" ", 1)[0].split("?", 1)[0]
        telemetry = self.server.telemetry
        if path == "/metrics":
            self._respond(200, telemetry.text(), "text/plain; version=0.0.4; charset=utf-8", method)
        elif path == "/healthz":
            health = telemetry.health
            body = ("ok\n" if health.ok else "\n".join(health.lines()) + "\n").encode("utf-8")
            self._respond(200 if health.ok else 503, body, "text/plain; charset=utf-8", method)
        else:
            self._respond(404, b"not found: try /metrics or /healthz\n", "text/plain; charset=utf-8", method)

    def _respond(self, status: int, body: bytes, content_type: str, method: str) -> None:
        reason = {200: "OK", 404: "Not Found", 503: "Service Unavailable"}[status]
        head = (f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
                "Connection: close\r\n\r\n").encode("ascii")
        self.wfile.write(head + (b"" if method == "HEAD" else body))
        self.wfile.flush()


def _object(line: bytes) -> dict | None:
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return message if isinstance(message, dict) else None
