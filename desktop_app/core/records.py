"""JSON records of every supported format, to rows and back.

Read: OpenAI chat (``messages``: system/user/assistant/tool, multi-turn, ``weight``, tool calls, ``tools``;
content as text or as a list of text parts, as LLaMA-Factory's v1 format writes it with ``loss_weight``),
OpenAI preference/DPO (``input`` / ``preferred_output`` / ``non_preferred_output``), legacy prompt/completion,
Alpaca (``instruction``/``input``/``output``/``system``/``history``, or ``chosen``/``rejected``) and ShareGPT
(``conversations`` with ``from``/``value``, ``system``, ``tools``, ``chosen``/``rejected``), as the datasets of
LLaMA-Factory use them. Written: OpenAI chat and DPO records.

Failures raise :class:`RecordError` (a stable code, English text, details); the file readers add where.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from desktop_app.core.dataset import ROLES, Example, Message, Role, example_from_messages


class RecordError(Exception):
    def __init__(self, code: str, message: str, **details: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details


CHAT_MESSAGE_KEYS: Final = frozenset(
    {"role", "content", "name", "weight", "tool_calls", "tool_call_id", "function_call", "loss_weight"}
)
"""Keys a chat message may have: the cookbook's (role, content, name, function_call, weight), today's tool
calling (tool_calls, tool_call_id), and LLaMA-Factory's ``loss_weight``."""

SHAREGPT_ROLES: Final[Mapping[str, Role]] = {
    "human": "user",
    "user": "user",
    "gpt": "assistant",
    "assistant": "assistant",
    "system": "system",
    "function_call": "assistant",
    "observation": "tool",
    "function": "tool",
    "tool": "tool",
}


def record_to_example(record: object) -> Example:
    """One record of any supported format as a row."""
    if not isinstance(record, dict):
        raise RecordError("bad_record", f"Expected a JSON object, found {_type_name(record)}", keys="")
    keys = ", ".join(map(str, record))
    if "messages" in record:
        return _chat_record(record)
    if "preferred_output" in record or "non_preferred_output" in record:
        return _dpo_record(record, keys)
    if "conversations" in record:
        return _sharegpt_record(record)
    if "prompt" in record or "completion" in record:
        for key in ("prompt", "completion"):
            if key not in record:
                raise RecordError("bad_record", f"Record has no {key!r}", keys=keys, field=key)
        return Example(_text(record, "prompt"), _text(record, "completion"))
    if "instruction" in record or "output" in record or "chosen" in record:
        return _alpaca_record(record, keys)
    raise RecordError(
        "bad_record",
        f"Unrecognised record (keys: {keys or 'none'}); expected 'messages', 'prompt'/'completion', "
        "'instruction'/'output', 'conversations' or 'input'/'preferred_output'",
        keys=keys,
    )


