"""Fixes for check results, and the legacy prepare_data checks they answer.

Every legacy decision is compared with prepare.py (the legacy tool's engine) on the same rows: the same
findings in the same order, and fixes that leave exactly the rows prepare.py's own fixes produce.
"""

from __future__ import annotations

import copy
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from desktop_app.core import fixes, prepare
from desktop_app.core.dataset import Dataset, Example, Message
from desktop_app.core.fixes import Fix, FixResult, fix_all_for, fix_for
from desktop_app.core.prepare import Rows
from desktop_app.core.validation import (
    Issue,
    Severity,
    check_dataset,
    check_for_model,
    legacy_issues,
    legacy_rows,
    system_message_issues,
    token_issues,
    whitespace_issues,
)

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "finetune-desk-hypothesis")

LEGACY = "davinci-002"
CHAT = "gpt-4o-mini-2024-07-18"


def _dataset(pairs: Sequence[tuple[str, str]], model: str = LEGACY) -> Dataset:
    return Dataset([Example(p, c) for p, c in pairs], base_model=model)


def _analysis(examples: Sequence[Example]) -> prepare.Analysis:
    """prepare.py's analysis of the single-turn rows (as the legacy tool read them from a file)."""
    rows = Rows.from_pairs((e.prompt, e.completion) for e in examples)
    return prepare.analyse(prepare.LoadedFile("data.jsonl", rows, prepare.Remediation("file_format")))


def _remediation(analysis: prepare.Analysis, code: str) -> prepare.Remediation:
    return next(r for r in analysis.remediations if r.code == code)


def _issue(issues: Sequence[Issue], code: str, row: int | None = None) -> Issue:
    return next(i for i in issues if i.code == code and (row is None or i.row == row))


def _apply(fix: Fix | None, dataset: Dataset) -> tuple[FixResult, list[Example]]:
    """Apply ``fix`` and check it left the dataset's rows untouched."""
    assert fix is not None
    before = copy.deepcopy(dataset.examples)
    result = fix.apply(dataset.examples)
    assert dataset.examples == before  # never mutates its input
    assert not {row for row, _e in result.changed} & set(result.removed)
    return result, result.applied_to(dataset.examples)


def _pairs(examples: Sequence[Example]) -> list[tuple[str, str]]:
    return [(e.prompt, e.completion) for e in examples]


def _legacy_pairs(examples: Sequence[Example]) -> Rows:
    return legacy_rows(examples)[0]


# --------------------------------------------------------------------------------- legacy = prepare_data

_PROMPTS = st.sampled_from(
    [
        "",
        "Q1",
        "q2",
        "Q3 ->",
        "Answer me please: Q4",
        "Answer me please: Q5 ->",
        "HELLO WORLD",
        "a\nb",
        "x -> y ->",
    ]
)
_COMPLETIONS = st.sampled_from(
    ["", " yes", "yes", "NO.", " no END", "Answer: fine\n", " Answer: ok\n", " Answer: good\n", "z" * 10_001]
)


def _legacy_codes(issues: Sequence[Issue]) -> list[str]:
    """The findings' kinds in order, as comparable with prepare's remediations."""
    seen: list[str] = []
    for issue in issues:
        code = issue.code
        if code in ("legacy_task_type", "legacy_conversation", "legacy_system_ignored") or code.endswith(
            ("_long", "_inside")
        ):
            continue
        if code == "legacy_upper_case":
            code += f":{issue.column}"
        if code not in seen:
            seen.append(code)
    return seen


def _prepare_codes(analysis: prepare.Analysis) -> list[str]:
    names = {
        "duplicates": "legacy_duplicate",
        "long_examples": "legacy_long_example",
        "prompt_upper_case": "legacy_upper_case:prompt",
        "completion_upper_case": "legacy_upper_case:completion",
        "completion_prefix": "legacy_completion_prefix",
        "completion_leading_space": "legacy_leading_space",
    }
    result: list[str] = []
    for remediation in analysis.remediations:
        code = remediation.code
        if code in names:
            result.append(names[code])
        elif code == "prompt_prefix" and remediation.question is not None:
            result.append("legacy_prompt_prefix")
        elif code in ("prompt_separator", "completion_ending"):
            kind = "separator" if code == "prompt_separator" else "ending"
            if remediation.error is not None:
                result.append(
                    "legacy_identical_prompts" if kind == "separator" else "legacy_identical_completions"
                )
            elif remediation.question is not None:
                result.append(f"legacy_{kind}_added")
            else:
                result.append(f"legacy_{kind}_found")
    return result


