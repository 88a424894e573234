"""Conversations are kept as they happen: each question and its streamed answer reach the history file (the
real ConversationStore in the window's profile), through the real Chat tab against the Practice service."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.simulator import SimulatorConfig
from desktop_app.storage.conversations import ConversationStore
from desktop_app.ui.chat.saving import TITLE_CHARS, title_from
from desktop_app.ui.main_window import AppContext, MainWindow


def _ask(qtbot: QtBot, window: MainWindow, question: str) -> str:
    chat = window.chat_tab
    qtbot.waitUntil(lambda: chat.current_model() is not None, timeout=10_000)
    chat.input.setPlainText(question)
    with qtbot.waitSignal(chat.answerFinished, timeout=15_000) as finished:
        qtbot.mouseClick(chat.send_button, Qt.MouseButton.LeftButton)
    answer = finished.args[0]
    assert isinstance(answer, str)
    return answer


def _store(window: MainWindow) -> ConversationStore:
    store = window.conversations
    assert isinstance(store, ConversationStore)
    return store


def test_each_exchange_is_kept_and_a_conversation_goes_on(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.chat_tab)
    first = _ask(qtbot, window, "你好，请介绍一下你自己")
    second = _ask(qtbot, window, "And in English?")
    store = _store(window)
    [conversation] = store.list_conversations()
    assert window.chat_tab.conversation_id == conversation.id
    assert conversation.title == "你好，请介绍一下你自己"
    assert conversation.model == window.chat_tab.current_model()
    path = store.path(conversation.id)
    assert [(m.role, m.content) for m in path] == [
        ("user", "你好，请介绍一下你自己"),
        ("assistant", first),
        ("user", "And in English?"),
        ("assistant", second),
    ]
    answers = [m for m in path if m.role == "assistant"]
    assert all(m.finish_reason == "stop" and m.error is None for m in answers)
    assert all(m.first_token_ms is not None and m.first_token_ms >= 0 for m in answers)
    assert all(m.model == conversation.model for m in answers)

    window.chat_tab.clear_conversation()  # "New conversation"
    _ask(qtbot, window, "A new topic")
    listed = store.list_conversations()
    assert len(listed) == 2
    assert listed[0].title == "A new topic"  # newest first
    assert [m.role for m in store.path(listed[0].id)] == ["user", "assistant"]


def test_a_stopped_answer_is_kept_as_far_as_it_came(
    qtbot: QtBot, open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> None:
    window = open_window(make_context(simulator_config=SimulatorConfig.fast(stream_chunk_delay=0.2)))
    chat = window.chat_tab
    window.tabs.setCurrentWidget(chat)
    qtbot.waitUntil(lambda: chat.current_model() is not None, timeout=10_000)
    chat.input.setPlainText("Tell me a long story")
    with qtbot.waitSignal(chat.answerFinished, timeout=15_000) as finished:
        qtbot.mouseClick(chat.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(chat.stop_button.isEnabled, timeout=5_000)
        qtbot.wait(700)
        qtbot.mouseClick(chat.stop_button, Qt.MouseButton.LeftButton)
    partial = finished.args[0]
    store = _store(window)
    [conversation] = store.list_conversations()
    question, answer = store.path(conversation.id)
    assert question.content == "Tell me a long story"
    assert answer.finish_reason == "stopped"
    assert answer.content == partial  # what arrived before the stop, every piece of it
    assert partial


def test_a_history_that_cannot_be_written_leaves_the_chat_working(
    qtbot: QtBot, open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> None:
    context = make_context()
    # A newer app's history file: read, never written (its bytes must survive this session).
    with ConversationStore(context.paths.conversations_file) as store:
        store.create_conversation(profile_id="x", model="m", title="kept")
    conn = sqlite3.connect(context.paths.conversations_file)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = context.paths.conversations_file.read_bytes()
    window = open_window(context)
    window.tabs.setCurrentWidget(window.chat_tab)
    answer = _ask(qtbot, window, "Still there?")
    assert answer
    assert "could not be saved" in window.chat_tab.message_bar.text
    assert window.chat_tab.conversation_id is None
    assert [c.title for c in _store(window).list_conversations()] == ["kept"]
    window.shutdown()
    assert context.paths.conversations_file.read_bytes() == before


def test_a_conversation_is_titled_by_its_first_question_on_one_line() -> None:
    assert title_from("  第一行\n第二行  ") == "第一行 第二行"
    long = title_from("word " * 40)
    assert len(long) == TITLE_CHARS
    assert long.endswith("…")
