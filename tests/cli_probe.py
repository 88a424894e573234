"""Run the entry point in a fresh interpreter and report which Qt modules it loaded (there must be none)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_PROBE = """
import sys
from desktop_app.__main__ import main
status = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6") or m == "desktop_app.app")
print("LOADED:", loaded)
sys.exit(status)
"""


def run_entry_point(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``finetune-desk ARGS`` in ``cwd`` (with ``env`` added to the environment); its stdout ends with
    ``LOADED: [...]`` (Qt modules imported)."""
    return subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, **(env or {}), PYTHONPATH=str(REPO)),
        check=False,
    )
