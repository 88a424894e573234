"""Token counts of conversations, tool calls and preference pairs follow the cookbook's rule."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.dataset import Dataset, Example, Message
from desktop_app.core.formats import read_dataset
from desktop_app.core.tokens import (
    count_dataset,
    count_example_tokens,
    count_message_tokens,
    get_encoding,
    special_token_rows,
)

DATA = Path(__file__).resolve().parent.parent / "data"
MODEL = "gpt-4o-mini-2024-07-18"


def test_multi_turn_rows_count_every_message() -> None:
    encoding = get_encoding("o200k_base")
    examples = read_dataset(DATA / "chat_multi_turn.jsonl").dataset.examples[:10]
    for example in examples:
        cookbook = count_message_tokens(
            [{"role": m.role, "content": m.content} for m in example.messages()], encoding
        )
        assert count_example_tokens(example, encoding).total == cookbook
        # The first answer has weight 0: only the second one is trained on.
        assert count_example_tokens(example, encoding).assistant == len(encoding.encode(example.completion))


def test_tool_calls_tools_and_rejected_answers_add_tokens() -> None:
    encoding = get_encoding("o200k_base")
    plain = Example("还有吗？", "还有三份。")
    with_tools = Example(
        "还有吗？",
        "还有三份。",
        steps=(
            Message("assistant", "", tool_calls='[{"id": "c", "type": "function"}]'),
            Message("tool", '{"left": 3}', tool_call_id="c"),
        ),
        tools='[{"type": "function", "function": {"name": "stock"}}]',
    )
    preference = Example("还有吗？", "还有三份。", rejected="不知道。")
    base = count_example_tokens(plain, encoding).total
    assert count_example_tokens(with_tools, encoding).total > base + len(encoding.encode(with_tools.tools))
    assert count_example_tokens(preference, encoding).total == base + 3 + 1 + len(encoding.encode("不知道。"))


def test_dataset_report_counts_messages_of_conversations() -> None:
    dataset = read_dataset(DATA / "chat_multi_turn.jsonl").dataset
    report = count_dataset(dataset, MODEL)
    assert report.messages_per_example.max == 5
    assert report.n_examples == 11


def test_special_tokens_are_found_in_earlier_messages_and_rejected_answers() -> None:
    dataset = Dataset(
        [
            Example("q", "a", history=(Message("user", "<|im_start|>hi"), Message("assistant", "ok"))),
            Example("q", "a", rejected="<|endoftext|>"),
            Example("q", "a"),
        ]
    )
    assert special_token_rows(dataset) == {0: ["<|im_start|>"], 1: ["<|endoftext|>"]}


def test_missing_system_messages_are_counted_for_chat_models() -> None:
    from desktop_app.core.validation import check_for_model

    dataset = Dataset([Example("q", "a", "店员"), Example("q2", "a2"), Example("q3", "a3")])
    found = [i for i in check_for_model(dataset) if i.code == "no_system_message"]
    assert [i.params["count"] for i in found] == [2]
    dataset.default_system = "你是店员"
    assert not [i for i in check_for_model(dataset) if i.code == "no_system_message"]
    dataset.default_system, dataset.base_model = "", "davinci-002"  # legacy files have no system message
    assert not [i for i in check_for_model(dataset) if i.code == "no_system_message"]
