"""Keeping secrets out of logs, `explain` output and error messages (B-6.3): the one definition of a secret.

A secret is named by its key (`APIKey`, `apiKey`, `Authorization`, `token`, `TokenID`, `Password`, ... at any
depth of a JSON body, or a config field of that name) or known by its value (the OpCon token and the Summit API
key of this run). Every adapter that shows a body, a URL or a message goes through here.
"""

import html
import re
from collections.abc import Iterable
from typing import Any

MASK = "***"
_SECRET_NAME = re.compile(r"api[_-]?key|password|passwd|secret|token|authorization|credentials", re.IGNORECASE)
_QUOTE_LIMIT = 300
_READ_LIMIT = 64 * 1024
_MARKUP = re.compile(
    r"<!--.*?(?:-->|$)|<(script|style)\b.*?(?:</\1\s*>|$)|<!\[CDATA\[|\]\]>|<[!?/]?[A-Za-z][^<>]*>",
    re.DOTALL | re.IGNORECASE,
)


def is_secret_name(name: object) -> bool:
    """Whether a key or field called `name` holds a secret (`credentials` given as a string is the key itself)."""
    return bool(_SECRET_NAME.search(str(name)))


def masked(payload: dict[str, Any]) -> dict[str, Any]:
    """A copy of `payload` whose secret-named keys hold `***` at any depth; empty values stay empty, so a
    missing key is still visible."""
    return {key: _masked_value(key, value) for key, value in payload.items()}


def blanked(text: str, secrets: Iterable[str]) -> str:
    """`text` with every occurrence of each known secret value replaced by `***`."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return text


def quoted(text: str, secret: str | Iterable[str] = (), limit: int = _QUOTE_LIMIT) -> str:
    """`text` as one line for people (B-9.4): secrets blanked, then `text_only`, then cut to about `limit`
    characters. Every quote of a remote body goes through here."""
    secrets = (secret,) if isinstance(secret, str) else tuple(secret)
    text = blanked(text_only(blanked(text, secrets)), secrets)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text_only(text: str) -> str:
    """The first 64 KiB of `text` on one line: HTML/XML markup (tags, comments, scripts, styles) stripped, entities
    decoded, whitespace collapsed. Blank secrets before and after: an entity may spell one."""
    return " ".join(html.unescape(_MARKUP.sub(" ", text[:_READ_LIMIT])).split())


def _masked_value(key: str, value: Any) -> Any:
    if is_secret_name(key) and not isinstance(value, (dict, list)) and value not in (None, ""):
        return MASK
    return _masked_any(value)


def _masked_any(value: Any) -> Any:
    if isinstance(value, dict):
        return masked(value)
    if isinstance(value, list):
        return [_masked_any(item) for item in value]
    return value
