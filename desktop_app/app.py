"""Start-up: command line, paths, logging, translations, the window."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app import __version__
from desktop_app.options import parse_args
from desktop_app.resources import TRANSLATIONS_DIR
from desktop_app.storage.logsetup import configure_logging, shutdown_logging
from desktop_app.storage.paths import AppPaths
from desktop_app.storage.secrets import SecretStore
from desktop_app.storage.settings import SettingsStore
from desktop_app.ui.app_icon import APP_ID, application_icon
from desktop_app.ui.crash import ErrorReporter, install_exception_hooks, restore_exception_hooks
from desktop_app.ui.gc_guard import UiThreadCollector
from desktop_app.ui.main_window import AppContext
from desktop_app.ui.translations import install_translations
from desktop_app.ui.window_host import WindowHost

__all__ = ["install_translations", "main"]

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None, *, started: float | None = None) -> int:
    started = time.perf_counter() if started is None else started
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.smoke_test:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no screen needed: a build machine has none
        args.temp_basedir = True
        args.basedir = None
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

    collector = UiThreadCollector(app)  # never in a worker: see gc_guard
    collector.freeze_after()
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
    # --lang wins over the language chosen in the app, which wins over the system's.
    host = WindowHost(app, context, language=args.lang or settings.language, reporter=reporter)
    window = host.open()
    if args.startup_report:
        from desktop_app.ui.startup import StartupProbe  # noqa: PLC0415 - benchmarks only

        StartupProbe(window, started)
    if args.smoke_test:
        from desktop_app.ui.smoke import SmokeTest  # noqa: PLC0415 - the bundle's self-test only

        smoke = SmokeTest(window, TRANSLATIONS_DIR)
        smoke.start()
    if args.quit_after is not None:
        QTimer.singleShot(args.quit_after, host.close)
    try:
        code = app.exec()
    finally:
        clean = host.shutdown()
        collector.stop()
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
