"""Injected faults and key checks, seen through the SDK's exception types and retries."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import openai
import pytest

from desktop_app.simulator import Fault, SimulatorConfig, SimulatorServer

from .helpers import chat_jsonl, connect, raw_request, train, upload

JOBS = r"^/v1/fine_tuning/jobs$"


@pytest.mark.parametrize(
    ("status", "error", "code"),
    [
        (401, openai.AuthenticationError, "invalid_api_key"),
        (403, openai.PermissionDeniedError, "permission_denied"),
        (404, openai.NotFoundError, None),
        (429, openai.RateLimitError, "rate_limit_exceeded"),
        (500, openai.InternalServerError, None),
        (503, openai.InternalServerError, None),
    ],
)
def test_status_faults_raise_the_matching_sdk_error(
    server: SimulatorServer,
    client: openai.OpenAI,
    status: int,
    error: type[openai.APIStatusError],
    code: str | None,
) -> None:
    fault = server.faults.add(Fault(path=JOBS, method="GET", status=status, times=1))

    with pytest.raises(error) as caught:
        client.fine_tuning.jobs.list()
    assert caught.value.status_code == status
    assert caught.value.code == code
    assert caught.value.request_id is not None
    assert isinstance(caught.value.body, dict)
    assert set(caught.value.body) == {"message", "type", "param", "code"}
    assert fault.hits == 1
    assert client.fine_tuning.jobs.list().data == []  # times=1: the next request is served


def test_429_with_retry_after_is_retried_then_succeeds(
    server: SimulatorServer, make_client: Callable[..., openai.OpenAI]
) -> None:
    client = make_client(server, max_retries=1)
    fault = server.faults.add(Fault(path=JOBS, method="GET", status=429, retry_after=0.3, times=1))

    started = time.monotonic()
    page = client.fine_tuning.jobs.list()
    elapsed = time.monotonic() - started

    assert page.data == []
    assert fault.hits == 1
    assert elapsed >= 0.25  # the SDK waited as Retry-After asked
    assert [(r.method, r.status) for r in server.requests] == [("GET", 429), ("GET", 200)]


def test_fault_method_filter_and_forever(server: SimulatorServer, client: openai.OpenAI) -> None:
    fault = server.faults.add(Fault(path=r"^/v1/files", method="POST", status=500, times=None))

    assert client.files.list().data == []  # GET is not affected
    for _ in range(3):
        with pytest.raises(openai.InternalServerError):
            client.files.create(file=("train.jsonl", b"{}\n"), purpose="fine-tune")
    assert fault.hits == 3
    server.faults.clear()
    assert client.files.create(file=("train.jsonl", b"{}\n"), purpose="fine-tune").id.startswith("file-")


def test_slow_answer_times_out_and_does_not_slow_stop(
    server: SimulatorServer, make_client: Callable[..., openai.OpenAI]
) -> None:
    client = make_client(server, timeout=0.3)
    server.faults.add(Fault(path=r"^/v1/models$", delay=2.0, times=1))

    with pytest.raises(openai.APITimeoutError):
        client.models.list()
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 1.0


def test_slow_answer_arrives_when_the_client_waits(server: SimulatorServer, client: openai.OpenAI) -> None:
    server.faults.add(Fault(path=r"^/v1/models$", delay=0.2, times=1))
    started = time.monotonic()
    assert client.models.list().data
    assert time.monotonic() - started >= 0.2


def test_dropped_connection_is_a_connection_error(server: SimulatorServer, client: openai.OpenAI) -> None:
    fault = server.faults.add(Fault(path=r"^/v1/chat/completions$", drop=True, times=1))

    with pytest.raises(openai.APIConnectionError) as caught:
        client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
    assert not isinstance(caught.value, openai.APITimeoutError)
    assert fault.hits == 1
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
    assert reply.choices[0].message.content


def test_stream_cut_mid_way_raises_while_iterating(server: SimulatorServer, client: openai.OpenAI) -> None:
    server.faults.add(Fault(path=r"^/v1/chat/completions$", drop_mid_stream=True, times=1))
    stream = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Tell me something long"}], stream=True
    )
    received: list[object] = []

    def consume() -> None:
        received.extend(stream)  # extend keeps the chunks that arrived before the error

    with pytest.raises(openai.APIConnectionError):
        consume()
    assert 0 < len(received) < 10


def test_cut_whole_answer_raises(server: SimulatorServer, client: openai.OpenAI) -> None:
    server.faults.add(Fault(path=r"^/v1/models$", drop_mid_stream=True, times=1))
    with pytest.raises(openai.APIConnectionError):
        client.models.list()


def test_disabled_endpoints_answer_404(
    make_server: Callable[..., SimulatorServer], make_client: Callable[..., openai.OpenAI]
) -> None:
    disabled = frozenset({"pause", "resume", "checkpoints", "events", "result_files"})
    server = make_server(SimulatorConfig.fast(disabled_endpoints=disabled))
    client = make_client(server)
    job = train(client)
    assert job.status == "succeeded"
    assert job.result_files == []

    for call in (
        lambda: client.fine_tuning.jobs.pause(job.id),
        lambda: client.fine_tuning.jobs.resume(job.id),
        lambda: client.fine_tuning.jobs.checkpoints.list(job.id),
        lambda: client.fine_tuning.jobs.list_events(job.id),
    ):
        with pytest.raises(openai.NotFoundError) as caught:
            call()
        assert "Invalid URL" in caught.value.message
    assert client.fine_tuning.jobs.retrieve(job.id).status == "succeeded"


def test_unknown_disabled_endpoint_name_is_refused() -> None:
    with pytest.raises(ValueError, match="paws"):
        SimulatorConfig(disabled_endpoints=frozenset({"paws"}))


def test_required_key(
    make_server: Callable[..., SimulatorServer], make_client: Callable[..., openai.OpenAI]
) -> None:
    server = make_server(SimulatorConfig.fast(require_api_key="sk-test-right-key"))

    with pytest.raises(openai.AuthenticationError) as caught:
        make_client(server, api_key="sk-test-wrong-key").models.list()
    assert caught.value.code == "invalid_api_key"
    assert "sk-test-wrong-key" not in caught.value.message  # keys are masked
    assert make_client(server, api_key="sk-test-right-key").models.list().data


def test_job_creation_permission_denied_explains_itself(
    server: SimulatorServer, client: openai.OpenAI
) -> None:
    file_id = upload(client, chat_jsonl())
    server.faults.add(
        Fault(
            path=JOBS,
            method="POST",
            status=403,
            message="Fine-tuning is no longer available to this organization.",
        )
    )
    with pytest.raises(openai.PermissionDeniedError) as caught:
        client.fine_tuning.jobs.create(model="gpt-4o-mini-2024-07-18", training_file=file_id)
    assert caught.value.message.endswith("Fine-tuning is no longer available to this organization.")


# ---- answers that cannot be read ----------------------------------------------------------------------------
def _get(server: SimulatorServer, path: str) -> tuple[int, dict[str, str], bytes]:
    connection = connect(server)
    try:
        return raw_request(connection, "GET", "/v1" + path)
    finally:
        connection.close()


def test_malformed_truncated_sends_cut_json_with_a_matching_length(server: SimulatorServer) -> None:
    _, _, whole = _get(server, "/models")
    server.faults.add(Fault(path=r"^/v1/models$", malformed="truncated"))
    status, headers, cut = _get(server, "/models")
    assert status == 200
    assert headers["content-type"] == "application/json"
    assert int(headers["content-length"]) == len(cut)  # complete as far as HTTP knows
    assert whole.startswith(cut)
    assert 0 < len(cut) < len(whole)
    with pytest.raises(json.JSONDecodeError):
        json.loads(cut)
    assert _get(server, "/models")[2] == whole  # times=1: the next answer is whole


def test_malformed_html_is_a_proxy_page_with_status_200(server: SimulatorServer) -> None:
    server.faults.add(Fault(path=r"^/v1/models$", malformed="html"))
    status, headers, page = _get(server, "/models")
    assert status == 200
    assert headers["content-type"].startswith("text/html")
    assert page.startswith(b"<!DOCTYPE html>")


def test_malformed_shape_is_json_but_not_the_object_asked_for(
    server: SimulatorServer, client: openai.OpenAI
) -> None:
    server.faults.add(Fault(path=r"^/v1/models$", malformed="shape"))
    page = client.models.list()
    assert page.data is None  # the SDK builds the page regardless; its fields are missing
    assert page.object == "gateway.notice"


def test_malformed_leaves_error_answers_alone(server: SimulatorServer, client: openai.OpenAI) -> None:
    server.faults.add(Fault(path=r"^/v1/fine_tuning/jobs/", malformed="html"))
    with pytest.raises(openai.NotFoundError):
        client.fine_tuning.jobs.retrieve("ftjob-missing")


@pytest.mark.parametrize("how", ["truncated", "html"])
def test_malformed_stream_spoils_one_event(server: SimulatorServer, client: openai.OpenAI, how: str) -> None:
    server.faults.add(Fault(path=r"^/v1/chat/completions$", malformed=how))
    stream = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}], stream=True
    )
    received: list[object] = []
    with pytest.raises(json.JSONDecodeError):
        received.extend(stream)
    assert len(received) == 1  # the opening chunk came through


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"malformed": "xml"}, "malformed must be one of"),
        ({"malformed": "html", "status": 500}, "successful one"),
        ({"malformed": "html", "drop": True}, "successful one"),
        ({"malformed": "html", "drop_mid_stream": True}, "successful one"),
    ],
)
def test_malformed_fault_arguments_are_checked(kwargs: dict[str, object], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        Fault(path="x", **kwargs)  # type: ignore[arg-type]


def test_a_body_key_fault_refuses_only_requests_holding_that_key(
    server: SimulatorServer, client: openai.OpenAI
) -> None:
    # A strict service: any request naming stream_options is refused, the others are served.
    strict = server.faults.add(
        Fault(
            path=r"^/v1/chat/completions$",
            body_key="stream_options",
            status=400,
            message="Unknown parameter: 'stream_options'.",
            param="stream_options",
            code="unknown_parameter",
            times=None,
        )
    )
    messages: list[dict[str, str]] = [{"role": "user", "content": "hi"}]
    for _ in range(2):
        with pytest.raises(openai.BadRequestError) as caught:
            client.chat.completions.create(
                model="gpt-4o-mini",
                messages=messages,  # type: ignore[arg-type]
                stream=True,
                stream_options={"include_usage": True},
            )
        assert caught.value.param == "stream_options"
        assert caught.value.code == "unknown_parameter"
        assert caught.value.body == {
            "message": "Unknown parameter: 'stream_options'.",
            "type": "invalid_request_error",
            "param": "stream_options",
            "code": "unknown_parameter",
        }
    stream = client.chat.completions.create(model="gpt-4o-mini", messages=messages, stream=True)  # type: ignore[arg-type]
    assert any(c.choices and c.choices[0].delta.content for c in stream)
    assert client.models.list().data  # no body at all: not matched
    assert strict.hits == 2
