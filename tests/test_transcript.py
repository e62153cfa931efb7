"""Transcript turns: which lines are a labelled speaker's speech."""
from __future__ import annotations

import pytest

from quotes.spans import paragraphs
from quotes.transcript import Turns

LINES = [
    ("Q: Why a lighthouse?", True),
    ("A: My grandfather kept the light.", True),
    ("SMITH: We were never told.", True),
    ("CALLER (KEITH, BYFORD): Gary, I run the key-cutting shop.", True),
    ("HARGREAVES (VICTORY SPEECH): Tonight Dunmore West has sent a message.", True),
    ("Smith said: “We were never told.”", False),
    ("UPDATE 2: Markets fall", False),
    ("The result: a landslide.", False),
    ("A resident said: “Nobody warned us.”", False),
]


@pytest.mark.parametrize("line,turn", LINES)
def test_label_lines_are_turns(line, turn):
    text = "Headline\n\n" + line + "\n\nThe end."
    turns = Turns(text, paragraphs(text))
    assert (turns.of(text.index(line) + len(line) - 1) is not None) is turn
    assert turns.of(0) is None and turns.of(len(text) - 1) is None
