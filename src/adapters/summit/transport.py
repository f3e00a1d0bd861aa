"""One POST to Summit, with transport failures and HTTP statuses mapped to our named errors."""

from typing import Any

import httpx

from summit_connector.adapters.summit.client import below_base
from summit_connector.adapters.summit.envelopes import serialise
from summit_connector.adapters.summit.masking import quoted
from summit_connector.application.errors import SummitRejected, SummitUnavailable


def post(client: httpx.Client, path: str, envelope: dict[str, Any], secret: str) -> httpx.Response:
    """The 2xx response to `envelope`.

    SummitUnavailable: timeout, connection or proxy failure, HTTP 429 or 5xx (worth retrying, B-9).
    SummitRejected: any other non-2xx status. No message holds `secret`.
    """
    service = envelope["ServiceName"]
    try:
        response = client.post(below_base(path), content=serialise(envelope))
    except httpx.TimeoutException as exc:
        raise SummitUnavailable(quoted(f"Summit {service}: no answer in time from {_url(client, path)}", secret)) from exc
    except httpx.TransportError as exc:
        raise SummitUnavailable(quoted(f"Summit {service}: {_url(client, path)} unreachable: {exc}", secret)) from exc
    except httpx.RequestError as exc:
        raise SummitRejected(quoted(f"Summit {service}: unusable answer from {_url(client, path)}: {exc}", secret)) from exc
    _check_status(response, service, secret)
    return response


def _check_status(response: httpx.Response, service: str, secret: str) -> None:
    if response.is_success:
        return
    message = quoted(f"Summit {service}: HTTP {response.status_code} from {response.request.url}: {response.text}", secret)
    if response.status_code == 429 or response.is_server_error:
        raise SummitUnavailable(message)
    raise SummitRejected(message)


def _url(client: httpx.Client, path: str) -> str:
    return str(client.build_request("POST", below_base(path)).url)
