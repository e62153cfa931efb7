"""Documents longer than one parse: split at line breaks, extract per chunk, merge.

spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters) and needs roughly 1 GB of
memory per 100,000 characters for the parser and NER, so a very long document is cut into
chunks under ``limit`` characters and each chunk is run through the whole engine. The
results are merged with every offset shifted back into the original text, quote ids,
groups and paragraph numbers continued, and speaker ids renumbered so they stay unique.

Where the cuts go: at a line break, preferring a blank line, and preferring a line whose
first visible character is not a quotation mark (so a quote that runs on into the next
paragraph is not cut from its continuation). A quote never crosses a line break, so the
quote spans found are the same as in one parse. Only a single line longer than ``limit``
is cut inside the line (at whitespace when there is any), and a quote across that cut
would be split.

Limitations: speaker entities are resolved per chunk, so one person quoted in two chunks
gets two speaker ids (and "he" at the start of a chunk cannot refer back to a name in the
previous chunk); structural rules (turn-taking, paragraph continuation) do not reach
across a cut.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from .records import NestedQuote, Quote, Result, Speaker
from .spans import paragraphs

DEFAULT_LIMIT = 100_000

_LINE_END = re.compile(r"\r\n|\r|\n")
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[^\S\r\n]*(?:\r\n|\r|\n)")


def split_text(text: str, limit: int = DEFAULT_LIMIT, marks: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """(start, end) of consecutive chunks covering text, each at most limit characters."""
    if limit < 1:
        raise ValueError("limit must be positive")
    chunks = []
    pos = 0
    n = len(text)
    while n - pos > limit:
        cut = _cut(text, pos, pos + limit, marks)
        chunks.append((pos, cut))
        pos = cut
    chunks.append((pos, n))
    return chunks


def _cut(text: str, lo: int, hi: int, marks: frozenset[str]) -> int:
    """The best place to end a chunk that starts at lo and may not go past hi (lo < cut <= hi)."""
    window = text[lo:hi]
    floor = len(window) // 4  # do not make chunks tiny just to find a nicer cut
    ends = [m.end() for m in _BLANK_LINE.finditer(window)] or []
    lines = [m.end() for m in _LINE_END.finditer(window)]
    for candidates in (ends, lines):
        good = [c for c in candidates if c > floor and not _starts_with_mark(text, lo + c, marks)]
        if good:
            return lo + good[-1]
    for candidates in (ends, lines):
        good = [c for c in candidates if c > 0]
        if good:
            return lo + good[-1]
    space = max(window.rfind(" "), window.rfind("\t"))
    if space > floor:
        return lo + space + 1
    return hi


def _starts_with_mark(text: str, pos: int, marks: frozenset[str]) -> bool:
    while pos < len(text) and text[pos] in " \t\u00a0\u200b\ufeff":
        pos += 1
    return pos < len(text) and text[pos] in marks


def extract_long(extractor, text: str, doc_id: str | None = None, limit: int = DEFAULT_LIMIT) -> Result:
    """Like extractor(text, doc_id), for text of any length (see the module notes)."""
    marks = frozenset(p.open for p in extractor.rulebook.marks)
    chunks = split_text(text, limit, marks)
    if len(chunks) == 1:
        return extractor(text, doc_id)
    # One chunk at a time: nlp.pipe would parse a whole batch of chunks together, holding the
    # memory of all of them at once (16 GB for 5 MB of text).
    results = [(a, extractor(text[a:b])) for a, b in chunks]
    return merge(results, [start for start, _ in paragraphs(text)], doc_id)


def merge(results: list[tuple[int, Result]], paragraph_starts: list[int], doc_id: str | None) -> Result:
    """Join per-chunk results: (chunk start offset, result) in text order; paragraph numbers
    are read off paragraph_starts (those of the whole text), since a cut inside an over-long
    line makes the chunks' own numbering drift."""
    quotes: list[Quote] = []
    speakers: list[Speaker] = []
    for offset, result in results:
        q_base = len(quotes)
        ids = {s.id: f"S{len(speakers) + k}" for k, s in enumerate(result.speakers, 1)}
        for s in result.speakers:
            speakers.append(replace(s, id=ids[s.id], mentions=tuple((a + offset, b + offset) for a, b in s.mentions)))
        for q in result.quotes:
            quotes.append(replace(
                q, id=_renumber(q.id, q_base), group=_renumber(q.group, q_base),
                start=q.start + offset, end=q.end + offset,
                speaker=ids.get(q.speaker, q.speaker) if q.speaker is not None else None,
                addressee=ids.get(q.addressee, q.addressee) if q.addressee is not None else None,
                paragraph=max(0, bisect_right(paragraph_starts, q.start + offset) - 1),
                speaker_start=None if q.speaker_start is None else q.speaker_start + offset,
                speaker_end=None if q.speaker_end is None else q.speaker_end + offset,
                nested=tuple(NestedQuote(n.start + offset, n.end + offset, n.text) for n in q.nested)))
    return Result(tuple(quotes), tuple(speakers), doc_id, {"chunks": len(results)})


def _renumber(quote_id: str, base: int) -> str:
    return f"Q{int(quote_id[1:]) + base}" if quote_id[:1] == "Q" and quote_id[1:].isdigit() else quote_id
