"""The legacy prepare_data checks as data: each decision, the order, the split, the names, the JSONL."""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from desktop_app.core import prepare
from desktop_app.core.errors import DatasetError
from desktop_app.core.prepare import Pair, Rows

GOLDEN = Path(__file__).parent.parent / "data" / "legacy_prepare"

# hypothesis caches Unicode tables under ./.hypothesis unless told otherwise; keep them out of the repository.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "finetune-desk-hypothesis")


def rows(*pairs: tuple[str, str]) -> Rows:
    return Rows.from_pairs(pairs)


def codes(analysis: prepare.Analysis) -> list[str]:
    return [r.code for r in analysis.remediations]


# ----------------------------------------------------------------------------------------------------- rows


def test_rows_are_two_columns_read_as_pairs() -> None:
    data = rows(("a", "1"), ("b", "2"), ("c", "3"))
    assert (data.prompts, data.completions) == (("a", "b", "c"), ("1", "2", "3"))
    assert len(data) == 3
    assert list(data) == [Pair("a", "1"), Pair("b", "2"), Pair("c", "3")]
    assert data[-1] == Pair("c", "3")
    assert data == Rows(("a", "b", "c"), ("1", "2", "3"))
    assert data.where([True, False, True]) == rows(("a", "1"), ("c", "3"))
    assert data.take([2, 0]) == rows(("c", "3"), ("a", "1"))
    assert data.with_column("completion", ["x", "y", "z"]) == rows(("a", "x"), ("b", "y"), ("c", "z"))
    assert data.with_column("prompt", ["x", "y", "z"]).column("prompt") == ("x", "y", "z")
    assert data.text("prompt") == "a\x00b\x00c"
    assert not Rows()
    assert Rows.from_pairs([]) == Rows()


def test_rows_columns_must_be_equally_long() -> None:
    with pytest.raises(ValueError, match="2 prompts but 1 completions"):
        Rows(("a", "b"), ("1",))


# ------------------------------------------------------------------------------------------------ task type


def test_task_type() -> None:
    assert prepare.infer_task_type(rows(("", "a"), ("", "b"))) == "open-ended generation"
    # 2 distinct completions < 7 / 3
    seven = rows(*[(f"q{i}", "yes" if i % 2 else "no") for i in range(7)])
    assert prepare.infer_task_type(seven) == "classification"
    # 2 distinct of 6 is not < 6 / 3
    six = rows(*[(f"q{i}", "yes" if i % 2 else "no") for i in range(6)])
    assert prepare.infer_task_type(six) == "conditional generation"
    # one non-empty prompt is enough not to be open-ended
    assert prepare.infer_task_type(rows(("", "a"), ("x", "b"))) == "conditional generation"


def test_classification_is_reported_once() -> None:
    remediation = prepare.check_task_type(rows(*[(f"q{i}", "a") for i in range(4)]))
    assert remediation is not None
    assert remediation.findings[0].endswith("fine-tune a model for classification")
    assert len(remediation.findings) == 3
    assert prepare.check_task_type(rows(("a", "1"), ("b", "2"))) is None


# --------------------------------------------------------------------------------------- prefixes/suffixes


def test_common_prefix_and_suffix() -> None:
    assert prepare.common_prefix(["abc", "abd", "ab"]) == "ab"
    assert prepare.common_prefix(["abc", "xbc"]) == ""
    assert prepare.common_prefix([]) == ""
    assert prepare.common_suffix(["is it? ->", "why? ->"]) == "? ->"
    assert prepare.common_suffix(["same", "same"]) == "same"


def test_separator_choice() -> None:
    assert prepare.suggest_separator(["a", "b"]) == " ->"
    assert prepare.suggest_separator(["a\nb", "c"]) == "\n\n###\n\n"  # " ->" never with line breaks
    assert prepare.suggest_separator(["a -> b", "c"]) == "\n\n###\n\n"
    assert prepare.suggest_separator(["a\n\n###\n\nb", "c\n\n===\n\nd"]) == "\n\n---\n\n"
    everything = "x -> \n\n###\n\n \n\n===\n\n \n\n---\n\n \n\n===>\n\n \n\n--->\n\n"
    assert prepare.suggest_separator([everything]) == "\n\n### =>\n\n"


