"""Builds the Delivery service: one container per template, sharing the outbox, the locks and the clock."""

from summit_connector.adapters.config.settings import ConnectorConfig, LoadedTemplate
from summit_connector.application.delivery import Delivery
from summit_connector.application.report import ReportFailure


def delivery_for(config: ConnectorConfig, environ: dict[str, str], loaded: LoadedTemplate | None = None) -> Delivery:
    """Kept events name their template; it is loaded when a replay needs it, each at most once."""
    from summit_connector.adapters.config.template_file import load_template
    from summit_connector.entrypoints.container import Container

    containers: dict[str, Container] = {}
    if loaded is not None:
        containers[template_key(loaded)] = Container(config=config, loaded_template=loaded, environ=environ)

    def reports(name: str) -> ReportFailure:
        if name not in containers:
            template = load_template(name, config, environ)
            containers[name] = Container(config=config, loaded_template=template, environ=environ)
        return containers[name].report()

    shared = Container(config=config, environ=environ)
    return Delivery(reports, shared.outbox(), shared.job_locks(), shared.clock())


def template_key(loaded: LoadedTemplate) -> str:
    """What an outbox entry records: the template's absolute path, valid from any working directory."""
    return str(loaded.path.resolve())

