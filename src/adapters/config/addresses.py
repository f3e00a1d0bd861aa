"""ADDRESS in Connector.config and `address.value` in templates as base URLs, validated the same way for both."""

from urllib.parse import SplitResult, urlsplit

from summit_connector.adapters.redaction import MASK


def as_base_url(address: str, scheme: str, default_port: int | None = None) -> str:
    """`host`, `host:port` or a full http(s) URL; a scheme or port it carries wins. Raises ValueError."""
    parts = _split(address, scheme)
    port = parts.port or default_port
    netloc = parts.netloc if parts.port or port is None else f"{parts.netloc}:{port}"
    return f"{parts.scheme}://{netloc}{parts.path.rstrip('/')}"


def is_plain_http(base_url: str) -> bool:
    return not base_url.startswith("https://")


def shown(address: str) -> str:
    """The address as it may appear in a message: a password in it is replaced by ***."""
    try:
        parts = urlsplit(address.strip())
        password = parts.password
    except ValueError:
        return address if "@" not in address else f"{MASK}@" + address.rsplit("@", 1)[1]
    return address.replace(f":{password}@", f":{MASK}@") if password else address


def _split(address: str, scheme: str) -> SplitResult:
    text = address.strip()
    parts = urlsplit(text if "://" in text else f"{scheme}://{text}")
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host or any(c.isspace() for c in host):
        raise ValueError("not an http(s) address")
    parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    return parts
