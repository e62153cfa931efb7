"""Put the quote spans onto a parsed Doc as token extensions, so rule patterns can name them.

Patterns refer to these in spaCy's own syntax, e.g. {"_": {"quote_close": true}}:
  quote            index of the (outermost) quote the token lies in, or None
  quote_open       the token holds a quote's opening mark
  quote_close      the token holds a quote's closing mark
  quote_words      on the opening mark: how many words the quote has
  quote_titlecase  on the opening mark: every content word of the quote is capitalised
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .spans import QuoteSpan

_TOKEN_EXTENSIONS = {"quote": None, "quote_open": False, "quote_close": False,
                     "quote_words": 0, "quote_titlecase": False}
_MINOR_WORDS = frozenset("a an and at by for from in of on or the to with".split())


def register_extensions() -> None:
    for name, default in _TOKEN_EXTENSIONS.items():
        if not Token.has_extension(name):
            Token.set_extension(name, default=default)
    for name in ("quotes", "quote_result"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def quote_tokens(doc: Doc, spans: list[QuoteSpan]) -> list[Span]:
    """Mark each quote's tokens and return the token span of each quote (same order)."""
    register_extensions()
    out = []
    for index, qs in enumerate(spans):
        span = doc.char_span(qs.start, qs.end, alignment_mode="expand")
        if span is None or len(span) == 0:  # a mark inside whitespace the tokenizer kept whole
            span = doc[0:0]
        out.append(span)
        for tok in span:
            tok._.quote = index
        if len(span):
            _mark_edges(span, qs)
    return out


def _mark_edges(span: Span, qs: QuoteSpan) -> None:
    first = span[0]
    first._.quote_open = True
    words = [t for t in span if t.is_alpha]
    first._.quote_words = len(words)
    # "the Glass Lady" and "the Route 9 Poet" are names too: a leading "the" may stay small.
    named = [t for t in words if not (t.i == words[0].i and t.lower_ == "the")]
    first._.quote_titlecase = bool(named) and all(
        t.text[0].isupper() or t.lower_ in _MINOR_WORDS for t in named) and named[0].text[0].isupper()
    if qs.close_mark:
        span[-1]._.quote_close = True
