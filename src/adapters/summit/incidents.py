"""`Incidents` over Summit's web services: translation only; retries and fallbacks belong to the application."""

from typing import Any

import httpx

from summit_connector.adapters.summit.http import SummitConnection
from summit_connector.adapters.redaction import quoted
from summit_connector.adapters.summit.envelopes import (
    attachment_upload,
    create_envelope,
    details_envelope,
    update_envelope,
)
from summit_connector.adapters.summit.http import json_object, post, upload
from summit_connector.adapters.summit.replies import logged_ticket_number, require_accepted, ticket_reading
from summit_connector.application.errors import SummitRejected
from summit_connector.application.ports import Incidents
from summit_connector.domain.incident import IncidentUpdate, NewIncident, TicketReading
from summit_connector.domain.model import JobLog
from summit_connector.domain.template import SummitOptions


class SummitIncidents(Incidents):
    """Raises SummitUnavailable for transient failures and SummitRejected for refusals; never leaks the API key."""

    def __init__(self, client: httpx.Client, connection: SummitConnection, options: SummitOptions) -> None:
        self._client = client
        self._connection = connection
        self._options = options

    def __repr__(self) -> str:
        return f"SummitIncidents({self._connection.base_url!r})"

    def create(self, incident: NewIncident) -> str:
        envelope = create_envelope(incident, self._key, self._options)
        reply = self._reply(self._connection.incident_path, envelope)
        return logged_ticket_number(reply, _service(envelope), self._key)

    def update(self, update: IncidentUpdate) -> None:
        envelope = update_envelope(update, self._key, self._options)
        require_accepted(self._reply(self._connection.incident_path, envelope), _service(envelope), self._key)

    def read(self, ticket_number: str) -> TicketReading | None:
        """IM_GetIncidentDetailsAndChangeHistory: the status with the held fields; None when the number is not
        numeric or the answer holds no readable status (B-4.5).

        Still raises SummitUnavailable (timeout, 429, 5xx) and SummitRejected (other non-2xx statuses).
        """
        number = _as_int(ticket_number)
        if number is None:
            return None
        envelope = details_envelope(number, self._key, self._options)
        response = post(self._client, self._connection.incident_path, envelope, self._key)
        try:
            return ticket_reading(json_object(response, _service(envelope), self._key))
        except SummitRejected:
            return None

    def attach(self, ticket_number: str, log: JobLog) -> None:
        number = _as_int(ticket_number)
        if number is None:
            raise SummitRejected(quoted(f"ticket number {ticket_number!r} is not a number", self._key))
        body = attachment_upload(number, log, self._key, self._options)
        response = upload(self._client, self._connection.attachment_path, body, self._key)
        require_accepted(json_object(response, body.service, self._key), body.service, self._key)

    @property
    def _key(self) -> str:
        return self._connection.api_key

    def _reply(self, path: str, envelope: dict[str, Any]) -> dict[str, Any]:
        response = post(self._client, path, envelope, self._key)
        return json_object(response, _service(envelope), self._key)


def _service(envelope: dict[str, Any]) -> str:
    return envelope["ServiceName"]


def _as_int(ticket_number: str) -> int | None:
    text = ticket_number.strip()
    return int(text) if text.isascii() and text.isdigit() else None
