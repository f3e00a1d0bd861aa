"""What the emulator tests send: the sandbox credentials, a daily job's path and the Summit web-service paths."""

from urllib.parse import quote

TOKEN = {"Authorization": "Token sandbox-token"}
PROXY = {"AuthType": "APIKEY", "APIKey": "sandbox-key", "ProxyID": 0, "ReturnType": "JSON", "OrgID": 1}
SUMMIT_SERVICES = "/api_integration/REST/Summit_RESTWCF.svc/RESTService"
JSON_CALL = f"{SUMMIT_SERVICES}/CommonWS_JsonObjCall"


def job_path(job_id: str, rest: str = "") -> str:
    """`/api/dailyjobs/{id}` with the id's `|` (and any `/`) percent-encoded."""
    return f"/api/dailyjobs/{quote(job_id, safe='')}{rest}"