def test_ending_choice() -> None:
    assert prepare.suggest_ending(["a", "b"]) == "\n"
    assert prepare.suggest_ending(["a\nb", "c"]) == "."
    assert prepare.suggest_ending(["a.\n", "b END"]) == "***"
    assert prepare.suggest_ending(["\n. END *** +++ &&& $$$ @@@ %%%"]) == " [END]"


def test_missing_separator_is_offered_and_added() -> None:
    data = rows(("How much", " 30"), ("Where", " Hill Road"))
    remediation = prepare.check_prompt_separator(data)
    assert remediation is not None
    assert remediation.question == "Add a suffix separator ` ->` to all prompts"
    assert remediation.fix is not None
    assert remediation.fix(data) == rows(("How much ->", " 30"), ("Where ->", " Hill Road"))


def test_existing_separator_is_kept_with_warnings() -> None:
    data = rows(("a ANSWER NOW, PLEASE:", "1"), ("b ANSWER NOW, PLEASE: c ANSWER NOW, PLEASE:", "2"))
    remediation = prepare.check_prompt_separator(data)
    assert remediation is not None
    assert remediation.question is None
    (finding,) = remediation.findings
    assert finding.startswith(
        "All prompts end with suffix ` ANSWER NOW, PLEASE:`. This suffix seems very long."
    )
    assert "Consider replacing with a shorter suffix, such as ` ->`" in finding
    assert "WARNING: Some of your prompts contain the suffix ` ANSWER NOW, PLEASE:` more than once" in finding


def test_identical_prompts_are_an_error_but_empty_ones_are_open_ended() -> None:
    remediation = prepare.check_prompt_separator(rows(("same", "1"), ("same", "2")))
    assert remediation is not None
    assert remediation.error is not None
    assert remediation.error.startswith("All prompts are identical: `same`")
    assert prepare.check_prompt_separator(rows(("", "1"), ("", "2"))) is None


def test_completion_ending() -> None:
    data = rows(("a", "one.\nmore"), ("b", "two"))
    remediation = prepare.check_completion_ending(data)
    assert remediation is not None
    assert remediation.question == "Add a suffix ending ` END` to all completions"
    assert remediation.fix is not None
    assert remediation.fix(data) == rows(("a", "one.\nmore END"), ("b", "two END"))

    existing = prepare.check_completion_ending(rows(("a", "x\n"), ("b", "y\n")))
    assert existing is not None
    assert existing.findings == ("All completions end with suffix `\\n`",)
    assert existing.question is None


def test_completion_ending_only_for_conditional_generation() -> None:
    classification = rows(*[(f"q{i}", " yes") for i in range(4)])
    assert prepare.check_completion_ending(classification) is None
    assert prepare.check_completion_ending(rows(("", "a"), ("", "b"))) is None
    identical = prepare.check_completion_ending(rows(("a", "x"), ("b", "x"), ("c", "x")))
    assert identical is not None
    assert identical.error is not None
    assert identical.error.startswith("All completions are identical: `x`")


def test_prompt_prefix() -> None:
    short = prepare.check_prompt_prefix(rows(("Question: a", "1"), ("Question: b", "2")))
    assert short is not None
    assert short.findings == ("All prompts start with prefix `Question: `",)
    assert short.question is None  # 10 characters: only mentioned

    data = rows(("Summarize this text: a", "1"), ("Summarize this text: b", "2"))
    long = prepare.check_prompt_prefix(data)
    assert long is not None
    assert long.question == "Remove prefix `Summarize this text: ` from all prompts"
    assert long.fix is not None
    assert long.fix(data) == rows(("a", "1"), ("b", "2"))
    assert prepare.check_prompt_prefix(rows(("a", "1"), ("b", "2"))) is None


def test_completion_prefix_keeps_a_leading_space() -> None:
    data = rows(("a", " Answer: yes"), ("b", " Answer: no"))
    remediation = prepare.check_completion_prefix(data)
    assert remediation is not None
    assert remediation.question == "Remove prefix ` Answer: ` from all completions"
    assert remediation.fix is not None
    assert remediation.fix(data) == rows(("a", " yes"), ("b", " no"))

    plain = rows(("a", "Answer: yes"), ("b", "Answer: no"))
    fix = prepare.check_completion_prefix(plain)
    assert fix is not None
    assert fix.fix is not None
    assert fix.fix(plain) == rows(("a", "yes"), ("b", "no"))
    # shorter than 5 characters: nothing to say
    assert prepare.check_completion_prefix(rows(("a", "Ans yes"), ("b", "Ans no"))) is None


