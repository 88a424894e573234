"""What keeps the window responsive with 100,000 rows: no Python call per row where Qt can do without one."""

from __future__ import annotations

import random

from PySide6.QtCore import QModelIndex

from desktop_app.core.dataset import Example
from desktop_app.core.validation import Issue, Severity
from desktop_app.ui.data.issues_model import FETCH_BATCH, ROW_ROLE, IssueListModel
from desktop_app.ui.data.proxy import DatasetFilterProxy
from desktop_app.ui.data.table_model import DatasetTableModel


def _issue(severity: Severity, row: int | None) -> Issue:
    return Issue(severity, "duplicate_example", row, None, {"first_row": 0}, f"Row {row} repeats row 1.")


def test_the_row_filter_is_python_only_while_filtering(qtmodeltester) -> None:
    model = DatasetTableModel()
    model.set_examples([Example(f"问题{i}", f"答案{i}") for i in range(30)])
    proxy = DatasetFilterProxy(model)
    # Qt's own filterAcceptsRow accepts every row in C++ (no pattern): a reset costs no Python call per row.
    assert "filterAcceptsRow" not in vars(proxy)
    proxy.set_filter_text("问题2")
    assert "filterAcceptsRow" in vars(proxy)
    assert proxy.rowCount() == 11  # 问题2 and 问题20 … 问题29
    qtmodeltester.check(proxy)
    model.apply_cell(5, "prompt", "问题2 again")  # still dynamic while filtering
    assert proxy.rowCount() == 12
    proxy.set_filter_text("")
    assert "filterAcceptsRow" not in vars(proxy)
    assert proxy.rowCount() == 30
    model.set_examples([Example("q", "a") for _ in range(5)])
    assert proxy.rowCount() == 5
    qtmodeltester.check(proxy)


def test_issue_list_shows_a_batch_and_fetches_more(qtmodeltester) -> None:
    issues = [_issue(Severity.WARNING, row) for row in range(FETCH_BATCH * 2 + 5)]
    model = IssueListModel()
    model.set_issues(issues)
    assert model.rowCount() == FETCH_BATCH
    assert model.issues() == issues  # all of them, whatever the list shows
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == len(issues)
    assert model.index(len(issues) - 1, 0).data(ROW_ROLE) == len(issues) - 1
    model.set_issues(issues[:3])
    assert model.rowCount() == 3
    assert not model.canFetchMore(QModelIndex())


def test_issue_list_order_is_severity_then_whole_dataset_then_row() -> None:
    rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    rng = random.Random(5)
    issues = [
        _issue(rng.choice(list(Severity)), None if rng.random() < 0.05 else rng.randrange(500))
        for _ in range(2_000)
    ]
    model = IssueListModel()
    model.set_issues(issues)
    expected = sorted(issues, key=lambda i: (rank[i.severity], -1 if i.row is None else i.row))
    assert model.issues() == expected
