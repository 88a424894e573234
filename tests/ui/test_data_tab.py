"""The Data tab: bad files give clear messages naming the file, edits survive a crash."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.ui.data.table_model import COL_COMPLETION
from desktop_app.ui.widgets import Level
from tests.ui.conftest import DATA


def test_missing_column_names_the_file_and_the_columns(qtbot, window) -> None:
    tab = window.data_tab
    with qtbot.waitSignal(tab.loadFailed, timeout=10_000):
        tab.open_file(DATA / "missing_column.xlsx")
    qtbot.waitUntil(lambda: "missing_column.xlsx" in tab.message_bar.text)
    assert tab.message_bar.level is Level.ERROR
    assert "问题" in tab.message_bar.text  # the columns it did find
    assert tab.model.rowCount() == 0
    qtbot.waitUntil(tab.open_button.isEnabled, timeout=5_000)  # once the worker has finished


def test_broken_jsonl_names_the_line(qtbot, window) -> None:
    tab = window.data_tab
    with qtbot.waitSignal(tab.loadFailed, timeout=10_000):
        tab.open_file(DATA / "bad_line.jsonl")
    qtbot.waitUntil(lambda: "line 4" in tab.message_bar.text)
    assert "bad_line.jsonl" in tab.message_bar.text


def test_gbk_csv_opens_with_its_encoding(qtbot, window) -> None:
    tab = window.data_tab
    with qtbot.waitSignal(tab.loaded, timeout=10_000) as loaded:
        tab.open_file(DATA / "content_gbk.csv")
    assert loaded.args[0] > 0
    assert "gb18030" in tab.summary_label.text().lower()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in tab.model.index(0, 0).data())


def test_empty_answers_are_flagged_and_block_a_new_job(qtbot, window) -> None:
    tab = window.data_tab
    with qtbot.waitSignal(tab.checked, timeout=10_000) as checked:
        tab.open_file(DATA / "empty_cells.xlsx")
    errors = [i for i in checked.args[0] if i.code == "empty_completion"]
    assert errors
    assert tab.model.index(errors[0].row, COL_COMPLETION).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "error" in tab.issues_label.text()
    window.tabs.setCurrentWidget(window.jobs_tab)
    qtbot.waitUntil(window.jobs_tab.new_button.isEnabled, timeout=10_000)
    window.jobs_tab.new_button.click()
    dialog = window.jobs_tab.new_job_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)  # checked in the background
    assert "stop training" in dialog.problem_label.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.reject()


def test_edits_survive_a_crash(qtbot, open_window, make_context, tmp_path: Path) -> None:
    source = tmp_path / "content.xlsx"
    shutil.copy(DATA / "content.xlsx", source)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    context = make_context()
    first = open_window(context)
    tab = first.data_tab
    with qtbot.waitSignal(tab.checked, timeout=10_000):
        tab.open_file(source)
    tab.model.setData(tab.model.index(2, COL_COMPLETION), "改过的答案")
    tab.add_row()
    tab.model.setData(tab.model.index(tab.model.rowCount() - 1, 0), "新问题")
    autosave = context.paths.autosave_dir
    qtbot.waitUntil(lambda: any(autosave.glob("*.json")), timeout=5_000)
    rows = tab.model.rowCount()
    qtbot.waitUntil(
        lambda: "新问题" in "".join(p.read_text("utf-8") for p in autosave.glob("*.json")), timeout=5_000
    )
    # A crash: no orderly shutdown of the first window's data; a new window starts on the same profile.
    second = open_window(make_context())
    restored = second.data_tab
    qtbot.waitUntil(lambda: restored.model.rowCount() == rows, timeout=5_000)
    assert restored.model.index(2, COL_COMPLETION).data() == "改过的答案"
    assert restored.model.index(rows - 1, 0).data() == "新问题"
    assert "Restored" in restored.message_bar.text
    assert hashlib.sha256(source.read_bytes()).hexdigest() == digest  # the user's file was never touched


def test_delete_rows(qtbot, window) -> None:
    tab = window.data_tab
    with qtbot.waitSignal(tab.loaded, timeout=10_000) as loaded:
        tab.open_file(DATA / "content.xlsx")
    n = loaded.args[0]
    second = tab.model.index(1, 0).data()
    tab.table.selectRow(0)
    tab.delete_selected_rows()
    assert tab.model.rowCount() == n - 1
    assert tab.model.index(0, 0).data() == second
