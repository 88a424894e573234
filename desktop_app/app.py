"""Start-up: command line, paths, logging, translations, the window."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from desktop_app import __version__
from desktop_app.options import parse_args
from desktop_app.storage.logsetup import configure_logging, shutdown_logging
from desktop_app.storage.paths import AppPaths
from desktop_app.storage.secrets import SecretStore
from desktop_app.storage.settings import SettingsStore
from desktop_app.ui.app_icon import APP_ID, application_icon
from desktop_app.ui.crash import ErrorReporter, install_exception_hooks, restore_exception_hooks
from desktop_app.ui.main_window import AppContext, MainWindow

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"


def install_translations(app: QApplication, language: str | None) -> list[QTranslator]:
    locale = QLocale(language) if language else QLocale.system()
    if locale.language() == QLocale.Language.C:  # no locale set (LANG=C, a bare container): English
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    translators = []
    ours = QTranslator(app)
    if ours.load(locale, "finetune_desk", "_", str(TRANSLATIONS_DIR)):
        app.installTranslator(ours)
        translators.append(ours)
    qt_base = QTranslator(app)
    if qt_base.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_base)
        translators.append(qt_base)
    return translators


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    temp_dir = Path(tempfile.mkdtemp(prefix="finetune-desk-")) if args.temp_basedir else None
    paths = AppPaths(base=temp_dir or args.basedir) if (temp_dir or args.basedir) else AppPaths.default()
    paths.ensure()
    log_file = configure_logging(paths.log_dir, logging.DEBUG if args.debug else logging.INFO)
    log.info("FineTune Desk %s starting; logs in %s", __version__, log_file)

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("FineTune Desk")
    app.setDesktopFileName(APP_ID)  # Wayland and the taskbar match the window to the installed .desktop file
    app.setWindowIcon(application_icon())
    app.setApplicationVersion(__version__)
    app.setOrganizationName("FineTuneDesk")
    app.setDesktopFileName("finetune-desk")
    install_translations(app, args.lang)

    reporter = ErrorReporter()
    install_exception_hooks(reporter)
    settings_store = SettingsStore(paths.settings_file)
    settings = settings_store.load()
    context = AppContext(
        paths=paths,
        settings_store=settings_store,
        settings=settings,
        secrets=SecretStore(),
        settings_problem=settings_store.load_problem,
    )
    window = MainWindow(context)
    reporter.errorOccurred.connect(window.show_unhandled_error)
    window.show()
    if args.quit_after is not None:
        QTimer.singleShot(args.quit_after, window.close)
    try:
        code = app.exec()
    finally:
        clean = window.shutdown()
        restore_exception_hooks()
        if temp_dir is not None:
            shutil.rmtree(temp_dir, ignore_errors=True)
    if not clean:
        # A thread is still inside a network call that ignores cancellation; everything is saved. Qt's
        # destructors would wait for it or abort, so end here.
        log.warning("a background call was still running at quit; exiting without waiting for it")
        shutdown_logging()
        os._exit(code)
    shutdown_logging()
    return code
