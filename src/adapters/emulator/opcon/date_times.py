"""OpCon's date-times on the wire: ISO 8601 with seven fractional digits and a UTC offset.

SMA's Java client reads every `ZonedDateTime` and `Date` with opcon-commons-java's `ZonedDateTimeDeserializer` and
`DateDeserializer` (`yyyy-MM-dd'T'HH:mm:ss`, 0-7 fractional digits, then `XXX`): a value without an offset does
not parse. Seven digits are what .NET writes and what SMA's PowerShell parses (`yyyy-MM-ddTHH:mm:ss.fffffffzzz`,
opcon-api.md §4.1).
"""

from datetime import date, datetime, time


def wire_time(moment: datetime) -> str:
    """`2024-09-21T10:15:00.0000000+02:00`; a naive moment is taken as the emulator's local time."""
    text = (moment if moment.tzinfo else moment.astimezone()).isoformat(timespec="microseconds")
    return f"{text[:26]}0{text[26:]}"


def wire_midnight(day: date) -> str:
    """A schedule date as OpCon sends it: midnight of that day, with the offset."""
    return wire_time(datetime.combine(day, time()))
