"""`init` with the installed CLI (issue 12): a fresh install folder, then `check` on it names only what the site
must fill in, one placeholder at a time, until it passes."""

import json
import os
import subprocess
from pathlib import Path

from tests.e2e.cli_runner import CLI, Run

PLACEHOLDER = "ADDRESS=<fill in: OpCon API host name>"


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Run:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SUMMIT_CONNECTOR_")}
    environment.update(env or {})
    done = subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=60, env=environment, cwd=cwd)
    return Run(done.returncode, done.stdout, done.stderr)


def findings(run: Run) -> list[str]:
    """The finding lines of `check`'s output (the last line is its summary)."""
    return run.stdout.splitlines()[:-1]


def test_init_then_check_shows_every_placeholder_to_fill_in_at_once_b_16_4(tmp_path):
    site = tmp_path / "site"
    config = site / "Connector.config"

    laid_out = cli("init", "site", cwd=tmp_path)
    fresh = cli("check", "-c", str(config), cwd=tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace(PLACEHOLDER, "ADDRESS=opcon.example.com"),
                      encoding="utf-8")
    address_filled = cli("check", "-c", str(config), cwd=tmp_path)
    token_set = cli("check", "-c", str(config), cwd=tmp_path, env={"SUMMIT_CONNECTOR_OPCON_TOKEN": "a-token"})
    template = json.loads((site / "templates" / "basic.json").read_text(encoding="utf-8"))
    template["address"]["value"] = template["viewAddress"]["value"] = "summit.example.com"
    (site / "templates" / "basic.json").write_text(json.dumps(template), encoding="utf-8")
    secrets = {"SUMMIT_CONNECTOR_OPCON_TOKEN": "a-token", "SUMMIT_CONNECTOR_SUMMIT_API_KEY": "a-key"}
    done = cli("check", "--strict", cwd=site, env=secrets)

    assert laid_out.code == 0 and "  created Connector.config\n" in laid_out.stdout, laid_out.stderr
    assert [fresh.code, address_filled.code, token_set.code, done.code] == [2, 2, 2, 0]
    address, token, summit, api_key = findings(fresh)  # every placeholder in one run (B-16.4)
    assert "[OPCON API] ADDRESS: must be a host name" in address and "<fill in: OpCon API host name>" in address
    assert "[OPCON API] TOKEN: missing; set it here, in SUMMIT_CONNECTOR_OPCON_TOKEN" in token
    assert "templates/basic.json: address.value: must be a host name" in summit
    assert api_key.startswith("warning: templates/basic.json: credentials.apiKey")
    assert findings(address_filled) == [token, summit, api_key]
    assert findings(token_set) == [summit, api_key]
    assert done.stdout == "OK: Connector.config and 1 template\n"
    assert "error" not in fresh.stderr + address_filled.stderr + token_set.stderr + done.stderr


def test_init_from_a_vendor_folder_copies_it_and_prints_what_to_fix(tmp_path):
    vendor = tmp_path / "vendor"
    (vendor / "templates").mkdir(parents=True)
    (vendor / "Connector.config").write_text("[OPCON API]\nSERVER=opcon.example.com\nTOKEN=plain\n", encoding="utf-8")
    (vendor / "templates" / "basic.json").write_text('{"address": {"name": "p", "value": "summit.example.com"}}',
                                                     encoding="utf-8")

    result = cli("init", "site", "--from", str(vendor), cwd=tmp_path)

    assert result.code == 2
    assert "  copied Connector.config\n" in result.stdout and "  copied templates/basic.json\n" in result.stdout
    assert "warning: " in result.stdout and "[OPCON API] TOKEN: is plain text" in result.stdout
    assert "error: templates/basic.json: credentials: is required" in result.stdout
