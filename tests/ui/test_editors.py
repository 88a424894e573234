"""The Data tab's two editors: the long-text dialog for one cell and the conversation dialog for one row."""

from __future__ import annotations

import dataclasses
import time

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPlainTextEdit

from desktop_app.core.dataset import Example, Message
from desktop_app.core.formats import read_dataset
from desktop_app.ui.data.conversation_editor import ConversationEditor
from desktop_app.ui.data.text_editor import CARRIAGE_RETURN_MARK, LOAD_CHUNK_CHARS, LongTextEditor
from tests.ui.conftest import DATA

MULTI_TURN = read_dataset(DATA / "chat_multi_turn.jsonl").dataset.examples
SINGLE_TURN = read_dataset(DATA / "chat.jsonl").dataset.examples
DPO = read_dataset(DATA / "dpo.jsonl").dataset.examples

TRICKY_TEXTS = [
    "a\r\nb\tc\x01😀",
    "a\r\nb\r\n",
    "lone\rreturn\nand\r\nmixed",
    "para\u2029sep \u2028line\xa0nbsp\ufdd0\ufdd1\x00",
    f"already a mark {CARRIAGE_RETURN_MARK} and a\rreturn",
    "",
]


def _open(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # shortcuts and focus belong to the active window
        dialog.show()
        dialog.activateWindow()
    return dialog


def _conversation(qtbot, example: Example, **kwargs: object) -> ConversationEditor:
    editor = ConversationEditor(example, **kwargs)  # type: ignore[arg-type]
    _open(qtbot, editor)
    return editor


def _type_at_end(qtbot, edit: QPlainTextEdit, text: str) -> None:
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, text)


# ------------------------------------------------------------------------------------------ long text


def test_long_text_keeps_control_characters_exactly(qtbot) -> None:
    text = "a\r\nb\tc\x01😀"
    editor = _open(qtbot, LongTextEditor(text, "Row 12 — Completion (answer)"))
    assert editor.windowTitle() == "Row 12 — Completion (answer)"
    assert editor.text() == text
    assert not editor.changed()
    _type_at_end(qtbot, editor.editor, "Z")
    assert editor.text() == text + "Z"  # "\r\n", tab, \x01 and the emoji survive an edit
    assert editor.changed()
    editor.editor.undo()
    assert editor.text() == text
    assert not editor.changed()


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_long_text_edits_keep_every_untouched_character(qtbot, text: str) -> None:
    editor = _open(qtbot, LongTextEditor(text, "t"))
    assert editor.text() is text  # unedited: the very string given
    cursor = QTextCursor(editor.editor.document())
    cursor.insertText("Z")  # an edit at the start
    assert editor.text() == "Z" + text


def test_lone_carriage_returns_show_as_a_mark(qtbot) -> None:
    editor = _open(qtbot, LongTextEditor("one\rtwo", "t"))
    assert editor.editor.toPlainText() == f"one{CARRIAGE_RETURN_MARK}two"
    assert not editor.endings_label.isHidden()
    crlf = _open(qtbot, LongTextEditor("one\r\ntwo", "t"))
    assert crlf.editor.toPlainText() == "one\ntwo"
    assert "CR LF" in crlf.endings_label.text()


def test_line_breaks_typed_into_windows_text_are_windows_line_breaks(qtbot) -> None:
    editor = _open(qtbot, LongTextEditor("a\r\nb", "t"))
    _type_at_end(qtbot, editor.editor, "c")
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.editor, "d")
    assert editor.text() == "a\r\nbc\r\nd"


def test_counts_follow_typing_after_a_pause(qtbot) -> None:
    editor = _open(qtbot, LongTextEditor("一二三\n四五", "t"))
    assert editor.status_label.text().startswith("6 ")  # 6 characters, the line break included
    assert "2 line" in editor.status_label.text()
    _type_at_end(qtbot, editor.editor, "ab")  # keyClicks takes ASCII only
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.status_label.text().startswith("9 "), timeout=2000)
    assert "3 line" in editor.status_label.text()


