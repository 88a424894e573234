"""The first-run guide: shown at the first start, walks the whole flow on the real app, closes and comes back."""

from __future__ import annotations

import json
from collections.abc import Callable

from pytestqt.qtbot import QtBot

from desktop_app.simulator import SimulatorConfig
from desktop_app.storage.settings import GUIDE_CLOSED, GUIDE_FINISHED, GUIDE_NEW
from desktop_app.ui.guide.panel import GuidePanel
from desktop_app.ui.guide.progress import STEPS, GuideProgress, Step
from desktop_app.ui.main_window import AppContext, MainWindow
from tests.ui.chat_helpers import ask


def _first_start(make_context: Callable[..., AppContext], **overrides: object) -> AppContext:
    context = make_context(**overrides)
    context.settings.guide = GUIDE_NEW  # as on a new computer (the fixture closes it for other tests)
    return context


def _saved(window: MainWindow) -> dict[str, object]:
    path = window.context.paths.settings_file
    data: dict[str, object] = json.loads(path.read_text("utf-8")) if path.exists() else {}
    return data


def _click(guide: GuidePanel, step: Step, index: int = 0) -> None:
    button = guide.cards[step].button_list[index]
    assert button.isVisible(), f"{step} is not the current step"
    button.click()


def test_progress_counts_steps_in_any_order_and_skips_the_key_in_practice_mode() -> None:
    progress = GuideProgress(practice=True)
    assert progress.current is Step.SERVICE
    progress.mark(Step.OPEN)  # opened a file before following the guide
    assert progress.current is Step.SERVICE
    progress.mark(Step.SERVICE)
    assert progress.is_done(Step.KEY)  # nothing to enter in Practice mode
    assert progress.current is Step.CHECK
    progress.practice = False
    assert progress.current is Step.KEY  # a real service needs its key
    assert not progress.mark(Step.OPEN)  # already done: nothing changes
    for step in STEPS:
        progress.mark(step)
    assert progress.finished
    assert progress.count_done() == len(STEPS)


def test_the_guide_walks_a_newcomer_from_practice_mode_to_a_chat_with_the_trained_model(
    qtbot: QtBot, open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> None:
    window = open_window(_first_start(make_context, simulator_config=SimulatorConfig.fast()))
    guide = window.guide
    assert guide is not None
    assert guide.isVisible()  # shown at the first start
    assert guide.progress.current is Step.SERVICE
    assert "0 of 7" in guide.summary.text()

    _click(guide, Step.SERVICE)  # "Use Practice mode"
    assert window.session.is_practice
    assert guide.progress.is_done(Step.KEY)
    assert guide.cards[Step.KEY].text.text() == "Not needed in Practice mode."

    with qtbot.waitSignal(window.data_tab.checked, timeout=15_000):
        _click(guide, Step.OPEN)  # "Open the sample": the Chinese tea-house examples
    assert window.tabs.currentWidget() is window.data_tab
    assert window.data_tab.model.rowCount() >= 30
    assert guide.progress.is_done(Step.OPEN)
    qtbot.waitUntil(lambda: guide.progress.is_done(Step.CHECK), timeout=10_000)  # opening checks them
    assert guide.progress.current is Step.JOB

    _click(guide, Step.JOB)  # "New job…": the real dialog, on the Jobs tab
    assert window.tabs.currentWidget() is window.jobs_tab
    dialog = window.jobs_tab.new_job_dialog
    assert dialog is not None
    dialog.suffix_edit.setText("tea")
    qtbot.waitUntil(dialog.can_start, timeout=15_000)  # the examples are checked and priced first
    with qtbot.waitSignal(window.jobs_tab.modelReady, timeout=30_000) as ready:
        dialog.accept()
    assert guide.progress.is_done(Step.JOB)
    assert guide.progress.is_done(Step.FOLLOW)
    assert guide.progress.model == ready.args[0]

    _click(guide, Step.CHAT)  # "Chat with it": the Chat tab on the new model
    chat = window.chat_tab
    assert window.tabs.currentWidget() is chat
    qtbot.waitUntil(lambda: chat.current_model() == ready.args[0], timeout=10_000)
    answer = ask(qtbot, chat, "周二可以过来喝茶吗？")
    assert "周二" in answer  # the Practice model answers from the sample it was trained on
    assert guide.progress.finished
    assert guide.done_label.isVisible()
    assert "7 of 7" in guide.summary.text()

    guide.close_button.click()  # "Done"
    assert not guide.isVisible()
    qtbot.waitUntil(lambda: _saved(window).get("guide") == GUIDE_FINISHED, timeout=10_000)


def test_a_closed_guide_stays_closed_and_comes_back_from_help(
    qtbot: QtBot, open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> None:
    context = _first_start(make_context)
    window = open_window(context)
    guide = window.guide
    assert guide is not None
    guide.close_button.click()  # "Close guide", before the end
    assert not guide.isVisible()
    qtbot.waitUntil(lambda: _saved(window).get("guide") == GUIDE_CLOSED, timeout=10_000)

    later = open_window(make_context())  # the next start reads the saved settings
    assert later.session.settings.guide == GUIDE_CLOSED
    assert later.guide is None  # not shown, not even built
    assert later.guide_action.shortcut().toString() == "F1"
    later.guide_action.trigger()  # Help ▸ Getting Started Guide
    assert later.guide is not None
    assert later.guide.isVisible()


def test_the_guide_takes_what_is_already_done_and_explains_a_real_services_key(
    qtbot: QtBot, open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> None:
    window = open_window(make_context())
    with qtbot.waitSignal(window.data_tab.checked, timeout=15_000):
        window.sample_action.trigger()  # Help ▸ Open the Sample Examples (shows the guide too)
    guide = window.guide
    assert guide is not None
    assert guide.isVisible()
    qtbot.waitUntil(lambda: guide.progress.is_done(Step.CHECK), timeout=10_000)
    assert guide.progress.is_done(Step.OPEN)
    assert guide.progress.current is Step.SERVICE  # the choice is still the user's to make
    # A real service chosen in Settings, without a key yet: the key step says what to do.
    guide.progress.mark(Step.SERVICE)
    guide.progress.practice = False
    guide._show_progress()
    assert guide.progress.current is Step.KEY
    assert "Test connection" in guide.cards[Step.KEY].text.text()
    assert guide.cards[Step.KEY].button_list[0].isVisible()  # "Open Settings…"
