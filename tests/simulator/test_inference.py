"""Chat and legacy completions through the real SDK, streamed and whole."""

from __future__ import annotations

import openai
import pytest

from .helpers import legacy_jsonl, train


@pytest.fixture
def chat_model(client: openai.OpenAI) -> str:
    job = train(client, suffix="quiz")
    assert job.fine_tuned_model is not None
    return job.fine_tuned_model


def test_streamed_answer_comes_from_the_nearest_training_example(
    client: openai.OpenAI, chat_model: str
) -> None:
    stream = client.chat.completions.create(
        model=chat_model,
        messages=[
            {"role": "system", "content": "You are a quiz helper."},
            {"role": "user", "content": "what's the capital city of Japan"},
        ],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)

    assert all(c.object == "chat.completion.chunk" for c in chunks)
    assert len({c.id for c in chunks}) == 1
    assert chunks[0].choices[0].delta.role == "assistant"
    content = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
    assert len(content) >= 4
    assert "".join(content) == "Tokyo is the capital of Japan."
    finals = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
    assert finals == ["stop"]
    assert chunks[-1].choices == []
    assert chunks[-1].usage is not None
    assert chunks[-1].usage.completion_tokens > 0


def test_chinese_question_gets_the_chinese_answer(client: openai.OpenAI, chat_model: str) -> None:
    reply = client.chat.completions.create(
        model=chat_model, messages=[{"role": "user", "content": "请问日本的首都是哪里"}]
    )
    assert reply.object == "chat.completion"
    assert reply.model == chat_model
    assert reply.choices[0].message.content == "日本的首都是东京。"
    assert reply.choices[0].finish_reason == "stop"
    assert reply.usage is not None
    assert reply.usage.total_tokens == reply.usage.prompt_tokens + reply.usage.completion_tokens


def test_streamed_chinese_arrives_in_character_pieces(client: openai.OpenAI, chat_model: str) -> None:
    stream = client.chat.completions.create(
        model=chat_model, messages=[{"role": "user", "content": "中国的首都"}], stream=True
    )
    pieces = [c.choices[0].delta.content for c in stream if c.choices and c.choices[0].delta.content]
    assert "".join(pieces) == "中国的首都是北京。"
    assert len(pieces) == len("中国的首都是北京。")


def test_max_tokens_cuts_the_answer(client: openai.OpenAI, chat_model: str) -> None:
    reply = client.chat.completions.create(
        model=chat_model,
        messages=[{"role": "user", "content": "How do I reset my password?"}],
        max_completion_tokens=5,
    )
    assert reply.choices[0].finish_reason == "length"
    assert reply.choices[0].message.content == "Open Settings,"


def test_base_model_gives_a_labelled_practice_reply(client: openai.OpenAI) -> None:
    reply = client.chat.completions.create(
        model="gpt-4.1-nano-2025-04-14", messages=[{"role": "user", "content": "Hello there"}]
    )
    text = reply.choices[0].message.content
    assert text is not None
    assert text.startswith("[Practice reply from gpt-4.1-nano-2025-04-14]")
    assert "Hello there" in text


def test_unknown_model_is_not_found(client: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        client.chat.completions.create(model="gpt-9-ultra", messages=[{"role": "user", "content": "hi"}])
    assert caught.value.code == "model_not_found"
    assert caught.value.request_id is not None
    assert caught.value.request_id.startswith("req_")


def test_bad_role_is_a_bad_request(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "robot", "content": "hi"}],  # type: ignore[list-item, misc]
        )
    assert caught.value.param == "messages[0].role"


