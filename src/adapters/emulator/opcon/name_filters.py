"""OpCon's name filters, applied as sent: `*`/`?` wildcards over SQL LIKE, so `_`, `%` and `[...]` are patterns too.

The server adds nothing: SMA's clients widen a name to `*name*` themselves, and send it bare when it is prefixed
`=` (opcon-commons-java `util/StringUtil.java`, `convertDosWildcardStringToOpconApiString`).
"""

import re
from collections.abc import Callable


def name_matcher(value: str) -> Callable[[str], bool]:
    """Case-insensitive and whole-name: `JOB001` matches `JOB001` only, `*JOB001*` also `MYJOB001`, and `=JOB001`
    a job of that very name, `=` included.

    `[`/`]` open a LIKE character class, so `Job[Sub]` matches `JobS`, not `Job[Sub]`; an unclosed `[` matches nothing.
    """
    regex = _like_regex(value.replace("*", "%").replace("?", "_"))
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
