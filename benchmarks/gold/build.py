#!/usr/bin/env python3
"""Build the `quotes` evaluation gold corpus from its sources.

Reads benchmarks/gold/src/NNN_slug.txt (article text) and NNN_slug.yml
(metadata + quote annotations), computes every quote's character offsets by
searching for the annotated words, checks everything it can, and writes
benchmarks/gold/dev.jsonl and benchmarks/gold/test.jsonl.

Exit status is non-zero (with one line per problem on stderr) if any check
fails; nothing is written in that case.

Usage:
    .venv/bin/python benchmarks/gold/build.py            # check + write jsonl
    .venv/bin/python benchmarks/gold/build.py --check    # check only
    .venv/bin/python benchmarks/gold/build.py --readme   # also refresh the
                                                         # coverage table in README.md

Only the standard library and PyYAML are used.
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
README = HERE / "README.md"

# opening mark -> accepted closing marks
PAIRS = {
    "\u201c": ("\u201d",),            # “ ”
    "\u2018": ("\u2019",),            # ‘ ’
    '"': ('"',),
    "'": ("'",),
    "\u00ab": ("\u00bb",),            # « »
    "\u201e": ("\u201c", "\u201d"),   # „ “  (also „ ”)
    "\u201a": ("\u2018", "\u2019"),   # ‚ ‘
    "\u2039": ("\u203a",),            # ‹ ›
}
# openers whose closing mark can never be an apostrophe: a closing mark of the
# same kind inside the quoted words means the span was cut wrongly.
UNAMBIGUOUS = {"\u201c", '"', "\u00ab", "\u201e", "\u2039"}
# characters that are always quotation marks when they occur outside an
# annotated span (the straight single quote is handled separately, and the
# right single mark ’ is the apostrophe).
ALWAYS_MARKS = set("\u201c\u201d\u2018\u00ab\u00bb\u201e\u201a\u2039\u203a\"")

STYLES = ["wire", "tabloid", "broadcast", "interview", "court", "sports",
          "local", "business", "politics", "science"]
SPLITS = ["dev", "test"]
KINDS = ["direct", "partial", "scare", "title", "nickname"]
UNATTRIBUTED_KINDS = {"scare", "title", "nickname"}

FEATURES = {
    "told_colon": "X told Y: “…”",
    "said_colon": "X said: “…”",
    "verb_colon": "X responds/confirms/added/insisted: “…”",
    "quote_then_said": "“…,” X said / “…,” she said",
    "said_x_apposition": "“…,” said X, a spokesman for Z",
    "told_reporters": "“…,” she told reporters",
    "interrupted": "“…,” he said, “…” (two segments)",
    "according_to_plain": "According to X, … (no marks: nothing annotated)",
    "according_to_partial": "According to X, the plan was “a disaster”",
    "said_that_partial": "X said/warned that … “partial quote”",
    "headline_partial": "headline “Plan is ‘a disaster’ says mayor”",
    "participle_cue": "X was defiant, telling her: “…”",
    "multi_paragraph": "quote left open at paragraph end, re-opened next paragraph",
    "unattributed_continuation": "paragraph opening with an unattributed quote by the previous speaker",
    "pronoun_speaker": "he said / she added",
    "role_noun_speaker": "the minister said / the 45-year-old told the court",
    "unnamed_source": "a resident said / one official told",
    "organisation_speaker": "a company/body speaks in a statement",
    "conversation": "two-person alternating turns without cues",
    "transcript": "speaker-labelled lines (SMITH: …, ANCHOR: …), no marks",
    "qa_interview": "Q:/A: or interviewer-name Q&A",
    "quotes_in_transcript": "quoted speech inside transcript / Q&A lines",
    "nested_quotes": "‘…’ inside “…” or “…” inside ‘…’",
    "apostrophes": "don’t, the ’90s, James', rock 'n' roll, o’clock …",
    "scare_quotes": "the so-called ‘reform’",
    "nickname": "‘The Butcher’",
    "work_title": "the film ‘Dark Harbour’, the book \"A Quiet Year\"",
    "shared_surname": "two speakers with the same surname",
    "name_variants": "Volodin / Volodyn, Al-Rashid / al Rashid",
    "reference_variety": "full name, title+surname, surname, description",
}
# quotation-mark styles detected automatically from the text
MARK_FEATURES = {
    "curly_double": "\u201c",
    "curly_single": "\u2018",
    "straight_double": '"',
    "straight_single": None,  # detected from annotated spans
    "guillemets": "\u00ab",
    "low9": "\u201e",
}
REQUIRED_MARKS_BOTH_SPLITS = ["curly_double", "curly_single", "straight_double", "straight_single"]

QUOTE_KEYS = {"text", "occurrence", "speaker", "addressee", "kind", "cue", "optional"}
DOC_KEYS = {"id", "style", "split", "features", "entities", "quotes", "notes"}

# straight-apostrophe words that start with ' (not quotation openers)
APOSTROPHE_START = re.compile(
    r"'(n'|em\b|til\b|cause\b|bout\b|tis\b|twas\b|round\b|\d\ds\b|\d\d\b)", re.I)
OPENER_LEFT = set(" \n([{\u2014\u2013-/\u201c\"\u2018")

MIN_WORDS, MAX_WORDS = 150, 450

# ---------------------------------------------------------------------------
# Evidence checks: a feature declared in a .yml must be visible in the text or
# the annotations, so that the coverage table in README.md can be trusted.
OPENERS = "\u201c\u2018\"'\u00ab\u201e"
CLOSERS = "\u201d\u2019\"'\u00bb\u201c"
O, C = f"[{OPENERS}]", f"[{CLOSERS}]"
SPEECH = r"(said|says|told|tells|added|adds|admitted|insisted|insists|asked|replied|warned|wrote|confirmed|responded|responds|cautioned|shouted)"
ORG = re.compile(r"\b(council|ministry|agency|authority|government|alliance|trust|organisers|company|lines|mining|foods|energy|therapeutics|institute)\b", re.I)
LABEL = re.compile(r"^(Q|A|[A-Z][A-Z .,'\u2019()-]{1,60}):", re.M)


def _lines_with_quotes(text, quotes):
    return {text.count("\n", 0, q["start"]) for q in quotes}


def _whole_line_quotes(text, quotes):
    """quotes that make up a whole paragraph, in order"""
    out = []
    for q in quotes:
        ls = text.rfind("\n", 0, q["start"]) + 1
        le = text.find("\n", q["end"])
        le = len(text) if le == -1 else le
        if ls == q["start"] and le == q["end"]:
            out.append(q)
    return out


def _ev_conversation(text, quotes, ents):
    whole = _whole_line_quotes(text, quotes)
    for a, b, c in zip(whole, whole[1:], whole[2:]):
        if a["speaker"] == c["speaker"] != b["speaker"] and b["speaker"]:
            return True
    return False


def _ev_unattributed(text, quotes, ents):
    prev = None
    for q in quotes:
        ls = text.rfind("\n", 0, q["start"]) + 1
        le = text.find("\n", q["end"])
        le = len(text) if le == -1 else le
        whole = ls == q["start"] and le == q["end"] and text[q["end"] - 1] in CLOSERS
        if whole and prev is not None and prev["speaker"] == q["speaker"] and q["speaker"]:
            prev_open = text[prev["end"] - 1] not in CLOSERS
            if not prev_open:
                return True
        prev = q
    return False


def _ev_nested(text, quotes, ents):
    for q in quotes:
        inner = text[q["start"] + 1:q["end"] - 1]
        for i, ch in enumerate(inner):
            if ch in "\u201c\u2018\u201a\u00ab" or ch == '"' and text[q["start"]] != '"':
                return True
            if ch == "'" and text[q["start"]] != "'" and is_straight_single_opener(inner, i):
                return True
    return False


def _ev_shared_surname(text, quotes, ents):
    last = collections.defaultdict(set)
    for k in ents:
        for f in ents.get(k, []):
            last[f.split()[-1].lower()].add(k)
    return any(len(v) > 1 for v in last.values())


def _ev_unnamed(text, quotes, ents):
    spk = {q["speaker"] for q in quotes if q["speaker"]}
    return any(re.match(r"(a|an|one|another)\b", f, re.I) for k in spk for f in ents.get(k, []))


def _ev_variety(text, quotes, ents):
    spk = {q["speaker"] for q in quotes if q["speaker"]}
    return any(len(ents.get(k, [])) >= 3 for k in spk)


def _rx(pattern, flags=0):
    rx = re.compile(pattern, flags)
    return lambda text, quotes, ents: bool(rx.search(text))


FEATURE_EVIDENCE = {
    "told_colon": _rx(rf"\b(told|tells)\b[^\n.:]{{0,60}}:\s*{O}"),
    "said_colon": _rx(rf"\b(said|says)\b[^\n.:{OPENERS}]{{0,40}}:\s*{O}"),
    "verb_colon": _rx(rf"\b(respond(s|ed)?|confirm(s|ed)?|add(s|ed)|insist(s|ed)|replied|cautioned|asked|warned):\s*{O}"),
    "quote_then_said": _rx(rf"[,?!]{C} [^.\n{OPENERS}]{{0,50}}\b{SPEECH}\b"),
    "said_x_apposition": _rx(rf"[,?!]{C} (said|says) [A-Z][^,\n]{{2,60}}, [a-z]"),
    "told_reporters": _rx(rf"{C} [^.\n]{{0,40}}\btold reporters\b"),
    "interrupted": _rx(rf",{C} [^.\n{OPENERS}]{{1,60}}, {O}"),
    "according_to_plain": lambda t, q, e: any(
        "according to" in line.lower() and i not in _lines_with_quotes(t, q)
        for i, line in enumerate(t.split("\n"))),
    "according_to_partial": lambda t, q, e: any(x["kind"] == "partial" and x.get("cue") == "according to" for x in q),
    "said_that_partial": lambda t, q, e: any(x["kind"] == "partial" and t.count("\n", 0, x["start"]) > 0 for x in q),
    "headline_partial": lambda t, q, e: any(x["speaker"] and "\n" not in t[:x["start"]] for x in q),
    "participle_cue": _rx(rf"\b(telling|saying)\b[^\n.]{{0,60}}[:,]?\s*{O}"),
    "multi_paragraph": lambda t, q, e: any(t[x["end"] - 1] not in CLOSERS for x in q),
    "unattributed_continuation": _ev_unattributed,
    "pronoun_speaker": _rx(rf"{C} (he|she) {SPEECH}\b|\b(he|she) {SPEECH}[:,] {O}", re.I),
    "role_noun_speaker": _rx(rf"\b(the|The) [a-zA-Z0-9-]+( [a-zA-Z0-9-]+)? {SPEECH}\b"),
    "unnamed_source": _ev_unnamed,
    "organisation_speaker": lambda t, q, e: bool(re.search(r"\bstatement\b", t)) or any(
        ORG.search(f) for x in q if x["speaker"] for f in e.get(x["speaker"], [])),
    "conversation": _ev_conversation,
    "transcript": lambda t, q, e: len(LABEL.findall(t)) >= 3,
    "qa_interview": lambda t, q, e: len(LABEL.findall(t)) >= 3,
    "quotes_in_transcript": lambda t, q, e: any(
        LABEL.match(t, t.rfind("\n", 0, x["start"]) + 1) for x in q),
    "nested_quotes": _ev_nested,
    "apostrophes": _rx(r"o[\u2019']clock|[\u2019']\d0s|'n'|[\u2019'](?=\w)|s[\u2019'] "),
    "scare_quotes": lambda t, q, e: any(x["kind"] == "scare" for x in q),
    "nickname": lambda t, q, e: any(x["kind"] == "nickname" for x in q),
    "work_title": lambda t, q, e: any(x["kind"] == "title" for x in q),
    "shared_surname": _ev_shared_surname,
    "name_variants": lambda t, q, e: any(len(v) >= 3 for v in e.values()),
    "reference_variety": _ev_variety,
}


class Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, msg: str) -> None:
        self.items.append(f"{where}: {msg}")


def line_no(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def context(text: str, pos: int, width: int = 30) -> str:
    a, b = max(0, pos - width), min(len(text), pos + width)
    return repr(text[a:b])


def is_straight_single_opener(text: str, i: int) -> bool:
    if text[i] != "'":
        return False
    if i + 1 >= len(text) or text[i + 1].isspace():
        return False
    if i > 0 and text[i - 1] not in OPENER_LEFT:
        return False
    if APOSTROPHE_START.match(text, i):
        return False
    return True


def find_all(text: str, needle: str) -> list[int]:
    out, pos = [], text.find(needle)
    while pos != -1:
        out.append(pos)
        pos = text.find(needle, pos + 1)
    return out


def next_paragraph_start(text: str, pos: int) -> int | None:
    """Index of the first character of the next non-blank line after pos."""
    nl = text.find("\n", pos)
    while nl != -1:
        start = nl + 1
        end = text.find("\n", start)
        line = text[start:] if end == -1 else text[start:end]
        if line.strip():
            return start
        nl = end
    return None


def load_doc(stem: str, probs: Problems) -> dict | None:
    txt_path, yml_path = SRC / f"{stem}.txt", SRC / f"{stem}.yml"
    where = f"src/{stem}"
    if not txt_path.exists():
        probs.add(where, "missing .txt")
        return None
    if not yml_path.exists():
        probs.add(where, "missing .yml")
        return None
    raw = txt_path.read_text(encoding="utf-8")
    text = raw.rstrip("\n")
    try:
        meta = yaml.safe_load(yml_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        probs.add(where, f"YAML error: {exc}")
        return None
    if not isinstance(meta, dict):
        probs.add(where, "yml is not a mapping")
        return None
    return check_doc(stem, text, meta, probs)


def check_doc(stem: str, text: str, meta: dict, probs: Problems) -> dict | None:
    where = f"src/{stem}"
    n_before = len(probs.items)

    # ---- document-level checks
    for k in meta:
        if k not in DOC_KEYS:
            probs.add(where, f"unknown key {k!r}")
    if meta.get("id") != stem:
        probs.add(where, f"id {meta.get('id')!r} does not match file name")
    style = meta.get("style")
    if style not in STYLES:
        probs.add(where, f"style {style!r} not one of {STYLES}")
    split = meta.get("split")
    if split not in SPLITS:
        probs.add(where, f"split {split!r} not one of {SPLITS}")
    features = meta.get("features") or []
    for f in features:
        if f not in FEATURES:
            probs.add(where, f"unknown feature {f!r}")
    if "\r" in text or "\t" in text:
        probs.add(where, "text contains \\r or \\t")
    for n, line in enumerate(text.split("\n"), 1):
        if line != line.rstrip():
            probs.add(where, f"line {n} has trailing whitespace")
    words = len(text.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        probs.add(where, f"{words} words, expected {MIN_WORDS}-{MAX_WORDS}")

    entities = meta.get("entities") or {}
    if not isinstance(entities, dict):
        probs.add(where, "entities must be a mapping key -> [surface forms]")
        entities = {}
    low_text = text.lower()
    for key, forms in entities.items():
        if not isinstance(key, str) or not isinstance(forms, list) or not forms:
            probs.add(where, f"entity {key!r}: needs a non-empty list of surface forms")
            continue
        if not any(isinstance(f, str) and key.lower() in f.lower() for f in forms):
            probs.add(where, f"entity key {key!r} does not occur in any of its surface forms {forms}")
        for f in forms:
            if not isinstance(f, str) or f.lower() not in low_text:
                probs.add(where, f"entity {key!r}: surface form {f!r} not found in text")

    # ---- quotes
    out_quotes = []
    seen_index = set()
    for qi, q in enumerate(meta.get("quotes") or [], 1):
        qw = f"{where} quote #{qi}"
        if not isinstance(q, dict):
            probs.add(qw, "not a mapping")
            continue
        for k in q:
            if k not in QUOTE_KEYS:
                probs.add(qw, f"unknown key {k!r}")
        qt = q.get("text")
        if not isinstance(qt, str) or not qt.strip():
            probs.add(qw, "missing/empty text")
            continue
        qw = f"{qw} {qt[:40]!r}"
        if "\n" in qt:
            probs.add(qw, "text contains a line break (a quote never crosses a paragraph)")
            continue
        hits = find_all(text, qt)
        occ = q.get("occurrence")
        if not hits:
            probs.add(qw, "words not found in the article")
            continue
        if occ is None:
            if len(hits) > 1:
                probs.add(qw, f"found {len(hits)} times; add 'occurrence: N'")
                continue
            occ = 1
        if not isinstance(occ, int) or occ < 1:
            probs.add(qw, f"bad occurrence {occ!r}")
            continue
        if occ > len(hits):
            probs.add(qw, f"occurrence {occ} but found only {len(hits)} times")
            continue
        idx = hits[occ - 1]
        if (idx, qt) in seen_index:
            probs.add(qw, "annotated twice")
            continue
        seen_index.add((idx, qt))
        start = idx - 1
        if start < 0 or text[start] not in PAIRS:
            probs.add(qw, f"not preceded by an opening quotation mark (line {line_no(text, idx)}: {context(text, idx)})")
            continue
        opener = text[start]
        after = idx + len(qt)
        line_end = text.find("\n", idx)
        if line_end == -1:
            line_end = len(text)
        if after < len(text) and text[after] in PAIRS[opener]:
            end, is_open = after + 1, False
        elif after == line_end:
            end, is_open = after, True
        else:
            probs.add(qw, f"not followed by a closing mark {PAIRS[opener]} or the paragraph end "
                          f"(line {line_no(text, idx)}: {context(text, after)})")
            continue
        if opener in UNAMBIGUOUS and any(c in qt for c in PAIRS[opener]):
            probs.add(qw, "a closing mark of the same kind occurs inside the words: the span is cut wrongly")
        kind = q.get("kind")
        if kind not in KINDS:
            probs.add(qw, f"kind {kind!r} not one of {KINDS}")
        speaker = q.get("speaker")
        if kind in UNATTRIBUTED_KINDS and speaker is not None:
            probs.add(qw, f"kind {kind} must have speaker null")
        if kind in ("direct", "partial") and speaker is None:
            probs.add(qw, f"kind {kind} needs a speaker")
        if speaker is not None and speaker not in entities:
            probs.add(qw, f"speaker {speaker!r} not in entities")
        addressee = q.get("addressee")
        if addressee is not None and addressee not in entities and addressee.lower() not in low_text:
            probs.add(qw, f"addressee {addressee!r} is neither an entity key nor in the text")
        cue = q.get("cue")
        if cue is not None and cue.lower() not in low_text:
            probs.add(qw, f"cue {cue!r} not in the text")
        optional = q.get("optional", False)
        if not isinstance(optional, bool):
            probs.add(qw, "optional must be true/false")
        rec = {"start": start, "end": end, "text": qt, "speaker": speaker}
        if addressee is not None:
            rec["addressee"] = addressee
        rec["kind"] = kind
        if cue is not None:
            rec["cue"] = cue
        if optional:
            rec["optional"] = True
        rec["_open"] = is_open
        rec["_opener"] = opener
        out_quotes.append(rec)

    out_quotes.sort(key=lambda r: r["start"])
    # overlaps
    for a, b in zip(out_quotes, out_quotes[1:]):
        if b["start"] < a["end"]:
            probs.add(where, f"quotes overlap: {a['text'][:30]!r} and {b['text'][:30]!r} "
                             f"(line {line_no(text, b['start'])})")
    # open segments must be continued by a quote starting the next paragraph
    by_start = {r["start"]: r for r in out_quotes}
    for r in out_quotes:
        if not r["_open"]:
            continue
        nxt = next_paragraph_start(text, r["end"])
        cont = by_start.get(nxt) if nxt is not None else None
        if cont is None:
            probs.add(where, f"open quote {r['text'][:30]!r} (line {line_no(text, r['start'])}) is not "
                             "continued by an annotated quote opening the next paragraph")
        elif cont["speaker"] != r["speaker"]:
            probs.add(where, f"continuation of {r['text'][:30]!r} has speaker {cont['speaker']!r}, "
                             f"expected {r['speaker']!r}")
    # every quotation mark outside an annotated span is an error
    covered = bytearray(len(text))
    for r in out_quotes:
        covered[r["start"]:r["end"]] = b"\x01" * (r["end"] - r["start"])
    for i, ch in enumerate(text):
        if covered[i]:
            continue
        if ch in ALWAYS_MARKS or (ch == "'" and is_straight_single_opener(text, i)):
            probs.add(where, f"un-annotated quotation mark {ch!r} at line {line_no(text, i)}: {context(text, i)}")

    for f in features:
        ev = FEATURE_EVIDENCE.get(f)
        if ev is not None and not ev(text, out_quotes, entities):
            probs.add(where, f"feature {f!r} declared but no evidence found in text/annotations")

    if len(probs.items) > n_before:
        return None
    marks = set()
    for r in out_quotes:
        op = r.pop("_opener")
        r.pop("_open")
        for name, ch in MARK_FEATURES.items():
            if ch == op or (ch is None and op == "'"):
                marks.add(name)
    return {
        "id": stem,
        "style": style,
        "split": split,
        "features": list(features),
        "marks": sorted(marks),
        "words": words,
        "text": text,
        "entities": entities,
        "quotes": out_quotes,
    }


def coverage_checks(docs: list[dict], probs: Problems) -> None:
    for split in SPLITS:
        sd = [d for d in docs if d["split"] == split]
        styles = {d["style"] for d in sd}
        feats = {f for d in sd for f in d["features"]}
        marks = {m for d in sd for m in d["marks"]}
        for s in STYLES:
            if s not in styles:
                probs.add(f"split {split}", f"no article of style {s!r}")
        for f in FEATURES:
            if f not in feats:
                probs.add(f"split {split}", f"no article with feature {f!r}")
        for m in REQUIRED_MARKS_BOTH_SPLITS:
            if m not in marks:
                probs.add(f"split {split}", f"no article using {m} quotes")


def readme_table(docs: list[dict]) -> str:
    lines = ["| id | split | style | words | segments | marks | features |",
             "| --- | --- | --- | ---: | ---: | --- | --- |"]
    for d in docs:
        lines.append(f"| {d['id']} | {d['split']} | {d['style']} | {d['words']} | {len(d['quotes'])} | "
                     f"{', '.join(d['marks'])} | {', '.join(d['features'])} |")
    lines += ["", "Feature counts (articles):", "",
              "| feature | meaning | dev | test |", "| --- | --- | ---: | ---: |"]
    for f, desc in FEATURES.items():
        c = collections.Counter(d["split"] for d in docs if f in d["features"])
        lines.append(f"| {f} | {desc} | {c['dev']} | {c['test']} |")
    for m in MARK_FEATURES:
        c = collections.Counter(d["split"] for d in docs if m in d["marks"])
        lines.append(f"| {m} | quotation marks used (detected) | {c['dev']} | {c['test']} |")
    lines += ["", "| style | dev | test |", "| --- | ---: | ---: |"]
    for s in STYLES:
        c = collections.Counter(d["split"] for d in docs if d["style"] == s)
        lines.append(f"| {s} | {c['dev']} | {c['test']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only check, write nothing")
    ap.add_argument("--readme", action="store_true", help="refresh the coverage table in README.md")
    args = ap.parse_args(argv)

    probs = Problems()
    stems = sorted({p.stem for p in SRC.glob("*.txt")} | {p.stem for p in SRC.glob("*.yml")})
    if not stems:
        print("no sources found in", SRC, file=sys.stderr)
        return 1
    docs = []
    for stem in stems:
        if not re.fullmatch(r"\d{3}_[a-z0-9_]+", stem):
            probs.add(f"src/{stem}", "file name must look like NNN_slug")
        d = load_doc(stem, probs)
        if d is not None:
            docs.append(d)
    if not probs.items:
        coverage_checks(docs, probs)
    if probs.items:
        for p in probs.items:
            print("ERROR", p, file=sys.stderr)
        print(f"{len(probs.items)} problem(s); nothing written", file=sys.stderr)
        return 1

    print(f"{'split':6} {'docs':>5} {'words':>6} {'segments':>9} {'open':>5} {'speakers':>9} "
          f"{'direct':>7} {'partial':>8} {'scare':>6} {'title':>6} {'nick':>5} {'optional':>9}")
    for split in SPLITS:
        sd = [d for d in docs if d["split"] == split]
        qs = [q for d in sd for q in d["quotes"]]
        kinds = collections.Counter(q["kind"] for q in qs)
        speakers = sum(len({q["speaker"] for q in d["quotes"] if q["speaker"]}) for d in sd)
        n_open = sum(1 for d in sd for q in d["quotes"]
                     if d["text"][q["end"] - 1] not in "\u201d\u2019\"'\u00bb\u201c\u2018\u203a")
        print(f"{split:6} {len(sd):5d} {sum(d['words'] for d in sd):6d} {len(qs):9d} {n_open:5d} {speakers:9d} "
              f"{kinds['direct']:7d} {kinds['partial']:8d} {kinds['scare']:6d} {kinds['title']:6d} "
              f"{kinds['nickname']:5d} {sum(1 for q in qs if q.get('optional')):9d}")
    print("(speakers = distinct speaker keys per document, summed)")

    if not args.check:
        for split in SPLITS:
            path = HERE / f"{split}.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for d in docs:
                    if d["split"] != split:
                        continue
                    rec = {k: d[k] for k in ("id", "style", "text", "entities", "quotes")}
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            print("wrote", path.relative_to(HERE.parent.parent))
    if args.readme:
        start, end = "<!-- coverage:start -->", "<!-- coverage:end -->"
        body = README.read_text(encoding="utf-8")
        if start not in body or end not in body:
            print("README.md lacks the coverage markers", file=sys.stderr)
            return 1
        pre, rest = body.split(start, 1)
        _, post = rest.split(end, 1)
        README.write_text(pre + start + "\n" + readme_table(docs) + "\n" + end + post, encoding="utf-8")
        print("updated README.md coverage table")
    return 0


if __name__ == "__main__":
    sys.exit(main())
