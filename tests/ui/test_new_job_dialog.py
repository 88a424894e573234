"""The New-job dialog, driven through its real widgets: data checked before money is spent, mismatches of data,
model and method refused with the reason, settings validated, the cost on the button, and every choice carried
out in :class:`NewJobChoice`."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot

from desktop_app.core.dataset import Dataset, Example, Message
from desktop_app.core.prices import shipped_price_table
from desktop_app.providers.types import Hyperparameters, JobRequest
from desktop_app.ui.jobs.new_job_dialog import (
    Evaluation,
    NewJobChoice,
    NewJobDialog,
    evaluate,
    metadata_problem,
    summarise,
)
from desktop_app.ui.workers import WorkerPool
from tests.ui.conftest import DATA

MINI = "gpt-4o-mini-2024-07-18"


@pytest.fixture
def pool(qtbot: QtBot) -> Iterator[WorkerPool]:
    p = WorkerPool(max_threads=2)
    yield p
    assert p.shutdown(5_000)
    p.deleteLater()


def rows(n: int = 12, **fields: object) -> list[Example]:
    return [Example(f"Question number {i}?", f"Answer number {i}.", **fields) for i in range(n)]  # type: ignore[arg-type]


def dataset(examples: list[Example] | None = None) -> Dataset:
    return Dataset(
        examples if examples is not None else rows(), default_system="You answer for the tea house."
    )


def settled(qtbot: QtBot, dialog: NewJobDialog) -> None:
    """Wait until the reading, checking and counting for the current choice are done."""
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.evaluation() is not None, timeout=15_000)


def open_dialog(
    qtbot: QtBot, pool: WorkerPool, data: Dataset | None = None, **kwargs: object
) -> NewJobDialog:
    values: dict[str, object] = {"practice": True, "default_model": MINI, "pool": pool}
    values.update(kwargs)
    dialog = NewJobDialog(data if data is not None else dataset(), **values)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    settled(qtbot, dialog)
    return dialog


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    """Click a radio button or checkbox on its indicator, where a user clicks (not the middle of a wide row)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def pick(dialog: NewJobDialog, model_id: str) -> None:
    ids = [dialog.model_combo.itemData(i) for i in range(dialog.model_combo.count())]
    dialog.model_combo.setCurrentIndex(ids.index(model_id))


def test_clean_data_can_start_and_the_suffix_is_checked(qtbot: QtBot, pool: WorkerPool) -> None:
    dialog = open_dialog(qtbot, pool)
    ok = dialog.ok_button
    assert ok.isEnabled(), dialog.problem_label.text()
    assert "no problems" in dialog.checks_label.text()
    dialog.suffix_edit.setText("bad:name")
    assert not ok.isEnabled()
    assert "letters, digits" in dialog.problem_label.text()
    dialog.suffix_edit.setText("茶舍-v1")
    assert ok.isEnabled()
    assert ":茶舍-v1:" in dialog.name_preview.text()
    assert dialog.name_preview.text().endswith(f"ft:{MINI}:<organisation>:茶舍-v1:<id>")
    assert "12 training example" in dialog.summary_label.text()
    assert "chat messages" in dialog.summary_label.text()


def test_legacy_model_with_conversations_is_refused(qtbot: QtBot, pool: WorkerPool) -> None:
    chat = [
        *rows(11),
        Example(
            "And on Sundays?",
            "Ten to six.",
            history=(Message("user", "Hours?"), Message("assistant", "9-21.")),
        ),
    ]
    dialog = open_dialog(qtbot, pool, dataset(chat))
    assert dialog.ok_button.isEnabled()
    pick(dialog, "babbage-002")
    assert "prompt/completion" in dialog.summary_label.text()
    problems = dialog.problem_label.text()
    assert "babbage-002" in problems
    assert "1 example(s) are conversations" in problems
    assert "Choose a chat model" in problems
    assert not dialog.ok_button.isEnabled()
    settled(qtbot, dialog)
    assert not dialog.ok_button.isEnabled()  # the checks agree: a conversation cannot be a legacy example
    pick(dialog, MINI)
    settled(qtbot, dialog)
    assert dialog.ok_button.isEnabled()


