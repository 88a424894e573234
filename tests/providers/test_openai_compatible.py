"""The OpenAI-compatible provider through the real SDK over real HTTP against the simulator."""

from __future__ import annotations

import http.server
import json
import threading
import time
from pathlib import Path
from typing import ClassVar

import pytest

from desktop_app.core.formats import chat_jsonl_lines, legacy_jsonl_lines, read_dataset, to_jsonl_bytes
from desktop_app.providers import (
    ConnectionConfig,
    ErrorKind,
    OpenAICompatibleProvider,
    ProviderError,
    ServiceKind,
    UnsupportedFeatureError,
)
from desktop_app.providers.types import (
    Capability,
    ChatMessage,
    GenerationOptions,
    Hyperparameters,
    JobRequest,
)
from desktop_app.simulator import Fault, SimulatorConfig, SimulatorServer
from tests.practice_service import make_provider

DATA = Path(__file__).resolve().parent.parent / "data"


def chat_bytes() -> bytes:
    return to_jsonl_bytes(chat_jsonl_lines(read_dataset(DATA / "content.xlsx").dataset))


def wait_for(predicate, timeout: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_upload_create_follow_and_succeed(provider: OpenAICompatibleProvider) -> None:
    uploaded = provider.upload_training_file("content_prepared.jsonl", chat_bytes())
    assert uploaded.id.startswith("file-")
    assert uploaded.bytes == len(chat_bytes())
    job = provider.create_job(
        JobRequest(
            "gpt-4o-mini-2024-07-18",
            uploaded.id,
            suffix="content",
            hyperparameters=Hyperparameters(n_epochs=2),
        )
    )
    assert job.status == "validating_files"
    assert job.training_file == uploaded.id
    assert job.hyperparameters.n_epochs == 2

    seen: list[str] = []
    newest: str | None = None

    def done() -> bool:
        nonlocal newest
        fresh = provider.new_events(job.id, newest)
        if fresh:
            newest = fresh[-1].id
        seen.extend(e.id for e in fresh)
        return provider.retrieve_job(job.id).status == "succeeded"

    wait_for(done)
    seen.extend(e.id for e in provider.new_events(job.id, newest))
    assert len(seen) == len(set(seen)), "an event was reported twice"
    all_events = provider.list_events(job.id, limit=100).items
    assert {e.id for e in all_events} == set(seen), "incremental reading missed events"
    final = provider.retrieve_job(job.id)
    assert final.fine_tuned_model is not None
    assert ":content:" in final.fine_tuned_model
    assert final.result_files
    csv_text = provider.fetch_file_content(final.result_files[0]).decode()
    assert csv_text.splitlines()[0].startswith("step,train_loss")
    checkpoints = provider.list_checkpoints(job.id).items
    assert checkpoints
    assert all(c.model.startswith(final.fine_tuned_model.rsplit(":", 1)[0]) for c in checkpoints)
    models = provider.list_models()
    assert final.fine_tuned_model in {m.id for m in models}


def test_new_events_asks_for_a_small_page_when_some_are_known(
    server: SimulatorServer, provider: OpenAICompatibleProvider
) -> None:
    uploaded = provider.upload_training_file("content_prepared.jsonl", chat_bytes())
    job = provider.create_job(JobRequest("gpt-4o-mini-2024-07-18", uploaded.id))
    wait_for(lambda: provider.retrieve_job(job.id).status == "succeeded")
    everything = provider.new_events(job.id, None)
    assert len(everything) > 25  # more than two small pages
    server.requests.clear()
    assert provider.new_events(job.id, everything[-1].id) == []  # nothing new: one page
    assert len(server.requests) == 1
    # 24 newer events: a first page of 100 would hold them and the known one; a small one needs a second.
    known = everything[-25].id
    server.requests.clear()
    assert provider.new_events(job.id, known) == everything[-24:]
    assert len(server.requests) == 2


def test_job_list_pages_with_cursor(provider: OpenAICompatibleProvider) -> None:
    uploaded = provider.upload_training_file("a.jsonl", chat_bytes())
    ids = [
        provider.create_job(JobRequest("gpt-4o-mini-2024-07-18", uploaded.id, suffix=f"j{i}")).id
        for i in range(5)
    ]
    first = provider.list_jobs(limit=2)
    assert first.has_more
    assert first.next_after == first.items[-1].id
    collected = list(first.items)
    after = first.next_after
    while after is not None:
        page = provider.list_jobs(limit=2, after=after)
        collected.extend(page.items)
        after = page.next_after
    assert [j.id for j in collected] == list(reversed(ids))  # newest first, each exactly once


def test_chat_streams_answer_from_training_data(provider: OpenAICompatibleProvider) -> None:
    dataset = read_dataset(DATA / "content.xlsx").dataset
    uploaded = provider.upload_training_file("c.jsonl", chat_bytes())
    job = provider.create_job(JobRequest("gpt-4o-mini-2024-07-18", uploaded.id, suffix="bot"))
    wait_for(lambda: provider.retrieve_job(job.id).status == "succeeded")
    model = provider.retrieve_job(job.id).fine_tuned_model
    assert model is not None
    example = dataset.examples[5]
    pieces = list(provider.stream_chat(model, [ChatMessage("user", example.prompt)], GenerationOptions()))
    assert len(pieces) > 1
    assert "".join(pieces) == example.completion


def test_stream_stops_when_closed() -> None:
    server = SimulatorServer(config=SimulatorConfig.fast(stream_chunk_delay=0.05))
    server.start()
    provider = make_provider(server)
    stream = provider.stream_chat(
        "gpt-4o-mini-2024-07-18", [ChatMessage("user", "hello")], GenerationOptions()
    )
    received = [next(stream), next(stream)]
    started = time.monotonic()
    stream.close()
    assert list(stream) == []
    assert stream.closed
    assert len(received) == 2
    assert time.monotonic() - started < 1
    provider.close()
    server.stop()


def test_stream_closed_from_another_thread_while_waiting() -> None:
    # The service goes silent for 30 s before each piece: only a close that wakes the blocked read ends it early.
    server = SimulatorServer(config=SimulatorConfig.fast(stream_chunk_delay=30.0))
    server.start()
    provider = make_provider(server)
    stream = provider.stream_chat(
        "gpt-4o-mini-2024-07-18", [ChatMessage("user", "hello")], GenerationOptions()
    )
    closer = threading.Timer(0.3, stream.close)
    started = time.monotonic()
    closer.start()
    pieces = list(stream)  # blocked in a read when close() comes
    closer.join()
    assert time.monotonic() - started < 10  # far less than the 30 s silence
    assert pieces == []
    assert stream.closed
    provider.close()
    server.stop()


def test_legacy_completion_model(provider: OpenAICompatibleProvider) -> None:
    dataset = read_dataset(DATA / "content.xlsx").dataset
    lines = legacy_jsonl_lines(dataset, separator=" ->", stop="\n")
    uploaded = provider.upload_training_file("legacy.jsonl", to_jsonl_bytes(lines))
    job = provider.create_job(JobRequest("babbage-002", uploaded.id, suffix="old"))
    wait_for(lambda: provider.retrieve_job(job.id).status == "succeeded")
    model = provider.retrieve_job(job.id).fine_tuned_model
    assert model is not None
    assert model.startswith("ft:babbage-002")
    example = dataset.examples[2]
    text = "".join(provider.stream_completion(model, example.prompt + " ->", GenerationOptions(stop=("\n",))))
    assert text.strip() == example.completion.strip()
    assert "\n" not in text


def test_cancel_pause_resume() -> None:
    server = SimulatorServer(config=SimulatorConfig.fast(step_seconds=0.3))
    server.start()
    provider = make_provider(server)
    uploaded = provider.upload_training_file("c.jsonl", chat_bytes())
    job = provider.create_job(JobRequest("gpt-4o-mini-2024-07-18", uploaded.id))
    wait_for(lambda: provider.retrieve_job(job.id).status == "running")
    assert provider.pause_job(job.id).status == "paused"
    assert provider.resume_job(job.id).status == "running"
    assert provider.cancel_job(job.id).status == "cancelled"
    with pytest.raises(ProviderError) as raised:
        provider.cancel_job(job.id)  # a finished job cannot be cancelled again
    assert raised.value.kind in (ErrorKind.BAD_REQUEST, ErrorKind.CONFLICT)
    provider.close()
    server.stop()


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (401, ErrorKind.AUTHENTICATION),
        (403, ErrorKind.PERMISSION),
        (404, ErrorKind.NOT_FOUND),
        (429, ErrorKind.RATE_LIMIT),
        (500, ErrorKind.SERVER),
        (503, ErrorKind.SERVER),
    ],
)
def test_http_errors_become_provider_errors(
    server: SimulatorServer, provider: OpenAICompatibleProvider, status: int, kind: ErrorKind
) -> None:
    server.faults.add(
        Fault(path=r"^/v1/fine_tuning/jobs$", method="GET", status=status, retry_after=7, times=1)
    )
    with pytest.raises(ProviderError) as raised:
        provider.list_jobs()
    error = raised.value
    assert error.kind is kind
    assert error.status_code == status
    assert error.operation == "list_jobs"
    assert error.message  # the service's own words are kept
    assert error.request_id
    if status == 429:
        assert error.retry_after == 7
    assert error.is_transient == (status in (429, 500, 503))
    assert provider.list_jobs().items == ()  # the fault was used up: the next call works


