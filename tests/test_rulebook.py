"""Broken rules directories: `quotes rules check` lists every problem at once, each with its
file, line and rule id, and exits 2; so does `extract --rules`."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO, SEED
from quotes.cli import app
from quotes.errors import RuleFileError
from quotes.rulebook import load_rulebook

BROKEN = """\
rules:
  - id: extra-key
    description: has an unknown key
    priority: 50
    kind: token
    colour: red
    pattern:
      - {LEMMA: say}
    examples:
      - {text: 'He said "hi".', speaker: He}

  - id: bad-priority
    description: priority is not a number
    priority: high
    kind: token
    pattern:
      - {LEMMA: say}
    examples:
      - {text: 'He said "hi".', speaker: He}

  - id: bad-operator
    description: INN is not a spaCy operator
    priority: 51
    kind: token
    pattern:
      - {LOWER: said}
      - {LEMMA: {INN: [say, tell]}}
    examples:
      - {text: 'He said "hi".', speaker: He}

  - id: bad-attribute
    description: FOO is not a token attribute
    priority: 52
    kind: token
    pattern:
      - {FOO: say}
    examples:
      - {text: 'He said "hi".', speaker: He}

  - id: missing-lexicon
    description: refers to a lexicon nobody defines
    priority: 53
    kind: token
    pattern:
      - {LEMMA: {IN: $nope}}
    examples:
      - {text: 'He said "hi".', speaker: He}

  - id: no-speaker
    description: example lacks speaker
    priority: 54
    kind: token
    pattern:
      - {LEMMA: say}
    examples:
      - text: 'He said "hi".'

  - id: role-out-of-range
    description: role index past the pattern
    priority: 55
    kind: token
    pattern:
      - {LEMMA: say}
    roles: {quote: 0, speaker: 3}
    examples:
      - {text: 'He said "hi".', speaker: He}

  - id: too-wide
    description: a repeat spaCy would expand into forty optional tokens
    priority: 57
    kind: token
    pattern:
      - {_: {quote_close: true}}
      - {IS_ALPHA: true, OP: "{1,40}"}
    roles: {quote: 0, speaker: 1}
    examples:
      - {text: 'He said "hi".', speaker: He}

  - id: dep-bad-node
    description: dependency node with a bad operator and an unknown parent
    priority: 56
    kind: dependency
    pattern:
      - {RIGHT_ID: cue, RIGHT_ATTRS: {LEMMA: say}}
      - {LEFT_ID: cue, REL_OP: ">>>", RIGHT_ID: speaker, RIGHT_ATTRS: {DEP: nsubj}}
      - {LEFT_ID: nobody, REL_OP: ">", RIGHT_ID: other, RIGHT_ATTRS: {DEP: dobj}}
    examples:
      - {text: 'He said "hi".', speaker: He}
"""

DUPLICATE = """\
rules:
  - id: cue-colon
    description: same id as a packaged rule
    priority: 60
    kind: token
    pattern:
      - {LEMMA: say}
    examples:
      - {text: 'He said "hi".', speaker: He}
