"""The list of kept conversations: every one reachable however many there are (read a page at a time as the
list is scrolled), a damaged history file reported to the user, and a Markdown export in the user's language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from pytestqt.qtbot import QtBot

from desktop_app.storage.conversations import ConversationStore
from desktop_app.ui.chat.history_panel import PAGE_SIZE, HistoryPanel
from desktop_app.ui.chat.tab import ChatTab
from desktop_app.ui.main_window import AppContext, MainWindow
from desktop_app.ui.workers import WorkerPool
from tests.ui.chat_helpers import conversation_store

CONVERSATIONS = 2 * PAGE_SIZE + 120  # more than the 500 the list once stopped at, with PAGE_SIZE 200


def _titles(panel: HistoryPanel) -> list[str]:
    return [panel.model.conversation(row).title for row in range(panel.model.rowCount())]


@pytest.fixture
def many(tmp_path: Path) -> Iterator[ConversationStore]:
    """A history of CONVERSATIONS conversations, "conversation 0" the oldest."""
    clock = iter(range(1, 10_000))
    store = ConversationStore(tmp_path / "history.sqlite3", clock=lambda: float(next(clock)))
    for n in range(CONVERSATIONS):
        store.create_conversation(profile_id="practice", model="m", title=f"conversation {n}")
    yield store
    store.close()


@pytest.fixture
def pool() -> Iterator[WorkerPool]:
    pool = WorkerPool()
    yield pool
    assert pool.shutdown()


def _panel(qtbot: QtBot, store: ConversationStore, pool: WorkerPool) -> HistoryPanel:
    panel = HistoryPanel(
        store,
        pool,
        confirm=lambda title, text: True,
        ask_text=lambda title, label, text: None,
        ask_save_path=lambda title, suggested: None,
    )
    qtbot.addWidget(panel)
    panel.resize(260, 400)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _scroll_to_the_end(qtbot: QtBot, panel: HistoryPanel) -> None:
    """Drag the scroll bar to its end, as far as the rows shown reach, and wait for the next page."""
    bar = panel.view.verticalScrollBar()
    rows = panel.model.rowCount()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.maximum() + bar.pageStep() > rows * 0.9, timeout=5_000)
    bar.setValue(bar.maximum() // 2)
    assert panel.model.rowCount() == rows  # not before the end
    with qtbot.waitSignal(panel.listed, timeout=5_000):
        bar.setValue(bar.maximum())


def test_scrolling_to_the_end_of_the_list_shows_the_older_conversations(
    qtbot: QtBot, many: ConversationStore, pool: WorkerPool
) -> None:
    panel = _panel(qtbot, many, pool)
    with qtbot.waitSignal(panel.listed, timeout=5_000):
        panel.reload()
    assert panel.model.rowCount() == PAGE_SIZE
    assert panel.has_more
    assert _titles(panel)[0] == f"conversation {CONVERSATIONS - 1}"  # newest first

    _scroll_to_the_end(qtbot, panel)
    assert panel.model.rowCount() == 2 * PAGE_SIZE
    _scroll_to_the_end(qtbot, panel)
    titles = _titles(panel)
    assert len(titles) == CONVERSATIONS
    assert titles == [f"conversation {n}" for n in reversed(range(CONVERSATIONS))]  # each once, in order
    assert not panel.has_more
    assert panel.load_more() is None  # nothing more to read

    # A change reloads as many as are shown: the list does not jump back to its first page.
    panel.select(many.list_conversations(limit=1, offset=CONVERSATIONS - 1)[0].id)
    with qtbot.waitSignal(panel.listed, timeout=5_000):
        panel.reload()
    assert panel.model.rowCount() == CONVERSATIONS
    assert panel.selected_id() is not None


def test_a_search_is_read_a_page_at_a_time_too(
    qtbot: QtBot, many: ConversationStore, pool: WorkerPool
) -> None:
    panel = _panel(qtbot, many, pool)
    panel.search_edit.setText("conversation 1")  # 1, 10-19, 100-199, 1000+: 111 of them
    qtbot.waitUntil(lambda: panel.model.rowCount() == 111 and not panel.has_more, timeout=5_000)
    assert all(title.startswith("conversation 1") for title in _titles(panel))


def test_a_damaged_history_file_is_reported_once_and_kept(
    qtbot: QtBot, open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> None:
    context = make_context()
    history = context.paths.conversations_file
    history.write_bytes(b"this is not a SQLite database, it was damaged" * 100)
    window = open_window(context)
    panel = window.chat_tab.history
    assert panel is not None
    kept = conversation_store(window).set_aside_as
    assert kept is not None
    assert kept.read_bytes() == b"this is not a SQLite database, it was damaged" * 100
    window.tabs.setCurrentWidget(window.chat_tab)
    assert panel.notice.isVisible()
    assert "damaged" in panel.notice.text
    assert str(kept) in panel.notice.text
    window.shutdown()

    again = open_window(make_context())  # the next start: the new file is fine, nothing to say
    again.tabs.setCurrentWidget(again.chat_tab)
    assert again.chat_tab.history is not None
    assert not again.chat_tab.history.notice.isVisible()


# ---- Markdown export in the user's language ---------------------------------------------------------------------


def test_a_markdown_export_in_chinese_has_chinese_labels_and_no_raw_error(
    qtbot: QtBot, chinese: list[QTranslator], window: MainWindow, tmp_path: Path
) -> None:
    store = conversation_store(window)
    conversation = store.create_conversation(
        profile_id="practice", model="gpt-4o-mini", title="", system_prompt="你是店员。"
    )
    question = store.add_message(conversation.id, parent_id=None, role="user", content="几点开门？")
    store.add_message(
        conversation.id,
        parent_id=question.id,
        role="assistant",
        content="九点",
        model="gpt-4o-mini",
        finish_reason="error",
        error="APIConnectionError: Connection error. [Errno 111] Connection refused",
    )
    target = tmp_path / "导出.md"
    # The window's own Chat tab asks where to save with a file dialog: this one is the same tab, told where.
    chat = ChatTab(
        window.session,
        window.pool,
        store=store,
        confirm=lambda title, text: True,
        ask_save_path=lambda title, suggested: target,
    )
    qtbot.addWidget(chat)
    panel = chat.history
    assert panel is not None
    qtbot.waitUntil(lambda: panel.model.row_of(conversation.id) is not None, timeout=5_000)
    panel.select(conversation.id)
    with qtbot.waitSignal(panel.listed, timeout=5_000):
        assert panel.export_selected("md") is not None
    chat.shutdown()

    markdown = target.read_text(encoding="utf-8")
    for english in ("User", "Assistant", "System", "Error", "Untitled", "APIConnectionError", "Errno"):
        assert english not in markdown
    assert "## 用户" in markdown
    assert "## 系统" in markdown
    assert "回答中断了" in markdown
    assert "几点开门？" in markdown
    assert "九点" in markdown
