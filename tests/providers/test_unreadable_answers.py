"""Answers that are not the JSON asked for (a cut body, a proxy's HTML page with status 200, another object):
each call says BAD_RESPONSE, a kind worth trying again, and a create whose answer was unreadable is found
rather than repeated. The real SDK over real HTTP against the simulator's `malformed` faults."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest

from desktop_app.providers import ErrorKind, OpenAICompatibleProvider, ProviderError
from desktop_app.providers.types import ChatMessage, GenerationOptions, JobRequest
from desktop_app.simulator import Fault, SimulatorServer

from .test_openai_compatible import chat_bytes

KINDS = ["truncated", "html", "shape"]
BASE = "gpt-4o-mini-2024-07-18"


@pytest.fixture
def job_id(provider: OpenAICompatibleProvider) -> str:
    uploaded = provider.upload_training_file("content.jsonl", chat_bytes())
    return provider.create_job(JobRequest(BASE, uploaded.id)).id


CALLS: dict[str, tuple[str, Callable[[OpenAICompatibleProvider, str], Any]]] = {
    "list_jobs": (r"^/v1/fine_tuning/jobs$", lambda p, _j: p.list_jobs()),
    "retrieve_job": (r"^/v1/fine_tuning/jobs/[^/]+$", lambda p, j: p.retrieve_job(j)),
    "list_events": (r"/events$", lambda p, j: p.list_events(j)),
    "list_checkpoints": (r"/checkpoints$", lambda p, j: p.list_checkpoints(j)),
    "cancel_job": (r"/cancel$", lambda p, j: p.cancel_job(j)),
    "list_models": (r"^/v1/models$", lambda p, _j: p.list_models()),
    "list_files": (r"^/v1/files$", lambda p, _j: p.list_files()),
}


@pytest.mark.parametrize("how", KINDS)
@pytest.mark.parametrize("operation", sorted(CALLS))
def test_an_unreadable_answer_is_a_bad_response(  # noqa: PLR0917 - fixtures and parameters
    server: SimulatorServer,
    provider: OpenAICompatibleProvider,
    job_id: str,
    operation: str,
    how: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path, call = CALLS[operation]
    fault = server.faults.add(Fault(path=path, malformed=how))
    with (
        caplog.at_level(logging.WARNING, logger="desktop_app.providers"),
        pytest.raises(ProviderError) as raised,
    ):
        call(provider, job_id)
    assert fault.hits == 1
    error = raised.value
    assert error.kind is ErrorKind.BAD_RESPONSE
    assert error.operation == operation
    assert error.is_transient  # pollers keep polling: a gateway's hiccup passes
    assert "cannot be read" in caplog.text  # the details go to the log
    if operation != "cancel_job":  # (a job is cancelled once)
        call(provider, job_id)  # the next answer is whole and read


@pytest.mark.parametrize("how", KINDS)
def test_an_unreadable_answer_to_create_finds_the_job_instead_of_making_another(
    server: SimulatorServer, provider: OpenAICompatibleProvider, how: str
) -> None:
    uploaded = provider.upload_training_file("content.jsonl", chat_bytes())
    server.faults.add(Fault(path=r"^/v1/fine_tuning/jobs$", method="POST", malformed=how))
    job = provider.create_job(JobRequest(BASE, uploaded.id, suffix="once"))
    listed = provider.list_jobs().items
    assert [j.id for j in listed] == [job.id]  # the service made one job, and this is it
    assert job.suffix == "once"


def test_a_stream_with_an_unreadable_event_is_a_bad_response(
    server: SimulatorServer, provider: OpenAICompatibleProvider
) -> None:
    server.faults.add(Fault(path=r"^/v1/chat/completions$", malformed="truncated"))
    stream = provider.stream_chat(BASE, [ChatMessage("user", "hi")], GenerationOptions())
    with pytest.raises(ProviderError) as raised:
        list(stream)
    assert raised.value.kind is ErrorKind.BAD_RESPONSE
    assert raised.value.operation == "chat"
