"""`check --online` against OpCon (opcon-api.md §1.3): `/api/version` without a token, then `/api/tokens` with it."""

from typing import TypeVar

import httpx
from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic.alias_generators import to_camel

from summit_connector.adapters.opcon import errors
from summit_connector.domain.findings import Finding, Severity

ADDRESS, TOKEN = "[OPCON API] ADDRESS", "[OPCON API] TOKEN"
_REACH_HINT = "check ADDRESS, PORT and USES_TLS, the network and [PROXY SERVER]"
_TLS_HINT = "the server's certificate is not trusted: set [OPCON API] CA_BUNDLE (or VERIFY_TLS=False for a lab)"
_TOKEN_HINT = "set [OPCON API] TOKEN (or SUMMIT_CONNECTOR_OPCON_TOKEN) to a valid OpCon application token"


class _Wire(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, extra="ignore")


Wire = TypeVar("Wire", bound=_Wire)


class _Version(_Wire):
    op_con_rest_api_product_version: str = "unknown"


class _Named(_Wire):
    login_name: str = ""
    type: str = ""


class _Token(_Wire):
    user: _Named = _Named()
    token_type: _Named = _Named()
    valid_until: str = ""


def probe_opcon(client: httpx.Client, source: str) -> list[Finding]:
    """An OK or error finding per probe; the token probe is skipped when OpCon cannot be reached at all."""
    version = _probe_version(client, source)
    return [version] if version.severity is Severity.ERROR else [version, _probe_token(client, source)]


def _probe_version(client: httpx.Client, source: str) -> Finding:
    request = client.build_request("GET", "/api/version")
    del request.headers["Authorization"]
    response = _send(client, request, ADDRESS, source)
    if isinstance(response, Finding):
        return response
    version = _parsed(_Version, response).op_con_rest_api_product_version
    return Finding(ADDRESS, Severity.OK, f"OpCon REST API {version} answers at {client.base_url}", "", source)


def _probe_token(client: httpx.Client, source: str) -> Finding:
    response = _send(client, client.build_request("GET", "/api/tokens"), TOKEN, source)
    if isinstance(response, Finding):
        return response
    token = _parsed(_Token, response)
    owner = f" ({token.token_type.type or 'an'} token of {token.user.login_name})" if token.user.login_name else ""
    until = f", valid until {token.valid_until}" if token.valid_until else ""
    return Finding(TOKEN, Severity.OK, f"OpCon accepts the token{owner}{until}", "", source)


def _send(client: httpx.Client, request: httpx.Request, where: str, source: str) -> httpx.Response | Finding:
    """The 2xx response, or an error finding whose message never holds the token."""
    token = client.headers.get("Authorization", "").removeprefix("Token ").strip()
    try:
        response = client.send(request)
    except httpx.HTTPError as exc:
        hint = _TLS_HINT if "certificate" in str(exc).lower() else _REACH_HINT
        return _error(ADDRESS, errors.unreachable(request, exc), hint, token, source)
    if response.is_success:
        return response
    hint = _TOKEN_HINT if where == TOKEN and response.status_code in (401, 403) else _REACH_HINT
    return _error(where, errors.refusal(response), hint, token, source)


def _error(where: str, message: str, hint: str, token: str, source: str) -> Finding:
    shown = message.replace(token, "***") if token else message
    return Finding(where, Severity.ERROR, shown, hint, source)


def _parsed(model: type[Wire], response: httpx.Response) -> Wire:
    try:
        return model.model_validate(response.json())
    except (ValueError, ValidationError):
        return model()
