"""The real entry point starts, shows its window and quits cleanly (no abort in Qt's or Python's teardown)."""

from __future__ import annotations

import os
import subprocess
import sys


def test_app_starts_and_quits(tmp_path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "--basedir",
            str(tmp_path),
            "--quit-after",
            "1500",
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    logs = list((tmp_path).rglob("*.log"))
    assert logs
    text = "".join(p.read_text(encoding="utf-8") for p in logs)
    assert "starting" in text
    assert "Practice" in text  # it came up in Practice mode, the default
    assert list(tmp_path.rglob("settings.json"))  # saved on quit
