"""`finetune-desk jobs ...` and `models list`: the seed's commands, against the Practice service over real HTTP
with the real openai SDK, through profiles (keyring) or --base-url (OPENAI_API_KEY)."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.cli_jobs import Environment, jobs_main, models_main
from desktop_app.simulator import Fault, SimulatorConfig, SimulatorServer
from desktop_app.storage.paths import AppPaths
from desktop_app.storage.secrets import SecretStore
from desktop_app.storage.settings import Profile, ProviderKind, SettingsStore
from tests.cli_probe import run_entry_point
from tests.storage.memory_keyring import MemoryKeyring

DATA = Path(__file__).resolve().parent / "data"
KEY = "sk-cli-test"


@pytest.fixture
def server() -> Iterator[SimulatorServer]:
    with SimulatorServer(config=SimulatorConfig.fast(require_api_key=KEY)) as srv:
        yield srv


@pytest.fixture
def training(tmp_path: Path) -> Path:
    return Path(shutil.copy(DATA / "chat.jsonl", tmp_path / "content_prepared.jsonl"))


def _environment(tmp_path: Path, *, key: str | None = KEY, secrets: SecretStore | None = None) -> Environment:
    env = {"OPENAI_API_KEY": key} if key is not None else {}
    return Environment(
        env=env,
        paths=AppPaths(base=tmp_path / "profile"),
        secrets=secrets,
        sleep=lambda seconds: None,  # the simulated job moves on its own clock; polling need not wait
        follow_interval=0.0,
    )


def _run(main: object, args: list[str], environment: Environment) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    assert callable(main)
    status = main(args, stdout=out, stderr=err, environment=environment)
    return status, out.getvalue(), err.getvalue()


def _jobs(args: list[str], environment: Environment) -> tuple[int, str, str]:
    return _run(jobs_main, args, environment)


def _created_id(output: str) -> str:
    found = re.search(r"Created fine-tune: (\S+)", output)
    assert found, output
    return found.group(1)


def test_create_uploads_starts_and_follows_to_the_end(
    server: SimulatorServer, training: Path, tmp_path: Path
) -> None:
    environment = _environment(tmp_path)
    status, out, err = _jobs(
        [
            "create",
            "-t",
            str(training),
            "-m",
            "gpt-4o-mini-2024-07-18",
            "--suffix",
            "content",
            "--n-epochs",
            "2",
            "--base-url",
            server.base_url,
        ],
        environment,
    )
    assert status == 0, err
    assert re.search(r"Uploaded file from .*content_prepared.jsonl: file-", out)
    lines = out.splitlines()
    story = [re.sub(r"^\[[\d\- :]+\] ", "", line) for line in lines if line.startswith("[")]
    # The legacy follow's story, in order.
    wanted = ["Created fine-tune", "Fine-tune started", "Completed epoch 1/2", "Completed epoch 2/2"]
    positions = [next(i for i, text in enumerate(story) if text.startswith(w)) for w in wanted]
    assert positions == sorted(positions)
    assert any(text.startswith("Fine-tune succeeded") for text in story)
    assert "Job complete! Status: succeeded" in out
    assert re.search(r"Trained tokens: [\d,]+, about (\$[\d.]+|less than \$0\.01) at the app's prices", out)
    assert re.search(r"ft:gpt-4o-mini-2024-07-18:practice:content:", out)  # the hint names the model
    # The job is listed afterwards, with its fine-tuned model.
    job_id = _created_id(out)
    status, listing, _ = _jobs(["list", "--base-url", server.base_url], environment)
    assert status == 0
    row = next(line for line in listing.splitlines() if line.startswith(job_id))
    assert "succeeded" in row
    assert "ft:gpt-4o-mini-2024-07-18:practice:content:" in row


def test_follow_a_job_created_without_following(
    server: SimulatorServer, training: Path, tmp_path: Path
) -> None:
    environment = _environment(tmp_path)
    base = ["--base-url", server.base_url]
    status, out, _ = _jobs(
        ["create", "-t", str(training), "-m", "gpt-4o-mini-2024-07-18", "--no-follow", *base], environment
    )
    assert status == 0
    job_id = _created_id(out)
    assert f"finetune-desk jobs follow -i {job_id}" in out
    assert "Job complete" not in out
    status, followed, _ = _jobs(["follow", "-i", job_id, *base], environment)
    assert status == 0
    assert followed.count("Fine-tune succeeded") == 1  # each line once, however many polls it took


def test_cancel_then_follow_ends_with_cancelled(tmp_path: Path, training: Path) -> None:
    slow = SimulatorConfig.fast(require_api_key=KEY, queued_seconds=30)
    with SimulatorServer(config=slow) as server:
        environment = _environment(tmp_path)
        base = ["--base-url", server.base_url]
        status, out, _ = _jobs(
            ["create", "-t", str(training), "-m", "gpt-4o-mini-2024-07-18", "--no-follow", *base], environment
        )
        job_id = _created_id(out)
        status, out, _ = _jobs(["cancel", "-i", job_id, *base], environment)
        assert status == 0
        assert f"Cancelled {job_id}: status cancelled" in out
        status, out, _ = _jobs(["follow", "-i", job_id, *base], environment)
        assert status == 1  # the job did not succeed
        assert "Fine-tune cancelled" in out
        assert "Job complete! Status: cancelled" in out
        # Cancelling again: the service refuses, one line says why.
        status, _, err = _jobs(["cancel", "-i", job_id, *base], environment)
        assert status == 1
        assert err.count("\n") == 1
        assert err.startswith("error: ")
        assert "already" in err


def test_a_failed_job_exits_1_with_its_reason(server: SimulatorServer, tmp_path: Path) -> None:
    few = tmp_path / "few.jsonl"
    few.write_text(
        "".join((DATA / "chat.jsonl").read_text(encoding="utf-8").splitlines(True)[:3]), encoding="utf-8"
    )
    status, out, _ = _jobs(
        ["create", "-t", str(few), "-m", "gpt-4o-mini-2024-07-18", "--base-url", server.base_url],
        _environment(tmp_path),
    )
    assert status == 1
    assert "Job complete! Status: failed" in out
    assert re.search(r"Reason: .*10", out)  # the service's reason: at least 10 examples


def _with_profile(tmp_path: Path, profile: Profile) -> SecretStore:
    """The app's settings under ``tmp_path`` with ``profile`` added, and a keyring holding its key."""
    paths = AppPaths(base=tmp_path / "profile")
    paths.ensure()
    store = SettingsStore(paths.settings_file)
    settings = store.load()
    settings.add_profile(profile)
    store.save(settings)
    secrets = SecretStore(backend=MemoryKeyring())
    secrets.set_key(profile.id, KEY)
    return secrets