def test_timeout_and_dropped_connection(server: SimulatorServer) -> None:
    provider = make_provider(server, timeout=0.5)
    server.faults.add(Fault(path=r"^/v1/models$", delay=2.0, times=1))
    with pytest.raises(ProviderError) as raised:
        provider.list_models()
    assert raised.value.kind is ErrorKind.TIMEOUT
    server.faults.add(Fault(path=r"^/v1/models$", drop=True, times=1))
    with pytest.raises(ProviderError) as raised:
        provider.list_models()
    assert raised.value.kind is ErrorKind.CONNECTION
    assert provider.list_models()
    provider.close()


def test_dropped_stream_is_a_connection_error(
    server: SimulatorServer, provider: OpenAICompatibleProvider
) -> None:
    server.faults.add(Fault(path=r"^/v1/chat/completions$", drop_mid_stream=True, times=1))
    stream = provider.stream_chat("gpt-4o-mini-2024-07-18", [ChatMessage("user", "hi")], GenerationOptions())
    pieces: list[str] = []
    with pytest.raises(ProviderError) as raised:
        pieces.extend(stream)
    assert raised.value.kind is ErrorKind.CONNECTION
    assert pieces  # some of the answer arrived before the connection dropped


def test_sdk_retries_rate_limit_then_succeeds(server: SimulatorServer) -> None:
    provider = make_provider(server, max_retries=1)
    server.faults.add(Fault(path=r"^/v1/models$", status=429, retry_after=0, times=1))
    assert provider.list_models()
    provider.close()


