"""Build the one-folder bundle with PyInstaller, then run its smoke test.

    uv run --group packaging python packaging/build_bundle.py             # build, smoke-test, print the size
    uv run --group packaging python packaging/build_bundle.py --no-smoke  # build only

Writes build/ (PyInstaller's work files) and dist/finetune-desk/ (the bundle; on macOS also
dist/FineTune Desk.app) at the repository root. Exit status 0 when the bundle was built and, unless --no-smoke,
its --version answered and ``--smoke-test`` printed ``smoke: all passed`` and exited 0.
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "finetune-desk.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
FOLDER = DIST / "finetune-desk"
APP = DIST / "FineTune Desk.app"  # macOS only; it holds the same files as FOLDER
BUNDLE = APP if sys.platform == "darwin" else FOLDER
SMOKE_TIMEOUT_S = 180  # the app gives itself 60 s; a cold first start of a bundle reads every file once


def load_bundle_files() -> ModuleType:
    # By path: "packaging" is also the PyPI package PyInstaller imports, so this folder is not a package.
    spec = importlib.util.spec_from_file_location("bundle_files", HERE / "bundle_files.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def command_line_executable() -> Path:
    """The executable to test, one whose output can be read: on Windows the windowed finetune-desk.exe has no
    stdout, its console twin does (see the spec); on macOS the one inside the .app, which is what ships."""
    if sys.platform == "win32":
        return FOLDER / "finetune-desk-cli.exe"
    if sys.platform == "darwin":
        return APP / "Contents" / "MacOS" / "finetune-desk"
    return FOLDER / "finetune-desk"


def run_bundled(*args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    command = [str(command_line_executable()), *args]
    print("build_bundle: $", " ".join(command), flush=True)
    try:
        # encoding: the app prints UTF-8 whatever the build machine's locale
        result = subprocess.run(  # noqa: S603 - the executable we just built
            command, capture_output=True, encoding="utf-8", errors="replace", timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        print(f"build_bundle: still running after {timeout:.0f} s, stopped", file=sys.stderr)
        return subprocess.CompletedProcess(command, 1, "", "")
    sys.stdout.write(result.stdout)
    sys.stdout.write(result.stderr)
    sys.stdout.flush()
    return result


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) under ``folder``; symbolic links (macOS bundles are full of them) count as nothing."""
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files), len(files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-smoke", action="store_true", help="build only; do not run the bundle")
    parser.add_argument(
        "--archive",
        action="store_true",
        help="also pack the tested bundle for release (.tar.gz on Linux, .zip elsewhere)",
    )
    args = parser.parse_args()

    translations = subprocess.run(  # noqa: S603 - our own script: the .qm files from the .ts sources
        [sys.executable, str(ROOT / "resources" / "translations" / "update.py"), "--compile"],
        check=False,
        cwd=ROOT,
    )
    if translations.returncode != 0:
        print("build_bundle: compiling the translations failed", file=sys.stderr)
        return 1
    missing = load_bundle_files().missing_required()
    if missing:
        print("build_bundle: shipped files missing (see resources/):", *missing, sep="\n  ", file=sys.stderr)
        return 1

    started = time.monotonic()
    build = subprocess.run(  # noqa: S603 - PyInstaller from this environment on our own spec
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", DIST, "--workpath", WORK, SPEC],
        check=False,
        cwd=ROOT,
    )
    if build.returncode != 0:
        print(f"build_bundle: PyInstaller failed (exit status {build.returncode})", file=sys.stderr)
        return 1
    print(f"build_bundle: built {BUNDLE} in {time.monotonic() - started:.0f} s", flush=True)
    size, files = folder_size(BUNDLE)
    print(f"build_bundle: {BUNDLE.name} is {size / 1e6:.0f} MB in {files} files", flush=True)
    if args.no_smoke:
        return 0

    version = run_bundled("--version", timeout=60)
    if version.returncode != 0 or not version.stdout.startswith("finetune-desk "):
        print("build_bundle: the bundle's --version failed", file=sys.stderr)
        return 1
    smoke = run_bundled("--smoke-test", timeout=SMOKE_TIMEOUT_S)
    if smoke.returncode != 0 or "smoke: all passed" not in smoke.stdout:
        print(f"build_bundle: the smoke test failed (exit status {smoke.returncode})", file=sys.stderr)
        return 1
    print("build_bundle: the bundle works", flush=True)
    if args.archive:
        print(f"build_bundle: packed {pack(BUNDLE)}", flush=True)
    return 0


def pack(bundle: Path) -> Path:
    """``dist/finetune-desk-<os>-<machine>.tar.gz`` (Linux) or ``.zip``, holding the bundle's folder."""
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    name = DIST / f"finetune-desk-{system}-{platform.machine().lower()}"
    kind = "gztar" if sys.platform.startswith("linux") else "zip"
    return Path(shutil.make_archive(str(name), kind, root_dir=bundle.parent, base_dir=bundle.name))


if __name__ == "__main__":
    sys.exit(main())
