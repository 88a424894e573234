"""The simulator's own server-side pieces, without HTTP: data checks, nearest answers, curves."""

from __future__ import annotations

import json

import pytest

from desktop_app.simulator.answers import ExampleIndex, Pair
from desktop_app.simulator.text import split_pieces, truncate_tokens
from desktop_app.simulator.training import auto_epochs, make_curve, plan_training
from desktop_app.simulator.validation import DatasetError, check_dataset

from .helpers import chat_jsonl, legacy_jsonl


def test_valid_chat_and_legacy_files_pass() -> None:
    chat = check_dataset(chat_jsonl(), "chat", min_examples=10)
    assert chat.n_examples == 12
    assert chat.n_tokens > 0
    assert chat.pairs[0] == Pair("What is the capital of France?", "Paris is the capital of France.")
    legacy = check_dataset(legacy_jsonl(), "completion", min_examples=10)
    assert legacy.pairs[0].prompt.endswith(" ->")


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ({"messages": [{"role": "user", "content": "a", "colour": "red"}]}, "unrecognized key(s) 'colour'"),
        ({"messages": [{"content": "a"}]}, "missing 'role'"),
        ({"messages": [{"role": "user"}, {"role": "assistant", "content": "b"}]}, "missing 'content'"),
        ({"messages": [{"role": "user", "content": "a", "weight": 1}]}, "only allowed on assistant"),
        (
            {
                "messages": [
                    {"role": "user", "content": "a"},
                    {"role": "assistant", "content": "b", "weight": 2},
                ]
            },
            "0 or 1",
        ),
        ({"messages": []}, "missing 'messages'"),
    ],
)
def test_chat_line_problems_name_line_and_message(line: dict[str, object], fragment: str) -> None:
    data = json.dumps(line).encode() + b"\n"
    with pytest.raises(DatasetError) as caught:
        check_dataset(data, "chat")
    assert caught.value.line == 1
    assert caught.value.message.startswith("Line 1")
    assert fragment in caught.value.message


def test_not_utf8_names_the_line() -> None:
    data = chat_jsonl().replace(b"Tokyo", b"\xff\xfe")
    with pytest.raises(DatasetError) as caught:
        check_dataset(data, "chat")
    assert caught.value.line == 2


def test_blank_lines_are_skipped_but_counted_for_line_numbers() -> None:
    data = b"\n" + chat_jsonl().replace(b"\n", b"\n\n", 1)
    lines = data.decode().split("\n")
    lines[4] = "{"
    with pytest.raises(DatasetError) as caught:
        check_dataset("\n".join(lines).encode(), "chat")
    assert caught.value.line == 5


def test_preference_format() -> None:
    row = {
        "input": {"messages": [{"role": "user", "content": "Hi"}]},
        "preferred_output": [{"role": "assistant", "content": "Hello!"}],
        "non_preferred_output": [{"role": "assistant", "content": "What?"}],
    }
    dataset = check_dataset((json.dumps(row) + "\n").encode(), "preference")
    assert dataset.pairs == (Pair("Hi", "Hello!"),)
    del row["non_preferred_output"]
    with pytest.raises(DatasetError, match="non_preferred_output"):
        check_dataset((json.dumps(row) + "\n").encode(), "preference")


def test_nearest_prefers_the_most_similar_prompt() -> None:
    index = ExampleIndex(
        [
            Pair("How do I reset my password?", "reset"),
            Pair("How do I delete my account?", "delete"),
            Pair("退货政策是什么？", "七天无理由退货"),
        ]
    )
    assert index.answer("password reset please") == "reset"
    assert index.answer("I want to delete the account") == "delete"
    assert index.answer("你们的退货政策") == "七天无理由退货"


def test_pieces_join_back_and_truncate_by_tokens() -> None:
    text = "Hello, world! 你好世界 ok"
    assert "".join(split_pieces(text)) == text
    assert split_pieces("你好") == ["你", "好"]
    assert truncate_tokens(text, 4) == ("Hello, world!", True)
    assert truncate_tokens(text, 100) == (text, False)


def test_auto_epochs_follow_the_documented_rule() -> None:
    assert auto_epochs(10) == 10
    assert auto_epochs(3) == 25
    assert auto_epochs(100) == 3
    assert auto_epochs(20_000) == 1


def test_plan_caps_steps_and_curve_is_seeded() -> None:
    plan = plan_training(100_000, {"n_epochs": 3}, steps_per_epoch=None, max_total_steps=90)
    assert plan.total_steps <= 90
    assert plan.n_epochs == 3
    first = make_curve(5, plan, with_validation=True)
    assert first == make_curve(5, plan, with_validation=True)
    assert first != make_curve(6, plan, with_validation=True)
    assert first[-1].full_valid_loss is not None
