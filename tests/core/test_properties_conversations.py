"""Property-based tests of conversations: any generated conversation, weights, tool calls, preference pair
or note survives chat/DPO JSONL, the project file and the table export unchanged."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.dataset import Dataset, Example, Message, example_from_messages
from desktop_app.core.errors import DatasetError
from desktop_app.core.formats import (
    chat_jsonl_lines,
    dpo_jsonl_lines,
    export_jsonl,
    read_dataset,
    write_table,
)
from desktop_app.core.project import save_project
from desktop_app.core.records import RecordError, record_to_example

# Any text but lone surrogates (which no UTF-8 file can hold); control characters and emoji included.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
NONEMPTY = TEXT.filter(lambda t: t != "")
CALLS = st.just('[{"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}]')


@st.composite
def messages(draw: st.DrawFn) -> list[Message]:
    result: list[Message] = []
    if draw(st.booleans()):
        result.append(Message("system", draw(NONEMPTY)))
    for _ in range(draw(st.integers(0, 3))):
        result.append(Message("user", draw(NONEMPTY)))
        if draw(st.booleans()):
            result.append(Message("assistant", "", tool_calls=draw(CALLS)))
            result.append(Message("tool", draw(TEXT), tool_call_id="call_1"))
        result.append(Message("assistant", draw(TEXT), weight=draw(st.sampled_from([None, 0, 1]))))
    result.append(Message("user", draw(NONEMPTY)))
    result.append(Message("assistant", draw(TEXT), weight=draw(st.sampled_from([None, 1]))))
    return result


EXAMPLES = st.builds(
    lambda conversation, note, validation: _with(example_from_messages(conversation), note, validation),
    messages(),
    TEXT,
    st.booleans(),
)


def _with(example: Example, note: str, validation: bool) -> Example:
    example.note, example.validation = note, validation
    return example


def _training_view(example: Example) -> Example:
    """What JSONL keeps: everything but the user's note and the split."""
    return Example(*[getattr(example, name) for name in Example.__slots__[:9]])  # type: ignore[attr-defined]


_SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(examples=st.lists(EXAMPLES, min_size=1, max_size=4))
def test_chat_jsonl_round_trip(examples: list[Example]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "chat.jsonl"
        export_jsonl(chat_jsonl_lines(Dataset(examples)), path)
        assert read_dataset(path).dataset.examples == [_training_view(e) for e in examples]


@_SETTINGS
@given(examples=st.lists(EXAMPLES, min_size=1, max_size=4), rejected=NONEMPTY)
def test_dpo_jsonl_round_trip(examples: list[Example], rejected: str) -> None:
    single = [Example(e.prompt, e.completion, e.system, rejected=rejected) for e in examples]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dpo.jsonl"
        export_jsonl(dpo_jsonl_lines(Dataset(single)), path)
        assert read_dataset(path).dataset.examples == single


@_SETTINGS
@given(examples=st.lists(EXAMPLES, min_size=1, max_size=4))
def test_project_and_csv_round_trip(examples: list[Example]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "data.ftdesk"
        save_project(Dataset(examples), project)
        assert read_dataset(project).dataset.examples == examples
        table = Path(folder) / "data.csv"
        write_table(Dataset(examples), table)
        try:
            back = read_dataset(table).dataset.examples
        except DatasetError as exc:  # a row whose every cell is blank is skipped as an empty row
            raise AssertionError(exc) from exc
        assert back == [e for e in examples if any((e.prompt, e.completion, e.note, e.history))]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=12,
)
RECORD_KEYS = st.sampled_from(
    [
        "messages",
        "conversations",
        "input",
        "preferred_output",
        "non_preferred_output",
        "chosen",
        "rejected",
        "instruction",
        "output",
        "history",
        "system",
        "tools",
        "role",
        "content",
        "from",
        "value",
        "weight",
    ]
)


@settings(max_examples=3000, deadline=None)
@given(record=st.dictionaries(RECORD_KEYS, JSON_VALUES, max_size=5) | JSON_VALUES)
def test_any_json_record_gives_a_row_or_a_record_error(record: object) -> None:
    outcome: Example | RecordError
    try:
        outcome = record_to_example(record)
    except RecordError as exc:
        outcome = exc
    if isinstance(outcome, RecordError):
        assert outcome.code
        assert outcome.message
    else:
        json.dumps(list(chat_jsonl_lines(Dataset([outcome]))))