@settings(max_examples=400, deadline=None, database=None)
@given(st.lists(st.tuples(_PROMPTS, _COMPLETIONS), min_size=1, max_size=12))
def test_legacy_findings_are_prepare_datas(pairs: list[tuple[str, str]]) -> None:
    dataset = _dataset(pairs)
    issues = legacy_issues(dataset)
    analysis = _analysis(dataset.examples)
    if not analysis.rows:
        assert issues == []
        return
    assert _legacy_codes(issues) == _prepare_codes(analysis)
    assert _issue(issues, "legacy_task_type").params["task"] == prepare.infer_task_type(analysis.rows)
    positions = [i for i, (_p, c) in enumerate(pairs) if c]  # prepare dropped the empty completions
    duplicates = [i.row for i in issues if i.code == "legacy_duplicate"]
    assert duplicates == [positions[p] for p in prepare.duplicate_indexes(analysis.rows)]
    long_rows = [i.row for i in issues if i.code == "legacy_long_example"]
    if any(r.code == "long_examples" for r in analysis.remediations):
        assert long_rows == [positions[p] for p in prepare.long_indexes(analysis.rows)]
    else:
        assert long_rows == []


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.tuples(_PROMPTS, _COMPLETIONS), min_size=1, max_size=12))
def test_legacy_fixes_leave_the_rows_prepare_datas_fixes_leave(pairs: list[tuple[str, str]]) -> None:
    dataset = _dataset(pairs)
    issues = legacy_issues(dataset)
    analysis = _analysis(dataset.examples)
    if not analysis.rows:
        return  # nothing left to fix (prepare would still offer a leading space for no rows)
    fixed_by_prepare = {
        "duplicates": "legacy_duplicate",
        "long_examples": "legacy_long_example",
        "prompt_upper_case": "legacy_upper_case",
        "completion_upper_case": "legacy_upper_case",
        "prompt_prefix": "legacy_prompt_prefix",
        "completion_prefix": "legacy_completion_prefix",
        "completion_leading_space": "legacy_leading_space",
    }
    for remediation in analysis.remediations:
        code = fixed_by_prepare.get(remediation.code)
        if code is None or remediation.fix is None or remediation.question is None:
            continue
        column = "completion" if remediation.code.startswith("completion") else "prompt"
        issue = next(i for i in issues if i.code == code and (i.column in (None, column)))
        fix = fix_all_for(issue, issues, dataset) or fix_for(issue, dataset)
        _result, fixed = _apply(fix, dataset)
        assert _legacy_pairs(fixed) == remediation.fix(analysis.rows), remediation.code


def test_legacy_findings_name_rows_and_params() -> None:
    pairs = [(f"Please answer this: item {i}", f"LABEL {i % 2}") for i in range(12)]
    pairs[5] = pairs[1]
    pairs[8] = ("Please answer this: item 8", "")  # empty: left to empty_completion, as prepare dropped it
    issues = legacy_issues(_dataset(pairs))
    by_code = {i.code: i for i in issues}
    assert by_code["legacy_task_type"].params == {"task": "classification"}
    assert by_code["legacy_task_type"].severity is Severity.INFO
    assert [(i.row, i.params) for i in issues if i.code == "legacy_duplicate"] == [(5, {"first_row": 1})]
    assert by_code["legacy_upper_case"].column == "completion"
    assert by_code["legacy_prompt_prefix"].params == {"prefix": "Please answer this: item "}
    assert by_code["legacy_completion_prefix"].params == {"prefix": "LABEL "}
    assert by_code["legacy_separator_added"].params == {"separator": " ->"}
    assert "legacy_ending_added" not in by_code  # no ending for classification
    assert by_code["legacy_leading_space"].params == {"count": 11}
    assert by_code["legacy_duplicate"].message == "Row 6 has the same prompt and completion as row 2."