def test_dpo_needs_preference_rows_and_a_model_that_offers_it(qtbot: QtBot, pool: WorkerPool) -> None:
    plain = open_dialog(qtbot, pool)
    plain.set_method("dpo")
    assert "no rejected answers" in plain.problem_label.text()
    assert not plain.ok_button.isEnabled()
    assert plain.beta_spin.isEnabled() is False  # automatic until unticked
    assert plain.auto_beta.isEnabled()

    preference = open_dialog(
        qtbot, pool, dataset(rows(rejected="No idea.")), choose_file=lambda parent, title: DATA / "chat.jsonl"
    )
    assert not preference.auto_beta.isEnabled()  # supervised: beta does not apply
    preference.set_method("dpo")
    settled(qtbot, preference)
    assert preference.ok_button.isEnabled(), preference.problem_label.text()
    assert "preference pairs (DPO)" in preference.summary_label.text()
    with qtbot.waitSignal(preference.fileRead, timeout=10_000):
        click(qtbot, preference.validation_file_radio)  # chat examples: nothing to compare
    settled(qtbot, preference)
    assert "validation examples have no rejected answers" in preference.problem_label.text()
    assert not preference.ok_button.isEnabled()
    preference.no_validation_radio.setChecked(True)
    settled(qtbot, preference)
    assert preference.ok_button.isEnabled(), preference.problem_label.text()
    pick(preference, "gpt-3.5-turbo-0125")
    assert "GPT-3.5 Turbo does not offer DPO" in preference.problem_label.text()
    for offering in ("GPT-4o mini", "GPT-4.1 mini", "GPT-4.1 nano", "GPT-4.1,", "GPT-4o,"):
        assert offering in preference.problem_label.text() + ","  # every model that offers DPO is named
    assert not preference.ok_button.isEnabled()
    pick(preference, "davinci-002")
    assert "DPO needs a chat model" in preference.problem_label.text()
    preference.set_method("supervised")
    settled(qtbot, preference)
    assert not preference.problem_label.text()  # prompt/completion pairs: the rejected answers are left out


def test_dpo_checks_every_row_for_a_rejected_answer(qtbot: QtBot, pool: WorkerPool) -> None:
    mixed = [*rows(11, rejected="No idea."), Example("Open on Tuesdays?", "No, closed on Tuesdays.")]
    dialog = open_dialog(qtbot, pool, dataset(mixed))
    assert dialog.ok_button.isEnabled()  # supervised training leaves the rejected answers out
    dialog.set_method("dpo")
    settled(qtbot, dialog)
    assert "1 error(s) that stop training" in dialog.problem_label.text()
    assert "Row 12" in dialog.problem_label.text()
    assert not dialog.ok_button.isEnabled()


def test_blocking_errors_stop_it(qtbot: QtBot, pool: WorkerPool) -> None:
    broken = [*rows(10), Example("What is the wifi password?", ""), Example("", "Hello.")]
    dialog = open_dialog(qtbot, pool, dataset(broken))
    problems = dialog.problem_label.text()
    assert "2 error(s) that stop training" in problems
    assert "Row 11" in problems
    assert "Fix them in the Data tab" in problems
    assert "2 error(s)" in dialog.checks_label.text()
    assert not dialog.ok_button.isEnabled()
    assert dialog.reviewed_check.isHidden()


def test_warnings_need_an_explicit_review(qtbot: QtBot, pool: WorkerPool) -> None:
    twice = [*rows(11), Example("Question number 3?", "Answer number 3.")]
    dialog = open_dialog(qtbot, pool, dataset(twice))
    assert not dialog.problem_label.text()
    assert "1 warning(s)" in dialog.checks_label.text()
    assert "Row 12: Same question and answer as row 4." in dialog.warnings_label.text()
    assert dialog.reviewed_check.isVisible()
    assert not dialog.ok_button.isEnabled()
    click(qtbot, dialog.reviewed_check)
    assert dialog.reviewed_check.isChecked()
    assert dialog.ok_button.isEnabled()
    # Another model means other checks: the review has to be given again.
    pick(dialog, "gpt-4.1-nano-2025-04-14")
    settled(qtbot, dialog)
    assert not dialog.reviewed_check.isChecked()
    assert not dialog.ok_button.isEnabled()
    dialog.reviewed_check.setChecked(True)
    assert dialog.ok_button.isEnabled()


