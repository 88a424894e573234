"""Driving the Chat tab as a user does, shared by the chat tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.storage.conversations import ConversationStore
from desktop_app.ui.chat.tab import ChatTab
from desktop_app.ui.main_window import MainWindow


def open_chat(qtbot: QtBot, window: MainWindow) -> ChatTab:
    """The Chat tab, shown, once its models are listed."""
    chat = window.chat_tab
    window.tabs.setCurrentWidget(chat)
    qtbot.waitUntil(lambda: chat.current_model() is not None, timeout=10_000)
    return chat


def ask(qtbot: QtBot, chat: ChatTab, question: str) -> str:
    """Type ``question``, click Send, wait for the whole answer and return it."""
    chat.input.setPlainText(question)
    with qtbot.waitSignal(chat.answerFinished, timeout=15_000) as finished:
        qtbot.mouseClick(chat.send_button, Qt.MouseButton.LeftButton)
    answer = finished.args[0]
    assert isinstance(answer, str)
    return answer


def conversation_store(window: MainWindow) -> ConversationStore:
    store = window.conversations
    assert isinstance(store, ConversationStore)
    return store
