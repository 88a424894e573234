"""A widget's text as the user reads it (for the tests that judge what the window shows)."""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtGui import QTextDocument


def plain(text: str) -> str:
    """Rich text without its tags and entities, and no mnemonic '&' ("&&" stays one '&')."""
    if QtGui.Qt.mightBeRichText(text):  # type: ignore[attr-defined] - QtGui adds it to the Qt namespace
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")
