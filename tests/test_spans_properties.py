"""Property tests: find_quotes never fails and its spans always keep their invariants."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.marks import load_marks
from quotes.spans import QuoteSpan, find_quotes, paragraphs

MARKS = sorted({c for p in load_marks() for c in (p.open, p.close)})
PIECES = [
    "a", "b", "s", "S", "n", "em", "x", " ", " ", "1", "9", "0",
    *MARKS, "’", "'", "‘",  # apostrophe-like marks weighted up
    ".", ",", "?", "(", "—", "-",
    "\n", "\r\n", "\r", "\u00a0", "\u200b", "א", "中",
]
texts = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


def check_invariants(text: str, spans: list[QuoteSpan]) -> None:
    paras = paragraphs(text)
    starts = [s.start for s in spans]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for i, s in enumerate(spans):
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start] == s.open_mark and s.inner_start == s.start + 1
        if s.close_mark:
            assert text[s.end - 1] == s.close_mark and s.inner_end == s.end - 1
        else:
            assert s.inner_end == s.end
        lo, hi = paras[s.paragraph]
        assert lo <= s.start and s.end <= hi
        assert s.index == i and 0 <= s.chain <= i
        if s.parent is not None:
            p = spans[s.parent]
            assert p.start < s.start and s.end <= p.end and s.depth == p.depth + 1
        else:
            assert s.depth == 0
    top = [s for s in spans if s.depth == 0]
    for a, b in zip(top, top[1:]):
        assert a.end <= b.start


@settings(max_examples=300, derandomize=True)
@given(texts)
def test_invariants(text: str) -> None:
    spans = find_quotes(text)
    check_invariants(text, spans)
    assert find_quotes(text) == spans


@settings(max_examples=300, derandomize=True)
@given(st.text(alphabet=st.sampled_from(MARKS + [" ", "a", "\n", "\r"]), max_size=200))
def test_marks_only(text: str) -> None:
    check_invariants(text, find_quotes(text))


@settings(max_examples=300, derandomize=True)
@given(texts)
def test_same_depth_spans_do_not_overlap(text: str) -> None:
    spans = find_quotes(text)
    by_depth: dict[int, list[QuoteSpan]] = {}
    for s in spans:
        by_depth.setdefault(s.depth, []).append(s)
    for same in by_depth.values():
        for a, b in zip(same, same[1:]):
            assert a.end <= b.start


@settings(max_examples=300, derandomize=True)
@given(texts)
def test_chain_points_at_open_segment_of_earlier_paragraph(text: str) -> None:
    spans = find_quotes(text)
    for s in spans:
        if s.continues:
            prev = next(p for p in reversed(spans[:s.index]) if p.depth == 0)
            assert prev.is_open and prev.paragraph == s.paragraph - 1
            assert prev.chain == s.chain and s.depth == 0
            assert s.open_mark == spans[s.chain].open_mark
