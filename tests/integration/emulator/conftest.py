"""One emulator per test module, seeded with the samples and reset before every test."""

import pytest

from summit_connector.adapters.emulator import Emulator


@pytest.fixture(scope="module")
def emulator():
    with Emulator() as running:
        running.seed_samples()
        yield running


@pytest.fixture(autouse=True)
def fresh(emulator):
    emulator.reset()
