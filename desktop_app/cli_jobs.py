"""``finetune-desk jobs list|create|follow|cancel`` and ``finetune-desk models list``: the seed's commands
(``openai api fine_tunes.list / create / follow / cancel``) on the app's own provider layer and profiles.

Where to connect: ``--profile NAME`` (a profile of the app's Settings, its key from the system keyring or
``OPENAI_API_KEY``), ``--base-url URL`` (any OpenAI-compatible server, key from ``OPENAI_API_KEY``), or, with
neither, the profile active in the app. Practice starts the simulated service inside the command, so its
jobs last as long as the command does. Output is plain English, as the legacy tool's was; every failure
ends with one line saying why and a non-zero exit status (1: the service or the job failed, 2: the command
could not start: usage, settings, key, file).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from desktop_app.connect import DEFAULT_TIMEOUT, connection_config
from desktop_app.core.models import SUFFIX_MAX_CHARS, is_valid_suffix
from desktop_app.core.prices import PriceFileError, load_price_table, shipped_price_table, shipped_prices_path
from desktop_app.providers.base import TrainingProvider, UploadMemory
from desktop_app.providers.connection import ConnectionConfig, ServiceKind
from desktop_app.providers.errors import ErrorKind, ProviderError, UnsupportedFeatureError
from desktop_app.providers.openai_compatible import OpenAICompatibleProvider
from desktop_app.providers.story import format_story_line, job_story, trained_cost, usage_hint
from desktop_app.providers.types import Capability, Hyperparameters, Job, JobEvent, JobRequest, ModelInfo
from desktop_app.storage.jobs_cache import JobsCache
from desktop_app.storage.paths import AppPaths
from desktop_app.storage.secrets import SecretStore
from desktop_app.storage.settings import Profile, ProviderKind, Settings, SettingsStore

FOLLOW_INTERVAL_S = 2.0
"""Between two looks at a followed job (the legacy tool streamed; polling every 2 s reads the same)."""
MAX_RETRY_WAIT_S = 30.0
LIST_PAGE = 100

Sleep = Callable[[float], None]


class CommandError(Exception):
    """The command cannot start: its one line is printed and the exit status is 2."""


@dataclass(frozen=True)
class Environment:
    """What a command reads from outside its arguments; tests hand in their own."""

    env: Mapping[str, str]
    paths: AppPaths
    secrets: SecretStore | None = None  # None: the system keyring, opened only when a profile needs it
    sleep: Sleep = time.sleep
    follow_interval: float = FOLLOW_INTERVAL_S


def jobs_main(
    argv: Sequence[str],
    *,
    stdout: TextIO,
    stderr: TextIO | None = None,
    environment: Environment | None = None,
) -> int:
    """``finetune-desk jobs ...`` with ``argv`` (the words after ``jobs``); returns the exit status."""
    return _run("jobs", argv, stdout, stderr, environment)


def models_main(
    argv: Sequence[str],
    *,
    stdout: TextIO,
    stderr: TextIO | None = None,
    environment: Environment | None = None,
) -> int:
    """``finetune-desk models list`` with ``argv`` (the words after ``models``); returns the exit status."""
    return _run("models", argv, stdout, stderr, environment)


def _run(
    group: str, argv: Sequence[str], stdout: TextIO, stderr: TextIO | None, environment: Environment | None
) -> int:
    errors = stderr if stderr is not None else sys.stderr
    parser = _parser(group)
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exit_:  # argparse printed the usage or the help
        return int(exit_.code or 0)
    if args.action is None:
        parser.print_help(stdout)
        return 2
    context = environment or Environment(env=os.environ, paths=_paths(args.basedir))
    try:
        with _connected(args, context) as (provider, where):
            action: Callable[[argparse.Namespace, TrainingProvider, str, TextIO, Environment], int]
            action = _ACTIONS[(group, args.action)]
            return action(args, provider, where, stdout, context)
    except CommandError as exc:
        errors.write(f"error: {exc}\n")
        return 2
    except ProviderError as exc:
        errors.write(f"error: {describe_error(exc, args)}\n")
        return 1
    except KeyboardInterrupt:
        errors.write("\ninterrupted\n")
        return 130


# ---- arguments --------------------------------------------------------------------------------------------


def _parser(group: str) -> argparse.ArgumentParser:
    where = argparse.ArgumentParser(add_help=False)
    target = where.add_argument_group("where to connect (default: the profile active in the app)")
    choice = target.add_mutually_exclusive_group()
    choice.add_argument("--profile", metavar="NAME", help="a profile of the app's Settings, by name or id")
    choice.add_argument(
        "--base-url",
        metavar="URL",
        help="an OpenAI-compatible server, e.g. http://localhost:8080/v1 (key from OPENAI_API_KEY)",
    )
    target.add_argument("--basedir", type=Path, help="the app's settings folder, if not the usual one")

    parser = argparse.ArgumentParser(prog=f"finetune-desk {group}")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    if group == "models":
        models = actions.add_parser("list", parents=[where], help="the service's models, fine-tuned first")
        models.add_argument("--fine-tuned", action="store_true", help="only fine-tuned models")
        return parser

    listing = actions.add_parser("list", parents=[where], help="the account's fine-tuning jobs, newest first")
    listing.add_argument("--limit", type=int, default=20, metavar="N", help="at most N jobs (default 20)")
    listing.add_argument("--all", action="store_true", help="every job, page by page")

    create = actions.add_parser(
        "create", parents=[where], help="upload a training file, start a job and follow it"
    )
    create.add_argument("-t", "--training-file", required=True, type=Path, metavar="FILE")
    create.add_argument("-m", "--model", required=True, help="the base model, e.g. gpt-4o-mini-2024-07-18")
    create.add_argument("-v", "--validation-file", type=Path, metavar="FILE")
    create.add_argument(
        "--suffix", help=f"up to {SUFFIX_MAX_CHARS} characters added to the fine-tuned model's name"
    )
    create.add_argument("--n-epochs", type=int, metavar="N")
    create.add_argument("--batch-size", type=int, metavar="N")
    create.add_argument("--learning-rate-multiplier", type=float, metavar="X")
    create.add_argument("--seed", type=int)
    create.add_argument("--no-follow", action="store_true", help="start the job and return")

    follow = actions.add_parser("follow", parents=[where], help="print a job's story until it ends")
    follow.add_argument("-i", "--id", required=True, metavar="JOB_ID")

    cancel = actions.add_parser("cancel", parents=[where], help="cancel a job")
    cancel.add_argument("-i", "--id", required=True, metavar="JOB_ID")
    return parser


def _paths(basedir: Path | None) -> AppPaths:
    return AppPaths(base=basedir) if basedir is not None else AppPaths.default()


# ---- connecting -------------------------------------------------------------------------------------------


@contextmanager
def _connected(args: argparse.Namespace, context: Environment) -> Iterator[tuple[TrainingProvider, str]]:
    """The provider the arguments name, and words for where it is; closed (with Practice's service) after."""
    env_key = context.env.get("OPENAI_API_KEY", "").strip()
    if args.base_url:
        if not args.base_url.startswith(("http://", "https://")):
            raise CommandError(f"--base-url must start with http:// or https://: {args.base_url}")
        # A local server may want no key; the SDK wants some text: a placeholder no service accepts as a key.
        config = ConnectionConfig(
            ServiceKind.COMPATIBLE, env_key or "no-key", base_url=args.base_url, timeout=DEFAULT_TIMEOUT
        )
        provider = OpenAICompatibleProvider(config)
        try:
            yield provider, args.base_url
        finally:
            provider.close()
        return
    settings = _load_settings(context.paths)
    profile = _pick_profile(settings, args.profile)
    if profile.kind is ProviderKind.PRACTICE:
        from desktop_app.simulator import SimulatorServer  # noqa: PLC0415 - only Practice needs the service

        server = SimulatorServer()
        server.start()
        provider = OpenAICompatibleProvider(connection_config(profile, "", practice_url=server.base_url))
        try:
            yield provider, "Practice (a simulated service that lasts as long as this command)"
        finally:
            provider.close()
            server.stop()
        return
    key = _key_for(profile, context) or env_key
    if not key:
        raise CommandError(
            f"no API key for profile {profile.name!r}: add it in the app's Settings or set OPENAI_API_KEY"
        )
    provider = OpenAICompatibleProvider(connection_config(profile, key))
    try:
        yield provider, f"profile {profile.name!r}"
    finally:
        provider.close()


def _load_settings(paths: AppPaths) -> Settings:
    return SettingsStore(paths.settings_file).load()


def _pick_profile(settings: Settings, wanted: str | None) -> Profile:
    if wanted is None:
        return settings.active_profile()
    for profile in settings.profiles:
        if profile.id == wanted:
            return profile
    matches = [p for p in settings.profiles if p.name.casefold() == wanted.casefold()]
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(repr(p.name) for p in settings.profiles)
    if matches:
        raise CommandError(
            f"several profiles are named {wanted!r}: use its id ({', '.join(p.id for p in matches)})"
        )
    raise CommandError(f"no profile named {wanted!r}; the profiles are {names}")


def _key_for(profile: Profile, context: Environment) -> str | None:
    secrets = context.secrets or SecretStore()
    try:
        return secrets.get_key(profile.id)
    except Exception as exc:
        if not context.env.get("OPENAI_API_KEY"):
            raise CommandError(f"the system keyring could not be read ({type(exc).__name__})") from exc
        return None


# ---- jobs list --------------------------------------------------------------------------------------------


def _jobs_list(
    args: argparse.Namespace, provider: TrainingProvider, where: str, out: TextIO, context: Environment
) -> int:
    if args.limit < 1:
        raise CommandError("--limit must be at least 1")
    jobs: list[Job] = []
    after: str | None = None
    more = True
    while more and (args.all or len(jobs) < args.limit):
        want = LIST_PAGE if args.all else min(LIST_PAGE, args.limit - len(jobs))
        page = provider.list_jobs(after=after, limit=want)
        jobs.extend(page.items)
        after = page.next_after
        more = after is not None
    if not jobs:
        out.write(f"No fine-tuning jobs yet ({where}).\n")
        return 0
    rows = [("JOB ID", "STATUS", "BASE MODEL", "FINE-TUNED MODEL / SUFFIX", "CREATED", "TOKENS")]
    rows += [
        (
            job.id,
            job.status,
            job.model,
            job.fine_tuned_model or (f"({job.suffix})" if job.suffix else "-"),
            _local_time(job.created_at),
            f"{job.trained_tokens:,}" if job.trained_tokens is not None else "-",
        )
        for job in jobs
    ]
    _write_table(out, rows)
    if more:
        out.write(f"… more jobs: add --all, or --limit {args.limit + 20}\n")
    return 0


# ---- jobs create ------------------------------------------------------------------------------------------


def _jobs_create(
    args: argparse.Namespace, provider: TrainingProvider, where: str, out: TextIO, context: Environment
) -> int:
    if args.suffix is not None and not is_valid_suffix(args.suffix):
        raise CommandError(
            f"--suffix {args.suffix!r}: use 1-{SUFFIX_MAX_CHARS} letters, digits, Chinese characters, "
            "'-', '_' or '.'"
        )
    for name, value in (("--n-epochs", args.n_epochs), ("--batch-size", args.batch_size)):
        if value is not None and value < 1:
            raise CommandError(f"{name} must be at least 1")
    if args.learning_rate_multiplier is not None and not args.learning_rate_multiplier > 0:
        raise CommandError("--learning-rate-multiplier must be above 0")
    training = _read_upload(args.training_file)
    validation = _read_upload(args.validation_file) if args.validation_file is not None else None

    with _upload_memory(args, context) as memory:
        training_id = _upload(provider, args.training_file, training, out, memory)
        validation_id = None
        if validation is not None:
            validation_id = _upload(provider, args.validation_file, validation, out, memory)
    request = JobRequest(
        base_model=args.model,
        training_file_id=training_id,
        validation_file_id=validation_id,
        suffix=args.suffix,
        seed=args.seed,
        hyperparameters=Hyperparameters(args.n_epochs, args.batch_size, args.learning_rate_multiplier),
    )
    job = provider.create_job(request)
    out.write(f"Created fine-tune: {job.id}\n")
    if args.no_follow:
        out.write(f"Follow it with: finetune-desk jobs follow -i {job.id}\n")
        return 0
    out.write(
        "Streaming events until fine-tuning is complete...\n\n"
        "(Ctrl-C will interrupt the stream, but not cancel the fine-tune)\n"
    )
    return _follow(provider, job.id, out, context)


@contextmanager
def _upload_memory(args: argparse.Namespace, context: Environment) -> Iterator[UploadMemory | None]:
    """The app's record of what it uploaded to a profile's service (shared with the window), so a file the
    service will not hand back (OpenAI) is known again; none for --base-url or Practice (it lasts a command)."""
    if args.base_url:
        yield None
        return
    profile = _pick_profile(_load_settings(context.paths), args.profile)
    if profile.kind is ProviderKind.PRACTICE:
        yield None
        return
    context.paths.ensure()
    with JobsCache(context.paths.jobs_cache_file) as cache:
        yield cache.upload_memory(profile.id)


def _upload(
    provider: TrainingProvider, path: Path, content: bytes, out: TextIO, memory: UploadMemory | None = None
) -> str:
    uploaded, reused = provider.upload_file_once(path.name, content, memory=memory)
    if reused:
        out.write(f"The service already has {path} as {uploaded.id}; using it\n")
    else:
        out.write(f"Uploaded file from {path}: {uploaded.id}\n")
    return uploaded.id


def _read_upload(path: Path) -> bytes:
    if path.suffix.lower() != ".jsonl":
        raise CommandError(
            f"{path}: a training file is JSONL (.jsonl); prepare it with `finetune-desk prepare`"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read ({exc.strerror or exc})") from exc


# ---- jobs follow ------------------------------------------------------------------------------------------


def _jobs_follow(
    args: argparse.Namespace, provider: TrainingProvider, where: str, out: TextIO, context: Environment
) -> int:
    return _follow(provider, args.id, out, context)


def _follow(provider: TrainingProvider, job_id: str, out: TextIO, context: Environment) -> int:
    """Print the job's story as it unfolds, then its status; 0 when it succeeded, 1 otherwise."""
    events: dict[str, JobEvent] = {}
    newest: str | None = None
    printed: set[tuple[int, str, str]] = set()
    failures = 0
    try:
        while True:
            try:
                job = provider.retrieve_job(job_id)
                fresh = _new_events(provider, job_id, newest)
            except ProviderError as exc:
                if not exc.is_transient:
                    raise
                failures += 1
                if failures == 1:
                    out.write(f"(the service did not answer: {exc.kind.value}; trying again)\n")
                out.flush()
                context.sleep(min(MAX_RETRY_WAIT_S, exc.retry_after or context.follow_interval * failures))
                continue
            failures = 0
            for event in fresh:
                events[event.id] = event
                newest = event.id
            for line in job_story(job, list(events.values())):
                key = (line.at, line.kind, line.text)
                if key not in printed:
                    printed.add(key)
                    out.write(format_story_line(line) + "\n")
            out.flush()
            if job.is_terminal:
                return _ended(job, out, _cost(job, context.paths))
            context.sleep(context.follow_interval)
    except KeyboardInterrupt:
        out.write(
            "\nStream interrupted (the job goes on).\n"
            f"To resume the stream, run: finetune-desk jobs follow -i {job_id}\n"
        )
        return 130


def _new_events(provider: TrainingProvider, job_id: str, newest: str | None) -> list[JobEvent]:
    if not provider.supports(Capability.EVENTS):
        return []
    try:
        return provider.new_events(job_id, newest)
    except UnsupportedFeatureError:
        return []  # the job's status alone still tells the story's end


def _cost(job: Job, paths: AppPaths) -> float | None:
    """What the job cost, once the service says how many tokens it trained on (at the app's prices, with the
    user's own edits)."""
    if job.trained_tokens is None:
        return None
    try:
        table = load_price_table(shipped_prices_path(), paths.prices_file)
    except PriceFileError:
        table = shipped_price_table()
    return trained_cost(job, table)


def _ended(job: Job, out: TextIO, cost: float | None) -> int:
    out.write(f"\nJob complete! Status: {job.status}\n")
    if job.trained_tokens:
        spent = "" if cost is None else f", about {_usd(cost)} at the app's prices"
        out.write(f"Trained tokens: {job.trained_tokens:,}{spent}\n")
    if job.status == "succeeded":
        hint = usage_hint(job)
        if hint:
            out.write(hint + "\n")
        return 0
    if job.error is not None and job.error.message:
        out.write(f"Reason: {job.error.message}\n")
    return 1


# ---- jobs cancel ------------------------------------------------------------------------------------------


def _jobs_cancel(
    args: argparse.Namespace, provider: TrainingProvider, where: str, out: TextIO, context: Environment
) -> int:
    job = provider.cancel_job(args.id)
    out.write(f"Cancelled {job.id}: status {job.status}\n")
    return 0


# ---- models list ------------------------------------------------------------------------------------------


def _models_list(
    args: argparse.Namespace, provider: TrainingProvider, where: str, out: TextIO, context: Environment
) -> int:
    models = provider.list_models()
    if args.fine_tuned:
        models = [m for m in models if m.is_fine_tuned]
    if not models:
        out.write(f"No {'fine-tuned ' if args.fine_tuned else ''}models ({where}).\n")
        return 0
    ordered = sorted(models, key=lambda m: (not m.is_fine_tuned, -m.created, m.id))
    rows = [("MODEL", "OWNED BY", "CREATED", "SHUTS DOWN")]
    rows += [(m.id, m.owned_by, _local_time(m.created), _shutdown(m)) for m in ordered]
    _write_table(out, rows)
    return 0


def _shutdown(model: ModelInfo) -> str:
    if not model.shutdown_date:
        return "-"
    try:
        days = (dt.date.fromisoformat(model.shutdown_date[:10]) - dt.date.today()).days
    except ValueError:
        return model.shutdown_date
    if days < 0:
        return f"{model.shutdown_date} (shut down)"
    return f"{model.shutdown_date} (in {days} days)" if days <= 60 else model.shutdown_date


# ---- words ------------------------------------------------------------------------------------------------


def describe_error(exc: ProviderError, args: argparse.Namespace | None = None) -> str:
    """One line: what went wrong and what to do."""
    kind = exc.kind
    said = f" (the service said: {exc.message})" if exc.message else ""
    status = f"HTTP {exc.status_code}: " if exc.status_code else ""
    if kind is ErrorKind.AUTHENTICATION:
        return f"{status}the key was not accepted; check it in the app's Settings or OPENAI_API_KEY{said}"
    if kind is ErrorKind.PERMISSION and exc.operation == "create_job":
        return (
            f"{status}this account may not start fine-tuning jobs{said}. On OpenAI: since May 2026 new "
            "organisations cannot fine-tune, and from 2027-01-06 nobody can start new jobs; trained models "
            "keep working. Try another OpenAI-compatible service with --profile or --base-url"
        )
    if kind is ErrorKind.PERMISSION:
        return f"{status}the account may not do this; check the organization, project and key's role{said}"
    if kind is ErrorKind.NOT_FOUND:
        return f"{status}not found: it may have been deleted, or the address is wrong{said}"
    if kind is ErrorKind.CONFLICT:
        return f"{status}refused: the job changed meanwhile (it may have ended already){said}"
    if kind is ErrorKind.RATE_LIMIT:
        wait = f"; try again in {exc.retry_after:g} s" if exc.retry_after else "; try again later"
        return f"{status}the service is busy or the quota is used up{wait}{said}"
    if kind is ErrorKind.SERVER:
        return f"{status}the service had an internal problem; try again later{said}"
    if kind is ErrorKind.TIMEOUT:
        return "the service took too long to answer; check the connection and try again"
    if kind is ErrorKind.CONNECTION:
        return "could not reach the service; check the connection and the address"
    if kind is ErrorKind.BAD_RESPONSE:
        return (
            "the service's answer could not be read (not the JSON expected); a proxy in between or an address "
            "that is not an OpenAI-compatible service usually causes this"
        )
    if kind is ErrorKind.UNSUPPORTED:
        return f"this service does not offer that ({exc.operation or 'request'})"
    return f"{status}the service rejected the request{said}"


def _usd(amount: float) -> str:
    return "less than $0.01" if 0 < amount < 0.005 else f"${amount:,.2f}"


def _local_time(timestamp: int) -> str:
    return dt.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


def _write_table(out: TextIO, rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        out.write(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() + "\n"
        )


_ACTIONS: dict[
    tuple[str, str], Callable[[argparse.Namespace, TrainingProvider, str, TextIO, Environment], int]
] = {
    ("jobs", "list"): _jobs_list,
    ("jobs", "create"): _jobs_create,
    ("jobs", "follow"): _jobs_follow,
    ("jobs", "cancel"): _jobs_cancel,
    ("models", "list"): _models_list,
}
