"""One POST to Summit, with transport failures and HTTP statuses mapped to our named errors."""

from typing import Any

import httpx

from summit_connector.adapters.retry_after import retry_after_seconds
from summit_connector.adapters.summit.client import below_base
from summit_connector.adapters.summit.envelopes import serialise
from summit_connector.adapters.redaction import quoted
from summit_connector.application.errors import SummitRejected, SummitUnavailable


def post(client: httpx.Client, path: str, envelope: dict[str, Any], secret: str) -> httpx.Response:
    """The 2xx response to `envelope`.

    SummitUnavailable: timeout, connection or proxy failure, HTTP 429 or 5xx (worth retrying, B-9).
    SummitRejected: any other non-2xx status. No message holds `secret`.
    """
    where = f"Summit {envelope['ServiceName']}: {client.base_url.join(below_base(path))}"
    try:
        response = client.post(below_base(path), content=serialise(envelope))
    except httpx.TimeoutException as exc:
        message = quoted(f"{where} did not answer in time", secret)
        raise SummitUnavailable(message, maybe_processed=not _never_sent(exc)) from exc
    except httpx.TransportError as exc:
        message = quoted(f"{where} is unreachable: {exc}", secret)
        raise SummitUnavailable(message, maybe_processed=not _never_sent(exc)) from exc
    except httpx.RequestError as exc:
        raise SummitRejected(quoted(f"{where} gave an unusable answer: {exc}", secret)) from exc
    _check_status(response, where, secret)
    return response


def _check_status(response: httpx.Response, where: str, secret: str) -> None:
    if response.is_success:
        return
    message = quoted(f"{where} answered HTTP {response.status_code}: {response.text}", secret)
    if response.status_code == 429 or response.is_server_error:
        refused = response.status_code in _REFUSED_UNPROCESSED
        raise SummitUnavailable(message, retry_after_seconds(response), maybe_processed=not refused)
    raise SummitRejected(message)


_REFUSED_UNPROCESSED = {429, 503}


def _never_sent(exc: httpx.TransportError) -> bool:
    """True when the request cannot have reached Summit: no connection was made."""
    return isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.ProxyError))
