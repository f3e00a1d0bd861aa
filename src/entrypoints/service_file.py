"""service.json (B-14.1): how a run reaches the resident service of its state folder. Standard library only.

The service writes it at start and removes it at stop; every report or recover run reads it, so reading it imports
nothing heavy and any doubt about it (missing, unreadable, damaged, incomplete) reads as "no service".
"""

import configparser
import json
import os
from pathlib import Path

from summit_connector import __version__

SERVICE_FILE = "service.json"
LOCAL_HOST = "127.0.0.1"
DEFAULT_WAIT_SECONDS = 90.0
HAS_MODES = os.name != "nt"
"""Windows has no owner-only mode bits (os.chmod sets only the read-only flag): the file is then just written."""
OWNER_ONLY = 0o600
_REQUIRED = {"pid": int, "port": int, "host": str, "started": str, "version": str, "config": str, "secret": str}


class ServiceInfo:
    """What service.json says of the running service. A plain class: `dataclasses` costs every run a few
    milliseconds it does not need. Its repr never shows the secret."""

    __slots__ = ("pid", "port", "started", "config", "secret", "version", "host", "wait_seconds")

    def __init__(self, pid: int, port: int, started: str, config: str, secret: str, version: str = __version__,
                 host: str = LOCAL_HOST, wait_seconds: float = DEFAULT_WAIT_SECONDS) -> None:
        self.pid, self.port, self.started, self.config = pid, port, started, config
        self.secret, self.version, self.host, self.wait_seconds = secret, version, host, wait_seconds

    def as_json(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ServiceInfo) and self.as_json() == other.as_json()

    def __hash__(self) -> int:
        return hash((self.pid, self.port, self.secret))

    def __repr__(self) -> str:
        return f"ServiceInfo(pid={self.pid}, port={self.port}, config={self.config!r}, started={self.started!r})"


def new_service_info(config: Path, port: int, started: str, wait_seconds: float = DEFAULT_WAIT_SECONDS) -> ServiceInfo:
    """This process serving `config` on `port`, with a fresh 256-bit secret; `started` is ISO-8601 local time."""
    import secrets  # only the service makes a secret; a run only reads one

    return ServiceInfo(pid=os.getpid(), port=port, started=started, config=str(Path(config).resolve()),
                       secret=secrets.token_hex(32), wait_seconds=wait_seconds)


def service_file_path(config_path: Path) -> Path:
    """`service.json` in the state folder: `[GENERAL] STATEDIR` relative to the folder holding Connector.config."""
    folder = Path(config_path).absolute().parent
    return folder / _state_dir(Path(config_path)) / SERVICE_FILE


def _state_dir(config_path: Path) -> str:
    """As the config loader reads it: section names upper-cased, keys lower-cased, an empty value is no value."""
    parser = configparser.ConfigParser(interpolation=None, strict=False, default_section="\0")
    try:
        parser.read_string(config_path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, configparser.Error):
        return "."
    found = [parser.get(name, "statedir").strip() for name in parser.sections()
             if " ".join(name.upper().split()) == "GENERAL" and parser.has_option(name, "statedir")]
    return found[-1] if found and found[-1] else "."


def write_service_file(path: Path, info: ServiceInfo) -> None:
    """Atomic: a reader sees the previous file or the whole new one; readable by its owner only where modes exist."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY)
        with open(descriptor, "w", encoding="utf-8") as file:
            json.dump(info.as_json(), file, indent=2)
            file.write("\n")
        owner_only(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def owner_only(path: Path) -> None:
    if HAS_MODES:
        os.chmod(path, OWNER_ONLY)


def read_service_file(path: Path) -> ServiceInfo | None:
    """None when the file is missing, unreadable, not a JSON object, or lacks a required key of the right type."""
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(content, dict) or not all(_is(content.get(key), kind) for key, kind in _REQUIRED.items()):
        return None
    wait = content.get("wait_seconds", DEFAULT_WAIT_SECONDS)
    if content["pid"] < 1 or not 0 < content["port"] < 65536 or not (_is(wait, float) and 0 < wait < 10**6):
        return None
    return ServiceInfo(**{key: content[key] for key in _REQUIRED}, wait_seconds=float(wait))


def _is(value: object, kind: type) -> bool:
    """Exactly that JSON type: a boolean is no number; an int is a float too."""
    if isinstance(value, bool):
        return False
    return isinstance(value, (int, float) if kind is float else kind)


def remove_service_file(path: Path, info: ServiceInfo) -> None:
    """Removes the file only while it still names this service (pid and secret): never a successor's."""
    current = read_service_file(path)
    if current is not None and (current.pid, current.secret) == (info.pid, info.secret):
        path.unlink(missing_ok=True)
