"""Markdown to HTML for the Chat tab, rendered while the model's answer streams in.

An answer arrives a few characters at a time (up to 20,000 tokens), and re-rendering the whole answer on every
token would make the display quadratic in its length. :class:`MarkdownStream` therefore splits the answer into
blocks and reports, per :meth:`MarkdownStream.feed`, the blocks that became complete (rendered once, never
changed again) and the HTML of the unfinished tail, which is the only part re-rendered.

Block-closing rules. Lines are the unit: a top-level block closes only when a line proves it complete:

* a paragraph on a blank line, or on a line starting a heading, fence, rule, quote or list item (an ordered
  item must start at 1 and no item may be empty to interrupt it; a GFM delimiter row turns its last line into
  a table header instead);
* a heading or a rule at the end of its own line;
* a fenced code block on its closing fence (blank lines inside belong to the code);
* a table on a blank line or a block start; every other line is a row;
* a list on a non-blank line that neither continues its last item (indented to the item's content, or a lazy
  paragraph continuation) nor starts an item of the same kind; blank lines between items keep it open;
* a blockquote on a line without ``>`` that is not a lazy paragraph continuation.

A line's effect is applied as soon as its beginning settles it ("- foo" is a list item whatever follows), so a
long line streams into its block without waiting for its end; lines whose reading can still change ("---",
"```py", a blank-so-far line) are previewed speculatively and applied at their end. Either way a block closes
the same for every chunking of the text, and :func:`render` is the same stream fed at once.

Linear time. Every complete line is classified once; a block's final HTML is rendered once, from its source,
when it closes. The preview of the open block is incremental: fenced code escapes only new text; a paragraph,
heading or table cell keeps the HTML of its settled prefix and re-parses only the suffix whose reading may still
change (an unmatched ``**``, an unfinished link or code span, trailing spaces). To bound that suffix, inline
constructs span at most :data:`INLINE_SPAN_LIMIT` characters: an opener further back can no longer match and
becomes plain text. The work per feed is thus O(new text + INLINE_SPAN_LIMIT) in the worst case and
O(new text + a few characters) for ordinary prose; :attr:`MarkdownStream.work` counts it so tests can check.
Joining the cached pieces into ``open_html`` copies the open block's HTML once per feed (memory copy, no
parsing); a UI that coalesces updates keeps that small.

Output is the HTML 4 subset QTextBrowser renders. Everything from the model is escaped (entities are decoded,
then escaped again); links keep only http, https and mailto targets (others show as their source text); images
are shown as links, never loaded. Where models write differently from CommonMark, we follow the models: bold
closes after full-width punctuation before Chinese ("**注意：**这是"), a sub-list indented two spaces under "1. "
nests, bare http(s) URLs become links. Left out on purpose: setext headings, indented code blocks, raw HTML,
reference links, footnotes, strikethrough, task lists; soft line breaks render as CommonMark's newline (which
Qt shows as a space, also between Chinese characters).
"""

from __future__ import annotations

import enum
import html
import itertools
import re
import unicodedata
from dataclasses import dataclass
from typing import Final

INLINE_SPAN_LIMIT: Final = 1_000
"""Characters from an inline opener (``**``, backticks, ``[``) to its closer; past it the opener is text."""

COPY_CODE_SCHEME: Final = "copy-code"
"""Scheme of the "copy" link under each code block: ``copy-code:<index into MarkdownStream.code_blocks>``."""

_TABLE_OPEN: Final = '<table border="1" cellspacing="0" cellpadding="4">'


@dataclass(frozen=True)
class StreamUpdate:
    """What changed after one feed: append ``closed_html`` for good, then show ``open_html`` after it.

    ``open_html`` replaces the previous update's ``open_html``; it is usually one block, but while the last line
    is undecided (say "- " after a paragraph) it may show how that line would end the block.
    """

    closed_html: tuple[str, ...]
    open_html: str


def render(markdown: str, *, copy_label: str | None = None, first_code_index: int = 0) -> str:
    """The HTML of a whole answer (history), identical to streaming it in any chunking."""
    stream = MarkdownStream(copy_label=copy_label, first_code_index=first_code_index)
    stream._consume(markdown)
    return "".join(stream._root.take_closed() + stream.finish().closed_html)


def copy_code_index(href: str) -> int | None:
    """The code-block index of a "copy" link's href, or None for any other link (the UI opens those)."""
    scheme, _, rest = href.partition(":")
    if scheme != COPY_CODE_SCHEME or not rest.isascii() or not rest.isdigit():
        return None
    return int(rest)


