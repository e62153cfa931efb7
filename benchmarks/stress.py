"""Stress: the whole library on a very long article and on a text of nothing but quote marks.

    .venv/bin/python benchmarks/stress.py [--mb 5] [--marks-kb 200]

Each case runs in a fresh child process so its peak memory (ru_maxrss) is its own; the
model load is timed apart from the extraction. Prints seconds, seconds per MB and peak RSS.
(The span finder alone is fuzzed by benchmarks/fuzz_spans.py.)
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import re
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_c6d2c87ce24b5f97.txt"


def long_article(size: int) -> str:
    """The seed repeated, each copy with its numbers shifted, joined by blank lines."""
    seed = SEED.read_bytes().decode("utf-8")
    parts, n, total = [], 0, 0
    while total < size:
        n += 1
        copy = re.sub(r"\d+", lambda m: str(int(m.group()) + n), seed)
        parts.append(copy)
        total += len(copy) + 2
    return "\n\n".join(parts)


def marks_only(size: int) -> str:
    """Only quotation marks, apostrophes and a few spaces/line breaks: the worst case for pairing."""
    rng = random.Random(7)
    alphabet = "“”‘’\"'«»„‚‹›" * 3 + "’'" * 6 + " \n"
    return "".join(rng.choice(alphabet) for _ in range(size))


def _case(name: str, kind: str, size: int, queue) -> None:
    t0 = time.perf_counter()
    import quotes
    from quotes.longtext import extract_long

    extractor = quotes.get_extractor()
    loaded = time.perf_counter()
    text = long_article(size) if kind == "article" else marks_only(size)
    t1 = time.perf_counter()
    result = extract_long(extractor, text, name)
    t2 = time.perf_counter()
    for q in result.quotes:  # the offsets are the point of it all
        assert text[q.start] == q.open_mark
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put({"case": name, "chars": len(text), "mb": round(len(text.encode("utf-8")) / 1e6, 3),
               "load_s": round(loaded - t0, 2), "extract_s": round(t2 - t1, 2),
               "s_per_mb": round((t2 - t1) / (len(text.encode("utf-8")) / 1e6), 1),
               "quotes": len(result.quotes), "speakers": len(result.speakers),
               "chunks": result.meta.get("chunks", 1), "peak_rss_mb": round(peak_kb / 1024)})


def run(name: str, kind: str, size: int) -> dict:
    queue = multiprocessing.get_context("spawn").Queue()
    proc = multiprocessing.get_context("spawn").Process(target=_case, args=(name, kind, size, queue))
    proc.start()
    proc.join()
    if proc.exitcode != 0:
        return {"case": name, "error": f"child exited with {proc.exitcode}"}
    return queue.get()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the long article (MB of text)")
    parser.add_argument("--marks-kb", type=float, default=200.0, help="size of the marks-only text (KB)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per case")
    args = parser.parse_args(argv)
    cases = [(f"article-{args.mb:g}MB", "article", int(args.mb * 1_000_000)),
             (f"marks-only-{args.marks_kb:g}KB", "marks", int(args.marks_kb * 1_000))]
    for name, kind, size in cases:
        row = run(name, kind, size)
        if args.json:
            print(json.dumps(row), flush=True)
        elif "error" in row:
            print(f"{name:<22} FAILED: {row['error']}", flush=True)
        else:
            print(f"{row['case']:<22} {row['chars']:>9,} chars  extract {row['extract_s']:>8.2f} s  "
                  f"{row['s_per_mb']:>7.1f} s/MB  peak RSS {row['peak_rss_mb']:>5} MB  "
                  f"({row['quotes']:,} quotes, {row['speakers']:,} speakers, {row['chunks']} chunks; "
                  f"model load {row['load_s']:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
