"""The main window's keeper: opens it, and rebuilds it when the user picks another language.

Every text is set when a widget is made, so a new language means new widgets. The switch keeps the work: the
old window saves as when quitting (the table goes to the autosave, which the new window reads back; chat
history, job cache and settings are on disk already), hands over the running Practice service (its jobs and
models live in its memory), and the new window opens on the same tab, job, conversation and guide step.
"""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from desktop_app.ui.crash import ErrorReporter
from desktop_app.ui.main_window import AppContext, MainWindow
from desktop_app.ui.theme import ThemeKeeper
from desktop_app.ui.translations import install_translations, remove_translations

log = logging.getLogger(__name__)


class WindowHost(QObject):
    windowReplaced = Signal(object)  # the new MainWindow

    def __init__(
        self,
        app: QApplication,
        context: AppContext,
        *,
        language: str = "",
        reporter: ErrorReporter | None = None,
    ) -> None:
        super().__init__(app)
        self._app = app
        self._context = context
        self._reporter = reporter
        self._translators = install_translations(app, language)
        self.themes = ThemeKeeper(app, context.settings.theme, self)
        self._clean = True
        self.window: MainWindow | None = None

    def open(self) -> MainWindow:
        window = MainWindow(self._context)
        self._adopt(window)
        window.show()
        return window

    def _adopt(self, window: MainWindow) -> None:
        self.window = window
        window.languageChangeRequested.connect(self.switch_language)
        window.themeChangeRequested.connect(self.themes.set_theme)
        if self._reporter is not None:
            self._reporter.errorOccurred.connect(window.show_unhandled_error)

    def switch_language(self, language: str) -> MainWindow | None:
        """Show the window in ``language`` ("" = the system's); None if there is no window to switch."""
        old = self.window
        if old is None:
            return None
        log.info("switching the language to %s", language or "the system's")
        state = old.view_state()
        geometry, maximized = old.saveGeometry(), old.isMaximized()
        self._clean = old.shutdown(keep_practice_service=True) and self._clean
        if self._reporter is not None:
            self._reporter.errorOccurred.disconnect(old.show_unhandled_error)
        remove_translations(self._app, self._translators)
        self._translators = install_translations(self._app, language)

        settings = dataclasses.replace(old.session.settings)  # as the old window saved them
        context = dataclasses.replace(
            self._context, settings=settings, practice_service=old.handed_over, settings_problem=None
        )
        self._context = context
        window = MainWindow(context)
        self._adopt(window)
        window.restoreGeometry(geometry)
        # The new window shows before the old one goes, so the app never has no window (it would quit).
        if maximized:
            window.showMaximized()
        else:
            window.show()
        window.restore_view(state)
        old.hide()
        old.deleteLater()
        self.windowReplaced.emit(window)
        return window

    def close(self) -> None:
        """Close the window, as the user would (the app then quits)."""
        if self.window is not None:
            self.window.close()

    def dispose(self) -> None:
        """Take the translations and theme out again (tests, which go on in the same application)."""
        remove_translations(self._app, self._translators)
        self.themes.set_theme("")

    def shutdown(self) -> bool:
        """Shut the current window down (see :meth:`MainWindow.shutdown`); False if a thread was stuck, now or
        in a window replaced earlier."""
        if self.window is not None:
            self._clean = self.window.shutdown() and self._clean
        return self._clean