def test_a_missing_model_is_not_a_missing_feature(provider: OpenAICompatibleProvider) -> None:
    with pytest.raises(ProviderError) as raised:
        provider.stream_completion("ft:babbage-002:practice:gone:abc", "hello", GenerationOptions())
    assert not isinstance(raised.value, UnsupportedFeatureError)
    assert raised.value.kind is ErrorKind.NOT_FOUND
    assert provider.supports(Capability.LEGACY_COMPLETIONS)
    assert "".join(provider.stream_completion("babbage-002", "hello", GenerationOptions(max_tokens=5)))


def test_a_missing_job_is_not_a_missing_feature(provider: OpenAICompatibleProvider) -> None:
    with pytest.raises(ProviderError) as raised:
        provider.list_events("ftjob-does-not-exist")
    assert not isinstance(raised.value, UnsupportedFeatureError)
    assert raised.value.kind is ErrorKind.NOT_FOUND
    assert provider.supports(Capability.EVENTS)


def test_key_with_full_width_characters_is_explained(server: SimulatorServer) -> None:
    provider = OpenAICompatibleProvider(
        ConnectionConfig(ServiceKind.COMPATIBLE, "sk-ｔｅｓｔ", base_url=server.base_url)
    )
    with pytest.raises(ProviderError) as raised:
        provider.list_models()
    assert raised.value.kind is ErrorKind.AUTHENTICATION
    assert "characters" in raised.value.message
    provider.close()
    organization = OpenAICompatibleProvider(
        ConnectionConfig(ServiceKind.OPENAI, "sk-ascii-key", base_url=server.base_url, organization="组织")
    )
    with pytest.raises(ProviderError) as raised:
        organization.list_models()
    assert "organization" in raised.value.message
    organization.close()