def test_separator_found_long_and_inside_rows() -> None:
    suffix = "\n\nAnswer now, please:"
    pairs = [(f"q{i}{suffix}", f" a{i}.") for i in range(12)]
    pairs[4] = (f"q4{suffix} again{suffix}", " a4.")
    issues = legacy_issues(_dataset(pairs))
    assert _issue(issues, "legacy_separator_found").params == {"separator": suffix}
    assert _issue(issues, "legacy_separator_long").params == {"separator": suffix, "suggested": "\n\n###\n\n"}
    assert [i.row for i in issues if i.code == "legacy_separator_inside"] == [4]
    assert _issue(issues, "legacy_ending_found").params == {"ending": "."}
    assert fix_for(_issue(issues, "legacy_separator_found"), _dataset(pairs)) is None  # nothing to fix


def test_identical_prompts_stop_the_legacy_checks_as_prepare_did() -> None:
    pairs = [("Same", f" answer {i}") for i in range(12)]
    issues = legacy_issues(_dataset(pairs))
    assert [i.code for i in issues] == ["legacy_task_type", "legacy_identical_prompts"]
    assert issues[-1].severity is Severity.ERROR
    assert issues[-1].params == {"prompt": "Same"}


def test_conversations_and_system_prompts_for_legacy_models() -> None:
    dataset = _dataset([(f"q{i}", f" a{i}\n") for i in range(12)])
    dataset.examples[3] = Example(
        "q3", " a3\n", history=(Message("user", "hi"), Message("assistant", "hello"))
    )
    dataset.default_system = "You are helpful."
    issues = legacy_issues(dataset)
    assert [(i.code, i.row) for i in issues[:2]] == [
        ("legacy_conversation", 3),
        ("legacy_system_ignored", None),
    ]
    assert issues[0].severity is Severity.ERROR
    result, fixed = _apply(fix_for(issues[0], dataset), dataset)
    assert result.removed == (3,)
    assert len(fixed) == 11


def test_chosen_markers_are_reported_and_offer_no_fix() -> None:
    pairs = [(f"q{i}", f"answer {i}") for i in range(12)]
    dataset = _dataset(pairs)
    issues = legacy_issues(dataset)
    separator, ending = _issue(issues, "legacy_separator_added"), _issue(issues, "legacy_ending_added")
    assert (separator.params, ending.params) == ({"separator": " ->"}, {"ending": "\n"})
    result, fixed = _apply(fix_for(separator, dataset), dataset)
    assert result == FixResult(legacy_separator=" ->")  # a setting: the prompts stay as written
    assert _pairs(fixed) == pairs
    assert fix_for(ending, dataset).apply(dataset.examples) == FixResult(legacy_ending="\n")  # type: ignore[union-attr]

    dataset.legacy_separator, dataset.legacy_ending = " ->", ""
    dataset.examples[2] = Example("q2 -> more", "answer 2")
    issues = legacy_issues(dataset)
    assert _issue(issues, "legacy_separator_chosen").params == {"separator": " ->"}
    assert [i.row for i in issues if i.code == "legacy_separator_inside"] == [2]
    missing = _issue(issues, "legacy_ending_missing")  # the user chose no ending
    assert missing.severity is Severity.WARNING
    assert fix_for(missing, dataset).apply(dataset.examples) == FixResult(legacy_ending="\n")  # type: ignore[union-attr]
    assert fix_for(_issue(issues, "legacy_separator_chosen"), dataset) is None


def test_check_for_model_picks_the_checks_of_the_model() -> None:
    pairs = [(f"q{i}", f"a{i} ") for i in range(12)]
    pairs[7] = pairs[2]
    chat = _dataset(pairs, CHAT)
    chat_codes = [(i.code, i.row) for i in check_for_model(chat)]
    assert ("duplicate_example", 7) in chat_codes
    assert ("surrounding_whitespace", 0) in chat_codes
    assert not any(code.startswith("legacy_") for code, _row in chat_codes)
    assert check_for_model(chat) == system_message_issues(chat) + check_dataset(chat) + whitespace_issues(
        chat
    )

    legacy = _dataset(pairs, "babbage-002")
    legacy_codes = [(i.code, i.row) for i in check_for_model(legacy)]
    assert ("legacy_duplicate", 7) in legacy_codes
    assert ("duplicate_example", 7) not in legacy_codes
    assert "surrounding_whitespace" not in {code for code, _row in legacy_codes}

    open_ended = _dataset([("", f"story {i}") for i in range(12)], "babbage-002")
    codes = [i.code for i in check_for_model(open_ended)]
    assert "empty_prompt" not in codes  # blank prompts are how open-ended generation is asked for
    assert _issue(check_for_model(open_ended), "legacy_task_type").params == {"task": "open-ended generation"}
    assert "empty_prompt" in {
        i.code for i in check_for_model(_dataset([("", f"story {i}") for i in range(12)], CHAT))
    }


