"""Where the files that ship with the app live: ``resources/`` beside the ``desktop_app`` package.

The same holds inside a PyInstaller bundle, whose spec (packaging/finetune-desk.spec) puts ``resources/`` at the
bundle's root, where the package's modules are found too. Qt-free: the core reads its tokenizers and prices here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

RESOURCES_DIR: Final = Path(__file__).resolve().parent.parent / "resources"
TRANSLATIONS_DIR: Final = RESOURCES_DIR / "translations"
ICONS_DIR: Final = RESOURCES_DIR / "icons"
TOKENIZERS_DIR: Final = RESOURCES_DIR / "tokenizers"
PRICES_FILE: Final = RESOURCES_DIR / "prices.json"
SAMPLES_DIR: Final = RESOURCES_DIR / "samples"


def sample_dataset_path() -> Path:
    """The small Chinese question/answer workbook the first-run guide opens (made by make_sample.py)."""
    return SAMPLES_DIR / "content.xlsx"
