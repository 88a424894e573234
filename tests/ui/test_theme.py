"""Settings ▸ Appearance: light and dark, chosen or following the system."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.ui.theme import ThemeKeeper, dark_palette, is_dark
from desktop_app.ui.window_host import WindowHost


def _contrast(palette: QPalette, text: QPalette.ColorRole, back: QPalette.ColorRole) -> float:
    def luminance(role: QPalette.ColorRole) -> float:
        colour = palette.color(role)
        channels = []
        for value in (colour.redF(), colour.greenF(), colour.blueF()):
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    lighter, darker = sorted((luminance(text), luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_dark_palette_is_readable() -> None:
    palette = dark_palette()
    assert is_dark(palette)
    roles = QPalette.ColorRole
    assert _contrast(palette, roles.WindowText, roles.Window) >= 7  # WCAG AAA for body text
    assert _contrast(palette, roles.Text, roles.Base) >= 7
    assert _contrast(palette, roles.ButtonText, roles.Button) >= 7
    assert _contrast(palette, roles.HighlightedText, roles.Highlight) >= 3


def test_choosing_dark_then_light_then_the_system_applies_at_once_and_is_kept(
    qtbot: QtBot, qapp: QApplication, window_host: WindowHost
) -> None:
    window = window_host.open()
    qtbot.waitUntil(lambda: not window.session.state().loading_key, timeout=20_000)
    window.choose_theme("dark")
    assert is_dark(qapp.palette())
    qtbot.waitUntil(lambda: is_dark(window.data_tab.table.palette()), timeout=5_000)  # the widgets follow
    assert window.session.settings.theme == "dark"
    window.choose_theme("light")
    assert not is_dark(qapp.palette())
    window.choose_theme("")
    assert is_dark(qapp.palette()) == window_host.themes.wants_dark()  # as the system says (light here)
    checked = [action.data() for action in window.theme_actions.actions() if action.isChecked()]
    assert checked == [""]


def test_a_keeper_follows_a_later_choice_and_the_systems_scheme(qapp: QApplication) -> None:
    keeper = ThemeKeeper(qapp, "dark")
    try:
        assert keeper.wants_dark()
        assert is_dark(qapp.palette())
        keeper.set_theme("")
        assert is_dark(qapp.palette()) == keeper.wants_dark()
    finally:
        keeper.set_theme("")
        keeper.deleteLater()
