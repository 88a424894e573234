"""Sorting and filtering the Data tab's table: the view changes, the rows the user acts on stay the right ones."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.core.dataset import Example
from desktop_app.core.validation import Issue, Severity
from desktop_app.ui.data.proxy import DatasetFilterProxy
from desktop_app.ui.data.table_model import COL_COMPLETION, COL_PROMPT, DatasetTableModel
from tests.ui.conftest import DATA


def _open(qtbot, window, name: str = "content.xlsx"):
    tab = window.data_tab
    with qtbot.waitSignal(tab.checked, timeout=10_000):
        tab.open_file(DATA / name)
    return tab


def _shown(tab, column: int = COL_PROMPT) -> list[str]:
    return [tab.proxy.index(r, column).data() for r in range(tab.proxy.rowCount())]


def _header_numbers(tab) -> list[str]:
    return [
        tab.proxy.headerData(r, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole)
        for r in range(tab.proxy.rowCount())
    ]


def test_proxy_passes_the_model_tester(qtmodeltester) -> None:
    model = DatasetTableModel()
    model.set_examples(
        [Example(f"问题{i}", f"答案{(7 * i) % 10}", "sys" if i % 3 else "") for i in range(10)]
    )
    model.set_issues([Issue(Severity.ERROR, "empty_completion", 4, "completion")])
    proxy = DatasetFilterProxy(model)
    proxy.sort(COL_COMPLETION, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    proxy.set_filter_text("答案1")
    qtmodeltester.check(proxy)
    proxy.set_filter_text("")
    proxy.set_only_problems(True)
    assert proxy.rowCount() == 1
    qtmodeltester.check(proxy)


def test_delete_while_sorted_removes_the_row_shown_first(qtbot, window) -> None:
    tab = _open(qtbot, window)
    n = tab.model.rowCount()
    before = [tab.model.example(r).completion for r in range(n)]
    tab.table.sortByColumn(COL_COMPLETION, Qt.SortOrder.AscendingOrder)
    first_shown = tab.proxy.index(0, COL_COMPLETION).data()
    assert first_shown == "100"  # digits sort before Chinese text
    after = [tab.model.example(r).completion for r in range(n)]
    assert after == sorted(before, key=str.casefold)  # the rows themselves moved, as a spreadsheet sorts
    assert tab.table.horizontalHeader().sortIndicatorSection() == COL_COMPLETION
    tab.table.selectRow(0)
    assert [tab.model.index(r, COL_COMPLETION).data() for r in tab.selected_rows()] == [first_shown]
    tab.delete_selected_rows()
    remaining = [tab.model.index(r, COL_COMPLETION).data() for r in range(tab.model.rowCount())]
    assert len(remaining) == n - 1
    assert first_shown not in remaining
    tab.undo_action.trigger()
    assert tab.model.index(0, COL_COMPLETION).data() == first_shown  # back in its place (first, once sorted)
    tab.undo_action.trigger()  # and undoing the sort restores the file's order
    assert [tab.model.example(r).completion for r in range(n)] == before


def test_delete_while_filtered_removes_the_selected_example(qtbot, window) -> None:
    tab = _open(qtbot, window)
    tab.filter_edit.setText("电话")
    assert _header_numbers(tab) == ["11", "12"]
    tab.table.selectRow(1)
    tab.delete_selected_rows()
    prompts = [tab.model.index(r, COL_PROMPT).data() for r in range(tab.model.rowCount())]
    assert "电话是多少？" not in prompts
    assert "可以预订包间吗？" in prompts


def test_chinese_filter_shows_matching_rows_with_their_original_numbers(qtbot, window) -> None:
    tab = _open(qtbot, window)
    all_rows = [tab.model.example(r) for r in range(tab.model.rowCount())]
    expected = [i for i, e in enumerate(all_rows) if "桂花" in e.prompt + e.completion + e.system]
    assert 1 < len(expected) < len(all_rows)
    tab.filter_edit.setText("桂花")
    assert tab.proxy.rowCount() == len(expected)
    assert all("桂花" in p + c for p, c in zip(_shown(tab), _shown(tab, COL_COMPLETION), strict=True))
    assert _header_numbers(tab) == [str(i + 1) for i in expected]
    assert tab.filter_status.text() == f"{len(expected)} of {len(all_rows)} shown"
    tab.filter_edit.setText("WIFI")  # case-insensitive
    assert _header_numbers(tab) == ["10"]
    tab.filter_edit.clear()
    assert tab.proxy.rowCount() == len(all_rows)


def test_only_rows_with_problems(qtbot, window) -> None:
    tab = _open(qtbot, window, "empty_cells.xlsx")
    tab.problems_only_box.setChecked(True)
    assert _header_numbers(tab) == ["3", "7"]  # the two rows without an answer
    assert _shown(tab, COL_COMPLETION) == ["", ""]
    # Filling in an answer and checking again takes the row off the list.
    tab.model.setData(tab.model.index(2, COL_COMPLETION), "补上的答案")
    with qtbot.waitSignal(tab.checked, timeout=10_000):
        tab.run_checks()
    assert _header_numbers(tab) == ["7"]


def test_go_to_issue_and_add_row_map_through_the_proxy(qtbot, window) -> None:
    tab = _open(qtbot, window, "empty_cells.xlsx")
    with qtbot.waitSignal(tab.checked, timeout=10_000):  # sorting moves rows: the checks run again
        tab.table.sortByColumn(COL_PROMPT, Qt.SortOrder.DescendingOrder)
    prompts = [tab.model.example(r).prompt for r in range(tab.model.rowCount())]
    assert prompts == sorted(prompts, key=str.casefold, reverse=True)
    empty_row = next(r for r in range(tab.model.rowCount()) if not tab.model.example(r).completion)
    issue_index = next(
        tab.issues_model.index(r)
        for r in range(tab.issues_model.rowCount())
        if tab.issues_model.index(r).data(Qt.ItemDataRole.UserRole + 1) == empty_row
    )
    tab._go_to_issue(issue_index)
    assert tab.selected_rows() == [empty_row]
    tab.filter_edit.setText("不会出现的文字")
    assert tab.proxy.rowCount() == 0
    tab.add_row()  # the blank row would be hidden: the filter is cleared so the user sees what they edit
    assert tab.filter_edit.text() == ""
    current = tab.proxy.mapToSource(tab.table.currentIndex())
    assert current.row() == tab.model.rowCount() - 1


def test_ctrl_f_focuses_the_filter(qtbot, window) -> None:
    tab = window.data_tab
    window.activateWindow()
    tab.table.setFocus()
    assert tab.find_action.shortcut().matches(Qt.Modifier.CTRL | Qt.Key.Key_F)
    tab.find_action.trigger()
    qtbot.waitUntil(tab.filter_edit.hasFocus, timeout=2_000)
