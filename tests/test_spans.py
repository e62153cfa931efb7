"""Quote-span finder: a table of news-style sentences, structure checks, seed gold, marks loading."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.errors import RuleFileError
from quotes.marks import DEFAULT_MARKS_PATH, MarkPair, load_marks
from quotes.spans import QuoteSpan, find_quotes, paragraphs

SEED = "000_c6d2c87ce24b5f97"

SOLDIER = 'The soldier confirms: “Yes running away, what else?\n\n“Five f****** days under pouring rain, with no sleep.”'

# (id, text, quoted words of each depth-0 span in order)
CASES = [
    ("curly-direct", "Laying out the conditions, a soldier told his mother: “Leaving, leaving, people are leaving.”",
     ["Leaving, leaving, people are leaving."]),
    ("partial-curly", "Vladimir Putin admitted on Wednesday that there are “problems with equipment” for troops.",
     ["problems with equipment"]),
    ("headline-straight-single", "Russia: Invasion has 'increased chances of dissolution' says host",
     ["increased chances of dissolution"]),
    ("headline-curly-single", "JUST IN: Kremlin says it might end war ‘tomorrow’ if Zelensky surrenders areas",
     ["tomorrow"]),
    ("apostrophe-inside", "“That’s deserting, watch out,” the worried mother told her son.",
     ["That’s deserting, watch out,"]),
    ("possessive-then-quote", "Moment Griner and Russia’s ‘Merchant of Death’ cross paths on tarmac [VIDEO]",
     ["Merchant of Death"]),
    ("interrupted", "“We will not retreat,” the general said, “not one step.”",
     ["We will not retreat,", "not one step."]),
    ("straight-double", 'The minister said "the deal is done" and left the room.', ["the deal is done"]),
    ("straight-double-two", '"Yes," she said. "We are ready."', ["Yes,", "We are ready."]),
    ("guillemets", "Le président a déclaré : «Nous sommes en guerre» hier soir.", ["Nous sommes en guerre"]),
    ("german-low-high", "Der Kanzler sagte: „Wir schaffen das“, und ging.", ["Wir schaffen das"]),
    ("german-reversed-guillemets", "Er sagte »Wir schaffen das« und ging.", ["Wir schaffen das"]),
    ("polish-low-double", "Premier powiedział: „Nie ma zgody” wczoraj.", ["Nie ma zgody"]),
    ("nested-american", "“He said ‘go away’ to me,” she said.", ["He said ‘go away’ to me,"]),
    ("nested-british", "‘He told me “never again” and walked off,’ she said.", ["He told me “never again” and walked off,"]),
    ("nested-same-end", "‘They shouted “to the end.”’", ["They shouted “to the end.”"]),
    ("nested-straight", "'He kept saying \"no\" all night,' she recalled.", ['He kept saying "no" all night,']),
    # Apostrophes of every kind: no quote at all.
    ("neg-contractions", "Don’t worry, it’s only five o’clock in Russia’s capital.", []),
    ("neg-straight-contractions", "Don't worry, it's only five o'clock in Russia's capital.", []),
    ("neg-rock-curly", "He loved rock ’n’ roll more than anything.", []),
    ("neg-rock-straight", "He loved rock 'n' roll more than anything.", []),
    ("neg-rock-left-right", "He loved rock ‘n’ roll more than anything.", []),
    ("neg-nineties-curly", "Fashion of the ’90s is back, and the ‘80s too.", []),
    ("neg-nineties-straight", "Fashion of the '90s is back.", []),
    ("neg-james", "James' car was parked outside the Joneses’ house.", []),
    ("neg-elisions", "Give ’em hell, ’tis the season, 'til dawn.", []),
    ("neg-lone-curly-double-close", "A stray ” mark here.", []),
    ("neg-lone-single-open", "The ‘so-called experts never finished the sentence", []),
    ("neg-inches", "He is 6'2\" tall and owns a 12\" record.", []),
    ("possessive-inside-single", "She called it ‘the Joneses’ house of horrors’, on air.", ["the Joneses’ house of horrors"]),
    ("possessive-straight-inside", "He said 'the players' union is right' today.", ["the players' union is right"]),
    ("plural-closing-single", "The ‘experts’ said nothing.", ["experts"]),
    ("quote-after-possessive", "The players' union said 'no' to the offer.", ["no"]),
    ("elision-inside-quote", "'Let 'em have it,' he said.", ["Let 'em have it,"]),
    ("rock-inside-quote", "“Rock ’n’ roll is dead,” he said.", ["Rock ’n’ roll is dead,"]),
    ("lone-double-open", "He began: “This will never", ["This will never"]),
    ("dash-before", "The answer—“never”—was final.", ["never"]),
    ("paren-before", "The report (“a disgrace”) was shelved.", ["a disgrace"]),
    ("rtl-cjk-nbsp", "He said\u00a0“שלום 你好” and\u200b left.", ["שלום 你好"]),
    ("question-close", "“Leaving? Like running away?” the mother asked.", ["Leaving? Like running away?"]),
]


def depth0_inner(text: str) -> list[str]:
    return [s.inner(text) for s in find_quotes(text) if s.depth == 0]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_depth0_quotes(text: str, expected: list[str]) -> None:
    assert depth0_inner(text) == expected


@pytest.mark.parametrize("text", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_span_invariants(text: str) -> None:
    for i, s in enumerate(find_quotes(text)):
        assert s.index == i
        assert text[s.start] == s.open_mark
        assert s.inner_start == s.start + 1
        if s.is_open:
            assert s.inner_end == s.end
        else:
            assert text[s.end - 1] == s.close_mark and s.inner_end == s.end - 1


def test_nested_american_structure() -> None:
    text = "“He said ‘go away’ to me,” she said."
    outer, inner = find_quotes(text)
    assert (outer.depth, outer.parent) == (0, None)
    assert (inner.depth, inner.parent) == (1, 0)
    assert inner.inner(text) == "go away"
    assert outer.start < inner.start < inner.end < outer.end


def test_nested_same_end_structure() -> None:
    text = "‘They shouted “to the end.”’"
    outer, inner = find_quotes(text)
    assert inner.parent == 0 and inner.depth == 1
    assert inner.end == outer.end - 1 == len(text) - 1
    assert inner.close_mark == "”" and outer.close_mark == "’"


def test_seed_soldier_passage() -> None:
    first, second = find_quotes(SOLDIER)
    assert first.is_open and first.close_mark == ""
    assert first.end == SOLDIER.index("\n")
    assert first.inner(SOLDIER) == "Yes running away, what else?"
    assert (second.paragraph, second.chain, second.continues) == (1, 0, True)
    assert not second.is_open and second.end == len(SOLDIER)
    assert second.inner(SOLDIER) == "Five f****** days under pouring rain, with no sleep."
    assert not first.continues


def test_three_paragraph_chain_with_trailing_space() -> None:
    text = "He said: “One.  \n\n   “Two,\n“Three.”\n“New quote.”"
    spans = find_quotes(text)
    assert [s.chain for s in spans] == [0, 0, 0, 3]
    assert spans[0].end == text.index("One.") + 4  # trailing spaces excluded
    assert [s.is_open for s in spans] == [True, True, False, False]


def test_british_single_quote_over_paragraphs() -> None:
    text = ("‘We buried our savings,’ she said. ‘Whoever owned this never did.\n\n"
            "‘The jar is almost complete.\n\n‘It’s the find of a lifetime.’\n\nThe coins, she didn’t say")
    spans = find_quotes(text)
    assert [s.inner(text) for s in spans] == ["We buried our savings,", "Whoever owned this never did.",
                                              "The jar is almost complete.", "It’s the find of a lifetime."]
    assert [s.chain for s in spans] == [0, 1, 1, 1]
    assert [s.is_open for s in spans] == [False, True, True, False]


def test_lone_single_opener_stays_an_apostrophe_without_a_next_quote() -> None:
    assert find_quotes("The ‘so-called experts left.\n\nThey never ‘came back.") == []


def test_no_chain_when_previous_closed_or_other_mark() -> None:
    text = "“Closed.”\n“Next.”\n“Open\n«Other»"
    assert [s.chain for s in find_quotes(text)] == [0, 1, 2, 3]


@pytest.mark.parametrize("br", ["\r\n", "\r", "\n"])
def test_line_breaks(br: str) -> None:
    text = f"She said: “It is over.{br}{br}“We lost.”{br}Done ‘here’."
    spans = find_quotes(text)
    assert [s.inner(text) for s in spans] == ["It is over.", "We lost.", "here"]
    assert spans[0].end == text.index(br)
    assert spans[1].chain == 0 and spans[2].chain == 2
    assert [s.paragraph for s in spans] == [0, 1, 2]


def test_paragraphs() -> None:
    text = "a b  \r\n\r\n  c\rd\u00a0\n \n"
    assert paragraphs(text) == [(0, 3), (9, 12), (13, 14)]
    assert paragraphs("") == [] and paragraphs("\n\n") == []


def test_quote_never_crosses_line() -> None:
    text = "“Open here\nand ” not closed"
    (span,) = find_quotes(text)
    assert span.is_open and span.end == text.index("\n")


def test_custom_pairs() -> None:
    pairs = [MarkPair(name="corner", open="「", close="」")]
    text = "He said 「hello」 and “ignored”."
    assert [s.inner(text) for s in find_quotes(text, pairs)] == ["hello"]


def test_no_pairs_no_quotes() -> None:
    assert find_quotes("“a” 'b'", []) == []


def test_skipped_opener_is_dropped() -> None:
    text = "“He said «maybe” and left."
    assert [(s.inner(text), s.depth) for s in find_quotes(text)] == [("He said «maybe", 0)]


def test_seed_gold_depth0() -> None:
    seed = _shared("seeds", f"{SEED}.txt")
    gold = _shared("gold", f"{SEED}.json")
    if seed is None or gold is None:
        pytest.skip("seed article or its gold file not available")
    with seed.open(encoding="utf-8", newline="") as fh:  # offsets count \r\n as two chars
        text = fh.read()
    expected = [(q["start"], q["end"]) for q in json.loads(gold.read_text(encoding="utf-8"))["quotes"]]
    got = [(s.start, s.end) for s in find_quotes(text) if s.depth == 0]
    assert got == sorted(expected)


def _shared(kind: str, name: str) -> Path | None:
    here = Path(__file__).resolve()
    for candidate in (here.parents[1] / kind / name, here.parents[2] / "shared" / kind / name):
        if candidate.is_file():
            return candidate
    return None


# ---------------------------------------------------------------- load_marks


def test_default_marks_load() -> None:
    pairs = load_marks(DEFAULT_MARKS_PATH)
    names = {p.name for p in pairs}
    assert {"curly-double", "curly-single", "straight-double", "straight-single", "guillemets"} <= names
    assert all(isinstance(p, MarkPair) for p in pairs)
    assert next(p for p in pairs if p.name == "straight-single").is_single
    assert not next(p for p in pairs if p.name == "curly-double").is_single


def test_valid_marks_file(tmp_path: Path) -> None:
    f = tmp_path / "marks.yml"
    f.write_text('pairs:\n  - {name: a, open: "“", close: "”"}\n  - name: b\n    open: "\'"\n    close: "\'"\n',
                 encoding="utf-8")
    pairs = load_marks(f)
    assert [(p.name, p.open, p.close) for p in pairs] == [("a", "“", "”"), ("b", "'", "'")]
    assert pairs[1].symmetric


def test_broken_marks_file_lists_every_problem(tmp_path: Path) -> None:
    f = tmp_path / "marks.yml"
    f.write_text(
        "# header\n"
        "pairs:\n"
        '  - {name: ok, open: "“", close: "”"}\n'   # line 3
        "  - name: extra\n"                          # line 4
        '    open: "«"\n'
        '    close: "»"\n'
        "    colour: red\n"                          # line 7: unknown key
        "  - name: wide\n"                           # line 8
        '    open: "<<"\n'                           # line 9: two chars
        '    close: ">"\n'
        '  - {name: noclose, open: "‹"}\n'           # line 11: missing close
        '  - {open: "„", close: "“"}\n',             # line 12: missing name
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as info:
        load_marks(f)
    err = info.value
    assert err.code == "Q001"
    got = sorted((p.line, p.rule_id, p.message.split()[0]) for p in err.problems)
    assert [(line, rid) for line, rid, _ in got] == [(7, "extra"), (9, "wide"), (11, "noclose"), (12, "pairs[4]")]
    messages = " | ".join(p.message for p in err.problems)
    assert "unknown key 'colour'" in messages
    assert "exactly one character" in messages
    assert "missing required key 'close'" in messages and "missing required key 'name'" in messages
    text = str(err)
    for p in err.problems:
        assert f"{f}:{p.line}: [{p.rule_id}] {p.message}" in text
    assert len(text.splitlines()) == 1 + 4


def test_marks_file_bad_yaml_and_shape(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("pairs: [\n  {name: a\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_marks(bad)
    assert info.value.problems[0].line is not None
    shape = tmp_path / "shape.yml"
    shape.write_text("pears:\n  - x\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_marks(shape)
    assert len(info.value.problems) == 2  # unknown key + missing pairs list
    with pytest.raises(RuleFileError):
        load_marks(tmp_path / "missing.yml")


def test_duplicate_names(tmp_path: Path) -> None:
    f = tmp_path / "dup.yml"
    f.write_text('pairs:\n  - {name: a, open: "“", close: "”"}\n  - {name: a, open: "«", close: "»"}\n',
                 encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_marks(f)
    (p,) = info.value.problems
    assert p.line == 3 and "duplicate" in p.message


def test_quote_span_is_frozen() -> None:
    (s,) = find_quotes("“a”")
    assert isinstance(s, QuoteSpan)
    with pytest.raises(AttributeError):
        s.start = 5  # type: ignore[misc]
