"""The Summit HTTP adapter: `SummitIncidents` over an injected httpx client, what `explain` shows, and the
`check --online` probe."""

from summit_connector.adapters.redaction import masked
from summit_connector.adapters.summit.envelopes import create_envelope, serialise, update_envelope
from summit_connector.adapters.summit.http import incident_url, make_summit_client
from summit_connector.adapters.summit.incidents import SummitIncidents
from summit_connector.adapters.summit.summit_probe import probe_summit

__all__ = [
    "SummitIncidents",
    "create_envelope",
    "incident_url",
    "make_summit_client",
    "masked",
    "probe_summit",
    "serialise",
    "update_envelope",
]
