"""Every example that a rule file carries must be decided by that rule, correctly."""
from __future__ import annotations

import pytest

from quotes import load_rulebook
from quotes.examples import check_example

BOOK = load_rulebook()
CASES = [(rule, example) for rule in BOOK.rules for example in rule.examples]


def test_every_rule_has_examples():
    assert all(rule.examples for rule in BOOK.rules)
    # Negative examples exist: suppress rules and the residual sieve must leave quotes speakerless.
    assert any(e.speaker is None for r in BOOK.rules for e in r.examples)


@pytest.mark.parametrize("rule,example", CASES, ids=[f"{r.id}:{e.text[:40]}" for r, e in CASES])
def test_rule_example(extractor, rule, example):
    outcome = check_example(extractor, rule, example)
    assert outcome.ok, "; ".join(outcome.problems)
