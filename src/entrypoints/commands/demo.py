"""`summit-connector demo`: the emulator in-process, a sample failure reported over HTTP, what each side received."""

import tempfile
from pathlib import Path
from typing import TextIO

from summit_connector.application.errors import DeliveryFailed
from summit_connector.application.report import ReportOutcome
from summit_connector.domain.model import FailureEvent
from summit_connector.entrypoints.arguments import PROGRAM
from summit_connector.entrypoints.exit_codes import ExitCode, exit_code_for
from summit_connector.entrypoints.loading import load_config_and_template


def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    from summit_connector.adapters.emulator import sample_config_files
    from summit_connector.entrypoints.container import make_emulator

    with tempfile.TemporaryDirectory(prefix="summit-connector-demo-") as folder, make_emulator() as emulator:
        job = emulator.seed_samples().plain
        config_path, _ = sample_config_files(Path(folder), emulator)
        try:
            outcome = report_over_http(str(config_path), _event(job))
        except DeliveryFailed as failure:
            print(f"{PROGRAM}: error: {failure}", file=stderr)
            return exit_code_for(failure)
        from summit_connector.entrypoints.views.demo import show

        show(stdout, outcome, emulator, job.id)
    return ExitCode.OK


def report_over_http(config_path: str, event: FailureEvent) -> ReportOutcome:
    """The same wiring as `report`, with an empty environment so local overrides cannot leak in."""
    from summit_connector.entrypoints.container import Container

    config, template = load_config_and_template(config_path, "sandbox", {})
    container = Container(config=config, loaded_template=template, environ={})
    return container.report()(event)


def _event(job) -> FailureEvent:
    return FailureEvent(job.agent, job.schedule, job.name, job.termination, job.date, job.schedule_id, job.instance)

