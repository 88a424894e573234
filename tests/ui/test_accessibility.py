"""Keyboard and accessibility (issue 6, point 4), on the real window against the Practice simulator.

Every control that takes keyboard focus must tell a screen reader what it is: the name Qt's accessibility
layer reports (a button's text, a form label's buddy, or an accessible name set in code) must not be empty.
The standard shortcuts must exist where a user looks for them and do what they say when pressed on the focused
widget (the real key path, not a call of the slot). The app's icon must stay sharp on high-DPI screens.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAccessible, QAction, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QMenu, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

import desktop_app
from desktop_app.resources import ICONS_DIR, sample_dataset_path
from desktop_app.ui.app_icon import application_icon, icon_path
from desktop_app.ui.chat.add_example_dialog import AddExampleDialog
from desktop_app.ui.data.table_model import COL_PROMPT
from desktop_app.ui.main_window import AppContext, MainWindow
from tests.ui.chat_helpers import open_chat


# ---- accessible names -----------------------------------------------------------------------------------
def _shown(widget: QWidget, top: QWidget) -> bool:
    """Visible, or only hidden because it sits on a page of a stack (a tab, a wizard step) not in front."""
    current: QWidget | None = widget
    while current is not None and current is not top:
        parent = current.parentWidget()
        if current.isHidden() and not isinstance(parent, QStackedWidget):
            return False
        current = parent
    return current is top and top.isVisible()


def _buddy_text(widget: QWidget) -> str:
    """The text of a label naming ``widget`` as Qt's accessibility layer finds it (a sibling label whose buddy it
    is, or the title of the group box it sits in)."""
    parent = widget.parentWidget()
    if parent is None:
        return ""
    for label in parent.findChildren(QLabel, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if label.buddy() is widget:
            return label.text().replace("&", "").strip()
    return parent.title().strip() if isinstance(parent, QGroupBox) else ""


def _accessible_name(widget: QWidget) -> str:
    if isinstance(widget, QComboBox):
        # On Linux Qt reports a combo box's current item as its name; on Windows and macOS it reports only the
        # accessible name or a label's: ask for one of those, so the test holds on every platform.
        return widget.accessibleName().strip() or _buddy_text(widget)
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None or not interface.isValid():
        return ""
    return interface.text(QAccessible.Text.Name).strip()


def _describe(widget: QWidget) -> str:
    chain: list[str] = []
    parent = widget.parentWidget()
    while parent is not None:
        chain.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    hints = [f"tooltip={widget.toolTip()!r}"] if widget.toolTip() else []
    placeholder = getattr(widget, "placeholderText", None)
    if callable(placeholder) and placeholder():
        hints.append(f"placeholder={placeholder()!r}")
    return f"{type(widget).__name__} objectName={widget.objectName()!r} in {' < '.join(chain)}" + (
        " " + " ".join(hints) if hints else ""
    )


def _empty_mouse_only_label(widget: QWidget) -> bool:
    """A label with mouse-selectable text takes focus on a click only, and its name is its text: while it shows
    nothing there is nothing to name (an accessible name would hide its text from a screen reader later)."""
    return (
        isinstance(widget, QLabel)
        and not widget.text()
        and not widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    )


def unnamed_controls(tops: Iterable[QWidget]) -> list[QWidget]:
    """Each shown widget under ``tops`` that takes keyboard focus but has no accessible name in words."""
    found: list[QWidget] = []
    for top in tops:
        for widget in [top, *top.findChildren(QWidget)]:
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not _shown(widget, top):
                continue
            if widget.focusProxy() is not None:  # the proxy takes the focus and is checked itself
                continue
            if isinstance(widget, QMenu):
                continue
            if _empty_mouse_only_label(widget):
                continue
            name = _accessible_name(widget)
            if not any(character.isalnum() for character in name):  # empty, or only a sign such as ✕
                found.append(widget)
    return found


def _close(qtbot: QtBot, dialog: QWidget) -> None:
    """Close ``dialog`` and wait until it is gone; then collect the garbage it left here, on the GUI thread.

    Python collects reference cycles on whichever thread allocates next, often a worker's; a cycle holding a
    Qt wrapper freed there runs Qt destructors off the GUI thread (seen as a crash in a worker). Collecting now
    keeps that out of this test.
    """
    deleted = dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.close()
    if deleted:
        qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=5_000)
    gc.collect()


def _report(problems: dict[str, list[str]]) -> str:
    return "Controls without an accessible name:\n" + "\n".join(
        f"[{where}]\n  " + "\n  ".join(names) for where, names in problems.items()
    )


class _Survey:
    """Collects the unnamed controls of each place visited, each widget once (where it was first found)."""

    def __init__(self) -> None:
        self.problems: dict[str, list[str]] = {}
        self._seen: list[QWidget] = []

    def look(self, where: str, *tops: QWidget) -> None:
        for widget in unnamed_controls(tops):
            if not any(widget is seen for seen in self._seen):
                self._seen.append(widget)
                self.problems.setdefault(where, []).append(_describe(widget))


@pytest.fixture
def loaded(qtbot: QtBot, window: MainWindow) -> MainWindow:
    """The window connected to Practice mode, with the sample examples open and checked."""
    qtbot.waitUntil(window.jobs_tab.new_button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(window.data_tab.checked, timeout=10_000):
        window.data_tab.open_file(sample_dataset_path())
    return window


def test_every_focusable_control_has_an_accessible_name(qtbot: QtBot, loaded: MainWindow) -> None:
    window = loaded
    survey = _Survey()
    for page in (window.data_tab, window.jobs_tab, window.chat_tab):
        window.tabs.setCurrentWidget(page)
        qtbot.waitUntil(page.isVisible)
        survey.look(f"main window, {type(page).__name__} in front", window)
    window.chat_tab.set_compare_mode(True)
    survey.look("main window, comparing models", window)
    window.chat_tab.chat_mode_button.setChecked(True)

    dialogs: list[tuple[str, Callable[[], QWidget | None]]] = [
        ("New job dialog", window.jobs_tab.open_new_job_dialog),
        ("Settings dialog", window.open_settings),
        ("Prices dialog", window.open_prices),
        ("Files dialog", window.open_files),
        ("Models dialog", window.open_models),
    ]
    for name, open_dialog in dialogs:
        dialog = open_dialog()
        assert dialog is not None, name
        qtbot.waitUntil(dialog.isVisible)
        if hasattr(dialog, "busy"):  # the files and models dialogs: once the list is in
            qtbot.waitUntil(lambda dialog=dialog: not dialog.busy, timeout=10_000)
        survey.look(name, dialog)
        _close(qtbot, dialog)

    guide = window.show_guide()
    qtbot.waitUntil(guide.isVisible)
    survey.look("Getting started guide", guide)

    assert not survey.problems, _report(survey.problems)


def test_the_editing_dialogs_name_their_controls(qtbot: QtBot, loaded: MainWindow) -> None:
    data = loaded.data_tab
    survey = _Survey()

    importing = data.show_import_dialog(sample_dataset_path())
    qtbot.waitUntil(lambda: importing.preview_model.rowCount() > 0, timeout=10_000)
    survey.look("Import dialog", importing)
    _close(qtbot, importing)

    replacing = data.show_replace_dialog()
    survey.look("Find and replace", replacing)
    _close(qtbot, replacing)

    qtbot.waitUntil(data.stats_button.isEnabled, timeout=20_000)  # the tokens are counted
    statistics = data.show_statistics()
    assert statistics is not None
    survey.look("Statistics", statistics)
    _close(qtbot, statistics)

    text_editor = data.open_text_editor(0, COL_PROMPT)
    survey.look("Long text editor", text_editor)
    _close(qtbot, text_editor)

    conversation_editor = data.open_conversation_editor(0)
    survey.look("Conversation editor", conversation_editor)
    _close(qtbot, conversation_editor)

    adding = AddExampleDialog("Question?", "Answer.", "", loaded.chat_tab)
    adding.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    adding.show()
    survey.look("Add to dataset", adding)
    _close(qtbot, adding)

    assert not survey.problems, _report(survey.problems)


# ---- keyboard ---------------------------------------------------------------------------------------------
def _press(qtbot: QtBot, widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    """A key as the user presses it, on the focused ``widget``: shortcuts are matched as for real keys."""
    assert widget.hasFocus(), f"{type(widget).__name__} should have the focus"
    qtbot.keyClick(widget, key, modifier)
    if modifier & Qt.KeyboardModifier.ControlModifier:
        qtbot.keyRelease(widget, Qt.Key.Key_Control)  # QTest leaves Ctrl in the app's modifiers otherwise


def _focus(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    """Bring ``window`` in front (shortcuts belong to the active window) and put the focus on ``widget``."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=2_000)