# ------------------------------------------------------------------------------------------ general fixes


def test_remove_duplicates_keeps_the_first_and_follows_the_check() -> None:
    pairs = [(f"q{i}", f"a{i}") for i in range(12)]
    pairs[4] = pairs[9] = pairs[1]
    dataset = _dataset(pairs, CHAT)
    dataset.examples[6] = Example(pairs[1][0], pairs[1][1], system="other")  # another system: not a duplicate
    issues = check_dataset(dataset)
    issue = _issue(issues, "duplicate_example", 9)
    one = fix_for(issue, dataset)
    assert one is not None
    assert (one.code, one.params, one.label, one.rows) == (
        fixes.REMOVE_DUPLICATES,
        {"count": 1, "row": 9},
        "Remove duplicate row 10",
        (9,),
    )
    result, _fixed = _apply(one, dataset)
    assert result.removed == (9,)
    every = fix_all_for(issue, issues, dataset)
    assert every is not None
    assert (every.params, every.label) == ({"count": 2}, "Remove 2 duplicate rows")
    _result, fixed = _apply(every, dataset)
    assert check_dataset(Dataset(fixed), recommended=1) == []
    assert len(fixed) == 10
    assert fixed[1] == dataset.examples[1]  # the first copy stays


def test_a_fix_decides_again_on_the_rows_it_is_given() -> None:
    pairs = [(f"q{i}", f"a{i}") for i in range(12)]
    pairs[5] = pairs[0]
    dataset = _dataset(pairs, CHAT)
    fix = fix_for(_issue(check_dataset(dataset), "duplicate_example", 5), dataset)
    assert fix is not None
    edited = [Example(e.prompt, e.completion) for e in dataset.examples]
    edited[5].completion = "changed since the check"
    assert fix.apply(edited).is_empty


def test_remove_rows_with_an_empty_question_or_answer() -> None:
    pairs = [(f"q{i}", f"a{i}") for i in range(12)]
    pairs[2] = ("  ", "a2")
    pairs[3] = ("q3", "")
    pairs[8] = ("q8", " \n")
    dataset = _dataset(pairs, CHAT)
    issues = check_dataset(dataset)
    prompt_fix = fix_for(_issue(issues, "empty_prompt", 2), dataset)
    assert prompt_fix is not None
    assert prompt_fix.label == "Remove row 3 (no question)"
    assert fix_all_for(_issue(issues, "empty_prompt", 2), issues, dataset) is None  # only one such row
    assert _apply(prompt_fix, dataset)[0].removed == (2,)
    answers = fix_all_for(_issue(issues, "empty_completion", 3), issues, dataset)
    assert answers is not None
    assert answers.label == "Remove 2 rows without an answer"
    result, fixed = _apply(answers, dataset)
    assert result.removed == (3, 8)
    assert {i.code for i in check_dataset(Dataset(fixed), recommended=1)} == {"empty_prompt"}


def test_strip_whitespace() -> None:
    pairs = [(f"q{i}", f"a{i}") for i in range(12)]
    pairs[1] = (" q1\n", "a1")
    pairs[4] = ("q4", "a4  ")
    dataset = _dataset(pairs, CHAT)
    dataset.examples[4].system = "\tBe brief."
    issues = whitespace_issues(dataset)
    assert [(i.row, i.column) for i in issues] == [(1, "prompt"), (4, "completion"), (4, "system")]
    one = fix_for(issues[0], dataset)
    assert one is not None
    assert one.label == "Trim spaces in row 2"
    every = fix_all_for(issues[0], issues, dataset)
    assert every is not None
    assert every.params == {"count": 2}  # rows, not findings
    result, fixed = _apply(every, dataset)
    assert [row for row, _e in result.changed] == [1, 4]
    assert (fixed[1].prompt, fixed[4].completion, fixed[4].system) == ("q1", "a4", "Be brief.")
    assert whitespace_issues(Dataset(fixed)) == []


