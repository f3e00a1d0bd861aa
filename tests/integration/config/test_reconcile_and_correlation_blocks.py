"""The template blocks of B-15: `reconcile` (B-15.1), `correlation` and `summit.loggedTimeFormat` (B-15.2), loaded
into the domain's values or refused with the field and the value named."""

import json

import pytest

from summit_connector.adapters.config.connector_file import load_connector_config
from summit_connector.adapters.config.template_file import load_template
from summit_connector.application.errors import InvalidInput
from summit_connector.domain.template import Correlation, ReconcileScope

from tests.entrypoints.cli_harness import write_config, write_template


def loaded(tmp_path, **blocks):
    config = load_connector_config(write_config(tmp_path), {})
    write_template(tmp_path, **blocks)
    return load_template("basic.json", config, {}).template


def test_the_blocks_load_as_written_and_default_when_absent(tmp_path):
    template = loaded(tmp_path, reconcile={"jobs": ["Parent_Job[Sub]"], "lookBackHours": 48},
                      correlation={"groupName": "OpCon", "name": "Event ID"},
                      summit={"loggedTimeFormat": "dd/MM/yyyy HH:mm:ss"})

    assert template.reconcile == ReconcileScope(jobs=("Parent_Job[Sub]",), look_back_hours=48)
    assert template.correlation == Correlation("OpCon", "Event ID", 120)
    assert template.summit.logged_time_format == "dd/MM/yyyy HH:mm:ss"
    assert loaded(tmp_path).reconcile is None and not loaded(tmp_path).correlation.on


@pytest.mark.parametrize("blocks, named", [
    ({"reconcile": {"lookBackHours": 0}}, "reconcile.lookBackHours"),
    ({"reconcile": {"jobs": [""]}}, "reconcile.jobs"),
    ({"correlation": {"groupName": "OpCon"}}, "correlation.name"),
    ({"correlation": {"groupName": "OpCon", "name": "Event ID", "settleSeconds": -1}}, "correlation.settleSeconds"),
    ({"summit": {"loggedTimeFormat": "dd/MM/yyyy QQ"}}, "summit.loggedTimeFormat"),
])
def test_a_wrong_value_is_one_line_naming_the_file_and_field(tmp_path, blocks, named):
    with pytest.raises(InvalidInput) as refused:
        loaded(tmp_path, **blocks)

    assert f"templates/basic.json: {named}" in str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize("line, named", [
    ("CONCURRENCY=0", "[SERVICE] CONCURRENCY"),
    ("PORT=70000", "[SERVICE] PORT"),
    ("WAIT_SECONDS=soon", "[SERVICE] WAIT_SECONDS"),
    ("SYNC_SECONDS=-1", "[SERVICE] SYNC_SECONDS"),
])
def test_a_wrong_service_setting_names_its_section_and_key_b_14_3(tmp_path, line, named):
    path = write_config(tmp_path)
    path.write_text(path.read_text() + f"\n[SERVICE]\n{line}\n")

    with pytest.raises(InvalidInput) as refused:
        load_connector_config(path, {})

    assert named in str(refused.value)


def test_the_service_settings_load_with_their_defaults_and_a_metrics_file_beside_the_config(tmp_path):
    path = write_config(tmp_path)
    path.write_text(path.read_text() + "\n[SERVICE]\nPORT=9465\nMETRICS_FILE=metrics/summit.prom\n")

    service = load_connector_config(path, {}).service

    assert (service.port, service.concurrency, service.wait_seconds) == (9465, 4, 90.0)
    assert service.metrics_file == tmp_path / "metrics" / "summit.prom"
