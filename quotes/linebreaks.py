"""A pipeline step that starts a sentence at every line break, before the parser runs.

News paragraphs and headlines are lines; without this the parser glues a headline onto the
next line and a speaker phrase can swallow both."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "quotes_line_breaks"


@Language.component(NAME)
def line_breaks(doc: Doc) -> Doc:
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if not tok.is_space and ("\n" in prev.whitespace_ or (prev.is_space and ("\n" in prev.text or "\r" in prev.text))
                                 or "\r" in prev.whitespace_):
            tok.is_sent_start = True
    return doc


def add_line_breaks(nlp: Language) -> None:
    if NAME not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
