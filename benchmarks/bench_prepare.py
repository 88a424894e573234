"""``prepare -q`` against the legacy ``prepare_data -q``, in the same run: ``uv run python benchmarks/bench_prepare.py``.

Writes a 100,000-row workbook (prompt/completion columns, distinct prompts and answers of mixed Chinese/English
text, ~200 characters per cell) to a temporary folder, then times, each as a subprocess on a fresh copy of the
input (both tools write beside their input):
- ours: ``python -m desktop_app prepare FILE -q`` (best of ``--repeats``);
- legacy: ``openai tools fine_tunes.prepare_data -f FILE -q`` (openai 0.28.1, best of ``--legacy-repeats``),
  from its own virtualenv, made on first use in ``--legacy-venv`` (outside the repository) with uv and the
  versions of ``tests/data/legacy_prepare/make_golden.sh``; ``PYTHONWARNINGS=ignore`` as there.
Then checks that both wrote the same ``*_prepared*.jsonl`` bytes. Target: ours ≥ 5× faster.
Without the legacy tool (``--no-legacy``, or the virtualenv cannot be made) only ours is measured.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import make_workbook  # benchmarks/ is on sys.path when a script runs

DEFAULT_VENV = Path.home() / ".cache" / "finetune-desk-bench" / "legacy-venv"
LEGACY_REQUIREMENTS = ("openai==0.28.1", "pandas==2.1.1", "numpy==1.26.0", "openpyxl==3.1.2")
INPUT_NAME = "bench.xlsx"
TARGET_SPEEDUP = 5.0


def legacy_command(venv: Path) -> list[str] | None:
    """The legacy tool's command, making its virtualenv first if needed; None (with a message) if that fails."""
    openai = venv / "bin" / "openai"
    if os.access(openai, os.X_OK):
        return [str(openai)]
    uv = shutil.which("uv")
    if uv is None:
        print(f"legacy: `uv` not found, cannot create {venv}; measuring ours alone")
        return None
    print(f"legacy: creating {venv} ({', '.join(LEGACY_REQUIREMENTS)}) ...", flush=True)
    shutil.rmtree(venv, ignore_errors=True)  # a half-made one from an earlier failure
    venv.parent.mkdir(parents=True, exist_ok=True)
    steps = [
        [uv, "venv", "--python", sys.executable, str(venv)],
        [uv, "pip", "install", "--python", str(venv / "bin" / "python"), *LEGACY_REQUIREMENTS],
    ]
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            print(f"legacy: cannot create the virtualenv ({' '.join(step[:3])} failed); measuring ours alone")
            print(result.stderr.strip()[-800:])
            shutil.rmtree(venv, ignore_errors=True)
            return None
    return [str(openai)]


def run_tool(
    command: list[str], source: Path, work: Path, env: dict[str, str]
) -> tuple[float, dict[str, bytes]]:
    """Seconds for one run on a fresh copy of ``source`` in ``work``, and the prepared files it wrote."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    shutil.copyfile(source, work / INPUT_NAME)
    started = time.perf_counter()
    result = subprocess.run([*command, INPUT_NAME], cwd=work, capture_output=True, env=env, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(
            f"{' '.join(command)} failed ({result.returncode}):\n"
            f"{result.stdout.decode(errors='replace')[-1500:]}{result.stderr.decode(errors='replace')[-1500:]}"
        )
    outputs = {path.name: path.read_bytes() for path in sorted(work.glob("*_prepared*.jsonl"))}
    return elapsed, outputs


def best_run(
    repeats: int, command: list[str], source: Path, work: Path, env: dict[str, str]
) -> tuple[float, dict[str, bytes]]:
    times: list[float] = []
    outputs: dict[str, bytes] = {}
    for _ in range(repeats):
        elapsed, outputs = run_tool(command, source, work, env)
        times.append(elapsed)
    return min(times), outputs


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3, help="runs of ours (best is kept)")
    parser.add_argument(
        "--legacy-repeats", type=int, default=1, help="runs of the legacy tool (best is kept)"
    )
    parser.add_argument("--legacy-venv", type=Path, default=DEFAULT_VENV)
    parser.add_argument(
        "--no-legacy", action="store_true", help="measure ours alone (no virtualenv, no network)"
    )
    args = parser.parse_args()

    legacy = None if args.no_legacy else legacy_command(args.legacy_venv.expanduser())
    ours = [sys.executable, "-m", "desktop_app", "prepare", "-q"]
    env = dict(os.environ, PYTHONWARNINGS="ignore")

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / INPUT_NAME
        started = time.perf_counter()
        make_workbook(source, args.rows, numbered=True)
        print(
            f"workbook: {args.rows} rows, {source.stat().st_size / 1e6:.1f} MB, written in "
            f"{time.perf_counter() - started:.2f} s",
            flush=True,
        )
        source.read_bytes()  # warm the page cache for both contenders

        ours_time, ours_outputs = best_run(args.repeats, ours, source, Path(folder) / "ours", env)
        sizes = ", ".join(f"{name} {len(data) / 1e6:.1f} MB" for name, data in ours_outputs.items())
        print(f"ours wrote: {sizes or 'nothing'}", flush=True)
        if legacy is not None:
            legacy_cmd = [*legacy, "tools", "fine_tunes.prepare_data", "-q", "-f"]
            legacy_time, legacy_outputs = best_run(
                args.legacy_repeats, legacy_cmd, source, Path(folder) / "legacy", env
            )

    if legacy is None:
        print(f"{'task':<16}{'ours (s)':>10}{'baseline (s)':>14}{'ratio':>8}")
        print(f"{'prepare -q':<16}{ours_time:>10.3f}{'-':>14}{'-':>8}")
        print("legacy tool not run: no ratio, the 5× target is not judged")
        return

    same = ours_outputs == legacy_outputs
    print(
        "prepared files: "
        + (
            "identical bytes"
            if same
            else f"DIFFER (ours {sorted(ours_outputs)}, legacy {sorted(legacy_outputs)})"
        )
    )
    speedup = legacy_time / ours_time
    print(f"{'task':<16}{'ours (s)':>10}{'baseline (s)':>14}{'ratio':>8}")
    print(f"{'prepare -q':<16}{ours_time:>10.3f}{legacy_time:>14.3f}{ours_time / legacy_time:>8.3f}")
    verdict = "meets" if speedup >= TARGET_SPEEDUP else "MISSES"
    print(f"speed-up legacy/ours: {speedup:.2f}× ({verdict} the target: ≥ {TARGET_SPEEDUP:.0f}×)")


if __name__ == "__main__":
    main()
