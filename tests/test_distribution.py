"""The names of B-0: distribution, import package and console script."""

from importlib.metadata import distribution

import summit_connector


def test_the_distribution_is_opcon_summit_connector_installing_summit_connector_and_its_script_b_0():
    installed = distribution("opcon-summit-connector")

    assert installed.version == summit_connector.__version__
    assert [e.value for e in installed.entry_points if e.name == "summit-connector"] == [
        "summit_connector.entrypoints.cli:run"
    ]