def _type_name(value: object) -> str:
    names = {dict: "object", list: "list", str: "text", bool: "true/false", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _text(obj: Mapping[str, Any], key: str) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RecordError("bad_record", f"{key!r} must be text, not {_type_name(value)}", field=key)
    return value


# OpenAI chat ------------------------------------------------------------------------------------------------


def _chat_record(record: Mapping[str, Any]) -> Example:
    messages = _chat_messages(record["messages"], "messages")
    _require_answer(messages)
    return _conversation(messages, tools=_tools(record))


def _chat_messages(raw: object, where: str) -> list[Message]:
    if not isinstance(raw, list) or not raw:
        raise RecordError("bad_record", f"{where!r} must be a non-empty list")
    messages: list[Message] = []
    calls = _CallIds()
    for position, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise RecordError("bad_message", f"Message {position} is not an object", index=str(position))
        unknown = [str(key) for key in item if key not in CHAT_MESSAGE_KEYS]
        if unknown:
            raise RecordError(
                "message_unrecognized_key",
                f"Message {position} has unrecognised key(s) {', '.join(unknown)}",
                index=str(position),
                keys=", ".join(unknown),
            )
        role = item.get("role")
        if role == "function":  # the deprecated function-calling format
            role = "tool"
        if role not in ROLES:
            raise RecordError(
                "bad_message",
                f"Message {position} has role {role!r}; supported roles are system, user, assistant and tool",
                index=str(position),
                role=str(role),
            )
        tool_calls = ""
        if item.get("tool_calls") is not None or item.get("function_call") is not None:
            if role != "assistant":
                raise RecordError(
                    "bad_message",
                    f"Message {position} ({role}) has tool calls; only assistant messages make them",
                    index=str(position),
                    role=str(role),
                )
            tool_calls = _tool_calls(item, position, calls)
        content = _content(item.get("content"), position, str(role), may_be_empty=bool(tool_calls))
        weight = _weight(item, position, str(role))
        tool_call_id = item.get("tool_call_id")
        if role == "tool" and not isinstance(tool_call_id, str):
            tool_call_id = calls.answer()
        name = item.get("name")
        if name is not None and not isinstance(name, str):
            raise RecordError("bad_message", f"Message {position}: 'name' must be text", index=str(position))
        messages.append(Message(role, content, weight, tool_calls, tool_call_id or "", name or ""))
    return messages


def _content(raw: object, position: int, role: str, *, may_be_empty: bool) -> str:
    if isinstance(raw, str):
        return raw
    if raw is None and may_be_empty:
        return ""
    if isinstance(raw, list) and raw:
        texts: list[str] = []
        for part in raw:
            text = None
            if isinstance(part, dict) and part.get("type") == "text":
                text = part.get("text", part.get("value"))
            if not isinstance(text, str):
                kind = part.get("type") if isinstance(part, dict) else None
                raise RecordError(
                    "unsupported_content",
                    f"Message {position} ({role}) has a {kind or 'non-text'} part; only text is supported",
                    index=str(position),
                    role=role,
                    kind=str(kind or ""),
                )
            texts.append(text)
        return "".join(texts)
    raise RecordError(
        "bad_message",
        f"Message {position} ({role}) has no text content",
        index=str(position),
        role=role,
    )


def _weight(item: Mapping[str, Any], position: int, role: str) -> int | None:
    raw = item.get("weight")
    key = "weight"
    if raw is None and item.get("loss_weight") is not None:
        raw, key = item["loss_weight"], "loss_weight"
        if role != "assistant":
            return None  # LLaMA-Factory marks every prompt message 0.0: prompts are never trained on anyway
    if raw is None:
        return None
    if isinstance(raw, bool) or raw not in (0, 1):
        raise RecordError(
            "bad_weight", f"Message {position}: {key} must be 0 or 1, not {raw!r}", index=str(position)
        )
    if role != "assistant":
        raise RecordError(
            "bad_weight",
            f"Message {position} ({role}) has a weight; only assistant messages have one",
            index=str(position),
        )
    return int(raw)


class _CallIds:
    """Tool call ids: made up for calls that have none, and handed to the results that follow them."""

    def __init__(self) -> None:
        self.made = 0
        self.pending: list[str] = []
        self.last = ""

    def new(self) -> str:
        self.made += 1
        return f"call_{self.made}"

    def expect(self, ids: list[str]) -> None:
        self.pending = list(ids)

    def answer(self) -> str:
        if self.pending:
            self.last = self.pending.pop(0)
        return self.last


def _tool_calls(item: Mapping[str, Any], position: int, calls: _CallIds) -> str:
    raw = item.get("tool_calls")
    if raw is None:  # the deprecated single ``function_call``
        raw = [{"type": "function", "function": item["function_call"]}]
    if not isinstance(raw, list) or not all(isinstance(call, dict) for call in raw):
        raise RecordError(
            "bad_message", f"Message {position}: 'tool_calls' must be a list of objects", index=str(position)
        )
    normalised: list[dict[str, Any]] = []
    for call in raw:
        call = dict(call)  # noqa: PLW2901 - a copy, filled in
        if not isinstance(call.get("id"), str):
            call = {"id": calls.new(), **call}  # noqa: PLW2901
        normalised.append(call)
    calls.expect([call["id"] for call in normalised])
    return json.dumps(normalised, ensure_ascii=False)


def _tools(record: Mapping[str, Any]) -> str:
    raw = record.get("tools")
    if raw is None and record.get("functions") is not None:  # the deprecated form
        raw = [{"type": "function", "function": f} for f in _as_list(record["functions"], "functions")]
    if raw is None:
        return ""
    if isinstance(raw, str):  # LLaMA-Factory keeps tools as JSON text
        if not raw.strip():
            return ""
        try:
            raw = json.loads(raw)
        except ValueError as exc:
            raise RecordError("bad_record", "'tools' is not valid JSON", field="tools") from exc
    tools = _as_list(raw, "tools")
    openai_tools = [tool if "type" in tool else {"type": "function", "function": tool} for tool in tools]
    return json.dumps(openai_tools, ensure_ascii=False) if openai_tools else ""


def _as_list(raw: object, key: str) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise RecordError("bad_record", f"{key!r} must be a list of objects", field=key)
    return raw


def _require_answer(messages: Sequence[Message]) -> None:
    last_answer = next((i for i in range(len(messages) - 1, -1, -1) if messages[i].role == "assistant"), None)
    if last_answer is None:
        raise RecordError("no_assistant", "The conversation has no assistant message")
    if last_answer != len(messages) - 1:
        trailing = messages[last_answer + 1].role
        raise RecordError(
            "trailing_messages",
            f"The conversation ends with a {trailing} message after the last assistant answer; nothing would"
            " be trained on it. Remove it or add an answer.",
            role=trailing,
        )


def _conversation(messages: Sequence[Message], *, tools: str = "", rejected: str = "") -> Example:
    return example_from_messages(messages, tools=tools, rejected=rejected)


# OpenAI preference (DPO) ------------------------------------------------------------------------------------


def _dpo_record(record: Mapping[str, Any], keys: str) -> Example:
    source = record.get("input")
    if not isinstance(source, dict):
        raise RecordError(
            "bad_record", "A preference record needs an 'input' object with 'messages'", keys=keys
        )
    messages = _chat_messages(source.get("messages"), "input.messages")
    preferred = _dpo_answer(record, "preferred_output")
    rejected = _dpo_answer(record, "non_preferred_output")
    tools = _tools(source) or _tools(record)
    return _conversation([*messages, preferred], tools=tools, rejected=rejected.content)


def _dpo_answer(record: Mapping[str, Any], key: str) -> Message:
    raw = record.get(key)
    if not isinstance(raw, list) or len(raw) != 1:
        raise RecordError("bad_record", f"{key!r} must be a list of one assistant message", field=key)
    answer = _chat_messages(raw, key)[0]
    if answer.role != "assistant":
        raise RecordError("bad_record", f"{key!r} must be an assistant message", field=key)
    return answer


# Alpaca -----------------------------------------------------------------------------------------------------


def _alpaca_record(record: Mapping[str, Any], keys: str) -> Example:
    preference = "chosen" in record or "rejected" in record
    answer_keys = ("chosen", "rejected") if preference else ("output",)
    for key in ("instruction", *answer_keys):
        if key not in record:
            raise RecordError("bad_record", f"Record has no {key!r}", keys=keys, field=key)
    # As LLaMA-Factory builds the question: the instruction, then the input on the next line.
    prompt = "\n".join(text for text in (_text(record, "instruction"), _text(record, "input")) if text)
    history: list[Message] = []
    raw_history = record.get("history")
    if raw_history is not None:
        if not isinstance(raw_history, list):
            raise RecordError(
                "bad_record", "'history' must be a list of [question, answer] pairs", field="history"
            )
        for position, pair in enumerate(raw_history, start=1):
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(t, str) for t in pair)):
                raise RecordError(
                    "bad_record",
                    f"History item {position} must be a [question, answer] pair of texts",
                    field="history",
                    index=str(position),
                )
            history += [Message("user", pair[0]), Message("assistant", pair[1])]
    answer = _text(record, "chosen" if preference else "output")
    return Example(
        prompt,
        answer,
        _text(record, "system"),
        tuple(history),
        rejected=_text(record, "rejected") if preference else "",
    )


