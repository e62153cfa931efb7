"""Scoring quote and speaker attribution against gold, segment by segment.

The headline counts reproduce /work/shared/tools/score.py exactly (the project's reference
scorer), so a figure printed here and one printed there can be compared directly:

* a predicted quote matches a gold segment when their spans overlap by at least half of the
  gold span (each gold segment takes the prediction it overlaps most);
* a speaker is right when the gold key is contained, case-insensitively, in the predicted
  entity's name or an alias, or an alias of 3+ characters is contained in the key;
* optional gold segments are neither required nor, when matched, counted as extra; they still
  count against attribution precision when given a wrong speaker (or any speaker for a null).

Predictions are dicts in `Result.to_dict()` form: {"id"?, "quotes": [...], "speakers": [...]}.
"""
from __future__ import annotations

import collections
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .errors import GoldFileError

QUOTE_KEYS = ("start", "end", "text", "speaker")
_EMPTY: dict[str, Any] = {"quotes": [], "speakers": []}
_GOOD = {"right", "null_ok", "optional_ok"}  # verdicts that leave the speaker judged correct


# ---------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int  # exclusive; marks included, as in Quote
    text: str
    speaker: str | None  # an entity key, or None: no speaker may be given
    addressee: str | None = None
    kind: str = "direct"
    optional: bool = False
    cue: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None and v is not False or k == "speaker"}


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    quotes: tuple[GoldQuote, ...]
    entities: dict[str, list[str]] = field(default_factory=dict)
    source: str = ""  # "file:line" (or "file") the doc was read from, for messages

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "quotes": [q.to_dict() for q in self.quotes],
                "entities": self.entities}


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Gold docs from a JSONL file (one doc a line) or a JSON file (one doc or a list of docs)."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise GoldFileError(f"{path}: cannot read gold file: {err}") from err
    records = list(_jsonl_records(path, raw) if path.suffix in (".jsonl", ".ndjson") else _json_records(path, raw))
    docs = [_gold_doc(path, line, rec) for line, rec in records]
    _check_unique_ids(path, docs)
    return docs


def _jsonl_records(path: Path, raw: str) -> Iterator[tuple[int | None, Any]]:
    for n, line in enumerate(raw.splitlines(), 1):
        if line.strip():
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as err:
                raise GoldFileError(f"{path}:{n}: not valid JSON: {err.msg} (column {err.colno})") from err


def _json_records(path: Path, raw: str) -> Iterator[tuple[int | None, Any]]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":  # several docs one a line in a .json file: read it as JSONL
            yield from _jsonl_records(path, raw)
            return
        raise GoldFileError(f"{path}:{err.lineno}: not valid JSON: {err.msg} (column {err.colno})") from err
    yield from ((None, d) for d in (data if isinstance(data, list) else [data]))


def _gold_doc(path: Path, line: int | None, rec: Any) -> GoldDoc:
    where = f"{path}:{line}" if line is not None else str(path)

    def fail(msg: str) -> GoldFileError:
        return GoldFileError(f"{where}: {msg}")

    if not isinstance(rec, dict):
        raise fail(f"a gold doc must be a JSON object, not {type(rec).__name__}")
    missing = [k for k in ("id", "quotes") if k not in rec]
    missing += [] if "text" in rec or "file" in rec else ["text (or file)"]
    if missing:
        raise fail(f"doc {rec.get('id', '?')!r} lacks {', '.join(missing)}")
    if not isinstance(rec["quotes"], list):
        raise fail(f"doc {rec['id']!r}: quotes must be a list")
    text = rec["text"] if "text" in rec else _read_doc_file(path, rec["file"], fail)
    if not isinstance(text, str):
        raise fail(f"doc {rec['id']!r}: text must be a string")
    quotes = tuple(_gold_quote(q, i, text, lambda m: fail(f"doc {rec['id']!r} quote {i + 1}: {m}"))
                   for i, q in enumerate(rec["quotes"]))
    return GoldDoc(str(rec["id"]), text, quotes, _entities(rec.get("entities"), fail), where)


def _read_doc_file(path: Path, name: Any, fail: Callable[[str], GoldFileError]) -> str:
    """The seed gold names its text "seeds/x.txt" relative to the repo holding gold/, hence the
    grandparent as a last resort."""
    if not isinstance(name, str):
        raise fail("file must be a string")
    tried = [path.parent / name, Path.cwd() / name, path.parent.parent / name]
    for candidate in tried:
        if candidate.is_file():
            try:
                return candidate.read_bytes().decode("utf-8")  # no newline translation: offsets count \r
            except (OSError, UnicodeDecodeError) as err:
                raise fail(f"cannot read {candidate}: {err}") from err
    raise fail(f"text file {name!r} not found (tried {', '.join(str(t) for t in tried)})")