def test_profile_key_comes_from_the_keyring(server: SimulatorServer, training: Path, tmp_path: Path) -> None:
    secrets = _with_profile(
        tmp_path,
        Profile(id="local", name="My server", kind=ProviderKind.COMPATIBLE, base_url=server.base_url),
    )
    environment = _environment(tmp_path, key=None, secrets=secrets)
    status, out, err = _jobs(["list", "--profile", "my server"], environment)  # names match without case
    assert status == 0, err
    assert "No fine-tuning jobs yet (profile 'My server')" in out
    # Without the key, nothing is sent and the line says where to put one.
    status, _, err = _jobs(
        ["list", "--profile", "local"],
        _environment(tmp_path, key=None, secrets=SecretStore(backend=MemoryKeyring())),
    )
    assert status == 2
    assert "no API key for profile 'My server'" in err
    status, _, err = _jobs(["list", "--profile", "nope"], environment)
    assert status == 2
    assert "no profile named 'nope'" in err
    assert "'My server'" in err


def test_practice_runs_a_whole_job_inside_the_command(training: Path, tmp_path: Path) -> None:
    # A fresh profile's active service is Practice: no key, no network, a simulated job from start to end.
    status, out, err = _jobs(
        ["create", "-t", str(training), "-m", "gpt-4o-mini-2024-07-18", "--n-epochs", "1"],
        _environment(tmp_path, key=None),
    )
    assert status == 0, err
    assert "Job complete! Status: succeeded" in out