def test_remove_special_tokens_from_every_text_of_the_row() -> None:
    examples = [Example(f"q{i}", f"a{i}") for i in range(12)]
    examples[3] = Example(
        "<|im_start|>user q3",
        "a3<|endoftext|>",
        history=(Message("user", "hi<|im_end|>"), Message("assistant", "hello")),
    )
    examples[7] = Example("q7", "a7<|eot_id|>")
    dataset = Dataset(examples, base_model=CHAT)
    found = {3: ["<|im_start|>", "<|endoftext|>", "<|im_end|>"], 7: ["<|eot_id|>"]}
    issues = token_issues(_no_tokens_report(), found)
    one = fix_for(_issue(issues, "special_token", 3), dataset)
    assert one is not None
    assert one.label == "Remove <|im_start|>, <|endoftext|>, <|im_end|> from row 4"
    result, fixed = _apply(one, dataset)
    assert [row for row, _e in result.changed] == [3]
    assert (fixed[3].prompt, fixed[3].completion, fixed[3].history[0].content) == ("user q3", "a3", "hi")
    every = fix_all_for(issues[0], issues, dataset)
    assert every is not None
    assert every.label == "Remove special tokens from 2 rows"
    _result, fixed = _apply(every, dataset)
    assert fixed[7].completion == "a7"
    # Found only in the default system prompt: not in the row, so nothing here to fix.
    plain = Dataset([Example("q", "a")], default_system="<|endoftext|>")
    assert (
        fix_for(Issue(Severity.WARNING, "special_token", 0, None, {"tokens": "<|endoftext|>"}), plain) is None
    )


def _no_tokens_report():  # type: ignore[no-untyped-def]
    from desktop_app.core.tokens import count_dataset

    return count_dataset(Dataset([Example("q", "a")]), CHAT)


def test_remove_long_examples() -> None:
    pairs = [(f"q{i}", f"a{i}") for i in range(12)]
    pairs[2] = ("q" * 6_000, "a" * 5_000)
    pairs[9] = ("q" * 10_001, "a")
    chat = _dataset(pairs, CHAT)
    issues = check_dataset(chat)
    every = fix_all_for(_issue(issues, "long_example", 2), issues, chat)
    assert every is not None
    assert every.label == "Remove 2 long examples"
    assert _apply(every, chat)[0].removed == (2, 9)
    legacy = _dataset(pairs)
    issues = legacy_issues(legacy)
    one = fix_for(_issue(issues, "legacy_long_example", 9), legacy)
    assert one is not None
    assert one.label == "Remove long row 10"
    assert _apply(one, legacy)[0].removed == (9,)


def test_every_legacy_fix_matches_prepare_on_a_realistic_sheet() -> None:
    pairs = [
        (f"Classify the review below: REVIEW NUMBER {i}", f"Sentiment: {('positive', 'negative')[i % 2]}")
        for i in range(30)
    ]
    pairs[11] = pairs[3]
    dataset = _dataset(pairs)
    issues = legacy_issues(dataset)
    analysis = _analysis(dataset.examples)
    for code, remediation_code in (
        ("legacy_duplicate", "duplicates"),
        ("legacy_prompt_prefix", "prompt_prefix"),
        ("legacy_completion_prefix", "completion_prefix"),
        ("legacy_leading_space", "completion_leading_space"),
    ):
        issue = _issue(issues, code)
        fix = fix_all_for(issue, issues, dataset) or fix_for(issue, dataset)
        _result, fixed = _apply(fix, dataset)
        remediation = _remediation(analysis, remediation_code)
        assert remediation.fix is not None
        assert _legacy_pairs(fixed) == remediation.fix(analysis.rows), code
    completion_prefix = fix_for(_issue(issues, "legacy_completion_prefix"), dataset)
    assert completion_prefix is not None
    assert completion_prefix.label == "Remove “Sentiment: ” from the start of every completion"


def test_completion_prefix_removal_keeps_a_leading_space() -> None:
    pairs = [(f"q{i}", f" Answer: {i}") for i in range(12)]
    dataset = _dataset(pairs)
    issue = _issue(legacy_issues(dataset), "legacy_completion_prefix")
    assert issue.params == {"prefix": " Answer: "}
    _result, fixed = _apply(fix_for(issue, dataset), dataset)
    assert [e.completion for e in fixed] == [f" {i}" for i in range(12)]


def test_lower_case_changes_only_rows_with_capitals() -> None:
    pairs = [(f"q{i}", "YES" if i % 2 else "no") for i in range(12)]
    dataset = _dataset(pairs)
    issue = _issue(legacy_issues(dataset), "legacy_upper_case")
    fix = fix_for(issue, dataset)
    assert fix is not None
    assert fix.label == "Lower-case all completions"
    result, fixed = _apply(fix, dataset)
    assert [row for row, _e in result.changed] == list(range(1, 12, 2))
    assert {e.completion for e in fixed} == {"yes", "no"}


