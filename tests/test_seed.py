"""The seed article end to end with the real model, scored against its gold answer."""
from __future__ import annotations

from quotes.evaluate import GoldDoc, GoldQuote, score


def _gold_doc(seed_gold, seed_text) -> GoldDoc:
    quotes = tuple(GoldQuote(q["start"], q["end"], q["text"], q["speaker"], q.get("addressee"),
                             q.get("kind", "direct"), q.get("optional", False), q.get("cue"))
                   for q in seed_gold["quotes"])
    return GoldDoc(seed_gold["id"], seed_text, quotes, seed_gold.get("entities", {}), "seed")


def test_seed_scores_perfectly(extractor, seed_text, seed_gold):
    result = extractor(seed_text, seed_gold["id"])
    summary = score([_gold_doc(seed_gold, seed_text)], [result.to_dict()]).summary()
    assert summary["found"] == summary["gold"] == 17
    assert summary["attr_right"] == 17 and summary["attr_wrong"] == 0
    assert summary["null_given_speaker"] == 0
    assert summary["conflated"] == 0
    assert summary["addressee"] == "5/5"  # "the worried mother told her son" is the soldier


def test_seed_four_people_one_entity_each(extractor, seed_text, seed_gold):
    result = extractor(seed_text)
    ids = {}
    for q in seed_gold["quotes"]:
        if q["speaker"] in ("Putin", "soldier", "mother", "Burnett"):
            got = next(p for p in result.quotes if p.start == q["start"])
            ids.setdefault(q["speaker"], set()).add(got.speaker)
    assert all(len(v) == 1 for v in ids.values()), ids
    assert len({next(iter(v)) for v in ids.values()}) == 4


def test_seed_nicknames_and_scare_quotes_have_no_speaker(extractor, seed_text):
    result = extractor(seed_text)
    by_text = {q.text: q for q in result.quotes}
    assert by_text["Merchant of Death"].speaker is None
    assert by_text["letting down"].speaker is None


def test_seed_first_soldier_quote_is_addressed_to_the_mother(extractor, seed_text):
    result = extractor(seed_text)
    first = next(q for q in result.quotes if q.text.startswith("Leaving, leaving"))
    mother = result.speaker(first.addressee)
    assert mother is not None and "mother" in mother.name
    assert first.cue == "told" and first.rule == "told-addressee-colon"
