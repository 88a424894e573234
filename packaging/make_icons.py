"""Render the application icon (resources/icons/finetune-desk.svg) into the PNG sizes desktops and installers use.

    uv run python packaging/make_icons.py

Writes resources/icons/hicolor/<size>x<size>/apps/<APP_ID>.png (the freedesktop icon theme layout, which a Linux
install copies as is). Run it after changing the SVG; the PNGs are committed so that neither the app nor a build
needs an SVG renderer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app.ui.app_icon import APP_ID, ICON_SIZES, ICONS_DIR  # noqa: E402 - after the path is set


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS_DIR / "finetune-desk.svg"))
    if not renderer.isValid():
        print("the SVG could not be read", file=sys.stderr)
        return 1
    for size in ICON_SIZES:
        target = ICONS_DIR / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(target)):
            print(f"could not write {target}", file=sys.stderr)
            return 1
    print(f"icons written to {ICONS_DIR / 'hicolor'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
