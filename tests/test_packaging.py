"""What installers and desktops read: the icon in every size, the desktop entry and the AppStream metainfo agree
with each other and with the app (its id, its command, its icon). The validators themselves run in .ci/run."""

from __future__ import annotations

import configparser
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from desktop_app.ui.app_icon import APP_ID, ICON_SIZES, application_icon, icon_path

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"


def test_the_icon_exists_in_every_size_at_that_size(qapp) -> None:
    for size in ICON_SIZES:
        image = QImage(str(icon_path(size)))
        assert not image.isNull(), icon_path(size)
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()  # rounded corners: transparent, not a white square
        assert image.pixelColor(0, 0).alpha() == 0
    sizes = application_icon().availableSizes()
    assert QSize(16, 16) in sizes
    assert QSize(512, 512) in sizes


def test_the_desktop_entry_starts_the_app_with_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert section["Exec"] in project["project"]["gui-scripts"]  # the command the package installs
    assert section["Icon"] == APP_ID
    assert section["Name[zh_CN]"]  # shown in Chinese menus too


def test_the_metainfo_names_the_same_app_and_version() -> None:
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("icon") == APP_ID
    assert root.findtext("provides/binary") in project["gui-scripts"]
    releases = [release.get("version") for release in root.iter("release")]
    assert releases[0] == project["version"]  # the newest release listed is the version built