def test_cost_follows_epochs_and_model(qtbot: QtBot, pool: WorkerPool) -> None:
    dialog = open_dialog(qtbot, pool, dataset(rows(40)), practice=False, openai=True)
    evaluation = dialog.evaluation()
    assert isinstance(evaluation, Evaluation)
    assert evaluation.report is not None
    billed = evaluation.report.billed_tokens_per_epoch
    assert billed > 0
    auto = evaluation.report.epochs
    assert dialog.epochs_spin.value() == auto  # what "automatic" picks, shown greyed out
    assert f"{billed:,} billed tokens per epoch × {auto} epoch" in dialog.cost_label.text()
    estimate = dialog.estimated_usd()
    assert estimate == pytest.approx(billed * auto * 3.00 / 1_000_000)
    assert dialog.ok_button.text().startswith("Start training (about $")
    before = dialog.cost_label.text()

    dialog.auto_epochs.setChecked(False)
    dialog.epochs_spin.setValue(10)
    assert "× 10 epoch" in dialog.cost_label.text()
    assert dialog.cost_label.text() != before
    assert dialog.estimated_usd() == pytest.approx(billed * 10 * 3.00 / 1_000_000)
    assert dialog.choice().estimated_usd == dialog.estimated_usd()

    pick(dialog, "gpt-4.1-2025-04-14")
    settled(qtbot, dialog)
    assert "$25.00 per 1M tokens" in dialog.cost_label.text()
    assert dialog.estimated_usd() == pytest.approx(billed * 10 * 25.00 / 1_000_000)  # same tokenizer

    dialog.model_combo.setEditText("my-own-model")
    settled(qtbot, dialog)
    assert "Price unknown for my-own-model" in dialog.cost_label.text()
    assert dialog.ok_button.text() == "Start training (price unknown)"
    assert dialog.ok_button.isEnabled()
    assert dialog.choice().estimated_usd is None


def test_practice_mode_says_it_is_free(qtbot: QtBot, pool: WorkerPool) -> None:
    dialog = open_dialog(qtbot, pool)
    assert "Practice mode is free" in dialog.cost_label.text()
    assert dialog.ok_button.text() == "Start practice training (free)"


def test_jsonl_file_is_read_in_the_background(qtbot: QtBot, pool: WorkerPool) -> None:
    chosen: list[Path] = [DATA / "bad_line.jsonl"]
    dialog = open_dialog(qtbot, pool, choose_file=lambda parent, title: chosen[0])
    with qtbot.waitSignal(dialog.fileRead, timeout=10_000):
        click(qtbot, dialog.training_file_radio)
        assert dialog.is_busy()
        assert "Reading bad_line.jsonl" in dialog.training_status.text()
        assert not dialog.ok_button.isEnabled()
    assert dialog.training_file_radio.isChecked()
    assert "bad_line.jsonl, line 4" in dialog.training_status.text()
    assert "The training file cannot be used: bad_line.jsonl, line 4" in dialog.problem_label.text()
    assert not dialog.ok_button.isEnabled()

    chosen[0] = DATA / "chat.jsonl"
    with qtbot.waitSignal(dialog.fileRead, timeout=10_000):
        qtbot.mouseClick(dialog.training_file_button, Qt.MouseButton.LeftButton)
    settled(qtbot, dialog)
    assert "chat.jsonl: 12 example(s)" in dialog.training_status.text()
    assert dialog.ok_button.isEnabled(), dialog.problem_label.text()
    assert dialog.choice().training_source == DATA / "chat.jsonl"
    training = dialog.training_dataset()
    assert training is not None
    assert len(training.examples) == 12
    assert not dialog.split_radio.isEnabled()  # the Data tab's split belongs to the Data tab's rows

    dialog.data_tab_radio.setChecked(True)
    settled(qtbot, dialog)
    assert dialog.choice().training_source == "data_tab"


def test_a_cancelled_file_choice_keeps_the_data_tab(qtbot: QtBot, pool: WorkerPool) -> None:
    dialog = open_dialog(qtbot, pool, choose_file=lambda parent, title: None)
    click(qtbot, dialog.training_file_radio)
    assert dialog.data_tab_radio.isChecked()
    click(qtbot, dialog.validation_file_radio)
    assert dialog.no_validation_radio.isChecked()
    assert not dialog.is_busy()


def test_validation_split_and_file(qtbot: QtBot, pool: WorkerPool) -> None:
    examples = rows(16)
    for example in examples[-4:]:
        example.validation = True
    dialog = open_dialog(
        qtbot, pool, dataset(examples), choose_file=lambda parent, title: DATA / "chat.jsonl"
    )
    assert "(4 example(s))" in dialog.split_radio.text()
    assert "16 training example" in dialog.summary_label.text()  # no validation: every row trains
    dialog.split_radio.setChecked(True)
    settled(qtbot, dialog)
    assert "12 training example" in dialog.summary_label.text()
    assert "Validation examples are not charged" in dialog.cost_label.text()
    training, validation = dialog.training_dataset(), dialog.validation_dataset()
    assert training is not None
    assert validation is not None
    assert (len(training.examples), len(validation.examples)) == (12, 4)
    assert dialog.choice().validation_source == "split"

    with qtbot.waitSignal(dialog.fileRead, timeout=10_000):
        click(qtbot, dialog.validation_file_radio)
    settled(qtbot, dialog)
    assert dialog.ok_button.isEnabled(), dialog.problem_label.text()
    assert dialog.choice().validation_source == DATA / "chat.jsonl"
    validation = dialog.validation_dataset()
    assert validation is not None
    assert len(validation.examples) == 12


