"""The application's icon, in every size the desktop asks for (window, taskbar, Alt+Tab, high-DPI)."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from desktop_app.resources import ICONS_DIR

APP_ID: Final = "io.github.finetunedesk.FineTuneDesk"
"""Reverse-DNS id: the .desktop file, the AppStream metainfo and the icon files are named after it."""

ICON_SIZES: Final = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_path(size: int) -> Path:
    return ICONS_DIR / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def application_icon() -> QIcon:
    """The icon from the rendered PNGs (see packaging/make_icons.py); Qt picks the size closest to each use."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = icon_path(size)
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon
