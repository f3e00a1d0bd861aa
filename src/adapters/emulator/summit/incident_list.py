"""IM_GetIncidentListwithDetails over the emulated tenant: incidents by status and last update, a page at a time.

As the public C# client sends and reads it (panoramicdata/SymphonyAi.Summit.Api @ 01ab27a, under
`SymphonyAi.Summit.Api/`): ServiceName `"IM_" + "GetIncidentListwithDetails"`
(`Models/GetIncidentListDetailedRequest.cs`, `Models/IncidentRequest.cs`); the filter is
`objCommonParameters.objIncidentCommonFilter` (`Models/IncidentCommonParameters.cs`) with the keys of
`Models/IncidentCommonFilter.cs`: `Status` a comma list (default `"New,In-Progress"`; a JSON array is taken too),
`strUpdatedFromDate`/`strUpdatedToDate` (`"2023-02-01"` in `SymphonyAi.Summit.Api.Test/IncidentTests.cs`;
`MM/dd/yyyy` and a time are taken too), `PageSize` (default 100) and `CurrentPageIndex`, counted from 0 (commit
10a27ef changed its default from 1 to 0; `IncidentTests.cs` pages from 0 until an empty page); an index past the
end gives an empty page. Other filter keys (Instance, WorkgroupName, Executive, CategoryName, Categories) are taken
and not applied.
The reply's `OutputObject` is `Models/IncidentListOutputObject.cs`: `MyTickets`, each a `Models/Ticket.cs`
`{"IncidentDetail": [one row, see list_rows], "CustomAttribute": [...]}`, newest first; `GridViewDisplayColumns`.
A filter that cannot be read is answered with `Errors` set and no tickets.
"""

from datetime import datetime, timedelta
from typing import Any

from summit_connector.adapters.emulator.context import Context
from summit_connector.adapters.emulator.records import Incident
from summit_connector.adapters.emulator.summit.custom_attributes import custom_attributes
from summit_connector.adapters.emulator.summit.date_times import filter_moment, wall_time
from summit_connector.adapters.emulator.summit.list_rows import list_row
from summit_connector.adapters.emulator.summit.log_or_update import Rejected
from summit_connector.adapters.emulator.summit.reply_envelope import envelope

FILTER = "objIncidentCommonFilter"
DEFAULT_PAGE_SIZE = 100


def incident_list(ctx: Context, body: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    try:
        given = _filter(params)
        found = _filtered(ctx, given)
        size, index = _page_size(given), _number(given, "CurrentPageIndex", 0)
    except Rejected as error:
        return envelope(str(error), output_object=_output([]))
    start, now = index * size, ctx.clock()
    page = found[start:start + size]
    return envelope(output_object=_output([_ticket(incident, start + offset + 1, len(found), now)
                                           for offset, incident in enumerate(page)]))


def _filter(params: dict[str, Any]) -> dict[str, Any]:
    found = params.get(FILTER)
    if not isinstance(found, dict):
        raise Rejected(f"{FILTER} is missing.")
    return found


def _filtered(ctx: Context, given: dict[str, Any]) -> list[Incident]:
    statuses = _statuses(given.get("Status"))
    since = _bound(given, "strUpdatedFromDate", end=False)
    until = _bound(given, "strUpdatedToDate", end=True)
    newest_first = sorted(ctx.state.incidents.values(), key=lambda incident: incident.ticket_id, reverse=True)
    return [incident for incident in newest_first
            if (not statuses or incident.status.lower() in statuses)
            and _updated_within(incident, since, until)]


def _statuses(value: Any) -> set[str]:
    """Empty means any status."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    return {str(item).strip().lower() for item in items if str(item).strip()}


def _bound(given: dict[str, Any], key: str, end: bool) -> datetime | None:
    """From the start of the day named (or the moment, when a time is given); to the end of the day (or moment)."""
    text = str(given.get(key) or "").strip()
    if not text:
        return None
    try:
        moment, timed = filter_moment(text)
    except ValueError:
        raise Rejected(f"Invalid {key} '{text}'.") from None
    return moment + timedelta(days=1, microseconds=-1) if end and not timed else moment


def _updated_within(incident: Incident, since: datetime | None, until: datetime | None) -> bool:
    updated = incident.updated_at or incident.logged_at
    if updated is None:
        return since is None and until is None
    updated = wall_time(updated)
    return (since is None or updated >= since) and (until is None or updated <= until)


def _page_size(given: dict[str, Any]) -> int:
    size = _number(given, "PageSize", DEFAULT_PAGE_SIZE)
    if size < 1:
        raise Rejected(f"Invalid PageSize '{size}'.")
    return size


def _number(given: dict[str, Any], key: str, default: int) -> int:
    value = given.get(key)
    if value is None or value == "":
        return default
    if isinstance(value, bool) or not str(value).strip().isdigit():
        raise Rejected(f"Invalid {key} '{value}'.")
    return int(str(value).strip())


def _ticket(incident: Incident, row_number: int, total: int, now: datetime) -> dict[str, Any]:
    return {"IncidentDetail": [list_row(incident, row_number, total, now)],
            "CustomAttribute": custom_attributes(incident)}


def _output(tickets: list[dict[str, Any]]) -> dict[str, Any]:
    return {"MyTickets": tickets, "GridViewDisplayColumns": []}
