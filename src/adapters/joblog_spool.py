"""Job logs pass through JOBLOGDIR on their way to Summit and are deleted once uploaded (B-4.11)."""

import re
from pathlib import Path

from summit_connector.application.ports import Incidents
from summit_connector.domain.incident import IncidentUpdate, NewIncident, TicketReading
from summit_connector.domain.model import JobLog

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class SpoolingIncidents(Incidents):
    """Wraps the real Summit adapter; a folder that cannot be written only skips the spooling."""

    def __init__(self, inner: Incidents, directory: Path) -> None:
        self._inner = inner
        self._directory = directory

    def create(self, incident: NewIncident) -> str:
        return self._inner.create(incident)

    def update(self, update: IncidentUpdate) -> None:
        self._inner.update(update)

    def read(self, ticket_number: str) -> TicketReading | None:
        return self._inner.read(ticket_number)

    def attach(self, ticket_number: str, log: JobLog) -> None:
        spooled = self._spool(ticket_number, log)
        self._inner.attach(ticket_number, log)
        if spooled is not None:
            _remove(spooled)

    def _spool(self, ticket_number: str, log: JobLog) -> Path | None:
        path = self._directory / f"{ticket_number}_{_UNSAFE.sub('_', log.name)}"
        try:
            self._directory.mkdir(parents=True, exist_ok=True)
            path.write_bytes(log.content)
        except OSError:
            return None
        return path


def _remove(path: Path) -> None:
    """A file another program holds open (a virus scanner on Windows) stays; the upload has succeeded."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass
