"""What every route handler is given: the state, the tunable behaviour, the credentials and a clock."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from summit_connector.adapters.emulator.state import EmulatorState


def _known_values() -> dict[str, set[str] | None]:
    return {
        "Category_Name": {"ElasticSearch", "Network", "Application Support", "IT", "Database", "Hardware"},
        "Assigned_WorkGroup_Name": {"DevOps", "Application One", "Hardware", "IT Infra", "Service Desk"},
    }


@dataclass
class EmulatorSettings:
    """Tunable behaviour; change it at any time (also over HTTP: POST /_emulator/settings).

    `double_encode`: a fault knob; True = every Summit reply is a JSON string holding the JSON (as one adapter reports
    Summit sometimes does). By default every operation, `_JSON`/`_json` included, answers a plain JSON object, which
    the public C# client reads with `ReadFromJsonAsync` (panoramicdata/SymphonyAi.Summit.Api
    `Implementations/IncidentManager.cs`).
    `known_values`: Ticket field → tenant master values accepted, case-insensitively (None = anything goes);
    an unknown value is rejected with `Errors` "Invalid <field> '<value>'".
    `reject_closed_updates`: updating a Closed/Cancelled ticket is rejected (the connector must create a new one).
    `resolve_from_in_progress_only`: a New or Pending ticket must be In-Progress before it can be Resolved (a tenant
    setting, summit-api.md §3.6).
    `jors_pending_polls`: how many polls of a job instance action answer `submitted` before the result.
    `job_action_pending_polls`: the same for a job action (POST /api/jobactions).
    """

    double_encode: bool = False
    jors_pending_polls: int = 1
    job_action_pending_polls: int = 1
    attachment_field: str = "FileBase64"
    known_values: dict[str, set[str] | None] = field(default_factory=_known_values)
    reject_closed_updates: bool = True
    resolve_from_in_progress_only: bool = False


@dataclass(frozen=True)
class Context:
    state: EmulatorState
    settings: EmulatorSettings
    opcon_token: str
    summit_api_key: str
    summit_prefix: str
    clock: Callable[[], datetime]
