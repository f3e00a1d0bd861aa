"""Summit over HTTP (summit-api.md §1, §8): the client the adapter is given, one POST of an envelope, and how
transport failures, statuses and bodies that are not a JSON object become our named errors.

Every error raised here names the web service in `service`, carries Summit's `status_code` when it answered,
and never holds the API key (B-6.3). Its message is one line for people (B-9.4).
"""

import json
from dataclasses import dataclass, field
from typing import Any

import httpx

from summit_connector.adapters.transport.certificates import context_for, refused_certificate, why_refused
from summit_connector.adapters.redaction import quoted
from summit_connector.adapters.transport.retry_after import retry_after_seconds
from summit_connector.adapters.summit.envelopes import Upload, serialise
from summit_connector.adapters.transport.timeouts import DEFAULT_HTTP_TIMEOUT
from summit_connector.application.errors import SummitRejected, SummitUnavailable


JSON_HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}
KEY_REFUSED = frozenset({401, 403})
_THROTTLED = 429
_REFUSED_UNPROCESSED = frozenset({429, 503})
_CERTIFICATE_HINT = "check address.value in the template, and [PROXY SERVER] if a proxy inspects TLS"


@dataclass(frozen=True)
class SummitConnection:
    """Where and how to call Summit, from the template: `base_url` is `address.value` as a URL."""

    base_url: str
    api_key: str = field(repr=False)
    incident_path: str = "api_integration/REST/Summit_RESTWCF.svc/RESTService/CommonWS_JsonObjCall_JSON"
    attachment_path: str = "api_integration/REST/Summit_RESTWCF.svc/RESTService/Summit_UploadAttachmentBase64Encoded"
    timeout_seconds: float = DEFAULT_HTTP_TIMEOUT
    proxy_url: str | None = None


def make_summit_client(connection: SummitConnection) -> httpx.Client:
    """A client whose relative paths resolve below `connection.base_url`, its path prefix included (B-3.3)."""
    tls_url = next((url for url in (connection.base_url, connection.proxy_url or "") if url.startswith("https:")), "")
    return httpx.Client(
        base_url=connection.base_url,
        headers=JSON_HEADERS,
        timeout=connection.timeout_seconds,
        proxy=connection.proxy_url or None,
        verify=context_for(tls_url or connection.base_url),
    )


def post(client: httpx.Client, path: str, envelope: dict[str, Any], secret: str) -> httpx.Response:
    """The 2xx response to `envelope`.

    SummitUnavailable: timeout, connection or proxy failure, HTTP 429 or 5xx (worth retrying, B-9).
    SummitRejected: any other non-2xx status, or a certificate that failed verification (`certificate_refused`,
    never retried, B-9.4). No message holds `secret`.
    """
    return _sent(client, path, envelope["ServiceName"], serialise(envelope), secret)


def upload(client: httpx.Client, path: str, body: Upload, secret: str) -> httpx.Response:
    """`post` for a body made while it is sent (a job log, B-4.11), with its exact size as Content-Length."""
    return _sent(client, path, body.service, body, secret, {"Content-Length": str(len(body))})


def _sent(client: httpx.Client, path: str, service: str, content: bytes | Upload, secret: str,
          headers: dict[str, str] | None = None) -> httpx.Response:
    url = client.base_url.join(_below_base(path))
    where = f"Summit {service}: {url}"
    try:
        response = client.post(_below_base(path), content=content, headers=headers)
    except httpx.TimeoutException as exc:
        message = quoted(f"{where} did not answer in time", secret)
        raise SummitUnavailable(message, maybe_processed=not _never_sent(exc), service=service) from exc
    except httpx.TransportError as exc:
        _refuse_certificate(exc, url, service, secret)
        message = quoted(f"{where} is unreachable: {exc}", secret)
        raise SummitUnavailable(message, maybe_processed=not _never_sent(exc), service=service) from exc
    except httpx.RequestError as exc:
        raise SummitRejected(quoted(f"{where} gave an unusable answer: {exc}", secret), service=service) from exc
    _check_status(response, where, service, secret)
    return response


def json_object(response: httpx.Response, service: str, secret: str) -> dict[str, Any]:
    """The reply body as a JSON object, decoded a second time when Summit wrapped it in a string (§1).

    SummitRejected when the body is empty (unknown or not whitelisted service), or not a JSON object: then with
    `maybe_processed`, as Summit may have acted before something (a sign-in page, a proxy) answered instead (B-9.2).
    """
    where = f"Summit {service}: {response.request.url}"
    status = response.status_code
    if not response.content.strip():
        message = f"{where} answered with an empty body (service not known or not allowed for the key?)"
        raise SummitRejected(message, status_code=status, service=service)
    value = _decoded(response.content)
    if not isinstance(value, dict):
        text = f"{where} answered HTTP {status} with something other than a JSON object: {response.text}"
        raise SummitRejected(quoted(text, secret), maybe_processed=True, status_code=status, service=service)
    return value


def incident_url(connection: SummitConnection) -> str:
    """The full URL incidents are posted to (what `explain` shows)."""
    path = connection.incident_path
    return path if "://" in path else f"{connection.base_url.rstrip('/')}/{_below_base(path)}"


def _below_base(path: str) -> str:
    """`path` relative to the client's base URL, whether or not it starts with `/`; full URLs stay as they are."""
    return path.lstrip("/")


def _check_status(response: httpx.Response, where: str, service: str, secret: str) -> None:
    status = response.status_code
    if response.is_success:
        return
    message = quoted(f"{where} answered HTTP {status}: {response.text}", secret)
    if status == _THROTTLED or response.is_server_error:
        maybe_processed = status not in _REFUSED_UNPROCESSED
        raise SummitUnavailable(message, retry_after_seconds(response), maybe_processed, status, service)
    raise SummitRejected(message, status_code=status, service=service)


def _refuse_certificate(exc: httpx.TransportError, url: httpx.URL, service: str, secret: str) -> None:
    """SummitRejected when the failure was a certificate that failed verification: not worth retrying (B-9.4)."""
    refused = refused_certificate(exc)
    if refused is not None:
        origin = f"{url.scheme}://{url.netloc.decode('ascii')}"
        message = quoted(f"Summit {service}: the certificate of {origin} failed verification "
                         f"({why_refused(refused)}); {_CERTIFICATE_HINT}", secret)
        raise SummitRejected(message, service=service, certificate_refused=True) from exc


def _never_sent(exc: httpx.TransportError) -> bool:
    """True when the request cannot have reached Summit: no connection was made."""
    return isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.ProxyError))


def _decoded(content: bytes) -> Any:
    try:
        value = json.loads(content)
        return json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return None
