"""`check --online` against OpCon (opcon-api.md §1.3): `/api/version` without a token, then `/api/tokens` with it.

Both probes go through the transport every report uses and read its errors' fields, never their wording.
"""

import httpx

from summit_connector.adapters.transport.certificates import untrusted_certificate
from summit_connector.adapters.opcon.http import REFUSED_CREDENTIALS, OpConHttp
from summit_connector.adapters.opcon.wire import Token, Version, leniently
from summit_connector.application.errors import OpConError, OpConUnavailable
from summit_connector.domain.findings import Finding, Severity

ADDRESS, TOKEN = "[OPCON API] ADDRESS", "[OPCON API] TOKEN"
_REACH_HINT = "check ADDRESS, PORT and USES_TLS, the network and [PROXY SERVER]"
_TLS_HINT = "the server's certificate is not trusted: set [OPCON API] CA_BUNDLE (or VERIFY_TLS=False for a lab)"
_TOKEN_HINT = "set [OPCON API] TOKEN (or SUMMIT_CONNECTOR_OPCON_TOKEN) to a valid OpCon application token"


def probe_opcon(client: httpx.Client, source: str) -> list[Finding]:
    """An OK or error finding per probe; the token probe is skipped when OpCon cannot be reached at all."""
    api = OpConHttp(client)
    version = _probe_version(api, str(client.base_url), source)
    return [version] if version.severity is Severity.ERROR else [version, _probe_token(api, source)]


def _probe_version(api: OpConHttp, base_url: str, source: str) -> Finding:
    try:
        response = api.call("GET", "/api/version", without_token=True)
    except (OpConError, OpConUnavailable) as error:
        return _failure(ADDRESS, error, source)
    version = leniently(Version, response.content).op_con_rest_api_product_version
    return Finding(ADDRESS, Severity.OK, f"OpCon REST API {version} answers at {base_url}", "", source)


def _probe_token(api: OpConHttp, source: str) -> Finding:
    try:
        response = api.call("GET", "/api/tokens")
    except (OpConError, OpConUnavailable) as error:
        return _failure(TOKEN, error, source)
    token = leniently(Token, response.content)
    owner = f" ({token.token_type.type or 'an'} token of {token.user.login_name})" if token.user.login_name else ""
    until = f", valid until {token.valid_until}" if token.valid_until else ""
    return Finding(TOKEN, Severity.OK, f"OpCon accepts the token{owner}{until}", "", source)


def _failure(probed: str, error: OpConError | OpConUnavailable, source: str) -> Finding:
    """No answer at all is about the address; an answer is about what was probed."""
    if error.status_code is None:
        hint = _TLS_HINT if untrusted_certificate(error) else _REACH_HINT
        return Finding(ADDRESS, Severity.ERROR, str(error), hint, source)
    refused = probed == TOKEN and error.status_code in REFUSED_CREDENTIALS
    return Finding(probed, Severity.ERROR, str(error), _TOKEN_HINT if refused else _REACH_HINT, source)
