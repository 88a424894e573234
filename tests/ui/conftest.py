"""Fixtures for driving the real window against the real simulator over HTTP."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.simulator import SimulatorConfig
from desktop_app.storage.paths import AppPaths
from desktop_app.storage.secrets import SecretStore
from desktop_app.storage.settings import GUIDE_CLOSED, SettingsStore
from desktop_app.ui.colours import is_dark
from desktop_app.ui.gc_guard import UiThreadCollector
from desktop_app.ui.main_window import AppContext, MainWindow
from desktop_app.ui.translations import install_translations, remove_translations
from desktop_app.ui.window_host import WindowHost
from tests.storage.memory_keyring import MemoryKeyring

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="session", autouse=True)
def _collect_garbage_on_the_ui_thread(qapp: QApplication) -> Iterator[None]:
    """As the app does (desktop_app/ui/gc_guard.py): a worker thread must never destroy a widget."""
    collector = UiThreadCollector(qapp)
    yield
    collector.stop()


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def make_context(tmp_path: Path, keyring_backend: MemoryKeyring) -> Callable[..., AppContext]:
    def make(**overrides: object) -> AppContext:
        paths = AppPaths(base=tmp_path / "profile")
        paths.ensure()
        store = SettingsStore(paths.settings_file)
        settings = store.load()
        settings.guide = GUIDE_CLOSED  # the first-run guide has tests of its own
        values: dict[str, object] = {
            "paths": paths,
            "settings_store": store,
            "settings": settings,
            "secrets": SecretStore(backend=keyring_backend),
            "simulator_config": SimulatorConfig.fast(),
            "poll_active_interval": 0.1,
            "poll_idle_interval": 0.5,
            "confirm": lambda title, text: True,
        }
        values.update(overrides)
        return AppContext(**values)  # type: ignore[arg-type]

    return make


@pytest.fixture
def open_window(qtbot: QtBot, make_context: Callable[..., AppContext]) -> Iterator[Callable[..., MainWindow]]:
    windows: list[MainWindow] = []

    def open_(context: AppContext | None = None) -> MainWindow:
        window = MainWindow(context or make_context())
        qtbot.addWidget(window)
        window.show()
        # The window connects in the background once it has painted (the openai SDK loads meanwhile): tests
        # start from a connected window, as a user does a moment after start-up.
        qtbot.waitUntil(lambda: not window.session.state().loading_key, timeout=20_000)
        windows.append(window)
        return window

    yield open_
    for window in windows:
        window.shutdown()
        assert window.pool.live_count == 0
        assert window.jobs_tab._poller is None
        assert window.session.simulator is None


@pytest.fixture
def window(open_window: Callable[..., MainWindow]) -> MainWindow:
    return open_window()


@pytest.fixture
def window_host(qapp: QApplication, make_context: Callable[..., AppContext]) -> Iterator[WindowHost]:
    """The app's keeper of the main window (language switch, theme), in English; left as the next test needs."""
    host = WindowHost(qapp, make_context(), language="en")
    yield host
    host.shutdown()
    assert host.window is None or host.window.session.simulator is None  # the Practice service is stopped
    host.dispose()
    assert not is_dark(qapp.palette())  # back to the light default
    if host.window is not None:  # closed and deleted, so no window is left over for the tests that follow
        host.window.close()
        host.window.deleteLater()
        qapp.processEvents()


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[list[QTranslator]]:
    """The app in zh_CN as `finetune-desk --lang zh_CN` starts it: the translations, and the locale for numbers,
    dates and sizes. Both undone after, so later tests read English."""
    before = QLocale()
    translators = install_translations(qapp, "zh_CN")
    try:
        assert translators, "the zh_CN translation did not load"
        yield list(translators)
    finally:
        remove_translations(qapp, translators)
        QLocale.setDefault(before)