def test_a_wrong_key_is_one_line_and_status_1(server: SimulatorServer, tmp_path: Path) -> None:
    status, out, err = _jobs(["list", "--base-url", server.base_url], _environment(tmp_path, key="sk-wrong"))
    assert status == 1
    assert out == ""
    assert err.count("\n") == 1
    assert "HTTP 401" in err
    assert "key was not accepted" in err


def test_forbidden_create_explains_the_openai_wind_down(
    server: SimulatorServer, training: Path, tmp_path: Path
) -> None:
    server.faults.add(Fault(path=r"/fine_tuning/jobs$", method="POST", status=403))
    status, _, err = _jobs(
        ["create", "-t", str(training), "-m", "gpt-4o-mini-2024-07-18", "--base-url", server.base_url],
        _environment(tmp_path),
    )
    assert status == 1
    assert "2027-01-06" in err
    assert "--base-url" in err


def test_follow_rides_out_a_busy_service(server: SimulatorServer, training: Path, tmp_path: Path) -> None:
    environment = _environment(tmp_path)
    base = ["--base-url", server.base_url]
    _, out, _ = _jobs(
        ["create", "-t", str(training), "-m", "gpt-4o-mini-2024-07-18", "--no-follow", *base], environment
    )
    job_id = _created_id(out)
    waits: list[float] = []
    patient = Environment(
        env=environment.env, paths=environment.paths, sleep=waits.append, follow_interval=0.0
    )
    # Three refusals: more than the SDK's own retries (it honours Retry-After too), so the command sees one.
    server.faults.add(Fault(path=rf"/fine_tuning/jobs/{job_id}$", status=429, retry_after=0.05, times=3))
    status, out, _ = _jobs(["follow", "-i", job_id, *base], patient)
    assert status == 0
    assert out.count("trying again") == 1  # said once, not at every retry
    assert 0.05 in waits  # the service's Retry-After was honoured


def test_an_unreadable_answer_is_one_line_and_a_failure(server: SimulatorServer, tmp_path: Path) -> None:
    server.faults.add(Fault(path=r"/fine_tuning/jobs$", method="GET", malformed="html"))
    status, out, err = _jobs(["list", "--base-url", server.base_url], _environment(tmp_path))
    assert status == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "could not be read" in err
    assert "proxy" in err


def test_create_uses_a_file_the_service_already_has(
    server: SimulatorServer, training: Path, tmp_path: Path
) -> None:
    environment = _environment(tmp_path)
    args = ["create", "-t", str(training), "-m", "gpt-4o-mini-2024-07-18", "--no-follow"]
    first_status, first, _ = _jobs([*args, "--base-url", server.base_url], environment)
    second_status, second, _ = _jobs([*args, "--base-url", server.base_url], environment)
    assert (first_status, second_status) == (0, 0)
    assert "Uploaded file from" in first
    assert "already has" in second
    assert len(server.state.list_files("fine-tune", None, 100, "desc")["data"]) == 1


