"""The app's command line, Qt-free so `finetune-desk --help` answers without loading Qt."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from desktop_app import __version__

COMMANDS_HELP = """\
commands (they run without the window):
  prepare FILE [-q]       check prompt-completion data and write it as JSONL, like the legacy
                          `openai tools fine_tunes.prepare_data`
  check FILE [--model M]  print the Data tab's report on a data file (problems, tokens, cost);
                          exit status 0 = no blocking errors, 1 = errors, 2 = unreadable file
  jobs list               the account's fine-tuning jobs (like `openai api fine_tunes.list`)
  jobs create -t FILE -m MODEL [--suffix S] [-v FILE] [--n-epochs N] [--no-follow]
                          upload the file, start a job and follow it
  jobs follow -i ID       print a job's story until it ends, then its status
  jobs cancel -i ID       cancel a job
  models list             the service's models, fine-tuned first
                          (jobs and models: --profile NAME or --base-url URL; the key comes from the
                          system keyring or OPENAI_API_KEY)

Run `finetune-desk COMMAND --help` for a command's options.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="finetune-desk",
        description="Fine-tune language models with clicks. Without a command, the app starts.",
        epilog=COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    location = parser.add_mutually_exclusive_group()
    location.add_argument("--basedir", type=Path, help="keep settings, logs and autosave under this folder")
    location.add_argument(
        "--temp-basedir",
        action="store_true",
        help="use a throw-away folder (nothing of the real profile is touched)",
    )
    parser.add_argument("--lang", help="user interface language, e.g. zh_CN or en (default: the system's)")
    parser.add_argument("--debug", action="store_true", help="log at debug level")
    parser.add_argument(
        "--quit-after", type=int, metavar="MS", help="quit after MS milliseconds (smoke tests)"
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start without a screen and with a throw-away profile, open every tab, check the bundled files "
        "(translations, icons, tokenizer, sample data), then quit; exit status 0 when all is well",
    )
    # Benchmarks: print when the window is shown and idle, then quit (benchmarks/bench_startup.py).
    parser.add_argument("--startup-report", action="store_true", help=argparse.SUPPRESS)
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    return build_parser().parse_args(list(argv))