def test_leading_space() -> None:
    assert prepare.check_leading_space(rows(("a", " x"), ("b", " y"))) is None
    data = rows(("a", " x"), ("b", "y"))
    remediation = prepare.check_leading_space(data)
    assert remediation is not None
    assert remediation.question == "Add a whitespace character to the beginning of the completion"
    assert remediation.fix is not None
    assert remediation.fix(data) == rows(("a", " x"), ("b", " y"))
    assert prepare.add_leading_space(rows(("a", ""))) == rows(("a", " "))


# ------------------------------------------------------------------------------------- rows and their case


def test_duplicates() -> None:
    data = rows(("a", "1"), ("b", "2"), ("a", "1"), ("a", "2"), ("b", "2"))
    assert prepare.duplicate_indexes(data) == [2, 4]
    remediation = prepare.check_duplicates(data)
    assert remediation is not None
    assert remediation.findings == ("There are 2 duplicated prompt-completion sets. These are rows: [2, 4]",)
    assert remediation.question == "Remove 2 duplicate rows"
    assert prepare.remove_duplicates(data) == rows(("a", "1"), ("b", "2"), ("a", "2"))


def test_long_examples() -> None:
    limit = rows(("p" * 5000, "c" * 5000), ("q", "long " + "x" * 9996), ("r", "3"))
    assert prepare.long_indexes(limit) == [1]  # 10,000 characters is not long, 10,001 is
    remediation = prepare.check_long_examples(limit)
    assert remediation is not None
    assert remediation.question == "Remove 1 long examples"
    assert "These are rows: [1]\nFor conditional generation" in remediation.findings[0]
    # found again on the rows it is given: here a duplicate removed before it moved the long one
    moved = rows(("r", "3"), ("q", "long " + "x" * 9996))
    assert remediation.fix is not None
    assert remediation.fix(moved) == rows(("r", "3"))
    assert prepare.check_long_examples(rows(("", "x" * 10_001), ("", "y"))) is None  # open-ended


def test_upper_case() -> None:
    # upper * 2 > lower: 2 upper, 3 lower letters
    remediation = prepare.check_upper_case(rows(("ABcde", "x"), ("中文", "y")), "prompt")
    assert remediation is not None
    assert remediation.question == "Lowercase all your data in column/key `prompt`"
    assert remediation.fix is not None
    assert remediation.fix(rows(("AB", "CD"))) == rows(("ab", "CD"))
    assert prepare.check_upper_case(rows(("ABcdef", "x")), "prompt") is None  # 4 > 4 is false
    assert prepare.check_upper_case(rows(("中文？", "x")), "prompt") is None  # no cased letters
    completion = prepare.check_upper_case(rows(("a", "YES")), "completion")
    assert completion is not None
    assert completion.fix is not None
    assert completion.fix(rows(("A", "YES"))) == rows(("A", "yes"))


def test_empty_completions_are_dropped_before_the_later_checks() -> None:
    loaded = prepare.LoadedFile(
        "x.jsonl", rows(("a", "1"), ("b", ""), ("c", "3")), prepare.Remediation("file_format")
    )
    analysis = prepare.analyse(loaded)
    empty = next(r for r in analysis.remediations if r.code == "empty_completions")
    assert empty.findings == (
        "`completion` column/key should not contain empty strings. These are rows: [1]",
    )
    assert empty.necessary == "Remove 1 rows with empty completions"
    assert analysis.rows == rows(("a", "1"), ("c", "3"))
    assert analysis.original_count == 3
    assert analysis.necessary_changes


# --------------------------------------------------------------------------------------- order and fixes


def test_checks_run_in_the_legacy_order() -> None:
    data = rows(
        ("SUMMARIZE THE TEXT BELOW: A", "Result: One"),
        ("SUMMARIZE THE TEXT BELOW: B", "Result: Two"),
        ("SUMMARIZE THE TEXT BELOW: A", "Result: One"),
        ("SUMMARIZE THE TEXT BELOW: C", ""),
    )
    loaded = prepare.LoadedFile(
        "x.csv",
        data,
        prepare.Remediation("file_format", necessary="Your format `CSV` will be converted to `JSONL`"),
        renamed_columns={"prompt": "Prompt"},
        extra_columns=("id",),
    )
    analysis = prepare.analyse(loaded)
    assert codes(analysis) == [
        "file_format",
        "example_count",
        "prompt_column",
        "extra_columns",
        "empty_completions",
        "duplicates",
        "prompt_upper_case",
        "prompt_separator",
        "prompt_prefix",
        "completion_prefix",
        "completion_ending",
        "completion_leading_space",
    ]
    assert analysis.error is None

    # every fix accepted, in order, each on the previous one's result
    final, applied = prepare.apply_recommended(analysis, lambda _r: True)
    assert applied
    assert final == rows(("a ->", " One\n"), ("b ->", " Two\n"))


