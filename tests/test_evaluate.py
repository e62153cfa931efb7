"""quotes.evaluate: gold loading, scoring that agrees with shared/tools/score.py, textacy baseline.

Real model, real runs: the reference scorer is imported from the shared tree and every figure
it prints is compared with ours on the seed run and on perturbed copies of it."""
from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path

import pytest

import quotes
from quotes.errors import GoldFileError
from quotes.evaluate import (GoldDoc, GoldQuote, Report, evaluate, load_gold, quotes_predictions, score,
                             textacy_predictions)

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORE_PY = SHARED / "tools" / "score.py"
SEED_GOLD = SHARED / "gold" / "000_c6d2c87ce24b5f97.json"
SEED_ID = "000_c6d2c87ce24b5f97"


@pytest.fixture(scope="module")
def ref():
    if not SCORE_PY.exists():
        pytest.skip("shared/tools/score.py not present")
    spec = importlib.util.spec_from_file_location("reference_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_golds() -> list[GoldDoc]:
    if not SEED_GOLD.exists():
        pytest.skip("seed gold not present")
    return load_gold(SEED_GOLD)


@pytest.fixture(scope="module")
def ex() -> quotes.Extractor:
    return quotes.get_extractor()


@pytest.fixture(scope="module")
def seed_pred(ex, seed_golds) -> dict:
    return {**ex(seed_golds[0].text).to_dict(), "id": SEED_ID}


def agree(ref, golds: list[GoldDoc], preds: list[dict]) -> Report:
    """Our figures equal the reference scorer's, key for key, on the gold as the reference reads it."""
    report = score(golds, preds)
    expected, _ = ref.score([g.to_dict() for g in golds], preds)
    assert report.summary() == expected
    return report


def entity_id(pred: dict, name: str) -> str:
    return next(e["id"] for e in pred["speakers"] if e["name"].lower() == name.lower())


def at(pred: dict, start: int) -> dict:
    return next(q for q in pred["quotes"] if q["start"] == start)


# ---------------------------------------------------------------- agreement with score.py


def test_seed_run_agrees_with_reference(ref, seed_golds, seed_pred):
    raw_gold = ref.load(str(SEED_GOLD))  # the reference reading the file itself, "file" and all
    report = score(seed_golds, [seed_pred])
    assert report.summary() == ref.score(raw_gold, [seed_pred])[0]
    assert report.summary()["gold"] == 17  # the seed's 20 segments less its 3 optional ones
    assert 0 < report.speaker_accuracy <= 1
    assert sum(f.quotes for f in report.by_rule.values()) == len(seed_pred["quotes"])
    assert sum(f.gold for f in report.by_kind.values()) == len(seed_golds[0].quotes)


def drop_quote(pred):
    pred["quotes"] = [q for q in pred["quotes"] if q["start"] != 1088]
    return "not found"


def wrong_speaker(pred):
    at(pred, 1141)["speaker"] = entity_id(pred, "Vladimir Putin")
    return "wrong speaker"


def no_speaker(pred):
    at(pred, 717)["speaker"] = None
    return "no speaker"


def extra_quote(pred):
    pred["quotes"].append({**at(pred, 85), "start": 2700, "end": 2720, "rule": "made-up"})
    return "extra"


def null_gold_given_speaker(pred):
    at(pred, 2414)["speaker"] = entity_id(pred, "Vladimir Putin")  # 'Merchant of Death', optional null
    return "null given speaker"


def optional_wrong(pred):
    at(pred, 2490)["speaker"] = entity_id(pred, "soldier")  # 'utterly irrelevant': Minister or none
    return "wrong speaker"


def split_entity(pred):
    """The soldier's later quotes go to a second entity with the same names: a key not merged."""
    soldier = next(e for e in pred["speakers"] if e["name"] == "soldier")
    pred["speakers"].append({**soldier, "id": "S99"})
    for start in (1461, 1524, 1570):
        at(pred, start)["speaker"] = "S99"
    return None


def conflate(pred):
    """One entity whose aliases fit both Putin and Burnett: two keys on one id."""
    putin = next(e for e in pred["speakers"] if e["name"] == "Vladimir Putin")
    putin["aliases"] = [*putin["aliases"], "Erin Burnett"]
    for start in (2076, 2194, 2310):
        at(pred, start)["speaker"] = putin["id"]
    return None


def addressee_text(pred):
    at(pred, 1026)["addressee"] = "his mother back home"  # a phrase, not an entity id
    at(pred, 1375)["addressee"] = "somebody else"
    return "addressee"


def dangling_id(pred):
    at(pred, 1141)["speaker"] = "S404"  # names no entity: no speaker, yet still counted as given
    at(pred, 2572)["speaker"] = "S404"
    return "no speaker"


PERTURBATIONS = [drop_quote, wrong_speaker, no_speaker, extra_quote, null_gold_given_speaker, optional_wrong,
                 split_entity, conflate, addressee_text, dangling_id]


@pytest.mark.parametrize("perturb", PERTURBATIONS, ids=[p.__name__ for p in PERTURBATIONS])
def test_perturbed_predictions_agree_with_reference(ref, seed_golds, seed_pred, perturb):
    pred = copy.deepcopy(seed_pred)
    problem = perturb(pred)
    report = agree(ref, seed_golds, [pred])
    if problem:
        assert problem in {m.problem for m in report.misses}


def test_every_perturbation_at_once_and_positional_matching(ref, seed_golds, seed_pred):
    pred = copy.deepcopy(seed_pred)
    for perturb in PERTURBATIONS:
        perturb(pred)
    del pred["id"]  # matched by position, as the reference does
    report = agree(ref, seed_golds, [pred])
    s = report.summary()
    assert s["conflated"] >= 1 and s["merged_keys"] != "6/6"
    assert report.by_rule["made-up"].quotes == 1 and report.by_rule["made-up"].matched == 0


def test_required_null_speaker_and_empty_prediction(ref, seed_golds):
    text = "The sign read “Keep out” and “We will appeal,” said Dana Whitlock, the mayor."
    gold = GoldDoc("d1", text, (
        GoldQuote(14, 24, "Keep out", None, kind="scare"),
        GoldQuote(29, 46, "We will appeal,", "Whitlock", addressee="voters")))
    named = {"id": "d1", "speakers": [{"id": "S1", "name": "Dana Whitlock", "aliases": []}],
             "quotes": [{"start": 14, "end": 24, "speaker": "S1"}, {"start": 29, "end": 46, "speaker": "S1"}]}
    agree(ref, [gold], [named])
    named["quotes"][0]["speaker"] = None
    assert agree(ref, [gold], [named]).counts["null_ok"] == 1
    empty = agree(ref, [gold, seed_golds[0]], [{"id": "other", "quotes": [], "speakers": []}])
    assert empty.summary()["found"] == 0


# ---------------------------------------------------------------- evaluate, report


def test_evaluate_runs_the_extractor_over_a_jsonl(ex, ref, seed_golds, seed_pred, tmp_path):
    doc = seed_golds[0].to_dict()
    path = tmp_path / "gold.jsonl"
    lines = [json.dumps({**doc, "id": f"{SEED_ID}-{i}"}) for i in range(2)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen = []
    report = evaluate(path, ex, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]
    single = score(seed_golds, [seed_pred]).counts
    assert report.counts["gold"] == 2 * single["gold"] and report.counts["attr_right"] == 2 * single["attr_right"]
    assert report.summary() == ref.score(ref.load(str(path)), quotes_predictions(ex, load_gold(path)))[0]


def test_report_text_and_dict(seed_golds, seed_pred):
    pred = copy.deepcopy(seed_pred)
    drop_quote(pred)
    extra_quote(pred)
    report = score(seed_golds, [pred])
    out = report.to_dict()
    json.dumps(out)
    assert out["quote_R"] < 1 and out["by_rule"]["made-up"]["matched"] == 0
    assert {"direct", "partial"} <= set(out["by_kind"])
    text = report.format_text(errors=True)
    assert "quotes" in text and "rule" in text and "kind" in text and "Leaving? Like running away?" in text
    assert "not found" in text and "extra" in text
    assert "misses" not in report.format_text(errors=False)
    miss = next(m for m in report.misses if m.problem == "not found")
    assert miss.doc == SEED_ID and "mother responds" in miss.context and miss.want == "mother"


# ---------------------------------------------------------------- load_gold


def write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


GOOD = {"id": "a", "text": "She said “yes” twice.",
        "quotes": [{"start": 9, "end": 14, "text": "yes", "speaker": "she"}]}


def test_bad_json_line_names_the_line(tmp_path):
    path = write(tmp_path, "g.jsonl", json.dumps(GOOD) + "\n{\"id\": \"b\", \"text\": \n")
    with pytest.raises(GoldFileError, match=r"g\.jsonl:2: not valid JSON") as err:
        load_gold(path)
    assert "Q005" in str(err.value)


@pytest.mark.parametrize("quote,message", [
    ({"start": 9, "end": 99, "text": "yes", "speaker": None}, "out of range"),
    ({"start": -1, "end": 4, "text": "She", "speaker": None}, "out of range"),
    ({"start": 9, "end": 14, "text": "no", "speaker": None}, "not inside"),
    ({"start": 9, "end": 14, "text": "yes"}, "lacks speaker"),
])
def test_bad_quote_is_named(tmp_path, quote, message):
    path = write(tmp_path, "g.jsonl", json.dumps(GOOD) + "\n\n" + json.dumps({**GOOD, "id": "b", "quotes": [quote]}))
    with pytest.raises(GoldFileError, match=rf"g\.jsonl:3: doc 'b' quote 1: .*{message}"):
        load_gold(path)


def test_missing_doc_keys_and_duplicate_ids(tmp_path):
    with pytest.raises(GoldFileError, match="lacks quotes, text"):
        load_gold(write(tmp_path, "g.jsonl", json.dumps({"id": "x"})))
    with pytest.raises(GoldFileError, match="already used at .*g2.jsonl:1"):
        load_gold(write(tmp_path, "g2.jsonl", json.dumps(GOOD) + "\n" + json.dumps(GOOD)))


def test_json_list_and_file_next_to_the_gold(tmp_path):
    write(tmp_path, "a.txt", GOOD["text"])
    doc = {**GOOD, "id": "f", "file": "a.txt"}
    del doc["text"]
    docs = load_gold(write(tmp_path, "g.json", json.dumps([GOOD, doc])))
    assert [d.id for d in docs] == ["a", "f"] and docs[1].text == GOOD["text"]
    assert docs[0].quotes[0].kind == "direct" and not docs[0].quotes[0].optional
    with pytest.raises(GoldFileError, match="not found"):
        load_gold(write(tmp_path, "h.json", json.dumps({**doc, "file": "nowhere.txt"})))
    one_a_line = load_gold(write(tmp_path, "k.json", json.dumps(GOOD) + "\n" + json.dumps(doc) + "\n"))
    assert [d.source for d in one_a_line] == [f"{tmp_path / 'k.json'}:1", f"{tmp_path / 'k.json'}:2"]


def test_seed_gold_file_resolves_from_any_directory(tmp_path, monkeypatch):
    """The seed gold says file "seeds/x.txt", which lies beside gold/, not inside it."""
    if not SEED_GOLD.exists():
        pytest.skip("seed gold not present")
    monkeypatch.chdir(tmp_path)
    [doc] = load_gold(SEED_GOLD)
    assert doc.id == SEED_ID and len(doc.quotes) == 20
    assert doc.text[doc.quotes[2].start:doc.quotes[2].end] == "“Leaving, leaving, people are leaving.”"
    assert doc.entities["Putin"][0] == "Vladimir Putin"


# ---------------------------------------------------------------- textacy


def test_textacy_predictions_on_the_seed(ex, ref, seed_golds):
    [pred] = textacy_predictions(ex.nlp, seed_golds)
    assert pred["id"] == SEED_ID and pred["quotes"]
    text = seed_golds[0].text
    for q in pred["quotes"]:
        assert text[q["start"]] in "\"'“”‘’" and text[q["end"] - 1] in "\"'“”‘’"
        assert q["speaker"] in {e["id"] for e in pred["speakers"]}
    report = agree(ref, seed_golds, [pred])
    assert 0 < report.summary()["quote_F1"] < 1


def test_textacy_gives_up_on_unbalanced_marks(ex):
    gold = GoldDoc("odd", "“We will appeal,” said Dana Whitlock. “Never", ())
    [pred] = textacy_predictions(ex.nlp, [gold])
    assert pred["quotes"] == [] and "quotation" in pred["meta"]["error"]
