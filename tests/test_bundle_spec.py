"""What the PyInstaller bundle carries (packaging/bundle_files.py, read by packaging/finetune-desk.spec), checked
without building: every kind of shipped file is in, sources and scripts are out, nothing the app imports is
excluded. The real check is CI's build and the bundle's --smoke-test (packaging/build_bundle.py)."""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
from pathlib import Path, PurePosixPath
from types import ModuleType

import pytest

from desktop_app import __version__
from desktop_app.resources import RESOURCES_DIR
from desktop_app.ui.app_icon import APP_ID, ICON_SIZES

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


def load_bundle_files() -> ModuleType:
    """By path, as the spec does: ``packaging`` is also the PyPI package of that name."""
    spec = importlib.util.spec_from_file_location("bundle_files", PACKAGING / "bundle_files.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundle_files = load_bundle_files()


@pytest.fixture(scope="module")
def shipped() -> dict[str, str]:
    """Source path relative to resources/ -> destination folder in the bundle."""
    return {
        Path(source).relative_to(RESOURCES_DIR).as_posix(): destination
        for source, destination in bundle_files.data_pairs()
    }


def test_resources_land_where_the_code_looks_for_them() -> None:
    # desktop_app/resources.py: resources/ beside the desktop_app package, i.e. at the bundle's root
    assert RESOURCES_DIR == ROOT / bundle_files.BUNDLE_RESOURCES
    assert bundle_files.RESOURCES == RESOURCES_DIR
    assert bundle_files.APP_ID == APP_ID
    assert bundle_files.app_version() == __version__


def test_every_kind_of_shipped_file_is_in_the_bundle(shipped: dict[str, str]) -> None:
    assert bundle_files.missing_required() == []
    translations = sorted(p.name for p in (RESOURCES_DIR / "translations").glob("*.qm"))
    assert "finetune_desk_zh_CN.qm" in translations
    for name in translations:
        assert shipped[f"translations/{name}"] == "resources/translations"
    tokenizers = sorted(p.name for p in (RESOURCES_DIR / "tokenizers").glob("*.tiktoken"))
    assert {"o200k_base.tiktoken", "cl100k_base.tiktoken"} <= set(tokenizers)
    for name in tokenizers:
        assert shipped[f"tokenizers/{name}"] == "resources/tokenizers"
    for size in ICON_SIZES:
        folder = f"icons/hicolor/{size}x{size}/apps"
        assert shipped[f"{folder}/{APP_ID}.png"] == f"resources/{folder}"
    assert shipped["prices.json"] == "resources"
    assert shipped["samples/content.xlsx"] == "resources/samples"


def test_sources_and_scripts_stay_behind(shipped: dict[str, str]) -> None:
    assert (RESOURCES_DIR / "translations" / "update.py").exists()  # or this test proves nothing
    assert not [name for name in shipped if name.endswith((".ts", ".py", ".pyc"))]
    assert not [name for name in shipped if "__pycache__" in name]


def test_a_missing_required_file_is_named(tmp_path: Path) -> None:
    for name in (
        "translations/finetune_desk_zh_CN.qm",
        "translations/finetune_desk_zh_CN.ts",
        "tokenizers/o200k_base.tiktoken",
        "icons/hicolor/16x16/apps/x.png",
        "samples/prices.json",  # not the price table: that sits at the top of resources/
        "samples/make_sample.py",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert bundle_files.missing_required(tmp_path) == [
        "price table: resources/prices.json",
        "sample dataset: resources/samples/content.xlsx",
    ]
    assert [str(p) for p in bundle_files.shipped_files(tmp_path)] == [
        "icons/hicolor/16x16/apps/x.png",
        "samples/prices.json",
        "tokenizers/o200k_base.tiktoken",
        "translations/finetune_desk_zh_CN.qm",
    ]


def test_hidden_imports_and_metadata_are_installed() -> None:
    for module in bundle_files.HIDDEN_IMPORTS:
        assert importlib.util.find_spec(module) is not None, module
    for package in bundle_files.METADATA:
        assert importlib.metadata.distribution(package).version
    assert importlib.metadata.entry_points(group="keyring.backends")  # what the copied metadata carries


def _imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def test_the_app_imports_nothing_the_bundle_leaves_out() -> None:
    excluded = set(bundle_files.EXCLUDES)
    offenders = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in (ROOT / "desktop_app").rglob("*.py")
        for module in _imported_modules(path)
        if any(module == name or module.startswith(f"{name}.") for name in excluded)
    }
    assert not offenders, "remove these from EXCLUDES in packaging/bundle_files.py, or the bundle breaks"


def test_qt_translations_only_for_the_apps_languages() -> None:
    languages = bundle_files.ui_languages()
    assert {"en", "zh_CN"} <= set(languages)
    other = bundle_files.is_other_qt_translation
    assert not other("PySide6/Qt/translations/qtbase_zh_CN.qm", languages)
    assert not other("PySide6\\translations\\qt_en.qm", languages)  # Windows layout
    assert other("PySide6/Qt/translations/qtbase_de.qm", languages)
    assert other("PySide6/Qt/translations/qt_zh_TW.qm", languages)
    assert not other("resources/translations/finetune_desk_fr.qm", languages)  # ours are not Qt's


def test_a_dropped_plugin_takes_the_libraries_only_it_needs() -> None:
    qt = "PySide6/Qt/plugins"
    binaries = [
        (f"{qt}/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
        (f"{qt}/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        (f"{qt}/platforms/libqvnc.so", "/src/libqvnc.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY"),
        ("libgtk-3.so.0", "/lib/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/lib/libcairo.so.2", "BINARY"),
        ("libglib-2.0.so.0", "/lib/libglib-2.0.so.0", "BINARY"),
        ("libssl.so.3", "/lib/libssl.so.3", "BINARY"),
        ("_ssl.so", "/src/_ssl.so", "EXTENSION"),
    ]
    links = {
        "/src/libqgtk3.so": ["/lib/libgtk-3.so.0", "/lib/libglib-2.0.so.0", None],
        "/lib/libgtk-3.so.0": ["/lib/libcairo.so.2", "/lib/libglib-2.0.so.0", "/usr/lib/libc.so.6"],
        "/src/libqxcb.so": ["/lib/libglib-2.0.so.0"],
        "/src/libqvnc.so": ["/src/libQt6Network.so.6"],
        "/src/libQt6Network.so.6": ["/lib/libssl.so.3"],
        "/src/_ssl.so": ["/lib/libssl.so.3"],  # still needed by Python's ssl module
    }
    removed = bundle_files.dropped_qt_plugin_files(binaries, lambda source: links.get(source, []))
    assert removed == {
        PurePosixPath(name)
        for name in (
            f"{qt}/platformthemes/libqgtk3.so",
            f"{qt}/platforms/libqvnc.so",
            "PySide6/Qt/lib/libQt6Network.so.6",
            "libgtk-3.so.0",
            "libcairo.so.2",
        )
    }
    datas = [
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("resources/prices.json", "/repo/resources/prices.json", "DATA"),
    ]
    assert bundle_files.without(datas, removed) == datas[1:]
    assert [entry[0] for entry in bundle_files.without(binaries, removed)] == [
        f"{qt}/platforms/libqxcb.so",
        "libglib-2.0.so.0",
        "libssl.so.3",
        "_ssl.so",
    ]


def test_the_spec_is_python_and_uses_these_lists() -> None:
    text = (PACKAGING / "finetune-desk.spec").read_text(encoding="utf-8")
    compile(text, "finetune-desk.spec", "exec")
    for name in ("data_pairs()", "HIDDEN_IMPORTS", "METADATA", "EXCLUDES", "missing_required()", "COLLECT("):
        assert name in text
