"""Summit's date-times, read leniently into local wall-clock time (naive), as the rest of the connector keeps time.

Every public client reads them as plain text (`string` in panoramicdata/SymphonyAi.Summit.Api's
`Models/IncidentDetail.cs`: `Logged_Time`, `Updated_Time`), and no public sample shows one. So ISO 8601 is always
read (`T` or a space, fractions of a second, an offset or `Z`: an offset is converted to local time), and then the
.NET-style formats given: by default .NET's invariant `DateTime.ToString()` (`MM/dd/yyyy HH:mm:ss`, what the
emulator writes) and the en-US one (`M/d/yyyy h:mm:ss tt`). A tenant that writes another format names it.
"""

import re
from collections.abc import Sequence
from datetime import datetime, tzinfo

SUMMIT_TIME_FORMATS = ("MM/dd/yyyy HH:mm:ss", "MM/dd/yyyy hh:mm:ss tt")
_TOKENS = re.compile(
    r"yyyy|yy|MMMM|MMM|MM|M|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|tt|[fF]{1,7}|zzz|K|'[^']*'|\"[^\"]*\"|.", re.DOTALL
)
_STRPTIME = {"yyyy": "%Y", "yy": "%y", "MMMM": "%B", "MMM": "%b", "MM": "%m", "M": "%m", "dddd": "%A", "ddd": "%a",
             "dd": "%d", "d": "%d", "HH": "%H", "H": "%H", "hh": "%I", "h": "%I", "mm": "%M", "m": "%M", "ss": "%S",
             "s": "%S", "tt": "%p", "zzz": "%z", "K": "%z", "%": "%%"}
_LONG_FRACTION = re.compile(r"(\.\d{6})\d+")


def summit_time(text: str, formats: Sequence[str] = SUMMIT_TIME_FORMATS, zone: tzinfo | None = None
                ) -> datetime | None:
    """The local wall-clock time `text` names (an offset converted to `zone`, the system's when None); None when
    it is empty or in none of the forms."""
    text = text.strip()
    moment = _iso(text) or next(filter(None, (_formatted(text, pattern) for pattern in formats)), None)
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(zone).replace(tzinfo=None)


def strptime_pattern(pattern: str) -> str:
    """A .NET custom date-time format (`dd/MM/yyyy HH:mm:ss`) as a `strptime` pattern; ValueError for a letter
    that is no date or time part (a configuration check can say so)."""
    return "".join(map(_strptime_part, _TOKENS.findall(pattern)))


def _strptime_part(token: str) -> str:
    if token in _STRPTIME:
        return _STRPTIME[token]
    if token[0] in "fF":
        return "%f"
    if token[0] in "'\"":
        return token[1:-1].replace("%", "%%")
    if token.isalpha():
        raise ValueError(f"{token!r} is not a part of a .NET date-time format")
    return token


def _iso(text: str) -> datetime | None:
    if not re.match(r"\d{4}-\d\d-\d\d", text):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _formatted(text: str, pattern: str) -> datetime | None:
    try:
        return datetime.strptime(_LONG_FRACTION.sub(r"\1", text), strptime_pattern(pattern))
    except ValueError:
        return None
