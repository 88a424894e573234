"""The Chat tab's Markdown renderer: what each construct becomes, that nothing from the model becomes markup,
and that streaming gives the same HTML as rendering the whole answer, at a cost linear in its length.

The streaming checks lean on one property: after any prefix of an answer, the closed blocks so far plus the
open preview equal ``render(prefix)``. It pins the incremental preview to the from-scratch renderer exactly.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

import pytest

from desktop_app.core.markdown import (
    COPY_CODE_SCHEME,
    INLINE_SPAN_LIMIT,
    MarkdownStream,
    StreamUpdate,
    copy_code_index,
    render,
)

TABLE = '<table border="1" cellspacing="0" cellpadding="4">'


def _pieces(text: str, sizes: Iterable[int]) -> list[str]:
    pieces, position = [], 0
    for size in sizes:
        if position >= len(text):
            break
        pieces.append(text[position : position + size])
        position += size
    if position < len(text):
        pieces.append(text[position:])
    return pieces


def _random_sizes(rng: random.Random, low: int = 1, high: int = 7) -> Iterable[int]:
    while True:
        yield rng.randint(low, high)


def _stream_checked(text: str, pieces: list[str]) -> list[str]:
    """Feed ``pieces``, checking after each that closed-so-far + open preview == render(text so far)."""
    stream = MarkdownStream()
    closed: list[str] = []
    fed = ""
    for piece in pieces:
        update = stream.feed(piece)
        fed += piece
        closed.extend(update.closed_html)
        assert "".join(closed) + update.open_html == render(fed), f"after {fed!r}"
    final = stream.finish()
    assert final.open_html == ""
    closed.extend(final.closed_html)
    assert "".join(closed) == render(text)
    return closed


# Constructs -------------------------------------------------------------------------------------------------


def test_atx_headings_with_optional_closing_hashes() -> None:
    assert render("# One\n###### Six ##\n####### seven\n#hashtag") == (
        "<h1>One</h1><h6>Six</h6><p>####### seven\n#hashtag</p>"
    )


def test_paragraph_lines_join_with_soft_breaks_and_keep_hard_breaks() -> None:
    assert render("line one\nline two  \nline three\\\nfour") == (
        "<p>line one\nline two<br>line three<br>four</p>"
    )
    assert render("first\n\nsecond") == "<p>first</p><p>second</p>"


def test_bold_italic_and_their_combinations() -> None:
    assert render("**bold** *it* _it_ ***both*** __strong__") == (
        "<p><b>bold</b> <i>it</i> <i>it</i> <i><b>both</b></i> <b>strong</b></p>"
    )


def test_underscores_inside_words_are_not_emphasis_but_asterisks_are() -> None:
    assert render("snake_case_name and 2*3*4") == "<p>snake_case_name and 2<i>3</i>4</p>"


def test_an_opener_after_a_closed_pair_is_still_found_by_a_later_closer() -> None:
    # The first "**" fails to close and is remembered as hopeless; the "_" pair then removes it, and the new
    # "**" opener sits where the old one was. CommonMark (and markdown-it) close it.
    assert render("_x**y_ **z**a") == "<p><i>x**y</i> <b>z</b>a</p>"


def test_inline_code_is_literal_and_escaped() -> None:
    assert render("`a < b` and `` x ` y `` and `**no**`") == (
        "<p><code>a &lt; b</code> and <code>x ` y</code> and <code>**no**</code></p>"
    )


def test_links_keep_only_http_https_and_mailto_targets() -> None:
    html = render(
        "[site](https://example.com/a?b=1&c=2) [plain](http://e.org) [mail](mailto:a@b.c) "
        "[js](javascript:alert(1)) [rel](./x.md) [data](data:text/html,hi) [hidden](&#106;avascript:x)"
    )
    assert html == (
        '<p><a href="https://example.com/a?b=1&amp;c=2">site</a> <a href="http://e.org">plain</a> '
        '<a href="mailto:a@b.c">mail</a> [js](javascript:alert(1)) [rel](./x.md) [data](data:text/html,hi) '
        "[hidden](&amp;#106;avascript:x)</p>"
    )


def test_link_text_may_hold_brackets_code_and_escapes() -> None:
    assert render("[a [b] `c]` \\] d](https://x.y)") == (
        '<p><a href="https://x.y">a [b] <code>c]</code> ] d</a></p>'
    )


def test_a_link_target_cannot_leave_its_attribute() -> None:
    html = render('[q](<https://x.com/" onmouseover="alert(1)>)')
    assert html == '<p><a href="https://x.com/&quot;%20onmouseover=&quot;alert(1)">q</a></p>'


def test_bare_urls_become_links_without_trailing_punctuation() -> None:
    assert render("see https://example.com/path_(x). and (https://e.com/a), 官网：https://x.cn。") == (
        '<p>see <a href="https://example.com/path_(x)">https://example.com/path_(x)</a>. and '
        '(<a href="https://e.com/a">https://e.com/a</a>), 官网：<a href="https://x.cn">https://x.cn</a>。</p>'
    )


def test_bullet_lists_nest_by_indentation() -> None:
    assert render("- a\n- b\n  - c\n    - d\n- e") == (
        "<ul><li>a</li><li>b<ul><li>c<ul><li>d</li></ul></li></ul></li><li>e</li></ul>"
    )


def test_ordered_list_keeps_its_start_number() -> None:
    assert render("3. three\n4. four") == '<ol start="3"><li>three</li><li>four</li></ol>'
    assert render("1) one\n2) two") == "<ol><li>one</li><li>two</li></ol>"


def test_a_sub_list_indented_two_spaces_under_a_number_is_nested() -> None:
    # CommonMark wants three spaces under "1. "; models often write two and mean a sub-list.
    assert render("1. one\n  - sub\n2. two") == "<ol><li>one<ul><li>sub</li></ul></li><li>two</li></ol>"


def test_list_item_paragraphs_after_the_first_get_their_own_paragraph() -> None:
    assert render("- first\n\n  second\n- next") == "<ul><li>first<p>second</p></li><li>next</li></ul>"


def test_an_item_may_begin_with_one_blank_line_not_two() -> None:
    assert render("-\n  foo") == "<ul><li>foo</li></ul>"
    assert render("-\n\n  foo") == "<ul><li></li></ul><p>foo</p>"


def test_a_list_interrupts_a_paragraph_only_as_commonmark_allows() -> None:
    assert render("Intro:\n- a\n- b") == "<p>Intro:</p><ul><li>a</li><li>b</li></ul>"
    assert render("Intro:\n1. a") == "<p>Intro:</p><ol><li>a</li></ol>"
    assert render("Since\n2. is not one") == "<p>Since\n2. is not one</p>"


def test_a_different_marker_starts_a_new_list() -> None:
    assert render("- a\n* b\n1. c") == "<ul><li>a</li></ul><ul><li>b</li></ul><ol><li>c</li></ol>"


def test_table_with_alignment_escaped_pipe_and_uneven_rows() -> None:
    markdown = "| Left | Right | Mid | None |\n|:--|--:|:-:|---|\n| 1 | 2 | 3 | 4 | 5 |\n| `a\\|b` | **x** |"
    assert render(markdown) == (
        f'{TABLE}<tr><th align="left">Left</th><th align="right">Right</th><th align="center">Mid</th>'
        '<th>None</th></tr><tr><td align="left">1</td><td align="right">2</td><td align="center">3</td>'
        '<td>4</td></tr><tr><td align="left"><code>a|b</code></td><td align="right"><b>x</b></td>'
        '<td align="center"></td><td></td></tr></table>'
    )


def test_table_header_is_the_last_line_of_the_paragraph_above_it() -> None:
    assert render("text above\n| a | b |\n| - | - |\n| 1 | 2 |\n\nafter") == (
        f"<p>text above</p>{TABLE}<tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>"
        "<p>after</p>"
    )


def test_a_delimiter_row_that_does_not_fit_the_header_is_text() -> None:
    assert render("| a | b |\n| - |") == "<p>| a | b |\n| - |</p>"
    assert render("a\n---") == "<p>a</p><hr>"  # no setext headings: a dash line is a rule


def test_fenced_code_with_language_blank_lines_and_copy_links() -> None:
    html = render("```python\nprint('<x>')\n\nx = 1\n```\n~~~\nraw ``` inside\n~~~", copy_label="Copy")
    assert html == (
        '<p class="code-info">python <a href="copy-code:0">Copy</a></p><pre>print(\'&lt;x&gt;\')\n\nx = 1</pre>'
        '<p class="code-info"><a href="copy-code:1">Copy</a></p><pre>raw ``` inside</pre>'
    )


def test_code_blocks_without_copy_label_show_only_the_language() -> None:
    assert (
        render("```sh\nls\n```\n```\nplain\n```")
        == '<p class="code-info">sh</p><pre>ls</pre><pre>plain</pre>'
    )


def test_code_block_text_is_available_by_the_index_of_its_copy_link() -> None:
    stream = MarkdownStream(copy_label="复制")
    update = stream.feed("```js\nlet a = '<b>';\n```\n- item\n  ```\n  nested\n  ```\n```\nstill open")
    assert stream.code_blocks == ("let a = '<b>';", "nested", "still open")
    assert '<a href="copy-code:1">复制</a>' in "".join(update.closed_html)
    stream.feed(" more")
    assert stream.code_blocks[2] == "still open more"


def test_a_longer_fence_holds_shorter_fences() -> None:
    assert render("````md\n```\nnested\n```\n````") == (
        '<p class="code-info">md</p><pre>```\nnested\n```</pre>'
    )


def test_a_backtick_in_the_info_string_makes_it_inline_code_not_a_fence() -> None:
    assert render("```js` x") == "<p>```js` x</p>"


def test_code_block_inside_a_list_item() -> None:
    assert render("1. Install:\n   ```bash\n   pip install x\n   ```\n2. Run") == (
        '<ol><li>Install:<p class="code-info">bash</p><pre>pip install x</pre></li><li>Run</li></ol>'
    )


def test_blockquote_holds_blocks_and_takes_a_lazy_line() -> None:
    assert render("> quote **b**\n> - item\nlazy\n\nout") == (
        "<blockquote><p>quote <b>b</b></p><ul><li>item\nlazy</li></ul></blockquote><p>out</p>"
    )


def test_horizontal_rules() -> None:
    assert render("---\n***\n_ _ _\n- - -") == "<hr><hr><hr><hr>"


# Escaping ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
        ("</div></table><b>unmatched", "<p>&lt;/div&gt;&lt;/table&gt;&lt;b&gt;unmatched</p>"),
        ("```\n</pre><script>x</script>\n```", "<pre>&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;</pre>"),
        ("`<i>` and **<b>**", "<p><code>&lt;i&gt;</code> and <b>&lt;b&gt;</b></p>"),
        ('| <td onclick="x"> |\n|---|', f"{TABLE}<tr><th>&lt;td onclick=&quot;x&quot;&gt;</th></tr></table>"),
        ("# <h1>", "<h1>&lt;h1&gt;</h1>"),
        ("[<b>x</b>](https://a.b)", '<p><a href="https://a.b">&lt;b&gt;x&lt;/b&gt;</a></p>'),
    ],
)
def test_model_output_never_becomes_markup(markdown: str, expected: str) -> None:
    assert render(markdown) == expected


def test_entities_are_decoded_then_escaped_again() -> None:
    # "&lt;script&gt;" shows as the text "<script>", never as a tag; unknown names stay as typed.
    assert render("&lt;script&gt; &amp; &copy; &#x41; &#0; &bogus; & AT&T") == (
        "<p>&lt;script&gt; &amp; © A \ufffd &amp;bogus; &amp; AT&amp;T</p>"
    )
    assert render("`&amp;`") == "<p><code>&amp;amp;</code></p>"


def test_nul_characters_are_replaced() -> None:
    assert render("a\0b") == "<p>a\ufffdb</p>"


# Chinese, full-width punctuation, emoji -------------------------------------------------------------------------


def test_chinese_full_width_punctuation_and_emoji_pass_through_intact() -> None:
    text = "中文段落，全角标点！？（括号）「引号」……😀👍🏽👨‍👩‍👧　全角空格"
    assert render(text) == f"<p>{text}</p>"
    assert render(f"- {text}\n\n| 列 |\n|---|\n| {text} |") == (
        f"<ul><li>{text}</li></ul>{TABLE}<tr><th>列</th></tr><tr><td>{text}</td></tr></table>"
    )


def test_bold_closes_after_full_width_punctuation_before_chinese() -> None:
    # Plain CommonMark leaves "**注意：**这是" unbolded; Chinese models write it constantly.
    assert render("**注意：**这是重点。") == "<p><b>注意：</b>这是重点。</p>"
    assert render("这是**“引用”**文字") == "<p>这是<b>“引用”</b>文字</p>"


def test_chinese_streamed_one_character_at_a_time() -> None:
    text = "## 标题\n\n**注意：**请先运行`pip install x`，然后😀。\n\n1. 第一步\n2. 第二步"
    closed = _stream_checked(text, list(text))
    assert "".join(closed) == (
        "<h2>标题</h2><p><b>注意：</b>请先运行<code>pip install x</code>，然后😀。</p>"
        "<ol><li>第一步</li><li>第二步</li></ol>"
    )


# Streaming equals whole-text rendering ----------------------------------------------------------------------------

SAMPLES = {
    "mixed": (
        "# Setup guide\n\nInstall with **pip** and *check* the `version`, see [docs](https://example.com/d?a=1).\n"
        "Second line.  \nHard break above.\n\n- one\n- two\n  - nested *item*\n\n"
        "```python\ndef f(x):\n\n    return x < 3\n```\n\n"
        "| Name | Value |\n|:-----|------:|\n| a | **1** |\n\n> Quoted\n> text\n\n---\nThe end."
    ),
    "chinese": (
        "## 安装\n\n**注意：**请先安装依赖，全角标点！😀\n\n1. 第一步：下载\n2. 第二步：\n   ```bash\n   echo 你好\n   ```\n"
        "3. 第三步\n  - 子项\n\n> 引用的**重点**。"
    ),
    "nested": (
        "> - a\n>   continued\n> 1. b\nlazy line\n\n- item\n\n  second para\n\n  > quote in item\n"
        "- [ ] task-like\n\n* other list\n1. ordered\n   1. deeper\n      - deepest\n"
    ),
    "tricky": (
        "Text with [a link](https://e.com/x_(y)) and https://bare.example/path, and &amp; &lt;b&gt;.\n"
        "| h1 | h2 |\n| :-: | --- |\n| `c\\|d` | e |\nplain row\n\n~~~\n```\ninside\n~~~\n"
        "**bold with `code` and [link](mailto:x@y.z)** _under_ \\*escaped\\*\n```\nunterminated <fence>"
    ),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_split_point_gives_the_whole_text_rendering(name: str) -> None:
    text = SAMPLES[name]
    whole = render(text)
    for split in range(len(text) + 1):
        stream = MarkdownStream()
        first = stream.feed(text[:split])
        assert "".join(first.closed_html) + first.open_html == render(text[:split]), (
            f"prefix {text[:split]!r}"
        )
        rest = stream.feed(text[split:])
        last = stream.finish()
        assert "".join(first.closed_html + rest.closed_html + last.closed_html) == whole, f"split at {split}"


@pytest.mark.parametrize("seed", range(8))
def test_random_chunkings_preview_and_close_like_the_whole_text(seed: int) -> None:
    rng = random.Random(seed)
    for text in SAMPLES.values():
        _stream_checked(text, _pieces(text, _random_sizes(rng)))


_LINE_STARTS = ["", "", "", "  ", "   ", "    ", "\t", "- ", "* ", "+ ", "1. ", "2) ", "> ", ">", "> - ", "- > ",
                "  - ", "   1. ", "# ", "### ", "#", "```", "```py", "~~~", "````", "---", "***", "| ", "|",
                "|-|", "| --- | :-: |", "-", "1."]  # fmt: skip
_LINE_BODIES = ["a", "word", "中文", "😀", " ", "*", "**", "_", "`", "``", "[x](https://a.b)", "[", "](", ")", "|",
                " | ", "\\", "\\|", "&amp;", "&#x41;", "&", "https://q.io/x_y.", "htt", "#", "  ", "：", "**注意：**",
                "<b>", "~"]  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_generated_markdown_streams_like_the_whole_text(seed: int) -> None:
    # Random lines of markup that is easy to misread while half-typed: markers, fences, rules, delimiter rows,
    # unmatched emphasis and brackets, half-written URLs and entities.
    rng = random.Random(1000 + seed)
    for _ in range(60):
        lines = [
            rng.choice(_LINE_STARTS) + "".join(rng.choice(_LINE_BODIES) for _ in range(rng.randint(0, 6)))
            for _ in range(rng.randint(1, 10))
        ]
        text = "\n".join(lines) + rng.choice(["", "\n"])
        _stream_checked(text, _pieces(text, _random_sizes(rng, 1, 4)))


def test_closed_blocks_are_emitted_once_and_never_repeated() -> None:
    text = SAMPLES["mixed"]
    stream = MarkdownStream()
    emitted: list[str] = []
    for piece in _pieces(text, [3] * len(text)):
        update = stream.feed(piece)
        emitted.extend(update.closed_html)
        for block in update.closed_html:
            assert block not in update.open_html
    emitted.extend(stream.finish().closed_html)
    # heading, paragraph, list, code, table, quote, rule, paragraph: each exactly once, in order
    assert [block[:4] for block in emitted] == [
        "<h1>",
        "<p>I",
        "<ul>",
        "<p c",
        TABLE[:4],
        "<blo",
        "<hr>",
        "<p>T",
    ]
    assert "".join(emitted) == render(text)


def test_a_block_closes_when_the_next_line_proves_it() -> None:
    stream = MarkdownStream()
    assert stream.feed("# Title") == StreamUpdate((), "<h1>Title</h1>")
    assert stream.feed("\nSome") == StreamUpdate(("<h1>Title</h1>",), "<p>Some</p>")
    assert stream.feed(" text\n") == StreamUpdate((), "<p>Some text</p>")
    assert stream.feed("\n") == StreamUpdate(("<p>Some text</p>",), "")
    assert stream.feed("```\ncode\n\nmore\n") == StreamUpdate((), "<pre>code\n\nmore</pre>")
    assert stream.feed("```") == StreamUpdate((), "<pre>code\n\nmore</pre>")  # a closing fence, once complete
    assert stream.feed("\n- a\n") == StreamUpdate(("<pre>code\n\nmore</pre>",), "<ul><li>a</li></ul>")
    assert stream.feed("\n- b\n\n") == StreamUpdate((), "<ul><li>a</li><li>b</li></ul>")
    assert stream.feed("after") == StreamUpdate(("<ul><li>a</li><li>b</li></ul>",), "<p>after</p>")


def test_an_undecided_line_is_previewed_without_closing_anything() -> None:
    stream = MarkdownStream()
    stream.feed("para\n")
    # "- " could still become "- - -" (a rule) or an empty item, which cannot interrupt a paragraph.
    assert stream.feed("- ") == StreamUpdate((), "<p>para\n-</p>")
    assert stream.feed("x") == StreamUpdate(("<p>para</p>",), "<ul><li>x</li></ul>")


def test_crlf_line_ends_split_across_feeds() -> None:
    stream = MarkdownStream()
    closed = [
        *stream.feed("a\r").closed_html,
        *stream.feed("\n\r").closed_html,
        *stream.feed("\nb\r\n").closed_html,
    ]
    closed += stream.finish().closed_html
    assert closed == ["<p>a</p>", "<p>b</p>"]
    assert render("a\r\n\r\nb\rc") == "<p>a</p><p>b\nc</p>"


# Linear time -----------------------------------------------------------------------------------------------------

_ANSWER_UNIT = """## 第 {i} 节：Setup

