"""write_json: the same JSON as json.dumps, with the long list encoded in chunks."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.fileio import JSON_CHUNK, write_json

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=8)


@given(
    items=st.lists(st.dictionaries(TEXT, TEXT | st.integers() | st.none(), max_size=3), max_size=5),
    extra=st.dictionaries(TEXT.filter(lambda k: k != "rows"), TEXT, max_size=3),
)
def test_same_document_as_json_dumps(items: list[dict[str, object]], extra: dict[str, str]) -> None:
    document = {"outer": {**extra, "rows": items}, "n": 1}
    out = io.BytesIO()
    write_json(out, document, ("outer", "rows"))
    assert json.loads(out.getvalue().decode("utf-8")) == document


@pytest.mark.parametrize("count", [0, 1, JSON_CHUNK, JSON_CHUNK + 1, 3 * JSON_CHUNK + 7])
def test_chunk_edges(count: int) -> None:
    rows = [{"prompt": f"问题{i}", "completion": "答\n"} for i in range(count)]
    out = io.BytesIO()
    write_json(out, {"version": 2, "examples": rows}, ("examples",))
    text = out.getvalue().decode("utf-8")
    assert json.loads(text) == {"version": 2, "examples": rows}
    assert "问题" in text or count == 0  # not ASCII-escaped


def test_a_missing_object_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        write_json(io.BytesIO(), {"outer": 3}, ("outer", "rows"))


def test_pause_runs_between_chunks_only() -> None:
    rows = [{"prompt": str(i)} for i in range(2 * JSON_CHUNK + 1)]
    out = io.BytesIO()
    written_at_pause: list[int] = []
    write_json(out, {"examples": rows}, ("examples",), pause=lambda: written_at_pause.append(out.tell()))
    assert len(written_at_pause) == 2  # three chunks, a pause between each two
    assert written_at_pause == sorted(set(written_at_pause))  # each pause after more was written
    assert json.loads(out.getvalue()) == {"examples": rows}
