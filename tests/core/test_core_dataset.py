"""Dataset rows: copies are independent, the autosave payload round-trips and rejects damage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.core.dataset import Dataset, Example
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
    assert payload["version"] == 1
    assert payload["examples"][0] == {"prompt": "你好？", "completion": "你好！", "system": "你是客服"}
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
