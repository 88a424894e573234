"""Add to dataset: a chat exchange, corrected in a dialog, becomes a row of the Data tab that Undo takes back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton

from desktop_app.ui.chat.add_example_dialog import AddExampleDialog
from desktop_app.ui.data.table_model import COL_COMPLETION, COL_PROMPT, COL_SYSTEM
from tests.ui.conftest import DATA

QUESTION = "你们几点开门？"
ANSWER = "每天上午九点半开门。\u00a0周二店休。"  # a no-break space must survive untouched
SYSTEM = "You are the tea shop's assistant."


def _dialog(qtbot, question: str = QUESTION, answer: str = ANSWER, system: str = SYSTEM) -> AddExampleDialog:
    dialog = AddExampleDialog(question, answer, system, None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _editor(dialog: AddExampleDialog, name: str) -> QPlainTextEdit:
    editor = dialog.findChild(QPlainTextEdit, name)
    assert editor is not None, name
    return editor


def _add_button(dialog: AddExampleDialog) -> QPushButton:
    button = dialog.findChild(QPushButton, "addExampleButton")
    assert button is not None
    return button


def _open(qtbot, window):
    tab = window.data_tab
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.open_file(DATA / "content.xlsx")
    return tab


def _prompts(tab) -> list[str]:
    return [tab.model.example(r).prompt for r in range(tab.model.rowCount())]


# ---- the dialog -----------------------------------------------------------------------------------------


def test_dialog_shows_the_exchange_and_gives_it_back_unchanged(qtbot) -> None:
    dialog = _dialog(qtbot)
    assert _editor(dialog, "addExampleQuestion").toPlainText() == QUESTION
    assert _editor(dialog, "addExampleSystem").toPlainText() == SYSTEM
    assert not _editor(dialog, "addExampleAnswer").isReadOnly()
    note = dialog.findChild(QLabel, "addExampleNote")
    assert note is not None
    assert "end of the dataset" in note.text()
    assert "undo" in note.text().lower()
    assert _add_button(dialog).text() == "Add to dataset"
    assert _add_button(dialog).isEnabled()
    assert dialog.values() == (QUESTION, ANSWER, SYSTEM)  # exactly, no-break space included


def test_add_is_disabled_while_question_or_answer_is_blank(qtbot) -> None:
    dialog = _dialog(qtbot)
    question, answer = _editor(dialog, "addExampleQuestion"), _editor(dialog, "addExampleAnswer")
    add = _add_button(dialog)
    question.clear()
    assert not add.isEnabled()
    qtbot.keyClicks(question, "   ")  # blank is not enough
    assert not add.isEnabled()
    qtbot.keyClicks(question, "When do you open?")
    assert add.isEnabled()
    answer.selectAll()
    qtbot.keyClick(answer, Qt.Key.Key_Delete)
    assert not add.isEnabled()
    qtbot.keyClick(answer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # no way round it
    assert dialog.isVisible()
    qtbot.keyClicks(answer, "9:30")
    assert add.isEnabled()
    _editor(dialog, "addExampleSystem").clear()  # the system prompt is optional
    assert add.isEnabled()


def test_dialog_returns_the_edited_texts(qtbot) -> None:
    dialog = _dialog(qtbot)
    answer = _editor(dialog, "addExampleAnswer")
    answer.moveCursor(answer.textCursor().MoveOperation.End)
    qtbot.keyClicks(answer, " Open on holidays.")
    system = _editor(dialog, "addExampleSystem")
    system.clear()
    qtbot.keyClicks(system, "Be brief.")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(_add_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted.value
    assert dialog.values() == (QUESTION, ANSWER + " Open on holidays.", "Be brief.")


def test_dialog_cancel(qtbot) -> None:
    dialog = _dialog(qtbot)
    with qtbot.waitSignal(dialog.rejected):
        dialog.buttons.rejected.emit()
    assert dialog.result() == QDialog.DialogCode.Rejected.value


# ---- the Data tab ---------------------------------------------------------------------------------------


def test_add_example_appends_a_row_that_undo_takes_back(qtbot, window) -> None:
    tab = _open(qtbot, window)
    before = _prompts(tab)
    assert tab.undo_stack.isClean()
    row = tab.add_example(QUESTION, ANSWER, SYSTEM)
    assert row == len(before)
    example = tab.model.example(row)
    assert (example.prompt, example.completion, example.system) == (QUESTION, ANSWER, SYSTEM)
    assert not example.rejected
    assert not example.is_multi_turn
    assert not example.validation  # training, like any row added by hand
    shown = tab.proxy.mapFromSource(tab.model.index(row, COL_COMPLETION))
    assert shown.isValid()
    assert shown.data() == ANSWER
    assert tab.proxy.mapFromSource(tab.model.index(row, COL_SYSTEM)).data() == SYSTEM
    assert tab.selected_rows() == [row]
    assert tab.undo_stack.undoText() == "Add example from chat"
    assert not tab.undo_stack.isClean()  # modified: Save has something to save
    assert str(row + 1) in tab.message_bar.text

    tab.undo_stack.undo()
    assert _prompts(tab) == before
    tab.undo_stack.redo()
    assert _prompts(tab) == [*before, QUESTION]
    assert tab.model.example(row).completion == ANSWER

    window.tabs.setCurrentWidget(tab)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Edit → Undo
    qtbot.keyRelease(tab.table, Qt.Key.Key_Control)  # QTest leaves Ctrl in the app's modifiers otherwise
    assert _prompts(tab) == before
    assert tab.undo_stack.isClean()


def test_the_message_bar_offers_undo(qtbot, window) -> None:
    tab = _open(qtbot, window)
    n = tab.model.rowCount()
    tab.add_example(QUESTION, ANSWER)
    assert tab.message_bar.action_button.isVisible()
    tab.message_bar.action_button.click()
    assert tab.model.rowCount() == n


def test_added_example_is_autosaved(qtbot, window) -> None:
    tab = _open(qtbot, window)
    tab.add_example(QUESTION, "桂花乌龙冷泡茶是招牌。")
    autosave = window.context.paths.autosave_dir
    qtbot.waitUntil(
        lambda: "桂花乌龙冷泡茶是招牌" in "".join(p.read_text("utf-8") for p in autosave.glob("*.json")),
        timeout=5_000,
    )


def test_a_system_prompt_equal_to_the_default_is_stored_blank(qtbot, window) -> None:
    tab = _open(qtbot, window)
    tab.system_prompt_edit.setText(SYSTEM)
    same = tab.add_example(QUESTION, ANSWER, SYSTEM)
    assert tab.model.example(same).system == ""  # the default applies
    assert tab.current_dataset().examples[same].messages(SYSTEM)[0].content == SYSTEM
    other = tab.add_example(QUESTION, ANSWER, "Answer in English.")
    assert tab.model.example(other).system == "Answer in English."
    blank = tab.add_example(QUESTION, ANSWER, "")
    assert tab.model.example(blank).system == ""


def test_no_default_and_no_system_prompt(qtbot, window) -> None:
    tab = window.data_tab  # an empty dataset, no default system prompt
    assert tab.model.rowCount() == 0
    row = tab.add_example(QUESTION, ANSWER)
    assert row == 0
    assert tab.model.example(0).system == ""
    assert tab.proxy.rowCount() == 1


def test_a_filter_that_would_hide_the_new_row_is_cleared(qtbot, window) -> None:
    tab = _open(qtbot, window)
    tab.filter_edit.setText(_prompts(tab)[0])
    assert tab.proxy.is_filtering()
    row = tab.add_example("zzz unmatched question", ANSWER)
    assert not tab.proxy.is_filtering()
    assert tab.selected_rows() == [row]
    assert tab.proxy.mapFromSource(tab.model.index(row, COL_PROMPT)).isValid()


def test_in_a_preference_dataset_the_row_waits_for_its_rejected_answer(qtbot, window) -> None:
    tab = window.data_tab
    with qtbot.waitSignal(tab.checked, timeout=10_000):
        tab.open_file(DATA / "dpo.jsonl")
    with qtbot.waitSignal(tab.checked, timeout=10_000) as checked:
        row = tab.add_example(QUESTION, ANSWER)
    assert tab.model.example(row).rejected == ""
    assert any(i.code == "missing_rejected" and i.row == row for i in checked.args[0])


def test_the_new_row_is_selected_even_with_ctrl_held(qtbot, window) -> None:
    """The dialog is accepted with Ctrl+Enter: Ctrl may still be down when the row is added."""
    tab = _open(qtbot, window)
    qtbot.keyPress(tab.table, Qt.Key.Key_Control, Qt.KeyboardModifier.ControlModifier)  # as a real press
    try:
        row = tab.add_example(QUESTION, ANSWER)
        assert tab.selected_rows() == [row]
    finally:
        qtbot.keyRelease(tab.table, Qt.Key.Key_Control)
