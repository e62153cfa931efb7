"""Build a deterministic JSONL corpus of English news articles for throughput benchmarks.

    .venv/bin/python benchmarks/corpus.py --out benchmarks/out/corpus.jsonl --n 400
    .venv/bin/python benchmarks/corpus.py --out benchmarks/out/corpus_x10.jsonl --n 400 --scale 10

No news data set ships inside any package this project can install, so the corpus is made
from the news text the repository holds: the real seed article(s) in seeds/*.txt and the
gold corpus articles in benchmarks/gold/src/*.txt (whatever *.txt exist when this runs).

Each source article is cut into *units*: runs of consecutive paragraphs that never split a
quotation running on into the next paragraph and that keep a paragraph opening with a
pronoun ("He said: ...") next to the paragraph before it. Output article i takes a headline
from one source and units drawn from several sources with a generator seeded by (seed, i),
until it reaches a length drawn between --min-chars and --max-chars. So every article is
news prose with the real quote patterns of its sources, the articles are distinct, and
article i is the same for any --n or --scale (the 10x corpus starts with the 1x corpus).

Each line is {"id": "c000123", "text": "..."}; paragraphs are separated by a blank line,
as in the sources.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = ("seeds/*.txt", "benchmarks/gold/src/*.txt")
_PRONOUN_START = re.compile(r"^[“\"‘']?(He|She|They|It|His|Her|Their|This|That|But|And|However)\b")


@dataclass(frozen=True)
class Source:
    name: str
    title: str
    units: tuple[tuple[str, ...], ...]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]


def _runs_on(paragraph: str) -> bool:
    """Does a double-quote opened in this paragraph stay open at its end (so the next
    paragraph continues the quotation)? Counts curly marks, or straight marks by parity."""
    curly_open, curly_close = paragraph.count("“"), paragraph.count("”")
    if curly_open or curly_close:
        return curly_open > curly_close
    return paragraph.count('"') % 2 == 1


def _units(paragraphs: list[str]) -> list[tuple[str, ...]]:
    units: list[list[str]] = []
    for i, para in enumerate(paragraphs):
        glue = i > 0 and (_runs_on(paragraphs[i - 1]) or bool(_PRONOUN_START.match(para)))
        if glue and units:
            units[-1].append(para)
        else:
            units.append([para])
    return [tuple(u) for u in units]


def load_sources(patterns: tuple[str, ...] = DEFAULT_SOURCES, root: Path = ROOT) -> list[Source]:
    files = sorted({p for pattern in patterns for p in root.glob(pattern) if p.is_file()})
    sources = []
    for path in files:
        paras = _paragraphs(path.read_text(encoding="utf-8"))
        if len(paras) < 2:
            continue
        sources.append(Source(str(path.relative_to(root)), paras[0], tuple(_units(paras[1:]))))
    return sources


def make_article(sources: list[Source], index: int, seed: int, min_chars: int, max_chars: int) -> str:
    rng = random.Random(f"{seed}:{index}")
    target = rng.randint(min_chars, max_chars)
    lead = rng.choice(sources)
    body: list[str] = []
    size = len(lead.title)
    # Open with the lead source's first unit (its dateline/lede), then mix units from others.
    first = lead.units[0]
    body.extend(first)
    size += sum(len(p) + 2 for p in first)
    used = {(lead.name, 0)}
    while size < target and len(used) < sum(len(s.units) for s in sources):
        src = lead if rng.random() < 0.35 else rng.choice(sources)
        k = rng.randrange(len(src.units))
        if (src.name, k) in used:
            continue
        used.add((src.name, k))
        body.extend(src.units[k])
        size += sum(len(p) + 2 for p in src.units[k])
    return "\n\n".join([lead.title, *body]) + "\n"


def build(n: int, scale: int = 1, seed: int = 0, min_chars: int = 1500, max_chars: int = 4500,
          sources: list[Source] | None = None) -> list[dict[str, str]]:
    sources = sources if sources is not None else load_sources()
    if not sources:
        raise SystemExit("no source articles found (seeds/*.txt, benchmarks/gold/src/*.txt)")
    seen: set[str] = set()
    records = []
    index = 0
    attempt = 0
    while len(records) < n * scale:
        text = make_article(sources, attempt, seed, min_chars, max_chars)
        attempt += 1
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
        if digest in seen:  # vanishingly rare; keep articles distinct
            continue
        seen.add(digest)
        records.append({"id": f"c{index:06d}", "text": text})
        index += 1
    return records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks/out/corpus.jsonl")
    ap.add_argument("--n", type=int, default=400, help="articles in the 1x corpus")
    ap.add_argument("--scale", type=int, default=1, help="write n*scale articles (10 for the memory check)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--min-chars", type=int, default=1500)
    ap.add_argument("--max-chars", type=int, default=4500)
    args = ap.parse_args(argv)
    sources = load_sources()
    records = build(args.n, args.scale, args.seed, args.min_chars, args.max_chars, sources)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    words = sum(len(r["text"].split()) for r in records)
    print(f"wrote {len(records)} articles ({words} words, {words // max(1, len(records))} per article) "
          f"from {len(sources)} source articles to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
