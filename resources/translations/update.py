"""Refresh the translation sources from the code and compile them.

    uv run python resources/translations/update.py          # lupdate + fill English plurals + lrelease
    uv run python resources/translations/update.py --check  # fail if the committed files are stale
    uv run python resources/translations/update.py --compile  # .ts -> .qm only (the package build does this)

* finetune_desk_zh_CN.ts: every user-visible string, for the Chinese translation (translators fill it in).
* finetune_desk_en.ts: only the plural messages ("%n example(s)"); their English forms are derived here from
  the "(s)" in the source text, so English shows "1 example" and "2 examples".
The compiled .qm files are committed so `uv run finetune-desk` needs no build step.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCES = ROOT / "desktop_app"
PLURAL = re.compile(r"\((s|es)\)")


def python_sources() -> list[str]:
    return sorted(str(p) for p in SOURCES.rglob("*.py") if "ui" in p.parts or p.name == "app.py")


def run(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True)  # noqa: S603 - our own tools on our own files


def fill_english_plurals(ts_file: Path) -> None:
    tree = ET.parse(ts_file)  # noqa: S314 - a file lupdate just wrote, not untrusted input
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        for child in list(translation):
            translation.remove(child)
        translation.attrib.pop("type", None)
        translation.text = None
        for form in (PLURAL.sub("", source), PLURAL.sub(r"\1", source)):
            ET.SubElement(translation, "numerusform").text = form
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)


def build(target: Path) -> None:
    sources = python_sources()
    zh = target / "finetune_desk_zh_CN.ts"
    en = target / "finetune_desk_en.ts"
    if zh.resolve() != (HERE / zh.name).resolve() and (HERE / zh.name).exists():
        shutil.copy(HERE / zh.name, zh)  # keep translations done so far
    run(
        "pyside6-lupdate",
        *sources,
        "-no-obsolete",
        "-locations",
        "none",
        "-target-language",
        "zh_CN",
        "-ts",
        str(zh),
    )
    run("pyside6-lupdate", *sources, "-pluralonly", "-no-obsolete", "-locations", "none",
        "-target-language", "en", "-ts", str(en))  # fmt: skip
    fill_english_plurals(en)
    compile_translations(target)


def compile_translations(folder: Path) -> list[Path]:
    """lrelease every .ts in ``folder`` into its .qm (the package build calls this too)."""
    compiled = []
    for ts in sorted(folder.glob("finetune_desk_*.ts")):
        qm = ts.with_suffix(".qm")
        run("pyside6-lrelease", "-silent", str(ts), "-qm", str(qm))
        compiled.append(qm)
    return compiled


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--check", action="store_true", help="compare with the committed files, change nothing"
    )
    parser.add_argument(
        "--compile", action="store_true", help="only compile the .ts files into .qm (no lupdate)"
    )
    args = parser.parse_args()
    if args.compile:
        for qm in compile_translations(HERE):
            print(f"compiled {qm.name}")
        return 0
    if not args.check:
        build(HERE)
        print(f"updated {HERE}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        build(out)
        stale = [
            p.name
            for p in sorted(out.iterdir())
            if not (HERE / p.name).exists() or (HERE / p.name).read_bytes() != p.read_bytes()
        ]
    if stale:
        print("stale translation files (run resources/translations/update.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
