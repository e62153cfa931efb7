"""Running the extractor over many documents in input order, streaming, surviving failures.

One odd document never sinks the run: unreadable inputs arrive as Documents with an error,
an exception while parsing or attributing one document becomes that document's error, and
documents longer than one parse go through quotes.longtext (split at line breaks)."""
from __future__ import annotations

import os
import signal
import threading
from collections import deque
from dataclasses import dataclass
from typing import Iterable, Iterator

from .extractor import Extractor
from .inputs import Document
from .longtext import DEFAULT_LIMIT, extract_long
from .records import Result


@dataclass(frozen=True)
class Outcome:
    document: Document
    result: Result | None
    error: str | None


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def extract_documents(extractor: Extractor, documents: Iterable[Document], jobs: int = 1,
                      batch_size: int = 8, limit: int = DEFAULT_LIMIT) -> Iterator[Outcome]:
    """Outcomes in input order. jobs > 1 parses with nlp.pipe in several processes; matching
    and resolving happen here. Texts longer than limit are chunked (see quotes.longtext)."""
    limit = min(limit, extractor.nlp.max_length)
    documents = iter(documents)
    if jobs <= 1:
        for doc in documents:
            yield _one(extractor, doc, limit)
        return
    yield from _piped(extractor, documents, jobs, batch_size, limit)


def _one(extractor: Extractor, doc: Document, limit: int, parsed=None) -> Outcome:
    if doc.error is not None:
        return Outcome(doc, None, doc.error)
    try:
        if parsed is not None:
            return Outcome(doc, extractor.from_doc(parsed, doc.id), None)
        if len(doc.text) > limit:
            return Outcome(doc, extract_long(extractor, doc.text, doc.id, limit), None)
        return Outcome(doc, extractor(doc.text, doc.id), None)
    except Exception as err:  # one odd document must never sink the run
        return Outcome(doc, None, f"internal error: {type(err).__name__}: {err}")


def _piped(extractor: Extractor, documents: Iterator[Document], jobs: int, batch_size: int,
           limit: int) -> Iterator[Outcome]:
    """Parse in worker processes. Failed and over-long documents go through the pipe as empty
    placeholders (so the order holds) and are handled here. Should the pipe itself fail, the
    documents still in flight and the rest are done one at a time in this process."""
    in_flight: deque[Document] = deque()

    def feed():
        for doc in documents:
            in_flight.append(doc)
            piped = doc.error is None and len(doc.text) <= limit
            yield (doc.text if piped else ""), doc

    pipe = extractor.nlp.pipe(feed(), as_tuples=True, batch_size=batch_size, n_process=jobs)
    try:
        for parsed, doc in _workers_ignore_interrupt(pipe):
            in_flight.popleft()
            piped = doc.error is None and len(doc.text) <= limit
            yield _one(extractor, doc, limit, parsed if piped else None)
    except Exception:  # noqa: BLE001 - fall back to the careful path
        pass
    else:
        return
    finally:
        pipe.close()  # on any exit (Ctrl-C too) the workers get their stop signal and are joined
    while in_flight:
        yield _one(extractor, in_flight.popleft(), limit)
    for doc in documents:
        yield _one(extractor, doc, limit)


def _workers_ignore_interrupt(pipe: Iterator) -> Iterator:
    """The worker processes start on the first item. While they start, Ctrl-C is only noted, so
    the workers inherit a handler that keeps them out of it (no traceback from each worker):
    the parent alone stops, closes the pipe, and the workers then finish and exit."""
    if threading.current_thread() is not threading.main_thread():
        yield from pipe
        return
    caught: list[bool] = []
    previous = signal.signal(signal.SIGINT, lambda *_: caught.append(True))
    try:
        first = next(pipe, _END)
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt
    if first is _END:
        return
    yield first
    yield from pipe


_END = object()
