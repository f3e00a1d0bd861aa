"""One root, one run shell, one plan (issue 16): a report run builds one container, opens the state store once
and plans once; no command module builds a container or imports another command."""

import ast
from pathlib import Path

import pytest

from summit_connector.adapters.emulator import Emulator, sample_config_files
from summit_connector.adapters.state import store as state_store
from summit_connector.application import report as report_use_case
from summit_connector.entrypoints import container as composition_root

from tests.entrypoints.cli_harness import run_cli

SRC = Path(__file__).resolve().parents[2] / "src"
COMMANDS = SRC / "entrypoints" / "commands"


@pytest.fixture
def lab(tmp_path):
    with Emulator() as emulator:
        samples = emulator.seed_samples()
        config, _ = sample_config_files(tmp_path, emulator)
        yield emulator, samples, config


def counting(monkeypatch, owner, name: str) -> list[object]:
    calls: list[object] = []
    original = getattr(owner, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def report(config: Path, job, *extra: str):
    return run_cli(["report", "-c", str(config), *job.report_args(), "-t", "sandbox", *extra])


def test_a_report_run_builds_one_root_and_opens_the_state_store_once(lab, monkeypatch):
    emulator, samples, config = lab
    roots = counting(monkeypatch, composition_root, "bootstrap")
    stores = counting(monkeypatch, state_store.SqliteStore, "__init__")

    result = report(config, samples.plain)

    assert result.code == 0, result.stderr
    assert (len(roots), len(stores)) == (1, 1), f"{len(roots)} roots and {len(stores)} stores for one report"


def test_a_report_whose_closed_ticket_makes_a_new_incident_plans_once(lab, monkeypatch):
    emulator, samples, config = lab
    plans = counting(monkeypatch, report_use_case, "plan_report")

    result = report(config, samples.closed_ticket)

    assert result.code == 0, result.stderr
    assert "created" in result.stdout and len(plans) == 1, f"{len(plans)} plans: {result.stdout}"


def test_only_the_composition_root_builds_a_container():
    builders = [str(path.relative_to(SRC)) for path in SRC.rglob("*.py")
                if "Container(" in path.read_text() and path != SRC / "entrypoints" / "container.py"]

    assert builders == [], f"these modules build a container outside the composition root: {builders}"


def test_no_command_module_imports_another_command():
    found = []
    for path in COMMANDS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and "entrypoints.commands" in node.module:
                found.append(f"{path.name} imports {node.module}")

    assert found == [], f"commands import each other: {found}"