# ShareGPT ---------------------------------------------------------------------------------------------------


def _sharegpt_record(record: Mapping[str, Any]) -> Example:
    raw = record["conversations"]
    if not isinstance(raw, list) or not raw:
        raise RecordError("bad_record", "'conversations' must be a non-empty list")
    messages: list[Message] = []
    system = _text(record, "system")
    if system:
        messages.append(Message("system", system))
    calls = _CallIds()
    for position, item in enumerate(raw, start=1):
        messages.append(_sharegpt_message(item, position, calls))
    if "chosen" in record or "rejected" in record:
        chosen = _sharegpt_answer(record, "chosen", calls)
        rejected = _sharegpt_answer(record, "rejected", calls)
        return _conversation([*messages, chosen], tools=_tools(record), rejected=rejected.content)
    _require_answer(messages)
    return _conversation(messages, tools=_tools(record))


def _sharegpt_message(item: object, position: int, calls: _CallIds) -> Message:
    if not isinstance(item, dict):
        raise RecordError("bad_message", f"Message {position} is not an object", index=str(position))
    speaker, value = item.get("from"), item.get("value")
    role = SHAREGPT_ROLES.get(speaker) if isinstance(speaker, str) else None
    if role is None:
        raise RecordError(
            "bad_message",
            f"Message {position} is from {speaker!r}; expected human, gpt, system, function_call or observation",
            index=str(position),
            role=str(speaker),
        )
    if not isinstance(value, str):
        raise RecordError(
            "bad_message",
            f"Message {position} ({speaker}) has no text 'value'",
            index=str(position),
            role=role,
        )
    if speaker == "function_call":
        return Message("assistant", "", tool_calls=_sharegpt_call(value, position, calls))
    if role == "tool":
        return Message("tool", value, tool_call_id=calls.answer())
    return Message(role, value)


