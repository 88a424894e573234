"""``finetune-desk --smoke-test``: does this installation work? For the bundles, which CI builds and then runs.

Started offscreen with a throw-away profile (in Practice mode, as every new profile is), it checks what a bundle
can lose on the way: the translations and icons, the sample dataset read and checked (python-calamine and
openpyxl), its tokens counted (tiktoken's encodings, offline), the Practice service listed through the openai
SDK; then it opens every tab and quits. Each step prints one line; the exit status is 0 when all passed,
1 otherwise (the first failure ends the run).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from desktop_app.resources import sample_dataset_path
from desktop_app.ui.app_icon import ICON_SIZES, icon_path
from desktop_app.ui.jobs.watch import JobsSnapshot
from desktop_app.ui.main_window import MainWindow

TIMEOUT_MS = 60_000  # a cold start of a bundle on a slow machine, with everything it checks


class SmokeTest(QObject):
    def __init__(self, window: MainWindow, translations_dir: Path) -> None:
        super().__init__(window)
        self._window = window
        self._translations = translations_dir
        self._steps: list[tuple[str, Callable[[], None]]] = [
            ("translations", self._check_translations),
            ("icons", self._check_icons),
            ("sample dataset read, checked and counted", self._open_sample),
            ("Practice service listed", self._poll_jobs),
            ("every tab opened", self._open_tabs),
        ]
        self._current = ""
        self._finished = False
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(lambda: self.fail(f"no answer within {TIMEOUT_MS // 1000} s"))

    def start(self) -> None:
        self._timeout.start(TIMEOUT_MS)
        QTimer.singleShot(0, self.next_step)

    def next_step(self) -> None:
        if self._finished:
            return
        if self._current:
            _say(f"smoke: ok   {self._current}")
        if not self._steps:
            self._finished = True
            _say("smoke: all passed")
            QTimer.singleShot(0, QApplication.closeAllWindows)  # exit status 0
            return
        self._current, step = self._steps.pop(0)
        try:
            step()
        except Exception as exc:  # noqa: BLE001 - any failure is the answer
            self.fail(f"{type(exc).__name__}: {exc}")

    def fail(self, reason: str) -> None:
        if self._finished:
            return
        self._finished = True
        _say(f"smoke: FAILED {self._current}: {reason}")
        QApplication.exit(1)

    # ---- the steps --------------------------------------------------------------------------------------
    def _check_translations(self) -> None:
        files = sorted(self._translations.glob("finetune_desk_*.qm"))
        if not any(path.name == "finetune_desk_zh_CN.qm" for path in files):
            raise FileNotFoundError(f"no Chinese translation in {self._translations}")
        for path in files:
            translator = QTranslator()
            if not translator.load(str(path)) or translator.isEmpty():
                raise ValueError(f"{path.name} does not load")
            if path.name == "finetune_desk_zh_CN.qm" and translator.translate("MainWindow", "Data") in (
                "",
                "Data",
            ):
                raise ValueError(f"{path.name} does not translate the tab names")
        self.next_step()

    def _check_icons(self) -> None:
        missing = [size for size in ICON_SIZES if not icon_path(size).is_file()]
        if missing:
            raise FileNotFoundError(f"icon sizes {missing} missing")
        if self._window.windowIcon().isNull():
            raise ValueError("the window has no icon")
        self.next_step()

    def _open_sample(self) -> None:
        data = self._window.data_tab
        data.tokensCounted.connect(self._on_counted)
        data.loadFailed.connect(lambda exc: self.fail(f"{type(exc).__name__}: {exc}"))
        data.open_file(sample_dataset_path())

    def _on_counted(self, report: object) -> None:
        self._window.data_tab.tokensCounted.disconnect(self._on_counted)
        rows = len(self._window.data_tab.current_dataset())
        if not rows:
            self.fail("the sample dataset has no rows")
            return
        self.next_step()

    def _poll_jobs(self) -> None:
        jobs = self._window.jobs_tab
        jobs.polled.connect(self._on_polled)
        jobs.refresh()

    def _on_polled(self, snapshot: JobsSnapshot) -> None:
        self._window.jobs_tab.polled.disconnect(self._on_polled)
        if snapshot.offline_error is not None:
            self.fail(f"the Practice service did not answer: {snapshot.offline_error}")
            return
        self.next_step()

    def _open_tabs(self) -> None:
        tabs = self._window.tabs
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            page = tabs.currentWidget()
            if page is None or not page.isVisible():
                raise RuntimeError(f"tab {tabs.tabText(index)!r} does not show")
            page.grab()  # paints it, as a screen would
        self.next_step()


def _say(line: str) -> None:
    print(line, file=sys.stdout, flush=True)
