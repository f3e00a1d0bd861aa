"""The API-key check every Summit service shares (summit-api.md §2)."""

from typing import Any

from summit_connector.adapters.emulator.context import Context


def auth_error(ctx: Context, params: dict[str, Any]) -> str:
    """Empty when `_ProxyDetails` carries AuthType APIKEY, the right APIKey and an integer OrgID."""
    proxy = params.get("_ProxyDetails")
    if not isinstance(proxy, dict):
        return "Authentication failed: _ProxyDetails is missing."
    if str(proxy.get("AuthType") or "").lower() != "apikey":
        return f"Authentication failed: AuthType '{proxy.get('AuthType')}' is not enabled; use APIKEY."
    if proxy.get("APIKey") != ctx.summit_api_key:
        return "Authentication failed: invalid API key."
    if "OrgID" in proxy and not str(proxy["OrgID"]).strip().isdigit():
        return f"Invalid OrgID '{proxy['OrgID']}'."
    return ""