def test_declined_fixes_change_nothing() -> None:
    data = rows(("a", "1"), ("a", "1"), ("b", "2"))
    analysis = prepare.analyse(prepare.LoadedFile("x.jsonl", data, prepare.Remediation("file_format")))
    seen: list[str] = []

    def decline(remediation: prepare.Remediation) -> bool:
        seen.append(remediation.code)
        return False

    final, applied = prepare.apply_recommended(analysis, decline)
    assert (final, applied) == (data, False)
    assert seen == ["duplicates", "prompt_separator", "completion_ending", "completion_leading_space"]


def test_analysis_stops_at_the_first_error() -> None:
    data = rows(("same", "1"), ("same", "2"))
    analysis = prepare.analyse(prepare.LoadedFile("x.jsonl", data, prepare.Remediation("file_format")))
    assert analysis.error is not None
    assert analysis.error.code == "prompt_separator"
    assert codes(analysis)[-1] == "prompt_separator"


# -------------------------------------------------------------------------------------------------- output


def test_output_names() -> None:
    taken: set[str] = set()
    assert prepare.output_paths("data/content.xlsx", split=False, exists=taken.__contains__) == [
        "data/content_prepared.jsonl"
    ]
    taken.add("./content_prepared.jsonl")
    assert prepare.output_paths("./content.xlsx", split=False, exists=taken.__contains__) == [
        "./content_prepared (1).jsonl"
    ]
    taken = {"a_prepared_valid.jsonl", "a_prepared_train (1).jsonl"}
    assert prepare.output_paths("a.csv", split=True, exists=taken.__contains__) == [
        "a_prepared_train (2).jsonl",
        "a_prepared_valid (2).jsonl",
    ]


def test_train_size() -> None:
    assert prepare.train_size(30) == 24
    assert prepare.train_size(5000) == 4000
    assert prepare.train_size(6000) == 5000  # at most 1,000 validation examples
    assert prepare.train_size(10_000) == 9000


def test_permutation_is_numpys_legacy_one() -> None:
    numpy = pytest.importorskip("numpy")
    for count in [0, 1, 2, 10, 31, 257, 1000]:
        expected = [int(i) for i in numpy.random.RandomState(42).permutation(count)]
        assert prepare.permutation(count, 42) == expected
    assert prepare.permutation(10, 42) == [8, 1, 5, 0, 7, 2, 9, 4, 3, 6]


def test_split_takes_drawn_rows_in_drawn_order_and_keeps_the_rest_in_order() -> None:
    data = rows(*[(f"q{i}", "a" if i % 2 else "b") for i in range(10)])
    train, valid = prepare.split_train_valid(data)
    assert [r.prompt for r in train] == ["q8", "q1", "q5", "q0", "q7", "q2", "q9", "q4"]
    assert [r.prompt for r in valid] == ["q3", "q6"]


def test_classification_options() -> None:
    two = rows(("a", " no"), ("b", " yes"), ("c", " yes"))
    assert prepare.classification_options(two) == (
        ' --compute_classification_metrics --classification_positive_class " yes"'
    )
    tie = rows(("a", " no"), ("b", " yes"))
    assert prepare.classification_options(tie).endswith('--classification_positive_class " no"')
    three = rows(("a", "x"), ("b", "y"), ("c", "z"))
    assert (
        prepare.classification_options(three)
        == " --compute_classification_metrics --classification_n_classes 3"
    )


