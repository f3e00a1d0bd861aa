"""service.json (B-14.1): in the state folder, written atomically for its owner only, read with any doubt as None."""

import json
import os
import stat
from pathlib import Path

import pytest

from summit_connector import __version__
from summit_connector.entrypoints import service_file
from summit_connector.entrypoints.service_file import (
    ServiceInfo,
    new_service_info,
    read_service_file,
    remove_service_file,
    service_file_path,
    write_service_file,
)

SECRET = "ab" * 32


def make_config(folder: Path, general: str = "") -> Path:
    path = folder / "Connector.config"
    path.write_text(f"[GENERAL]\nTEMPLATESDIR=templates\n{general}\n[OPCON API]\nADDRESS=127.0.0.1\n")
    return path


def make_info(**overrides: object) -> ServiceInfo:
    values = {"pid": 4321, "port": 50123, "started": "2024-09-21T06:00:00", "config": "/opt/sc/Connector.config",
              "secret": SECRET}
    values.update(overrides)
    return ServiceInfo(**values)


def written(path: Path, **overrides: object) -> Path:
    content = {"pid": 4321, "port": 50123, "host": "127.0.0.1", "started": "2024-09-21T06:00:00",
               "version": "0.1.0", "config": "/opt/sc/Connector.config", "secret": SECRET}
    content.update(overrides)
    path.write_text(json.dumps({key: value for key, value in content.items() if value is not None}))
    return path


def test_service_file_is_beside_connector_config_without_statedir(tmp_path):
    config = make_config(tmp_path)

    assert service_file_path(config) == tmp_path / "service.json"


def test_service_file_is_in_statedir_relative_to_the_config_folder(tmp_path):
    config = make_config(tmp_path, "STATEDIR=state")

    assert service_file_path(config) == tmp_path / "state" / "service.json"


def test_statedir_key_and_section_name_are_case_insensitive(tmp_path):
    config = tmp_path / "Connector.config"
    config.write_text("[general]\nstateDir = var/state \n")

    assert service_file_path(config) == tmp_path / "var" / "state" / "service.json"


def test_an_absolute_statedir_is_used_as_it_is(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    config = make_config(tmp_path, f"STATEDIR={elsewhere}")

    assert service_file_path(config) == elsewhere / "service.json"


@pytest.mark.parametrize("general", ["STATEDIR=", "STATEDIR=   ", "[OTHER]\nSTATEDIR=elsewhere"])
def test_an_empty_or_misplaced_statedir_means_the_config_folder(tmp_path, general):
    config = make_config(tmp_path, general)

    assert service_file_path(config) == tmp_path / "service.json"


def test_a_missing_or_unparsable_config_means_the_config_folder(tmp_path):
    broken = tmp_path / "broken.config"
    broken.write_text("no section header\nSTATEDIR=state\n")

    assert service_file_path(tmp_path / "absent.config") == tmp_path / "service.json"
    assert service_file_path(broken) == tmp_path / "service.json"


def test_a_relative_config_path_gives_an_absolute_service_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_config(tmp_path, "STATEDIR=state")

    assert service_file_path(Path("Connector.config")) == tmp_path / "state" / "service.json"


def test_written_service_file_reads_back_the_same(tmp_path):
    path, info = tmp_path / "service.json", make_info(wait_seconds=12.5)

    write_service_file(path, info)

    assert read_service_file(path) == info


def test_written_service_file_holds_the_protocol_keys(tmp_path):
    path = tmp_path / "service.json"

    write_service_file(path, make_info())

    content = json.loads(path.read_text(encoding="utf-8"))
    assert {key: type(value) for key, value in content.items()} == {
        "pid": int, "port": int, "host": str, "started": str, "version": str, "config": str, "secret": str,
        "wait_seconds": float,
    }
    assert content["host"] == "127.0.0.1"
    assert content["version"] == __version__


@pytest.mark.skipif(os.name == "nt", reason="Windows has no owner-only mode bits")
def test_written_service_file_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "service.json"

    write_service_file(path, make_info())

    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_without_mode_bits_the_file_is_just_written(tmp_path, monkeypatch):
    path = tmp_path / "service.json"
    monkeypatch.setattr(service_file, "HAS_MODES", False)
    monkeypatch.setattr(service_file.os, "chmod", _no_chmod)

    write_service_file(path, make_info())

    assert read_service_file(path) == make_info()


def _no_chmod(*args: object) -> None:
    raise NotImplementedError("as on Windows: no owner-only mode")


def test_writing_replaces_the_previous_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "service.json"
    write_service_file(path, make_info(port=1111))

    write_service_file(path, make_info(port=2222))

    assert read_service_file(path).port == 2222
    assert [entry.name for entry in tmp_path.iterdir()] == ["service.json"]


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "service.json"
    write_service_file(path, make_info(port=1111))
    monkeypatch.setattr(service_file.os, "replace", _disk_full)

    with pytest.raises(OSError, match="disk full"):
        write_service_file(path, make_info(port=2222))

    assert read_service_file(path).port == 1111
    assert [entry.name for entry in tmp_path.iterdir()] == ["service.json"]


def _disk_full(*args: object) -> None:
    raise OSError("disk full")


def test_a_missing_service_file_reads_as_none(tmp_path):
    assert read_service_file(tmp_path / "service.json") is None


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", "{\"pid\": 1", "\"text\""])
def test_a_service_file_that_is_not_a_json_object_reads_as_none(tmp_path, text):
    path = tmp_path / "service.json"
    path.write_text(text)

    assert read_service_file(path) is None


