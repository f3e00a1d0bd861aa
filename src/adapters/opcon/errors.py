"""How OpCon's failures read: the call, the status, and OpCon's own words from any of its error body shapes."""

from typing import Any

import httpx

_TRANSIENT = 429


def is_transient(status: int) -> bool:
    return status == _TRANSIENT or status >= 500


def where(request: httpx.Request) -> str:
    return f"{request.method} {request.url.path}"


def status_line(response: httpx.Response) -> str:
    return f"{response.status_code} {response.reason_phrase}".strip()


def refusal(response: httpx.Response) -> str:
    detail = _detail(response)
    suffix = f": {detail}" if detail else ""
    return f"OpCon {where(response.request)} answered {status_line(response)}{suffix}"


def unreachable(request: httpx.Request, exc: Exception) -> str:
    text = str(exc)
    reason = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return f"OpCon {where(request)} could not be reached ({reason})"


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    items = body if isinstance(body, list) else [body]
    return "; ".join(filter(None, (_message(item) for item in items)))


def _message(item: Any) -> str:
    if isinstance(item, str):
        return item
    if not isinstance(item, dict):
        return ""
    fields = {str(key).lower(): value for key, value in item.items()}
    if fields.get("message"):
        return str(fields["message"])
    parts = (fields.get("title"), fields.get("detail"))
    return " - ".join(str(part) for part in parts if part)