def _sharegpt_call(value: str, position: int, calls: _CallIds) -> str:
    """A ShareGPT ``function_call`` value (``{"name", "arguments"}`` or a list of them) as OpenAI tool calls."""
    try:
        parsed = json.loads(value)
    except ValueError as exc:
        raise RecordError(
            "bad_message", f"Message {position}: the function call is not valid JSON", index=str(position)
        ) from exc
    items = parsed if isinstance(parsed, list) else [parsed]
    result: list[dict[str, Any]] = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise RecordError(
                "bad_message", f"Message {position}: a function call needs a 'name'", index=str(position)
            )
        arguments = item.get("arguments", {})
        if not isinstance(arguments, str):
            arguments = json.dumps(arguments, ensure_ascii=False)
        call_id = calls.new()
        result.append(
            {"id": call_id, "type": "function", "function": {"name": item["name"], "arguments": arguments}}
        )
    calls.expect([call["id"] for call in result])
    return json.dumps(result, ensure_ascii=False)


def _sharegpt_answer(record: Mapping[str, Any], key: str, calls: _CallIds) -> Message:
    raw = record.get(key)
    if isinstance(raw, str):
        return Message("assistant", raw)
    message = _sharegpt_message(raw, 0, calls) if isinstance(raw, dict) else None
    if message is None or message.role != "assistant":
        raise RecordError("bad_record", f"{key!r} must be an answer from gpt", field=key)
    return message


# ----------------------------------------------------------------------------------------------- writing


def chat_record(example: Example, default_system: str = "") -> dict[str, Any]:
    """The OpenAI chat fine-tuning record of a row."""
    record: dict[str, Any] = {"messages": [message.to_json() for message in example.messages(default_system)]}
    if example.tools:
        record["tools"] = json.loads(example.tools)
    return record


def dpo_record(example: Example, default_system: str = "") -> dict[str, Any]:
    """The OpenAI preference (DPO) record of a row with a non-preferred answer."""
    messages = example.messages(default_system)
    answer = messages.pop()
    source: dict[str, Any] = {"messages": [message.to_json() for message in messages]}
    if example.tools:
        source["tools"] = json.loads(example.tools)
    preferred = Message("assistant", answer.content, tool_calls=answer.tool_calls)
    return {
        "input": source,
        "preferred_output": [preferred.to_json()],
        "non_preferred_output": [Message("assistant", example.rejected).to_json()],
    }


def encode(record: Mapping[str, Any]) -> str:
    """One JSONL line (no newline), UTF-8 text kept as is."""
    return json.dumps(record, ensure_ascii=False)


RecordWriter = Callable[[Example, str], dict[str, Any]]
