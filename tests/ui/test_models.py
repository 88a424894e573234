"""Every Qt model passes Qt's own model tester, and behaves as a thin adapter over plain rows."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.core.dataset import Example
from desktop_app.core.validation import Issue, Severity
from desktop_app.providers.types import Job
from desktop_app.ui.data.issues_model import ROW_ROLE, IssueListModel
from desktop_app.ui.data.table_model import COL_COMPLETION, COL_PROMPT, ISSUES_ROLE, DatasetTableModel
from desktop_app.ui.jobs.jobs_model import COL_STATUS, JOB_ID_ROLE, JobsTableModel


def _job(job_id: str, status: str = "running", created: int = 1_700_000_000) -> Job:
    return Job(
        id=job_id, model="gpt-4o-mini-2024-07-18", status=status, created_at=created, training_file="file-1"
    )


def test_dataset_model_passes_modeltester(qtmodeltester) -> None:
    model = DatasetTableModel()
    model.set_examples([Example("问", "答"), Example("q2", "a2", "sys")])
    qtmodeltester.check(model)
    assert model.insertRows(1, 2)
    assert model.removeRows(0, 1)
    qtmodeltester.check(model)


def test_dataset_model_edits_change_the_plain_rows(qtbot) -> None:
    rows = [Example("问题一", "答案一"), Example("问题二", "答案二")]
    model = DatasetTableModel()
    model.set_examples(rows)
    snapshot = model.examples()  # what a worker reads while the user keeps editing
    with qtbot.waitSignal(model.edited):
        assert model.setData(model.index(1, COL_COMPLETION), "新答案")
    assert rows[1].completion == "新答案"  # the model's own list of rows
    assert model.example(1).completion == "新答案"
    assert snapshot[1].completion == "答案二"  # an edit replaces the row, never changes it under a worker
    assert snapshot is not model.examples()
    assert not model.setData(model.index(1, COL_COMPLETION), "新答案")  # no change, no signal, no edit


def test_dataset_model_marks_rows_with_issues(qtbot) -> None:
    model = DatasetTableModel()
    model.set_examples([Example("", "a"), Example("q", "a")])
    issue = Issue(Severity.ERROR, "empty_prompt", 0, "prompt", {}, "Row 1: the prompt is empty.")
    model.set_issues([issue])
    assert model.index(0, COL_PROMPT).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, COL_COMPLETION).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(1, COL_PROMPT).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, COL_PROMPT).data(ISSUES_ROLE) == [issue]
    assert "empty" in model.index(0, COL_PROMPT).data(Qt.ItemDataRole.ToolTipRole)
    model.insertRows(0, 1)  # the issue moves with its row until the next check
    assert model.index(1, COL_PROMPT).data(ISSUES_ROLE) == [issue]
    assert model.index(0, COL_PROMPT).data(ISSUES_ROLE) == []


def test_jobs_model_updates_in_place_on_polls(qtmodeltester, qtbot) -> None:
    model = JobsTableModel()
    model.set_jobs([_job("ftjob-b"), _job("ftjob-a")])
    qtmodeltester.check(model)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(model.dataChanged):
        model.set_jobs([_job("ftjob-b", "succeeded"), _job("ftjob-a")])
    assert not resets
    assert model.index(0, COL_STATUS).data() == "Succeeded"
    model.upsert(_job("ftjob-c"))
    assert model.index(0, 0).data(JOB_ID_ROLE) == "ftjob-c"
    assert model.rowCount() == 3
    qtmodeltester.check(model)


def test_issue_list_sorts_errors_first(qtmodeltester) -> None:
    model = IssueListModel()
    model.set_issues(
        [
            Issue(Severity.INFO, "few_examples", None, None, {"count": 12, "recommended": 50}, "few"),
            Issue(Severity.ERROR, "empty_completion", 4, "completion", {}, "Row 5: empty"),
            Issue(Severity.WARNING, "duplicate_example", 7, None, {"first_row": 2}, "Row 8 repeats row 3."),
        ]
    )
    qtmodeltester.check(model)
    texts = [model.index(i, 0).data() for i in range(3)]
    assert texts[0].startswith("Row 5")
    assert "row 3" in texts[1]
    assert "12" in texts[2]
    assert model.index(0, 0).data(ROW_ROLE) == 4


def test_chat_model_order_puts_own_models_first_and_legacy_last() -> None:
    from desktop_app.providers.types import ModelInfo
    from desktop_app.ui.chat.model_picker import order_models

    models = [
        ModelInfo("babbage-002", 1, "system"),
        ModelInfo("gpt-4o-mini-2024-07-18", 2, "system"),
        ModelInfo("ft:gpt-4o-mini-2024-07-18:org:old:1", 10, "user"),
        ModelInfo("ft:gpt-4o-mini-2024-07-18:org:new:2", 20, "user"),
        ModelInfo("davinci-002", 3, "system"),
    ]
    assert [m.id for m in order_models(models)] == [
        "ft:gpt-4o-mini-2024-07-18:org:new:2",
        "ft:gpt-4o-mini-2024-07-18:org:old:1",
        "gpt-4o-mini-2024-07-18",
        "babbage-002",
        "davinci-002",
    ]


def test_import_warnings_are_worded_for_users(qapp) -> None:
    from desktop_app.core.formats import read_dataset
    from desktop_app.ui.data.issues_model import describe_import_warning
    from tests.ui.conftest import DATA

    warnings = read_dataset(DATA / "content.xlsx").warnings
    texts = {w.code: describe_import_warning(w) for w in warnings}
    assert "“问答” was read" in texts["multiple_sheets"]
    extra = read_dataset(DATA / "missing_column.xlsx", columns={"prompt": "问题", "completion": "备注"})
    assert extra.warnings == []
    from desktop_app.core import formats

    assert "备注" in describe_import_warning(formats.ImportWarning("extra_columns", "", {"columns": "备注"}))


def test_model_labels_read_naturally() -> None:
    from desktop_app.ui.chat.model_picker import model_label

    assert (
        model_label("ft:gpt-4o-mini-2024-07-18:practice:content:abc123") == "content · gpt-4o-mini-2024-07-18"
    )
    assert (
        model_label("ft:gpt-4o-mini-2024-07-18:org:tea:abc:ckpt-step-96")
        == "tea · gpt-4o-mini-2024-07-18 · ckpt-step-96"
    )
    assert model_label("gpt-4o-mini-2024-07-18") == "gpt-4o-mini-2024-07-18"
    assert model_label("ft:davinci-002:org::xyz") == "ft:davinci-002:org::xyz"  # no suffix: the id says most
