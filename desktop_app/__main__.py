"""`python -m desktop_app` and the `finetune-desk` entry point: `prepare ...`, `check ...`, `jobs ...` and
`models ...` run the command-line tools, `help` (or `-h`, `--help`) lists them, anything else starts the app.
The app (and with it Qt) is imported only for the app, so the command line stays light."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence

STARTED = time.perf_counter()  # for the start-up report (benchmarks/bench_startup.py)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["prepare"]:
        from desktop_app.cli import prepare_main  # noqa: PLC0415 - keeps Qt out of the command line

        return prepare_main(args[1:], stdin=sys.stdin, stdout=sys.stdout)
    if args[:1] == ["check"]:
        from desktop_app.cli import check_main  # noqa: PLC0415 - keeps Qt out of the command line

        return check_main(args[1:], stdout=sys.stdout)
    if args[:1] in (["jobs"], ["models"]):
        from desktop_app import cli_jobs  # noqa: PLC0415 - keeps Qt out of the command line

        command = cli_jobs.jobs_main if args[0] == "jobs" else cli_jobs.models_main
        return command(args[1:], stdout=sys.stdout)
    if args[:1] in (["help"], ["-h"], ["--help"]):
        from desktop_app.options import build_parser  # noqa: PLC0415 - keeps Qt out of the command line

        build_parser().print_help(sys.stdout)
        return 0
    from desktop_app.app import main as app_main  # noqa: PLC0415 - imports Qt

    return app_main(args, started=STARTED)


if __name__ == "__main__":
    sys.exit(main())
