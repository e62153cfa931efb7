"""Every example that a rule file carries must be decided by that rule, correctly."""
from __future__ import annotations

import pytest

from quotes import load_rulebook
from quotes.examples import check_example

BOOK = load_rulebook()
CASES = [(rule, example) for rule in BOOK.rules for example in rule.examples]


def test_every_rule_has_examples():
    assert all(rule.examples for rule in BOOK.rules)
    assert len(CASES) >= 2 * len(BOOK.rules) - 6  # most rules carry more than one


@pytest.mark.parametrize("rule,example", CASES, ids=[f"{r.id}:{e.text[:40]}" for r, e in CASES])
def test_rule_example(extractor, rule, example):
    outcome = check_example(extractor, rule, example)
    assert outcome.ok, "; ".join(outcome.problems)