def test_unknown_job_and_usage_errors(server: SimulatorServer, tmp_path: Path) -> None:
    environment = _environment(tmp_path)
    status, _, err = _jobs(["follow", "-i", "ftjob-missing", "--base-url", server.base_url], environment)
    assert status == 1
    assert "not found" in err
    status, _, err = _jobs(["create", "-t", "x.csv", "-m", "m", "--base-url", server.base_url], environment)
    assert status == 2
    assert "JSONL" in err
    status, _, err = _jobs(
        ["create", "-t", "x.jsonl", "-m", "m", "--suffix", "a:b", "--base-url", server.base_url], environment
    )
    assert status == 2
    assert "--suffix" in err
    status, _, err = _jobs(["list", "--base-url", "localhost:1"], environment)
    assert status == 2
    assert "http://" in err
    status, _, _ = _jobs(["list", "--limit", "0", "--base-url", server.base_url], environment)
    assert status == 2


def test_models_list_puts_fine_tuned_models_first(
    server: SimulatorServer, training: Path, tmp_path: Path
) -> None:
    environment = _environment(tmp_path)
    base = ["--base-url", server.base_url]
    status, _, _ = _jobs(
        ["create", "-t", str(training), "-m", "gpt-4o-mini-2024-07-18", "--suffix", "shop", *base],
        environment,
    )
    assert status == 0
    status, out, _ = _run(models_main, ["list", *base], environment)
    assert status == 0
    rows = out.splitlines()[1:]
    assert rows[0].startswith("ft:gpt-4o-mini-2024-07-18:practice:shop:")
    assert any(row.startswith("gpt-4o-mini-2024-07-18") for row in rows)
    status, out, _ = _run(models_main, ["list", "--fine-tuned", *base], environment)
    assert all(line.startswith("ft:") for line in out.splitlines()[1:])


def test_list_pages_through_every_job(server: SimulatorServer, training: Path, tmp_path: Path) -> None:
    environment = _environment(tmp_path)
    base = ["--base-url", server.base_url]
    for _ in range(3):
        _jobs(
            ["create", "-t", str(training), "-m", "gpt-4o-mini-2024-07-18", "--no-follow", *base], environment
        )
    status, out, _ = _jobs(["list", "--limit", "2", *base], environment)
    assert status == 0
    assert len([line for line in out.splitlines() if line.startswith("ftjob-")]) == 2
    assert "--all" in out  # says there are more
    status, out, _ = _jobs(["list", "--all", *base], environment)
    assert len([line for line in out.splitlines() if line.startswith("ftjob-")]) == 3


def test_entry_point_runs_jobs_without_qt(server: SimulatorServer, tmp_path: Path) -> None:
    result = run_entry_point(
        ["jobs", "list", "--base-url", server.base_url], tmp_path, env={"OPENAI_API_KEY": KEY}
    )
    assert result.returncode == 0, result.stderr
    assert "No fine-tuning jobs yet" in result.stdout
    assert result.stdout.rstrip().endswith("LOADED: []")


def test_create_through_a_profile_knows_its_own_upload_where_the_service_will_not_hand_it_back(
    server: SimulatorServer, training: Path, tmp_path: Path
) -> None:
    secrets = _with_profile(
        tmp_path, Profile(id="gw", name="Gateway", kind=ProviderKind.COMPATIBLE, base_url=server.base_url)
    )
    # As on OpenAI: fine-tuning files cannot be downloaded, so the content cannot be compared.
    server.faults.add(Fault(path=r"^/v1/files/[^/]+/content$", method="GET", status=400, times=None))
    environment = _environment(tmp_path, key=None, secrets=secrets)
    args = ["create", "-t", str(training), "-m", "gpt-4o-mini-2024-07-18", "--no-follow", "--profile", "gw"]
    first_status, first, _ = _jobs(args, environment)
    second_status, second, err = _jobs(args, environment)
    assert (first_status, second_status) == (0, 0), err
    assert "Uploaded file from" in first
    assert (
        "already has" in second
    )  # the app remembered what it uploaded (the jobs cache, shared with the window)
    assert len(server.state.list_files("fine-tune", None, 100, "desc")["data"]) == 1
    assert not [r for r in server.requests if r.path.endswith("/content")]  # nothing had to be downloaded
