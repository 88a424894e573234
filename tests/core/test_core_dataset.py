"""Dataset rows: copies are independent, the autosave payload round-trips and rejects damage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.core.dataset import (
    Dataset,
    Example,
    Message,
    Split,
    draw_split,
    example_from_messages,
    validation_count,
)
from desktop_app.core.errors import DatasetError


def _dataset() -> Dataset:
    return Dataset(
        [Example("你好？", "你好！", "你是客服"), Example("营业时间？", "九点半开门。")],
        source=Path("/data/content.xlsx"),
        sheet="问答",
        encoding=None,
    )


def test_copy_is_independent() -> None:
    original = _dataset()
    duplicate = original.copy()
    duplicate.examples[0].prompt = "changed"
    duplicate.examples.append(Example("a", "b"))
    assert original.examples[0].prompt == "你好？"
    assert len(original) == 2
    assert len(duplicate) == 3
    assert duplicate.source == original.source
    assert duplicate.sheet == "问答"


def test_payload_round_trip_through_json() -> None:
    original = _dataset()
    payload = json.loads(json.dumps(original.to_payload(), ensure_ascii=False))
    assert payload["version"] == 2
    assert payload["examples"][0] == {"prompt": "你好？", "completion": "你好！", "system": "你是客服"}
    assert payload["examples"][1] == {"prompt": "营业时间？", "completion": "九点半开门。"}
    assert payload["source"] == str(Path("/data/content.xlsx"))
    restored = Dataset.from_payload(payload)
    assert restored == original


def test_payload_without_optional_fields() -> None:
    restored = Dataset.from_payload({"version": 1, "examples": [{"prompt": "p", "completion": "c"}]})
    assert restored.examples == [Example("p", "c", "")]
    assert restored.source is None
    assert restored.sheet is None


@pytest.mark.parametrize(
    "payload",
    [
        {"version": 99, "examples": []},
        {"version": True, "examples": []},
        {
            "version": 2,
            "examples": [{"prompt": "p", "completion": "c", "history": [{"role": "bot", "content": "x"}]}],
        },
        {"version": 2, "examples": [{"prompt": "p", "completion": "c", "weight": 2}]},
        {"version": 2, "examples": [{"prompt": "p", "completion": "c", "tools": "not json"}]},
        {"version": 2, "examples": [{"prompt": "p", "completion": "c", "validation": "yes"}]},
        {"version": 2, "examples": [], "split": {"preset": "50/50", "fraction": 0.5, "seed": 1}},
        {"version": 2, "examples": [], "split": {"preset": "custom", "fraction": 1.5, "seed": 1}},
        {"version": 2, "examples": [], "default_system": 3},
        {"version": 1, "examples": "nope"},
        {"version": 1, "examples": [["p", "c"]]},
        {"version": 1, "examples": [{"prompt": 1, "completion": "c"}]},
        {"version": 1, "examples": [], "source": 5},
    ],
)
def test_damaged_payload_is_rejected(payload: dict[str, object]) -> None:
    with pytest.raises(DatasetError) as caught:
        Dataset.from_payload(payload)
    assert caught.value.code == "bad_payload"


def _conversation() -> Example:
    return Example(
        "还有别的吗？",
        "有桂花乌龙。",
        "你是茶馆的店员",
        history=(Message("user", "有什么茶？"), Message("assistant", "有绿茶。", weight=0)),
        steps=(
            Message("assistant", "", tool_calls='[{"id": "call_1", "type": "function"}]'),
            Message("tool", "库存: 3", tool_call_id="call_1"),
        ),
        weight=1,
        tools='[{"type": "function", "function": {"name": "stock"}}]',
        rejected="没有了。",
        note="待核实",
        validation=True,
    )


def test_payload_keeps_conversations_split_and_settings() -> None:
    original = Dataset(
        [_conversation(), Example("a", "b")],
        default_system="默认",
        split=Split("custom", 0.25, 7),
        base_model="gpt-4o-mini-2024-07-18",
        legacy_separator="\n\n###\n\n",
        legacy_ending=None,
    )
    payload = json.loads(json.dumps(original.to_payload(), ensure_ascii=False))
    assert payload["examples"][0]["history"][1] == {"role": "assistant", "content": "有绿茶。", "weight": 0}
    assert payload["examples"][0]["validation"] is True
    assert Dataset.from_payload(payload) == original


def test_version_1_payload_still_loads() -> None:
    restored = Dataset.from_payload(
        {"version": 1, "examples": [{"prompt": "p", "completion": "c", "system": "s"}]}
    )
    assert restored.examples == [Example("p", "c", "s")]
    assert restored.split is None
    assert restored.default_system == ""


def test_messages_rebuild_the_conversation() -> None:
    roles = [m.role for m in _conversation().messages()]
    assert roles == ["system", "user", "assistant", "user", "assistant", "tool", "assistant"]
    assert _conversation().turns == 2
    no_system = Example("q", "a")
    assert [m.role for m in no_system.messages("默认")] == ["system", "user", "assistant"]
    assert no_system.messages("默认")[0].content == "默认"
    assert [m.role for m in Example("", "a").messages()] == ["assistant"]


def test_example_from_messages_is_the_inverse_of_messages() -> None:
    example = _conversation()
    rebuilt = example_from_messages(example.messages(), tools=example.tools, rejected=example.rejected)
    rebuilt.note, rebuilt.validation = example.note, example.validation
    assert rebuilt == example


def test_example_from_messages_keeps_what_the_prompt_cannot_show() -> None:
    messages = [Message("user", "q", name="alice"), Message("assistant", "a")]
    example = example_from_messages(messages)
    assert example.prompt == ""
    assert example.messages() == messages
    with pytest.raises(ValueError, match="assistant"):
        example_from_messages([Message("user", "q")])


def test_split_is_seeded_and_sized() -> None:
    first = draw_split(100, 0.1, seed=42)
    assert first == draw_split(100, 0.1, seed=42)
    assert first != draw_split(100, 0.1, seed=43)
    assert sum(first) == 10
    assert sum(draw_split(5, 0.1, seed=1)) == 1  # at least one row when splitting at all
    assert sum(draw_split(2, 0.9, seed=1)) == 1  # at least one training row
    assert draw_split(1, 0.2, seed=1) == [False]
    assert validation_count(1000, 0.2) == 200
    assert validation_count(10, 0.0) == 0
