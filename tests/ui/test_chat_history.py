"""Conversations are kept as they happen: each question and its streamed answer reach the history file (the
real ConversationStore in the window's profile), through the real Chat tab against the Practice service."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.simulator import SimulatorConfig
from desktop_app.storage.conversations import ConversationStore
from desktop_app.ui.chat.history_panel import HistoryPanel
from desktop_app.ui.chat.saving import TITLE_CHARS, title_from
from desktop_app.ui.main_window import AppContext, MainWindow
from desktop_app.ui.workers import WorkerPool
from tests.ui.chat_helpers import ask, conversation_store, open_chat


def test_each_exchange_is_kept_and_a_conversation_goes_on(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.chat_tab)
    first = ask(qtbot, open_chat(qtbot, window), "你好，请介绍一下你自己")
    second = ask(qtbot, open_chat(qtbot, window), "And in English?")
    store = conversation_store(window)
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
    ask(qtbot, open_chat(qtbot, window), "A new topic")
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
    store = conversation_store(window)
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
    answer = ask(qtbot, open_chat(qtbot, window), "Still there?")
    assert answer
    assert "not being kept" in window.chat_tab.message_bar.text  # and why: a newer version wrote it
    assert window.chat_tab.conversation_id is None
    assert [c.title for c in conversation_store(window).list_conversations()] == ["kept"]
    window.shutdown()
    assert context.paths.conversations_file.read_bytes() == before


def test_a_conversation_is_titled_by_its_first_question_on_one_line() -> None:
    assert title_from("  第一行\n第二行  ") == "第一行 第二行"
    long = title_from("word " * 40)
    assert len(long) == TITLE_CHARS
    assert long.endswith("…")


# ---- the list of conversations --------------------------------------------------------------------------
def _rows(panel: HistoryPanel) -> list[str]:
    return [panel.model.conversation(row).title for row in range(panel.model.rowCount())]


def test_the_list_searches_opens_and_deletes_conversations(qtbot: QtBot, window: MainWindow) -> None:
    chat = window.chat_tab
    window.tabs.setCurrentWidget(chat)
    panel = chat.history
    assert panel is not None
    first_answer = ask(qtbot, open_chat(qtbot, window), "什么是微调？")
    chat.clear_conversation()
    ask(qtbot, chat, "Second topic")
    qtbot.waitUntil(lambda: _rows(panel) == ["Second topic", "什么是微调？"], timeout=5_000)
    assert panel.selected_id() == chat.conversation_id  # the conversation being had is marked

    panel.search_edit.setText("微调")  # searched once typing pauses (a listing from before may land first)
    qtbot.waitUntil(lambda: _rows(panel) == ["什么是微调？"], timeout=5_000)

    # Opening it shows its messages, and the next question goes on with it.
    rect = panel.view.visualRect(panel.model.index(0))
    with qtbot.waitSignal(chat.conversationOpened, timeout=5_000):
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "什么是微调？" in chat.transcript_text()
    assert first_answer in chat.transcript_text()
    assert "Second topic" not in chat.transcript_text()
    opened = chat.conversation_id
    ask(qtbot, open_chat(qtbot, window), "再说详细一点")
    assert chat.conversation_id == opened
    assert [m.content for m in conversation_store(window).path(opened)][::2] == [
        "什么是微调？",
        "再说详细一点",
    ]

    # Deleting it (confirmed) removes it from the file and the list, and the chat starts afresh.
    panel.search_edit.clear()
    qtbot.waitUntil(lambda: len(_rows(panel)) == 2, timeout=5_000)
    panel.select(opened)
    with qtbot.waitSignal(panel.listed, timeout=5_000):
        qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert _rows(panel) == ["Second topic"]
    assert chat.conversation_id is None
    assert chat.transcript_text() == ""
    assert [c.title for c in conversation_store(window).list_conversations()] == ["Second topic"]


def test_rename_and_export_from_the_list(qtbot: QtBot, tmp_path: Path) -> None:
    pool = WorkerPool()
    store = ConversationStore(tmp_path / "history.sqlite3")
    try:
        kept = store.create_conversation(
            profile_id="p", model="ft:gpt-4o-mini:acme:content:1", title="旧标题"
        )
        asked = store.add_message(kept.id, parent_id=None, role="user", content="问题")
        store.add_message(kept.id, parent_id=asked.id, role="assistant", content="```python\nprint(1)\n```")
        saved: dict[str, Path] = {}

        def save_to(title: str, suggested: str) -> Path:
            saved[suggested] = tmp_path / suggested
            return tmp_path / suggested

        panel = HistoryPanel(
            store,
            pool,
            confirm=lambda title, text: True,
            ask_text=lambda title, label, text: f"{text} → 新标题",
            ask_save_path=save_to,
        )
        qtbot.addWidget(panel)
        with qtbot.waitSignal(panel.listed, timeout=5_000):
            panel.reload()
        panel.select(kept.id)
        assert panel.rename_button.isEnabled()
        with qtbot.waitSignal(panel.listed, timeout=5_000):
            panel.rename_selected()
        assert _rows(panel) == ["旧标题 → 新标题"]
        panel.select(kept.id)
        with qtbot.waitSignal(panel.listed, timeout=5_000):
            panel.export_selected("md")
        with qtbot.waitSignal(panel.listed, timeout=5_000):
            panel.export_selected("json")
        markdown = saved["旧标题 → 新标题.md"].read_text(encoding="utf-8")
        assert "旧标题 → 新标题" in markdown
        assert "```python\nprint(1)\n```" in markdown
        exported = json.loads(saved["旧标题 → 新标题.json"].read_text(encoding="utf-8"))
        assert "问题" in json.dumps(exported, ensure_ascii=False)
    finally:
        assert pool.shutdown()
        store.close()
