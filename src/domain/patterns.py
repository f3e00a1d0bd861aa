"""The one name pattern of silences (B-13.2) and of the `reconcile` scope (B-15.1): exact, case-sensitive, and `*`
the only wildcard (any run of characters). `?`, `[` and `]` are literal, so `Parent_Job[Sub]` matches that job
alone (OpCon sub-schedule jobs are named so)."""

import re
from functools import lru_cache


def name_matches(pattern: str, name: str) -> bool:
    return _compiled(pattern).fullmatch(name) is not None


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")), re.DOTALL)
