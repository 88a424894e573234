"""Take one screenshot per tab from the real app, walking the Practice-mode workflow.

Run under an X server, e.g.:  xvfb-run -a -s "-screen 0 1280x800x24" uv run python packaging/screenshots.py
Writes docs/screenshots/{data,jobs,chat}.png and the main dialogs (and *_zh_CN.png with --lang zh_CN).
``--lang pseudo`` shows the pseudo-locale (every text longer, accented, in brackets: see
desktop_app/ui/pseudo.py) to find clipped text:  ... --lang pseudo --out docs/screenshots/pseudo
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QLocale, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from desktop_app.app import install_translations
from desktop_app.resources import sample_dataset_path
from desktop_app.simulator import SimulatorConfig
from desktop_app.storage.paths import AppPaths
from desktop_app.storage.secrets import SecretStore
from desktop_app.storage.settings import GUIDE_CLOSED, SettingsStore
from desktop_app.ui.jobs.new_job_dialog import NewJobChoice
from desktop_app.ui.main_window import AppContext, MainWindow
from desktop_app.ui.pseudo import install_pseudo_translation
from desktop_app.ui.theme import ThemeKeeper

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = sample_dataset_path()


def pump(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def wait_until(predicate: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit("screenshots: timed out waiting for the app")
        pump(0.05)


def shoot_dialog(dialog: QDialog, path: Path) -> None:
    wait_until(dialog.isVisible)
    pump(0.5)
    dialog.grab().save(str(path))
    dialog.reject()
    pump(0.2)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", default="en", help='a language code ("zh_CN"), or "pseudo"')
    parser.add_argument("--no-guide", action="store_true", help="without the Getting-started guide")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = ("" if args.lang == "en" else f"_{args.lang}") + ("_dark" if args.theme == "dark" else "")

    app = QApplication(sys.argv[:1])
    ThemeKeeper(app, args.theme, app)  # a child of the application: it lives as long
    if args.lang == "pseudo":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        install_pseudo_translation(app)
    else:
        install_translations(app, args.lang)
    with tempfile.TemporaryDirectory(prefix="ftd-shots-") as base:
        paths = AppPaths(base=Path(base))
        paths.ensure()
        store = SettingsStore(paths.settings_file)
        settings = store.load()
        if args.no_guide:
            settings.guide = GUIDE_CLOSED
        context = AppContext(
            paths=paths,
            settings_store=store,
            settings=settings,
            secrets=SecretStore(),
            simulator_config=SimulatorConfig(validating_seconds=0.3, queued_seconds=0.3, step_seconds=0.04),
            poll_active_interval=0.3,
            poll_idle_interval=2.0,
        )
        window = MainWindow(context)
        window.resize(1240, 760)
        window.show()
        pump(0.5)

        data = window.data_tab
        data.open_file(SAMPLE)
        wait_until(lambda: data.model.rowCount() > 0 and data.issues_label.text() != data.tr("Check results"))
        data.system_prompt_edit.setText("你是“青山茶舍”的客服助手。")
        data.table.selectRow(2)
        pump(0.5)
        window.grab().save(str(args.out / f"data{suffix}.png"))

        jobs = window.jobs_tab
        window.tabs.setCurrentWidget(jobs)
        jobs.start_job(NewJobChoice("gpt-4o-mini-2024-07-18", "content", None))
        wait_until(lambda: jobs.model.rowCount() > 0 and jobs.selected_job_id() is not None)
        wait_until(
            lambda: (
                jobs.status_label.text() == jobs.tr("Succeeded") or "Succeeded" in jobs.status_label.text()
            )
        )
        pump(1.0)
        window.grab().save(str(args.out / f"jobs{suffix}.png"))
        jobs.detail_tabs.setCurrentIndex(1)
        pump(0.3)
        window.grab().save(str(args.out / f"jobs_chart{suffix}.png"))
        jobs.detail_tabs.setCurrentIndex(2)
        pump(0.3)
        window.grab().save(str(args.out / f"jobs_checkpoints{suffix}.png"))
        jobs.detail_tabs.setCurrentIndex(3)
        pump(0.3)
        window.grab().save(str(args.out / f"jobs_log{suffix}.png"))
        jobs.detail_tabs.setCurrentIndex(0)

        jobs.chat_button.click()
        chat = window.chat_tab
        wait_until(lambda: (chat.current_model() or "").startswith("ft:"))
        question = data.model.example(3).prompt
        chat.input.setPlainText(question)
        chat.send()
        wait_until(lambda: not chat.is_streaming)
        chat.input.setPlainText("你们营业到几点？")
        chat.send()
        wait_until(lambda: not chat.is_streaming)
        pump(0.5)
        window.grab().save(str(args.out / f"chat{suffix}.png"))

        chat.compare_mode_button.click()
        compare = chat.compare
        compare.add_column()
        compare.send(question)
        wait_until(lambda: not compare.is_streaming)
        pump(0.5)
        window.grab().save(str(args.out / f"chat_compare{suffix}.png"))
        chat.chat_mode_button.click()

        window.tabs.setCurrentWidget(jobs)
        new_job = jobs.open_new_job_dialog()
        if new_job is not None:
            wait_until(lambda: not new_job.is_busy() and new_job.evaluation() is not None)
            shoot_dialog(new_job, args.out / f"dialog_new_job{suffix}.png")
        shoot_dialog(window.open_settings(), args.out / f"dialog_settings{suffix}.png")
        shoot_dialog(window.open_prices(), args.out / f"dialog_prices{suffix}.png")

        QTimer.singleShot(0, window.close)
        pump(0.5)
        window.shutdown()
    print(f"screenshots written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
