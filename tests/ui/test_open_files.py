"""Files reach the Data tab by drag and drop and from File → Open Recent, as in any desktop app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from desktop_app.storage.settings import MAX_RECENT_FILES, Settings, SettingsStore
from tests.ui.conftest import DATA


def _mime(path: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return mime


def _drop(window, path: Path) -> tuple[bool, bool]:
    mime = _mime(path)
    point = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(
        point.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(
        point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_dropping_a_spreadsheet_opens_it(qtbot, window) -> None:
    window.tabs.setCurrentWidget(window.chat_tab)
    with qtbot.waitSignal(window.data_tab.loaded, timeout=10_000) as loaded:
        accepted = _drop(window, DATA / "content.xlsx")
    assert accepted == (True, True)
    assert loaded.args[0] == 24
    assert window.tabs.currentWidget() is window.data_tab


def test_other_files_are_refused(qtbot, window, tmp_path: Path) -> None:
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG")
    assert _drop(window, picture) == (False, False)
    assert window.data_tab.model.rowCount() == 0


def test_opened_files_are_remembered(qtbot, open_window, make_context) -> None:
    context = make_context()
    window = open_window(context)
    with qtbot.waitSignal(window.data_tab.loaded, timeout=10_000):
        window.open_path(DATA / "content_utf8.csv")
    with qtbot.waitSignal(window.data_tab.loaded, timeout=10_000):
        window.open_path(DATA / "content.xlsx")
    actions = window.recent_menu.actions()
    assert [a.text() for a in actions] == [str(DATA / "content.xlsx"), str(DATA / "content_utf8.csv")]
    with qtbot.waitSignal(window.data_tab.loaded, timeout=10_000) as loaded:
        actions[1].trigger()
    assert loaded.args[0] > 0
    assert window.data_tab.summary_label.text().count("content_utf8.csv") == 1
    window.shutdown()
    reloaded = SettingsStore(context.paths.settings_file).load()
    assert reloaded.recent_files[0] == str(DATA / "content_utf8.csv")


def test_recent_files_are_bounded_and_unique() -> None:
    settings = Settings()
    for i in range(MAX_RECENT_FILES + 3):
        settings.remember_file(f"/data/{i}.xlsx")
    settings.remember_file("/data/5.xlsx")
    assert len(settings.recent_files) == MAX_RECENT_FILES
    assert settings.recent_files[0] == "/data/5.xlsx"
    assert settings.recent_files.count("/data/5.xlsx") == 1
