"""Running the extractor over many documents in input order, streaming, surviving failures."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Iterator

from .extractor import Extractor
from .inputs import Document
from .records import Result


@dataclass(frozen=True)
class Outcome:
    document: Document
    result: Result | None
    error: str | None


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def extract_documents(extractor: Extractor, documents: Iterable[Document], jobs: int = 1,
                      batch_size: int = 8) -> Iterator[Outcome]:
    """Parse with nlp.pipe (several processes when jobs > 1); match and resolve here, in order."""
    pairs = ((doc.text if doc.error is None else "", doc) for doc in documents)
    for parsed, doc in extractor.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=max(1, jobs)):
        if doc.error is not None:
            yield Outcome(doc, None, doc.error)
            continue
        try:
            yield Outcome(doc, extractor.from_doc(parsed, doc.id), None)
        except Exception as err:  # one odd document must never sink the run
            yield Outcome(doc, None, f"internal error: {type(err).__name__}: {err}")
