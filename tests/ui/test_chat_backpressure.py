"""A streamed answer read faster than the window takes it waits for the window (three fast streams at once
would otherwise take the interpreter's lock from it), and goes on as soon as the window has taken its pieces;
Stop still ends it while it waits. Real SDK, real HTTP, the Practice service streaming without pauses."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator

import pytest

from desktop_app.providers import OpenAICompatibleProvider
from desktop_app.providers.types import GenerationOptions, JobRequest
from desktop_app.simulator import SimulatorConfig, SimulatorServer
from desktop_app.ui.chat.answering import (
    BACKLOG_CHARS,
    AnswerStats,
    PiecesReady,
    build_request,
    stream_answer,
)
from desktop_app.ui.workers import CancelToken
from tests.practice_service import make_provider

LONG = "茶叶的保存方法：密封、避光、防潮。" * 400  # ~6,800 characters: several backlogs' worth


@pytest.fixture
def fast_service() -> Iterator[SimulatorServer]:
    with SimulatorServer(config=SimulatorConfig.fast(stream_chunk_delay=0.0)) as server:
        yield server


def _trained_model(provider: OpenAICompatibleProvider) -> str:
    lines = [
        {"messages": [{"role": "user", "content": f"问题{i}"}, {"role": "assistant", "content": LONG}]}
        for i in range(10)
    ]
    content = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode()
    uploaded = provider.upload_training_file("long.jsonl", content)
    job = provider.create_job(JobRequest("gpt-4o-mini-2024-07-18", uploaded.id, suffix="long"))
    deadline = time.monotonic() + 20
    while (job := provider.retrieve_job(job.id)).status != "succeeded":
        assert time.monotonic() < deadline, job.status
        time.sleep(0.05)
    assert job.fine_tuned_model is not None
    return job.fine_tuned_model


def _stream_in_a_thread(
    provider: OpenAICompatibleProvider, model: str, token: CancelToken
) -> tuple[threading.Thread, list[object], list[AnswerStats]]:
    reported: list[object] = []
    stats: list[AnswerStats] = []
    request = build_request(model, "问题3", options=GenerationOptions(max_tokens=16_000))

    def run() -> None:
        stats.append(stream_answer(provider, request, token, reported.append))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, reported, stats


def _buffer(reported: list[object]) -> PiecesReady:
    deadline = time.monotonic() + 10
    while not reported:
        assert time.monotonic() < deadline, "no piece arrived"
        time.sleep(0.005)
    ready = reported[0]
    assert isinstance(ready, PiecesReady)
    return ready


def test_a_stream_waits_while_the_window_is_behind_and_goes_on_when_it_catches_up(
    fast_service: SimulatorServer,
) -> None:
    provider = make_provider(fast_service)
    try:
        model = _trained_model(provider)
        thread, reported, stats = _stream_in_a_thread(provider, model, CancelToken())
        buffer = _buffer(reported).buffer
        time.sleep(0.3)  # the window is busy: it takes nothing for a while
        waiting = buffer.waiting
        assert BACKLOG_CHARS <= waiting < BACKLOG_CHARS + 1_000  # it stopped reading at the backlog
        assert thread.is_alive()
        shown = [buffer.take()]
        while thread.is_alive():  # the window catches up, a take at a time
            time.sleep(0.01)
            shown.append(buffer.take())
        thread.join()
        shown.append(buffer.take())
        assert "".join(shown) == LONG  # nothing lost on the way
        assert stats[0].finish_reason == "stop"
    finally:
        provider.close()


def test_stop_ends_a_stream_that_waits_for_the_window(fast_service: SimulatorServer) -> None:
    provider = make_provider(fast_service)
    try:
        model = _trained_model(provider)
        token = CancelToken()
        thread, reported, _stats = _stream_in_a_thread(provider, model, token)
        buffer = _buffer(reported).buffer
        time.sleep(0.2)
        assert buffer.waiting >= BACKLOG_CHARS
        token.cancel()
        thread.join(5)
        assert not thread.is_alive()
        assert len(buffer.take()) < len(LONG)  # it stopped where it was
    finally:
        provider.close()
