"""`Incidents` and `IncidentList` over Summit's web services: translation only; retries and fallbacks belong to the
application."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from summit_connector.adapters.summit.http import SummitConnection
from summit_connector.adapters.redaction import quoted
from summit_connector.adapters.summit.envelopes import (
    attachment_upload,
    create_envelope,
    details_envelope,
    list_envelope,
    update_envelope,
)
from summit_connector.adapters.summit.http import json_object, post, upload
from summit_connector.adapters.summit.replies import (
    listed_page,
    logged_ticket_number,
    require_accepted,
    ticket_reading,
)
from summit_connector.adapters.summit.times import SUMMIT_TIME_FORMATS, summit_time
from summit_connector.application.errors import SummitRejected, SummitUnavailable
from summit_connector.application.ports import IncidentList, Incidents
from summit_connector.domain.incident import IncidentUpdate, ListedIncident, NewIncident, TicketReading
from summit_connector.domain.model import JobLog
from summit_connector.domain.template import SummitOptions

LIST_PAGES = 20


class SummitIncidents(Incidents, IncidentList):
    """Raises SummitUnavailable for transient failures and SummitRejected for refusals; never leaks the API key.

    The list's Logged_Time is read as ISO 8601 or one of `time_formats` (.NET style, see `times`); an offset is
    converted to local time in `timezone` (the system's when None).
    """

    def __init__(self, client: httpx.Client, connection: SummitConnection, options: SummitOptions,
                 time_formats: Sequence[str] = SUMMIT_TIME_FORMATS, timezone: str | None = None) -> None:
        self._client = client
        self._connection = connection
        self._options = options
        self._time_formats = tuple(time_formats)
        self._zone = ZoneInfo(timezone) if timezone else None

    def __repr__(self) -> str:
        return f"SummitIncidents({self._connection.base_url!r})"

    def create(self, incident: NewIncident) -> str:
        envelope = create_envelope(incident, self._key, self._options)
        reply = self._reply(self._connection.incident_path, envelope)
        return logged_ticket_number(reply, _service(envelope), self._key)

    def update(self, update: IncidentUpdate) -> None:
        """A 2xx whose body is not a JSON object (a sign-in page, a proxy's) is SummitUnavailable, maybe
        processed: the ticket exists, so the update is kept pending and sent again, never taken for a refusal
        (B-9.2). An empty body or `Errors` set is SummitRejected."""
        envelope = update_envelope(update, self._key, self._options)
        require_accepted(self._update_reply(envelope), _service(envelope), self._key)

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

    def updated_since(self, statuses: Sequence[str], since: date) -> list[ListedIncident]:
        """Pages from 0 until an empty page, or one that shows only incidents already seen (a Summit that does
        not page would otherwise be asked LIST_PAGES times), at most LIST_PAGES; each incident once."""
        found: dict[str, ListedIncident] = {}
        for page in range(LIST_PAGES):
            before = len(found)
            for listed in self._list_page(statuses, since, page):
                found.setdefault(listed.ticket, listed)
            if len(found) == before:
                break
        return list(found.values())

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

    def _update_reply(self, envelope: dict[str, Any]) -> dict[str, Any]:
        """`json_object` marks a 2xx that is not a JSON object `maybe_processed`; for an update that is
        SummitUnavailable."""
        try:
            return self._reply(self._connection.incident_path, envelope)
        except SummitRejected as error:
            if not error.maybe_processed:
                raise
            raise SummitUnavailable(str(error), maybe_processed=True, status_code=error.status_code,
                                    service=error.service) from error

    def _list_page(self, statuses: Sequence[str], since: date, page: int) -> list[ListedIncident]:
        envelope = list_envelope(statuses, since, page, self._key, self._options)
        reply = self._reply(self._connection.incident_path, envelope)
        return listed_page(reply, _service(envelope), self._key, self._logged_time)

    def _logged_time(self, text: str) -> datetime | None:
        return summit_time(text, self._time_formats, self._zone)


def _service(envelope: dict[str, Any]) -> str:
    return envelope["ServiceName"]


def _as_int(ticket_number: str) -> int | None:
    text = ticket_number.strip()
    return int(text) if text.isascii() and text.isdigit() else None
