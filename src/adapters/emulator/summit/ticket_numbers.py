"""How a Summit ticket is named in a request: its number, as text or as a number."""

from typing import Any


def ticket_number(value: Any) -> str:
    """`"10001"`, `10001` and `" 10001 "` name the same ticket; anything else is kept as text."""
    text = str(value if value is not None else "").strip()
    return str(int(text)) if text.isdigit() else text
