"""One loopback HTTP server in a daemon thread that can go down and come back on the same port."""

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from summit_connector.adapters.emulator.exchange import DROP, Request, Response, text_response

App = Callable[[Request], Response]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    allow_reuse_address = True
    app: App

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: a client that hung up is not news."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "Microsoft-IIS/10.0"
    sys_version = ""

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: no request log on stderr."""

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        response = self._answer(Request(self.command, self.path, headers, body))
        if response is DROP:
            self.close_connection = True
            return
        self._write(response)

    def _answer(self, request: Request) -> Response:
        try:
            return self.server.app(request)
        except Exception as exc:  # the emulator must answer, even when it has a bug
            return text_response(500, f"emulator error: {exc!r}", "text/plain; charset=utf-8")

    def _write(self, response: Response) -> None:
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        self.wfile.write(response.body)


class Endpoint:
    """Serves `app` on host:port; `closing` is set when the server stops, to wake requests that hang."""

    def __init__(self, app: App) -> None:
        self._app = app
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.closing = threading.Event()
        self.host = ""
        self.port = 0
        self._lock = threading.Lock()

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, host: str, port: int) -> None:
        with self._lock:
            self._start(host, port)

    def _start(self, host: str, port: int) -> None:
        server = _Server((host, port), _Handler)
        server.app = self._app
        self.host, self.port = host, server.server_address[1]
        self.closing = threading.Event()
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"emulator-{self.port}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        with self._lock:
            server, thread, self._server, self._thread = self._server, self._thread, None, None
            if server is None:
                return
            self.closing.set()
            server.shutdown()
            server.server_close()
            if thread is not None:
                thread.join(timeout=2)

    def restart(self) -> None:
        """Back up on the port it had, so clients that were refused reconnect to the same URL."""
        with self._lock:
            if self._server is None and self.port:
                self._start(self.host, self.port)
