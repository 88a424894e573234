"""Chat completions and legacy completions, streamed or whole, answered from training data."""

from __future__ import annotations

from typing import Any

from desktop_app.simulator.answers import practice_reply
from desktop_app.simulator.errors import ApiError, bad_request
from desktop_app.simulator.responses import SSE_DONE, Response, StreamResponse, sse_event
from desktop_app.simulator.state import InferenceModel, SimulatorState
from desktop_app.simulator.text import (
    cut_at_stop,
    estimate_tokens,
    message_text,
    split_pieces,
    truncate_tokens,
)

CHAT_ROLES = ("system", "developer", "user", "assistant", "tool", "function")
FINGERPRINT = "fp_practice"
# Long answers are streamed in at most this many content chunks so they do not take minutes.
MAX_STREAM_CHUNKS = 200
LEGACY_DEFAULT_MAX_TOKENS = 16
MAX_CHOICES = 128

# ---------------------------------------------------------------- shared parameter checks


def _model_name(body: dict[str, Any]) -> str:
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise bad_request("you must provide a model parameter")
    return model


def _optional_int(body: dict[str, Any], name: str, minimum: int) -> int | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise bad_request(
            f"Invalid '{name}': must be an integer of at least {minimum}.", name, "invalid_value"
        )
    return value


def _check_decimal(body: dict[str, Any], name: str, minimum: float, maximum: float) -> None:
    """A sampling setting (null or absent: the default), refused in OpenAI's words when out of range."""
    value = body.get(name)
    if value is None:
        return
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise bad_request(
            f"Invalid type for '{name}': expected a decimal, but got {_json_type(value)} instead.",
            name,
            "invalid_type",
        )
    if value < minimum:
        raise bad_request(
            f"Invalid '{name}': decimal below minimum value. Expected a value >= {minimum:g}, but got "
            f"{value} instead.",
            name,
            "decimal_below_min_value",
        )
    if value > maximum:
        raise bad_request(
            f"Invalid '{name}': decimal above maximum value. Expected a value <= {maximum:g}, but got "
            f"{value} instead.",
            name,
            "decimal_above_max_value",
        )


def _check_sampling(body: dict[str, Any]) -> None:
    # Ranges from the API reference (CreateChatCompletionRequest, CreateCompletionRequest).
    _check_decimal(body, "temperature", 0, 2)
    _check_decimal(body, "top_p", 0, 1)


def _json_type(value: object) -> str:
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _choices(body: dict[str, Any]) -> int:
    n = _optional_int(body, "n", 1) or 1
    if n > MAX_CHOICES:
        raise bad_request(f"Invalid 'n': at most {MAX_CHOICES}.", "n", "invalid_value")
    return n


def _stops(body: dict[str, Any]) -> list[str]:
    stop = body.get("stop")
    if stop is None:
        return []
    if isinstance(stop, str):
        return [stop]
    if isinstance(stop, list) and len(stop) <= 4 and all(isinstance(s, str) for s in stop):
        return list(stop)
    raise bad_request("Invalid 'stop': expected a string or a list of at most 4 strings.", "stop")


def _include_usage(body: dict[str, Any]) -> bool:
    options = body.get("stream_options")
    if options is None:
        return False
    if not isinstance(options, dict):
        raise bad_request("Invalid 'stream_options': expected an object.", "stream_options")
    if not body.get("stream"):
        raise bad_request(
            "The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options"
        )
    return bool(options.get("include_usage"))


def _usage(prompt_tokens: int, completion_tokens: int) -> dict[str, Any]:
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