Here is **bold text**, some *italic*, `inline code`, a [link](https://example.com/docs?x={i}) and \
a bare URL https://example.org/path_{i}. 中文段落，包含**加粗**和全角标点：没问题！😀

1. First step with `pip install pkg`
2. Second step:
   ```bash
   echo "hello <world> & friends"
   ```
3. Third step
   - nested *point*

| Name | Value | Notes |
|:-----|------:|:-----:|
| a{i} | {i} | **ok** |

> A quote with a [link](https://q.example) and more text.

```python
def f(x):
    return x * {i}  # <not a tag>
```

---

"""


def _answer(length: int) -> str:
    parts, size, index = [], 0, 0
    while size < length:
        parts.append(_ANSWER_UNIT.format(i=index))
        size += len(parts[-1])
        index += 1
    return "".join(parts)[:length]


def _work_in_pieces(text: str, size: int) -> tuple[int, list[int], str]:
    stream = MarkdownStream()
    closed: list[str] = []
    steps: list[int] = []
    for start in range(0, len(text), size):
        before = stream.work
        closed.extend(stream.feed(text[start : start + size]).closed_html)
        steps.append(stream.work - before)
    closed.extend(stream.finish().closed_html)
    return stream.work, steps, "".join(closed)


def test_work_for_a_long_answer_in_three_character_pieces_is_linear() -> None:
    # Work counts characters classified, parsed or escaped, not seconds: timing belongs in benchmarks/.
    text = _answer(200_000)
    work, _, html = _work_in_pieces(text, 3)
    assert html == render(text)
    assert work <= 6 * len(text)  # measured: 5.1
    half_work, _, _ = _work_in_pieces(text[:100_000], 3)
    assert work / half_work < 2.1


def test_a_huge_code_block_costs_the_same_per_piece_at_its_end_as_at_its_start() -> None:
    code = "```js\n" + "const value = {a: 1, b: '<x>'};  // 注释\n" * 1_500
    work, _, html = _work_in_pieces(code + "```\n", 3)
    assert html == render(code + "```\n")
    assert work <= 3 * len(code)  # escaped once while streaming, once when the fence closes
    _, open_steps, _ = _work_in_pieces(code, 3)  # never closed while fed: every step previews the open block
    assert max(open_steps[len(open_steps) // 2 :]) <= max(open_steps[: len(open_steps) // 10])


def test_one_huge_line_streams_in_bounded_work_per_piece() -> None:
    text = "word **bold** `code` 中文 " * 3_000
    work, steps, html = _work_in_pieces(text, 3)
    assert html == render(text)
    assert work <= 5 * len(text)  # measured: 3.5
    assert max(steps[len(steps) // 2 :]) <= 64


def test_long_list_and_long_table_stay_linear() -> None:
    for text in (
        "".join(f"- item {k} with *text*\n" for k in range(2_000)),
        "| a | b |\n|---|---|\n" + "".join(f"| {k} | **v** |\n" for k in range(2_000)),
    ):
        work, steps, html = _work_in_pieces(text, 3)
        assert html == render(text)
        assert work <= 5 * len(text)
        assert max(steps[len(steps) // 2 :]) <= 64


@pytest.mark.parametrize("unit", ["*w ", "[w ", "[w] ", "``w` "])
def test_unmatched_openers_cost_at_most_the_span_limit_per_piece(unit: str) -> None:
    # The worst case: every opener may still be closed, so nothing settles until openers fall out of reach.
    text = unit * (2_400 // len(unit))
    _, steps, html = _work_in_pieces(text, 3)
    assert html == render(text)
    assert max(steps) <= 2 * INLINE_SPAN_LIMIT + 64
    assert max(steps[-50:]) <= max(steps[len(steps) // 2 : len(steps) // 2 + 50]) + 8  # a plateau, not growth


def test_openers_out_of_reach_of_their_closer_are_plain_text() -> None:
    near = "**" + "a" * (INLINE_SPAN_LIMIT - 10) + "**"
    far = "**" + "a" * (INLINE_SPAN_LIMIT + 10) + "**"
    assert render(near) == f"<p><b>{'a' * (INLINE_SPAN_LIMIT - 10)}</b></p>"
    assert render(far) == f"<p>{far}</p>"
    assert render("`" + "x" * (INLINE_SPAN_LIMIT + 10) + "`").startswith("<p>`xxx")


# Unfinished answers ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("```python\nprint(1)\n", '<p class="code-info">python</p><pre>print(1)</pre>'),
        ("```", "<pre></pre>"),
        ("**never closed", "<p>**never closed</p>"),
        ("*a **b", "<p>*a **b</p>"),
        ("`open code", "<p>`open code</p>"),
        ("[half a link](https://e.com", '<p>[half a link](<a href="https://e.com">https://e.com</a></p>'),
        (
            "| a | b |\n|---|---|\n| 1 ",
            f"{TABLE}<tr><th>a</th><th>b</th></tr><tr><td>1</td><td></td></tr></table>",
        ),
        ("- item\n  - ", "<ul><li>item\n-</li></ul>"),  # an empty item cannot interrupt a paragraph
        ("> quote\\", "<blockquote><p>quote\\</p></blockquote>"),
        ("&am", "<p>&amp;am</p>"),
    ],
)
def test_finish_renders_unterminated_constructs_as_far_as_they_go(markdown: str, expected: str) -> None:
    stream = MarkdownStream()
    first = stream.feed(markdown)
    last = stream.finish()
    assert "".join(first.closed_html + last.closed_html) == expected
    assert last.open_html == ""


def test_feed_after_finish_is_an_error_and_finish_is_idempotent() -> None:
    stream = MarkdownStream()
    stream.feed("text")
    assert stream.finish().closed_html == ("<p>text</p>",)
    assert stream.finish() == StreamUpdate((), "")
    with pytest.raises(RuntimeError):
        stream.feed("more")


def test_empty_answer_renders_nothing() -> None:
    assert render("") == ""
    assert render("\n\n  \n") == ""
    assert MarkdownStream().finish() == StreamUpdate((), "")


def test_copy_code_index_reads_only_copy_links() -> None:
    assert copy_code_index(f"{COPY_CODE_SCHEME}:3") == 3
    assert copy_code_index("https://example.com") is None
    assert copy_code_index(f"{COPY_CODE_SCHEME}:") is None
    assert copy_code_index(f"{COPY_CODE_SCHEME}:-1") is None
    assert copy_code_index(f"{COPY_CODE_SCHEME}:١") is None  # a non-ASCII digit is not an index


def test_copy_links_number_from_the_first_code_index_given() -> None:
    text = "```\na\n```\n\n```\nb\n```\n"
    stream = MarkdownStream(copy_label="copy", first_code_index=7)
    html = "".join(stream.feed(text).closed_html + stream.finish().closed_html)
    assert f'href="{COPY_CODE_SCHEME}:7"' in html
    assert f'href="{COPY_CODE_SCHEME}:8"' in html
    assert f'href="{COPY_CODE_SCHEME}:0"' not in html
    assert stream.code_blocks == ("a", "b")
    assert render(text, copy_label="copy", first_code_index=7) == html
