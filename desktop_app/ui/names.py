"""Names that come from the Qt-free side or from files the app ships, in the user's language.

The model catalogue (core/models.py), the shipped prices (resources/prices.json) and the built-in Practice
profile (storage/settings.py) carry English words the user reads. They stay English there (the core, the
command line and the saved files use them) and are translated here, where they are shown. Anything the user
typed (a profile name, a price's source) is not in the translations and comes back unchanged.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop_app.storage.settings import Profile, ProviderKind

_LEGACY_NOTE = " (prompt/completion)"  # how core/models.py and prices.json name the legacy models

# The sources resources/prices.json gives for its prices; lupdate collects them from these marks. A source
# not listed here (a new row, or one the user typed) is shown as written.
SHIPPED_PRICE_SOURCES = (
    QT_TRANSLATE_NOOP(
        "PriceSources", "OpenAI fine-tuning guide, worked cost example (shared reference, Aug 2026)"
    ),
    QT_TRANSLATE_NOOP("PriceSources", "OpenAI pricing page, fine-tuning table (2025; not re-checked since)"),
)


def model_display_name(name: str) -> str:
    """A catalogue name ("GPT-4o mini", "davinci-002 (prompt/completion)") as the user reads it."""
    if name.endswith(_LEGACY_NOTE):
        return QCoreApplication.translate("ModelNames", "%1 (prompt/completion)").replace(
            "%1", name.removesuffix(_LEGACY_NOTE)
        )
    return name


def price_source_text(source: str) -> str:
    """Where a price comes from: the shipped sources translated, any other text as it is."""
    return QCoreApplication.translate("PriceSources", source) if source in SHIPPED_PRICE_SOURCES else source


def profile_display_name(profile: Profile) -> str:
    """A connection profile's name: the built-in Practice profile's in the user's language (it cannot be
    renamed), any other as the user named it."""
    if profile.kind is ProviderKind.PRACTICE:
        return QCoreApplication.translate("Profiles", "Practice")
    return profile.name
