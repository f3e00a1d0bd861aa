"""The httpx client every OpCon adapter is given: base URL, token header, TLS and timeout (B-2.3, B-4.2).

No proxy: [PROXY SERVER] is for Summit; the OpCon API is on the OpCon server or its network.
"""

import ssl

import httpx

from summit_connector.adapters.config.settings import OpConConnection
from summit_connector.application.errors import InvalidInput


def make_opcon_client(connection: OpConConnection) -> httpx.Client:
    """A client for `https://host:port`; callers pass paths starting `/api/`."""
    return httpx.Client(
        base_url=connection.base_url,
        headers={"Authorization": f"Token {connection.token}", "Accept": "application/json"},
        verify=_verify(connection),
        timeout=connection.timeout_seconds,
    )


def _verify(connection: OpConConnection) -> ssl.SSLContext | bool:
    if connection.ca_bundle is None:
        return connection.verify_tls
    try:
        return ssl.create_default_context(cafile=str(connection.ca_bundle))
    except (OSError, ssl.SSLError) as exc:
        raise InvalidInput(f"[OPCON API] CA_BUNDLE {connection.ca_bundle} cannot be used: {exc}") from exc