def _menu(window: MainWindow, title: str) -> QMenu:
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title and action.menu() is not None:
            menu = action.menu()
            assert isinstance(menu, QMenu)
            return menu
    raise AssertionError(f"no {title} menu")


def _has_keys(action: QAction, keys: QKeySequence.StandardKey | str) -> bool:
    wanted = QKeySequence(keys)
    return any(
        shortcut.matches(wanted) == QKeySequence.SequenceMatch.ExactMatch for shortcut in action.shortcuts()
    )


def test_menus_offer_the_standard_shortcuts(window: MainWindow) -> None:
    file_menu, edit_menu, view_menu, help_menu = (
        _menu(window, title) for title in ("File", "Edit", "View", "Help")
    )
    # Ctrl+O opens the file dialog, which would block a test: its action is checked where users look for it.
    open_action = next(a for a in file_menu.actions() if _has_keys(a, QKeySequence.StandardKey.Open))
    assert open_action.isEnabled()
    assert open_action.text().replace("&", "").startswith("Open")
    assert open_action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
    data = window.data_tab
    assert data.save_action in file_menu.actions()
    assert _has_keys(data.save_action, QKeySequence.StandardKey.Save)
    assert data.undo_action in edit_menu.actions()
    assert data.redo_action in edit_menu.actions()
    assert _has_keys(data.undo_action, QKeySequence.StandardKey.Undo)
    assert _has_keys(data.redo_action, QKeySequence.StandardKey.Redo)
    assert [a.shortcut().toString() for a in view_menu.actions()] == ["Ctrl+1", "Ctrl+2", "Ctrl+3"]
    assert window.guide_action in help_menu.actions()
    assert _has_keys(window.guide_action, QKeySequence.StandardKey.HelpContents)


