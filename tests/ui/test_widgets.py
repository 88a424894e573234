"""Small shared widgets."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui.widgets import ElidingComboBox, FlowLayout, SteadyLabel, WrappingLabel


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


# ---- room for longer words (see also test_pseudo_localisation.py) -------------------------------------------
def _row_of_buttons(qtbot: QtBot, width: int) -> tuple[QWidget, list[QPushButton], QLineEdit]:
    window = QWidget()
    qtbot.addWidget(window)
    outer = QVBoxLayout(window)
    flow = FlowLayout()
    buttons = [QPushButton(f"Button number {i}", window) for i in range(4)]
    for button in buttons:
        flow.addWidget(button)
    field = QLineEdit(window)
    field.setMinimumWidth(150)
    flow.addWidget(field)
    flow.set_fill(field)
    outer.addLayout(flow)
    outer.addStretch(1)
    window.resize(width, 200)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(20)
    return window, buttons, field


def test_a_flow_keeps_one_line_when_it_fits_and_the_field_takes_the_rest(qtbot: QtBot) -> None:
    window, buttons, field = _row_of_buttons(qtbot, 1200)
    assert {b.y() for b in buttons} == {buttons[0].y()}
    assert all(b.width() >= b.sizeHint().width() for b in buttons)
    assert field.geometry().center().y() == buttons[0].geometry().center().y()
    assert field.geometry().right() >= window.width() - 20  # it stretches to the end of the line


def test_a_flow_wraps_instead_of_squeezing_and_is_as_narrow_as_its_widest_item(qtbot: QtBot) -> None:
    window, buttons, field = _row_of_buttons(qtbot, 320)
    assert len({b.y() for b in buttons}) > 1
    assert all(b.width() >= b.sizeHint().width() for b in buttons)
    assert all(b.geometry().right() < window.width() for b in [*buttons, field])
    assert field.y() > buttons[0].y()
    layout = window.layout()
    assert layout is not None
    widest = max(
        *(b.sizeHint().width() for b in buttons), field.minimumWidth()
    )  # the field narrows to its minimum
    margins = layout.contentsMargins()
    assert window.minimumSizeHint().width() == widest + margins.left() + margins.right()


def test_a_wrapping_label_asks_for_one_line_and_wraps_when_narrow(qtbot: QtBot) -> None:
    text = "A summary that says a fair amount about the examples and their cost"
    label = WrappingLabel(text)
    qtbot.addWidget(label)
    one_line = label.fontMetrics().horizontalAdvance(text)
    assert label.sizeHint().width() >= one_line
    assert label.sizeHint().height() < 2 * label.fontMetrics().lineSpacing()
    assert label.minimumSizeHint().width() < one_line // 3  # it can wrap to its longest word
    assert label.heightForWidth(one_line // 3) > 2 * label.fontMetrics().lineSpacing()


def test_an_eliding_combo_box_shortens_a_long_item_and_tells_it_whole(qtbot: QtBot) -> None:
    combo = ElidingComboBox()
    qtbot.addWidget(combo)
    long_name = "ft:gpt-4o-mini-2024-07-18:personal:teashop-assistant:AbCdEfGh"
    combo.addItems(["short", long_name])
    combo.setToolTip("Pick a model")
    combo.resize(combo.sizeHint())
    combo.show()
    qtbot.waitExposed(combo)
    assert not combo.is_elided()
    assert combo.toolTip() == "Pick a model"
    combo.setCurrentIndex(1)
    assert not combo.is_elided()  # room for the longest item
    combo.resize(combo.minimumSizeHint().width(), combo.height())
    assert combo.is_elided()
    assert "…" in combo.shown_text()
    assert long_name in combo.toolTip()
    assert "Pick a model" in combo.toolTip()
    assert combo.minimumSizeHint().width() < combo.sizeHint().width() // 2
