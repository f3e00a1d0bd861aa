"""An install folder for `init`: Connector.config, its templates and the folders it names, written from the
starter files or copied from the vendor connector's folder. Nothing that exists is ever overwritten: it is kept,
and the record says so.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from summit_connector.adapters.config.connector_file import GeneralSection, _read_sections
from summit_connector.adapters.config.problems import invalid
from summit_connector.adapters.config.starter_files import STARTER_TEMPLATE, starter_config, starter_template
from summit_connector.application.errors import InvalidInput

CONFIG = "Connector.config"
_FROM = "--from takes the vendor connector's install folder, the one holding its Connector.config"


class Placement(StrEnum):
    CREATED = "created"
    COPIED = "copied"
    KEPT = "kept existing"


@dataclass(frozen=True)
class Placed:
    path: Path
    placement: Placement
    folder: bool = False


def lay_out(install: Path, vendor: Path | None = None) -> list[Placed]:
    """The install folder from the starter files, or from `vendor`'s Connector.config and templates folder;
    then the job-log, log and state folders that the resulting Connector.config names."""
    vendor_config = None if vendor is None else _vendor_config(vendor)
    config = install / CONFIG
    placed = [_folder(install), _config(config, vendor_config)]
    templates = install / _named(config, "templatesdir")
    if vendor_config is None:
        placed += [_folder(templates), _file(templates / STARTER_TEMPLATE, starter_template())]
    else:
        placed += _tree(vendor_config.parent / _named(vendor_config, "templatesdir"), templates)
    placed += [_folder(install / _named(config, key)) for key in ("joblogdir", "logdir", "statedir")]
    return _first_of_each(placed)


def _config(path: Path, vendor_config: Path | None) -> Placed:
    if vendor_config is None:
        return _file(path, starter_config().encode("utf-8"))
    return _file(path, _read(vendor_config), Placement.COPIED)


def _vendor_config(vendor: Path) -> Path:
    if not vendor.is_dir():
        raise invalid(str(vendor), "", f"no such folder; {_FROM}")
    config = vendor / CONFIG
    if not config.is_file():
        raise invalid(str(config), "", f"not found; {_FROM}")
    return config


def _named(config: Path, key: str) -> str:
    """A folder [GENERAL] names, or its default when the key is absent or the file cannot be read (then `check`
    says why)."""
    try:
        general = _read_sections(config, str(config)).get("GENERAL", {})
    except InvalidInput:
        general = {}
    return general.get(key) or str(GeneralSection.model_fields[key].default)


def _tree(source: Path, target: Path) -> Iterator[Placed]:
    """Every file below `source`, at the same place below `target`; nothing when `source` is missing."""
    if not source.is_dir():
        return
    yield _folder(target)
    for path in sorted(source.rglob("*")):
        if path.is_file():
            yield _file(target / path.relative_to(source), _read(path), Placement.COPIED)


def _folder(path: Path) -> Placed:
    if path.exists():
        return Placed(path, Placement.KEPT, folder=True)
    try:
        path.mkdir(parents=True)
    except FileExistsError:
        return Placed(path, Placement.KEPT, folder=True)
    except OSError as error:
        raise invalid(str(path), "", f"cannot be created: {error.strerror}") from None
    return Placed(path, Placement.CREATED, folder=True)


def _file(path: Path, content: bytes, placement: Placement = Placement.CREATED) -> Placed:
    """Created only when absent (`x` mode), so a file that appears meanwhile is not overwritten either."""
    _make_parent(path)
    try:
        with path.open("xb") as file:
            file.write(content)
    except FileExistsError:
        return Placed(path, Placement.KEPT)
    except OSError as error:
        raise invalid(str(path), "", f"cannot be written: {error.strerror}") from None
    return Placed(path, placement)


def _make_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise invalid(str(path.parent), "", "is a file; a folder is needed here") from None
    except OSError as error:
        raise invalid(str(path.parent), "", f"cannot be created: {error.strerror}") from None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise invalid(str(path), "", f"cannot be read: {error.strerror}") from None


def _first_of_each(placed: list[Placed]) -> list[Placed]:
    """A folder named twice (STATEDIR=. is the install folder itself) is listed once."""
    seen: set[Path] = set()
    unique = []
    for item in placed:
        if item.path.resolve() not in seen:
            seen.add(item.path.resolve())
            unique.append(item)
    return unique
