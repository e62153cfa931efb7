"""A pipeline step that starts a sentence at every line break, before the parser runs.

News paragraphs and headlines are lines; without this the parser glues a headline onto the
next line and a speaker phrase can swallow both."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "quotes_line_breaks"


@Language.component(NAME)
def line_breaks(doc: Doc) -> Doc:
    starts = [tok.i for tok in doc if _starts_line(doc, tok.i)]
    for i in starts:
        doc[i].is_sent_start = True
    line_starts = set(starts)
    for i in starts:
        # A line's first word is never a sentence of its own ("Anders | Lykke scored twice").
        if i + 1 < len(doc) and i + 1 not in line_starts and not doc[i + 1].is_space and not doc[i].is_punct:
            doc[i + 1].is_sent_start = False
    return doc


def _starts_line(doc: Doc, i: int) -> bool:
    if i == 0 or doc[i].is_space:
        return i == 0 and not doc[i].is_space
    prev = doc[i - 1]
    return "\n" in prev.whitespace_ or "\r" in prev.whitespace_ or (
        prev.is_space and ("\n" in prev.text or "\r" in prev.text))


def add_line_breaks(nlp: Language) -> None:
    if NAME not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