def test_plan_splits_classification_only() -> None:
    classes = rows(*[(f"q{i} ->", " yes" if i % 3 else " no") for i in range(30)])
    plan = prepare.plan_output("r.csv", classes, split=True, exists=lambda _name: False)
    assert [f.path for f in plan.files] == ["r_prepared_train.jsonl", "r_prepared_valid.jsonl"]
    assert [len(f.rows) for f in plan.files] == [24, 6]
    assert plan.create_options.startswith(' -v "r_prepared_valid.jsonl" --compute_classification_metrics')

    generation = rows(("a", "1"), ("b", "2"))
    plan = prepare.plan_output("g.jsonl", generation, split=True, exists=lambda _name: False)
    assert [f.path for f in plan.files] == ["g_prepared.jsonl"]
    assert plan.create_options == ""


def test_advice() -> None:
    advice = prepare.advise(rows(("a ->", " 1\n"), ("b ->", " 2\n")), original_count=2)
    assert (advice.task, advice.separator, advice.stop) == ("conditional generation", " ->", "\n")
    # the classes' accidental common ending is no stop sequence
    classes = rows(*[(f"q{i} ->", " positive" if i % 2 else " negative") for i in range(9)])
    assert prepare.advise(classes, original_count=9).stop == ""


def test_time_estimate() -> None:
    assert prepare.estimate_training_seconds(
        rows(*[("a", "b")] * 31), "classification", rows_removed=False
    ) == pytest.approx(31 * 1.44 + 140)
    # 24 rows read as they were: (132 + 16 * 24) * 0.0515 + 140 = 166.574 s
    seed = rows(*[("a", "b")] * 24)
    assert prepare.estimate_training_seconds(
        seed, "conditional generation", rows_removed=False
    ) == pytest.approx(166.574)
    assert prepare.format_duration(166.574) == "2.78 minutes"
    # 7 rows left after removals: 8 * 7 + hash table (16 buckets: 40 + 4 + 256) + 16 * 7 = 468 bytes
    assert prepare.estimate_training_seconds(
        rows(*[("a", "b")] * 7), "conditional generation", rows_removed=True
    ) == pytest.approx(468 * 0.0515 + 140)


def test_format_duration() -> None:
    assert prepare.format_duration(59.994) == "59.99 seconds"
    assert prepare.format_duration(150) == "2.5 minutes"
    assert prepare.format_duration(7200) == "2.0 hours"
    assert prepare.format_duration(86400 * 3) == "3.0 days"


def test_jsonl_line_as_pandas_wrote_it() -> None:
    line = prepare.jsonl_line(Pair('a/b "q" 中文 😀', "\t\n\x01\x7f\u2028"))
    assert line == '{"prompt":"a\\/b \\"q\\" 中文 😀","completion":"\\t\\n\\u0001\x7f\u2028"}'
    assert json.loads(line) == {"prompt": 'a/b "q" 中文 😀', "completion": "\t\n\x01\x7f\u2028"}


def pandas_line(prompt: str, completion: str) -> str:
    """What pandas' to_json(force_ascii=False) wrote: compact JSON, UTF-8 as is, "/" as "\\/"."""
    record = {"prompt": prompt, "completion": completion}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).replace("/", "\\/")


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.tuples(st.text(), st.text()), max_size=8))
def test_jsonl_lines_match_the_legacy_encoding(pairs: list[tuple[str, str]]) -> None:
    data = Rows.from_pairs(pairs)
    expected = "".join(pandas_line(p, c) + "\n" for p, c in pairs)
    assert b"".join(prepare.jsonl_chunks(data)) == expected.encode("utf-8")
    assert [prepare.jsonl_line(row) for row in data] == [pandas_line(p, c) for p, c in pairs]


def test_jsonl_chunks_cover_every_row_across_batches() -> None:
    count = 2 * prepare._WRITE_BATCH_ROWS + 3
    data = rows(*[(f"q{i}/", f" a{i}\n") for i in range(count)])
    chunks = list(prepare.jsonl_chunks(data))
    assert len(chunks) == 3
    lines = b"".join(chunks).decode("utf-8").splitlines()
    assert len(lines) == count
    assert lines[-1] == f'{{"prompt":"q{count - 1}\\/","completion":" a{count - 1}\\n"}}'
    assert list(prepare.jsonl_chunks(Rows())) == []


def test_write_outputs(tmp_path) -> None:
    plan = prepare.OutputPlan(
        (prepare.OutputFile(str(tmp_path / "o.jsonl"), rows(("a", " 1"), ("b", " 2"))),), ""
    )
    prepare.write_outputs(plan)
    assert (
        tmp_path / "o.jsonl"
    ).read_bytes() == b'{"prompt":"a","completion":" 1"}\n{"prompt":"b","completion":" 2"}\n'