def _gold_quote(q: Any, i: int, text: str, fail: Callable[[str], GoldFileError]) -> GoldQuote:
    if not isinstance(q, dict):
        raise fail("must be a JSON object")
    missing = [k for k in QUOTE_KEYS if k not in q]
    if missing:
        raise fail(f"lacks {', '.join(missing)}")
    start, end = q["start"], q["end"]
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        raise fail(f"start and end must be integers, got {start!r}, {end!r}")
    if not 0 <= start < end <= len(text):
        raise fail(f"offsets {start}-{end} out of range for a text of {len(text)} characters")
    if not isinstance(q["text"], str) or q["text"] not in text[start:end]:
        raise fail(f"text {str(q['text'])[:40]!r} is not inside text[{start}:{end}] = {text[start:end][:60]!r}")
    for key in ("speaker", "addressee"):
        if q.get(key) is not None and not isinstance(q[key], str):
            raise fail(f"{key} must be a string or null")
    return GoldQuote(start, end, q["text"], q["speaker"], q.get("addressee"), q.get("kind") or "direct",
                     bool(q.get("optional", False)), q.get("cue"))


def _entities(raw: Any, fail: Callable[[str], GoldFileError]) -> dict[str, list[str]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        raise fail("entities must map each key to a list of surface forms")
    return {str(k): [str(s) for s in v] for k, v in raw.items()}


def _check_unique_ids(path: Path, docs: list[GoldDoc]) -> None:
    """Predictions are matched to gold by id, so two docs with one id would silently swap."""
    seen: dict[str, str] = {}
    for d in docs:
        if d.id in seen:
            raise GoldFileError(f"{d.source}: doc id {d.id!r} already used at {seen[d.id]}")
        seen[d.id] = d.source


# ---------------------------------------------------------------- report


@dataclass(frozen=True)
class Miss:
    """One thing the system got wrong, for reading: where, the quoted words, wanted vs got."""

    doc: str
    start: int
    end: int
    quote: str
    problem: str  # not found | extra | wrong speaker | no speaker | null given speaker | addressee
    want: str
    got: str
    context: str


@dataclass
class RuleFigures:
    quotes: int = 0  # predictions decided by this rule
    matched: int = 0  # ... that matched a gold segment
    speaker_right: int = 0  # ... whose speaker was judged right on every segment they matched


@dataclass
class KindFigures:
    gold: int = 0  # gold segments of this kind, optional ones included
    optional: int = 0
    found: int = 0
    speaker_right: int = 0


@dataclass
class Report:
    docs: int
    counts: collections.Counter
    merged: tuple[int, int]  # (keys whose right attributions all went to one entity, keys attributed)
    by_rule: dict[str, RuleFigures]
    by_kind: dict[str, KindFigures]
    misses: list[Miss]

    def _prf(self, right: int, predicted: int, wanted: int) -> tuple[float, float, float]:
        p, r = right / max(1, predicted), right / max(1, wanted)
        return p, r, 2 * p * r / max(1e-9, p + r)

    def summary(self) -> dict[str, Any]:
        """The same keys and values as score.py's figures."""
        c = self.counts
        qp, qr, qf = self._prf(c["found"], c["found"] + c["extra"], c["gold"])
        ap, ar, af = self._prf(c["attr_right"], c["attr_right"] + c["attr_wrong"] + c["extra_attr"]
                               + c["null_given_speaker"], c["gold_attr"])
        return dict(docs=self.docs, gold=c["gold"], found=c["found"], extra=c["extra"],
                    quote_P=round(qp, 3), quote_R=round(qr, 3), quote_F1=round(qf, 3),
                    attr_right=c["attr_right"], gold_attr=c["gold_attr"], attr_wrong=c["attr_wrong"],
                    extra_attr=c["extra_attr"], null_given_speaker=c["null_given_speaker"],
                    attr_P=round(ap, 3), attr_R=round(ar, 3), attr_F1=round(af, 3),
                    merged_keys=f"{self.merged[0]}/{self.merged[1]}", conflated=c["conflated"],
                    addressee=f"{c['addr_right']}/{c['addr_gold']}")

    @property
    def speaker_accuracy(self) -> float:
        """Right speakers among found segments whose gold speaker is not null."""
        return round(self.counts["attr_right"] / max(1, self.counts["found_attr"]), 3)

    def to_dict(self) -> dict[str, Any]:
        return {**self.summary(), "speaker_accuracy": self.speaker_accuracy,
                "found_attr": self.counts["found_attr"], "null_ok": self.counts["null_ok"],
                "by_rule": {k: asdict(v) for k, v in sorted(self.by_rule.items())},
                "by_kind": {k: asdict(v) for k, v in sorted(self.by_kind.items())},
                "misses": [asdict(m) for m in self.misses]}

    def format_text(self, errors: bool = False) -> str:
        lines = _headline(self) + [""] + _rule_table(self.by_rule) + [""] + _kind_table(self.by_kind)
        if errors:
            lines += ["", f"misses ({len(self.misses)}):"] + [_miss_line(m) for m in self.misses]
        return "\n".join(lines)


def _headline(r: Report) -> list[str]:
    s = r.summary()
    return [f"docs {s['docs']}   gold segments {s['gold']}   found {s['found']}   extra {s['extra']}",
            f"quotes       P {s['quote_P']:.3f}  R {s['quote_R']:.3f}  F1 {s['quote_F1']:.3f}",
            f"attribution  P {s['attr_P']:.3f}  R {s['attr_R']:.3f}  F1 {s['attr_F1']:.3f}   "
            f"(right {s['attr_right']}/{s['gold_attr']}, wrong {s['attr_wrong']}, extra {s['extra_attr']}, "
            f"null given a speaker {s['null_given_speaker']})",
            f"speaker accuracy {r.speaker_accuracy:.3f} (of {r.counts['found_attr']} found)   "
            f"merged keys {s['merged_keys']}   conflated {s['conflated']}   addressee {s['addressee']}"]


def _rule_table(by_rule: dict[str, RuleFigures]) -> list[str]:
    width = max([4] + [len(k) for k in by_rule])
    rows = [f"{'rule':<{width}}  quotes  matched  speaker-right  precision"]
    for rule, f in sorted(by_rule.items(), key=lambda kv: (-kv[1].quotes, kv[0])):
        rows.append(f"{rule:<{width}}  {f.quotes:>6}  {f.matched:>7}  {f.speaker_right:>13}  "
                    f"{f.matched / max(1, f.quotes):>9.3f}")
    return rows


def _kind_table(by_kind: dict[str, KindFigures]) -> list[str]:
    rows = ["kind      gold  optional  found  speaker-right  recall"]
    for kind, f in sorted(by_kind.items(), key=lambda kv: (-kv[1].gold, kv[0])):
        rows.append(f"{kind:<8}  {f.gold:>4}  {f.optional:>8}  {f.found:>5}  {f.speaker_right:>13}  "
                    f"{f.found / max(1, f.gold):>6.3f}")
    return rows


def _miss_line(m: Miss) -> str:
    return f"  {m.doc} {m.start}-{m.end} {m.problem}: want {m.want}, got {m.got}  | {m.context}"


# ---------------------------------------------------------------- scoring


def score(golds: list[GoldDoc], predictions: list[dict[str, Any]]) -> Report:
    """Predictions are matched to gold docs by "id", else by position (as score.py does)."""
    by_id = {p.get("id"): p for p in predictions}
    tally = _Tally()
    for i, gold in enumerate(golds):
        pred = by_id.get(gold.id) or (predictions[i] if i < len(predictions) else _EMPTY)
        _DocScorer(gold, pred, tally).run()
    return tally.report(len(golds))


class _Tally:
    def __init__(self) -> None:
        self.counts: collections.Counter = collections.Counter()
        self.merge_ok = self.merge_all = 0
        self.by_rule: dict[str, RuleFigures] = collections.defaultdict(RuleFigures)
        self.by_kind: dict[str, KindFigures] = collections.defaultdict(KindFigures)
        self.misses: list[Miss] = []

    def report(self, docs: int) -> Report:
        return Report(docs, self.counts, (self.merge_ok, self.merge_all), dict(self.by_rule),
                      dict(self.by_kind), self.misses)


class _DocScorer:
    """One gold doc against its prediction, adding to the tally."""

    def __init__(self, gold: GoldDoc, pred: dict[str, Any], tally: _Tally):
        self.gold, self.tally, self.c = gold, tally, tally.counts
        self.ents = {e["id"]: e for e in pred.get("speakers") or []}
        self.pq = pred.get("quotes") or []
        self.used: set[int] = set()
        self.key_ids: dict[str, set] = collections.defaultdict(set)
        self.verdicts: dict[int, list[str]] = collections.defaultdict(list)  # prediction -> its verdicts

    def run(self) -> None:
        first_miss = len(self.tally.misses)
        for s in self.gold.quotes:
            best = _best_match(s, self.pq)
            if best is not None:
                self.used.add(best)
            verdict = self.judge(s, best)
            self.count(s, best, verdict)
        self.count_predictions()
        self.count_merges()
        self.tally.misses[first_miss:] = sorted(self.tally.misses[first_miss:], key=lambda m: (m.start, m.end))

    def judge(self, s: GoldQuote, best: int | None) -> str:
        if best is None:
            return "optional_missed" if s.optional else "not_found"
        sid = self.pq[best].get("speaker")
        if s.optional:  # score.py tests the id here, not the entity it names
            if s.speaker is None:
                return "optional_null_given" if sid is not None else "optional_ok"
            return "optional_wrong" if sid is not None and not _right(s.speaker, self.ents.get(sid)) else "optional_ok"
        ent = self.ents.get(sid) if sid is not None else None
        if s.speaker is None:
            return "null_ok" if ent is None else "null_given"
        return "no_speaker" if ent is None else ("right" if _right(s.speaker, ent) else "wrong")

    def count(self, s: GoldQuote, best: int | None, verdict: str) -> None:
        c, kind = self.c, self.tally.by_kind[s.kind]
        kind.gold += 1
        kind.optional += s.optional
        if best is not None:
            kind.found += 1
            kind.speaker_right += verdict in _GOOD
            self.verdicts[best].append(verdict)
        if not s.optional:
            c["gold"] += 1
            c["found"] += best is not None
        if verdict == "not_found":
            c["gold_attr"] += s.speaker is not None
            self.miss(s.start, s.end, "not found", s.speaker or "a quote (no speaker)", "nothing")
        elif verdict in ("null_given", "optional_null_given"):
            c["null_given_speaker"] += 1
            self.miss(s.start, s.end, "null given speaker", "no speaker", self.names(best))
        elif verdict == "optional_wrong":
            c["attr_wrong"] += 1
            self.miss(s.start, s.end, "wrong speaker", f"{s.speaker} (optional) or none", self.names(best))
        elif verdict == "null_ok":
            c["null_ok"] += 1
        elif verdict in ("no_speaker", "right", "wrong"):
            self.count_attribution(s, best, verdict)

    def count_attribution(self, s: GoldQuote, best: int, verdict: str) -> None:
        c, q = self.c, self.pq[best]
        c["gold_attr"] += 1
        c["found_attr"] += 1
        if verdict == "right":
            c["attr_right"] += 1
            self.key_ids[s.speaker].add(q["speaker"])
        elif verdict == "wrong":
            c["attr_wrong"] += 1
            self.miss(s.start, s.end, "wrong speaker", s.speaker, self.names(best))
        else:
            self.miss(s.start, s.end, "no speaker", s.speaker, "none")
        if s.addressee:
            self.count_addressee(s, q)

    def count_addressee(self, s: GoldQuote, q: dict[str, Any]) -> None:
        self.c["addr_gold"] += 1
        a = q.get("addressee")
        aent = self.ents.get(a) if isinstance(a, str) else (a if isinstance(a, dict) else None)
        atext = (a if isinstance(a, str) else "") if aent is None else ""
        if (aent is not None and _right(s.addressee, aent)) or (atext and s.addressee.lower() in atext.lower()):
            self.c["addr_right"] += 1
        else:
            got = str(_names(aent)[:2]) if aent is not None else (repr(atext) if atext else "none")
            self.miss(s.start, s.end, "addressee", s.addressee, got)

    def count_predictions(self) -> None:
        for j, q in enumerate(self.pq):
            fig = self.tally.by_rule[q.get("rule") or "-"]
            fig.quotes += 1
            if j in self.used:
                fig.matched += 1
                fig.speaker_right += all(v in _GOOD for v in self.verdicts[j])
                continue
            self.c["extra"] += 1
            self.c["extra_attr"] += q.get("speaker") is not None
            self.miss(q["start"], q["end"], "extra", "no quote", self.names(j) if q.get("speaker") else "no speaker")

    def count_merges(self) -> None:
        for ids in self.key_ids.values():
            self.tally.merge_all += 1
            self.tally.merge_ok += len(ids) == 1
        every = [i for ids in self.key_ids.values() for i in ids]
        self.c["conflated"] += len(every) - len(set(every))

    def names(self, j: int) -> str:
        sid = self.pq[j].get("speaker")
        return str(_names(self.ents.get(sid))[:3]) if sid in self.ents else f"unknown id {sid!r}"

    def miss(self, start: int, end: int, problem: str, want: str, got: str) -> None:
        text = self.gold.text
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        self.tally.misses.append(Miss(self.gold.id, start, end, _clip(text[start:end], 60), problem, want, got,
                                      _context(text, start, end)))


def _best_match(s: GoldQuote, pq: list[dict[str, Any]]) -> int | None:
    """The prediction overlapping s most (first on ties), if it covers half of s."""
    best, bo = None, 0
    for j, q in enumerate(pq):
        o = min(s.end, q["end"]) - max(s.start, q["start"])
        if o > bo:
            best, bo = j, o
    return best if best is not None and bo * 2 >= s.end - s.start else None


def _names(ent: dict[str, Any] | None) -> list[str]:
    if ent is None:
        return []
    out = [ent.get("name") or ""] + list(ent.get("aliases") or [])
    return [n.lower() for n in out if n]


def _right(key: str | None, ent: dict[str, Any] | None) -> bool:
    if key is None:
        return ent is None
    k = key.lower()
    return any(k in n or (len(n) >= 3 and n in k) for n in _names(ent))


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    before = ("…" if start > width else "") + " ".join(text[max(0, start - width):start].split())
    after = " ".join(text[end:end + width].split()) + ("…" if end + width < len(text) else "")
    return f"{before} ⟦{_clip(text[start:end], 60)}⟧ {after}".strip()


# ---------------------------------------------------------------- running systems


def quotes_predictions(extractor, golds: list[GoldDoc],
                       progress: Callable[[int, int], None] | None = None) -> list[dict[str, Any]]:
    """The extractor's Result.to_dict() for every gold doc, in order, tagged with the doc id.
    progress, if given, is called as progress(done, total) after each doc."""
    out = []
    for i, (gold, result) in enumerate(zip(golds, extractor.pipe(g.text for g in golds)), 1):
        out.append({**result.to_dict(), "id": gold.id})
        if progress is not None:
            progress(i, len(golds))
    return out


def evaluate(gold_path: str | Path, extractor, progress: Callable[[int, int], None] | None = None) -> Report:
    golds = load_gold(gold_path)
    return score(golds, quotes_predictions(extractor, golds, progress))


def textacy_predictions(nlp, golds: list[GoldDoc]) -> list[dict[str, Any]]:
    """textacy's direct_quotations as predictions. textacy gives up on a doc with an odd number
    of quote tokens; such a doc gets no quotes and its reason in meta["error"]."""
    from textacy.extract.triples import direct_quotations

    out = []
    for gold, doc in zip(golds, nlp.pipe(g.text for g in golds)):
        try:
            triples = list(direct_quotations(doc))
        except ValueError as err:
            out.append({"id": gold.id, "quotes": [], "speakers": [], "meta": {"error": str(err)}})
            continue
        out.append(_triples_to_dict(gold.id, doc.text, triples))
    return out


def _triples_to_dict(doc_id: str, text: str, triples: Iterable[Any]) -> dict[str, Any]:
    speakers: dict[str, dict[str, Any]] = {}
    quotes = []
    for n, t in enumerate(triples, 1):
        name = "".join(tok.text_with_ws for tok in t.speaker).strip()
        ent = speakers.setdefault(name, {"id": f"T{len(speakers) + 1}", "name": name, "aliases": []})
        start, end = _mark_bounds(t.content)
        quotes.append({"id": f"Q{n}", "start": start, "end": end, "text": text[start + 1:end - 1].strip(),
                       "speaker": ent["id"], "addressee": None,
                       "cue": "".join(tok.text_with_ws for tok in t.cue).strip(),
                       "rule": "textacy", "confidence": None, "kind": "direct"})
    return {"id": doc_id, "quotes": quotes, "speakers": list(speakers.values())}


def _mark_bounds(content) -> tuple[int, int]:
    """Character offsets from the opening mark to just past the closing one: textacy's content
    span starts and ends on quote tokens, which may carry more than the mark itself."""
    first, last = content[0], content[-1]
    lead = next((i for i, ch in enumerate(first.text) if _is_mark(ch)), 0)
    trail = next((i for i in range(len(last.text) - 1, -1, -1) if _is_mark(last.text[i])), len(last.text) - 1)
    return first.idx + lead, last.idx + trail + 1


def _is_mark(ch: str) -> bool:
    return ch in "\"'“”‘’«»„‚‹›`"
