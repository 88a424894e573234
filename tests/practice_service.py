"""The Practice service and a provider on it, for the tests of the provider and of the windows over it
(real SDK, real HTTP); the fixtures are registered in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop_app.providers import ConnectionConfig, OpenAICompatibleProvider, ServiceKind
from desktop_app.simulator import SimulatorConfig, SimulatorServer


def make_provider(server: SimulatorServer, **changes: object) -> OpenAICompatibleProvider:
    """A provider on ``server``: no SDK retries and a 10 s timeout unless ``changes`` say otherwise."""
    values: dict[str, object] = {"timeout": 10.0, "max_retries": 0}
    values.update(changes)
    config = ConnectionConfig(ServiceKind.COMPATIBLE, "test-key-not-real", base_url=server.base_url, **values)  # type: ignore[arg-type]
    return OpenAICompatibleProvider(config)


@pytest.fixture
def server() -> Iterator[SimulatorServer]:
    with SimulatorServer(config=SimulatorConfig.fast()) as srv:
        yield srv


@pytest.fixture
def provider(server: SimulatorServer) -> Iterator[OpenAICompatibleProvider]:
    p = make_provider(server)
    yield p
    p.close()
