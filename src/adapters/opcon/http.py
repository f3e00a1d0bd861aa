"""OpCon over HTTP (B-2.3, B-4.2): the client every OpCon adapter is given, the one door every call goes through,
and how transport failures, refusals and unreadable replies become our named errors.

No proxy: [PROXY SERVER] is for Summit; the OpCon API is on the OpCon server or its network.
Every error raised here names the call in `service`, carries OpCon's `status_code` when it answered, and never
holds the token (B-6.3). Its message is one line for people (B-9.4): a refused token and a refused certificate name
the setting to fix.
"""

import json
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import TypeAdapter, ValidationError

from summit_connector.adapters.transport.certificates import context_for, refused_certificate, why_refused
from summit_connector.adapters.long_strings import LongStrings, read_long_strings
from summit_connector.adapters.opcon.wire import said
from summit_connector.adapters.redaction import quoted, text_only
from summit_connector.adapters.transport.retry_after import retry_after_seconds
from summit_connector.adapters.transport.timeouts import DEFAULT_HTTP_TIMEOUT
from summit_connector.application.errors import InvalidInput, OpConError, OpConUnavailable
from summit_connector.domain.findings import Finding, Severity


T = TypeVar("T")
Params = dict[str, str]
REFUSED_CREDENTIALS = frozenset({401, 403})
TOKEN_SETTING = "[OPCON API] TOKEN"
_TOKEN_REFUSED = 401
_THROTTLED = 429
_CERTIFICATE_HINT = "set [OPCON API] CA_BUNDLE to the CA that signed it (or VERIFY_TLS=False for a lab)"


@dataclass(frozen=True)
class OpConConnection:
    """[OPCON API]: `base_url` is `https://host:port` (no `/api`)."""

    base_url: str
    token: str = field(repr=False)
    verify_tls: bool = True
    ca_bundle: Path | None = None
    timeout_seconds: float = DEFAULT_HTTP_TIMEOUT


def make_opcon_client(connection: OpConConnection) -> httpx.Client:
    """A client for `https://host:port`; callers pass paths starting `/api/`."""
    return httpx.Client(
        base_url=connection.base_url,
        headers={"Authorization": f"Token {connection.token}", "Accept": "application/json"},
        verify=_verify(connection),
        timeout=connection.timeout_seconds,
    )


def _verify(connection: OpConConnection) -> ssl.SSLContext | bool:
    """The shared TLS context (B-2.3: CA_BUNDLE when set, VERIFY_TLS otherwise); none is loaded for plain http."""
    verify = connection.verify_tls or connection.ca_bundle is not None
    try:
        return context_for(connection.base_url, connection.ca_bundle, verify)
    except (OSError, ssl.SSLError) as exc:
        raise InvalidInput(Finding("[OPCON API] CA_BUNDLE", Severity.ERROR, f"{connection.ca_bundle} cannot be used: "
                                   f"{exc}", "use a PEM file of CA certificates", location_is_subject=True)) from exc


def segment(value: object) -> str:
    """A path segment with `|`, spaces, brackets, `$` and `/` percent-encoded (B-4.10)."""
    return quote(str(value), safe="")