def test_data_tab_keys_undo_save_and_find(qtbot: QtBot, loaded: MainWindow, tmp_path: Path) -> None:
    window, data = loaded, loaded.data_tab
    window.tabs.setCurrentWidget(data)
    rows = data.model.rowCount()
    data.add_example("A question typed in the chat?", "Its answer.")
    assert data.model.rowCount() == rows + 1
    _focus(qtbot, window, data.table)
    _press(qtbot, data.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert data.model.rowCount() == rows

    project = tmp_path / "keys.ftdesk"
    data.project_path = project  # saved once already: Ctrl+S saves there without asking
    data.add_example("Another question?", "Another answer.")
    assert not data.undo_stack.isClean()
    with qtbot.waitSignal(data.fileOpened, timeout=10_000):
        _press(qtbot, data.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert project.is_file()
    assert data.undo_stack.isClean()

    data.filter_edit.setText("茶")
    _focus(qtbot, window, data.table)
    _press(qtbot, data.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert data.filter_edit.hasFocus()
    assert data.filter_edit.selectedText() == "茶"  # typing replaces the old filter


def test_jobs_tab_keys_search_and_refresh(
    qtbot: QtBot, open_window: Callable[..., MainWindow], make_context: Callable[..., AppContext]
) -> None:
    # Polling slowed right down: a new look within seconds of F5 is the key's doing, not the timer's.
    window = open_window(make_context(poll_active_interval=300.0, poll_idle_interval=300.0))
    jobs = window.jobs_tab
    window.tabs.setCurrentWidget(jobs)
    with qtbot.waitSignal(jobs.polled, timeout=10_000):
        pass  # the first look, at start
    jobs.search_edit.setText("gpt")
    _focus(qtbot, window, jobs.table)
    _press(qtbot, jobs.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert jobs.search_edit.hasFocus()
    assert jobs.search_edit.selectedText() == "gpt"

    _focus(qtbot, window, jobs.table)
    with qtbot.waitSignal(jobs.polled, timeout=5_000):
        _press(qtbot, jobs.table, Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(jobs.polled, timeout=5_000):
        _press(qtbot, jobs.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert _has_keys(jobs.refresh_action, QKeySequence.StandardKey.Refresh)


def test_chat_tab_keys_send_new_and_search(qtbot: QtBot, window: MainWindow) -> None:
    chat = open_chat(qtbot, window)
    _focus(qtbot, window, chat.input)
    qtbot.keyClicks(chat.input, "What does the tea shop sell?")
    with qtbot.waitSignal(chat.answerFinished, timeout=15_000):
        _press(qtbot, chat.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert chat.input.toPlainText() == ""
    qtbot.waitUntil(lambda: chat.conversation_id is not None, timeout=5_000)  # kept in the history

    _focus(qtbot, window, chat.transcript)
    _press(qtbot, chat.transcript, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert chat.conversation_id is None
    assert chat.transcript.toPlainText().strip() == ""
    assert chat.input.hasFocus()  # ready for the first question

    history = chat.history
    assert history is not None
    history.search_edit.setText("tea")
    _press(qtbot, chat.input, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert history.search_edit.hasFocus()
    assert history.search_edit.selectedText() == "tea"


def _in_focus_order(window: QWidget, widgets: list[QWidget]) -> list[QWidget]:
    """``widgets`` in the order Tab reaches them."""
    order: list[QWidget] = []
    current = window.nextInFocusChain()
    while current is not window:
        if current in widgets:
            order.append(current)
        current = current.nextInFocusChain()
    return order


def test_tab_goes_through_the_rows_as_they_are_shown(window: MainWindow) -> None:
    data = window.data_tab
    data_row = [
        data.open_button,
        data.save_button,
        data.add_button,
        data.delete_button,
        data.duplicate_button,
        data.split_button,
        data.check_button,
        data.export_button,
        data.system_prompt_edit,
        data.filter_edit,
        data.table,
    ]
    assert _in_focus_order(window, data_row) == data_row
    chat = window.chat_tab
    assert chat.history is not None
    chat_row = [
        chat.history.search_edit,
        chat.history.view,
        chat.chat_mode_button,
        chat.compare_mode_button,
        chat.model_combo,
        chat.other_model_button,
        chat.refresh_button,
        chat.settings_button,
        chat.clear_button,
        chat.transcript,
        chat.input,
        chat.send_button,
    ]
    assert _in_focus_order(window, chat_row) == chat_row


# ---- high-DPI icons -----------------------------------------------------------------------------------------
def test_application_icon_is_sharp_on_high_dpi_screens() -> None:
    icon = application_icon()
    assert not icon.isNull()
    assert max(size.width() for size in icon.availableSizes()) >= 256
    pixmap = icon.pixmap(QSize(32, 32), 2.0)  # a 32 px icon on a 200 % screen
    assert pixmap.width() == 64
    assert pixmap.devicePixelRatio() == 2.0
    # Sharp: the 64 px rendering itself, not the 32 px one scaled up.
    argb = QImage.Format.Format_ARGB32
    assert pixmap.toImage().convertToFormat(argb) == QImage(str(icon_path(64))).convertToFormat(argb)
    assert (ICONS_DIR / "finetune-desk.svg").is_file()  # the source the sizes are rendered from


def test_high_dpi_scaling_is_left_to_qt() -> None:
    """Qt 6 scales by the screen's exact factor (PassThrough): rounding it (1.5 to 2) would blur or enlarge."""
    assert (
        QGuiApplication.highDpiScaleFactorRoundingPolicy() == Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    package = Path(desktop_app.__file__).parent
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for setting in (
            "setHighDpiScaleFactorRoundingPolicy",
            "QT_SCALE_FACTOR_ROUNDING_POLICY",
            "QT_ENABLE_HIGHDPI_SCALING",
        ):
            assert setting not in text, f"{source.name} sets {setting}"
