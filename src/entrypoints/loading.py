"""Finding and loading Connector.config and the template, before any network call (B-1.2, B-4.1)."""

from summit_connector.adapters.config.settings import ConnectorConfig, LoadedTemplate
from summit_connector.entrypoints.arguments import config_path


def load_config(config_flag: str | None, environ: dict[str, str]) -> ConnectorConfig:
    from summit_connector.adapters.config.connector_file import load_connector_config

    return load_connector_config(config_path(config_flag, environ), environ)


def load_config_and_template(
    config_flag: str | None, template_name: list[str] | str, environ: dict[str, str]
) -> tuple[ConnectorConfig, LoadedTemplate]:
    from summit_connector.adapters.config.template_file import load_template

    name = " ".join(template_name) if isinstance(template_name, list) else template_name
    config = load_config(config_flag, environ)
    return config, load_template(name, config, environ)
