"""The app's own colours, each in a light and a dark variant, picked by the palette in use.

Widgets take a tone with :func:`set_tone` (their text colour, kept right when the theme changes: the theme
keeper calls :func:`refresh_tones`); models and HTML ask :func:`tone` / :func:`tone_css` / :func:`tint` each time
they draw, so they follow the theme by themselves.
"""

from __future__ import annotations

import enum

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the colours in use are dark (light text on a dark window)."""
    palette = palette or QGuiApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    return window.lightness() < palette.color(QPalette.ColorRole.WindowText).lightness()


class Tone(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    SUCCESS = "success"
    INFO = "info"
    MUTED = "muted"


# Text colours: (on light backgrounds, on dark backgrounds); each ≥ 4.5:1 against the palette's window.
_TEXT: dict[Tone, tuple[str, str]] = {
    Tone.ERROR: ("#b3261e", "#ff8a80"),
    Tone.WARNING: ("#8a5a00", "#f2b84b"),
    Tone.SUCCESS: ("#1e6b35", "#7fd49a"),
    Tone.INFO: ("#1d4f91", "#8ab8ff"),
    Tone.MUTED: ("#5f6368", "#a0a4aa"),
}
# Backgrounds behind normal text (a table row with a problem): faint, so the palette's text stays readable.
_TINT: dict[Tone, tuple[str, str]] = {
    Tone.ERROR: ("#fde2df", "#4f2624"),
    Tone.WARNING: ("#fff3d6", "#4a3d1c"),
    Tone.SUCCESS: ("#e3f4e8", "#1f3d29"),
    Tone.INFO: ("#e4eefb", "#1f3150"),
    Tone.MUTED: ("#f1f3f4", "#303236"),
}

_TONE_PROPERTY = "ftdTone"


def _dark_in_use() -> bool:
    """:func:`is_dark` for the application's palette, worked out once per theme: models ask on every paint of
    every cell, and copying the palette each time would cost more than the drawing."""
    global _dark_cache  # noqa: PLW0603 - one answer for the one application palette
    if _dark_cache is None:
        _dark_cache = is_dark()
    return _dark_cache


_dark_cache: bool | None = None


def tone(name: Tone) -> QColor:
    light, dark = _TEXT[name]
    return QColor(dark if _dark_in_use() else light)


def tone_css(name: Tone) -> str:
    """The tone as a CSS colour, for rich text and style sheets."""
    light, dark = _TEXT[name]
    return dark if _dark_in_use() else light


def tint(name: Tone) -> QColor:
    light, dark = _TINT[name]
    return QColor(dark if _dark_in_use() else light)


def set_tone(widget: QWidget, name: Tone | None) -> None:
    """Colour ``widget``'s text with ``name`` (None: the palette's own again), now and after theme changes."""
    widget.setProperty(_TONE_PROPERTY, name.value if name is not None else "")
    _apply(widget)


def _apply(widget: QWidget) -> None:
    value = widget.property(_TONE_PROPERTY)
    palette = QPalette()  # only the roles set here are the widget's own; the rest follow the application's
    if value:
        colour = tone(Tone(value))
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
            palette.setColor(QPalette.ColorGroup.Active, role, colour)
            palette.setColor(QPalette.ColorGroup.Inactive, role, colour)
    widget.setPalette(palette)


def refresh_tones() -> None:
    """Re-colour every toned widget for the palette now in use (after a theme change)."""
    global _dark_cache  # noqa: PLW0603 - see _dark_in_use
    _dark_cache = None
    for widget in QApplication.allWidgets():
        if widget.property(_TONE_PROPERTY):
            _apply(widget)
