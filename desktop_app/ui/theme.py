"""Light and dark: follow the system, or what the user chose in Settings ▸ Appearance.

Qt follows the system's colour scheme itself where its platform integration can (Windows 11, macOS, GNOME and
KDE through their platform themes). Where it cannot — a desktop without a platform theme, or a scheme the user
picked against the system's — the app switches to the Fusion style with a palette of its own, light or dark.
The app's own colours come from the palette, or have a light and a dark variant (see :func:`is_dark`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.storage.settings import THEMES
from desktop_app.ui.colours import is_dark, refresh_tones

__all__ = ["ThemeKeeper", "dark_palette", "is_dark", "system_wants_dark"]


def system_wants_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


class ThemeKeeper(QObject):
    """Applies the chosen theme, and again whenever the system's colour scheme changes."""

    def __init__(self, app: QApplication, theme: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._theme = theme if theme in THEMES else ""
        self._native_style = app.style().name()
        self._native_palette = QPalette(app.palette())
        app.styleHints().colorSchemeChanged.connect(self._on_system_changed)
        self.apply()

    @property
    def theme(self) -> str:
        return self._theme

    def set_theme(self, theme: str) -> None:
        self._theme = theme if theme in THEMES else ""
        self.apply()

    def wants_dark(self) -> bool:
        return self._theme == "dark" or (self._theme == "" and system_wants_dark())

    def apply(self) -> None:
        dark = self.wants_dark()
        if self._theme == "" and is_dark(self._native_palette) == dark:
            # The platform draws the system's scheme itself: keep its own style and palette.
            if self._app.style().name() != self._native_style:
                self._app.setStyle(self._native_style)
            self._app.setPalette(self._native_palette)
            refresh_tones()
            return
        if self._app.style().name().lower() != "fusion":
            self._app.setStyle("Fusion")
        self._app.setPalette(dark_palette() if dark else self._app.style().standardPalette())
        refresh_tones()

    def _on_system_changed(self, _scheme: Qt.ColorScheme) -> None:
        self._native_palette = QPalette(self._app.palette()) if self._theme == "" else self._native_palette
        self.apply()


def dark_palette() -> QPalette:
    """A calm dark palette for the Fusion style (contrast of text on window about 12:1)."""
    palette = QPalette()
    window, base, alternate = QColor("#2b2d31"), QColor("#1f2023"), QColor("#27292d")
    text, muted, highlight = QColor("#e6e6e6"), QColor("#8c8f94"), QColor("#3d7fd9")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: alternate,
        QPalette.ColorRole.ToolTipBase: QColor("#33363b"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: muted,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#35373c"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Highlight: highlight,
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#7ab4ff"),
        QPalette.ColorRole.LinkVisited: QColor("#b99cff"),
        QPalette.ColorRole.Light: QColor("#45484e"),
        QPalette.ColorRole.Midlight: QColor("#3a3c41"),
        QPalette.ColorRole.Mid: QColor("#4a4d53"),
        QPalette.ColorRole.Dark: QColor("#18191b"),
        QPalette.ColorRole.Shadow: QColor("#000000"),
    }
    for role, colour in roles.items():
        palette.setColor(role, colour)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, muted)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, QColor("#4a4d53"))
    return palette