class OpConHttp:
    """Wraps the injected client: OpConUnavailable for what is worth retrying (no answer, 429, 5xx), OpConError
    for refusals and replies that cannot be read."""

    def __init__(self, client: httpx.Client) -> None:
        self._client = client
        self._token = client.headers.get("Authorization", "").removeprefix("Token ").strip()

    def call(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        body: Any = None,
        allow_404: bool = False,
        without_token: bool = False,
    ) -> httpx.Response:
        """The reply when it is 2xx (or 404 with `allow_404`); `without_token` sends no Authorization header."""
        request = self._client.build_request(method, path, params=params, json=body)
        if without_token:
            request.headers.pop("Authorization", None)
        response = self._send(request)
        if response.is_success or (allow_404 and response.status_code == 404):
            return response
        raise self._refusal(response)

    def fetch(
        self,
        method: str,
        path: str,
        shape: TypeAdapter[T],
        *,
        params: Params | None = None,
        body: Any = None,
        none_if_absent: bool = False,
    ) -> T:
        """The reply decoded into `shape`; with `none_if_absent`, a 404 or an empty body reads as JSON null."""
        response = self.call(method, path, params=params, body=body, allow_404=none_if_absent)
        absent = none_if_absent and (response.status_code == 404 or not response.content.strip())
        data = None if absent else self._json(response)
        return self._decoded(shape, data, response)

    def fetch_long(self, method: str, path: str, shape: TypeAdapter[T], *, body: Any = None) -> tuple[T, LongStrings]:
        """`fetch` for a reply that may hold a very long string (a job log, B-4.11): read as it arrives, and each
        long string is in the returned `LongStrings`, never held as JSON text (see `long_strings`)."""
        request = self._client.build_request(method, path, json=body)
        with self._reaching(request):
            response = self._client.send(request, stream=True)
            try:
                if not response.is_success:
                    response.read()
                    raise self._refusal(response)
                strings = self._long_strings(response)
            finally:
                response.close()
        return self._decoded(shape, self._loaded(strings.json, response), response), strings

    def error(self, message: str, status_code: int | None = None, service: str = "") -> OpConError:
        return OpConError(self._shown(message), status_code=status_code, service=service)

    def _send(self, request: httpx.Request) -> httpx.Response:
        with self._reaching(request):
            return self._client.send(request)

    @contextmanager
    def _reaching(self, request: httpx.Request) -> Iterator[None]:
        """Transport failures as named errors: a refused certificate is not worth retrying (B-9.4)."""
        try:
            yield
        except httpx.TransportError as exc:
            refused = refused_certificate(exc)
            if refused is not None:
                raise self._certificate_refused(request, refused) from exc
            message = self._shown(_unreachable(request, exc))
            raise OpConUnavailable(message, service=_service(request)) from exc
        except httpx.HTTPError as exc:
            raise self.error(_unreachable(request, exc), service=_service(request)) from exc

    def _certificate_refused(self, request: httpx.Request, refused: ssl.SSLCertVerificationError) -> OpConError:
        origin = f"{request.url.scheme}://{request.url.netloc.decode('ascii')}"
        message = (f"OpCon {_service(request)}: the certificate of {origin} failed verification "
                   f"({why_refused(refused)}); {_CERTIFICATE_HINT}")
        return OpConError(self._shown(message), service=_service(request), certificate_refused=True)

    def _refusal(self, response: httpx.Response) -> OpConError | OpConUnavailable:
        status, service = response.status_code, _service(response.request)
        message = self._shown(_refused(response))
        if _is_transient(status):
            return OpConUnavailable(message, retry_after_seconds(response), status_code=status, service=service)
        return OpConError(message, status_code=status, service=service)

    def _long_strings(self, response: httpx.Response) -> LongStrings:
        try:
            return read_long_strings(response.iter_bytes())
        except ValueError as exc:
            raise self._unreadable(f"{_answered(response)} with a body that is not JSON", response) from exc

    def _json(self, response: httpx.Response) -> Any:
        return self._loaded(response.content, response)

    def _loaded(self, content: bytes, response: httpx.Response) -> Any:
        try:
            return json.loads(content)
        except ValueError as exc:
            message = f"{_answered(response)} with a body that is not JSON"
            raise self._unreadable(message, response) from exc

    def _decoded(self, shape: TypeAdapter[T], data: Any, response: httpx.Response) -> T:
        try:
            return shape.validate_python(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            place = ".".join(str(part) for part in first["loc"]) or "reply"
            message = f"OpCon {_service(response.request)} answered an unexpected shape ({place}: {first['msg']})"
            raise self._unreadable(message, response) from exc

    def _unreadable(self, message: str, response: httpx.Response) -> OpConError:
        return self.error(message, response.status_code, _service(response.request))

    def _shown(self, message: str) -> str:
        return quoted(message, self._token)


def _is_transient(status: int) -> bool:
    return status == _THROTTLED or status >= 500


def _service(request: httpx.Request) -> str:
    return f"{request.method} {request.url.path}"


def _answered(response: httpx.Response) -> str:
    status_line = f"{response.status_code} {response.reason_phrase}".strip()
    return f"OpCon {_service(response.request)} answered {status_line}"


def _refused(response: httpx.Response) -> str:
    """What OpCon said; a 401 to a call that carried the token says the token was refused (B-9.4)."""
    detail = _words(response)
    if response.status_code == _TOKEN_REFUSED and "Authorization" in response.request.headers:
        refused = f"{TOKEN_SETTING} was refused by OpCon (HTTP {response.status_code} on {_service(response.request)})"
        return f"{refused}: {detail}" if detail else refused
    return f"{_answered(response)}: {detail}" if detail else _answered(response)


def _words(response: httpx.Response) -> str:
    """OpCon's own words, or the text of a body that is not JSON (a proxy's error page); "" when they only repeat
    the reason phrase."""
    try:
        words = said(response.json())
    except ValueError:
        words = text_only(response.text)
    return "" if words.strip().lower() in ("", response.reason_phrase.lower()) else words


def _unreachable(request: httpx.Request, exc: Exception) -> str:
    text = str(exc)
    reason = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return f"OpCon {_service(request)} could not be reached ({reason})"
