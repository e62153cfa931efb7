"""The spaCy component: nlp.add_pipe("quotes") sets doc._.quotes, doc._.quote_result and
doc.spans["quotes"] / doc.spans["quote_speakers"]. Add it last, after the parser and NER."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .errors import MissingAnnotationError
from .extractor import Extractor
from .linebreaks import line_breaks  # noqa: F401  (registers the line-break component)


class QuotesComponent:
    def __init__(self, nlp: Language, name: str, rules: str | None):
        self.name = name
        self.extractor = Extractor(rules=rules, nlp=nlp, standalone=False)
        self._checked = False

    def __call__(self, doc: Doc) -> Doc:
        if not self._checked:
            self._check(doc)
        self.extractor.from_doc(doc)
        return doc

    def _check(self, doc: Doc) -> None:
        needed = {a for r in self.extractor.rulebook.rules for a in r.needs}
        missing = sorted(a for a in needed if a != "SENT_START" and not doc.has_annotation(a))
        if missing and len(doc) > 1:
            raise MissingAnnotationError(
                f"the 'quotes' component needs {missing} from earlier components; add it after the parser and NER")
        self._checked = True


@Language.factory("quotes", default_config={"rules": None})
def make_quotes_component(nlp: Language, name: str, rules: str | None) -> QuotesComponent:
    return QuotesComponent(nlp, name, rules)
