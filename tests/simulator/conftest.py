"""Fixtures: a started practice service per test and SDK clients for it; all stopped afterwards."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

import openai
import pytest

from desktop_app.simulator import SimulatorConfig, SimulatorServer


@pytest.fixture(autouse=True)
def _no_warnings_logged(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Normal operation, faults included, must not log at WARNING or above."""
    caplog.set_level(logging.DEBUG, logger="desktop_app.simulator")
    yield
    loud = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert loud == [], f"unexpected log records: {loud}"


@pytest.fixture
def make_server() -> Iterator[Callable[..., SimulatorServer]]:
    """Start servers with any config; every one is stopped after the test."""
    started: list[SimulatorServer] = []

    def start(config: SimulatorConfig | None = None) -> SimulatorServer:
        server = SimulatorServer(config=config if config is not None else SimulatorConfig.fast())
        server.start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
    leftovers = [t.name for t in threading.enumerate() if t.name.startswith("practice-service")]
    assert leftovers == [], f"threads left running: {leftovers}"


@pytest.fixture
def server(make_server: Callable[..., SimulatorServer]) -> SimulatorServer:
    return make_server()


@pytest.fixture
def make_client() -> Iterator[Callable[..., openai.OpenAI]]:
    clients: list[openai.OpenAI] = []

    def create(server: SimulatorServer, **options: Any) -> openai.OpenAI:
        options.setdefault("api_key", "practice")
        options.setdefault("max_retries", 0)
        options.setdefault("timeout", 10.0)
        client = openai.OpenAI(base_url=server.base_url, **options)
        clients.append(client)
        return client

    yield create
    for client in clients:
        client.close()


@pytest.fixture
def client(server: SimulatorServer, make_client: Callable[..., openai.OpenAI]) -> openai.OpenAI:
    return make_client(server)
