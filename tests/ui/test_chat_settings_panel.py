"""The Chat tab's settings panel, driven through its real widgets: what the user sets is what settings()
returns, "Default" means None, and changed is emitted for the user's edits only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.core.chat_settings import (
    CONTEXT_MESSAGES_MAX,
    DEFAULT_CONTEXT_MESSAGES,
    MAX_TOKENS_MAX,
    ChatSettings,
)
from desktop_app.ui.chat.settings_panel import (
    MAX_TOKENS_START,
    PROMPT_EDIT_DELAY_MS,
    TEMPERATURE_START,
    ChatSettingsPanel,
)

TUNED = ChatSettings(
    system_prompt="你是青山茶舍的店员", temperature=0.7, top_p=0.9, max_tokens=512, context_messages=6
)


def _panel(qtbot: QtBot) -> ChatSettingsPanel:
    panel = ChatSettingsPanel()
    qtbot.addWidget(panel)
    panel.resize(1000, panel.sizeHint().height())
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _spin(panel: ChatSettingsPanel, name: str) -> QAbstractSpinBox:
    spin = panel.findChild(QAbstractSpinBox, name)
    assert spin is not None, name
    return spin


def _type_into(qtbot: QtBot, spin: QAbstractSpinBox, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def test_starts_with_defaults_shown_as_default(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    assert panel.settings() == ChatSettings()
    for name in ("chatTemperature", "chatTopP", "chatMaxTokens"):
        assert _spin(panel, name).text() == "Default"
    assert _spin(panel, "chatContextMessages").text() == str(DEFAULT_CONTEXT_MESSAGES)


def test_widgets_have_names_and_plain_tooltips(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    widgets = [
        panel.findChild(QPlainTextEdit, "chatSystemPrompt"),
        panel.findChild(QPushButton, "chatUseDatasetPrompt"),
        *(
            _spin(panel, name)
            for name in ("chatTemperature", "chatTopP", "chatMaxTokens", "chatContextMessages")
        ),
    ]
    for widget in widgets:
        assert widget is not None
        assert len(widget.toolTip()) > 40, widget.objectName()


def test_set_settings_shows_them_without_emitting_changed(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    with qtbot.assertNotEmitted(panel.changed, wait=PROMPT_EDIT_DELAY_MS + 200):
        panel.set_settings(TUNED)
    assert panel.settings() == TUNED
    assert panel.system_prompt_edit.toPlainText() == TUNED.system_prompt
    assert _spin(panel, "chatTemperature").text() == "0.70"
    assert _spin(panel, "chatMaxTokens").text() == "512"
    with qtbot.assertNotEmitted(panel.changed, wait=PROMPT_EDIT_DELAY_MS + 200):
        panel.set_settings(ChatSettings())
    assert panel.settings() == ChatSettings()
    assert _spin(panel, "chatTopP").text() == "Default"


def test_each_number_edit_emits_changed_and_reads_back(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    with qtbot.waitSignal(panel.changed, timeout=1000):
        panel.temperature_spin.setValue(1.3)
    with qtbot.waitSignal(panel.changed, timeout=1000):
        panel.top_p_spin.setValue(0.5)
    with qtbot.waitSignal(panel.changed, timeout=1000):
        panel.max_tokens_spin.setValue(2048)
    with qtbot.waitSignal(panel.changed, timeout=1000):
        panel.context_spin.setValue(4)
    assert panel.settings() == ChatSettings(temperature=1.3, top_p=0.5, max_tokens=2048, context_messages=4)


def test_typing_numbers_on_the_keyboard(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    with qtbot.waitSignal(panel.changed, timeout=1000):
        _type_into(qtbot, panel.temperature_spin, "0.25")
    with qtbot.waitSignal(panel.changed, timeout=1000):
        _type_into(qtbot, panel.max_tokens_spin, "300")
    with qtbot.waitSignal(panel.changed, timeout=1000):
        _type_into(qtbot, panel.context_spin, "12")
    assert panel.settings() == ChatSettings(temperature=0.25, max_tokens=300, context_messages=12)


def test_typing_one_number_reports_one_change(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    seen: list[ChatSettings] = []
    panel.changed.connect(lambda: seen.append(panel.settings()))
    _type_into(qtbot, panel.top_p_spin, "0.75")
    assert seen == [ChatSettings(top_p=0.75)]


def test_zero_is_a_real_value_and_below_it_is_default(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.temperature_spin.setValue(0.0)
    assert panel.settings().temperature == 0.0
    assert panel.temperature_spin.text() == "0.00"
    panel.temperature_spin.stepDown()
    assert panel.settings().temperature is None
    assert panel.temperature_spin.text() == "Default"
    panel.max_tokens_spin.setValue(1)
    assert panel.settings().max_tokens == 1
    panel.max_tokens_spin.stepDown()
    assert panel.settings().max_tokens is None


def test_up_arrow_leaves_default_for_a_usual_value(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.temperature_spin.setFocus()
    with qtbot.waitSignal(panel.changed, timeout=1000):
        qtbot.keyClick(panel.temperature_spin, Qt.Key.Key_Up)
    assert panel.settings().temperature == TEMPERATURE_START
    qtbot.keyClick(panel.temperature_spin, Qt.Key.Key_Up)
    assert panel.settings().temperature == TEMPERATURE_START + 0.1
    panel.max_tokens_spin.setFocus()
    qtbot.keyClick(panel.max_tokens_spin, Qt.Key.Key_Up)
    assert panel.settings().max_tokens == MAX_TOKENS_START


def test_typing_default_or_clearing_the_field_gives_default(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.set_settings(TUNED)
    with qtbot.waitSignal(panel.changed, timeout=1000):
        _type_into(qtbot, panel.temperature_spin, "Default")
    assert panel.settings().temperature is None
    with qtbot.waitSignal(panel.changed, timeout=1000):
        _type_into(qtbot, panel.top_p_spin, "de")  # the start of the word is enough
    assert panel.settings().top_p is None
    assert panel.top_p_spin.text() == "Default"
    panel.max_tokens_spin.setFocus()
    panel.max_tokens_spin.selectAll()
    with qtbot.waitSignal(panel.changed, timeout=1000):
        qtbot.keyClick(panel.max_tokens_spin, Qt.Key.Key_Delete)
        qtbot.keyClick(panel.max_tokens_spin, Qt.Key.Key_Return)
    assert panel.settings().max_tokens is None
    assert panel.settings() == ChatSettings(system_prompt=TUNED.system_prompt, context_messages=6)


def test_out_of_range_cannot_be_typed(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.set_settings(TUNED)
    with qtbot.assertNotEmitted(panel.changed):
        _type_into(qtbot, panel.temperature_spin, "x7")  # neither a number in range nor "Default"
    assert panel.settings().temperature == TUNED.temperature
    _type_into(qtbot, panel.max_tokens_spin, "99999999")  # the field takes digits only while in range
    assert panel.settings().max_tokens == 99999 < MAX_TOKENS_MAX
    panel.context_spin.setValue(CONTEXT_MESSAGES_MAX + 50)
    assert panel.settings().context_messages == CONTEXT_MESSAGES_MAX


def test_context_messages_zero_means_none(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    with qtbot.waitSignal(panel.changed, timeout=1000):
        panel.context_spin.setValue(0)
    assert panel.settings().context_messages == 0
    assert panel.context_spin.text() == "None: each question alone"


def test_prompt_typing_is_reported_once_after_a_pause(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    seen: list[str] = []
    panel.changed.connect(lambda: seen.append(panel.settings().system_prompt))
    panel.system_prompt_edit.setFocus()
    with qtbot.waitSignal(panel.changed, timeout=PROMPT_EDIT_DELAY_MS + 1000):
        qtbot.keyClicks(panel.system_prompt_edit, "Answer briefly.")
    assert seen == ["Answer briefly."]
    assert panel.settings().system_prompt == "Answer briefly."


def test_prompt_is_read_without_surrounding_blank_space(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.system_prompt_edit.setPlainText("  Be kind.\n\n")
    assert panel.settings().system_prompt == "Be kind."


def test_flush_reports_a_waiting_prompt_edit_at_once(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    seen: list[str] = []
    panel.changed.connect(lambda: seen.append(panel.settings().system_prompt))
    qtbot.keyClicks(panel.system_prompt_edit, "Hi")
    assert seen == []
    panel.flush()
    assert seen == ["Hi"]
    panel.flush()  # nothing waiting: nothing reported
    qtbot.wait(PROMPT_EDIT_DELAY_MS + 200)
    assert seen == ["Hi"]


def test_set_settings_drops_a_waiting_prompt_edit(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    qtbot.keyClicks(panel.system_prompt_edit, "for the old conversation")
    with qtbot.assertNotEmitted(panel.changed, wait=PROMPT_EDIT_DELAY_MS + 200):
        panel.set_settings(TUNED)
    assert panel.settings() == TUNED


def test_dataset_prompt_button_asks_and_the_answer_is_an_undoable_edit(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.set_settings(ChatSettings(system_prompt="old"))
    with qtbot.waitSignal(panel.useDatasetPromptRequested, timeout=1000):
        qtbot.mouseClick(panel.use_dataset_prompt_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.changed, timeout=100):  # at once, not after the typing delay
        panel.apply_system_prompt("你是青山茶舍的店员")
    assert panel.settings().system_prompt == "你是青山茶舍的店员"
    panel.system_prompt_edit.undo()
    assert panel.system_prompt_edit.toPlainText() == "old"
    panel.flush()
    with qtbot.assertNotEmitted(panel.changed, wait=PROMPT_EDIT_DELAY_MS + 200):
        panel.apply_system_prompt("old")  # no change: nothing to report


def test_dataset_prompt_button_can_be_disabled(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.set_dataset_prompt_available(False)
    with qtbot.assertNotEmitted(panel.useDatasetPromptRequested):
        qtbot.mouseClick(panel.use_dataset_prompt_button, Qt.MouseButton.LeftButton)
    panel.set_dataset_prompt_available(True)
    assert panel.use_dataset_prompt_button.isEnabled()


def test_fits_beside_a_chat_at_1280(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    assert panel.minimumSizeHint().width() <= 1000
    assert panel.sizeHint().height() <= 160  # a prompt of a few lines and one row of numbers
