"""What the emulated OpCon Daily and Summit tenant hold: schedules, jobs, incidents, JORS and job actions."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple
from urllib.parse import parse_qs, unquote

WINDOWS_LOG_DIR = "C:\\ProgramData\\OpConxps\\SAM\\Log\\"
DEFAULT_MACHINE = "WINAGENT01"
EXIT_CODE_1 = "+000000001"
"""OpCon's termination description of an exit code: a sign and nine digits (SMA's `EASE-PROMPT.ps1` reads the code as
`terminationDescription.SubString(1,9)`); a UNIX agent adds `:signal:core`, e.g. `+000000001:0000:N` (opcon-cli-java
parses `+000000000:0000:N`), opcon-api.md §4.1, §10."""


@dataclass
class Schedule:
    id: str
    uid: int
    date: date
    master_id: int
    instance: int
    name: str


@dataclass
class JobDocumentation:
    id: int
    job: str | None = None
    frequency: str | None = None


@dataclass
class Job:
    """A daily job; `job_output` maps file name (or full agent path) to content; `status` is the status
    description (`opcon/job_statuses.py`), `status_reason` the reason of the job action that set it.
    `machine` is the primary machine and `start_machine` the one it ran on (None: not started there, or none
    assigned); both are agent names."""

    id: str
    uid: int
    name: str
    schedule: Schedule
    documentation: JobDocumentation
    job_number: int | None = None
    tags: list[str] = field(default_factory=list)
    incident_ticket_id: str = ""
    incident_ticket_url: str = ""
    job_output: dict[str, str] = field(default_factory=dict)
    job_type: str = "Windows"
    machine: str | None = DEFAULT_MACHINE
    start_machine: str | None = DEFAULT_MACHINE
    termination: str = EXIT_CODE_1
    status: str = "Failed"
    status_reason: str | None = None

    def output_files(self) -> dict[str, str]:
        """Content by the path JORS lists: bare names live in the Windows agent's log folder."""
        return {_agent_path(name): content for name, content in self.job_output.items()}


def _agent_path(name: str) -> str:
    return name if "\\" in name or "/" in name else WINDOWS_LOG_DIR + name


@dataclass
class Incident:
    """A Summit incident: `fields` are the Ticket fields last sent; `information` is every Information text;
    `solution` the last Solution text; `updates` the Ticket object of each update taken, as received;
    `logged_at`/`updated_at` the emulator's clock when it was logged and last changed."""

    ticket_no: str
    ticket_id: int
    status: str
    fields: dict[str, Any] = field(default_factory=dict)
    information: list[str] = field(default_factory=list)
    custom_fields: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    reopened: bool = False
    solution: str = ""
    updates: list[dict[str, Any]] = field(default_factory=list)
    logged_at: datetime | None = None
    updated_at: datetime | None = None
    ci: dict[str, str] = field(default_factory=dict)
    """`CI_Key` and `CI_Value` as the container last sent them beside `Ticket` (B-16.3; summit-api.md §3)."""

    @property
    def encrypted_id(self) -> str:
        return f"{self.ticket_id * 7919:X}"


@dataclass
class JorsAction:
    id: int
    action: str
    items: list[dict[str, Any]]
    pending_polls: int


@dataclass
class JobActionRequest:
    """A POST /api/jobactions as accepted: `result` stays `submitted` until it finishes; then `outcomes` holds each
    job's `(result, message)` by daily job id."""

    id: int
    action: str
    job_ids: list[str]
    reason: str | None
    pending_polls: int
    result: str = "submitted"
    outcomes: dict[str, tuple[str, str | None]] = field(default_factory=dict)


class LoggedRequest(NamedTuple):
    """A request as it reached the emulator; `path` is the raw target (query included, still URL-encoded)."""

    api: str
    method: str
    path: str
    body: Any

    @property
    def route(self) -> str:
        """The decoded path without the query: `/api/dailyjobs/20240921|16|1|JOB001/documentation/1`."""
        return unquote(self.path.partition("?")[0])

    @property
    def params(self) -> dict[str, str]:
        """Decoded query parameters (first value each, names as sent)."""
        return {name: values[0] for name, values in parse_qs(self.path.partition("?")[2]).items()}


class TicketWrite(NamedTuple):
    uid: int
    method: str
    body: Any


class DocumentationWrite(NamedTuple):
    job_id: str
    method: str
    body: Any
