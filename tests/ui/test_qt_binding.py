"""Guards against a Qt binding that corrupts reference counts (PySide6 6.12 on CPython 3.11 did).

A binding that forgets to take a reference to None when a void method returns drains None's count with every
call; the interpreter then aborts, sooner or later, mid-session or at exit. On CPython >= 3.12 None, True and
False are immortal and their counts never move, so these checks hold trivially there.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPushButton

CALLS = 2_000


def _count(obj: object) -> int:
    gc.collect()
    return sys.getrefcount(obj)


def test_void_calls_keep_none_alive(qtbot) -> None:
    label = QLabel("x")
    qtbot.addWidget(label)
    button = QPushButton("y")
    qtbot.addWidget(button)
    before = _count(None)
    for _ in range(CALLS):
        label.setVisible(False)
        label.setText("z")
        button.click()
    assert _count(None) - before > -CALLS // 2  # a leak would show as -3 * CALLS


def test_property_keywords_keep_constants_alive(qtbot) -> None:
    before_true, before_none = _count(True), _count(None)
    timers = [QTimer(singleShot=True, interval=5) for _ in range(CALLS)]
    assert _count(True) - before_true > -CALLS // 2
    assert _count(None) - before_none > -CALLS // 2
    del timers
