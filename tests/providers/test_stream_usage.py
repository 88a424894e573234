"""Streamed answers carry their token counts and finish reason, send top_p, survive a service that rejects
``stream_options``, and fail with messages that say what happened. The real SDK over real HTTP against the
simulator; the expected counts are the simulator's own (asked for separately, without streaming)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import openai
import pytest

from desktop_app.providers import ErrorKind, OpenAICompatibleProvider, ProviderError
from desktop_app.providers.types import Capability, ChatMessage, GenerationOptions, JobRequest, Usage
from desktop_app.simulator import Fault, SimulatorConfig, SimulatorServer
from desktop_app.ui.errors import describe_exception
from tests.practice_service import make_provider

from .test_openai_compatible import chat_bytes, wait_for

CHAT_MODEL = "gpt-4o-mini-2024-07-18"
LEGACY_MODEL = "babbage-002"
CHAT_PATH = r"^/v1/chat/completions$"
COMPLETION_PATH = r"^/v1/completions$"
QUESTION = "What does nucleus sampling do?"


@pytest.fixture
def reference(server: SimulatorServer) -> Iterator[openai.OpenAI]:
    """A plain SDK client, to ask the simulator for its own counts without the provider in between."""
    client = openai.OpenAI(api_key="practice", base_url=server.base_url, max_retries=0, timeout=10.0)
    yield client
    client.close()


def _chat(
    provider: OpenAICompatibleProvider, options: GenerationOptions | None = None
) -> tuple[str, Usage | None, str | None]:
    stream = provider.stream_chat(CHAT_MODEL, [ChatMessage("user", QUESTION)], options or GenerationOptions())
    text = "".join(stream)
    return text, stream.usage, stream.finish_reason


def _chat_requests(server: SimulatorServer) -> list[int | None]:
    return [r.status for r in server.requests if r.path == "/v1/chat/completions"]


# ---- usage and finish_reason ----------------------------------------------------------------------------


@pytest.mark.parametrize("max_tokens", [None, 3])
def test_chat_stream_reports_the_services_usage_and_finish_reason(
    provider: OpenAICompatibleProvider, reference: openai.OpenAI, max_tokens: int | None
) -> None:
    stream = provider.stream_chat(
        CHAT_MODEL, [ChatMessage("user", QUESTION)], GenerationOptions(max_tokens=max_tokens)
    )
    assert stream.usage is None  # nothing is known before the answer is read
    assert stream.finish_reason is None
    text = "".join(stream)

    whole = reference.chat.completions.create(
        model=CHAT_MODEL,
        messages=[{"role": "user", "content": QUESTION}],
        **({} if max_tokens is None else {"max_completion_tokens": max_tokens}),
    )
    assert whole.usage is not None
    assert text == whole.choices[0].message.content  # the usage chunk added no text
    assert stream.usage == Usage(whole.usage.prompt_tokens, whole.usage.completion_tokens)
    assert stream.usage.completion_tokens > 0
    assert stream.finish_reason == whole.choices[0].finish_reason
    assert stream.finish_reason == ("stop" if max_tokens is None else "length")
    assert provider.supports(Capability.STREAM_USAGE)


@pytest.mark.parametrize("max_tokens", [None, 2])
def test_completion_stream_reports_the_services_usage_and_finish_reason(
    provider: OpenAICompatibleProvider, reference: openai.OpenAI, max_tokens: int | None
) -> None:
    options = GenerationOptions(max_tokens=max_tokens)
    stream = provider.stream_completion(LEGACY_MODEL, QUESTION, options)
    text = "".join(stream)

    whole = reference.completions.create(
        model=LEGACY_MODEL, prompt=QUESTION, max_tokens=256 if max_tokens is None else max_tokens
    )
    assert whole.usage is not None
    assert text == whole.choices[0].text  # the usage chunk added no text
    assert stream.usage == Usage(whole.usage.prompt_tokens, whole.usage.completion_tokens)
    assert stream.finish_reason == whole.choices[0].finish_reason
    assert stream.finish_reason == ("stop" if max_tokens is None else "length")


def test_a_stopped_stream_has_no_usage_and_no_error() -> None:
    with SimulatorServer(config=SimulatorConfig.fast(stream_chunk_delay=0.05)) as server:
        provider = make_provider(server)
        try:
            stream = provider.stream_chat(CHAT_MODEL, [ChatMessage("user", QUESTION)], GenerationOptions())
            received = [next(stream), next(stream)]
            stream.close()
            assert list(stream) == []
            assert len(received) == 2
            assert stream.closed
            assert stream.usage is None
            assert stream.finish_reason is None
        finally:
            provider.close()


def test_a_stream_closed_while_waiting_has_no_usage() -> None:
    with SimulatorServer(config=SimulatorConfig.fast(stream_chunk_delay=30.0)) as server:
        provider = make_provider(server)
        try:
            stream = provider.stream_chat(CHAT_MODEL, [ChatMessage("user", QUESTION)], GenerationOptions())
            closer = threading.Timer(0.3, stream.close)
            closer.start()
            pieces = list(stream)  # blocked in a read when close() comes; the stop raises nothing
            closer.join()
            assert pieces == []
            assert stream.usage is None
        finally:
            provider.close()


# ---- top_p ------------------------------------------------------------------------------------------------


def test_top_p_and_temperature_are_sent(provider: OpenAICompatibleProvider) -> None:
    # The simulator checks both ranges as OpenAI does, so a value out of range proves the value went out.
    for options, param in (
        (GenerationOptions(top_p=1.5), "top_p"),
        (GenerationOptions(temperature=2.5), "temperature"),
    ):
        with pytest.raises(ProviderError) as chat_refused:
            provider.stream_chat(CHAT_MODEL, [ChatMessage("user", QUESTION)], options)
        assert chat_refused.value.kind is ErrorKind.BAD_REQUEST
        assert chat_refused.value.param == param
        assert chat_refused.value.code == "decimal_above_max_value"
        with pytest.raises(ProviderError) as completion_refused:
            provider.stream_completion(LEGACY_MODEL, QUESTION, options)
        assert completion_refused.value.param == param
    assert provider.supports(Capability.STREAM_USAGE)  # a refused setting is not a refused stream_options
    text, usage, reason = _chat(provider, GenerationOptions(top_p=0.5, temperature=0.2))
    assert text
    assert usage is not None
    assert reason == "stop"
    assert "".join(provider.stream_completion(LEGACY_MODEL, QUESTION, GenerationOptions(top_p=0.0)))


# ---- a service that rejects stream_options ------------------------------------------------------------------

STRICT_ANSWERS = [
    pytest.param(
        {"message": "Unrecognized request argument supplied: stream_options"}, 400, id="azure-wording"
    ),
    pytest.param(
        {
            "message": "Unknown parameter: 'stream_options'.",
            "param": "stream_options",
            "code": "unknown_parameter",
        },
        400,
        id="openai-wording",
    ),
    pytest.param(
        {"message": "body.stream_options: Extra inputs are not permitted", "error_type": "BadRequestError"},
        422,
        id="validation-422",
    ),
]


@pytest.mark.parametrize(("words", "status"), STRICT_ANSWERS)
def test_a_service_rejecting_stream_options_still_streams(
    server: SimulatorServer,
    provider: OpenAICompatibleProvider,
    reference: openai.OpenAI,
    words: dict[str, str],
    status: int,
) -> None:
    strict = server.faults.add(
        Fault(
            path=r"^/v1/(chat/)?completions$", body_key="stream_options", status=status, times=None, **words
        )
    )
    text, usage, reason = _chat(provider)
    assert _chat_requests(server) == [status, 200]  # refused once, then asked again without the option

    whole = reference.chat.completions.create(
        model=CHAT_MODEL, messages=[{"role": "user", "content": QUESTION}]
    )
    assert text == whole.choices[0].message.content
    assert usage is None
    assert reason == "stop"  # the finish reason needs no option
    assert not provider.supports(Capability.STREAM_USAGE)
    assert strict.hits == 1

    # Later answers, chat or legacy, no longer ask for usage: the strict service refuses none of them.
    assert _chat(provider)[0] == text
    completion = provider.stream_completion(LEGACY_MODEL, QUESTION, GenerationOptions(max_tokens=4))
    assert "".join(completion)
    assert completion.usage is None
    assert strict.hits == 1
    assert _chat_requests(server) == [status, 200, 200, 200]  # the reference's, then the provider's


def test_other_bad_requests_are_not_sent_again(
    server: SimulatorServer, provider: OpenAICompatibleProvider
) -> None:
    # A 400 that does not name stream_options is about something else: reported, not worked around.
    fault = server.faults.add(
        Fault(path=CHAT_PATH, status=400, message="Invalid 'messages': too long.", param="messages", times=1)
    )
    with pytest.raises(ProviderError) as raised:
        _chat(provider)
    assert raised.value.kind is ErrorKind.BAD_REQUEST
    assert raised.value.param == "messages"
    assert provider.supports(Capability.STREAM_USAGE)
    assert fault.hits == 1
    assert _chat_requests(server) == [400]
    assert _chat(provider)[1] is not None  # usage is still asked for


# ---- messages for failed answers --------------------------------------------------------------------------


def test_a_deleted_model_is_named_in_the_message(qapp, provider: OpenAICompatibleProvider) -> None:
    uploaded = provider.upload_training_file("c.jsonl", chat_bytes())
    job = provider.create_job(JobRequest(CHAT_MODEL, uploaded.id, suffix="gone"))
    wait_for(lambda: provider.retrieve_job(job.id).status == "succeeded")
    model = provider.retrieve_job(job.id).fine_tuned_model
    assert model is not None
    provider.delete_model(model)

    with pytest.raises(ProviderError) as raised:
        provider.stream_chat(model, [ChatMessage("user", QUESTION)], GenerationOptions())
    error = raised.value
    assert error.kind is ErrorKind.NOT_FOUND
    assert error.code == "model_not_found"
    assert error.model == model
    assert error.is_missing_model
    assert provider.supports(Capability.STREAM_USAGE)  # a missing model says nothing about stream_options
    message = describe_exception(error)
    assert message.title == "The model did not answer"
    assert f"The model “{model}” is not available on this service" in message.text
    assert "Choose another model" in message.text
    assert "model_not_found" in message.detail


def test_a_missing_legacy_model_is_named_in_the_message(qapp, provider: OpenAICompatibleProvider) -> None:
    gone = "ft:babbage-002:practice:gone:abc123"
    with pytest.raises(ProviderError) as raised:
        provider.stream_completion(gone, QUESTION, GenerationOptions())
    assert raised.value.is_missing_model
    assert f"“{gone}” is not available" in describe_exception(raised.value).text
    assert provider.supports(Capability.LEGACY_COMPLETIONS)


def test_a_404_from_a_wrong_address_does_not_blame_the_model(
    qapp, server: SimulatorServer, provider: OpenAICompatibleProvider
) -> None:
    server.faults.add(Fault(path=CHAT_PATH, status=404, message="Invalid URL (POST /v1/chat/completions)"))
    with pytest.raises(ProviderError) as raised:
        _chat(provider)
    assert raised.value.kind is ErrorKind.NOT_FOUND
    assert not raised.value.is_missing_model
    text = describe_exception(raised.value).text
    assert "could not find it" in text
    assert CHAT_MODEL not in text


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        pytest.param({"status": 401}, "did not accept the API key", id="401"),
        pytest.param({"status": 429, "retry_after": 0}, "Try again in a moment", id="429"),
        pytest.param({"status": 500}, "try again in a moment", id="500"),
        pytest.param({"status": 503}, "try again in a moment", id="503"),
        pytest.param(
            {"delay": 2.0}, "took too long to answer. Check your connection, then try again", id="timeout"
        ),
        pytest.param({"malformed": "html"}, "could not be read", id="unreadable"),
    ],
)
def test_failed_answers_read_clearly(
    qapp, server: SimulatorServer, fault: dict[str, Any], words: str
) -> None:
    provider = make_provider(server, timeout=0.5)
    try:
        server.faults.add(Fault(path=CHAT_PATH, **fault))
        with pytest.raises(ProviderError) as raised:
            _chat(provider)
    finally:
        provider.close()
    message = describe_exception(raised.value)
    assert message.title == "The model did not answer"
    assert words in message.text
    # Nothing asks for an answer again by itself: the message must not promise it.
    assert "the app will try again" not in message.text
