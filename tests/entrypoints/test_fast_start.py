"""`--help` and `--version` stay fast: no heavy library is imported before a command needs it (style point 9)."""

import subprocess
import sys

import pytest

HEAVY = ("httpx", "pydantic", "rich", "dependency_injector", "cryptography", "dotenv")
SCRIPT = """
import io, sys
from summit_connector.entrypoints.cli import main
main({argv!r}, stdout=io.StringIO(), stderr=io.StringIO(), environ={{}})
print(" ".join(sorted({{name.split(".")[0] for name in sys.modules}} & set({heavy!r}))))
"""


def heavy_modules_after(argv: list[str]) -> str:
    script = SCRIPT.format(argv=argv, heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.mark.parametrize("argv", [["--help"], ["--version"], [], ["report", "--help"], ["encrypt", "--help"]])
def test_help_and_version_import_no_heavy_library(argv):
    assert heavy_modules_after(argv) == ""


def test_the_check_sees_a_heavy_import_when_a_command_needs_one(tmp_path):
    assert "cryptography" in heavy_modules_after(["encrypt", "-v", "x", "-c", str(tmp_path / "Connector.config")])
