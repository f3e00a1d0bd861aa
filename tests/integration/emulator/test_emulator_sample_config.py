"""The throw-away Connector.config and template `sandbox` and `demo` point at the emulator (B-2, B-3.2).

They are read back through the product's own loaders and `check`, not compared with the text that wrote them.
"""

import pytest

from summit_connector.adapters.config.checks import check_connector_config, check_template_file
from summit_connector.adapters.config.connector_file import load_connector_config
from summit_connector.adapters.config.template_file import load_template
from summit_connector.adapters.emulator import Emulator, sample_config_files
from summit_connector.domain.findings import Severity


@pytest.fixture(scope="module")
def emulator():
    with Emulator(opcon_token="t-1", summit_api_key="k-1") as running:
        yield running


def test_the_connector_config_loads_and_points_at_the_opcon_emulator(emulator, tmp_path):
    config_path, _ = sample_config_files(tmp_path, emulator)

    config = load_connector_config(config_path, {})

    assert (config.opcon.base_url, config.opcon.token) == (emulator.opcon_url, "t-1")
    assert config.templates_dir == tmp_path / "templates"


def test_the_template_loads_and_targets_the_summit_emulator(emulator, tmp_path):
    config_path, template_path = sample_config_files(tmp_path, emulator)
    config = load_connector_config(config_path, {})

    loaded = load_template("sandbox", config, {})

    assert loaded.path == template_path
    assert (loaded.summit.base_url, loaded.summit.api_key) == (emulator.summit_url, "k-1")
    assert loaded.template.rules.include_tag_routing and loaded.template.rules.include_job_log_attachment


def test_check_finds_no_error_in_the_sample_files(emulator, tmp_path):
    config_path, _ = sample_config_files(tmp_path, emulator)
    config, config_findings = check_connector_config(config_path, {})

    _, template_findings = check_template_file("sandbox.json", config, {})

    errors = [f.line() for f in (*config_findings, *template_findings) if f.severity is Severity.ERROR]
    assert errors == []


def test_config_files_need_a_started_emulator(tmp_path):
    with pytest.raises(RuntimeError):
        sample_config_files(tmp_path, Emulator())
