"""quotes: quote and speaker attribution for English news.

    >>> import quotes
    >>> result = quotes.extract("“We will appeal,” said Dana Whitlock, a council spokeswoman.")
    >>> result.quotes[0].text, result.speaker(result.quotes[0].speaker).name
    ('We will appeal,', 'Dana Whitlock')
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .errors import (GoldFileError, InputError, MissingAnnotationError, ModelNotFoundError, QuotesError,
                     RuleFileError)
from .extractor import Extractor
from .model import DEFAULT_MODEL
from .records import NestedQuote, Quote, Result, Speaker
from .rulebook import RuleBook, load_rulebook
from .spans import QuoteSpan, find_quotes

__version__ = "0.1.0"
__all__ = ["extract", "get_extractor", "Extractor", "Result", "Quote", "Speaker", "NestedQuote",
           "QuoteSpan", "find_quotes", "load_rulebook", "RuleBook", "DEFAULT_MODEL", "QuotesError",
           "RuleFileError", "ModelNotFoundError", "MissingAnnotationError", "InputError", "GoldFileError"]


@lru_cache(maxsize=4)
def get_extractor(model: str = DEFAULT_MODEL, rules: str | None = None) -> Extractor:
    """A shared Extractor per (model, rules directory): loading the model is the slow part."""
    return Extractor(model=model, rules=rules)


def extract(text: str, *, model: str = DEFAULT_MODEL, rules: str | Path | None = None,
            doc_id: str | None = None) -> Result:
    """Every quotation in text with its speaker, addressee, cue and deciding rule."""
    return get_extractor(model, str(rules) if rules else None)(text, doc_id)
