"""Multi-turn chat, tool calls, weights, preference (DPO) pairs, Alpaca history and ShareGPT: read, then
written back without changing a message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.core.dataset import Dataset, Example, Message
from desktop_app.core.errors import DatasetError
from desktop_app.core.formats import (
    CONVERSATION_COLUMN,
    chat_jsonl_lines,
    dpo_jsonl_lines,
    export_jsonl,
    legacy_jsonl_lines,
    read_dataset,
    write_table,
)

DATA = Path(__file__).resolve().parent.parent / "data"


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_multi_turn_chat_with_weights_and_a_tool_call() -> None:
    examples = read_dataset(DATA / "chat_multi_turn.jsonl").dataset.examples
    assert len(examples) == 11
    first = examples[0]
    assert first.system == "你是青山茶舍的店员。"
    assert [m.role for m in first.history] == ["user", "assistant"]
    assert first.history[1].weight == 0
    assert first.weight == 1
    assert first.turns == 2
    tool = examples[10]
    assert tool.prompt == "乌龙茶还有吗？"
    assert [m.role for m in tool.steps] == ["assistant", "tool"]
    assert json.loads(tool.steps[0].tool_calls)[0]["function"]["name"] == "stock"
    assert tool.steps[1].tool_call_id == "call_stock"
    assert json.loads(tool.tools)[0]["function"]["name"] == "stock"


def test_chat_export_writes_back_the_same_records(tmp_path: Path) -> None:
    """Every message, weight, tool call and tool definition comes back as it was in the source."""
    source = DATA / "chat_multi_turn.jsonl"
    out = tmp_path / "out.jsonl"
    export_jsonl(chat_jsonl_lines(read_dataset(source).dataset), out)
    assert _records(out) == _records(source)


def test_openai_preference_pairs_round_trip(tmp_path: Path) -> None:
    source = DATA / "dpo.jsonl"
    dataset = read_dataset(source).dataset
    assert dataset.is_preference
    assert dataset.examples[0].rejected == "不知道。"
    out = tmp_path / "out.jsonl"
    export_jsonl(dpo_jsonl_lines(dataset), out)
    assert _records(out) == _records(source)


def test_preference_export_names_a_row_without_rejected_answer() -> None:
    dataset = Dataset([Example("q", "a", rejected="b"), Example("q2", "a2")])
    with pytest.raises(DatasetError) as caught:
        list(dpo_jsonl_lines(dataset))
    assert caught.value.code == "missing_rejected"
    assert caught.value.details["example"] == "2"


def test_sharegpt_preference_pairs_from_llama_factory() -> None:
    source = json.loads((DATA / "sharegpt_dpo_small.json").read_text(encoding="utf-8"))
    examples = read_dataset(DATA / "sharegpt_dpo_small.json").dataset.examples
    assert len(examples) == len(source)
    for item, example in zip(source, examples, strict=True):
        assert example.prompt == item["conversations"][-1]["value"]
        assert example.completion == item["chosen"]["value"]
        assert example.rejected == item["rejected"]["value"]
        system = [m["value"] for m in item["conversations"] if m["from"] == "system"]
        assert example.system == (system[0] if system else "")


def test_sharegpt_tool_calls_become_openai_tool_calls() -> None:
    source = json.loads((DATA / "sharegpt_tools_small.json").read_text(encoding="utf-8"))
    dataset = read_dataset(DATA / "sharegpt_tools_small.json").dataset
    assert len(dataset) == len(source)
    for item, line in zip(source, chat_jsonl_lines(dataset), strict=True):
        messages = json.loads(line)["messages"]
        assert len(messages) == len(item["conversations"])
        for original, message in zip(item["conversations"], messages, strict=True):
            expected_role = {"human": "user", "gpt": "assistant", "function_call": "assistant"}.get(
                original["from"], "tool"
            )
            assert message["role"] == expected_role
            if original["from"] == "function_call":
                call = json.loads(original["value"])
                made = message["tool_calls"][0]
                assert made["function"]["name"] == call["name"]
                assert json.loads(made["function"]["arguments"]) == call["arguments"]
            elif original["from"] == "observation":
                assert message["content"] == original["value"]
                assert message["tool_call_id"].startswith("call_")
            else:
                assert message["content"] == original["value"]
        tools = json.loads(line).get("tools", [])
        assert [t["function"] for t in tools] == json.loads(item["tools"])


def test_v1_content_parts_and_loss_weight() -> None:
    source = _records(DATA / "v1_sft_small.jsonl")
    examples = read_dataset(DATA / "v1_sft_small.jsonl").dataset.examples
    for item, example in zip(source, examples, strict=True):
        assert example.prompt == item["messages"][0]["content"][0]["value"]
        assert example.completion == item["messages"][1]["content"][0]["value"]
        assert example.weight == 1


def test_alpaca_history_and_preference(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    records = [
        {
            "instruction": "再来一杯",
            "input": "",
            "output": "好的",
            "system": "店员",
            "history": [["你好", "欢迎"]],
        },
        {"instruction": "推荐", "input": "便宜的", "chosen": "绿茶", "rejected": "随便"},
    ]
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    first, second = read_dataset(path).dataset.examples
    assert first == Example(
        "再来一杯", "好的", "店员", history=(Message("user", "你好"), Message("assistant", "欢迎"))
    )
    assert second == Example("推荐\n便宜的", "绿茶", rejected="随便")


def test_every_bad_record_is_listed_and_can_be_skipped(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = {"prompt": "q", "completion": "a"}
    lines = [good, {"oops": 1}, good, "not json", good, {"messages": []}]
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(DatasetError) as caught:
        read_dataset(path)
    error = caught.value
    assert error.line == 2
    assert error.details["bad_count"] == "3"
    assert error.details["bad_lines"] == "2, 4, 6"
    assert "line 4" in str(error)
    assert "line 6" in str(error)
    result = read_dataset(path, skip_bad=True)
    assert len(result.dataset) == 3
    assert [(w.code, w.details["lines"]) for w in result.warnings] == [("records_skipped", "2, 4, 6")]


def test_legacy_export_refuses_conversations() -> None:
    dataset = Dataset(
        [Example("q", "a"), Example("q", "a", history=(Message("user", "x"), Message("assistant", "y")))]
    )
    with pytest.raises(DatasetError) as caught:
        list(legacy_jsonl_lines(dataset))
    assert caught.value.code == "not_single_turn"
    assert caught.value.details["example"] == "2"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_tables_keep_conversations_notes_and_split(tmp_path: Path, suffix: str) -> None:
    """A workbook or CSV written by the app reads back as the same rows, conversations included."""
    dataset = read_dataset(DATA / "chat_multi_turn.jsonl").dataset
    dataset.examples[0].note = "核对价格"
    dataset.examples[1].rejected = "不清楚"
    dataset.examples[2].validation = True
    path = tmp_path / f"out{suffix}"
    write_table(dataset, path)
    result = read_dataset(path)
    assert CONVERSATION_COLUMN in result.column_map.values()
    assert result.dataset.examples == dataset.examples


def test_txt_lines_are_completions(tmp_path: Path) -> None:
    path = tmp_path / "poems.txt"
    path.write_bytes("床前明月光\r\n\r\n疑是地上霜\n".encode())
    result = read_dataset(path)
    assert result.dataset.examples == [Example("", "床前明月光"), Example("", "疑是地上霜")]
    assert [w.code for w in result.warnings] == ["blank_rows_skipped"]


def test_columns_chosen_by_the_user(tmp_path: Path) -> None:
    path = tmp_path / "custom.csv"
    path.write_text("编号,客人的话,店员的话,\n1,你好,欢迎,x\n", encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        read_dataset(path)
    assert caught.value.code == "missing_columns"
    result = read_dataset(path, columns={"prompt": "客人的话", "completion": "店员的话", "note": "column D"})
    assert result.dataset.examples == [Example("你好", "欢迎", note="x")]
    assert result.column_map == {"prompt": "客人的话", "completion": "店员的话", "note": ""}
    with pytest.raises(DatasetError) as caught:
        read_dataset(path, columns={"prompt": "问题", "completion": "店员的话"})
    assert caught.value.code == "column_not_found"