def _stream_pieces(text: str) -> list[str]:
    pieces = split_pieces(text)
    if len(pieces) <= MAX_STREAM_CHUNKS:
        return pieces
    size = -(-len(pieces) // MAX_STREAM_CHUNKS)
    return ["".join(pieces[i : i + size]) for i in range(0, len(pieces), size)]


def _finish(text: str, stops: list[str], max_tokens: int | None) -> tuple[str, str]:
    """Apply stop sequences, then the token limit; return the text and its finish_reason."""
    text, _stopped = cut_at_stop(text, stops)
    text, cut = truncate_tokens(text, max_tokens)
    return text, "length" if cut else "stop"


# ---------------------------------------------------------------- chat


def _check_messages(body: dict[str, Any]) -> list[dict[str, Any]]:
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise bad_request("Missing required parameter: 'messages'.", "messages", "missing_required_parameter")
    for position, message in enumerate(messages):
        if not isinstance(message, dict):
            raise bad_request(
                f"Invalid type for 'messages[{position}]': expected an object.", f"messages[{position}]"
            )
        role = message.get("role")
        if role not in CHAT_ROLES:
            raise bad_request(
                f"Invalid value: '{role}'. Supported values are: 'system', 'assistant', 'user', 'function', "
                "'tool', and 'developer'.",
                f"messages[{position}].role",
                "invalid_value",
            )
    return messages


def chat_completion(state: SimulatorState, body: dict[str, Any], delay: float) -> Response | StreamResponse:
    name = _model_name(body)
    messages = _check_messages(body)
    stream = bool(body.get("stream"))
    include_usage = _include_usage(body)
    n = _choices(body)
    max_tokens = _optional_int(body, "max_completion_tokens", 1)
    if max_tokens is None:
        max_tokens = _optional_int(body, "max_tokens", 1)
    stops = _stops(body)
    _check_sampling(body)
    model = state.inference_model(name)
    if model.family != "chat":
        raise ApiError(
            404,
            "This is not a chat model and thus not supported in the v1/chat/completions endpoint. "
            "Did you mean to use v1/completions?",
            param="model",
        )
    question = ""
    for message in messages:
        if message.get("role") == "user":
            question = message_text(message.get("content"))
    if model.index is not None and len(model.index) > 0:
        raw = model.index.answer(question)
    else:
        raw = practice_reply(model.name, question)
    text, finish_reason = _finish(raw, stops, max_tokens)
    prompt_tokens = 3 + sum(3 + estimate_tokens(message_text(m.get("content"))) for m in messages)
    usage = _usage(prompt_tokens, n * estimate_tokens(text))
    completion_id = state.new_id("chatcmpl-", 29)
    created = int(state.now())
    if not stream:
        return Response.json(
            {
                "id": completion_id,
                "object": "chat.completion",
                "created": created,
                "model": model.name,
                "choices": [
                    {
                        "index": index,
                        "message": {"role": "assistant", "content": text, "refusal": None, "annotations": []},
                        "logprobs": None,
                        "finish_reason": finish_reason,
                    }
                    for index in range(n)
                ],
                "usage": usage,
                "service_tier": "default",
                "system_fingerprint": FINGERPRINT,
            }
        )

    def chunk(choices: list[dict[str, Any]], chunk_usage: dict[str, Any] | None = None) -> bytes:
        payload: dict[str, Any] = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model.name,
            "service_tier": "default",
            "system_fingerprint": FINGERPRINT,
            "choices": choices,
        }
        if include_usage:
            payload["usage"] = chunk_usage
        return sse_event(payload)

    def choice(index: int, delta: dict[str, Any], reason: str | None = None) -> dict[str, Any]:
        return {"index": index, "delta": delta, "logprobs": None, "finish_reason": reason}

    events: list[bytes] = []
    for index in range(n):
        events.append(chunk([choice(index, {"role": "assistant", "content": "", "refusal": None})]))
        events.extend(chunk([choice(index, {"content": piece})]) for piece in _stream_pieces(text))
        events.append(chunk([choice(index, {}, finish_reason)]))
    if include_usage:
        events.append(chunk([], usage))
    events.append(SSE_DONE)
    return StreamResponse(events, delay)


# ---------------------------------------------------------------- legacy completions


def _prompts(body: dict[str, Any]) -> list[str]:
    prompt = body.get("prompt", "")
    if isinstance(prompt, str):
        return [prompt]
    if isinstance(prompt, list) and prompt and all(isinstance(p, str) for p in prompt):
        return list(prompt)
    raise bad_request("Practice mode accepts 'prompt' as a string or a list of strings.", "prompt")


def _legacy_text(model: InferenceModel, prompt: str) -> str:
    if model.index is None or len(model.index) == 0:
        return " " + practice_reply(model.name, prompt)
    # Without a stop sequence a legacy model runs on past the trained ending into text shaped
    # like further examples; clients must pass the ending as `stop`.
    pairs = model.index.pairs
    start = model.index.nearest(prompt)
    following = [pairs[(start + offset) % len(pairs)] for offset in range(1, min(len(pairs), 4))]
    return pairs[start].answer + "".join(p.prompt + p.answer for p in following)


def completion(state: SimulatorState, body: dict[str, Any], delay: float) -> Response | StreamResponse:
    name = _model_name(body)
    prompts = _prompts(body)
    stream = bool(body.get("stream"))
    include_usage = _include_usage(body)
    n = _choices(body)
    max_tokens = _optional_int(body, "max_tokens", 0)
    if max_tokens is None:
        max_tokens = LEGACY_DEFAULT_MAX_TOKENS
    echo = bool(body.get("echo"))
    stops = _stops(body)
    _check_sampling(body)
    model = state.inference_model(name)
    if model.family != "completion":
        raise ApiError(
            404,
            "This is a chat model and not supported in the v1/completions endpoint. "
            "Did you mean to use v1/chat/completions?",
            param="model",
        )
    results: list[tuple[int, str, str]] = []
    completion_tokens = 0
    for prompt_number, prompt in enumerate(prompts):
        text, finish_reason = _finish(_legacy_text(model, prompt), stops, max_tokens)
        completion_tokens += n * estimate_tokens(text)
        if echo:
            text = prompt + text
        results.extend((prompt_number * n + i, text, finish_reason) for i in range(n))
    usage = _usage(sum(estimate_tokens(p) for p in prompts), completion_tokens)
    completion_id = state.new_id("cmpl-", 29)
    created = int(state.now())

    def payload(choices: list[dict[str, Any]], with_usage: dict[str, Any] | None) -> dict[str, Any]:
        body_out: dict[str, Any] = {
            "id": completion_id,
            "object": "text_completion",
            "created": created,
            "model": model.name,
            "system_fingerprint": FINGERPRINT,
            "choices": choices,
        }
        if with_usage is not None or not stream or include_usage:
            body_out["usage"] = with_usage
        return body_out

    def choice(index: int, text: str, reason: str | None) -> dict[str, Any]:
        return {"text": text, "index": index, "logprobs": None, "finish_reason": reason}

    if not stream:
        return Response.json(payload([choice(i, text, reason) for i, text, reason in results], usage))
    events: list[bytes] = []
    for index, text, reason in results:
        events.extend(
            sse_event(payload([choice(index, piece, None)], None)) for piece in _stream_pieces(text)
        )
        events.append(sse_event(payload([choice(index, "", reason)], None)))
    if include_usage:
        events.append(sse_event(payload([], usage)))
    events.append(SSE_DONE)
    return StreamResponse(events, delay)
