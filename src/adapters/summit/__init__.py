"""The Summit HTTP adapter: `SummitIncidents` over an injected httpx client, and what `explain` shows."""

from summit_connector.adapters.summit.client import make_summit_client
from summit_connector.adapters.summit.envelopes import create_envelope, serialise, update_envelope
from summit_connector.adapters.summit.incidents import SummitIncidents
from summit_connector.adapters.redaction import masked

__all__ = ["SummitIncidents", "create_envelope", "make_summit_client", "masked", "serialise", "update_envelope"]
