"""Fuzz the quote-span finder and check it stays linear on pathological input.

    .venv/bin/python benchmarks/fuzz_spans.py --n 10000 --seed 0

Runs find_quotes over N random texts (letters, digits, every quotation mark,
apostrophes, all three line breaks, NBSP, zero-width space, RTL and CJK letters)
checking the span invariants, then times a 200 KB text made only of quote marks
and apostrophes against plain prose of the same size, and the same marks text at
a quarter of the size (a quadratic finder would take ~16x, not ~4x, as long).
Exits 1 on any failure.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quotes.marks import load_marks  # noqa: E402
from quotes.spans import QuoteSpan, find_quotes, paragraphs  # noqa: E402

MARKS = sorted({c for p in load_marks() for c in (p.open, p.close)})
PIECES = ["a", "b", "s", "n", "em", "word", " ", " ", " ", "1", "9", *MARKS, "’", "'", "‘",
          ".", ",", "?", "(", "—", "\n", "\r\n", "\r", "\u00a0", "\u200b", "א", "中"]
SIZE = 200_000
MAX_SCALING = 8.0  # time(200 KB) / time(50 KB); linear is ~4


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 120)))


def problems(text: str, spans: list[QuoteSpan]) -> list[str]:
    out = []
    paras = paragraphs(text)
    for i, s in enumerate(spans):
        if not 0 <= s.start < s.end <= len(text):
            out.append(f"span {i} out of range: {s}")
            continue
        if text[s.start] != s.open_mark or (s.close_mark and text[s.end - 1] != s.close_mark):
            out.append(f"span {i} marks do not match the text: {s}")
        lo, hi = paras[s.paragraph]
        if not (lo <= s.start and s.end <= hi):
            out.append(f"span {i} leaves paragraph {s.paragraph}: {s}")
        if i and spans[i - 1].start >= s.start:
            out.append(f"span {i} out of order")
    top = [s for s in spans if s.depth == 0]
    out += [f"depth-0 spans overlap: {a} {b}" for a, b in zip(top, top[1:]) if a.end > b.start]
    return out


def fuzz(n: int, seed: int) -> int:
    rng = random.Random(seed)
    failures = 0
    for k in range(n):
        text = random_text(rng)
        try:
            spans = find_quotes(text)
            found = problems(text, spans)
            if find_quotes(text) != spans:
                found.append("non-deterministic output")
        except Exception as exc:  # the finder must never raise
            found = [f"raised {exc!r}"]
        if found:
            failures += 1
            if failures <= 5:
                print(f"FAIL input #{k} {text!r}:\n  " + "\n  ".join(found))
    return failures


def seconds(text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        find_quotes(text)
        best = min(best, time.perf_counter() - t0)
    return best


def linearity(seed: int) -> bool:
    rng = random.Random(seed)
    marks_only = "".join(rng.choice(MARKS + ["’", "'"]) for _ in range(SIZE))
    prose_unit = "The minister said the plan, agreed on Tuesday, would cut costs by a third. "
    prose = (prose_unit * (SIZE // len(prose_unit) + 1))[:SIZE]
    t_marks, t_prose = seconds(marks_only), seconds(prose)
    t_quarter = seconds(marks_only[: SIZE // 4])
    mb = SIZE / 1e6
    scaling = t_marks / max(t_quarter, 1e-9)
    print(f"linearity: marks-only {t_marks / mb:.3f} s/MB, prose {t_prose / mb:.3f} s/MB, "
          f"ratio {t_marks / max(t_prose, 1e-9):.1f}x; "
          f"200KB/50KB time {scaling:.1f}x (linear ~4, limit {MAX_SCALING})")
    return scaling <= MAX_SCALING


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="number of random inputs")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    t0 = time.perf_counter()
    failures = fuzz(args.n, args.seed)
    linear = linearity(args.seed)
    ok = failures == 0 and linear
    print(f"{'OK' if ok else 'FAILED'}: {args.n} inputs, {failures} failing, "
          f"linear={'yes' if linear else 'NO'}, {time.perf_counter() - t0:.1f}s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
