"""Runs `main` with captured streams, and writes a minimal Connector.config and template for CLI tests."""

import io
import json
from dataclasses import dataclass
from pathlib import Path

from summit_connector.entrypoints.cli import main

VENDOR_ARGS = [
    "-a", "WINAGENT01", "-s", "PAYROLL", "-jn", "JOB001", "-e", "0000000001",
    "-sd", "2024-09-21", "-si", "16", "-sn", "1", "-t", "basic.json",
]


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


def run_cli(argv: list[str], environ: dict[str, str] | None = None) -> Result:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err, environ=environ or {})
    return Result(int(code), out.getvalue(), err.getvalue())


def with_flag(args: list[str], flag: str, value: str) -> list[str]:
    changed = list(args)
    changed[changed.index(flag) + 1] = value
    return changed


def write_config(folder: Path, opcon_section: str | None = None, general: str = "") -> Path:
    opcon = opcon_section or "ADDRESS=127.0.0.1\nPORT=9010\nUSES_TLS=False\nTOKEN=a-token"
    (folder / "templates").mkdir(exist_ok=True)
    path = folder / "Connector.config"
    path.write_text(f"[GENERAL]\nTEMPLATESDIR=templates\n{general}\n[OPCON API]\n{opcon}\n")
    return path


def write_template(folder: Path, name: str = "basic.json", **overrides: object) -> Path:
    template = {
        "ticketDescription": "OpCon job @EV_Job failed",
        "ticketInformation": "schedule @EV_Schedule",
        "address": {"name": "lab", "value": "http://127.0.0.1:1"},
        "credentials": {"apiKey": "a-key"},
        "rules": {"includeJobLogAttachment": False},
    }
    template.update(overrides)
    path = folder / "templates" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(template))
    return path
