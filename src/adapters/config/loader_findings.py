"""The loaders' one-line messages (`<file>: <where>: <problem>`, B-1.4) as findings with a fix hint."""

import re

from summit_connector.domain.findings import Finding, Severity

_WHERE = r"\[[^\]]+\](?: [A-Z_]+\b)?|line \d+ column \d+|[\w.\[\]]+"
_DOTTED = r"\[[^\]]+\](?: [A-Z_]+\b)?|\w+(?:[.\[][\w.\[\]]*)+"
_LOCATED = re.compile(rf"(?:(?P<where>{_WHERE}): |(?P<dotted>{_DOTTED}) )(?P<problem>.*)", re.DOTALL)
_AGAIN = "then run check again (loading stops at a file's first error)"
_HINTS = (  # (regex over the problem, hint)
    ("plain text", "run `summit-connector encrypt -v <value>` and paste the ENC: value, "
                   "or move the secret to the environment or .env"),
    ("USES_TLS=False", "set USES_TLS=True (OpCon 20+ requires TLS); keep False for a lab or the sandbox only"),
    ("plain http", "use an https:// address; keep http:// for a lab or the sandbox only"),
    ("unknown indicator", "use TAG_START, TAG_END, DEFAULT, EXIT, CATNAME or ASSIGNTO"),
    ("invalid JSON", f"fix the JSON syntax there (quotes, commas, brackets, true/false), {_AGAIN}"),
    ("HHMM", f'write times as four digits in quotes, e.g. "0800", {_AGAIN}'),
    ("template file not found", "check the name given to -t and [GENERAL] TEMPLATESDIR"),
    ("^file not found$", "pass -c PATH or set SUMMIT_CONNECTOR_CONFIG, or create the file"),
    ("^file not found, got", "a relative path is relative to the folder holding Connector.config"),
)


def from_message(message: str, source: str, severity: Severity) -> Finding:
    """`<source>: <where>: <problem>` → a finding of `source` at `where`; other text stays whole."""
    rest = message.removeprefix(f"{source}: ")
    located = _LOCATED.fullmatch(rest) if rest != message else None
    where = (located["where"] or located["dotted"]) if located else ""
    problem = located["problem"] if located else rest
    return Finding(where, severity, problem, _hint(problem, severity), source)


def _hint(problem: str, severity: Severity) -> str:
    default = f"correct it, {_AGAIN}" if severity is Severity.ERROR else ""
    return next((hint for pattern, hint in _HINTS if re.search(pattern, problem)), default)