def test_write_failure_names_the_file(tmp_path) -> None:
    target = tmp_path / "missing" / "o.jsonl"
    plan = prepare.OutputPlan((prepare.OutputFile(str(target), rows(("a", " 1"))),), "")
    with pytest.raises(DatasetError) as failure:
        prepare.write_outputs(plan)
    assert failure.value.code == "write_failed"
    assert failure.value.path == target
    assert str(failure.value).startswith(f"{target}: Cannot write the file: ")


# ---------------------------------------------------------------------------------------------------- load


def test_load_text_file(tmp_path) -> None:
    source = tmp_path / "lines.txt"
    source.write_bytes(b"first line\r\nsecond/line\r\n")
    loaded = prepare.load(source)
    assert loaded.rows == rows(("", "first line"), ("", "second/line"), ("", ""))
    assert loaded.reading.necessary == "Your format `TXT` will be converted to `JSONL`"
    assert loaded.reading.findings == ("Based on your file extension, you provided a text file",)


def test_load_gb18030_text_file(tmp_path) -> None:
    source = tmp_path / "lines.txt"
    source.write_bytes("你好\n".encode("gb18030"))
    loaded = prepare.load(source)
    assert loaded.rows[0] == Pair("", "你好")
    assert "The file is not UTF-8; read it as gb18030" in loaded.reading.findings


def test_load_table_reports_renamed_and_extra_columns(tmp_path) -> None:
    source = tmp_path / "t.csv"
    source.write_text("id,PROMPT,回答,system,note\n1,q,a,s,n\n", encoding="utf-8")
    loaded = prepare.load(source)
    assert loaded.rows == rows(("q", "a"))
    assert loaded.renamed_columns == {"prompt": "PROMPT", "completion": "回答"}
    # the ignored columns first, then those read as fields prepare does not use
    assert loaded.extra_columns == ("id", "system", "note")
    analysis = prepare.analyse(loaded)
    by_code = {r.code: r for r in analysis.remediations}
    assert by_code["prompt_column"].necessary == "Lower case column name to `prompt`"
    assert by_code["completion_column"].necessary == "Rename column `回答` to `completion`"
    assert by_code["extra_columns"].necessary == "Remove additional columns/keys: ['id', 'system', 'note']"


def test_load_json_shapes(tmp_path) -> None:
    single = tmp_path / "one.jsonl"
    single.write_text('{"prompt": "a", "completion": "b", "id": 1}\n', encoding="utf-8")
    loaded = prepare.load(single)
    assert loaded.reading.necessary == "Your format `JSON` will be converted to `JSONL`"
    assert loaded.extra_columns == ("id",)

    lines_in_json = tmp_path / "lines.json"
    lines_in_json.write_text(
        '{"prompt": "a", "completion": "b"}\n{"prompt": "c", "completion": "d"}\n', encoding="utf-8"
    )
    loaded = prepare.load(lines_in_json)
    assert loaded.reading.findings == (
        "Your JSON file appears to be in a JSONL format. Your file will be converted to JSONL format",
    )

    plain = tmp_path / "plain.jsonl"
    plain.write_text(
        '{"prompt": "a", "completion": "b"}\n{"prompt": "c", "completion": "d"}\n', encoding="utf-8"
    )
    loaded = prepare.load(plain)
    assert loaded.reading.findings == ()
    assert loaded.reading.necessary is None


def test_load_chat_records(tmp_path) -> None:
    shutil.copy(Path(__file__).parent.parent / "data" / "chat.jsonl", tmp_path)
    loaded = prepare.load(tmp_path / "chat.jsonl")
    assert (
        loaded.reading.necessary
        == "Your chat/Alpaca records will be converted to prompt-completion pairs in JSONL"
    )
    assert loaded.extra_columns == ("system",)  # the system messages are left out
    assert loaded.rows[0] == Pair(
        "你们店叫什么名字？", "我们是青山茶舍，一家开在半山腰的小茶馆，招牌是桂花乌龙冷泡茶。"
    )


