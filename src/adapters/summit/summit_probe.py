"""`check --online` against Summit: one API-key call, `IM_GetIncidentDetailsAndChangeHistory` for ticket 0, then
one page of the incident list (`IM_GetIncidentListwithDetails`, B-15.2).

A JSON object back means the key works, even when it says the ticket does not exist; HTTP 401/403, or words of
refusal in `Errors`/`Message`, mean the key is refused (summit-api.md §5, §8). The list is asked only once the key
works: a list that does not answer is a warning, as reports still go through and only uncertain creates wait for an
operator. The calls go through the transport every report uses; their errors are read by their fields, never their
wording.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

import httpx

from summit_connector.adapters.summit.http import SummitConnection
from summit_connector.adapters.summit.envelopes import (
    GET_INCIDENT_DETAILS,
    GET_INCIDENT_LIST,
    details_envelope,
    list_envelope,
)
from summit_connector.adapters.summit.http import KEY_REFUSED, json_object, post
from summit_connector.adapters.summit.replies import key_refusal, listed_page
from summit_connector.application.errors import SummitRejected, SummitUnavailable
from summit_connector.domain.findings import Finding, Severity
from summit_connector.domain.template import SummitOptions

ADDRESS, API_KEY, INCIDENT_URL = "address.value", "credentials.apiKey", "urls.incident"
_KEY_HINT = ("check credentials.apiKey (or SUMMIT_CONNECTOR_SUMMIT_API_KEY): the Summit user's Login Type must be "
             "API Key, the key not expired, and its role allowed to use the web services")
_REACH_HINT = "check address.value, the network and [PROXY SERVER] in Connector.config"
_URL_HINT = "check address.value and urls.incident: the full path to RESTService/CommonWS_JsonObjCall_JSON"
_LIST_HINT = (f"allow {GET_INCIDENT_LIST} for the key's role: until it answers, a create whose answer was lost "
              "stays uncertain until an operator settles it (`retry --uncertain`)")


def probe_summit(client: httpx.Client, connection: SummitConnection, options: SummitOptions, source: str,
                 statuses: Sequence[str], today: date) -> list[Finding]:
    """The key's finding, then, when the key works, the incident list's: one page of the incidents in `statuses`
    (those the template knows) updated since `today`."""
    key = _probe_key(client, connection, options, source)
    if key.severity is not Severity.OK:
        return [key]
    envelope = list_envelope(statuses, today, 0, connection.api_key, options)
    return [key, _probe_list(client, connection, envelope, f"updated since {today.isoformat()}", source)]


def _probe_key(client: httpx.Client, connection: SummitConnection, options: SummitOptions, source: str) -> Finding:
    key = connection.api_key
    try:
        response = post(client, connection.incident_path, details_envelope(0, key, options), key)
        reply = json_object(response, GET_INCIDENT_DETAILS, key)
    except SummitUnavailable as error:
        return Finding(ADDRESS, Severity.ERROR, str(error), _REACH_HINT, source)
    except SummitRejected as error:
        return _rejected(error, source)
    refusal = key_refusal(reply, key)
    if refusal:
        return Finding(API_KEY, Severity.ERROR, f"Summit refused the API key: {refusal}", _KEY_HINT, source)
    return Finding(API_KEY, Severity.OK, f"Summit at {connection.base_url} accepts the API key", "", source)


def _probe_list(client: httpx.Client, connection: SummitConnection, envelope: dict[str, Any], asked: str,
                source: str) -> Finding:
    key = connection.api_key
    try:
        reply = json_object(post(client, connection.incident_path, envelope, key), GET_INCIDENT_LIST, key)
        listed = listed_page(reply, GET_INCIDENT_LIST, key, lambda _: None)
    except (SummitUnavailable, SummitRejected) as error:
        return Finding(INCIDENT_URL, Severity.WARNING, f"Summit's incident list does not answer: {error}",
                       _LIST_HINT, source)
    shown = f"{len(listed)} incident{'' if len(listed) == 1 else 's'} {asked}"
    return Finding(INCIDENT_URL, Severity.OK, f"Summit's incident list answers ({GET_INCIDENT_LIST}: {shown} on its "
                   "first page)", "", source)


def _rejected(error: SummitRejected, source: str) -> Finding:
    if error.certificate_refused:
        return Finding(ADDRESS, Severity.ERROR, str(error), _REACH_HINT, source)
    if error.status_code in KEY_REFUSED:
        return Finding(API_KEY, Severity.ERROR, str(error), _KEY_HINT, source)
    return Finding(INCIDENT_URL, Severity.ERROR, str(error), _URL_HINT, source)