class MarkdownStream:
    """Renders one answer as it streams; see the module docstring for the rules and the cost bound.

    ``copy_label`` is the (translated) text of the link shown with each code block; None shows no link. The
    links number the blocks from ``first_code_index`` on, so that several answers in one view number theirs
    apart (``code_blocks`` is still indexed from 0).
    """

    def __init__(self, *, copy_label: str | None = None, first_code_index: int = 0) -> None:
        self._work = _Work()
        self._copy_label = copy_label
        self._first_code_index = first_code_index
        self._root = _Root()
        self._codes: list[_Code] = []
        self._pieces: list[str] = []  # the current line, while its reading is undecided
        self._line_started = False
        self._target: _Leaf | None = None  # where the current line's text goes once it is decided
        self._applied = False
        self._after_cr = False
        self._finished = False

    @property
    def code_blocks(self) -> tuple[str, ...]:
        """Raw text of every code block opened so far, by the index its "copy" link carries."""
        return tuple(code.text() for code in self._codes)

    @property
    def work(self) -> int:
        """Characters passed through classification, parsing and escaping so far (the linear-time check)."""
        return self._work.chars

    def feed(self, text: str) -> StreamUpdate:
        """Add the next piece of the answer."""
        if self._finished:
            raise RuntimeError("MarkdownStream.feed() after finish()")
        plan = self._consume(text)
        return StreamUpdate(self._root.take_closed(), self._preview(plan))

    def finish(self) -> StreamUpdate:
        """Close everything: the last line ends here, an open fence or an unmatched ``**`` stays as it is."""
        if not self._finished:
            self._finished = True
            if self._line_started:
                self._end_line()
            self._root.close_child()
        return StreamUpdate(self._root.take_closed(), "")

    # Lines ------------------------------------------------------------------------------------------------

    def _consume(self, text: str) -> _Plan | None:
        text = text.replace("\0", "\ufffd")
        if self._after_cr and text.startswith("\n"):
            text = text[1:]
        if text:
            self._after_cr = text.endswith("\r")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        start = 0
        while (newline := text.find("\n", start)) >= 0:
            self._add(text[start:newline])
            self._end_line()
            start = newline + 1
        self._add(text[start:])
        return self._settle()

    def _add(self, text: str) -> None:
        if not text:
            return
        self._line_started = True
        if self._applied:
            if self._target is not None:
                self._target.add(text)
        else:
            self._pieces.append(text)

    def _settle(self) -> _Plan | None:
        """Apply the partial line if its beginning already decides it, else return its speculative plan."""
        if self._applied or not self._pieces:
            return None
        line = "".join(self._pieces)
        self._pieces = [line]
        plan = self._plan(line)
        if not plan.settled:
            return plan
        self._target = self._execute(plan)
        self._applied = True
        self._pieces = []
        return None

    def _end_line(self) -> None:
        if not self._applied:
            self._target = self._execute(self._plan("".join(self._pieces)))
        target = self._target
        if target is not None:
            target.end_line()
            if isinstance(target, _Heading):
                self._path()[0][-1].close_child()
        self._pieces = []
        self._target = None
        self._applied = False
        self._line_started = False

    def _path(self) -> tuple[list[_Container], _Leaf | None]:
        path: list[_Container] = [self._root]
        node = self._root.open
        while isinstance(node, _Container):
            path.append(node)
            node = node.open
        return path, node

    def _plan(self, line: str) -> _Plan:
        """How ``line`` changes the open blocks, decided without changing them (the preview needs that)."""
        self._work.chars += len(line) + 1
        path, leaf = self._path()
        rest = line
        depth = 0
        for index in range(1, len(path)):
            node = path[index]
            if isinstance(node, _List):
                depth = index
                continue
            if isinstance(node, _Item):
                matched = _continue_item(rest, node)
                if matched is None:
                    break
                rest = matched
            else:
                after = _after_quote_marker(rest)
                if after is None:
                    break
                rest = after
            depth = index
        all_matched = depth == len(path) - 1

        if all_matched and isinstance(leaf, _Code):
            if _closes_fence(rest, leaf):
                return _Plan(_Kind.CLOSE_FENCE, settled=False)
            return _Plan(
                _Kind.CODE_LINE,
                settled=_UNSETTLED.fullmatch(rest) is None,
                content=_strip_spaces(rest, leaf.indent),
            )

        starts: list[_ItemStart | _QuoteStart] = []
        interrupting = all_matched and isinstance(leaf, _Paragraph)
        current = rest
        rule = False
        while _indent(current) < 4:
            body = current.lstrip(" \t")
            if _RULE.fullmatch(body):
                rule = True
                break
            after = _after_quote_marker(current)
            if after is not None:
                starts.append(_QuoteStart())
                current = after
                interrupting = False
                continue
            item = _match_item(current)
            if item is None:
                break
            start, content = item
            if interrupting and (_is_blank(content) or (start.ordered and start.number != 1)):
                break
            starts.append(start)
            current = content
            interrupting = False

        settled = _UNSETTLED.fullmatch(current) is None
        leaf_start: _LeafStart | None = None
        content = ""
        indent = _indent(current)
        body = current.lstrip(" \t")
        if rule:
            leaf_start = _RuleStart()
        elif _is_blank(current):
            if not starts:
                return _Plan(_Kind.BLANK, settled=False, depth=depth)
        elif indent < 4 and (heading := _HEADING.fullmatch(body)):
            leaf_start = _HeadingStart(len(heading.group(1)))
            content = heading.group(2) or ""
        elif indent < 4 and (fence := _fence_start(body, indent)):
            leaf_start = fence
        elif (
            not starts
            and all_matched
            and isinstance(leaf, _Paragraph)
            and (aligns := leaf.table_aligns(current))
        ):
            return _Plan(_Kind.TABLE_HEADER, settled=False, aligns=aligns)
        elif not starts and all_matched and isinstance(leaf, _Table):
            return _Plan(_Kind.TABLE_ROW, settled=settled, content=current)
        elif not starts and isinstance(leaf, _Paragraph):
            return _Plan(_Kind.CONTINUE, settled=settled, content=body)
        else:
            leaf_start = _ParagraphStart()
            content = body

        receiving = path[depth]
        join_list = False
        if isinstance(receiving, _List):
            first = starts[0] if starts else None
            if isinstance(first, _ItemStart) and receiving.accepts(first):
                join_list = True
            else:
                depth -= 1
        return _Plan(
            _Kind.NEW,
            settled=settled and not isinstance(leaf_start, _RuleStart | _FenceStart),
            depth=depth,
            starts=tuple(starts),
            leaf=leaf_start,
            content=content,
            join_list=join_list,
        )

    def _execute(self, plan: _Plan) -> _Leaf | None:
        path, leaf = self._path()
        kind = plan.kind
        if kind is _Kind.NEW:
            receiving = path[plan.depth]
            receiving.close_child()
            top, rule, target = self._chain(plan, receiving, register=True)
            if top is not None:
                receiving.open = top
            elif rule:
                receiving.add_closed(_RULE_HTML)
            return target
        if kind is _Kind.BLANK:
            path[plan.depth].close_child()
            return None
        if kind is _Kind.CLOSE_FENCE:
            path[-1].close_child()
            return None
        if kind is _Kind.TABLE_HEADER:
            assert isinstance(leaf, _Paragraph)
            parent = path[-1]
            header = leaf.pop_line()
            if leaf.lines:  # the lines above the header stay a paragraph
                parent.close_child()
            parent.open = _Table(_split_row(header), plan.aligns, self._work)
            return None
        assert leaf is not None
        leaf.begin_line(plan.content)
        return leaf

    def _chain(
        self, plan: _Plan, receiving: _Container, *, register: bool
    ) -> tuple[_Node | None, bool, _Leaf | None]:
        """The blocks a line opens, built detached so the preview can show them without adding them.

        Returns the outermost new block, whether a rule goes straight into ``receiving``, and the block that
        takes the rest of the line.
        """
        chain: list[_Container] = []
        for start in plan.starts:
            if isinstance(start, _QuoteStart):
                chain.append(_Quote())
                continue
            if chain or not plan.join_list:
                chain.append(_List(start))
            chain.append(_Item(start))
        for outer, inner in itertools.pairwise(chain):
            outer.open = inner
        holder = chain[-1] if chain else receiving
        leaf: _Leaf | None = None
        target: _Leaf | None = None
        if isinstance(plan.leaf, _RuleStart):
            if chain:
                holder.add_closed(_RULE_HTML)
        elif isinstance(plan.leaf, _ParagraphStart):
            # The first paragraph of an item goes without <p>: Qt would put a paragraph's margins in the list.
            bare = isinstance(holder, _Item) and (bool(chain) or not holder.has_children())
            leaf = target = _Paragraph(self._work, bare=bare)
        elif isinstance(plan.leaf, _HeadingStart):
            leaf = target = _Heading(plan.leaf.level, self._work)
        elif isinstance(plan.leaf, _FenceStart):
            leaf = _Code(plan.leaf, self._first_code_index + len(self._codes), self._copy_label, self._work)
            if register:
                self._codes.append(leaf)
        if target is not None:
            target.begin_line(plan.content)
        if leaf is not None and chain:
            holder.open = leaf
        top: _Node | None = chain[0] if chain else leaf
        return top, isinstance(plan.leaf, _RuleStart) and not chain, target

    # Preview ----------------------------------------------------------------------------------------------

    def _preview(self, plan: _Plan | None) -> str:
        if plan is None or plan.kind in (_Kind.BLANK, _Kind.CLOSE_FENCE):
            return self._root.preview()
        path, leaf = self._path()
        if plan.kind is _Kind.NEW:
            receiving = path[plan.depth]
            top, rule, _ = self._chain(plan, receiving, register=False)
            receiving.extra = top.preview() if top is not None else _RULE_HTML if rule else ""
            try:
                return self._root.preview()
            finally:
                receiving.extra = ""
        assert leaf is not None
        if plan.kind is _Kind.TABLE_HEADER:
            assert isinstance(leaf, _Paragraph)
            leaf.as_table = plan.aligns
            try:
                return self._root.preview()
            finally:
                leaf.as_table = None
        assert isinstance(leaf, _Paragraph | _Table | _Code)
        leaf.tentative = plan.content
        try:
            return self._root.preview()
        finally:
            leaf.tentative = None


