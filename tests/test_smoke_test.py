"""``finetune-desk --smoke-test`` from the source tree: what CI also runs inside the built bundle."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_smoke_test_passes_and_touches_no_real_profile(tmp_path: Path) -> None:
    home = tmp_path / "home"  # a real profile would be created under here: the smoke test must not
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    env.pop("QT_QPA_PLATFORM", None)  # it chooses the offscreen platform itself
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--smoke-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "smoke: all passed"
    assert [line for line in lines if line.startswith("smoke: ok")] == [
        "smoke: ok   translations",
        "smoke: ok   icons",
        "smoke: ok   sample dataset read, checked and counted",
        "smoke: ok   Practice service listed",
        "smoke: ok   every tab opened",
    ]
    assert not (home / ".config" / "FineTuneDesk").exists()


def test_the_smoke_test_fails_when_a_shipped_file_is_missing(tmp_path: Path) -> None:
    # A copy of the package whose resources lack the translations, as a bundle built without them would.
    copy = tmp_path / "app"
    (copy / "resources").mkdir(parents=True)
    shutil.copytree(ROOT / "desktop_app", copy / "desktop_app", ignore=shutil.ignore_patterns("__pycache__"))
    for part in ("icons", "tokenizers", "prices.json", "samples"):
        os.symlink(ROOT / "resources" / part, copy / "resources" / part)
    (copy / "resources" / "translations").mkdir()
    env = dict(os.environ, PYTHONPATH=str(copy))
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from desktop_app.__main__ import main; sys.exit(main(['--smoke-test']))",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "smoke: FAILED translations: FileNotFoundError: no Chinese translation" in result.stdout
