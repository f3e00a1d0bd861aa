"""What the emulator tests send: the sandbox credentials and the Summit web-service paths."""

TOKEN = {"Authorization": "Token sandbox-token"}
PROXY = {"AuthType": "APIKEY", "APIKey": "sandbox-key", "ProxyID": 0, "ReturnType": "JSON", "OrgID": 1}
SUMMIT_SERVICES = "/api_integration/REST/Summit_RESTWCF.svc/RESTService"
JSON_CALL = f"{SUMMIT_SERVICES}/CommonWS_JsonObjCall"