# Line plans ---------------------------------------------------------------------------------------------------


class _Kind(enum.Enum):
    CODE_LINE = enum.auto()
    CLOSE_FENCE = enum.auto()
    CONTINUE = enum.auto()  # paragraph continuation, lazy or not
    TABLE_ROW = enum.auto()
    TABLE_HEADER = enum.auto()  # the line is a delimiter row: the paragraph's last line becomes a header
    BLANK = enum.auto()
    NEW = enum.auto()  # containers and/or a leaf open under path[depth]


@dataclass(frozen=True)
class _ItemStart:
    ordered: bool
    marker: str  # bullet character, or "." / ")" after the number
    number: int
    marker_indent: int
    content_offset: int


@dataclass(frozen=True)
class _QuoteStart:
    pass


@dataclass(frozen=True)
class _HeadingStart:
    level: int


@dataclass(frozen=True)
class _FenceStart:
    char: str
    length: int
    indent: int
    language: str


@dataclass(frozen=True)
class _RuleStart:
    pass


@dataclass(frozen=True)
class _ParagraphStart:
    pass


_LeafStart = _HeadingStart | _FenceStart | _RuleStart | _ParagraphStart
_Align = str | None


@dataclass(frozen=True)
class _Plan:
    kind: _Kind
    settled: bool
    """True when no continuation of the line can change this plan, so it may be applied before the line ends."""
    depth: int = 0
    starts: tuple[_ItemStart | _QuoteStart, ...] = ()
    leaf: _LeafStart | None = None
    content: str = ""
    join_list: bool = False
    aligns: tuple[_Align, ...] = ()


_RULE = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*")
_RULE_HTML: Final = "<hr>"
_HEADING = re.compile(r"(#{1,6})(?:[ \t]+(.*)|[ \t]*)")
_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")
_ITEM = re.compile(r"([-+*])|([0-9]{1,9})([.)])")
_DELIMITER_ROW = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
# Lines whose reading may still change as characters arrive: a blank-so-far line, a rule, a fence (a later
# backtick unmakes a ``` fence), an unfinished heading or list marker, a delimiter row. Deliberately generous:
# calling a decided line undecided only delays it to its end.
_UNSETTLED = re.compile(
    r"[ \t]*(?:#*|`{1,2}|`{3,}[^`]*|~{1,2}|~{3,}.*|[-*_+ \t]*|[0-9]{1,9}[.)]?[ \t]*|>|[|: \t-]*)"
)


def _is_blank(text: str) -> bool:
    return not text.strip(" \t")


def _indent(text: str) -> int:
    """Leading whitespace in columns, tabs to the next multiple of 4 (as CommonMark counts them)."""
    column = 0
    for char in text:
        if char == " ":
            column += 1
        elif char == "\t":
            column += 4 - column % 4
        else:
            break
    return column


def _strip_columns(text: str, columns: int) -> str:
    """``text`` without its first ``columns`` columns of indentation; a tab cut in two leaves spaces."""
    column = 0
    index = 0
    while index < len(text) and column < columns:
        char = text[index]
        if char == " ":
            column += 1
        elif char == "\t":
            width = 4 - column % 4
            if column + width > columns:
                return " " * (column + width - columns) + text[index + 1 :]
            column += width
        else:
            break
        index += 1
    return text[index:]


def _strip_spaces(text: str, count: int) -> str:
    index = 0
    while index < count and index < len(text) and text[index] == " ":
        index += 1
    return text[index:]


def _continue_item(rest: str, item: _Item) -> str | None:
    """The line's remainder inside ``item``, or None when the line does not belong to it."""
    if _is_blank(rest):
        # CommonMark: an item may begin with one blank line, not two ("-" then a blank line ends the item).
        return "" if item.has_children() else None
    indent = _indent(rest)
    if indent >= item.content_offset:
        return _strip_columns(rest, item.content_offset)
    # Models often indent a sub-list by two spaces under "1. ", short of CommonMark's three: take it as nested.
    sublist = _match_item(rest)
    if (
        indent >= item.marker_indent + 2
        and sublist is not None
        and not _is_blank(sublist[1])
        and not _RULE.fullmatch(rest.strip(" \t"))
    ):
        return _strip_columns(rest, indent)
    return None