def test_legacy_fine_tune_honours_stop_and_runs_on_without_it(client: openai.OpenAI) -> None:
    job = train(client, legacy_jsonl(), model="davinci-002", suffix="legacy")
    assert job.status == "succeeded"
    assert job.fine_tuned_model is not None
    assert job.fine_tuned_model.startswith("ft:davinci-002:practice:legacy:")

    stopped = client.completions.create(
        model=job.fine_tuned_model, prompt="Who wrote Hamlet? ->", stop=["\n"], max_tokens=50
    )
    assert stopped.object == "text_completion"
    assert stopped.choices[0].text == " William Shakespeare wrote Hamlet."
    assert stopped.choices[0].finish_reason == "stop"

    # Without the trained ending as stop, a legacy model rambles on until max_tokens.
    rambling = client.completions.create(model=job.fine_tuned_model, prompt="Who wrote Hamlet? ->")
    assert rambling.choices[0].text.startswith(" William Shakespeare wrote Hamlet.\n")
    assert rambling.choices[0].finish_reason == "length"

    streamed = client.completions.create(
        model=job.fine_tuned_model, prompt="Who wrote Hamlet? ->", stop="\n", stream=True
    )
    texts = [c.choices[0].text for c in streamed if c.choices]
    assert len(texts) > 3
    assert "".join(texts) == " William Shakespeare wrote Hamlet."

    with pytest.raises(openai.NotFoundError) as caught:
        client.chat.completions.create(
            model=job.fine_tuned_model, messages=[{"role": "user", "content": "hi"}]
        )
    assert "not a chat model" in caught.value.message


def test_legacy_model_needs_prompt_completion_data(client: openai.OpenAI) -> None:
    job = train(client, model="babbage-002")
    assert job.status == "failed"
    assert job.error is not None
    assert "prompt/completion" in job.error.message
    with pytest.raises(openai.NotFoundError) as caught:
        client.completions.create(model="gpt-4o-mini", prompt="hi")
    assert "is a chat model" in caught.value.message


def test_checkpoint_models_answer_too(client: openai.OpenAI) -> None:
    job = train(client)
    checkpoint = client.fine_tuning.jobs.checkpoints.list(job.id).data[-1]
    reply = client.chat.completions.create(
        model=checkpoint.fine_tuned_model_checkpoint,
        messages=[{"role": "user", "content": "Who wrote Hamlet?"}],
    )
    assert reply.choices[0].message.content == "William Shakespeare wrote Hamlet."


def test_several_choices(client: openai.OpenAI, chat_model: str) -> None:
    reply = client.chat.completions.create(
        model=chat_model, messages=[{"role": "user", "content": "Who wrote Hamlet?"}], n=2
    )
    assert [c.index for c in reply.choices] == [0, 1]
    assert {c.message.content for c in reply.choices} == {"William Shakespeare wrote Hamlet."}


@pytest.mark.parametrize(
    ("settings", "param", "code", "words"),
    [
        ({"top_p": 1.5}, "top_p", "decimal_above_max_value", "Expected a value <= 1, but got 1.5 instead."),
        ({"top_p": -0.1}, "top_p", "decimal_below_min_value", "Expected a value >= 0, but got -0.1 instead."),
        ({"temperature": 2.5}, "temperature", "decimal_above_max_value", "Expected a value <= 2"),
        ({"temperature": -1}, "temperature", "decimal_below_min_value", "Expected a value >= 0"),
        ({"temperature": "hot"}, "temperature", "invalid_type", "expected a decimal, but got a string"),
    ],
)
@pytest.mark.parametrize("endpoint", ["chat", "completions"])
def test_sampling_settings_out_of_range_are_refused(  # noqa: PLR0917 - parameters
    client: openai.OpenAI, endpoint: str, settings: dict[str, object], param: str, code: str, words: str
) -> None:
    def ask() -> object:
        if endpoint == "chat":
            return client.chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}], extra_body=settings
            )
        return client.completions.create(model="babbage-002", prompt="hi", extra_body=settings)

    with pytest.raises(openai.BadRequestError) as caught:
        ask()
    assert caught.value.param == param
    assert caught.value.code == code
    assert words in caught.value.message
    assert caught.value.type == "invalid_request_error"


def test_sampling_settings_at_their_limits_are_accepted(client: openai.OpenAI) -> None:
    for top_p, temperature in ((0, 0), (1, 2), (None, None)):
        reply = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "hi"}],
            extra_body={"top_p": top_p, "temperature": temperature},
        )
        assert reply.choices[0].message.content