@pytest.mark.parametrize("key", ["pid", "port", "host", "started", "version", "config", "secret"])
def test_a_service_file_without_a_required_key_reads_as_none(tmp_path, key):
    path = written(tmp_path / "service.json", **{key: None})

    assert read_service_file(path) is None


@pytest.mark.parametrize("overrides", [
    {"pid": "4321"}, {"pid": True}, {"pid": 0}, {"port": 4.5}, {"port": 0}, {"port": 70000}, {"secret": 12},
    {"wait_seconds": "90"}, {"wait_seconds": 0}, {"wait_seconds": False},
])
def test_a_service_file_with_a_value_of_the_wrong_kind_reads_as_none(tmp_path, overrides):
    path = written(tmp_path / "service.json", **overrides)

    assert read_service_file(path) is None


def test_a_service_file_without_wait_seconds_waits_90_seconds(tmp_path):
    path = written(tmp_path / "service.json")

    assert read_service_file(path).wait_seconds == 90


def test_a_service_file_keeps_its_wait_seconds_and_ignores_unknown_keys(tmp_path):
    path = written(tmp_path / "service.json", wait_seconds=5, metrics="/metrics")

    assert read_service_file(path) == make_info(version="0.1.0", wait_seconds=5.0)


def test_an_unreadable_service_file_reads_as_none(tmp_path, monkeypatch):
    path = written(tmp_path / "service.json")
    monkeypatch.setattr(Path, "read_text", _permission_denied)

    assert read_service_file(path) is None


def _permission_denied(*args: object, **kwargs: object) -> str:
    raise PermissionError(13, "Permission denied")


def test_a_folder_in_place_of_the_service_file_reads_as_none(tmp_path):
    (tmp_path / "service.json").mkdir()

    assert read_service_file(tmp_path / "service.json") is None


def test_the_service_removes_its_own_file(tmp_path):
    path, info = tmp_path / "service.json", make_info()
    write_service_file(path, info)

    remove_service_file(path, info)

    assert not path.exists()


@pytest.mark.parametrize("successor", [{"secret": "cd" * 32}, {"pid": 9999}])
def test_the_service_leaves_a_successors_file_alone(tmp_path, successor):
    path = tmp_path / "service.json"
    write_service_file(path, make_info(**successor))

    remove_service_file(path, make_info())

    assert read_service_file(path) == make_info(**successor)


def test_removing_a_missing_file_is_no_error(tmp_path):
    remove_service_file(tmp_path / "service.json", make_info())

    assert not (tmp_path / "service.json").exists()


def test_a_new_service_info_names_this_process_the_resolved_config_and_a_256_bit_secret(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_config(tmp_path)

    info = new_service_info(Path("Connector.config"), 50123, "2024-09-21T06:00:00", wait_seconds=30)

    assert (info.pid, info.port, info.config, info.version, info.wait_seconds) == (
        os.getpid(), 50123, str((tmp_path / "Connector.config").resolve()), __version__, 30)
    assert len(bytes.fromhex(info.secret)) == 32
    assert new_service_info(Path("Connector.config"), 1, "x").secret != info.secret


def test_the_secret_is_not_in_the_repr():
    assert SECRET not in repr(make_info())
