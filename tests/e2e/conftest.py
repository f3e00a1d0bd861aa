"""End-to-end fixtures: a live emulator on loopback, its config files, and the installed CLI as a subprocess."""

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from summit_connector.adapters.emulator import Emulator, Samples, SampleJob, sample_config_files

from tests.e2e.cli_runner import CLI, Run


@dataclass
class Sandbox:
    emulator: Emulator
    samples: Samples
    config: Path
    template: Path
    folder: Path

    def report(self, job: SampleJob, *extra: str, env: dict[str, str] | None = None) -> Run:
        return self.run("-c", str(self.config), *job.report_args(), "-t", "sandbox", *extra, env=env)

    def run(self, *args: str, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()) -> Run:
        """`prefix` goes before the CLI, e.g. a command that drops privileges."""
        environment = {k: v for k, v in os.environ.items() if not k.startswith("SUMMIT_CONNECTOR_")}
        environment.update(env or {})
        done = subprocess.run([*prefix, str(CLI), *args], capture_output=True, text=True, timeout=60,
                              env=environment, cwd=self.folder)
        return Run(done.returncode, done.stdout, done.stderr)

    def edit_template(self, **changes: object) -> None:
        template = json.loads(self.template.read_text())
        template.update(changes)
        self.template.write_text(json.dumps(template))

    def job(self, job: SampleJob):
        return self.emulator.state.jobs[job.id]


@pytest.fixture
def sandbox(tmp_path):
    with Emulator() as emulator:
        samples = emulator.seed_samples()
        config, template = sample_config_files(tmp_path, emulator)
        yield Sandbox(emulator, samples, config, template, tmp_path)
