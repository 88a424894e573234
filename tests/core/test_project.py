"""The .ftdesk project file keeps rows, split, settings and notes; damage is reported, never half-read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.core.dataset import Dataset, Example, Message, Split, draw_split
from desktop_app.core.errors import DatasetError
from desktop_app.core.formats import read_dataset
from desktop_app.core.project import save_project

DATA = Path(__file__).resolve().parent.parent / "data"


def _dataset() -> Dataset:
    dataset = read_dataset(DATA / "chat_multi_turn.jsonl").dataset
    dataset.examples.append(Example("控制字符\x01\t\r\n😀", "答", rejected="差", note="备注"))
    flags = draw_split(len(dataset), 0.2, seed=7)
    for example, flag in zip(dataset.examples, flags, strict=True):
        example.validation = flag
    dataset.split = Split("80/20", 0.2, 7)
    dataset.default_system = "你是店员"
    dataset.base_model = "gpt-4.1-mini-2025-04-14"
    dataset.legacy_separator = " ->"
    return dataset


def test_project_round_trip(tmp_path: Path) -> None:
    original = _dataset()
    path = tmp_path / "tea.ftdesk"
    save_project(original, path)
    result = read_dataset(path)
    assert result.project == path
    assert result.dataset == original
    assert result.dataset.source == DATA / "chat_multi_turn.jsonl"
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "finetune-desk-dataset"


def test_saving_again_replaces_the_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "tea.ftdesk"
    save_project(_dataset(), path)
    smaller = Dataset([Example("q", "a", history=(Message("user", "u"), Message("assistant", "v")))])
    save_project(smaller, path)
    assert read_dataset(path).dataset.examples == smaller.examples
    assert [p.name for p in tmp_path.iterdir()] == ["tea.ftdesk"]  # no temporary file left behind


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b'{"format": "finetune-desk-dataset", "version": 2,\n "examples": [}', 2),
        (b'{"format": "something-else", "version": 2, "examples": []}', None),
        (b'{"format": "finetune-desk-dataset", "version": 2, "examples": [{"prompt": 1}]}', None),
        (b"\xff\xfe\x00garbage", None),
    ],
)
def test_damaged_project_names_the_file(tmp_path: Path, content: bytes, line: int | None) -> None:
    path = tmp_path / "broken.ftdesk"
    path.write_bytes(content)
    with pytest.raises(DatasetError) as caught:
        read_dataset(path)
    assert caught.value.code in {"bad_project", "binary_file"}
    assert caught.value.path == path
    assert caught.value.line == line
    assert path.read_bytes() == content
