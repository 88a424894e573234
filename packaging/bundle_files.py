"""What the bundle carries besides the code PyInstaller finds by itself: data files, hidden imports, package
metadata read at run time, and what to leave out.

Plain functions over a folder, so tests/test_bundle_spec.py checks them without building anything; the spec
(finetune-desk.spec) turns them into its Analysis arguments. This file is loaded by path, never as
``packaging.bundle_files``: ``packaging`` is also the name of a PyPI package PyInstaller itself imports.
"""

from __future__ import annotations

import ast
import fnmatch
import os
import posixpath
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Final

ROOT: Final = Path(__file__).resolve().parent.parent
RESOURCES: Final = ROOT / "resources"

APP_ID: Final = "io.github.finetunedesk.FineTuneDesk"
"""desktop_app.ui.app_icon.APP_ID (a test keeps them equal): the macOS bundle identifier and the icons' name."""

BUNDLE_RESOURCES: Final = "resources"
"""Where ``resources/`` goes in the bundle: its root (``sys._MEIPASS``), beside the ``desktop_app`` package, as
``desktop_app/resources.py`` expects."""

LEFT_BEHIND: Final = ("*.ts", "*.py", "*.pyc")
"""File patterns under resources/ that do not ship: translation sources (the compiled .qm do) and the scripts
that make the shipped files (translations/update.py, samples/make_*.py)."""

REQUIRED: Mapping[str, str] = MappingProxyType(
    {
        "translations (.qm)": "translations/finetune_desk_*.qm",
        "tokenizer encodings": "tokenizers/*.tiktoken",
        "icons (hicolor PNGs)": "icons/hicolor/*/apps/*.png",
        "price table": "prices.json",
        "sample dataset": "samples/content.xlsx",
    }
)
"""What the app cannot do without, by pattern relative to resources/: the build stops if one matches nothing."""

HIDDEN_IMPORTS: Final = (
    # tiktoken finds its encodings by scanning the tiktoken_ext namespace package; we import openai_public
    # ourselves (core/tokens.py), but name both so a frozen tiktoken.get_encoding would find them too.
    "tiktoken_ext",
    "tiktoken_ext.openai_public",
)

METADATA: Final = (
    # Packages that read their own dist-info at run time; without it they fail on import or find nothing.
    "keyring",  # its backends are entry points (PyInstaller's keyring hook copies this too)
    "httpx2",  # __version__ = importlib.metadata.version("httpx2"); the openai SDK's HTTP client
    "httpcore2",  # the same, for httpx2's transport
)

EXCLUDES: Final = (
    # desktop_app does not import these; optional imports of what it does use reach them: the openai SDK's
    # pandas helpers, httpx2's command-line client (click, rich, pygments), pydantic's pretty printer (rich),
    # truststore's patch for requests, numpy.testing (unittest, doctest, pdb); or the build environment.
    # tests/test_bundle_spec.py fails if desktop_app starts importing one of them.
    "pandas",
    "requests",
    "urllib3",
    "click",
    "rich",
    "pygments",
    "markdown_it",
    "mdurl",
    "unittest",
    "doctest",
    "pdb",
    "pydoc",
    "xmlrpc",
    "tkinter",
    "_tkinter",
    "IPython",
    "matplotlib",
    "PIL",
    "pytest",
    "_pytest",
    "hypothesis",
    "mypy",
    "setuptools",
    "pkg_resources",
    # Qt's Python modules other than QtCore, QtGui and QtWidgets (only those are imported; this is a guard).
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtPrintSupport",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
    "PySide6.QtUiTools",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
)

DROPPED_QT_PLUGINS: Final = (
    # Patterns on the plugin's path in the bundle. The GTK theme only brings GTK's file dialog, but with it the
    # build machine's whole GTK stack (20 MB), which then meets the user's own GTK modules and themes; Qt's
    # own dialogs (or the XDG portal's, under Flatpak) serve instead.
    "*/plugins/platformthemes/*qgtk3*",
    # Embedded and remote screens, and their input plugins: a desktop app runs on xcb, Wayland, Windows or
    # Cocoa, and offscreen for the smoke test, all of which stay.
    "*/plugins/platforms/*qeglfs*",
    "*/plugins/platforms/*qlinuxfb*",
    "*/plugins/platforms/*qminimal*",
    "*/plugins/platforms/*qvkkhrdisplay*",
    "*/plugins/platforms/*qvnc*",
    "*/plugins/egldeviceintegrations/*",
    "*/plugins/generic/*",
)

TocEntry = tuple[str, str, str]
"""PyInstaller's (name in the bundle, source, type code); for type SYMLINK the source is the link's target,
relative to the link's folder."""


def _in_bundle(name: str) -> PurePosixPath:
    """A path inside the bundle as PyInstaller writes it (backslashes on Windows), with forward slashes."""
    return PurePosixPath(name.replace("\\", "/"))


def _left_behind(relative: PurePosixPath) -> bool:
    return "__pycache__" in relative.parts or any(
        fnmatch.fnmatch(relative.name, pattern) for pattern in LEFT_BEHIND
    )


