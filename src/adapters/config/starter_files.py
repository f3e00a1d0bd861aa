"""What `init` writes: a Connector.config holding every key the loader reads, each with a comment saying what it
does and its default, and the packaged `templates/basic.json`.

The keys and their defaults come from the loader's own declarations (the section models of `connector_file.py`
and `DEFAULT_KEYS`), so the starter file follows the loader; only the explanations are written here.
"""

from dataclasses import dataclass
from importlib.resources import files
from textwrap import wrap

from pydantic import AliasChoices, BaseModel
from pydantic_core import PydanticUndefined

from summit_connector.adapters.config.connector_file import DEFAULT_KEYS, SECTIONS, TOKEN_ENV, ConnectorFile
from summit_connector.domain.template import VENDOR_DEFAULT_ATTRIBUTES

STARTER_TEMPLATE = "basic.json"
_WIDTH = 110


@dataclass(frozen=True)
class Key:
    """One key's comment. `empty` says what an empty value means (when that is the default); `value` replaces the
    default as written (a placeholder, the vendor's spelling); `fill_in` marks a value only the site knows."""

    text: str
    empty: str = ""
    value: str | None = None
    fill_in: bool = False


EXPLAINED: dict[str, dict[str, Key]] = {
    "GENERAL": {
        "joblogdir": Key("Folder where job logs wait until they are attached to the incident."),
        "templatesdir": Key("Folder holding the templates that -t names."),
        "logdir": Key("Folder of the rotating log, summit-connector.log (ours)."),
        "daily_start_hour": Key("Hour (0-23) a new day starts for submitSingleIncidentPerDay."),
        "debug": Key("ON adds one log line per HTTP exchange, secrets masked.", value="OFF"),
        "timezone": Key("IANA time zone for working hours and the daily window, e.g. Europe/Amsterdam (ours).",
                        empty="the machine's time zone"),
        "http_timeout": Key("Seconds to wait for OpCon or Summit to answer (ours)."),
        "max_joblog_bytes": Key("A bigger job log keeps its head and tail; at least 1024 (ours)."),
        "statedir": Key("Folder of the state store summit-connector.sqlite3 (outbox, journal, history; ours)."),
        "history_days": Key("Days of run history kept (ours)."),
    },
    "PROXY SERVER": {
        "uses_proxy": Key("True sends the calls to Summit through the proxy below (OpCon is called directly)."),
        "address": Key("Proxy host name or http://host:port; also read as SERVER.", empty="no proxy"),
        "port": Key("Proxy port.", empty="the port in ADDRESS, else 80"),
    },
    "SERVICE": {
        "port": Key("Loopback port of `summit-connector serve`; 0 takes any free port (ours)."),
        "wait_seconds": Key("Seconds a run handed to the service waits for its outcome before it exits 1, its "
                            "failure kept (ours)."),
        "concurrency": Key("Deliveries the service runs at once (ours)."),
        "retry_seconds": Key("Seconds between the service's replays of kept failures (ours)."),
        "sync_seconds": Key("Seconds between the service's sync passes; 0 turns them off (ours)."),
        "reconcile_seconds": Key("Seconds between the service's reconcile passes, for templates with a reconcile "
                                 "block; 0 turns them off (ours)."),
        "stop_seconds": Key("Seconds deliveries in flight may take to finish when the service stops (ours)."),
        "metrics_file": Key("File the service also writes its metrics to, for a node exporter's textfile "
                            "collector (ours).", empty="none"),
    },
    "OPCON API": {
        "address": Key("The OpCon API server: a host name or https://host:port; also read as SERVER.",
                       value="<fill in: OpCon API host name>", fill_in=True),
        "port": Key("The OpCon API port (usually 9010).", empty="the port in ADDRESS, else 443 (80 without TLS)"),
        "uses_tls": Key("True calls OpCon over https; False only for a lab or the sandbox."),
        "token": Key(f"The OpCon API token: an ENC: value from `summit-connector encrypt -v TOKEN`, or leave it "
                     f"empty and set {TOKEN_ENV} in the environment or in .env beside this file.", fill_in=True),
        "verify_tls": Key("False accepts any certificate from OpCon (a lab only) (ours)."),
        "ca_bundle": Key("PEM file of the CA that signed OpCon's certificate (ours).",
                         empty="the system's certificates"),
    },
}
_HEADER = """\
; Connector.config for summit-connector (the vendor's Symphony Summit Connector file, with our additions).
; Every key the connector reads is here with its default; "(ours)" marks keys the vendor connector does not know.
; Keys are case-insensitive; an empty value means the default. Relative folders are relative to this file's folder.
; Fill in what is marked "fill in", then run: summit-connector check
"""


def starter_config() -> str:
    return _HEADER + "".join(
        f"\n[{section}]\n" + "".join(_lines(name, key, default) for name, key, default in section_keys(section))
        for section in SECTIONS
    )


def starter_template() -> bytes:
    """The repository's `templates/basic.json`, shipped in the package."""
    return (files(__package__) / "starter" / STARTER_TEMPLATE).read_bytes()


def fill_in() -> list[str]:
    """`[OPCON API] ADDRESS`, ...: the keys only the site can fill in."""
    return [f"[{section}] {name.upper()}" for section in SECTIONS for name, key, _ in section_keys(section)
            if key.fill_in]


def section_keys(section: str) -> list[tuple[str, Key, object]]:
    """`(key, its comment, its default)` in the loader's order; the key is the first of its synonyms."""
    if section == "DEFAULTS":
        return [(name, _default_key(field), VENDOR_DEFAULT_ATTRIBUTES[field]) for name, field in DEFAULT_KEYS.items()]
    model = ConnectorFile.model_fields[_field_of(section)].annotation
    assert isinstance(model, type) and issubclass(model, BaseModel)
    explained = EXPLAINED.get(section, {})
    return [(_first_name(name, info.validation_alias), explained.get(name, Key("")), info.default)
            for name, info in model.model_fields.items()]


def _field_of(section: str) -> str:
    return next(name for name, info in ConnectorFile.model_fields.items() if info.alias == section)


def _first_name(name: str, alias: object) -> str:
    return str(alias.choices[0]) if isinstance(alias, AliasChoices) else name


def _default_key(field: str) -> Key:
    return Key(f"Summit's {field} for an incident, unless the template or a tag sets it.")


def _lines(name: str, key: Key, default: object) -> str:
    """`; KEY: what it does. Default: value` over `KEY=value`."""
    value = _written(default) if key.value is None else key.value
    comment = wrap(f"{name.upper()}: {key.text} {_default_said(key, value)}", _WIDTH, initial_indent="; ",
                   subsequent_indent=";   ")
    return "\n".join(comment) + f"\n{name.upper()}={value}\n"


def _default_said(key: Key, value: str) -> str:
    if key.fill_in:
        return "Required: fill in."
    return f"Default: {value}" if value else f"Default: empty, {key.empty}."


def _written(default: object) -> str:
    if default is None or default is PydanticUndefined:
        return ""
    if isinstance(default, float) and default.is_integer():
        return str(int(default))
    return str(default)
