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


@pytest.mark.parametrize("line,speaker", [
    ("SMITH: We were never told.", "Smith"),
    ("ABIODUN-HEATH: Every minute of it.", "Abiodun-Heath"),
    ("HOST (GARY PRENDERGAST): It's eleven minutes past nine.", "Gary Prendergast"),
    ("CALLER (MARGARET, HADLEY): Morning, Gary.", "Margaret"),
    ("ANCHOR: Good evening.", None),
    ("A: My grandfather kept the light.", "Ingrid Solberg-Amadi"),
    ("Q: Why a lighthouse?", None),
])
def test_turn_speakers(line, speaker):
    text = "Headline\n\n" + line
    assert Turns(text, paragraphs(text), "Ingrid Solberg-Amadi").speaker(len(text) - 1) == speaker


def test_first_person_in_a_turn_is_its_speaker(extractor):
    text = ("Five minutes with Ingrid Solberg-Amadi\n\nQ: Did anyone doubt you?\n\n"
            "A: My editor did. I told him: \"Give me one more year.\"\n\n"
            "RIBEIRO: The fire chief, Wendell Asante, told me: \"We are throwing everything at it.\"")
    result = extractor(text)
    first, second = result.quotes
    assert result.speaker(first.speaker).name == "Ingrid Solberg-Amadi"
    assert result.speaker(second.addressee).name == "Ribeiro"


def test_the_interviewee_is_named_by_a_given_name_when_ner_misses_him(extractor):
    # NER calls "Alfie Brannagh" a facility and finds the deckhand; the "A:" turns are still his.
    text = ("For thirty years Alfie Brannagh drove the night ferry to Inchmore. “He never once sat "
            "down,” says Moira Tulk, a deckhand. He spoke to Ian Cole.\n\nQ: Did you ever want to stop?"
            "\n\nA: Never. My wife said, “You love that boat more than me.” I said, “Only on Tuesdays.”")
    result = extractor(text)
    assert result.speaker(result.quotes[-1].speaker).name == "Alfie Brannagh"


@pytest.mark.parametrize("intro,speaker", [
    ("Our reporter Sam Okafor has been following the search all day. Sam, how did it end?", "Sam Okafor"),
    ("Reporter Dana Whitcombe is at the scene.", "Dana Whitcombe"),
    ("Let's go to the scene now.", None),  # no one introduced as the reporter: the label stays a job
])
def test_a_job_label_is_whoever_the_broadcast_introduces_by_that_job(intro, speaker):
    text = f"Evening bulletin\n\nPRESENTER: Good evening. {intro}\n\nREPORTER: It ended with a ladder."
    assert Turns(text, paragraphs(text)).speaker(len(text) - 1) == speaker


def test_me_in_a_job_labelled_turn_is_the_reporter_introduced(extractor):
    text = ("Evening bulletin\n\nPRESENTER: Our reporter Sam Okafor is at the school. Sam?\n\n"
            "REPORTER: The panda was spotted by a caretaker. He told me: \"I thought it was a fox.\"")
    result = extractor(text)
    assert result.speaker(result.quotes[0].addressee).name == "Sam Okafor"
