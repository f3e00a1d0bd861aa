"""DEBUG=ON (B-8): one log line per HTTP exchange, with method, URL, status, milliseconds and masked bodies.

Headers are never logged (they carry `Authorization`). JSON bodies are masked by key (B-6.3), then every
occurrence of a known secret is blanked as a second guard, then the body is cut to `BODY_LIMIT` characters.
"""

import json
import logging
from collections.abc import Sequence
from functools import partial
from typing import Any

import httpx

from summit_connector.adapters.redaction import blanked, masked

LOGGER = "summit_connector.http"
BODY_LIMIT = 4096


def log_exchanges(client: httpx.Client, debug: bool, secrets: Sequence[str]) -> httpx.Client:
    """`client` itself, logging each exchange when `debug`."""
    if debug:
        hooks = client.event_hooks
        log = partial(_log_exchange, secrets=tuple(secrets))
        client.event_hooks = {"request": hooks["request"], "response": [*hooks["response"], log]}
    return client


def _log_exchange(response: httpx.Response, secrets: tuple[str, ...]) -> None:
    response.read()
    request = response.request
    shown = partial(_shown, secrets=secrets)
    logging.getLogger(LOGGER).debug(
        "HTTP %s %s -> %d in %d ms; request: %s; response: %s",
        request.method,
        shown(str(request.url)),
        response.status_code,
        response.elapsed.total_seconds() * 1000,
        shown(_masked_text(_request_body(request))),
        shown(_masked_text(response.content)),
    )


def _request_body(request: httpx.Request) -> bytes:
    try:
        return request.content
    except httpx.RequestNotRead:
        return b"(streamed)"


def _masked_text(body: bytes) -> str:
    data = _parsed(body.decode("utf-8", "replace"))
    if isinstance(data, str):
        data = _parsed(data)
    if isinstance(data, str):
        return data or "(empty)"
    return json.dumps(masked({"body": data})["body"], ensure_ascii=False)


def _parsed(text: str) -> Any:
    """The JSON value of `text`, else `text`; Summit may answer a JSON string holding JSON (B-4.9)."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def _shown(text: str, secrets: tuple[str, ...]) -> str:
    return _cut(blanked(text, secrets))


def _cut(text: str) -> str:
    return text if len(text) <= BODY_LIMIT else f"{text[:BODY_LIMIT]}... ({len(text)} characters in all)"
