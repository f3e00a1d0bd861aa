"""OpCon's name filters: `*`/`?` wildcards over SQL LIKE, so `_`, `%` and `[...]` are patterns too."""

import re
from collections.abc import Callable


def name_matcher(value: str) -> Callable[[str], bool]:
    """Case-insensitive; the value is wrapped in `*…*` unless it starts with `=` (as SMA's clients do).

    `[`/`]` open a LIKE character class, so `Job[Sub]` matches `JobS`, not `Job[Sub]`; an unclosed `[` matches nothing.
    """
    pattern = value[1:] if value.startswith("=") else f"%{value}%"
    regex = _like_regex(pattern.replace("*", "%").replace("?", "_"))
    return lambda name: regex is not None and regex.fullmatch(name) is not None


def _like_regex(pattern: str) -> re.Pattern[str] | None:
    parts: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "[":
            end = pattern.find("]", index + 1)
            if end < 0:
                return None
            parts.append(_char_class(pattern[index + 1:end]))
            index = end
        else:
            parts.append({"%": ".*", "_": "."}.get(char) or re.escape(char))
        index += 1
    try:
        return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)
    except re.error:
        return None


def _char_class(body: str) -> str:
    negate = body.startswith("^")
    members = "".join(char if char == "-" else re.escape(char) for char in body[negate:])
    return f"[{'^' * negate}{members}]" if members else "(?!)"
