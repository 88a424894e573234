"""Server-side checks of uploaded JSONL training data, written from OpenAI's documented rules.

Chat lines: `{"messages": [...]}` with roles system/user/assistant/tool, string content and at least
one assistant message. Legacy lines (babbage-002, davinci-002): `{"prompt": str, "completion": str}`.
Preference lines (DPO): `{"input": {"messages": [...]}, "preferred_output": [...],
"non_preferred_output": [...]}`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from desktop_app.simulator.answers import Pair
from desktop_app.simulator.text import estimate_tokens, message_text

DataFormat = Literal["chat", "completion", "preference"]

CHAT_ROLES = ("system", "user", "assistant", "tool", "function")
_MESSAGE_KEYS = frozenset(
    {"role", "content", "name", "function_call", "tool_calls", "tool_call_id", "weight"}
)
_CONTENT_PART_TYPES = frozenset({"text", "image_url"})


class DatasetError(Exception):
    """A training or validation file OpenAI would refuse; the message names the line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Dataset:
    data_format: DataFormat
    n_examples: int
    n_tokens: int
    pairs: tuple[Pair, ...]


def check_dataset(data: bytes, data_format: DataFormat, *, min_examples: int = 0) -> Dataset:
    """Parse and check a JSONL file; raise DatasetError at the first problem."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DatasetError(f"Line {line}: the file is not valid UTF-8.", line) from None

    pairs: list[Pair] = []
    n_examples = 0
    n_tokens = 0
    # split("\n"), not splitlines(): JSON strings may hold U+2028 and other characters
    # that splitlines() treats as line ends.
    for line_number, raw_line in enumerate(text.split("\n"), start=1):
        if not raw_line.strip():
            continue
        record = _parse_line(raw_line, line_number)
        if data_format == "chat":
            tokens, found = _check_chat(record, line_number)
        elif data_format == "completion":
            tokens, found = _check_completion(record, line_number)
        else:
            tokens, found = _check_preference(record, line_number)
        n_examples += 1
        n_tokens += tokens
        pairs.extend(found)

    if n_examples == 0:
        raise DatasetError("The file contains no examples.")
    if n_examples < min_examples:
        raise DatasetError(
            f"Training file has {n_examples} example(s), but must have at least {min_examples} examples"
        )
    return Dataset(data_format, n_examples, n_tokens, tuple(pairs))


def _parse_line(raw_line: str, line_number: int) -> dict[str, Any]:
    try:
        record = json.loads(raw_line)
    except json.JSONDecodeError as error:
        raise DatasetError(
            f"Line {line_number}: invalid JSON ({error.msg} at column {error.colno}).", line_number
        ) from None
    if not isinstance(record, dict):
        raise DatasetError(
            f"Line {line_number}: each line must be a JSON object, not {_kind(record)}.", line_number
        )
    return record


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "null"
    return "an object"


def _check_chat(record: dict[str, Any], line: int) -> tuple[int, list[Pair]]:
    if "messages" not in record and ("prompt" in record or "completion" in record):
        raise DatasetError(
            f'Line {line}: this model is trained on the chat format {{"messages": [...]}}; '
            "found prompt/completion keys.",
            line,
        )
    messages = record.get("messages")
    if not isinstance(messages, list) or not messages:
        raise DatasetError(f"Line {line}: missing 'messages' (a non-empty list of messages).", line)
    tokens = _check_messages(messages, line, where="")
    if not any(m.get("role") == "assistant" for m in messages):
        raise DatasetError(f"Line {line}: at least one message must come from the assistant role.", line)
    tools = record.get("tools")
    if tools is not None and not isinstance(tools, list):
        raise DatasetError(f"Line {line}: 'tools' must be a list.", line)
    return tokens + 3, _chat_pairs(messages)


def _check_messages(messages: list[Any], line: int, where: str) -> int:
    tokens = 0
    for position, message in enumerate(messages, start=1):
        label = f"Line {line}, {where}message {position}"
        if not isinstance(message, dict):
            raise DatasetError(f"{label}: each message must be an object.", line)
        unknown = sorted(set(message) - _MESSAGE_KEYS)
        if unknown:
            raise DatasetError(f"{label}: unrecognized key(s) {', '.join(map(repr, unknown))}.", line)
        if "role" not in message:
            raise DatasetError(f"{label}: missing 'role'.", line)
        role = message["role"]
        if role not in CHAT_ROLES:
            raise DatasetError(
                f"{label}: unrecognized role {role!r} (expected system, user, assistant or tool).", line
            )
        calls_a_tool = role == "assistant" and (
            message.get("tool_calls") is not None or message.get("function_call") is not None
        )
        content = message.get("content")
        if content is None and not calls_a_tool:
            raise DatasetError(f"{label}: missing 'content'.", line)
        if content is not None:
            tokens += estimate_tokens(_content_text(content, label, line, allow_parts=role == "user"))
        if "weight" in message:
            if role != "assistant":
                raise DatasetError(f"{label}: 'weight' is only allowed on assistant messages.", line)
            if message["weight"] not in (0, 1) or isinstance(message["weight"], bool):
                raise DatasetError(f"{label}: 'weight' must be 0 or 1.", line)
        name = message.get("name")
        if name is not None and not isinstance(name, str):
            raise DatasetError(f"{label}: 'name' must be a string.", line)
        tokens += 3 + (1 if name else 0)
    return tokens


def _content_text(content: object, label: str, line: int, *, allow_parts: bool) -> str:
    if isinstance(content, str):
        return content
    if allow_parts and isinstance(content, list):
        texts = []
        for part in content:
            if not isinstance(part, dict) or part.get("type") not in _CONTENT_PART_TYPES:
                raise DatasetError(f"{label}: content parts must be text or image_url objects.", line)
            if part["type"] == "text":
                if not isinstance(part.get("text"), str):
                    raise DatasetError(f"{label}: a text part needs a 'text' string.", line)
                texts.append(part["text"])
        return " ".join(texts)
    raise DatasetError(f"{label}: 'content' must be a string.", line)


def _chat_pairs(messages: list[dict[str, Any]]) -> list[Pair]:
    pairs = []
    prompt = ""
    for message in messages:
        role, content = message.get("role"), message.get("content")
        # The system prompt stands in for the question only until a user speaks.
        if role == "user" or (role == "system" and not prompt):
            prompt = message_text(content)
        elif role == "assistant" and isinstance(content, str) and message.get("weight", 1) != 0:
            pairs.append(Pair(prompt, content))
    return pairs


def _check_completion(record: dict[str, Any], line: int) -> tuple[int, list[Pair]]:
    if "messages" in record and "prompt" not in record:
        raise DatasetError(
            f"Line {line}: this model is trained on the prompt/completion format; found chat 'messages'.",
            line,
        )
    for key in ("prompt", "completion"):
        if key not in record:
            raise DatasetError(f"Line {line}: missing '{key}'.", line)
        if not isinstance(record[key], str):
            raise DatasetError(f"Line {line}: '{key}' must be a string.", line)
    prompt, completion = record["prompt"], record["completion"]
    if not completion:
        raise DatasetError(f"Line {line}: 'completion' is empty.", line)
    return estimate_tokens(prompt) + estimate_tokens(completion), [Pair(prompt, completion)]


def _check_preference(record: dict[str, Any], line: int) -> tuple[int, list[Pair]]:
    source = record.get("input")
    if not isinstance(source, dict) or not isinstance(source.get("messages"), list) or not source["messages"]:
        raise DatasetError(f"Line {line}: missing 'input' with a non-empty 'messages' list.", line)
    tokens = _check_messages(source["messages"], line, where="input ")
    preferred = ""
    for key in ("preferred_output", "non_preferred_output"):
        output = record.get(key)
        if (
            not isinstance(output, list)
            or len(output) != 1
            or not isinstance(output[0], dict)
            or output[0].get("role") != "assistant"
            or not isinstance(output[0].get("content"), str)
        ):
            raise DatasetError(
                f"Line {line}: '{key}' must be a list of one assistant message with string content.", line
            )
        tokens += 3 + estimate_tokens(output[0]["content"])
        if key == "preferred_output":
            preferred = output[0]["content"]
    prompt = ""
    for message in source["messages"]:
        if message.get("role") == "user":
            prompt = message_text(message.get("content"))
    return tokens + 3, [Pair(prompt, preferred)]
