"""Settings ▸ Language: the window comes back in the chosen language, with the user's work where it was."""

from __future__ import annotations

import json

from pytestqt.qtbot import QtBot

from desktop_app.resources import sample_dataset_path
from desktop_app.ui.data.table_model import COL_COMPLETION
from desktop_app.ui.jobs.new_job_dialog import NewJobChoice
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.window_host import WindowHost
from tests.ui.chat_helpers import ask, open_chat

MODEL = "gpt-4o-mini-2024-07-18"


def _connected(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.session.state().loading_key, timeout=20_000)


def test_switching_language_keeps_the_table_the_job_the_model_and_the_place(
    qtbot: QtBot, window_host: WindowHost
) -> None:
    window = window_host.open()
    _connected(qtbot, window)
    assert window.tabs.tabText(0) == "Data"
    data = window.data_tab
    with qtbot.waitSignal(data.checked, timeout=10_000):
        data.open_file(sample_dataset_path())
    data.model.setData(data.model.index(1, COL_COMPLETION), "每天都开，周二休息。")  # unsaved work
    rows = data.model.rowCount()
    jobs = window.jobs_tab
    window.tabs.setCurrentWidget(jobs)
    with qtbot.waitSignal(jobs.modelReady, timeout=30_000) as ready:
        assert jobs.start_job(NewJobChoice(MODEL, "tea", 1)) is not None
    model_id = ready.args[0]
    job_id = jobs.selected_job_id()
    assert job_id is not None
    service = window.session.simulator
    window.show_guide()

    with qtbot.waitSignal(window_host.windowReplaced, timeout=10_000):
        window.choose_language("zh_CN")
    new = window_host.window
    assert new is not None
    assert new is not window
    _connected(qtbot, new)
    # In Chinese: tabs, menus, buttons.
    assert [new.tabs.tabText(i) for i in range(3)] == ["数据", "训练", "对话"]
    assert new.menuBar().actions()[0].text() == "文件(&F)"
    assert new.jobs_tab.new_button.text() != "New job…"
    # Nothing lost: the edited table, the job (and its place on screen), the Practice service with the model.
    qtbot.waitUntil(lambda: new.data_tab.model.rowCount() == rows, timeout=10_000)
    assert new.data_tab.model.index(1, COL_COMPLETION).data() == "每天都开，周二休息。"
    assert new.tabs.currentWidget() is new.jobs_tab
    qtbot.waitUntil(lambda: new.jobs_tab.selected_job_id() == job_id, timeout=10_000)
    assert new.session.simulator is service  # handed over, still running: its jobs and models live there
    assert new.guide is not None
    assert new.guide.isVisible()
    chat = open_chat(qtbot, new)
    chat.select_model(model_id)
    answer = ask(qtbot, chat, "周二可以过来喝茶吗？")
    assert "周二" in answer  # the fine-tuned Practice model answers from the examples it learned
    # The choice is kept for the next start.
    saved = json.loads(new.context.paths.settings_file.read_text("utf-8"))
    assert saved["language"] == "zh_CN"

    conversation = chat.conversation_id
    assert conversation is not None
    with qtbot.waitSignal(window_host.windowReplaced, timeout=10_000):
        new.choose_language("en")
    back = window_host.window
    assert back is not None
    _connected(qtbot, back)
    assert back.tabs.tabText(0) == "Data"
    assert back.tabs.currentWidget() is back.chat_tab
    qtbot.waitUntil(lambda: back.chat_tab.conversation_id == conversation, timeout=10_000)  # open again
    assert back.chat_tab.transcript.toPlainText().count("周二可以过来喝茶吗？") == 1


def test_choosing_the_language_already_shown_changes_nothing(qtbot: QtBot, window_host: WindowHost) -> None:
    window = window_host.open()
    _connected(qtbot, window)
    replaced: list[object] = []
    window_host.windowReplaced.connect(replaced.append)
    window.choose_language("")  # the settings' default: the system's language, already in use
    assert replaced == []
    assert window_host.window is window
    checked = [action.data() for action in window.language_actions.actions() if action.isChecked()]
    assert checked == [""]
