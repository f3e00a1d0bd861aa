"""Summit's date-times: the tenant's wall-clock time as text, without an offset.

Every public client reads them as plain strings (`string` in panoramicdata/SymphonyAi.Summit.Api's models:
`Models/IncidentDetail.cs` `Logged_Time`/`Updated_Time`, `Models/IncidentDetail2.cs` `Reg_Time`,
`Models/CreateOrUpdateIncidentResponse.cs` `Resolution_DeadLine`), while the same client reads the reporting API's
ISO values into `DateTime` (`Models/Reporting/Incidents/Incident.cs`): so these are not ISO. No public sample shows
one; the emulator writes what .NET's invariant `DateTime.ToString()` gives, `MM/dd/yyyy HH:mm:ss`.
"""

from datetime import datetime

SUMMIT_TIME = "%m/%d/%Y %H:%M:%S"
_DAYS = ("%Y-%m-%d", "%m/%d/%Y")
_TIMES = ("", " %H:%M:%S", " %H:%M", "T%H:%M:%S", "T%H:%M")


def summit_time(moment: datetime) -> str:
    """`09/21/2024 10:15:00`: the wall-clock time as the emulator's clock gave it."""
    return f"{wall_time(moment):{SUMMIT_TIME}}"


def wall_time(moment: datetime) -> datetime:
    """The tenant's wall-clock time: an offset the clock carries is dropped, not converted."""
    return moment.replace(tzinfo=None)


def filter_moment(text: str) -> tuple[datetime, bool]:
    """A filter's date as a client sends it (`2024-09-21`, `09/21/2024`, either with a time) and whether it named a
    time; ValueError when it is none of these."""
    for day in _DAYS:
        for time in _TIMES:
            try:
                return datetime.strptime(text.strip(), day + time), bool(time)
            except ValueError:
                continue
    raise ValueError(text)
