"""Throughput of quotes against the bare spaCy pipeline and textacy's direct_quotations.

    .venv/bin/python benchmarks/throughput.py [--n 400] [--jobs 1 2] [--stages] [--memory-check]
                                              [--profile FILE]

One run of this script loads the spaCy model once (through quotes.Extractor, so the
pipeline is the one quotes uses, with its line-break step) and measures, on the same corpus:

  spacy       nlp.pipe over the texts, nothing else
  textacy     nlp.pipe + textacy.extract.triples.direct_quotations, each document's triples
              serialised with json.dumps to a null sink (so output cost counts as for quotes)
  quotes-jN   quotes.batch.extract_documents(jobs=N) writing JSONL through the CLI's own
              writer (json.dumps per document) to a null sink

Each system runs in its own child process forked from the loaded parent after a warm-up, so
every system starts from the identical state (same model object, same vocabulary) and its
memory is its own. Memory is reported two ways, both honest about what they count:

  peak RSS    the kernel's high-water mark (ru_maxrss) of the process doing the work; it
              includes the model pages inherited from the parent. For quotes-jN (N > 1)
              the largest worker is shown too.
  peak PSS    the proportional set size summed over the child and all its descendants,
              sampled every 0.1 s from /proc (shared pages split between the processes
              that share them, so parallel workers are not double counted). Linux only.

Speeds are printed as docs/s and words/s (words = whitespace-separated, the same count for
every system) and as a ratio to textacy measured in the same run; no absolute thresholds.
CPU s/doc is user+system CPU of the child and its reaped workers per document, and "cores"
is CPU time over wall time: a parallel run on an idle 2-core machine shows close to 2; less
means other work on the machine took the cores (then the wall-time speed-up means little;
--repeat R keeps the fastest of R runs).

--stages times each step of quotes' work on the corpus, calling the internal functions in
the order Extractor.from_doc does (parse per spaCy component, quote spans, token annotation,
layout, rule matching, sieves, speaker resolution, result building, JSON serialisation), and
checks the staged results equal Extractor.from_doc's.

--memory-check runs `.venv/bin/quotes extract CORPUS --format jsonl` as a subprocess on the
1x and the 10x corpus (built if missing) and prints the ratio of the peaks (target <= 1.2).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus as corpus_mod  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
MEMORY_TARGET = 1.2


# ---------------------------------------------------------------- memory probes

def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out.extend(int(c) for c in fh.read().split())
    except OSError:
        pass
    return out


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo.extend(_children(p))
    return pids


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeSampler:
    """Peak of the summed PSS of a process tree, sampled from /proc in a thread."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.available = os.path.exists(f"/proc/{os.getpid()}/smaps_rollup")

    def __enter__(self):
        if self.available:
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self.available:
            self._thread.join()
        return False

    def _run(self):
        while not self._stop.is_set():
            total = sum(_pss_kb(p) for p in _tree(self.pid))
            self.peak_kb = max(self.peak_kb, total)
            self._stop.wait(self.interval)


def _rss_now_kb() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


# ---------------------------------------------------------------- the systems

class NullSink:
    """A text sink that encodes what it is given (as a file would) and drops it."""

    def __init__(self):
        self.bytes = 0

    def write(self, s: str) -> int:
        self.bytes += len(s.encode("utf-8"))
        return len(s)

    def flush(self) -> None:
        pass


def run_spacy(ctx) -> dict:
    tokens = 0
    for doc in ctx.nlp.pipe(ctx.texts, batch_size=ctx.batch_size):
        tokens += len(doc)
    return {"tokens": tokens}


def run_textacy(ctx) -> dict:
    from textacy.extract.triples import direct_quotations

    sink, found, errors = NullSink(), 0, 0
    for doc_id, doc in zip(ctx.ids, ctx.nlp.pipe(ctx.texts, batch_size=ctx.batch_size)):
        try:
            triples = list(direct_quotations(doc))
        except Exception:  # textacy raises on some unbalanced quote marks
            errors += 1
            triples = []
        found += len(triples)
        sink.write(json.dumps({"id": doc_id, "quotes": [
            {"speaker": " ".join(t.text for t in q.speaker), "cue": " ".join(t.text for t in q.cue),
             "content": q.content.text, "start": q.content.start_char, "end": q.content.end_char}
            for q in triples]}, ensure_ascii=False) + "\n")
    return {"quotes": found, "errors": errors, "bytes": sink.bytes}


