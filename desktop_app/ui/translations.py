"""The user interface's language: our translation and Qt's own (standard buttons, dialogs) for a locale."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop_app.resources import TRANSLATIONS_DIR


def locale_for(language: str | None) -> QLocale:
    """``language`` ("zh_CN", "en"), or the system's when empty; English when the system has none (LANG=C)."""
    locale = QLocale(language) if language else QLocale.system()
    if locale.language() == QLocale.Language.C:
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return locale


def install_translations(app: QCoreApplication, language: str | None) -> list[QTranslator]:
    """Install the translators for ``language``; returns them, for :func:`remove_translations`."""
    locale = locale_for(language)
    QLocale.setDefault(locale)  # numbers and dates in the same language as the words
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


def remove_translations(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()
    translators.clear()