"""

SYNTAX = """\
rules:
  - id: broken-yaml
    description: a flow sequence never closed
    pattern: [{LEMMA: say}
    priority: 3
"""

# (file, text on the line the problem must point at, rule id or None, words in the message)
EXPECTED = [
    ("90_broken.yml", "colour: red", "extra-key", "unknown key 'colour'"),
    ("90_broken.yml", "priority: high", "bad-priority", "valid integer"),
    ("90_broken.yml", "{LEMMA: {INN: [say, tell]}}", "bad-operator", "token 1: unknown operator 'INN' in LEMMA"),
    ("90_broken.yml", "{FOO: say}", "bad-attribute", "unknown token attribute 'FOO'"),
    ("90_broken.yml", "$nope", "missing-lexicon", "lexicon '$nope'"),
    ("90_broken.yml", "- text: 'He said \"hi\".'", "no-speaker", "missing required key 'speaker'"),
    ("90_broken.yml", "roles: {quote: 0, speaker: 3}", "role-out-of-range", "role 'speaker' points at token 3"),
    ("90_broken.yml", "OP: \"{1,40}\"", "too-wide", "repeats a token up to 40 times"),
    ("90_broken.yml", "REL_OP: \">>>\"", "dep-bad-node", "unknown REL_OP '>>>'"),
    ("90_broken.yml", "LEFT_ID: nobody", "dep-bad-node", "LEFT_ID 'nobody'"),
    ("91_duplicate.yml", "- id: cue-colon", "cue-colon", "duplicate rule id (first defined at 10_cue_then_quote.yml:"),
    ("92_syntax.yml", "priority: 3", None, "YAML syntax error"),
]


def _line(path: Path, needle: str) -> int:
    hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    assert len(hits) == 1, f"{needle!r} should be on exactly one line of {path.name}"
    return hits[0]


def _runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


@pytest.fixture()
def broken(tmp_path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    (rules / "attribution" / "90_broken.yml").write_text(BROKEN, encoding="utf-8")
    (rules / "attribution" / "91_duplicate.yml").write_text(DUPLICATE, encoding="utf-8")
    (rules / "attribution" / "92_syntax.yml").write_text(SYNTAX, encoding="utf-8")
    return rules


def _problem_lines(stderr: str) -> list[str]:
    return [line.strip() for line in stderr.splitlines() if line.startswith("  ")]


def _check_listing(stderr: str, rules: Path) -> None:
    problems = _problem_lines(stderr)
    assert re.search(rf"\[Q001\] {len(EXPECTED)} problem\(s\) in rule files", stderr), stderr
    assert len(problems) == len(EXPECTED), "\n".join(problems)
    for fname, needle, rule_id, words in EXPECTED:
        path = rules / "attribution" / fname
        where = f"{path}:{_line(path, needle)}:"
        tag = f" [{rule_id}] " if rule_id else " "
        matching = [p for p in problems if p.startswith(where + tag) and words in p]
        assert matching, f"expected {where}{tag}…{words}… in:\n" + "\n".join(problems)
    for p in problems:  # short and readable: one line each, none of spaCy's raw dumps
        assert len(p) < 400 and "TokenPatternString" not in p and "Value error," not in p


def test_rules_check_lists_every_problem(broken):
    result = _runner().invoke(app, ["rules", "check", str(broken)])
    assert result.exit_code == 2
    assert result.stdout == ""
    _check_listing(result.stderr, broken)


def test_extract_with_broken_rules_exits_2_with_the_same_listing(broken):
    result = _runner().invoke(app, ["extract", "--rules", str(broken), str(SEED)])
    assert result.exit_code == 2
    assert result.stdout == ""
    _check_listing(result.stderr, broken)


def test_load_rulebook_raises_with_problem_records(broken):
    with pytest.raises(RuleFileError) as info:
        load_rulebook(broken)
    ids = {p.rule_id for p in info.value.problems}
    assert {"extra-key", "bad-priority", "bad-operator", "bad-attribute", "missing-lexicon", "no-speaker",
            "role-out-of-range", "too-wide", "dep-bad-node", "cue-colon"} <= ids
    assert all(p.file.endswith(".yml") and p.line for p in info.value.problems)


@pytest.mark.parametrize("text, needle, words", [
    ("rules:\n  - id: a\n\tdescription: x\n", "\tdescription", "not tabs"),
    ("rules:\n  - id: a\n    id: b\n", "id: b", "duplicate key 'id' (first on line 2)"),
    ("rules:\n  - id: a\n    description: x\n   priority: 3\n", "priority: 3", "YAML syntax error"),
])
def test_yaml_errors_point_at_their_line(tmp_path, text, needle, words):
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    path = rules / "attribution" / "99_bad.yml"
    path.write_text(text, encoding="utf-8")
    result = _runner().invoke(app, ["rules", "check", str(rules)])
    assert result.exit_code == 2
    (problem,) = _problem_lines(result.stderr)
    assert problem.startswith(f"{path}:{_line(path, needle)}:") and words in problem, problem


def test_custom_attribute_must_exist(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    path = rules / "attribution" / "99_bad.yml"
    path.write_text(BROKEN.split("\n\n")[0].replace("colour: red", "direction: any")
                    .replace("{LEMMA: say}", "{_: {no_such_flag: true}}"), encoding="utf-8")
    result = _runner().invoke(app, ["rules", "check", str(rules)])
    assert result.exit_code == 2
    (problem,) = _problem_lines(result.stderr)
    assert problem.startswith(f"{path}:{_line(path, 'no_such_flag')}: [extra-key]")
    assert "unknown custom attribute '_.no_such_flag'" in problem


def test_missing_rules_directory(tmp_path):
    result = _runner().invoke(app, ["rules", "check", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "rules directory not found" in result.stderr


def test_cue_forms_are_derived_from_the_cues():
    from quotes.rulebook import inflections
    forms = inflections(frozenset({"insist", "reply", "quote", "add", "say"}))
    assert {"insisted", "insists", "replied", "replies", "quoted", "added", "says"} <= forms
    assert "replyed" not in forms