"""`summit-connector check [-t T] [--online] [--strict]` (B-7): Connector.config and every template (or one),
then with `--online` a probe of OpCon and of Summit for each template. Exit 0 clean, 1 warnings under --strict,
2 errors."""

from dataclasses import replace
from pathlib import Path
from typing import TextIO, TypeVar

from summit_connector.adapters.config.settings import (
    ConnectorConfig,
    LoadedTemplate,
    OpConConnection,
    SummitConnection,
)
from summit_connector.domain.findings import Finding, Severity, count
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.loading import config_path

PROBE_TIMEOUT_SECONDS = 10.0
CA_BUNDLE = "[OPCON API] CA_BUNDLE"
Connection = TypeVar("Connection", OpConConnection, SummitConnection)


def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    from summit_connector.entrypoints.views.check import show

    path = config_path(args.config, environ)
    findings, templates = _findings(args, path, environ)
    show(stdout, findings, str(path), templates)
    return exit_code(findings, args.strict)


def _findings(args, path: Path, environ: dict[str, str]) -> tuple[list[Finding], int]:
    """Every finding, and how many templates were checked."""
    from summit_connector.adapters.config.config_checks import (
        check_connector_config,
        check_template_file,
        template_names,
    )
    from summit_connector.adapters.config.template_file import template_source

    config, findings = check_connector_config(path, environ)
    if config is None:
        return findings, 0
    names = [args.template] if args.template else template_names(config)
    checked = {template_source(name, config): check_template_file(name, config, environ) for name in names}
    findings += [finding for _, found in checked.values() for finding in found]
    if args.online:
        loaded = {source: template for source, (template, _) in checked.items() if template is not None}
        findings += _probes(config, loaded, str(path))
    return findings, len(names)


def exit_code(findings: list[Finding], strict: bool) -> ExitCode:
    if count(findings, Severity.ERROR):
        return ExitCode.INVALID_INPUT
    if strict and count(findings, Severity.WARNING):
        return ExitCode.WARNINGS
    return ExitCode.OK


def _probes(config: ConnectorConfig, templates: dict[str, LoadedTemplate], source: str) -> list[Finding]:
    """OpCon once, Summit once per template that loaded; clients built here, as `report` builds them."""
    from summit_connector.adapters.opcon import make_opcon_client
    from summit_connector.adapters.opcon.probe import probe_opcon
    from summit_connector.adapters.summit import make_summit_client
    from summit_connector.adapters.summit.probe import probe_summit
    from summit_connector.application.errors import InvalidInput

    try:
        with make_opcon_client(_capped(config.opcon)) as client:
            findings = probe_opcon(client, source)
    except InvalidInput as error:
        message = str(error).removeprefix(f"{CA_BUNDLE} ")
        findings = [Finding(CA_BUNDLE, Severity.ERROR, message, "use a PEM file of CA certificates", source)]
    for template_source, loaded in templates.items():
        with make_summit_client(_capped(loaded.summit)) as client:
            findings.append(probe_summit(client, loaded.summit, loaded.template.summit, template_source))
    return findings


def _capped(connection: Connection) -> Connection:
    """A probe waits HTTP_TIMEOUT, but never more than PROBE_TIMEOUT_SECONDS."""
    return replace(connection, timeout_seconds=min(connection.timeout_seconds, PROBE_TIMEOUT_SECONDS))
