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
