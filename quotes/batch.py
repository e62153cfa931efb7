"""Running the extractor over many documents in input order, streaming, surviving failures.

One odd document never sinks the run: unreadable inputs arrive as Documents with an error,
an exception while parsing or attributing one document becomes that document's error, and
documents longer than one parse go through quotes.longtext (split at line breaks)."""
from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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
    """Outcomes in input order. jobs > 1 runs whole documents in that many worker processes.
    Texts longer than limit are chunked (see quotes.longtext)."""
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
    """Whole documents go to worker processes (parse, match, resolve: a Result comes back), a few
    ahead per worker, and the outcomes come out in input order. The workers ignore Ctrl-C; when
    the run stops early (Ctrl-C, a closed generator) they are terminated, not waited for. A
    worker that dies (out of memory, a crash) breaks the pool: the document being waited for
    fails, and the others go on in a new pool."""
    window = max(2, jobs * batch_size)
    pending: deque[tuple[Document, Future | None]] = deque()
    pool = _pool(extractor, jobs)
    try:
        for doc in documents:
            pending.append((doc, _submit(pool, doc, limit)))
            while len(pending) >= window or (pending and pending[0][1] is not None and pending[0][1].done()):
                outcome, pool = _next(pending, pool, extractor, jobs, limit)
                yield outcome
        while pending:
            outcome, pool = _next(pending, pool, extractor, jobs, limit)
            yield outcome
    finally:
        _stop_pool(pool, wait=not pending)


_WORKER: Extractor | None = None


def _pool(extractor: Extractor, jobs: int) -> ProcessPoolExecutor:
    global _WORKER
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:  # the workers inherit the loaded model instead of loading it again
        _WORKER = extractor
        context = multiprocessing.get_context("fork")
    else:  # pragma: no cover - spawn platforms
        context = multiprocessing.get_context()
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                               initargs=(extractor.model_name, str(extractor.rulebook.directory)))


def _init_worker(model: str, rules: str) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    if _WORKER is None:  # pragma: no cover - spawn platforms
        _WORKER = Extractor(model=model, rules=rules)


def _work(doc: Document, limit: int) -> Outcome:
    return _one(_WORKER, doc, limit)


def _submit(pool: ProcessPoolExecutor, doc: Document, limit: int) -> Future | None:
    return None if doc.error is not None else pool.submit(_work, doc, limit)


def _next(pending, pool, extractor, jobs, limit):
    doc, future = pending.popleft()
    if future is None:
        return Outcome(doc, None, doc.error), pool
    try:
        return future.result(), pool
    except BrokenProcessPool:
        # The pool is gone: this document fails, the others in flight are sent to a new pool.
        _stop_pool(pool, wait=False)
        pool = _pool(extractor, jobs)
        for i, (d, f) in enumerate(pending):
            if f is not None:
                pending[i] = (d, _submit(pool, d, limit))
        message = "worker process died while extracting this document (out of memory?)"
        return Outcome(doc, None, message), pool
    except Exception as err:  # noqa: BLE001 - e.g. a result that would not pickle
        return Outcome(doc, None, f"internal error: {type(err).__name__}: {err}"), pool


def _stop_pool(pool: ProcessPoolExecutor, wait: bool) -> None:
    if wait:
        pool.shutdown(wait=True)
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:  # the pool's own workers, by handle
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
