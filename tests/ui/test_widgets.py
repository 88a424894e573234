"""Small shared widgets."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui.widgets import SteadyLabel


class _LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_a_steady_label_changing_its_clock_never_lays_the_window_out_again(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout(window)
    label = SteadyLabel(window)
    row.addWidget(label)
    row.addWidget(QLabel("neighbour", window))
    label.setText("Updated 10:00:00")
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(20)  # the first layout is done
    size = label.size()
    requests = _LayoutRequests()
    window.installEventFilter(requests)
    for second in range(10, 60, 7):
        label.setText(f"Updated 10:00:{second}")
        qtbot.wait(5)
    assert label.size() == size
    assert requests.count == 0
    assert label.text() == "Updated 10:00:59"


def test_a_steady_label_grows_for_a_longer_text_and_shrinks_for_a_much_shorter_one(qtbot: QtBot) -> None:
    label = SteadyLabel()
    qtbot.addWidget(label)
    label.setText("Updated 10:00:00")
    short = label.width()
    label.setText("Offline · As of 2026-11-25 10:00 (12 minutes ago)")
    long = label.width()
    assert long > short
    assert label.fontMetrics().horizontalAdvance(label.text()) <= long  # the whole text fits
    label.setText("Offline · As of 2026-11-25 10:00 (9 minutes ago)")
    assert label.width() == long  # a little shorter: the size stays
    label.setText("Updated 10:01:00")
    assert label.width() < long
