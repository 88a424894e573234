"""Every table edit can be undone and redone (Edit → Undo / Redo)."""

from __future__ import annotations

from desktop_app.ui.data.table_model import COL_COMPLETION, COL_PROMPT
from tests.ui.conftest import DATA


def _open(qtbot, window):
    tab = window.data_tab
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.open_file(DATA / "content.xlsx")
    return tab


def test_cell_edit_undo_redo(qtbot, window) -> None:
    tab = _open(qtbot, window)
    index = tab.model.index(2, COL_COMPLETION)
    original = index.data()
    assert not window.data_tab.undo_action.isEnabled()  # a freshly opened file has no history
    assert tab.model.setData(index, "新的答案")
    assert tab.undo_action.isEnabled()
    tab.undo_action.trigger()
    assert tab.model.index(2, COL_COMPLETION).data() == original
    tab.redo_action.trigger()
    assert tab.model.index(2, COL_COMPLETION).data() == "新的答案"


def test_deleting_scattered_rows_is_one_undo_step(qtbot, window) -> None:
    tab = _open(qtbot, window)
    before = [tab.model.index(r, COL_PROMPT).data() for r in range(tab.model.rowCount())]
    selection = tab.table.selectionModel()
    tab.table.selectRow(1)
    for row in (4, 7):
        selection.select(
            tab.model.index(row, 0), selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        )
    tab.delete_selected_rows()
    assert tab.model.rowCount() == len(before) - 3
    assert before[1] not in [tab.model.index(r, COL_PROMPT).data() for r in range(tab.model.rowCount())]
    tab.undo_action.trigger()
    assert [tab.model.index(r, COL_PROMPT).data() for r in range(tab.model.rowCount())] == before


def test_add_and_duplicate_rows_undo(qtbot, window) -> None:
    tab = _open(qtbot, window)
    n = tab.model.rowCount()
    tab.table.selectRow(0)
    tab.duplicate_selected_rows()
    assert tab.model.rowCount() == n + 1
    assert tab.model.index(1, COL_PROMPT).data() == tab.model.index(0, COL_PROMPT).data()
    tab.model.setData(tab.model.index(1, COL_PROMPT), "复制后改过")
    assert tab.model.index(0, COL_PROMPT).data() != "复制后改过"  # the copy is its own row
    tab.add_row()
    assert tab.model.rowCount() == n + 2
    for _ in range(3):
        tab.undo_action.trigger()
    assert tab.model.rowCount() == n
    assert tab.undo_stack.index() == 0


def test_undo_is_autosaved_like_any_edit(qtbot, window) -> None:
    tab = _open(qtbot, window)
    tab.model.setData(tab.model.index(0, COL_COMPLETION), "改了又撤销")
    tab.undo_action.trigger()
    autosave = window.context.paths.autosave_dir
    qtbot.waitUntil(lambda: any(autosave.glob("*.json")), timeout=5_000)
    qtbot.wait(1_200)
    text = "".join(p.read_text("utf-8") for p in autosave.glob("*.json"))
    assert "改了又撤销" not in text
