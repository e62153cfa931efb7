"""Parsing in several processes (--jobs 2) gives byte-identical output, in input order."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes import get_extractor
from quotes.batch import extract_documents
from quotes.cli import app
from quotes.inputs import Document

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "000_c6d2c87ce24b5f97.txt").read_text(encoding="utf-8")
TEXTS = [
    SEED,
    "“We will appeal,” said Dana Whitlock, a council spokeswoman. “The decision was rushed.”\n",
    "Residents were unconvinced. Local shopkeeper Omar Reyes told reporters: “Nobody asked us. Not once.”\n",
    "Rovers sack manager\n\n\"It is a sad day,\" the chairman, Ellen Marsh, said. \"But we must compete.\"\n\n"
    "The outgoing manager, Tom Kerr, thanked the players. \"They gave me everything,\" he said.\n",
    "No quotations in this one, just a line of plain reporting about the weather.\n",
]


def _documents() -> list[Document]:
    docs = [Document(f"d{i}", t) for i, t in enumerate(TEXTS)]
    docs.insert(3, Document("missing.txt", None, "no such file"))  # an error in the middle
    return docs


def _lines(jobs: int) -> list[str]:
    out = []
    for outcome in extract_documents(get_extractor(), _documents(), jobs=jobs, batch_size=2):
        if outcome.error is not None:
            out.append(json.dumps({"id": outcome.document.id, "error": outcome.error}))
        else:
            out.append(json.dumps(outcome.result.to_dict(), ensure_ascii=False))
    return out


def test_extract_documents_jobs2_equals_jobs1():
    one = _lines(1)
    two = _lines(2)
    assert len(one) == len(TEXTS) + 1
    assert json.loads(one[3]) == {"id": "missing.txt", "error": "no such file"}
    assert [json.loads(line)["id"] for line in one] == [d.id for d in _documents()]
    assert any(json.loads(line).get("quotes") for line in one)
    assert two == one


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for i, text in enumerate(TEXTS):
        (folder / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def test_cli_jobs2_equals_jobs1(corpus_dir):
    runner = CliRunner()
    runs = {}
    for jobs in (1, 2):
        result = runner.invoke(app, ["extract", str(corpus_dir), "--format", "jsonl", "--quiet", "--jobs", str(jobs)])
        assert result.exit_code == 0, result.output
        runs[jobs] = result.stdout
    assert runs[2] == runs[1]
    lines = runs[1].splitlines()
    assert len(lines) == len(TEXTS)
    assert [Path(json.loads(line)["id"]).name for line in lines] == [f"{i:02d}.txt" for i in range(len(TEXTS))]
