"""The Data tab's workbench: conversations and DPO rows, the validation split, moving rows, the project file,
and every export, driven through the real widgets."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.core.formats import read_dataset
from desktop_app.ui.data.tab import ExportKind
from desktop_app.ui.data.table_model import (
    COL_COMPLETION,
    COL_NOTE,
    COL_PROMPT,
    COL_REJECTED,
    COL_SPLIT,
    COL_TURNS,
    DISPLAY_LIMIT,
)
from tests.ui.conftest import DATA


def _open(qtbot, tab, path: Path) -> int:
    with (
        qtbot.waitSignal(tab.checked, timeout=10_000),
        qtbot.waitSignal(tab.loaded, timeout=10_000) as loaded,
    ):
        tab.open_file(path)
    return int(loaded.args[0])


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_conversations_show_their_turns_and_export_unchanged(qtbot, window, tmp_path: Path) -> None:
    tab = window.data_tab
    assert _open(qtbot, tab, DATA / "chat_multi_turn.jsonl") == 11
    assert not tab.table.isColumnHidden(COL_TURNS)
    assert tab.table.isColumnHidden(COL_REJECTED)
    assert tab.model.index(0, COL_TURNS).data().startswith("2 turn")
    assert "tools" in tab.model.index(10, COL_TURNS).data()
    assert not tab.model.flags(tab.model.index(0, COL_TURNS)) & Qt.ItemFlag.ItemIsEditable
    out = tmp_path / "chat.jsonl"
    with qtbot.waitSignal(tab.exported, timeout=10_000):
        tab.export_to(out, ExportKind.CHAT)
    assert _records(out) == _records(DATA / "chat_multi_turn.jsonl")


def test_preference_rows_show_the_rejected_answer_and_export_as_dpo(qtbot, window, tmp_path: Path) -> None:
    tab = window.data_tab
    _open(qtbot, tab, DATA / "dpo.jsonl")
    assert not tab.table.isColumnHidden(COL_REJECTED)
    assert tab.model.index(0, COL_REJECTED).data() == "不知道。"
    tab.model.setData(tab.model.index(0, COL_REJECTED), "")  # a preference row without its rejected answer
    with qtbot.waitSignal(tab.checked, timeout=10_000) as checked:
        tab.run_checks()
    assert [(i.code, i.row) for i in checked.args[0] if i.code == "missing_rejected"] == [
        ("missing_rejected", 0)
    ]
    tab.undo_stack.undo()
    out = tmp_path / "dpo.jsonl"
    with qtbot.waitSignal(tab.exported, timeout=10_000):
        tab.export_to(out, ExportKind.DPO)
    assert _records(out) == _records(DATA / "dpo.jsonl")


def test_split_is_seeded_shown_undoable_and_exported_as_two_files(qtbot, window, tmp_path: Path) -> None:
    tab = window.data_tab
    n = _open(qtbot, tab, DATA / "content.xlsx")
    assert tab.table.isColumnHidden(COL_SPLIT)
    tab.split_actions["80/20"].trigger()
    flags = [tab.model.example(r).validation for r in range(n)]
    assert sum(flags) == round(n * 0.2)
    assert not tab.table.isColumnHidden(COL_SPLIT)
    assert tab.model.index(flags.index(True), COL_SPLIT).data() == "Validation"
    assert "for validation" in tab.summary_label.text()
    assert tab.split_actions["80/20"].isChecked()
    # The same preset draws the same rows again (seeded), also after undo/redo.
    tab.undo_stack.undo()
    assert not any(tab.model.example(r).validation for r in range(n))
    assert tab.split_actions["none"].isChecked()
    tab.undo_stack.redo()
    assert [tab.model.example(r).validation for r in range(n)] == flags
    out = tmp_path / "tea.jsonl"
    with qtbot.waitSignal(tab.exported, timeout=10_000):
        tab.export_to(out, ExportKind.CHAT)
    train, valid = _records(out), _records(tmp_path / "tea_valid.jsonl")
    assert (len(train), len(valid)) == (n - sum(flags), sum(flags))
    first_valid = tab.model.example(flags.index(True))
    assert valid[0]["messages"][-1]["content"] == first_valid.completion


def test_rows_move_by_hand_between_splits_and_places(qtbot, window) -> None:
    tab = window.data_tab
    _open(qtbot, tab, DATA / "content.xlsx")
    first, second = tab.model.example(0).prompt, tab.model.example(1).prompt
    tab.table.selectRow(0)
    tab.move_selected_row(1)
    assert (tab.model.example(0).prompt, tab.model.example(1).prompt) == (second, first)
    tab.undo_stack.undo()
    assert tab.model.example(0).prompt == first
    tab.set_validation([3], True)
    assert tab.model.example(3).validation
    assert not tab.table.isColumnHidden(COL_SPLIT)


def test_project_file_keeps_split_notes_and_settings(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window()
    tab = window.data_tab
    n = _open(qtbot, tab, DATA / "content.xlsx")
    tab.split_actions["90/10"].trigger()
    tab.system_prompt_edit.setText("你是青山茶舍的店员")
    tab.model.setData(tab.model.index(0, COL_NOTE), "核对价格")
    project = tmp_path / "tea.ftdesk"
    with qtbot.waitSignal(tab.fileOpened, timeout=10_000):
        tab.save_to(project)
    assert tab.project_path == project
    assert tab.undo_stack.isClean()
    saved = read_dataset(project).dataset
    assert saved.default_system == "你是青山茶舍的店员"
    assert saved.split is not None
    assert saved.split.preset == "90/10"
    assert saved.examples[0].note == "核对价格"

    other = open_window().data_tab
    assert _open(qtbot, other, project) == n
    assert other.project_path == project
    assert other.system_prompt() == "你是青山茶舍的店员"
    assert other.split_actions["90/10"].isChecked() or other._settings.split is not None
    assert [e.validation for e in other.model.example_list()] == [
        e.validation for e in tab.model.example_list()
    ]
    assert not other.table.isColumnHidden(COL_NOTE)


def test_table_export_reads_back_the_same_rows(qtbot, window, tmp_path: Path) -> None:
    tab = window.data_tab
    _open(qtbot, tab, DATA / "chat_multi_turn.jsonl")
    tab.model.setData(tab.model.index(1, COL_NOTE), "备注")
    out = tmp_path / "conversations.xlsx"
    with qtbot.waitSignal(tab.exported, timeout=10_000):
        tab.export_to(out, ExportKind.TABLE)
    assert read_dataset(out).dataset.examples == tab.current_dataset().examples


def test_huge_cells_are_shown_cut_but_kept_whole(qtbot, window) -> None:
    tab = window.data_tab
    _open(qtbot, tab, DATA / "content.xlsx")
    huge = "长" * 5_000_000
    tab.model.setData(tab.model.index(0, COL_COMPLETION), huge)
    shown = tab.model.index(0, COL_COMPLETION).data()
    assert len(shown) == DISPLAY_LIMIT + 1
    assert shown.endswith("…")
    assert tab.model.index(0, COL_COMPLETION).data(Qt.ItemDataRole.EditRole) == huge
    assert tab.current_dataset().examples[0].completion == huge
    assert tab.model.index(0, COL_PROMPT).data() == tab.model.example(0).prompt


def test_bad_records_are_listed_and_the_rest_can_be_opened(qtbot, window, tmp_path: Path) -> None:
    tab = window.data_tab
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"prompt": "问", "completion": "答"}, ensure_ascii=False)
    path.write_text("\n".join([good, '{"oops": 1}', good, "not json", good]) + "\n", encoding="utf-8")
    with qtbot.waitSignal(tab.loadFailed, timeout=10_000):
        tab.open_file(path)
    assert "mixed.jsonl" in tab.message_bar.text
    assert "lines 2, 4" in tab.message_bar.text
    assert tab.message_bar.action_button.isVisible()
    with qtbot.waitSignal(tab.loaded, timeout=10_000) as loaded:
        tab.message_bar.action_button.click()
    assert loaded.args[0] == 3
    assert "lines 2, 4" in tab.message_bar.text  # the import warning names the records left out


def test_missing_columns_open_the_mapping_step(qtbot, window) -> None:
    tab = window.data_tab
    with qtbot.waitSignal(tab.loadFailed, timeout=10_000):
        tab.open_file(DATA / "missing_column.xlsx")
    dialog = tab.import_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=10_000)
    assert not dialog.ok_button.isEnabled()
    combo = dialog.field_combos["completion"]
    combo.setCurrentIndex(combo.findText("备注", Qt.MatchFlag.MatchContains))
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(tab.loaded, timeout=10_000) as loaded:
        dialog.accept()
    assert loaded.args[0] == 6
    assert tab.model.example(0).prompt
    assert tab.import_dialog is None


def test_a_second_sheet_is_offered_after_opening(qtbot, window) -> None:
    tab = window.data_tab
    _open(qtbot, tab, DATA / "content.xlsx")
    assert tab.message_bar.action_button.isVisible()  # "Preview and choose…"
    tab.message_bar.action_button.click()
    dialog = tab.import_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=10_000)
    assert dialog.sheet_combo.count() == 2
    dialog.reject()


def test_statistics_and_base_model_follow_the_choice(qtbot, window, qtmodeltester) -> None:
    tab = window.data_tab
    with qtbot.waitSignal(tab.tokensCounted, timeout=20_000) as counted:
        tab.open_file(DATA / "chat_multi_turn.jsonl")
    assert counted.args[0].model_id == tab.base_model_combo.currentData()
    dialog = tab.show_statistics()
    assert dialog is not None
    qtmodeltester.check(dialog.model)
    assert dialog.model.index(0, 1).data() == "5"  # at most five messages per example
    dialog.close()
    legacy = tab.base_model_combo.findData("babbage-002")
    with qtbot.waitSignal(tab.tokensCounted, timeout=20_000) as counted:
        tab.base_model_combo.setCurrentIndex(legacy)
    assert counted.args[0].legacy
    assert tab.current_dataset().base_model == "babbage-002"


def test_table_model_with_every_kind_of_row_passes_modeltester(qtmodeltester) -> None:
    from desktop_app.ui.data.table_model import DatasetTableModel

    model = DatasetTableModel()
    rows = read_dataset(DATA / "chat_multi_turn.jsonl").dataset.examples
    rows += read_dataset(DATA / "dpo.jsonl").dataset.examples
    rows[0].validation = True
    rows[1].note = "备注"
    model.set_examples(rows)
    qtmodeltester.check(model)
    assert model.used_columns() == {COL_REJECTED, COL_NOTE, COL_TURNS, COL_SPLIT}
    first = model.example(0)
    model.move_example(0, 5)
    qtmodeltester.check(model)
    assert model.example(5) is first
    assert model.example(5).validation


def test_editing_a_conversation_cell_opens_the_conversation_editor(qtbot, window) -> None:
    tab = window.data_tab
    _open(qtbot, tab, DATA / "chat_multi_turn.jsonl")
    before = tab.model.example(0)
    index = tab.proxy.mapFromSource(tab.model.index(0, COL_COMPLETION))
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    qtbot.waitUntil(lambda: tab.conversation_editor is not None, timeout=5_000)
    editor = tab.conversation_editor
    assert tab.table.state() != tab.table.State.EditingState  # no one-line editor over the cell
    editor.cards()[-1].text_edit.set_exact_text("改过的回答")
    editor.accept()
    assert tab.model.example(0).completion == "改过的回答"
    assert tab.model.example(0).history == before.history
    tab.undo_stack.undo()
    assert tab.model.example(0) == before


def test_multi_line_cells_open_the_roomy_editor(qtbot, window) -> None:
    tab = window.data_tab
    _open(qtbot, tab, DATA / "content.xlsx")
    tab.model.setData(tab.model.index(1, COL_COMPLETION), "第一行\n第二行\t制表")
    index = tab.proxy.mapFromSource(tab.model.index(1, COL_COMPLETION))
    tab.table.edit(index)
    qtbot.waitUntil(lambda: tab.text_editor is not None, timeout=5_000)
    editor = tab.text_editor
    assert editor.text() == "第一行\n第二行\t制表"
    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.editor, "ok")
    assert editor.changed()
    editor.accept()
    assert tab.model.example(1).completion == "第一行\n第二行\t制表ok"
    tab.undo_stack.undo()
    assert tab.model.example(1).completion == "第一行\n第二行\t制表"
    # Short one-line cells still edit in place.
    short = tab.proxy.mapFromSource(tab.model.index(2, COL_PROMPT))
    tab.table.edit(short)
    assert tab.table.state() == tab.table.State.EditingState
    assert tab.text_editor is None


def test_filter_and_replace_reach_notes_and_earlier_messages(qtbot, window) -> None:
    tab = window.data_tab
    _open(qtbot, tab, DATA / "chat_multi_turn.jsonl")
    earlier = tab.model.example(3).history[0].content  # a question asked before the row's last one
    tab.model.setData(tab.model.index(5, COL_NOTE), "待核对价格")
    tab.filter_edit.setText(earlier)
    tab._apply_filter()
    assert tab.proxy.source_rows() == [3]
    tab.filter_edit.setText("待核对")
    tab._apply_filter()
    assert tab.proxy.source_rows() == [5]
    tab.clear_filter()
    assert tab.replace_all("待核对", "已核对") == 1
    assert tab.model.example(5).note == "已核对价格"


def test_bad_files_get_clear_messages_and_the_window_stays_usable(qtbot, window, tmp_path: Path) -> None:
    tab = window.data_tab
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.truncate(1 << 30)  # a sparse 1 GB file: refused from its size, never read
    cases = [
        (DATA / "bad" / "encrypted.xlsx", "password"),
        (DATA / "bad" / "workbook.csv", "Excel"),
        (DATA / "bad" / "truncated.xlsx", "damaged"),
        (huge, "1 GB"),
    ]
    for path, words in cases:
        before = path.stat().st_mtime_ns
        with qtbot.waitSignal(tab.loadFailed, timeout=10_000):
            tab.open_file(path)
        assert path.name in tab.message_bar.text
        assert words in tab.message_bar.text
        qtbot.waitUntil(tab.open_button.isEnabled, timeout=5_000)  # once the worker has finished
        assert path.stat().st_mtime_ns == before  # never written to
    assert tab.model.rowCount() == 0
    _open(qtbot, tab, DATA / "content.xlsx")  # and the next good file opens as usual
    assert tab.model.rowCount() == 24
