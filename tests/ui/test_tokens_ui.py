"""The Data tab counts tokens in the background and shows what training would cost."""

from __future__ import annotations

from desktop_app.core.formats import read_dataset
from desktop_app.core.tokens import count_dataset
from tests.ui.conftest import DATA


def test_tokens_and_cost_appear_after_opening(qtbot, window) -> None:
    tab = window.data_tab
    with qtbot.waitSignal(tab.tokensCounted, timeout=15_000) as counted:
        tab.open_file(DATA / "content.xlsx")
    report = counted.args[0]
    expected = count_dataset(read_dataset(DATA / "content.xlsx").dataset, "gpt-4o-mini-2024-07-18")
    assert report.billed_tokens_per_epoch == expected.billed_tokens_per_epoch
    assert f"{expected.billed_tokens_per_epoch:,}" in tab.tokens_label.text()
    assert "$" in tab.tokens_label.text()
    assert not tab.tokens_progress.isVisible()


def test_a_system_prompt_changes_the_count(qtbot, window) -> None:
    tab = window.data_tab
    with qtbot.waitSignal(tab.tokensCounted, timeout=15_000) as first:
        tab.open_file(DATA / "content.xlsx")
    with qtbot.waitSignal(tab.tokensCounted, timeout=15_000) as second:
        tab.system_prompt_edit.setText("你是青山茶舍的客服助手，回答要简短友好。")
    assert second.args[0].billed_tokens_per_epoch > first.args[0].billed_tokens_per_epoch


def test_only_the_latest_count_is_shown(qtbot, window) -> None:
    tab = window.data_tab
    with qtbot.waitSignal(tab.tokensCounted, timeout=15_000):
        tab.open_file(DATA / "content.xlsx")
    reports = []
    tab.tokensCounted.connect(reports.append)
    tab.set_base_model("gpt-3.5-turbo-0125")  # a second count replaces the first
    qtbot.waitUntil(lambda: bool(reports), timeout=15_000)
    qtbot.wait(200)
    assert [r.model_id for r in reports] == ["gpt-3.5-turbo-0125"]
    assert reports[0].encoding == "cl100k_base"


def test_token_findings_join_the_check_results(qtbot, window, tmp_path) -> None:
    import json

    rows = [{"prompt": f"问题{i}", "completion": f"答案{i}"} for i in range(12)]
    rows[4]["completion"] = "答案<|endoftext|>"
    rows[9]["completion"] = "茶" * 70_000  # far beyond gpt-4o-mini's 65,536 tokens per example
    path = tmp_path / "tokens.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    tab = window.data_tab
    with qtbot.waitSignal(tab.tokensCounted, timeout=20_000) as counted:
        tab.open_file(path)
    assert counted.args[0].rows_over_limit == [9]
    codes = {(i.code, i.row) for i in tab.current_issues()}
    assert ("special_token", 4) in codes
    assert ("too_many_tokens", 9) in codes
    texts = [tab.issues_model.index(r, 0).data() for r in range(tab.issues_model.rowCount())]
    assert any("<|endoftext|>" in t and t.startswith("Row 5") for t in texts)
    assert "3 warning" in tab.issues_label.text()  # with the long-example check on the same row