def run_quotes(jobs: int) -> Callable:
    def run(ctx) -> dict:
        from quotes.batch import extract_documents
        from quotes.inputs import Document
        from quotes.output import make_writer

        sink = NullSink()
        writer = make_writer("jsonl", sink, many=True)
        found = errors = 0
        documents = (Document(i, t) for i, t in zip(ctx.ids, ctx.texts))
        for outcome in extract_documents(ctx.extractor, documents, jobs=jobs, batch_size=ctx.batch_size):
            if outcome.error:
                errors += 1
                writer.error(outcome.document.id, outcome.error)
            else:
                found += len(outcome.result.quotes)
                writer.result(outcome.result)
        writer.close()
        return {"quotes": found, "errors": errors, "bytes": sink.bytes}
    return run


def _cpu_seconds() -> float:
    """User+system CPU of this process and its reaped children (spaCy's workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _reap_workers() -> None:
    import multiprocessing

    for proc in multiprocessing.active_children():
        proc.join(timeout=10)


def in_child(fn: Callable, ctx) -> dict:
    """Run fn(ctx) in a forked child; return its figures with time and memory."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        code = 0
        try:
            start_rss = _rss_now_kb()
            c0 = _cpu_seconds()
            t0 = time.perf_counter()
            out = fn(ctx)
            out["seconds"] = time.perf_counter() - t0
            _reap_workers()
            out["cpu_seconds"] = _cpu_seconds() - c0
            out["start_rss_kb"] = start_rss
            out["peak_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            out["worker_peak_rss_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        except BaseException as err:  # report, never hang the parent
            out = {"error": f"{type(err).__name__}: {err}"}
            code = 1
        with os.fdopen(write_fd, "w") as fh:
            fh.write(json.dumps(out))
        os._exit(code)
    os.close(write_fd)
    with TreeSampler(pid) as sampler:
        with os.fdopen(read_fd) as fh:
            data = fh.read()
        os.waitpid(pid, 0)
    out = json.loads(data) if data else {"error": "child died without a report"}
    out["peak_pss_kb"] = sampler.peak_kb if sampler.available else None
    return out


class Context:
    def __init__(self, extractor, ids, texts, batch_size):
        self.extractor, self.nlp = extractor, extractor.nlp
        self.ids, self.texts, self.batch_size = ids, texts, batch_size
        self.words = sum(len(t.split()) for t in texts)


# ---------------------------------------------------------------- stages

def stages(ctx, sink_check: int = 50) -> tuple[dict[str, float], int]:
    """Seconds per stage of quotes' work over the corpus, the way Extractor.from_doc runs it."""
    from quotes.annotate import quote_tokens
    from quotes.extractor import _build, _outermost, _resolve, _set_spans, page_of
    from quotes.output import make_writer
    from quotes.sieves import Layout, Slot, run_sieves
    from quotes.spans import find_quotes, paragraphs

    ex, nlp = ctx.extractor, ctx.nlp
    rb = ex.rulebook
    times: dict[str, float] = {}

    def tick(name: str, t0: float) -> float:
        now = time.perf_counter()
        times[name] = times.get(name, 0.0) + now - t0
        return now

    t = time.perf_counter()
    docs = [nlp.make_doc(text) for text in ctx.texts]
    t = tick("parse: tokenizer", t)
    for name, proc in nlp.pipeline:
        docs = list(proc.pipe(docs, batch_size=ctx.batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        t = tick(f"parse: {name}", t)

    writer = make_writer("jsonl", NullSink(), many=True)
    results = []
    for doc_id, doc in zip(ctx.ids, docs):
        t = time.perf_counter()
        text = doc.text
        every = find_quotes(text, rb.marks)
        top = _outermost(every)
        t = tick("quote spans (find_quotes)", t)
        slots = [Slot(span, toks) for span, toks in zip(top, quote_tokens(doc, top))]
        t = tick("token annotation (quote_tokens)", t)
        lines = paragraphs(text)
        layout = Layout(text, [start for start, _ in lines], rb.lexicons,
                        tuple((s.start, s.end) for s in every if s.depth > 0))
        t = tick("layout (paragraphs)", t)
        matches = ex.matcher(doc)
        t = tick("rule matching (Matcher+DependencyMatcher)", t)
        run_sieves(doc, slots, rb, matches, layout)
        t = tick("sieves", t)
        entities, links = _resolve(doc, slots, rb, page_of(doc, layout, lines))
        t = tick("speaker resolution", t)
        result = _build(text, top, every, slots, entities, links, doc_id)
        doc._.quote_result = result
        doc._.quotes = list(result.quotes)
        _set_spans(doc, result)
        t = tick("result building (+doc spans)", t)
        writer.result(result)
        tick("output (to_dict + json.dumps)", t)
        results.append(result)

    # The staged path must be the engine's path: compare with Extractor.from_doc.
    checked = 0
    for result, doc in zip(results[:sink_check], nlp.pipe(ctx.texts[:sink_check], batch_size=ctx.batch_size)):
        expected = ex.from_doc(doc, result.id)
        if json.dumps(expected.to_dict()) != json.dumps(result.to_dict()):
            raise SystemExit(f"staged result differs from Extractor.from_doc for {result.id}")
        checked += 1
    return times, checked


# ---------------------------------------------------------------- memory check

def cli_peak(corpus_path: Path, jobs: int) -> dict:
    quotes_bin = ROOT / ".venv" / "bin" / "quotes"
    cmd = [str(quotes_bin) if quotes_bin.exists() else "quotes", "extract", str(corpus_path),
           "--format", "jsonl", "--quiet", "--jobs", str(jobs)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with TreeSampler(proc.pid, interval=0.2) as sampler:
        _, status, usage = os.wait4(proc.pid, 0)
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"seconds": time.perf_counter() - t0, "peak_rss_kb": usage.ru_maxrss,
            "peak_pss_kb": sampler.peak_kb if sampler.available else None,
            "exit": proc.returncode, "stderr": stderr[-500:]}


def ensure_corpus(path: Path, n: int, scale: int) -> Path:
    if not path.exists() or sum(1 for _ in path.open(encoding="utf-8")) != n * scale:
        corpus_mod.main(["--out", str(path), "--n", str(n), "--scale", str(scale)])
    return path


def memory_check(n: int, jobs_list: list[int]) -> bool:
    one = ensure_corpus(OUT / f"corpus_{n}.jsonl", n, 1)
    ten = ensure_corpus(OUT / f"corpus_{n}_x10.jsonl", n, 10)
    ok = True
    print(f"\nmemory check: quotes extract --format jsonl, {n} vs {10 * n} documents")
    print(f"{'jobs':>4}  {'corpus':>7}  {'seconds':>8}  {'peak RSS MiB':>12}  {'peak tree PSS MiB':>17}  exit")
    for jobs in jobs_list:
        runs = {}
        for label, path in (("1x", one), ("10x", ten)):
            r = runs[label] = cli_peak(path, jobs)
            pss = f"{r['peak_pss_kb'] / 1024:17.0f}" if r["peak_pss_kb"] else f"{'n/a':>17}"
            print(f"{jobs:>4}  {label:>7}  {r['seconds']:8.1f}  {r['peak_rss_kb'] / 1024:12.0f}  {pss}  {r['exit']}")
            if r["exit"] != 0:
                print("      stderr: " + r["stderr"].strip().replace("\n", "\n      "))
                ok = False
        ratio = runs["10x"]["peak_rss_kb"] / runs["1x"]["peak_rss_kb"]
        line = f"      10x/1x peak RSS ratio {ratio:.3f}"
        if runs["1x"]["peak_pss_kb"] and runs["10x"]["peak_pss_kb"]:
            line += f", peak tree PSS ratio {runs['10x']['peak_pss_kb'] / runs['1x']['peak_pss_kb']:.3f}"
        verdict = "ok" if ratio <= MEMORY_TARGET else "OVER"
        print(f"{line}  (target <= {MEMORY_TARGET}: {verdict})")
        ok = ok and ratio <= MEMORY_TARGET
    return ok


# ---------------------------------------------------------------- main

def load_corpus(path: Path, n: int) -> tuple[list[str], list[str]]:
    ids, texts = [], []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if len(ids) == n:
                break
            record = json.loads(line)
            ids.append(record["id"])
            texts.append(record["text"])
    return ids, texts


def _profile(ctx, path: Path) -> None:
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    run_quotes(1)(ctx)
    prof.disable()
    prof.dump_stats(str(path))
    print(f"\ncProfile of quotes-j1 written to {path}; top functions by own time:")
    pstats.Stats(prof).sort_stats("tottime").print_stats(15)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=None, help="JSONL corpus (default: built with corpus.py)")
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=1, help="run each system R times, keep the fastest")
    ap.add_argument("--batch-size", type=int, default=8, help="batch size for the spaCy and textacy baselines' nlp.pipe; for quotes, documents queued ahead per worker (extract_documents' batch_size)")
    ap.add_argument("--model", default=None)
    ap.add_argument("--no-stages", dest="stages", action="store_false", help="skip the stage breakdown")
    ap.add_argument("--memory-check", action="store_true")
    ap.add_argument("--memory-only", action="store_true", help="only the memory check")
    ap.add_argument("--profile", type=Path, default=None, help="cProfile the quotes-j1 run to this file")
    args = ap.parse_args(argv)

    if args.memory_only:
        return 0 if memory_check(args.n, args.jobs) else 1

    from quotes import Extractor
    from quotes.model import DEFAULT_MODEL

    path = args.corpus or ensure_corpus(OUT / f"corpus_{args.n}.jsonl", args.n, 1)
    ids, texts = load_corpus(path, args.n)
    extractor = Extractor(model=args.model or DEFAULT_MODEL)
    ctx = Context(extractor, ids, texts, args.batch_size)
    print(f"corpus {path}: {len(texts)} documents, {ctx.words} words, {sum(map(len, texts))} characters")
    print(f"model {extractor.model_name}: {', '.join(extractor.nlp.pipe_names)}; batch size {args.batch_size}; "
          f"{len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()} cores")

    # Warm-up in the parent, so every forked system starts warm and identical.
    from textacy.extract.triples import direct_quotations
    for doc in extractor.nlp.pipe(texts[:8]):
        try:
            list(direct_quotations(doc))
        except ValueError:
            pass
    for text in texts[:8]:
        extractor(text)

    systems: list[tuple[str, Callable]] = [("spacy", run_spacy), ("textacy", run_textacy)]
    systems += [(f"quotes-j{j}", run_quotes(j)) for j in args.jobs]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if load > 0.5:
        print(f"note: load average {load:.1f} before the run; other work on this machine skews the timings "
              "(parallel runs most); use --repeat")
    results: dict[str, dict] = {}
    for _ in range(args.repeat):
        for name, fn in systems:
            r = in_child(fn, ctx)
            if "error" in r:
                print(f"{name}: FAILED: {r['error']}")
            if name not in results or ("seconds" in r and r["seconds"] < results[name].get("seconds", 1e300)):
                results[name] = r  # best of --repeat runs

    base = results.get("textacy", {}).get("seconds")
    print(f"\n{'system':<10} {'docs/s':>8} {'words/s':>9} {'x textacy':>9} {'CPU s/doc':>9} {'cores':>5} {'peak RSS MiB':>12} "
          f"{'(start)':>8} {'worker RSS':>10} {'tree PSS MiB':>12}  notes")
    for name, r in results.items():
        if "error" in r:
            continue
        dps, wps = len(texts) / r["seconds"], ctx.words / r["seconds"]
        ratio = f"{base / r['seconds']:9.2f}" if base else f"{'-':>9}"
        worker = f"{r['worker_peak_rss_kb'] / 1024:10.0f}" if r.get("worker_peak_rss_kb") else f"{'-':>10}"
        pss = f"{r['peak_pss_kb'] / 1024:12.0f}" if r.get("peak_pss_kb") else f"{'n/a':>12}"
        notes = ", ".join(f"{k}={r[k]}" for k in ("quotes", "errors", "tokens") if k in r)
        cpu = r["cpu_seconds"] / len(texts)
        cores = r["cpu_seconds"] / r["seconds"]
        print(f"{name:<10} {dps:8.2f} {wps:9.0f} {ratio} {cpu:9.3f} {cores:5.2f} {r['peak_rss_kb'] / 1024:12.0f} "
              f"{r['start_rss_kb'] / 1024:8.0f} {worker} {pss}  {notes}")
    if "spacy" in results and "seconds" in results["spacy"]:
        sp = results["spacy"]["seconds"]
        print("\nshare of time that is spaCy parsing (bare pipeline time / system time):")
        for name, r in results.items():
            if name != "spacy" and "seconds" in r:
                print(f"  {name:<10} {sp / r['seconds']:.2f}")
    j1 = results.get("quotes-j1", {}).get("seconds")
    for name, r in results.items():
        if name.startswith("quotes-j") and name != "quotes-j1" and j1 and "seconds" in r:
            print(f"speed-up {name} over quotes-j1: {j1 / r['seconds']:.2f}x")

    if args.stages:
        times, checked = stages(ctx)
        total = sum(times.values())
        print(f"\nquotes stage breakdown over {len(texts)} documents (single process; staged results equal "
              f"Extractor.from_doc on {checked} documents):")
        parse = sum(v for k, v in times.items() if k.startswith("parse"))
        for name, secs in times.items():
            print(f"  {name:<44} {secs:7.2f} s  {100 * secs / total:5.1f} %")
        print(f"  {'total':<44} {total:7.2f} s  (parse {100 * parse / total:.1f} %, "
              f"quotes' own work {100 * (total - parse) / total:.1f} %)")

    if args.profile:
        _profile(ctx, args.profile)

    ok = all("error" not in r for r in results.values())
    if args.memory_check:
        ok = memory_check(args.n, args.jobs) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