def _matches_whole(relative: PurePosixPath, pattern: str) -> bool:
    # PurePath.match anchors at the right only: "prices.json" alone would also match "samples/prices.json".
    return len(relative.parts) == len(PurePosixPath(pattern).parts) and relative.match(pattern)


def shipped_files(resources: Path = RESOURCES) -> list[PurePosixPath]:
    """Every file under ``resources`` that ships, relative to it, sorted. New kinds of file ship by default."""
    return sorted(
        relative
        for path in resources.rglob("*")
        if path.is_file()
        and not _left_behind(relative := PurePosixPath(path.relative_to(resources).as_posix()))
    )


def missing_required(resources: Path = RESOURCES) -> list[str]:
    """The :data:`REQUIRED` entries (described as ``"what: pattern"``) that no shipped file matches."""
    shipped = shipped_files(resources)
    return [
        f"{what}: resources/{pattern}"
        for what, pattern in REQUIRED.items()
        if not any(_matches_whole(relative, pattern) for relative in shipped)
    ]


def data_pairs(resources: Path = RESOURCES) -> list[tuple[str, str]]:
    """PyInstaller ``datas``: (source file, destination folder in the bundle), one pair per shipped file."""
    return [
        (str(resources / relative), str(PurePosixPath(BUNDLE_RESOURCES, *relative.parts[:-1])))
        for relative in shipped_files(resources)
    ]


def app_version(root: Path = ROOT) -> str:
    """``desktop_app.__version__``, read without importing the package (the spec runs inside PyInstaller)."""
    tree = ast.parse((root / "desktop_app" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and [getattr(target, "id", None) for target in node.targets] == ["__version__"]
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    raise ValueError(f"no __version__ = '...' in {root / 'desktop_app' / '__init__.py'}")


def ui_languages(resources: Path = RESOURCES) -> list[str]:
    """The languages the app is translated into, from the shipped ``finetune_desk_<language>.qm`` files."""
    prefix = "finetune_desk_"
    return sorted(
        path.stem.removeprefix(prefix) for path in (resources / "translations").glob(f"{prefix}*.qm")
    )


def is_other_qt_translation(name: str, languages: list[str]) -> bool:
    """Whether ``name`` (a path in the bundle) is one of Qt's own translations for a language the app does not
    speak. Qt's dialogs in German around an English window help nobody, and they are 7 MB."""
    path = _in_bundle(name)
    if path.parts[0] != "PySide6" or "translations" not in path.parts or path.suffix != ".qm":
        return False
    return not any(path.stem.endswith(f"_{language}") for language in languages)


def is_dropped_qt_plugin(name: str) -> bool:
    return any(fnmatch.fnmatchcase(str(_in_bundle(name)), pattern) for pattern in DROPPED_QT_PLUGINS)


def dropped_qt_plugin_files(
    binaries: Iterable[TocEntry], imports_of: Callable[[str], Iterable[str | None]]
) -> set[PurePosixPath]:
    """The names in the bundle of the :data:`DROPPED_QT_PLUGINS` and of the libraries only they need.

    PyInstaller collects a plugin's libraries before the spec can drop the plugin; this finds which of them
    nothing else links to. ``imports_of(source)`` gives the paths a binary links to (PyInstaller's
    ``bindepend.get_imports``); a library that is only loaded with dlopen stays unless a dropped plugin links it.
    """
    files = [entry for entry in binaries if entry[2] != "SYMLINK"]
    dropped = {entry for entry in files if is_dropped_qt_plugin(entry[0])}
    if not dropped:
        return set()

    def same_file(path: str) -> str:
        return os.path.normcase(os.path.realpath(path))

    by_file = {same_file(entry[1]): entry for entry in files}
    links: dict[TocEntry, set[TocEntry]] = {}

    def linked(entry: TocEntry) -> set[TocEntry]:
        if entry not in links:
            targets = (same_file(path) for path in imports_of(entry[1]) if path)
            links[entry] = {by_file[target] for target in targets if target in by_file} - {entry}
        return links[entry]

    only_theirs: set[TocEntry] = set()
    stack = list(dropped)
    while stack:
        for library in linked(stack.pop()) - dropped - only_theirs:
            only_theirs.add(library)
            stack.append(library)
    while True:  # give back whatever the rest still links to, and then what that links to
        rest = [entry for entry in files if entry not in dropped and entry not in only_theirs]
        still_needed = {library for entry in rest for library in linked(entry)}
        if not still_needed & only_theirs:
            break
        only_theirs -= still_needed
    return {_in_bundle(entry[0]) for entry in dropped | only_theirs}


def without(toc: Iterable[TocEntry], removed: set[PurePosixPath]) -> list[TocEntry]:
    """``toc`` without the entries named in ``removed`` and the symbolic links to them (PyInstaller keeps the
    links from the bundle's top folder to libraries in sub-folders among the data files)."""

    def kept(entry: TocEntry) -> bool:
        name = _in_bundle(entry[0])
        if entry[2] == "SYMLINK":
            return PurePosixPath(posixpath.normpath(name.parent / _in_bundle(entry[1]))) not in removed
        return name not in removed

    return [entry for entry in toc if kept(entry)]