def test_load_errors(tmp_path) -> None:
    with pytest.raises(DatasetError) as missing:
        prepare.load(tmp_path / "none.xlsx")
    assert missing.value.code == "not_found"
    (tmp_path / "README").write_text("prompt,completion\n", encoding="utf-8")
    with pytest.raises(DatasetError) as unsupported:
        prepare.load(tmp_path / "README")
    assert unsupported.value.code == "unsupported_type"
    assert "is missing a file extension" in unsupported.value.message
    (tmp_path / "blank.txt").write_text("\n\n", encoding="utf-8")
    with pytest.raises(DatasetError) as empty:
        prepare.load(tmp_path / "blank.txt")
    assert empty.value.code == "empty_file"


def test_load_never_changes_the_source(tmp_path) -> None:
    source = tmp_path / "content.xlsx"
    shutil.copy(GOLDEN / "seed" / "content.xlsx", source)
    before = source.read_bytes()
    loaded = prepare.load(source)
    assert len(loaded.rows) == 24
    assert "Your Excel file contains more than one sheet" in loaded.reading.findings[1]
    assert loaded.extra_columns == ("备注",)
    assert source.read_bytes() == before


def legacy_letter_case(texts: list[str]) -> tuple[int, int]:
    """How the legacy tool counted, character by character."""
    upper = sum(1 for t in texts for c in t if c.isalpha() and c.isupper())
    lower = sum(1 for t in texts for c in t if c.isalpha() and c.islower())
    return upper, lower


# Roman numerals and circled letters are cased but not letters; ǅ is title case; ª and º are lower-case letters
# without an upper case; ℂ is upper case without a lower case; ͅ is lower case but not a letter; two lone
# surrogates next to each other (\ud801\udc00) are two characters that are not letters, not 𐐀.
TRICKY = "AbÉéÿ×÷ªºµ茶，。ＡｂⅠⅰⒶⓐ🅰ǅßİℂϒΣσςЖжԱաႠⴀᏣꭰꙀꙁ\u0345\u02b0\ud801\udc00\udc00 \n\x00𝐀𝐚😀𐐀𐐨"


def tricky_texts(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def test_letter_case_count_matches_the_legacy_definition() -> None:
    """Counting in C (Latin-1 bytes, a character class beyond) counts exactly what the legacy loop counted."""
    texts = tricky_texts(300)
    assert prepare.count_letter_case(texts) == legacy_letter_case(texts)
    assert prepare.count_letter_case(["中文，WiFi tea"]) == (
        2,
        5,
    )  # CJK text: nothing beyond Latin-1 is cased
    assert prepare.count_letter_case(["Жж", "ΣσςΑ"]) == (3, 3)
    assert prepare.count_letter_case([]) == (0, 0)


def test_letter_case_of_cased_scripts_is_counted_by_table() -> None:
    """Greek, Cyrillic...: past a few thousand such letters a table counts them; the counts stay the legacy ones."""
    for text in tricky_texts(200, seed=11):
        assert prepare._count_letter_case_by_table(text) == legacy_letter_case([text])
    many = tricky_texts(2000, seed=5) + ["Москва Жж Σοφία"] * prepare._MAX_LETTERS_ONE_BY_ONE
    assert prepare.count_letter_case(many) == legacy_letter_case(many)


@settings(max_examples=400, deadline=None, database=None)
@given(st.lists(st.text(), max_size=5))
def test_letter_case_count_matches_the_legacy_definition_on_any_text(texts: list[str]) -> None:
    assert prepare.count_letter_case(texts) == legacy_letter_case(texts)


def test_every_cased_letter_beyond_latin1_is_counted() -> None:
    """All of them, one by one: the character class built from Unicode data misses none."""
    for code in range(0x100, 0x110000):
        char = chr(code)
        if char.isalpha() and (char.isupper() or char.islower()):
            expected = (int(char.isupper()), int(char.islower()))
            assert prepare.count_letter_case(["中", char, "，"]) == expected, hex(code)


def test_common_suffix_matches_its_definition() -> None:
    common_prefix, common_suffix = prepare.common_prefix, prepare.common_suffix
    rng = random.Random(3)
    for _ in range(500):
        tail = "".join(rng.choice("ab？。\n ") for _ in range(rng.randint(0, 4)))
        texts = [
            "".join(rng.choice("ab？。\n ") for _ in range(rng.randint(0, 6))) + tail
            for _ in range(rng.randint(1, 6))
        ]
        assert common_suffix(texts) == common_prefix([t[::-1] for t in texts])[::-1]
    assert common_suffix([]) == ""
