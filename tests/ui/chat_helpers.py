"""Driving the Chat tab as a user does, shared by the chat tests."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.storage.conversations import ConversationStore
from desktop_app.ui.chat.tab import ChatTab
from desktop_app.ui.chat.transcript import Transcript
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


def links(transcript: Transcript, href_start: str) -> list[QTextCursor]:
    """A cursor on each link whose target starts with ``href_start``, in document order."""
    found: list[QTextCursor] = []
    block = transcript.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref().startswith(href_start):
                cursor = QTextCursor(transcript.document())
                cursor.setPosition(fragment.position() + fragment.length() // 2)
                found.append(cursor)
            iterator += 1
        block = block.next()
    return found


def click_link(qtbot: QtBot, transcript: Transcript, href_start: str, which: int = -1) -> None:
    """Click a link in the transcript as the user does: scrolled into view, pressed with the mouse."""
    found = links(transcript, href_start)
    assert found, f"no link {href_start!r} in: {transcript.toPlainText()!r}"
    cursor = found[which]
    transcript.setTextCursor(cursor)
    transcript.ensureCursorVisible()
    QApplication.processEvents()
    point: QPoint = transcript.cursorRect(cursor).center()
    qtbot.mouseClick(transcript.viewport(), Qt.MouseButton.LeftButton, pos=point)
