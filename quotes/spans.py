"""Find quotation spans in plain text: pure string work, no NLP.

Conventions (they match the project's gold annotations):

* A paragraph is one line (breaks: ``\\n``, ``\\r\\n``, bare ``\\r``); a quote never
  crosses a line break. A quote still open at the end of its line ends there
  (trailing whitespace excluded) with ``close_mark == ""``. When the next
  non-blank line starts with the same opening mark, that quote continues it
  (``chain`` points at the first segment).
* Marks are decided by context. An opening mark follows start-of-line,
  whitespace, one of ``([{—–-/`` or another opening mark, and precedes a
  non-space. A closing mark follows a non-space and precedes end-of-line,
  whitespace, punctuation or another closing mark. So a mark between two
  letters/digits (don’t, o’clock) is never a quote.
* Single marks (‘ ’ ' ‚ ‹ ›) are usually apostrophes, so they are trusted less:
  an opening single mark before digits (’90s) or a known elision (’n’, ’em,
  ’tis, ...) is an apostrophe; a single opening mark never closed in its line is
  dropped, unless the next line opens with the same mark (the British
  multi-paragraph quote), when it is an open segment; a single closing mark never closes across an open
  double-class quote; and a plural possessive (``s’`` + space + lowercase word)
  does not close when a better closing candidate follows (see ``_defer_flags``).
* A double-class opening mark never closed in its line yields an open segment
  to the line end. An opening mark of any kind that is skipped over by an
  outer quote's closing mark is dropped, so spans always nest cleanly.

Each line is scanned once with a stack; every mark is pushed and popped at most
once, so the work is linear in the text length whatever the marks are.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .marks import DEFAULT_MARKS_PATH, MarkPair, load_marks

__all__ = ["QuoteSpan", "paragraphs", "find_quotes"]


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # index of the opening mark
    end: int  # exclusive: past the closing mark, or the paragraph end when left open
    inner_start: int  # first index of the quoted words
    inner_end: int  # exclusive end of the quoted words
    open_mark: str
    close_mark: str  # "" when left open at the end of its paragraph
    paragraph: int  # 0-based index of the paragraph (non-blank line) holding it
    depth: int  # 0 = outermost
    parent: int | None  # index of the enclosing quote in the returned list
    chain: int  # index of the first segment of a multi-paragraph quote
    index: int  # this span's own index in the returned list

    @property
    def is_open(self) -> bool:
        return self.close_mark == ""

    @property
    def continues(self) -> bool:
        """True when this segment continues a quote left open in an earlier paragraph."""
        return self.chain != self.index

    def inner(self, text: str) -> str:
        return text[self.inner_start:self.inner_end]


# ---------------------------------------------------------------- paragraphs

_BREAK = re.compile(r"\r\n|\r|\n")
# Invisible format characters behave like spaces around marks and at line ends.
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def _blank(ch: str) -> bool:
    return ch.isspace() or ch in _ZERO_WIDTH


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line; end excludes trailing whitespace."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _BREAK.finditer(text):
        _add_line(text, pos, m.start(), out)
        pos = m.end()
    _add_line(text, pos, len(text), out)
    return out


def _add_line(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while end > start and _blank(text[end - 1]):
        end -= 1
    if end > start:
        out.append((start, end))


# ---------------------------------------------------------------- mark tables

_OPEN_AFTER = frozenset("([{—–-/")
# Words that a leading apostrophe elides: rock ’n’ roll, ’em, ’tis, ’til ...
_ELISION = re.compile(r"(?:n|em|tis|twas|til|cause|cos|bout|nuff)(?![^\W\d_])", re.IGNORECASE)


@dataclass(frozen=True)
class _Table:
    opens: dict[str, tuple[MarkPair, ...]]
    closes: dict[str, tuple[MarkPair, ...]]
    single_open: frozenset[str]  # opening chars whose pairs are all single marks
    single_close: frozenset[str]
    finder: re.Pattern[str]


@lru_cache(maxsize=32)
def _table(pairs: tuple[MarkPair, ...]) -> _Table:
    opens: dict[str, list[MarkPair]] = {}
    closes: dict[str, list[MarkPair]] = {}
    for p in pairs:
        opens.setdefault(p.open, []).append(p)
        closes.setdefault(p.close, []).append(p)
    chars = sorted(set(opens) | set(closes))
    return _Table(
        opens={c: tuple(ps) for c, ps in opens.items()},
        closes={c: tuple(ps) for c, ps in closes.items()},
        single_open=frozenset(c for c, ps in opens.items() if all(p.is_single for p in ps)),
        single_close=frozenset(c for c, ps in closes.items() if all(p.is_single for p in ps)),
        finder=re.compile("[" + "".join(re.escape(c) for c in chars) + "]" if chars else r"(?!)"),
    )


@lru_cache(maxsize=1)
def _default_pairs() -> tuple[MarkPair, ...]:
    return load_marks(DEFAULT_MARKS_PATH)


# ---------------------------------------------------------------- per-mark context


@dataclass(slots=True)
class _Mark:
    pos: int
    char: str
    can_open: bool
    can_close: bool
    possessive: bool  # s’ + space + lowercase: maybe a plural possessive
    defer: bool = False  # possessive with a better closing candidate later


def _classify(text: str, i: int, lo: int, hi: int, t: _Table) -> _Mark:
    c = text[i]
    prev = text[i - 1] if i > lo else ""
    nxt = text[i + 1] if i + 1 < hi else ""
    can_open = (c in t.opens and nxt != "" and not _blank(nxt)
                and (prev == "" or _blank(prev) or prev in _OPEN_AFTER or prev in t.opens))
    if can_open and c in t.single_open and (nxt.isdigit() or _ELISION.match(text, i + 1, hi)):
        can_open = False  # ’90s, rock ’n’ roll, ’em
    can_close = (c in t.closes and prev != "" and not _blank(prev)
                 and (nxt == "" or _blank(nxt) or _is_punct(nxt) or nxt in t.closes))
    possessive = (can_close and c in t.single_close and prev in "sS" and _blank(nxt)
                  and i + 2 < hi and text[i + 2].islower())
    return _Mark(i, c, can_open, can_close, possessive)


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def _defer_flags(marks: list[_Mark], t: _Table) -> None:
    """Mark possessive-looking closers that should not close.

    ``‘the Joneses’ house is big’``: the ’ after "Joneses" is followed by a space and
    a lowercase word, which is how plural possessives look. It is skipped when the
    next event for that closing mark is a stronger closing candidate (one not
    looking possessive) rather than a fresh opener that could claim that candidate;
    otherwise (``‘experts’ said``) it closes as usual. One right-to-left pass.
    """
    nxt_kind: dict[str, str] = {}
    for m in reversed(marks):
        if m.possessive:
            m.defer = nxt_kind.get(m.char) == "close"
            continue
        if m.can_open:
            for p in t.opens[m.char]:
                nxt_kind[p.close] = "open"
        if m.can_close:
            nxt_kind[m.char] = "close"


# ---------------------------------------------------------------- stack scan


@dataclass(slots=True)
class _Entry:
    pos: int
    char: str
    single: bool
    alive: bool = True


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    close_mark: str


@dataclass
class _Stack:
    """Open quotes of one line, with per-closing-char indexes for O(1) matching.

    Entries die only by being popped from the top, so in each index list the dead
    ones always form a tail; trimming that tail lazily keeps everything amortised O(1).
    """

    entries: list[_Entry] = field(default_factory=list)
    by_close: dict[str, list[_Entry]] = field(default_factory=dict)
    doubles: list[_Entry] = field(default_factory=list)

    def push(self, e: _Entry, closers: set[str]) -> None:
        self.entries.append(e)
        for c in closers:
            self.by_close.setdefault(c, []).append(e)
        if not e.single:
            self.doubles.append(e)

    def match(self, close_char: str) -> _Entry | None:
        return _top_alive(self.by_close.get(close_char))

    def double_above(self, e: _Entry) -> bool:
        top = _top_alive(self.doubles)
        return top is not None and top.pos > e.pos

    def pop_to(self, e: _Entry) -> None:
        while True:
            top = self.entries.pop()
            top.alive = False
            if top is e:
                return


def _top_alive(lst: list[_Entry] | None) -> _Entry | None:
    while lst and not lst[-1].alive:
        lst.pop()
    return lst[-1] if lst else None


def _scan_line(text: str, lo: int, hi: int, t: _Table,
               next_opens: str = "") -> tuple[list[_Raw], _Entry | None]:
    """Spans of one line, and the outermost quote left open at its end (if any). next_opens is
    the opening mark that starts the next line, if any: a single mark left open before it is
    the first paragraph of a multi-paragraph quote, not an apostrophe."""
    marks = [_classify(text, m.start(), lo, hi, t) for m in t.finder.finditer(text, lo, hi)]
    _defer_flags(marks, t)
    stack = _Stack()
    raws: list[_Raw] = []
    for m in marks:
        if m.can_close and not m.defer and _try_close(m, stack, t, raws):
            continue
        if m.can_open:
            single = m.char in t.single_open
            stack.push(_Entry(m.pos, m.char, single), {p.close for p in t.opens[m.char]})
    left_open = [e for e in stack.entries if not e.single]  # stray single marks are apostrophes …
    strays = [e for e in stack.entries if e.single and e.char == next_opens]
    if not left_open and strays:  # … unless the next paragraph re-opens the quote
        left_open = strays[-1:]
    raws.extend(_Raw(e.pos, hi, "") for e in left_open)
    return raws, (left_open[0] if left_open else None)


def _try_close(m: _Mark, stack: _Stack, t: _Table, raws: list[_Raw]) -> bool:
    e = stack.match(m.char)
    if e is None:
        return False
    # A single closer inside an open double quote is far likelier an apostrophe
    # than the end of a single quote that began outside it.
    if m.char in t.single_close and stack.double_above(e):
        return False
    stack.pop_to(e)
    raws.append(_Raw(e.pos, m.pos + 1, m.char))
    return True


# ---------------------------------------------------------------- public entry


def find_quotes(text: str, pairs: Sequence[MarkPair] | None = None) -> list[QuoteSpan]:
    """All quotation spans of ``text`` in text order (by start)."""
    t = _table(_default_pairs() if pairs is None else tuple(pairs))
    out: list[QuoteSpan] = []
    pending: QuoteSpan | None = None  # outermost open segment of the previous paragraph
    lines = paragraphs(text)
    for para, (lo, hi) in enumerate(lines):
        raws, left_open = _scan_line(text, lo, hi, t, _opening_mark(text, lines, para + 1, t))
        raws.sort(key=lambda r: r.start)
        first = _first_visible(text, lo, hi)
        new = _build(text, raws, para, len(out), pending, first)
        out.extend(new)
        pending = next((s for s in new if left_open is not None and s.start == left_open.pos), None)
    return out


def _opening_mark(text: str, lines: list[tuple[int, int]], para: int, t: _Table) -> str:
    """The opening mark that starts line para, or ""."""
    if para >= len(lines):
        return ""
    lo, hi = lines[para]
    first = _first_visible(text, lo, hi)
    return text[first] if first < hi and _classify(text, first, lo, hi, t).can_open else ""


def _first_visible(text: str, lo: int, hi: int) -> int:
    while lo < hi and _blank(text[lo]):
        lo += 1
    return lo


def _build(text: str, raws: list[_Raw], para: int, base: int,
           pending: QuoteSpan | None, first: int) -> list[QuoteSpan]:
    """Turn one paragraph's raw spans (sorted, properly nested) into QuoteSpans."""
    out: list[QuoteSpan] = []
    enclosing: list[QuoteSpan] = []
    for k, r in enumerate(raws):
        while enclosing and enclosing[-1].end <= r.start:
            enclosing.pop()
        parent = enclosing[-1] if enclosing else None
        index = base + k
        chain = index
        if pending is not None and r.start == first and text[r.start] == pending.open_mark:
            chain = pending.chain
        span = QuoteSpan(
            start=r.start, end=r.end, inner_start=r.start + 1,
            inner_end=r.end - 1 if r.close_mark else r.end,
            open_mark=text[r.start], close_mark=r.close_mark, paragraph=para,
            depth=parent.depth + 1 if parent else 0,
            parent=parent.index if parent else None, chain=chain, index=index,
        )
        out.append(span)
        enclosing.append(span)
    return out
