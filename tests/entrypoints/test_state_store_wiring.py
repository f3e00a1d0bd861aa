"""The composition root wires one state store (B-10.1) under the outbox, the journal and history."""

from summit_connector.entrypoints.container import bootstrap

from tests.entrypoints.cli_harness import write_config


def test_outbox_journal_and_history_share_one_store_beside_connector_config_b_10_1(tmp_path):
    container = bootstrap(write_config(tmp_path), {})

    stores = {id(container.outbox().store), id(container.journal().store), id(container.history().store)}

    assert stores == {id(container.store())}
    assert container.store().path == tmp_path / "summit-connector.sqlite3"
    assert container.store().legacy_outbox == tmp_path / "summit-connector-outbox.sqlite3"


def test_statedir_moves_the_store_but_the_old_outbox_is_looked_for_beside_connector_config_b_10_1(tmp_path):
    config = write_config(tmp_path, general="STATEDIR=state")

    store = bootstrap(config, {}).store()

    assert store.path == tmp_path / "state" / "summit-connector.sqlite3"
    assert store.legacy_outbox == tmp_path / "summit-connector-outbox.sqlite3"


def test_history_keeps_history_days_from_connector_config_b_10_3(tmp_path):
    config = write_config(tmp_path, general="HISTORY_DAYS=7")

    assert bootstrap(config, {}).history().keep_days == 7