def test_metadata_is_validated(qtbot: QtBot, pool: WorkerPool) -> None:
    dialog = open_dialog(qtbot, pool)
    ok = dialog.ok_button
    qtbot.mouseClick(dialog.add_metadata_button, Qt.MouseButton.LeftButton)
    assert dialog.metadata_table.rowCount() == 1
    assert ok.isEnabled()  # a blank row is ignored
    value = dialog.metadata_table.item(0, 1)
    assert value is not None
    value.setText("tea-house")
    assert "Metadata row 1 has a value but no key" in dialog.problem_label.text()
    assert not ok.isEnabled()
    key = dialog.metadata_table.item(0, 0)
    assert key is not None
    key.setText("k" * 65)
    assert "longer than 64 characters" in dialog.problem_label.text()
    key.setText("project")
    assert ok.isEnabled()
    dialog.add_metadata_row("project", "other")
    assert "“project” is there twice" in dialog.problem_label.text()
    assert not ok.isEnabled()
    dialog.metadata_table.selectRow(1)
    qtbot.mouseClick(dialog.remove_metadata_button, Qt.MouseButton.LeftButton)
    assert dialog.metadata_table.rowCount() == 1
    assert ok.isEnabled()
    dialog.add_metadata_row("notes", "x" * 513)
    assert "value for “notes” is longer than 512" in dialog.problem_label.text()
    dialog.metadata_table.removeRow(1)
    for i in range(16):
        dialog.add_metadata_row(f"key{i}", "v")
    assert "at most 16 pairs" in dialog.problem_label.text()
    assert not ok.isEnabled()


def test_choice_carries_every_field(qtbot: QtBot, pool: WorkerPool) -> None:
    dialog = open_dialog(qtbot, pool, dataset(rows(rejected="No idea.")))
    assert dialog.choice() == NewJobChoice(
        base_model=MINI, suffix="", estimated_usd=dialog.estimated_usd()
    )  # everything automatic, supervised, no validation, no metadata
    dialog.set_method("dpo")
    qtbot.keyClicks(dialog.suffix_edit, "prefs-v2")
    dialog.auto_epochs.setChecked(False)
    dialog.epochs_spin.setValue(7)
    dialog.auto_batch.setChecked(False)
    dialog.batch_spin.setValue(16)
    dialog.auto_lr.setChecked(False)
    dialog.lr_spin.setValue(0.5)
    dialog.seed_check.setChecked(True)
    dialog.seed_spin.setValue(1234)
    dialog.auto_beta.setChecked(False)
    assert dialog.beta_spin.isEnabled()
    dialog.beta_spin.setValue(0.25)
    dialog.add_metadata_row("project", "tea-house")
    settled(qtbot, dialog)
    assert dialog.ok_button.isEnabled(), dialog.problem_label.text()
    choice = dialog.choice()
    assert choice == NewJobChoice(
        base_model=MINI,
        suffix="prefs-v2",
        n_epochs=7,
        batch_size=16,
        learning_rate_multiplier=0.5,
        seed=1234,
        method="dpo",
        beta=0.25,
        metadata={"project": "tea-house"},
        training_source="data_tab",
        validation_source=None,
        estimated_usd=dialog.estimated_usd(),
    )
    assert choice.estimated_usd is not None
    assert choice.job_request("file-train", "file-valid") == JobRequest(
        base_model=MINI,
        training_file_id="file-train",
        validation_file_id="file-valid",
        suffix="prefs-v2",
        seed=1234,
        hyperparameters=Hyperparameters(7, 16, 0.5),
        method="dpo",
        beta=0.25,
        metadata={"project": "tea-house"},
    )
    dialog.set_method("supervised")
    assert dialog.choice().beta is None  # beta belongs to DPO
    assert not dialog.beta_spin.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok_button.click()


