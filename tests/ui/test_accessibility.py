"""Keyboard and accessibility (issue 6, point 4), on the real window against the Practice simulator.

Every control that takes keyboard focus must tell a screen reader what it is: the name Qt's accessibility
layer reports (a button's text, a form label's buddy, or an accessible name set in code) must not be empty.
The standard shortcuts must exist where a user looks for them and do what they say when pressed on the focused
widget (the real key path, not a call of the slot). The app's icon must stay sharp on high-DPI screens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAccessible, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QStackedWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop_app.resources import sample_dataset_path
from desktop_app.ui.app_icon import application_icon
from desktop_app.ui.main_window import MainWindow


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
    return (
        f"{type(widget).__name__} objectName={widget.objectName()!r} in {' < '.join(chain)}"
        + (" " + " ".join(hints) if hints else "")
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


def _close_dialogs(window: MainWindow) -> None:
    for dialog in window.findChildren(QDialog):
        if dialog.isVisible():
            dialog.reject()


@pytest.fixture
def loaded(qtbot: QtBot, window: MainWindow) -> MainWindow:
    qtbot.waitUntil(window.jobs_tab.new_button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(window.data_tab.checked, timeout=10_000):
        window.data_tab.open_file(sample_dataset_path())
    return window


def test_every_focusable_control_has_an_accessible_name(qtbot: QtBot, loaded: MainWindow) -> None:
    window = loaded
    problems: dict[str, list[str]] = {}
    seen: list[QWidget] = []  # each widget is listed once, where it was first found

    def look(where: str, tops: Iterable[QWidget]) -> None:
        for widget in unnamed_controls(tops):
            if widget not in seen:
                seen.append(widget)
                problems.setdefault(where, []).append(_describe(widget))

    for page in (window.data_tab, window.jobs_tab, window.chat_tab):
        window.tabs.setCurrentWidget(page)
        qtbot.waitUntil(page.isVisible)
        look(f"main window, {type(page).__name__} in front", [window])

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
        busy = getattr(dialog, "busy", None)
        if busy is not None:
            qtbot.waitUntil(lambda dialog=dialog: not dialog.busy, timeout=10_000)
        look(name, [dialog])
        _close_dialogs(window)

    guide = window.show_guide()
    qtbot.waitUntil(guide.isVisible)
    look("Getting started guide", [guide])

    assert not problems, "Controls without an accessible name:\n" + "\n".join(
        f"[{where}]\n  " + "\n  ".join(names) for where, names in problems.items()
    )
