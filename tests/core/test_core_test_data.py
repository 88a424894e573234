"""tests/data is what make_test_data.py produces, so the files can be regenerated and reviewed."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from desktop_app.core.formats import read_dataset

DATA = Path(__file__).resolve().parents[1] / "data"
TEXT_FILES = ["content_gbk.csv", "content_utf8.csv", "chat.jsonl", "legacy.jsonl", "bad_line.jsonl"]
WORKBOOKS = ["content.xlsx", "too_few.xlsx", "empty_cells.xlsx"]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_test_data", DATA / "make_test_data.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("regenerated")
    _script().main(out)
    return out


@pytest.mark.parametrize("name", TEXT_FILES)
def test_text_files_match_the_script(regenerated: Path, name: str) -> None:
    assert (regenerated / name).read_bytes() == (DATA / name).read_bytes()


@pytest.mark.parametrize("name", WORKBOOKS)
def test_workbooks_match_the_script(regenerated: Path, name: str) -> None:
    fresh, committed = read_dataset(regenerated / name), read_dataset(DATA / name)
    assert fresh.dataset.examples == committed.dataset.examples
    assert fresh.sheets == committed.sheets


def test_files_are_small() -> None:
    sizes = {p.name: p.stat().st_size for p in DATA.iterdir() if p.is_file()}
    assert len(sizes) >= 12
    assert max(sizes.values()) < 100_000, sizes