def test_ctrl_enter_accepts_the_long_text(qtbot) -> None:
    editor = _open(qtbot, LongTextEditor("text", "t"))
    _type_at_end(qtbot, editor.editor, "!")
    with qtbot.waitSignal(editor.accepted, timeout=1000):
        qtbot.keyClick(editor.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert editor.text() == "text!"


def test_read_only_long_text_has_only_close(qtbot) -> None:
    editor = _open(qtbot, LongTextEditor("look, do not touch", "t", read_only=True))
    assert editor.editor.isReadOnly()
    assert editor.buttons.button(QDialogButtonBox.StandardButton.Ok) is None
    assert editor.buttons.button(QDialogButtonBox.StandardButton.Close) is not None
    assert not editor.changed()


def test_fifty_megabytes_open_quickly_and_come_back_unchanged(qtbot) -> None:
    line = ("青山茶舍每天上午九点半开门，晚上九点打烊。\tTab and emoji 😀 " * 4)[:199] + "\n"
    text = line * (50_000_000 // len(line))
    assert len(text) >= 49_000_000
    started = time.monotonic()
    editor = LongTextEditor(text, "Row 1 — Completion (answer)")
    progress: list[int] = []
    editor.editor.loadProgress.connect(progress.append)
    _open(qtbot, editor)
    assert time.monotonic() - started < 2.0  # the window is up before the text is all in
    qtbot.waitUntil(lambda: not editor.is_loading(), timeout=30_000)
    assert time.monotonic() - started < 15.0
    assert len(progress) > 3  # loaded piece by piece, with the event loop running in between
    assert editor.text() is text
    assert not editor.changed()
    assert editor.editor.document().blockCount() == text.count("\n") + 1
    assert f"{len(text):,}".replace(",", "") in editor.status_label.text().replace(",", "")
    QTextCursor(editor.editor.document()).insertText("Z")
    assert editor.text() == "Z" + text


def test_a_giant_single_line_opens_as_a_read_only_preview(qtbot) -> None:
    text = "x" * (3 * LOAD_CHUNK_CHARS)
    started = time.monotonic()
    editor = _open(qtbot, LongTextEditor(text, "t"))
    qtbot.waitUntil(lambda: not editor.is_loading(), timeout=10_000)
    assert time.monotonic() - started < 10.0
    assert editor.editor.isReadOnly()
    assert not editor.long_line_label.isHidden()
    assert editor.edit_anyway_button.isHidden()
    assert editor.text() is text


def test_cancel_while_loading_stops_the_load(qtbot) -> None:
    text = "一行文字\n" * (LOAD_CHUNK_CHARS // 2)  # 2.5 million characters: loads in pieces
    editor = _open(qtbot, LongTextEditor(text, "t"))
    assert editor.is_loading()
    editor.reject()
    assert not editor.is_loading()
    assert editor.text() is text
    assert not editor.changed()


def test_a_long_line_opens_read_only_with_edit_anyway(qtbot) -> None:
    text = "y" * 600_000
    editor = _open(qtbot, LongTextEditor(text, "t"))
    assert editor.editor.isReadOnly()
    qtbot.mouseClick(editor.edit_anyway_button, Qt.MouseButton.LeftButton)
    assert not editor.editor.isReadOnly()
    QTextCursor(editor.editor.document()).insertText("Z")
    assert editor.text() == "Z" + text


# ------------------------------------------------------------------------------------------ round trips


def test_round_trip_of_a_single_turn_row(qtbot) -> None:
    example = SINGLE_TURN[0]
    assert example.system
    assert not example.is_multi_turn
    editor = _conversation(qtbot, example, default_system="默认", row=0)
    assert editor.windowTitle().startswith("Row 1")
    assert [card.role() for card in editor.cards()] == ["user", "assistant"]
    assert editor.system_edit.toPlainText() == example.system
    assert editor.ok_button.isEnabled()
    assert editor.example() == example


@pytest.mark.parametrize("row", range(len(MULTI_TURN)))
def test_round_trip_of_multi_turn_rows(qtbot, row: int) -> None:
    example = MULTI_TURN[row]
    editor = _conversation(qtbot, example, row=row)
    shown = example.messages()[1:] if example.system else example.messages()
    assert [card.message() for card in editor.cards()] == shown
    assert editor.ok_button.isEnabled()
    assert editor.example() == example


def test_row_with_a_tool_call_and_its_result(qtbot) -> None:
    example = MULTI_TURN[10]
    editor = _conversation(qtbot, example, row=10)
    cards = editor.cards()
    assert [card.role() for card in cards] == ["user", "assistant", "tool", "assistant"]
    assert cards[1].tool_calls.is_expanded()
    assert '"call_stock"' in cards[1].tool_calls_edit.toPlainText()
    assert not cards[2].tool_call_id_row.isHidden()
    assert cards[2].tool_call_id_edit.text() == "call_stock"
    assert editor.tools.is_expanded()
    assert editor.example() == example


def test_weight_boxes_follow_the_data(qtbot) -> None:
    editor = _conversation(qtbot, MULTI_TURN[0])
    cards = editor.cards()
    assert not cards[1].train_box.isChecked()  # weight 0
    assert cards[3].train_box.isChecked()  # weight 1
    assert cards[0].train_box.isHidden()  # users have no weight


def test_round_trip_of_a_preference_row(qtbot) -> None:
    example = DPO[0]
    assert example.rejected
    editor = _conversation(qtbot, example)
    assert editor.rejected_edit.toPlainText() == example.rejected
    assert editor.example() == example


def test_round_trip_keeps_validation_flag_note_and_odd_characters(qtbot) -> None:
    example = Example(
        "问\r\n题\t😀",
        "答\r案\x01",
        note="my note\r\n",
        rejected="坏\u2029答案",
        validation=True,
    )
    editor = _conversation(qtbot, example)
    assert editor.example() == example


def test_a_message_with_a_long_unbroken_line_opens_quickly(qtbot) -> None:
    example = Example("Q", "data:image/png;base64," + "A" * 600_000)
    started = time.monotonic()
    editor = _conversation(qtbot, example)
    assert time.monotonic() - started < 5.0  # word-boundary wrapping: over ten seconds
    assert editor.example() == example


# ------------------------------------------------------------------------------------------ editing


def test_adding_messages_moves_the_old_exchange_into_history(qtbot) -> None:
    editor = _conversation(qtbot, Example("Q1", "A1"))
    qtbot.mouseClick(editor.add_user_button, Qt.MouseButton.LeftButton)
    assert editor.cards()[-1].text_edit.hasFocus()
    qtbot.keyClicks(editor.cards()[-1].text_edit, "Q2")
    assert not editor.ok_button.isEnabled()  # ends with a user message now
    qtbot.mouseClick(editor.add_answer_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.cards()[-1].text_edit, "A2")
    assert editor.ok_button.isEnabled()
    result = editor.example()
    assert (result.prompt, result.completion) == ("Q2", "A2")
    assert result.history == (Message("user", "Q1"), Message("assistant", "A1"))
    assert result.weight is None


def test_moving_a_message_reorders_the_conversation(qtbot) -> None:
    example = MULTI_TURN[0]  # user 1, answer 1 (weight 0), user 2, answer 2 (weight 1)
    user_1, answer_1 = example.history
    editor = _conversation(qtbot, example)
    third = editor.cards()[2]
    qtbot.mouseClick(third.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(third.up_button, Qt.MouseButton.LeftButton)
    assert editor.cards()[0] is third
    assert not third.up_button.isEnabled()
    assert third.position_label.text() == "1."
    result = editor.example()
    assert result.history == (Message("user", example.prompt),)
    assert result.prompt == user_1.content
    assert result.steps == (answer_1,)
    assert (result.completion, result.weight, result.system) == (example.completion, 1, example.system)
    # Tab order follows the new order: the system prompt leads to the moved card.
    editor.system_edit.setFocus()
    qtbot.keyClick(editor.system_edit, Qt.Key.Key_Tab)
    assert third.role_combo.hasFocus()


def test_alt_down_moves_the_focused_message(qtbot) -> None:
    editor = _conversation(qtbot, MULTI_TURN[0])
    first = editor.cards()[0]
    first.text_edit.setFocus()
    qtbot.keyClick(first.text_edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert editor.cards()[1] is first


def test_the_mouse_wheel_scrolls_past_a_role_without_changing_it(qtbot) -> None:
    editor = _conversation(qtbot, MULTI_TURN[0])
    combo = editor.cards()[0].role_combo
    editor.system_edit.setFocus()
    centre = combo.rect().center()
    global_centre = combo.mapToGlobal(centre)
    event = QWheelEvent(
        QPointF(centre),
        QPointF(global_centre),
        QPoint(),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(combo, event)
    assert combo.currentData() == "user"
    assert not event.isAccepted()  # left to the scroll area (Qt passes a real wheel event on to it)
    combo.setFocus()
    QApplication.sendEvent(combo, event)
    assert combo.currentData() == "assistant"  # a focused box still turns with the wheel


def test_deleting_a_message(qtbot) -> None:
    example = MULTI_TURN[0]
    editor = _conversation(qtbot, example)
    qtbot.mouseClick(editor.cards()[1].delete_button, Qt.MouseButton.LeftButton)
    assert len(editor.cards()) == 3
    result = editor.example()
    assert result.history == (example.history[0],)
    assert (result.prompt, result.completion) == (example.prompt, example.completion)


def test_changing_a_role_moves_the_message_and_drops_its_weight(qtbot) -> None:
    example = MULTI_TURN[0]
    editor = _conversation(qtbot, example)
    answer_1 = editor.cards()[1]
    answer_1.set_role("user")
    assert answer_1.train_box.isHidden()
    result = editor.example()
    assert result.history == (example.history[0], Message("user", example.history[1].content))
    answer_1.set_role("assistant")  # and back: the box remembers it was unticked
    assert editor.example() == example


def test_unticking_train_sets_weight_zero(qtbot) -> None:
    editor = _conversation(qtbot, Example("Q", "A"))
    final = editor.cards()[-1]
    final.train_box.setChecked(False)
    assert editor.example().weight == 0
    final.train_box.setChecked(True)
    assert editor.example().weight is None  # the row had no weight: back to the default
    weighted = _conversation(qtbot, MULTI_TURN[0])
    weighted.cards()[1].train_box.setChecked(True)
    assert weighted.example().history[1].weight == 1  # data that spells weights out keeps doing so


def test_system_prompt_placeholder_and_clearing(qtbot) -> None:
    example = MULTI_TURN[1]
    editor = _conversation(qtbot, dataclasses.replace(example, system=""), default_system="默认的系统提示")
    assert "默认的系统提示" in editor.system_edit.placeholderText()
    assert editor.example().system == ""
    own = _conversation(qtbot, example)
    own.system_edit.clear()
    assert own.example().system == ""
    assert own.example().history == example.history


# ------------------------------------------------------------------------------------------ validation


def test_invalid_tool_calls_json_disables_ok_with_a_reason(qtbot) -> None:
    editor = _conversation(qtbot, MULTI_TURN[10])
    calls = editor.cards()[1].tool_calls_edit
    assert editor.ok_button.isEnabled()
    _type_at_end(qtbot, calls, ",")
    assert not editor.ok_button.isEnabled()
    assert editor.problems_label.isVisible()
    assert "Message 2" in editor.problems_label.text()
    assert "JSON" in editor.problems_label.text()
    assert editor.cards()[1].problem_label.isVisible()
    qtbot.keyClick(calls, Qt.Key.Key_Backspace)
    assert editor.ok_button.isEnabled()
    assert not editor.problems_label.isVisible()
    assert editor.example() == MULTI_TURN[10]


def test_tool_calls_must_be_a_list_and_are_stored_compact(qtbot) -> None:
    editor = _conversation(qtbot, Example("Q", "A"))
    final = editor.cards()[-1]
    final.tool_calls.set_expanded(True)
    final.tool_calls_edit.setPlainText('{"not": "a list"}')
    assert not editor.ok_button.isEnabled()
    assert "list" in editor.problems_label.text()
    final.tool_calls_edit.setPlainText('[\n  {"id": "c1", "type": "function"}\n]')
    assert editor.ok_button.isEnabled()
    assert editor.example().tool_calls == '[{"id": "c1", "type": "function"}]'


def test_invalid_tools_json_disables_ok(qtbot) -> None:
    editor = _conversation(qtbot, MULTI_TURN[10])
    editor.tools_edit.setPlainText("[{")
    assert not editor.ok_button.isEnabled()
    assert editor.tools_problem_label.isVisible()
    assert "tools offered" in editor.problems_label.text()


def test_a_conversation_ending_with_a_user_message_cannot_be_saved(qtbot) -> None:
    editor = _conversation(qtbot, Example("Q", "A"))
    editor.cards()[-1].set_role("user")
    assert not editor.ok_button.isEnabled()
    assert editor.problems_label.isVisible()
    assert "must end with an answer" in editor.problems_label.text()
    qtbot.keyClick(editor.system_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.isVisible()  # Ctrl+Enter does not accept it either
    assert editor.result() != QDialog.DialogCode.Accepted
    with pytest.raises(ValueError):
        editor.example()


def test_an_empty_conversation_cannot_be_saved(qtbot) -> None:
    editor = _conversation(qtbot, Example("", "A"))
    qtbot.mouseClick(editor.cards()[0].delete_button, Qt.MouseButton.LeftButton)
    assert editor.cards() == []
    assert not editor.ok_button.isEnabled()
    assert "empty" in editor.problems_label.text()


def test_a_weight_on_a_user_message_must_go(qtbot) -> None:
    example = Example("Q2", "A2", history=(Message("user", "Q1", weight=1), Message("assistant", "A1")))
    editor = _conversation(qtbot, example)
    card = editor.cards()[0]
    assert not editor.ok_button.isEnabled()
    assert "weight" in editor.problems_label.text()
    assert card.remove_weight_button.isVisible()
    qtbot.mouseClick(card.remove_weight_button, Qt.MouseButton.LeftButton)
    assert editor.ok_button.isEnabled()
    assert editor.example().history[0] == Message("user", "Q1")


def test_ctrl_enter_accepts_a_valid_conversation(qtbot) -> None:
    editor = _conversation(qtbot, Example("Q", "A"))
    text = editor.cards()[-1].text_edit
    _type_at_end(qtbot, text, "!")
    with qtbot.waitSignal(editor.accepted, timeout=1000):
        qtbot.keyClick(text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.example().completion == "A!"
