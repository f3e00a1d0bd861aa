"""Keeping the API key out of logs, `explain` output and error messages (B-6.3)."""

import re
from typing import Any

MASK = "***"
_SECRET_KEY = re.compile(r"api[_-]?key|password|passwd|secret|token|authorization", re.IGNORECASE)
_QUOTE_LIMIT = 300


def masked(payload: dict[str, Any]) -> dict[str, Any]:
    """A copy of `payload` whose secret-looking keys (APIKey, Password, TokenID, ... at any depth) hold `***`.

    Empty values stay empty, so a missing key is still visible.
    """
    return {key: _masked_value(key, value) for key, value in payload.items()}


def _masked_value(key: str, value: Any) -> Any:
    if _SECRET_KEY.search(key) and value not in (None, ""):
        return MASK
    return _masked_any(value)


def _masked_any(value: Any) -> Any:
    if isinstance(value, dict):
        return masked(value)
    if isinstance(value, list):
        return [_masked_any(item) for item in value]
    return value


def quoted(text: str, secret: str, limit: int = _QUOTE_LIMIT) -> str:
    """`text` on one line, with `secret` blanked out and cut to about `limit` characters, for an error message."""
    if secret:
        text = text.replace(secret, MASK)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
