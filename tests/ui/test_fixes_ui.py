"""One-click fixes in the Data tab: the Fix button names the fix, applies it as one undo step, checks again."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop_app.core.dataset import Example
from desktop_app.core.fixes import FixResult
from desktop_app.core.validation import Issue, Severity
from desktop_app.ui.data.fixes import KEEP_MARKS_UP_TO_RUNS, ApplyFix
from desktop_app.ui.data.issues_model import ROW_ROLE
from desktop_app.ui.data.proxy import DatasetFilterProxy
from desktop_app.ui.data.table_model import COL_COMPLETION, COL_PROMPT, DatasetTableModel

CHECK_TIMEOUT = 10_000


def _write_jsonl(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text(
        "\n".join(json.dumps({"prompt": p, "completion": c}, ensure_ascii=False) for p, c in rows) + "\n",
        encoding="utf-8",
    )
    return path


def _open(qtbot, tab, path: Path) -> list[Issue]:
    with qtbot.waitSignal(tab.checked, timeout=CHECK_TIMEOUT) as checked:
        tab.open_file(path)
    return checked.args[0]


def _select(tab, code: str, row: int | None = None) -> QModelIndex:
    """Select the first result with ``code`` (and ``row``) in the list, fetching more results as needed."""
    model = tab.issues_model
    while True:
        for position in range(model.rowCount()):
            issue = model.issue(position)
            if issue is not None and issue.code == code and (row is None or issue.row == row):
                index = model.index(position, 0)
                tab.issues_view.setCurrentIndex(index)
                return index
        if not model.canFetchMore(QModelIndex()):
            raise AssertionError(f"no {code} result for row {row}: {[i.code for i in model.issues()]}")
        model.fetchMore(QModelIndex())


def _rows(tab) -> list[tuple[str, str]]:
    return [(e.prompt, e.completion) for e in tab.model.example_list()]


def _codes(tab) -> set[str]:
    return {issue.code for issue in tab.current_issues()}


def _qa(n: int) -> list[tuple[str, str]]:
    return [(f"问题 {i}？", f"回答 {i}。") for i in range(n)]


def test_duplicate_rows_fix_one_and_all_then_undo(qtbot, window, tmp_path) -> None:
    rows = _qa(12)
    rows[4] = rows[1]
    rows[9] = rows[1]
    rows[10] = rows[2]
    tab = window.data_tab
    issues = _open(qtbot, tab, _write_jsonl(tmp_path / "dups.jsonl", rows))
    assert sorted(i.row for i in issues if i.code == "duplicate_example") == [4, 9, 10]
    assert not tab.fix_button.isEnabled()  # nothing selected yet
    assert tab.fix_all_button.isHidden()

    _select(tab, "duplicate_example", 9)
    assert tab.fix_button.isEnabled()
    assert tab.fix_button.text() == "Remove duplicate row 10"
    assert tab.fix_all_button.isVisible()
    assert "Remove 3 duplicate row" in tab.fix_all_button.text()

    steps = tab.undo_stack.count()
    with qtbot.waitSignal(tab.checked, timeout=CHECK_TIMEOUT) as checked:
        tab.fix_button.click()
    assert _rows(tab) == rows[:9] + rows[10:]  # only row 10 went; the first copy (row 2) stays
    assert sorted(i.row for i in checked.args[0] if i.code == "duplicate_example") == [4, 9]  # 11 is now 10
    assert tab.undo_stack.count() == steps + 1

    _select(tab, "duplicate_example", 4)
    with qtbot.waitSignal(tab.checked, timeout=CHECK_TIMEOUT) as checked:
        tab.fix_all_button.click()
    assert _rows(tab) == [r for i, r in enumerate(rows) if i not in (4, 9, 10)]
    assert "duplicate_example" not in {i.code for i in checked.args[0]}
    assert tab.undo_stack.count() == steps + 2  # one step per click, however many rows
    assert "Remove 2 duplicate row" in tab.message_bar.text

    with qtbot.waitSignal(tab.checked, timeout=CHECK_TIMEOUT):
        tab.undo_stack.undo()
        tab.undo_stack.undo()
    assert _rows(tab) == rows  # every row back where it was
    assert sorted(i.row for i in tab.current_issues() if i.code == "duplicate_example") == [4, 9, 10]
    tab.undo_stack.redo()
    assert _rows(tab) == rows[:9] + rows[10:]


def test_the_message_bar_undo_takes_the_fix_back(qtbot, window, tmp_path) -> None:
    rows = _qa(12)
    rows[5] = rows[0]
    tab = window.data_tab
    _open(qtbot, tab, _write_jsonl(tmp_path / "dups.jsonl", rows))
    _select(tab, "duplicate_example", 5)
    with qtbot.waitSignal(tab.checked, timeout=CHECK_TIMEOUT):
        assert tab.fix_selected_issue()
    assert tab.model.rowCount() == 11
    assert tab.message_bar.action_button.isVisible()
    with qtbot.waitSignal(tab.checked, timeout=CHECK_TIMEOUT):
        tab.message_bar.action_button.click()
    assert _rows(tab) == rows


def test_results_without_a_fix_leave_the_button_disabled(qtbot, window, tmp_path) -> None:
    tab = window.data_tab
    _open(qtbot, tab, _write_jsonl(tmp_path / "few.jsonl", _qa(12)))
    _select(tab, "few_examples")
    assert not tab.fix_button.isEnabled()
    assert tab.fix_button.text() == "Fix"
    assert "no one-click fix" in tab.fix_button.toolTip()
    menu = tab.issue_menu(tab.issues_view.currentIndex())
    assert [a.isEnabled() for a in menu.actions()] == [False]
    menu.deleteLater()


def test_legacy_model_shows_prepare_findings_with_rows_and_fixes(qtbot, window, tmp_path) -> None:
    rows = [(f"Answer politely please: Q{i}", f"ANSWER NUMBER {i}") for i in range(12)]
    rows[7] = rows[3]
    tab = window.data_tab
    issues = _open(qtbot, tab, _write_jsonl(tmp_path / "legacy.jsonl", rows))
    assert not any(i.code.startswith("legacy_") for i in issues)  # a chat model is chosen at first

    with qtbot.waitSignal(tab.checked, timeout=CHECK_TIMEOUT) as checked:
        tab.set_base_model("davinci-002")  # a switch to a prompt/completion model checks again
    found = {(i.code, i.row) for i in checked.args[0]}
    assert ("legacy_task_type", None) in found
    assert ("legacy_duplicate", 7) in found
    assert ("duplicate_example", 7) not in found  # the legacy decision replaces the general one
    assert {
        ("legacy_upper_case", None),
        ("legacy_prompt_prefix", None),
        ("legacy_leading_space", None),
    } <= found
    assert ("legacy_separator_added", None) in found
    # The row is marked in the table and the list names it.
    assert tab.model.index(7, COL_PROMPT).data(Qt.ItemDataRole.BackgroundRole) is not None
    index = _select(tab, "legacy_duplicate", 7)
    assert index.data(ROW_ROLE) == 7
    assert index.data().startswith("Row 8: Same prompt and answer as row 4")
    assert tab.fix_button.text() == "Remove duplicate row 8"

    _select(tab, "legacy_prompt_prefix")
    assert tab.fix_button.text().startswith("Remove “Answer politely please")
    with qtbot.waitSignal(tab.checked, timeout=CHECK_TIMEOUT) as checked:
        tab.fix_button.click()
    assert [p for p, _c in _rows(tab)] == [f"{i}" for i in (*range(7), 3, *range(8, 12))]
    assert "legacy_prompt_prefix" not in {i.code for i in checked.args[0]}

    _select(tab, "legacy_leading_space")
    assert "12 answer" in tab.fix_button.text()
    with qtbot.waitSignal(tab.checked, timeout=CHECK_TIMEOUT) as checked:
        tab.fix_button.click()
    assert all(c.startswith(" ANSWER") for _p, c in _rows(tab))
    assert "legacy_leading_space" not in {i.code for i in checked.args[0]}

    with qtbot.waitSignal(tab.checked, timeout=CHECK_TIMEOUT) as checked:
        tab.set_base_model("gpt-4o-mini-2024-07-18")  # and back: the legacy findings go
    assert not any(i.code.startswith("legacy_") for i in checked.args[0])


def test_legacy_separator_choice_is_stored_not_typed_into_the_prompts(qtbot, window, tmp_path) -> None:
    rows = [(f"How much is tea number {i}", f"{i} yuan, thank you") for i in range(12)]
    tab = window.data_tab
    _open(qtbot, tab, _write_jsonl(tmp_path / "sep.jsonl", rows))
    with qtbot.waitSignal(tab.checked, timeout=CHECK_TIMEOUT):
        tab.set_base_model("babbage-002")
    _select(tab, "legacy_separator_added")
    assert tab.fix_button.text() == "Always end prompts with “ ->”"
    with qtbot.waitSignal(tab.checked, timeout=CHECK_TIMEOUT) as checked:
        tab.fix_button.click()
    assert tab.current_dataset().legacy_separator == " ->"
    assert _rows(tab) == rows  # the questions stay as the user wrote them
    codes = {i.code for i in checked.args[0]}
    assert "legacy_separator_chosen" in codes
    assert "legacy_separator_added" not in codes
    with qtbot.waitSignal(tab.checked, timeout=CHECK_TIMEOUT) as checked:
        tab.undo_stack.undo()
    assert tab.current_dataset().legacy_separator is None
    assert "legacy_separator_added" in {i.code for i in checked.args[0]}


def test_special_token_fix_from_the_context_menu(qtbot, window, tmp_path) -> None:
    rows = _qa(12)
    rows[2] = ("问题 2？<|im_end|>", "回答 2。<|endoftext|>")
    rows[6] = ("问题 6？", "回答 6。<|endoftext|>")
    tab = window.data_tab
    with qtbot.waitSignal(tab.tokensCounted, timeout=20_000):
        tab.open_file(_write_jsonl(tmp_path / "tokens.jsonl", rows))
    index = _select(tab, "special_token", 2)
    assert "<|im_end|>" in tab.fix_button.text()
    assert "Remove special tokens from 2 row" in tab.fix_all_button.text()
    menu = tab.issue_menu(index)
    texts = [action.text() for action in menu.actions()]
    assert texts[0] == "Go to row 3"
    fix_action = next(a for a in menu.actions() if a.text().startswith("Remove <|im_end|>"))
    with qtbot.waitSignal(tab.tokensCounted, timeout=20_000):
        fix_action.trigger()
    menu.deleteLater()
    assert _rows(tab)[2] == ("问题 2？", "回答 2。")
    assert _rows(tab)[6] == rows[6]  # only the row fixed
    assert ("special_token", 2) not in {(i.code, i.row) for i in tab.current_issues()}
    assert ("special_token", 6) in {(i.code, i.row) for i in tab.current_issues()}
    tab.undo_stack.undo()
    assert _rows(tab)[2] == rows[2]


def test_whitespace_fix_for_all_rows(qtbot, window, tmp_path) -> None:
    rows = _qa(12)
    rows[1] = (" 问题 1？", "回答 1。\n")
    rows[8] = ("问题 8？  ", "回答 8。")
    tab = window.data_tab
    _open(qtbot, tab, _write_jsonl(tmp_path / "spaces.jsonl", rows))
    _select(tab, "surrounding_whitespace", 8)
    assert tab.fix_button.text() == "Trim spaces in row 9"
    assert "Trim spaces in 2 row" in tab.fix_all_button.text()
    with qtbot.waitSignal(tab.checked, timeout=CHECK_TIMEOUT) as checked:
        tab.fix_all_button.click()
    assert _rows(tab) == _qa(12)
    assert "surrounding_whitespace" not in {i.code for i in checked.args[0]}


def test_a_stale_fix_changes_nothing(qtbot, window, tmp_path) -> None:
    rows = _qa(12)
    rows[5] = rows[0]
    tab = window.data_tab
    _open(qtbot, tab, _write_jsonl(tmp_path / "dups.jsonl", rows))
    _select(tab, "duplicate_example", 5)
    fix, _all = tab.fixes_for_selected()
    assert fix is not None
    tab.model.setData(tab.model.index(5, COL_COMPLETION), "另一个回答")  # no longer a duplicate
    steps = tab.undo_stack.count()
    with qtbot.waitSignal(tab.checked, timeout=CHECK_TIMEOUT):
        assert not tab.apply_fix(fix)
    assert tab.model.rowCount() == 12
    assert tab.undo_stack.count() == steps
    assert "Nothing left to fix" in tab.message_bar.text


@pytest.mark.parametrize("removed", [[0, 1, 2, 7, 8, 299], list(range(1, 60, 2))])
def test_apply_fix_removes_and_restores_rows_in_place(qtmodeltester, removed: list[int]) -> None:
    """Rows go block by block and come back where they were; with many blocks the check marks are cleared
    first (the check after the fix brings them back) instead of being moved once per block."""
    model = DatasetTableModel()
    examples = [Example(f"q{i}", f"a{i}") for i in range(300)]
    model.set_examples(list(examples))
    model.set_issues([Issue(Severity.WARNING, "long_example", 298, None, {"length": 1, "limit": 0})])
    edits: list[None] = []
    model.edited.connect(lambda: edits.append(None))
    changed = (4, Example("q4 fixed", "a4"))
    command = ApplyFix(model, FixResult(changed=(changed,), removed=tuple(removed)), "fix")
    many = len(removed) > KEEP_MARKS_UP_TO_RUNS
    command.redo()
    expected = [changed[1] if i == 4 else e for i, e in enumerate(examples) if i not in removed]
    assert _pairs(model.example_list()) == _pairs(expected)
    assert edits
    assert model.has_issues(298 - sum(1 for r in removed if r < 298)) is not many
    qtmodeltester.check(model)
    command.undo()
    assert _pairs(model.example_list()) == _pairs(examples)
    qtmodeltester.check(model)
    command.redo()
    assert _pairs(model.example_list()) == _pairs(expected)


def _pairs(examples) -> list[tuple[str, str]]:
    return [(e.prompt, e.completion) for e in examples]


def test_removing_scattered_rows_from_100k_marked_rows_is_quick() -> None:
    model = DatasetTableModel()
    proxy = DatasetFilterProxy(model)
    model.set_examples([Example(f"q{i} ", f"a{i}") for i in range(100_000)])
    model.set_issues(
        [
            Issue(Severity.INFO, "surrounding_whitespace", row, "prompt", {"column": "prompt"})
            for row in range(100_000)
        ]
    )
    removed = tuple(range(0, 100_000, 97))
    command = ApplyFix(model, FixResult(removed=removed), "fix")
    started = time.perf_counter()
    command.redo()
    command.undo()
    elapsed = time.perf_counter() - started
    assert proxy.rowCount() == 100_000
    assert elapsed < 3.0, f"removing and restoring {len(removed)} rows took {elapsed:.2f} s"
