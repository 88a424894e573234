"""The New-job dialog: validates the name, warns about model shutdowns and OpenAI's wind-down."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel

from desktop_app.ui.jobs.new_job_dialog import NewJobDialog


def test_suffix_is_checked(qtbot) -> None:
    dialog = NewJobDialog(24, practice=True)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    dialog.suffix_edit.setText("bad:name")
    assert not ok.isEnabled()
    assert dialog.problem_label.text()
    dialog.suffix_edit.setText("茶舍-v1")
    assert ok.isEnabled()
    choice = dialog.choice()
    assert choice.suffix == "茶舍-v1"
    assert choice.n_epochs is None
    dialog.auto_epochs.setChecked(False)
    dialog.epochs_spin.setValue(7)
    assert dialog.choice().n_epochs == 7
    assert ":茶舍-v1:" in dialog.name_preview.text()


def test_legacy_model_changes_the_upload_format(qtbot) -> None:
    dialog = NewJobDialog(12, practice=True)
    qtbot.addWidget(dialog)
    ids = [dialog.model_combo.itemData(i) for i in range(dialog.model_combo.count())]
    dialog.model_combo.setCurrentIndex(ids.index("babbage-002"))
    assert dialog.base_model() == "babbage-002"
    assert "prompt/completion" in dialog.summary_label.text()


def test_shutdown_and_wind_down_notices(qtbot) -> None:
    openai = NewJobDialog(30, practice=False, openai=True, default_model="gpt-4o-mini-2024-07-18")
    qtbot.addWidget(openai)
    assert openai.findChild(QLabel, "windDownNotice") is not None
    assert openai.findChild(QLabel, "practiceNotice") is None
    assert "2027-01-14" in openai.lifecycle_label.text()
    practice = NewJobDialog(30, practice=True)
    qtbot.addWidget(practice)
    assert practice.findChild(QLabel, "windDownNotice") is None
    assert practice.findChild(QLabel, "practiceNotice") is not None
