"""Summit's reply envelope and the API-key check every service shares (summit-api.md §2, §4.1)."""

from typing import Any

from summit_connector.adapters.emulator.context import Context


def envelope(errors: str = "", message: str = "", output_object: Any = None, **extra: Any) -> dict[str, Any]:
    """The common envelope, keys in the alphabetical order .NET DataContract serialisation gives."""
    reply = {"Errors": errors, "Input": None, "Message": message, "OrgID": 0, "Output": None, "OutputID": 0,
             "OutputObject": output_object, "TokenID": None, **extra}
    return dict(sorted(reply.items()))


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


def ticket_number(value: Any) -> str:
    """`"10001"`, `10001` and `" 10001 "` name the same ticket; anything else is kept as text."""
    text = str(value if value is not None else "").strip()
    return str(int(text)) if text.isdigit() else text