def _after_quote_marker(text: str) -> str | None:
    if _indent(text) > 3:
        return None
    body = text.lstrip(" \t")
    if not body.startswith(">"):
        return None
    after = body[1:]
    if after.startswith(" "):
        return after[1:]
    if after.startswith("\t"):
        return "  " + after[1:]
    return after


def _match_item(text: str) -> tuple[_ItemStart, str] | None:
    indent = _indent(text)
    if indent > 3:
        return None
    body = text.lstrip(" \t")
    match = _ITEM.match(body)
    if match is None:
        return None
    after = body[match.end() :]
    if after and after[0] not in " \t":
        return None
    width = match.end()
    if _is_blank(after):
        spaces, content = 1, ""
    else:
        spaces = _indent(after)
        if spaces > 4:  # CommonMark's indented code after the marker; we take it as text
            spaces = 1
        content = _strip_columns(after, spaces)
    ordered = match.group(2) is not None
    start = _ItemStart(
        ordered=ordered,
        marker=match.group(3) if ordered else match.group(1),
        number=int(match.group(2)) if ordered else 1,
        marker_indent=indent,
        content_offset=indent + width + spaces,
    )
    return start, content


def _fence_start(body: str, indent: int) -> _FenceStart | None:
    match = _FENCE.fullmatch(body)
    if match is None:
        return None
    fence, info = match.group(1), match.group(2)
    if fence[0] == "`" and "`" in info:
        return None
    words = info.split()
    return _FenceStart(fence[0], len(fence), indent, words[0] if words else "")


def _closes_fence(rest: str, code: _Code) -> bool:
    if _indent(rest) > 3:
        return False
    body = rest.strip(" \t")
    return len(body) >= code.fence_length and body == code.fence_char * len(body)


