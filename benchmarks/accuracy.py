#!/usr/bin/env python3
"""Quote and attribution accuracy of `quotes` and of textacy's direct_quotations, side by side.

    .venv/bin/python benchmarks/accuracy.py                 # dev + test splits + the seed gold
    .venv/bin/python benchmarks/accuracy.py --split dev
    .venv/bin/python benchmarks/accuracy.py --gold some.jsonl --gold other.json --json

Both systems read the same parse (the Extractor's pipeline, line-break sentence starts
included), and both are scored by quotes.evaluate.score, which counts as shared/tools/score.py.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without the package installed, too

from quotes import Extractor  # noqa: E402
from quotes.evaluate import Report, load_gold, quotes_predictions, score, textacy_predictions  # noqa: E402

GOLD_DIR = REPO / "benchmarks" / "gold"
SEED_GOLD_DIR = REPO.parent / "shared" / "gold"
COLUMNS = [("system", 8), ("gold", 4), ("docs", 5), ("q_P", 6), ("q_R", 6), ("q_F1", 6), ("a_P", 6),
           ("a_R", 6), ("a_F1", 6), ("spk_acc", 7), ("merged", 7), ("confl", 5), ("addr", 7), ("secs", 6)]


def default_gold(split: str) -> list[Path]:
    splits = ["dev", "test"] if split == "all" else [split]
    paths = [GOLD_DIR / f"{s}.jsonl" for s in splits]
    for p in paths:
        if not p.exists():
            print(f"note: {p.relative_to(REPO)} not found (run benchmarks/gold/build.py); skipped", file=sys.stderr)
    seeds = sorted(SEED_GOLD_DIR.glob("*.json")) if SEED_GOLD_DIR.is_dir() else []
    return [p for p in paths if p.exists()] + seeds


def run(ex: Extractor, path: Path) -> list[dict]:
    golds = load_gold(path)
    rows = []
    for system, predict in (("quotes", lambda: quotes_predictions(ex, golds)),
                            ("textacy", lambda: textacy_predictions(ex.nlp, golds))):
        t0 = time.perf_counter()
        preds = predict()
        secs = time.perf_counter() - t0
        bailed = sum(1 for p in preds if p.get("meta", {}).get("error"))
        rows.append(row(system, path, score(golds, preds), secs, bailed))
    return rows


def row(system: str, path: Path, report: Report, secs: float, bailed: int) -> dict:
    s = report.summary()
    return {"system": system, "gold": str(path), "docs": s["docs"], "q_P": s["quote_P"], "q_R": s["quote_R"],
            "q_F1": s["quote_F1"], "a_P": s["attr_P"], "a_R": s["attr_R"], "a_F1": s["attr_F1"],
            "spk_acc": report.speaker_accuracy, "merged": s["merged_keys"], "confl": s["conflated"],
            "addr": s["addressee"], "secs": round(secs, 2), "bailed": bailed, "figures": report.to_dict()}


def short(path: str) -> str:
    p = Path(path).resolve()
    try:
        return str(p.relative_to(REPO.parent))
    except ValueError:
        return p.name


def table(rows: list[dict]) -> str:
    widths = dict(COLUMNS, gold=max([4] + [len(short(r["gold"])) for r in rows]))
    lines = ["  ".join(f"{n:>{widths[n]}}" if n not in ("system", "gold") else f"{n:<{widths[n]}}" for n, _ in COLUMNS)]
    for r in rows:
        cells = []
        for name, w in widths.items():
            v = short(r[name]) if name == "gold" else r[name]
            v = f"{v:.2f}" if name == "secs" else (f"{v:.3f}" if isinstance(v, float) else v)
            cells.append(f"{str(v):<{w}}" if name in ("system", "gold") else f"{str(v):>{w}}")
        lines.append("  ".join(cells))
    notes = [f"textacy gave up on {r['bailed']} doc(s) of {short(r['gold'])} (unbalanced quote marks)"
             for r in rows if r["bailed"]]
    return "\n".join(lines + notes)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "test", "all"], default="all")
    ap.add_argument("--gold", type=Path, action="append", help="gold file(s) instead of the default set")
    ap.add_argument("--json", action="store_true", help="one JSON object: rows with full figures")
    args = ap.parse_args(argv)
    paths = args.gold or default_gold(args.split)
    if not paths:
        print("no gold files found", file=sys.stderr)
        return 2
    ex = Extractor()
    rows = [r for p in paths for r in run(ex, p)]
    if args.json:
        print(json.dumps({"rows": rows}, ensure_ascii=False, indent=1))
    else:
        print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
