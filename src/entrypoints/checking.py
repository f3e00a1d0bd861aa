"""What `summit-connector check [-t T] [--online] [--strict]` does (B-7), for `check` and for `init --from`:
Connector.config and every template (or one), then with `--online` a probe of OpCon and of Summit for each
template. Exit 0 clean, 1 warnings under --strict, 2 errors."""

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from summit_connector.adapters.config.settings import LoadedTemplate
from summit_connector.domain.findings import Finding, Severity, count
from summit_connector.entrypoints.command_line import config_path
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.invocation import Invocation

if TYPE_CHECKING:
    from summit_connector.entrypoints.container import Container


def run_check(invocation: Invocation) -> ExitCode:
    from summit_connector.entrypoints.views.check import show

    args, environ = invocation.args, invocation.environ
    path = config_path(args.config, environ)
    findings, templates = _findings(invocation, path)
    show(invocation.stdout, findings, str(path), templates)
    return exit_code(findings, args.strict)


def _findings(invocation: Invocation, path: Path) -> tuple[list[Finding], int]:
    """Every finding, and how many templates were checked."""
    from summit_connector.adapters.config.checks import check_connector_config, check_template_file, template_names
    from summit_connector.adapters.config.connector_file import config_for_templates
    from summit_connector.adapters.config.template_file import template_source

    from dependency_injector import providers

    args, environ = invocation.args, invocation.environ
    config, findings = check_connector_config(path, environ)
    config = config or config_for_templates(path)
    if config is None:
        return findings, 0
    names = [args.template] if args.template else template_names(config)
    checked = {template_source(name, config): check_template_file(name, config, environ) for name in names}
    findings += [finding for _, found in checked.values() for finding in found]
    if args.online:
        loaded = {source: template for source, (template, _) in checked.items() if template is not None}
        root = invocation.root()
        root.config.override(providers.Object(config))  # the config just checked: not read a second time
        findings += _probes(root, loaded, str(path))
    return findings, len(names)


def start_findings(invocation: Invocation) -> list[Finding]:
    """What stops `serve` at start (B-14.1): the errors `check` reports for Connector.config and every template."""
    from summit_connector.adapters.config.checks import check_connector_config, check_template_file, template_names

    environ = invocation.environ
    config, findings = check_connector_config(config_path(invocation.args.config, environ), environ)
    if config is not None:
        findings += [finding for name in template_names(config) for finding in check_template_file(name, config,
                                                                                                      environ)[1]]
    return [finding for finding in findings if finding.severity is Severity.ERROR]


def exit_code(findings: list[Finding], strict: bool) -> ExitCode:
    if count(findings, Severity.ERROR):
        return ExitCode.INVALID_INPUT
    if strict and count(findings, Severity.WARNING):
        return ExitCode.INCOMPLETE
    return ExitCode.OK


def _probes(root: "Container", templates: dict[str, LoadedTemplate], source: str) -> list[Finding]:
    """OpCon once, Summit once per template that loaded (its key, then its incident list from today in the statuses
    the template knows, B-15.2); the container builds the clients as for `report`, with a shorter timeout."""
    from summit_connector.adapters.opcon import probe_opcon
    from summit_connector.adapters.summit import probe_summit
    from summit_connector.application.errors import InvalidInput

    try:
        with root.opcon_probe_client() as client:
            findings = probe_opcon(client, source)
    except InvalidInput as error:
        findings = [replace(error.finding, file=source)]
    today = root.clock().now().date()
    for template_source, loaded in templates.items():
        with root.template_scope(loaded=loaded).summit_probe_client() as client:
            findings += probe_summit(client, loaded.summit, loaded.template.summit, template_source,
                                     loaded.template.summit.known_statuses, today)
    return findings
