"""Translations: sources are current, English plurals read naturally, every visible string is translatable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"


def test_translation_files_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(TRANSLATIONS / "update.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_english_plurals(qapp) -> None:
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS / "finetune_desk_en.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        one = QCoreApplication.translate("DataTab", "%n example(s)", "", 1)
        many = QCoreApplication.translate("DataTab", "%n example(s)", "", 24)
    finally:
        QCoreApplication.removeTranslator(translator)
    assert one == "1 example"
    assert many == "24 examples"


def test_chinese_source_lists_the_user_visible_strings() -> None:
    text = (TRANSLATIONS / "finetune_desk_zh_CN.ts").read_text(encoding="utf-8")
    for phrase in (
        "Practice mode — simulated, nothing is sent anywhere.",
        "New job…",
        "Test connection",
        "Send",
    ):
        assert f"<source>{phrase}" in text


def test_every_plural_text_is_read_as_one_by_the_translation_tools() -> None:
    """lupdate reads plural forms ("%n row(s)") only from tr() calls; through QCoreApplication.translate the
    text would show "row(s)" in English and get no plural forms in Chinese."""
    import re

    pattern = re.compile(r"QCoreApplication\.translate\(\s*\"[^\"]*\",\s*\"[^\"]*%n", re.MULTILINE)
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)!r}"
        for path in sorted((ROOT / "desktop_app").rglob("*.py"))
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    english = (TRANSLATIONS / "finetune_desk_en.ts").read_text(encoding="utf-8")
    assert "Remove %n duplicate row(s)" in english  # the fixes' counts, moved to tr() for this
    assert "%n token(s)" in english  # and the chat's


def test_a_counted_word_is_always_a_plural_message() -> None:
    """A "(s)" outside a %n message would show as "0 error(s)" in English: counts go through tr(text, "", n)."""
    import xml.etree.ElementTree as ET

    root = ET.parse(TRANSLATIONS / "finetune_desk_zh_CN.ts").getroot()
    offenders = [
        (context.findtext("name"), message.findtext("source"))
        for context in root.iter("context")
        for message in context.iter("message")
        if "(s)" in (message.findtext("source") or "") and message.get("numerus") != "yes"
    ]
    assert offenders == []
