from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.storage.autosave import AutosaveStore

CHINESE_ROWS: dict[str, object] = {
    "rows": [
        {"prompt": "请把这句话翻译成英文：今天天气很好。", "completion": "The weather is nice today."},
        {"prompt": "“引号”与emoji 🙂", "completion": "混合 mixed"},
    ],
    "dirty": True,
    "count": 2,
}


def test_round_trip_keeps_chinese_text_unescaped(tmp_path: Path) -> None:
    store = AutosaveStore(tmp_path / "autosave")
    assert not store.exists("dataset")
    assert store.load("dataset") is None
    store.save("dataset", CHINESE_ROWS)
    assert store.exists("dataset")
    assert store.load("dataset") == CHINESE_ROWS
    raw = (tmp_path / "autosave" / "dataset.json").read_bytes()
    assert "今天天气很好".encode() in raw
    assert b"\\u" not in raw


def test_save_replaces_and_clear_removes(tmp_path: Path) -> None:
    store = AutosaveStore(tmp_path)
    store.save("dataset", {"version": 1})
    store.save("dataset", {"version": 2})
    assert store.load("dataset") == {"version": 2}
    store.clear("dataset")
    assert not store.exists("dataset")
    store.clear("dataset")  # clearing nothing is fine
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [b'{"format": "finetune-desk-autosave", "payload": {"rows": [', b"\xff\xfe not utf-8", b"[1, 2]"],
    ids=["truncated", "not-utf8", "foreign-json"],
)
def test_corrupt_file_gives_none_and_is_moved_aside(tmp_path: Path, content: bytes) -> None:
    store = AutosaveStore(tmp_path)
    (tmp_path / "dataset.json").write_bytes(content)
    assert store.load("dataset") is None
    assert not store.exists("dataset")
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("dataset.json.corrupt-")]
    assert len(kept) == 1
    assert kept[0].read_bytes() == content


def test_unserialisable_payload_leaves_previous_snapshot(tmp_path: Path) -> None:
    store = AutosaveStore(tmp_path)
    store.save("dataset", {"ok": True})
    with pytest.raises(TypeError):
        store.save("dataset", {"bad": object()})
    assert store.load("dataset") == {"ok": True}


@pytest.mark.parametrize("name", ["../escape", "a/b", "", ".hidden", "x" * 101])
def test_names_cannot_leave_the_directory(tmp_path: Path, name: str) -> None:
    store = AutosaveStore(tmp_path / "autosave")
    with pytest.raises(ValueError, match="Invalid autosave name"):
        store.save(name, {})
    assert not (tmp_path / "escape.json").exists()


def test_file_is_plain_json_with_envelope(tmp_path: Path) -> None:
    store = AutosaveStore(tmp_path)
    store.save("dataset", {"a": 1})
    envelope = json.loads((tmp_path / "dataset.json").read_text(encoding="utf-8"))
    assert envelope["format"] == "finetune-desk-autosave"
    assert envelope["payload"] == {"a": 1}