def test_service_without_optional_endpoints_degrades() -> None:
    config = SimulatorConfig.fast(disabled_endpoints=frozenset({"pause", "resume", "checkpoints", "events"}))
    with SimulatorServer(config=config) as server:
        provider = make_provider(server)
        uploaded = provider.upload_training_file("c.jsonl", chat_bytes())
        job = provider.create_job(JobRequest("gpt-4o-mini-2024-07-18", uploaded.id))
        assert provider.supports(Capability.PAUSE_RESUME)
        with pytest.raises(UnsupportedFeatureError) as raised:
            provider.pause_job(job.id)
        assert raised.value.capability is Capability.PAUSE_RESUME
        assert not provider.supports(Capability.PAUSE_RESUME)
        with pytest.raises(UnsupportedFeatureError):
            provider.resume_job(job.id)  # known now: not even sent
        with pytest.raises(UnsupportedFeatureError):
            provider.list_events(job.id)
        with pytest.raises(UnsupportedFeatureError):
            provider.list_checkpoints(job.id)
        # Required endpoints still work.
        assert provider.retrieve_job(job.id).id == job.id
        provider.close()


def test_wrong_key_is_an_authentication_error() -> None:
    with SimulatorServer(config=SimulatorConfig.fast(require_api_key="sk-right")) as server:
        wrong = make_provider(server)
        with pytest.raises(ProviderError) as raised:
            wrong.check_connection()
        assert raised.value.kind is ErrorKind.AUTHENTICATION
        wrong.close()
        right = OpenAICompatibleProvider(
            ConnectionConfig(ServiceKind.COMPATIBLE, "sk-right", base_url=server.base_url)
        )
        assert right.check_connection() > 0
        right.close()


def test_key_is_not_in_config_repr() -> None:
    config = ConnectionConfig(ServiceKind.OPENAI, "sk-secret-value-123456")
    assert "sk-secret" not in repr(config)


class _CaptureHandler(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[tuple[str, str, dict[str, str]]]] = []

    def do_GET(self) -> None:
        type(self).requests.append(("GET", self.path, dict(self.headers)))
        body = json.dumps({"object": "list", "data": [], "has_more": False}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def test_azure_profile_sends_azure_shaped_requests() -> None:
    _CaptureHandler.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CaptureHandler)
    thread = threading.Thread(target=httpd.serve_forever, name="azure-capture")
    thread.start()
    try:
        endpoint = f"http://127.0.0.1:{httpd.server_address[1]}"
        provider = OpenAICompatibleProvider(
            ConnectionConfig(
                ServiceKind.AZURE, "azure-key-1234", azure_endpoint=endpoint, api_version="2025-04-01-preview"
            )
        )
        assert provider.list_jobs().items == ()
        provider.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
    method, path, headers = _CaptureHandler.requests[0]
    assert method == "GET"
    assert path.startswith("/openai/fine_tuning/jobs")
    assert "api-version=2025-04-01-preview" in path
    assert headers.get("api-key") == "azure-key-1234"
