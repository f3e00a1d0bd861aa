"""The httpx client the Summit adapter is given (composition root builds it once per run)."""

import httpx

from summit_connector.adapters.config.settings import SummitConnection

JSON_HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}


def make_summit_client(connection: SummitConnection) -> httpx.Client:
    """A client whose relative paths resolve below `connection.base_url`, its path prefix included (B-3.3)."""
    return httpx.Client(
        base_url=connection.base_url,
        headers=JSON_HEADERS,
        timeout=connection.timeout_seconds,
        proxy=connection.proxy_url or None,
    )


def below_base(path: str) -> str:
    """`path` relative to the client's base URL, whether or not it starts with `/`; full URLs stay as they are."""
    return path.lstrip("/")