def test_findings_without_a_fix() -> None:
    dataset = _dataset([(f"q{i}", f"a{i}") for i in range(5)], CHAT)
    for issue in check_dataset(dataset):
        assert fix_for(issue, dataset) is None
        assert fix_all_for(issue, [issue], dataset) is None
    out_of_range = Issue(Severity.WARNING, "duplicate_example", 99, None, {"first_row": 0})
    assert fix_for(out_of_range, dataset) is None


# ------------------------------------------------------------------------------------------------- speed


def _big(n: int) -> Dataset:
    pairs = [
        (f"Question number {i} about tea ->", f" The answer for number {i} is here.\n") for i in range(n)
    ]
    for i in range(0, n, 97):
        pairs[i] = pairs[0]  # some duplicates
    return _dataset(pairs)


def _best(function, repeats: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def test_legacy_checks_are_as_fast_as_prepare_at_100k_rows() -> None:
    dataset = _big(100_000)
    rows = Rows.from_pairs(_pairs(dataset.examples))
    loaded = prepare.LoadedFile("big.jsonl", rows, prepare.Remediation("file_format"))
    ours = _best(lambda: legacy_issues(dataset))
    theirs = _best(lambda: prepare.analyse(loaded))
    # Ours also builds the rows from the examples and writes one finding per duplicated row.
    assert ours < 2 * theirs + 0.15, f"legacy_issues {ours:.3f} s, prepare.analyse {theirs:.3f} s"
    assert _best(lambda: check_for_model(dataset), 1) < 2.0


def test_fixing_100k_rows_is_quick() -> None:
    dataset = _big(100_000)
    issues = check_for_model(dataset)
    duplicate = _issue(issues, "legacy_duplicate")
    fix = fix_all_for(duplicate, issues, dataset)
    assert fix is not None
    started = time.perf_counter()
    result = fix.apply(dataset.examples)
    assert time.perf_counter() - started < 1.0
    assert len(result.removed) == len(range(97, 100_000, 97))
    space = fix_for(
        _issue(
            check_for_model(_dataset([(f"q{i}", f"a{i}") for i in range(100_000)])), "legacy_leading_space"
        ),
        dataset,
    )
    assert space is not None
    started = time.perf_counter()
    space.apply(dataset.examples)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("code", ["legacy_separator_added", "legacy_ending_added"])
def test_marker_fix_is_not_offered_once_chosen(code: str) -> None:
    dataset = _dataset([(f"q{i}", f"answer {i}") for i in range(12)])
    issue = _issue(legacy_issues(dataset), code)
    assert fix_for(issue, dataset) is not None
    dataset.legacy_separator = dataset.legacy_ending = "###"
    assert fix_for(issue, dataset) is None


def test_a_separator_inside_many_prompts_is_one_finding_with_a_unique_one_to_choose() -> None:
    pairs = [(f"Is {i}? Sure {i}?", f" yes {i}\n") for i in range(150)]
    dataset = _dataset(pairs)
    issues = legacy_issues(dataset)
    assert _issue(issues, "legacy_separator_found").params == {"separator": "?"}
    assert "legacy_separator_inside" not in {i.code for i in issues}  # not a warning on every row
    many = _issue(issues, "legacy_separator_inside_many")
    assert (many.row, many.params) == (None, {"separator": "?", "count": 150, "suggested": " ->"})
    fix = fix_for(many, dataset)
    assert fix is not None
    assert fix.label == "Always end prompts with “ ->”"
    assert _apply(fix, dataset)[0] == FixResult(legacy_separator=" ->")
    dataset.legacy_separator = " ->"
    codes = {i.code for i in legacy_issues(dataset)}
    assert "legacy_separator_chosen" in codes
    assert "legacy_separator_inside_many" not in codes

    few = _dataset(pairs[:12])
    row_issues = [i for i in legacy_issues(few) if i.code == "legacy_separator_inside"]
    assert [i.row for i in row_issues] == list(range(12))
    assert fix_for(row_issues[0], few) is not None
    assert fix_all_for(row_issues[0], row_issues, few) is None  # the whole-dataset fix is offered once
