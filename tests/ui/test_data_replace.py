"""Find and replace in the Data tab: one undoable step, limited to the rows shown when a filter is on."""

from __future__ import annotations

import time

from PySide6.QtGui import QUndoStack

from desktop_app.core.dataset import Example
from desktop_app.ui.data.find_replace import ReplaceText, plan_replacements
from desktop_app.ui.data.proxy import DatasetFilterProxy
from desktop_app.ui.data.table_model import DatasetTableModel
from tests.ui.conftest import DATA


def _open(qtbot, window):
    tab = window.data_tab
    with qtbot.waitSignal(tab.checked, timeout=10_000):
        tab.open_file(DATA / "content.xlsx")
    return tab


def _cells(tab) -> list[tuple[str, str, str]]:
    return [(e.prompt, e.completion, e.system) for e in tab.model.examples()]


def test_replace_all_is_one_undo_step(qtbot, window) -> None:
    tab = _open(qtbot, window)
    before = _cells(tab)
    expected = sum(1 for row in before for text in row if "桂花" in text)
    assert expected > 3
    steps = tab.undo_stack.count()
    assert tab.replace_all("桂花", "茉莉") == expected
    assert tab.undo_stack.count() == steps + 1
    after = _cells(tab)
    assert not any("桂花" in text for row in after for text in row)
    assert after[0][1] == "我们是青山茶舍，一家开在半山腰的小茶馆，招牌是茉莉乌龙冷泡茶。"
    tab.undo_action.trigger()
    assert _cells(tab) == before
    tab.redo_action.trigger()
    assert _cells(tab) == after


def test_match_case(qtbot, window) -> None:
    tab = _open(qtbot, window)
    assert tab.replace_all("wifi", "Wi-Fi", match_case=True) == 0
    assert tab.replace_all("wifi", "Wi-Fi") == 2  # the question and its answer
    assert tab.model.example(9).prompt == "有Wi-Fi吗？"
    assert tab.replace_all("\\d", "x") == 0  # the find text is literal, not a pattern


def test_replace_with_a_filter_changes_only_the_rows_shown(qtbot, window) -> None:
    tab = _open(qtbot, window)
    before = _cells(tab)
    tab.filter_edit.setText("包间")
    shown = tab.proxy.source_rows()
    assert shown == [10]
    assert tab.replace_all("可以", "能") == 2  # question and answer of row 11
    after = _cells(tab)
    assert after[10] == ("能预订包间吗？", before[10][1].replace("可以", "能"), "")
    hidden = [i for i in range(len(before)) if i != 10]
    assert [after[i] for i in hidden] == [before[i] for i in hidden]
    assert any("可以" in before[i][0] for i in hidden)  # there were matches the filter kept out


def test_replace_dialog(qtbot, window) -> None:
    tab = _open(qtbot, window)
    dialog = tab.show_replace_dialog()
    assert not dialog.isModal()
    assert "all 24 row" in dialog.scope_label.text()
    tab.filter_edit.setText("会员")
    assert "filter" in dialog.scope_label.text()
    assert "2 row" in dialog.scope_label.text()
    assert not dialog.replace_all_button.isEnabled()
    dialog.find_edit.setText("会员")
    dialog.replace_edit.setText("贵宾")
    dialog.replace_all_button.click()
    assert dialog.result_label.text().startswith("Replaced in 3 cell")
    assert tab.model.example(6).prompt == "贵宾卡最低充值多少元？"
    dialog.close()


def test_replace_on_100000_rows_is_fast_and_signals_once(qtbot) -> None:
    model = DatasetTableModel()
    model.undo_stack = QUndoStack()
    model.set_examples([Example(f"问题 {i} 桂花", f"答案 {i}", "") for i in range(100_000)])
    proxy = DatasetFilterProxy(model)
    proxy.set_filter_text("桂花")
    changed: list[object] = []
    model.dataChanged.connect(lambda *args: changed.append(args))
    start = time.perf_counter()
    changes = plan_replacements(
        model.example_list(), range(model.rowCount()), "桂花", "茉莉", match_case=False
    )
    model.undo_stack.push(ReplaceText(model, changes))
    elapsed = time.perf_counter() - start
    assert len(changes) == 100_000
    assert len(changed) == 1
    assert proxy.rowCount() == 0  # the proxy followed the one dataChanged
    assert elapsed < 3.0, elapsed
    model.undo_stack.undo()
    assert model.example(99_999).prompt == "问题 99999 桂花"
    assert proxy.rowCount() == 100_000