def _split_row(line: str) -> list[str]:
    """GFM table cells: outer pipes optional, ``\\|`` is a pipe inside a cell."""
    text = line.strip(" \t")
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [cell.strip(" \t").replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", text)]


def _delimiter_aligns(line: str) -> tuple[_Align, ...] | None:
    if "|" not in line or _DELIMITER_ROW.fullmatch(line) is None:
        return None
    aligns: list[_Align] = []
    for cell in _split_row(line):
        left, right = cell.startswith(":"), cell.endswith(":")
        aligns.append("center" if left and right else "left" if left else "right" if right else None)
    return tuple(aligns)


# Blocks -------------------------------------------------------------------------------------------------------


class _Work:
    """Characters processed; shared by every part of one stream."""

    __slots__ = ("chars",)

    def __init__(self) -> None:
        self.chars = 0


class _Paragraph:
    def __init__(self, work: _Work, *, bare: bool) -> None:
        self._work = work
        self.bare = bare  # the first paragraph of a list item: no <p>, so the item stays one line high
        self.lines: list[str] = []
        self._current: list[str] | None = None
        self._inline = _InlineStream(work)
        self.tentative: str | None = None
        self.as_table: tuple[_Align, ...] | None = None
        self._header_cache: tuple[int, int] | None = None  # (lines, cells of the last line)
        self._head_cache: tuple[int, str] | None = None

    def begin_line(self, content: str) -> None:
        if self.lines:
            self._inline.append("\n")
        self._current = [content]
        self._inline.append(content)

    def add(self, text: str) -> None:
        assert self._current is not None
        self._current.append(text)
        self._inline.append(text)

    def end_line(self) -> None:
        assert self._current is not None
        self.lines.append("".join(self._current))
        self._current = None

    def pop_line(self) -> str:
        self._inline = _InlineStream(self._work)  # its settled prefix may include the line; never used again
        return self.lines.pop()

    def table_aligns(self, line: str) -> tuple[_Align, ...] | None:
        aligns = _delimiter_aligns(line)
        if aligns is None or not self.lines:
            return None
        if self._header_cache is None or self._header_cache[0] != len(self.lines):
            self._work.chars += len(self.lines[-1])
            self._header_cache = (len(self.lines), len(_split_row(self.lines[-1])))
        return aligns if self._header_cache[1] == len(aligns) else None

    def _wrap(self, inner: str) -> str:
        return inner if self.bare else f"<p>{inner}</p>"

    def preview(self) -> str:
        if self.as_table is not None:
            return self._preview_as_table(self.as_table)
        tentative = "" if self.tentative is None else "\n" + self.tentative
        return self._wrap(self._inline.html(tentative))

    def _preview_as_table(self, aligns: tuple[_Align, ...]) -> str:
        if self._head_cache is None or self._head_cache[0] != len(self.lines):
            head = (
                self._wrap(_render_inline("\n".join(self.lines[:-1]), self._work))
                if len(self.lines) > 1
                else ""
            )
            self._head_cache = (len(self.lines), head)
        table = _Table(_split_row(self.lines[-1]), aligns, self._work)
        return self._head_cache[1] + table.preview()

    def close(self) -> str:
        lines = self.lines if self._current is None else [*self.lines, "".join(self._current)]
        return self._wrap(_render_inline("\n".join(lines), self._work))


class _Heading:
    def __init__(self, level: int, work: _Work) -> None:
        self._level = level
        self._work = work
        self._raw: list[str] = []
        self._inline = _InlineStream(work)
        self._held = ""  # trailing spaces and #s: the closing sequence, unless more text follows
        self._last = ""

    def begin_line(self, content: str) -> None:
        self.add(content)

    def add(self, text: str) -> None:
        self._raw.append(text)
        whole = self._held + text
        body = whole.rstrip(" \t#")
        self._held = whole[len(body) :]
        if body:
            self._inline.append(body)
            self._last = body[-1]

    def end_line(self) -> None:
        pass

    def preview(self) -> str:
        tail = _strip_closing(self._last + self._held)[len(self._last) :]
        return f"<h{self._level}>{self._inline.html(tail)}</h{self._level}>"

    def close(self) -> str:
        content = _strip_closing("".join(self._raw).strip(" \t"))
        return f"<h{self._level}>{_render_inline(content, self._work)}</h{self._level}>"


_CLOSING_SEQUENCE = re.compile(r"(?:^|[ \t])#+[ \t]*$")


def _strip_closing(content: str) -> str:
    match = _CLOSING_SEQUENCE.search(content)
    if match is not None:
        content = content[: match.start()]
    return content.rstrip(" \t")


class _Code:
    def __init__(self, fence: _FenceStart, index: int, copy_label: str | None, work: _Work) -> None:
        self.fence_char = fence.char
        self.fence_length = fence.length
        self.indent = fence.indent
        self._work = work
        self._header = _code_header(fence.language, index, copy_label)
        self._lines: list[str] = []
        self._escaped = ""  # completed lines, escaped, joined by newlines
        self._current: list[str] | None = None
        self._current_escaped = ""
        self._text_cache: tuple[int, str] | None = None
        self.tentative: str | None = None

    def begin_line(self, content: str) -> None:
        self._current = []
        self._current_escaped = ""
        self.add(content)

    def add(self, text: str) -> None:
        assert self._current is not None
        self._work.chars += len(text)
        self._current.append(text)
        self._current_escaped += _escape(text)

    def end_line(self) -> None:
        assert self._current is not None
        self._escaped += ("\n" if self._lines else "") + self._current_escaped
        self._lines.append("".join(self._current))
        self._current = None
        self._current_escaped = ""

    def text(self) -> str:
        if self._current is not None:
            return "\n".join([*self._lines, "".join(self._current)])
        if self._text_cache is None or self._text_cache[0] != len(self._lines):
            self._text_cache = (len(self._lines), "\n".join(self._lines))
        return self._text_cache[1]

    def preview(self) -> str:
        body = self._escaped
        if self._current is not None:
            body += ("\n" if self._lines else "") + self._current_escaped
        if self.tentative is not None:
            self._work.chars += len(self.tentative)
            body += ("\n" if self._lines else "") + _escape(self.tentative)
        return f"{self._header}<pre>{body}</pre>"

    def close(self) -> str:
        text = self.text()
        self._work.chars += len(text)
        return f"{self._header}<pre>{_escape(text)}</pre>"


def _code_header(language: str, index: int, copy_label: str | None) -> str:
    parts = [_escape(language)] if language else []
    if copy_label is not None:
        parts.append(f'<a href="{COPY_CODE_SCHEME}:{index}">{_escape(copy_label)}</a>')
    return f'<p class="code-info">{" ".join(parts)}</p>' if parts else ""


class _Table:
    def __init__(self, header: list[str], aligns: tuple[_Align, ...], work: _Work) -> None:
        self._aligns = aligns
        self._work = work
        self._head = _row_html(header, aligns, "th", work)
        self._rows = ""
        self._row: _RowStream | None = None
        self.tentative: str | None = None

    def begin_line(self, content: str) -> None:
        self._row = _RowStream(self._aligns, self._work)
        self._row.add(content)

    def add(self, text: str) -> None:
        assert self._row is not None
        self._row.add(text)

    def end_line(self) -> None:
        assert self._row is not None
        self._rows += _row_html(_split_row("".join(self._row.raw)), self._aligns, "td", self._work)
        self._row = None

    def preview(self) -> str:
        current = self._row.html() if self._row is not None else ""
        if self.tentative is not None:
            current += _row_html(_split_row(self.tentative), self._aligns, "td", self._work)
        return f"{_TABLE_OPEN}{self._head}{self._rows}{current}</table>"

    def close(self) -> str:
        if self._row is not None:
            self.end_line()
        return f"{_TABLE_OPEN}{self._head}{self._rows}</table>"


def _cell_html(inner: str, align: _Align, tag: str) -> str:
    attribute = f' align="{align}"' if align else ""
    return f"<{tag}{attribute}>{inner}</{tag}>"


def _row_html(cells: list[str], aligns: tuple[_Align, ...], tag: str, work: _Work) -> str:
    work.chars += sum(len(cell) for cell in cells)
    padded = [*cells[: len(aligns)], *[""] * (len(aligns) - len(cells))]
    inner = "".join(
        _cell_html(_render_inline(cell, work), align, tag) for cell, align in zip(padded, aligns, strict=True)
    )
    return f"<tr>{inner}</tr>"


class _RowStream:
    """The row being typed, cell by cell: a finished cell is rendered once, only the last one is re-rendered."""

    def __init__(self, aligns: tuple[_Align, ...], work: _Work) -> None:
        self._aligns = aligns
        self._work = work
        self.raw: list[str] = []
        self._cells: list[str] = []
        self._cell = _InlineStream(work)
        self._cell_blank = True
        self._leading = True
        self._pipes = 0
        self._backslash = False

    def add(self, text: str) -> None:
        self.raw.append(text)
        self._work.chars += len(text)
        buffer: list[str] = []
        for char in text:
            if self._leading:
                if char in " \t":
                    continue
                self._leading = False
                if char == "|":
                    continue
            if self._backslash:
                self._backslash = False
                if char == "|":
                    buffer.append(char)
                    continue
                buffer.append("\\")
            if char == "\\":
                self._backslash = True
                self._cell_blank = False
            elif char == "|":
                self._feed_cell(buffer)
                buffer = []
                if len(self._cells) < len(self._aligns):
                    self._cells.append(self._cell.html())
                self._cell = _InlineStream(self._work)
                self._cell_blank = True
                self._pipes += 1
            else:
                buffer.append(char)
                if char not in " \t":
                    self._cell_blank = False
        self._feed_cell(buffer)

    def _feed_cell(self, buffer: list[str]) -> None:
        if buffer and len(self._cells) < len(self._aligns):
            self._cell.append("".join(buffer))

    def html(self) -> str:
        cells = list(self._cells)
        # A blank last segment after a pipe is the optional trailing pipe, not a cell.
        if len(cells) < len(self._aligns) and not (self._cell_blank and self._pipes):
            cells.append(self._cell.html("\\" if self._backslash else ""))
        empty = _render_inline("", self._work)
        cells += [empty] * (len(self._aligns) - len(cells))
        return (
            "<tr>"
            + "".join(_cell_html(cell, align, "td") for cell, align in zip(cells, self._aligns, strict=True))
            + "</tr>"
        )


class _Container:
    """A block holding blocks: only its last child can be open; the others are final HTML."""

    def __init__(self) -> None:
        self.closed_html = ""
        self.children = 0
        self.open: _Node | None = None
        self.extra = ""  # speculative HTML after the open child (preview only)

    def tags(self) -> tuple[str, str]:
        raise NotImplementedError

    def has_children(self) -> bool:
        return self.children > 0 or self.open is not None

    def add_closed(self, html_text: str) -> None:
        self.closed_html += html_text
        self.children += 1

    def close_child(self) -> None:
        if self.open is not None:
            child, self.open = self.open, None
            self.add_closed(child.close())

    def preview(self) -> str:
        opening, closing = self.tags()
        inner = self.open.preview() if self.open is not None else ""
        return f"{opening}{self.closed_html}{inner}{self.extra}{closing}"

    def close(self) -> str:
        self.close_child()
        opening, closing = self.tags()
        return f"{opening}{self.closed_html}{closing}"


class _Root(_Container):
    """The answer itself: its closed children leave with the next update instead of staying."""

    def __init__(self) -> None:
        super().__init__()
        self._out: list[str] = []

    def tags(self) -> tuple[str, str]:
        return "", ""

    def add_closed(self, html_text: str) -> None:
        self._out.append(html_text)
        self.children += 1

    def take_closed(self) -> tuple[str, ...]:
        out, self._out = tuple(self._out), []
        return out


class _List(_Container):
    def __init__(self, start: _ItemStart) -> None:
        super().__init__()
        self.ordered = start.ordered
        self.marker = start.marker
        self.number = start.number

    def accepts(self, start: _ItemStart) -> bool:
        return start.ordered == self.ordered and start.marker == self.marker

    def tags(self) -> tuple[str, str]:
        if not self.ordered:
            return "<ul>", "</ul>"
        return (f'<ol start="{self.number}">' if self.number != 1 else "<ol>"), "</ol>"


class _Item(_Container):
    def __init__(self, start: _ItemStart) -> None:
        super().__init__()
        self.marker_indent = start.marker_indent
        self.content_offset = start.content_offset

    def tags(self) -> tuple[str, str]:
        return "<li>", "</li>"


class _Quote(_Container):
    def tags(self) -> tuple[str, str]:
        return "<blockquote>", "</blockquote>"


_Leaf = _Paragraph | _Heading | _Code | _Table
_Node = _Leaf | _Container


# Inline -------------------------------------------------------------------------------------------------------


class _InlineStream:
    """Inline Markdown that grows at its end: HTML of the settled prefix is kept, only the rest is re-parsed."""

    def __init__(self, work: _Work) -> None:
        self._work = work
        self._done = ""
        self._pending = ""
        self._prev = ""
        self._started = False
        self._dirty = False

    def append(self, text: str) -> None:
        if not self._started:
            text = text.lstrip(" \t")
            if not text:
                return
            self._started = True
        self._pending += text
        self._dirty = True

    def html(self, tentative: str = "") -> str:
        """The HTML as if the text ended here (plus ``tentative``, which is not kept)."""
        if self._dirty:
            self._dirty = False
            done, commit = _parse_inline(self._pending, self._prev, self._work, final=False)
            if commit:
                self._done += done
                self._prev = self._pending[commit - 1]
                self._pending = self._pending[commit:]
        if not self._started:
            tentative = tentative.lstrip(" \t")
        tail = (self._pending + tentative).rstrip(" \t")
        if not tail:
            return self._done
        return self._done + _parse_inline(tail, self._prev, self._work, final=True)[0]


def _render_inline(text: str, work: _Work) -> str:
    return _parse_inline(text.strip(" \t"), "", work, final=True)[0]


class _Wait(enum.Enum):
    """The text seen so far cannot decide this token: wait for more."""

    MORE = enum.auto()


_MORE: Final = _Wait.MORE

_SPECIAL = re.compile(r"[\\`*_\[&\n]|(?<![A-Za-z0-9])https?://")
_BACKTICKS = re.compile(r"`+")
_RUNS = {"*": re.compile(r"\*+"), "_": re.compile(r"_+")}
_LINK_SCAN = re.compile(r"[\\`\[\]]")
_LINK_TEXT_SPECIALS: Final = 32
"""Brackets, backticks and backslashes scanned per "[": caps what a run of stray brackets costs."""
_LINK_TAIL = re.compile(
    r"\([ \t]*"
    r"(?:<((?:[^<>\n\\]|\\.)*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))"
    r"""(?:[ \t]+(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\((?:[^()\\\n]|\\.)*\)))?"""
    r"[ \t]*\)"
)
_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_URL_TRAILING = frozenset(".,:;!?'\"*_~")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_ENTITY_PREFIX = re.compile(r"&(?:#[0-9]{0,7}|#[xX][0-9a-fA-F]{0,6}|[A-Za-z][A-Za-z0-9]{0,31})?")
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SAFE_HREF = re.compile(r"(?:https?|mailto):[^\x00-\x20\x7f]*", re.IGNORECASE)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _is_space(char: str) -> bool:
    return char == "" or char in " \t\n\r\f" or unicodedata.category(char) == "Zs"


def _is_punctuation(char: str) -> bool:
    return char != "" and unicodedata.category(char)[0] in "PS"


def _is_wide(char: str) -> bool:
    return char != "" and unicodedata.east_asian_width(char) in "WF"


def _flanking(before: str, after: str) -> tuple[bool, bool]:
    """CommonMark's left/right-flanking test, CJK-friendly: "**注意：**这是" closes, as Chinese writers expect.

    Plain CommonMark refuses a run between punctuation and a letter ("：**这"), which Chinese models write all
    the time; like the markdown-cjk-friendly proposal, a wide character on the other side counts as a boundary.
    """
    left = not _is_space(after) and (
        not _is_punctuation(after) or _is_space(before) or _is_punctuation(before) or _is_wide(before)
    )
    right = not _is_space(before) and (
        not _is_punctuation(before) or _is_space(after) or _is_punctuation(after) or _is_wide(after)
    )
    return left, right


class _Delim:
    """A run of ``*`` or ``_`` that may open or close emphasis (CommonMark's delimiter stack)."""

    __slots__ = ("can_close", "can_open", "char", "count", "group", "index", "length", "pos")

    def __init__(self, char: str, length: int, pos: int, *, can_open: bool, can_close: bool) -> None:
        self.char = char
        self.length = length
        self.count = length
        self.pos = pos
        # Where re-parsing must start to read this run the same way: its own start, or, once part of it has
        # closed an earlier opener, that opener's group. Groups grow along the stack.
        self.group = pos
        self.index = -1
        self.can_open = can_open
        self.can_close = can_close


@dataclass(frozen=True)
class _Link:
    end: int
    label: str
    destination: str


def _settled_end(text: str, prev: str) -> int:
    """Where the text stops being final: an "htt" at the end may still become a bare URL."""
    for start in range(max(0, len(text) - 8), len(text)):
        tail = text[start:]
        if tail[0] == "h" and ("https://".startswith(tail) or "http://".startswith(tail)):
            before = text[start - 1] if start else prev
            if not (before.isascii() and before.isalnum()):
                return start
    return len(text)


def _parse_inline(
    text: str, prev: str, work: _Work, *, final: bool, links: bool = True, after_end: str = ""
) -> tuple[str, int]:
    """HTML for ``text`` and how much of it is final.

    With ``final`` the text is complete and all of it is returned. Otherwise the result covers ``text[:commit]``
    only, chosen so that rendering ``text[commit:]`` later (after ``prev = text[commit - 1]``) gives exactly what
    rendering the whole would: no live opener, no undecided token lies before it.
    """
    work.chars += len(text)
    end = len(text) if final else _settled_end(text, prev)
    return _InlineParser(text, end, prev, final=final, links=links, after_end=after_end, work=work).run()


def _code_span_close(text: str, start: int, run: int, end: int, final: bool) -> int | _Wait | None:
    """End of the backtick run closing the code span opened at ``start``; None when there is none."""
    position = start + run
    if run <= _EXACT_RUN_CACHE:
        # One C-level search for a run of exactly ``run`` backticks; the window may cut only after its end.
        match = _exact_run(run).search(text, position, min(end, start + INLINE_SPAN_LIMIT + run + 1))
        if match is not None and match.start() <= start + INLINE_SPAN_LIMIT:
            return _MORE if match.end() == end and not final else match.end()
    else:
        limit = min(end, start + INLINE_SPAN_LIMIT + 1)
        while (found := text.find("`", position, limit)) >= 0:
            closing = _BACKTICKS.match(text, found, end)
            assert closing is not None
            if closing.end() == end and not final:
                return _MORE
            if closing.end() - found == run:
                return closing.end()
            position = closing.end()
    if not final and end <= start + INLINE_SPAN_LIMIT:
        return _MORE
    return None


_EXACT_RUN_CACHE: Final = 16
_EXACT_RUNS: dict[int, re.Pattern[str]] = {}


def _exact_run(length: int) -> re.Pattern[str]:
    pattern = _EXACT_RUNS.get(length)
    if pattern is None:
        pattern = _EXACT_RUNS[length] = re.compile(rf"(?<!`)`{{{length}}}(?!`)")
    return pattern


def _link_at(text: str, start: int, end: int, final: bool) -> _Link | _Wait | None:
    limit = min(end, start + INLINE_SPAN_LIMIT + 1)
    window_open = not final and end <= start + INLINE_SPAN_LIMIT
    if text.find("]", start + 1, limit) < 0:  # the usual stray "[": decided by one C-level search
        return _MORE if window_open else None
    depth = 0
    position = start + 1
    for _ in range(_LINK_TEXT_SPECIALS):
        match = _LINK_SCAN.search(text, position, limit)
        if match is None:
            return _MORE if window_open else None
        position = match.start()
        char = text[position]
        if char == "\\":
            if position + 1 >= end and not final:
                return _MORE
            position += 2
        elif char == "`":
            run = _BACKTICKS.match(text, position, end)
            assert run is not None
            if run.end() == end and not final:
                return _MORE
            close = _code_span_close(text, position, run.end() - position, end, final)
            if close is _MORE:
                return _MORE
            position = run.end() if close is None else close
        elif char == "[":
            depth += 1
            position += 1
        elif depth:
            depth -= 1
            position += 1
        else:
            break
    else:
        return None  # more brackets, backticks and backslashes than any real link text holds
    label_end = position
    if label_end + 1 >= end:
        return _MORE if not final else None
    if text[label_end + 1] != "(":
        return None
    tail = _LINK_TAIL.match(text, label_end + 1, limit)
    if tail is None:
        if window_open and "\n" not in text[label_end + 1 : end]:
            return _MORE
        return None
    destination = tail.group(1) if tail.group(1) is not None else tail.group(2)
    return _Link(tail.end(), text[start + 1 : label_end], destination)


def _safe_href(destination: str) -> str | None:
    """The link target if it is http, https or mailto; anything else (javascript:, file:, data:) is refused."""
    value = _BACKSLASH_ESCAPE.sub(r"\1", destination)
    value = _ENTITY.sub(lambda match: html.unescape(match.group()), value)
    value = value.replace(" ", "%20")
    return value if _SAFE_HREF.fullmatch(value) else None


def _trim_url(url: str) -> str:
    while url:
        last = url[-1]
        if last in _URL_TRAILING or (last == ")" and url.count(")") > url.count("(")):
            url = url[:-1]
        else:
            break
    return url


class _InlineParser:
    """One left-to-right pass; emphasis is matched as closers appear, which is CommonMark's order too."""

    def __init__(
        self, text: str, end: int, prev: str, *, final: bool, links: bool, after_end: str, work: _Work
    ) -> None:
        self.text = text
        self.end = end
        self.prev = prev
        self.final = final
        self.links = links
        self.after_end = after_end
        self.work = work
        self.pieces: list[str | _Delim] = []
        self.starts: list[int] = []
        self.stack: list[_Delim] = []
        self.bottoms: dict[tuple[str, bool, int], int] = {}

    def run(self) -> tuple[str, int]:
        text, end = self.text, self.end
        position = 0
        stop = end
        while position < end:
            special = _SPECIAL.search(text, position, end)
            found = special.start() if special else end
            if found > position:
                chunk = text[position:found]
                if found == end and not self.final:
                    chunk = chunk.rstrip(" \t")  # trailing spaces: a hard break, or stripped at the end
                    self._emit(_escape(chunk), position)
                    stop = position + len(chunk)
                    break
                if found < end and text[found] == "\n":
                    chunk = chunk.rstrip(" \t")
                self._emit(_escape(chunk), position)
                position = found
                if position >= end:
                    break
            after = self._token(position)
            if after is None:
                stop = position
                break
            position = after
        return self._result(stop)

    def _result(self, stop: int) -> tuple[str, int]:
        commit = stop
        if not self.final:
            for opener in self.stack:
                if stop - opener.group <= INLINE_SPAN_LIMIT:  # closers still to come may match it
                    commit = min(commit, opener.group)
                    break
        parts: list[str] = []
        for piece, start in zip(self.pieces, self.starts, strict=True):
            if start >= commit:
                break
            parts.append(piece if isinstance(piece, str) else piece.char * piece.count)
        return "".join(parts), commit

    def _emit(self, piece: str | _Delim, start: int) -> None:
        if piece != "":
            self.pieces.append(piece)
            self.starts.append(start)

    def _token(self, position: int) -> int | None:
        char = self.text[position]
        if char == "\\":
            return self._backslash(position)
        if char == "`":
            return self._code_span(position)
        if char in "*_":
            return self._delimiter_run(position)
        if char == "[":
            return self._link(position)
        if char == "&":
            return self._entity(position)
        if char == "\n":
            return self._newline(position)
        return self._autolink(position)

    def _skip_spaces(self, position: int) -> int:
        while position < self.end and self.text[position] in " \t":
            position += 1
        return position

    def _backslash(self, position: int) -> int | None:
        if position + 1 >= self.end:
            if not self.final:
                return None
            self._emit("\\", position)
            return position + 1
        following = self.text[position + 1]
        if following == "\n":
            self._emit("<br>", position)
            return self._skip_spaces(position + 2)
        if following in _ESCAPABLE:
            self._emit(_escape(following), position)
            return position + 2
        self._emit("\\", position)
        return position + 1

    def _newline(self, position: int) -> int:
        spaces = 0
        while position - spaces > 0 and self.text[position - spaces - 1] == " ":
            spaces += 1
        self._emit("<br>" if spaces >= 2 else "\n", position)
        return self._skip_spaces(position + 1)

    def _code_span(self, position: int) -> int | None:
        text, end = self.text, self.end
        run = _BACKTICKS.match(text, position, end)
        assert run is not None
        if run.end() == end and not self.final:
            return None
        length = run.end() - position
        close = _code_span_close(text, position, length, end, self.final)
        if close is _MORE:
            return None
        if close is None:
            self._emit("`" * length, position)
            return run.end()
        content = text[run.end() : close - length].replace("\n", " ")
        if len(content) > 1 and content[0] == " " and content[-1] == " " and content.strip(" "):
            content = content[1:-1]
        self._emit(f"<code>{_escape(content)}</code>", position)
        return close

    def _delimiter_run(self, position: int) -> int | None:
        text, end = self.text, self.end
        char = text[position]
        run = _RUNS[char].match(text, position, end)
        assert run is not None
        if run.end() == end and not self.final:
            return None
        before = text[position - 1] if position else self.prev
        after = text[run.end()] if run.end() < end else self.after_end
        left, right = _flanking(before, after)
        if char == "*":
            can_open, can_close = left, right
        else:
            can_open = left and (not right or _is_punctuation(before))
            can_close = right and (not left or _is_punctuation(after))
        delim = _Delim(char, run.end() - position, position, can_open=can_open, can_close=can_close)
        if can_close:
            self._match(delim)
        if delim.count:
            delim.index = len(self.pieces)
            self._emit(delim, position)
            if can_open:
                self.stack.append(delim)
        return run.end()

    def _match(self, closer: _Delim) -> None:
        key = (closer.char, closer.can_open, closer.length % 3)
        while closer.count:
            floor = min(self.bottoms.get(key, 0), len(self.stack))
            found = -1
            for index in range(len(self.stack) - 1, floor - 1, -1):
                opener = self.stack[index]
                if closer.pos - opener.group > INLINE_SPAN_LIMIT:
                    break
                if opener.char != closer.char:
                    continue
                if (
                    (opener.can_close or closer.can_open)
                    and (opener.length + closer.length) % 3 == 0
                    and (opener.length % 3 or closer.length % 3)
                ):
                    continue
                found = index
                break
            if found < 0:
                self.bottoms[key] = len(self.stack)  # nothing below can match this kind of closer, ever
                return
            opener = self.stack[found]
            used = 2 if opener.count >= 2 and closer.count >= 2 else 1
            opener.count -= used
            closer.count -= used
            closer.group = opener.group
            first = opener.index + 1
            inner = "".join(p if isinstance(p, str) else p.char * p.count for p in self.pieces[first:])
            start = self.starts[first] if first < len(self.starts) else closer.pos
            del self.pieces[first:]
            del self.starts[first:]
            tag = "b" if used == 2 else "i"
            self._emit(f"<{tag}>{inner}</{tag}>", start)
            del self.stack[found + 1 :]
            if not opener.count:
                del self.stack[found]
            # Openers pushed from here on sit at indices a floor may cover; floors must not outlive the stack.
            for floor_key, floor_index in self.bottoms.items():
                if floor_index > len(self.stack):
                    self.bottoms[floor_key] = len(self.stack)

    def _link(self, position: int) -> int | None:
        if not self.links:  # no links inside link text
            self._emit("[", position)
            return position + 1
        link = _link_at(self.text, position, self.end, self.final)
        if link is _MORE:
            return None
        if link is None:
            self._emit("[", position)
            return position + 1
        href = _safe_href(link.destination)
        if href is None:
            self._emit(_escape(self.text[position : link.end]), position)
            return link.end
        label = _parse_inline(link.label, "[", self.work, final=True, links=False, after_end="]")[0]
        self._emit(f'<a href="{_escape(href)}">{label or _escape(href)}</a>', position)
        return link.end

    def _entity(self, position: int) -> int | None:
        match = _ENTITY.match(self.text, position, self.end)
        if match is not None:
            decoded = html.unescape(match.group())
            if decoded != match.group():
                self._emit(_escape(decoded), position)
                return match.end()
        elif not self.final and _ENTITY_PREFIX.fullmatch(self.text, position, self.end):
            return None
        self._emit("&amp;", position)
        return position + 1

    def _autolink(self, position: int) -> int | None:
        text, end = self.text, self.end
        before = text[position - 1] if position else self.prev
        if not self.links or (before.isascii() and before.isalnum()):
            self._emit("h", position)
            return position + 1
        match = _URL.match(text, position, min(end, position + INLINE_SPAN_LIMIT))
        if match is None:
            self._emit("h", position)
            return position + 1
        if match.end() == end and not self.final:
            return None
        url = _trim_url(match.group())
        if not url.partition("://")[2]:
            self._emit("h", position)
            return position + 1
        self._emit(f'<a href="{_escape(url)}">{_escape(url)}</a>', position)
        return position + len(url)