def test_old_call_form_still_works(qtbot: QtBot) -> None:
    """The Jobs tab's earlier call: the number of rows it already checked, no rows and no pool."""
    dialog = NewJobDialog(24, practice=True)
    qtbot.addWidget(dialog)
    assert dialog.ok_button.isEnabled()
    assert "24 example(s)" in dialog.data_tab_radio.text()
    assert "checked in the Data tab" in dialog.checks_label.text()
    dialog.suffix_edit.setText("bad:name")
    assert not dialog.ok_button.isEnabled()
    # Positional, as start_job's callers use it; everything else keeps its default.
    choice = NewJobChoice("gpt-4o-mini-2024-07-18", "content", None)
    assert (choice.method, choice.training_source, choice.validation_source) == (
        "supervised",
        "data_tab",
        None,
    )
    assert choice.job_request("file-1") == JobRequest("gpt-4o-mini-2024-07-18", "file-1", suffix="content")


def test_catalogue_lists_format_limit_price_and_the_services_models(qtbot: QtBot, pool: WorkerPool) -> None:
    dialog = open_dialog(qtbot, pool, extra_models=["gpt-4o-mini", MINI])
    items = dialog.model_combo.model()
    names = [items.index(row, 0).data() for row in range(items.rowCount())]
    assert names.count("GPT-4o mini") == 1
    assert "gpt-4o-mini" in names  # the service's own id, listed once after the catalogue
    mini = names.index("GPT-4o mini")
    assert [items.index(mini, column).data() for column in range(1, 5)] == [
        "chat, DPO",
        "65,536 tokens",
        "$3.00 / 1M",
        "shuts down 2027-01-14",
    ]
    babbage = [items.index(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(items.rowCount())].index(
        "babbage-002"
    )
    assert items.index(babbage, 1).data() == "prompt/completion"
    assert "listed by the service" in items.index(names.index("gpt-4o-mini"), 4).data()
    pick(dialog, "gpt-4.1-nano-2025-04-14")
    assert "DPO available" in dialog.model_info_label.text()
    assert dialog.lifecycle_label.isHidden()


def test_shutdown_and_wind_down_notices(qtbot: QtBot, pool: WorkerPool) -> None:
    openai = open_dialog(qtbot, pool, practice=False, openai=True)
    notice = openai.findChild(QLabel, "windDownNotice")
    assert notice is not None
    assert "6 January 2027" in notice.text()
    assert "last 60 days" in notice.text()
    assert openai.findChild(QLabel, "practiceNotice") is None
    assert "2027-01-14" in openai.lifecycle_label.text()
    practice = open_dialog(qtbot, pool)
    assert practice.findChild(QLabel, "windDownNotice") is None
    assert practice.findChild(QLabel, "practiceNotice") is not None


def test_fits_a_small_screen(qtbot: QtBot, pool: WorkerPool) -> None:
    dialog = open_dialog(qtbot, pool, dataset([*rows(11), Example("Question number 3?", "Answer number 3.")]))
    dialog.add_metadata_row("project", "tea-house")
    hint = dialog.sizeHint()
    assert hint.width() <= 1280
    assert hint.height() <= 760


# ---------------------------------------------------------------------------------------- without widgets


def test_metadata_problem() -> None:
    assert metadata_problem([("a", "1"), ("", ""), ("b", "2")]) is None
    assert metadata_problem([("", "x")]) == ("no_key", 1, "")
    assert metadata_problem([("a", "1"), ("a", "2")]) == ("duplicate_key", 2, "a")
    assert metadata_problem([("k" * 64, "v" * 512)]) is None
    assert metadata_problem([("k" * 65, "v")])[0] == "key_too_long"  # type: ignore[index]
    assert metadata_problem([("k", "v" * 513)])[0] == "value_too_long"  # type: ignore[index]
    assert metadata_problem([(f"k{i}", "v") for i in range(17)]) == ("too_many", 17, "")


def test_summarise_and_evaluate() -> None:
    data = dataset([*rows(10), Example("q?", "a.", rejected="b."), Example("q2?", "a2.", tools="[]")])
    summary = summarise(data)
    assert (summary.examples, summary.preference_rows, summary.conversations) == (12, 1, 1)
    supervised = evaluate(data, None, MINI, "supervised", shipped_price_table())
    assert not [i for i in supervised.errors if i.code == "missing_rejected"]  # rejected answers are left out
    dpo = evaluate(data, None, MINI, "dpo", shipped_price_table())
    assert len([i for i in dpo.errors if i.code == "missing_rejected"]) == 11
    assert supervised.report is not None
    assert supervised.report.billed_tokens_per_epoch > 0
    small = dataclasses.replace(data, examples=data.examples[:2])
    with_validation = evaluate(data, small, MINI, "supervised", shipped_price_table())
    assert not [i for i in with_validation.validation_errors if i.code == "too_few_examples"]
    assert not with_validation.validation_lacks_preference
    assert evaluate(data, small, MINI, "dpo", shipped_price_table()).validation_lacks_preference
