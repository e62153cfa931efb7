"""The command line, run in-process with the real model: data on stdout, diagnostics on stderr."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from quotes.cli import app

from conftest import SEED

SEED_NAME = str(SEED)


def run(*args: str, input: str | bytes | None = None):
    try:  # older click mixes stderr into output unless told not to
        runner = CliRunner(mix_stderr=False)
    except TypeError:
        runner = CliRunner()
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def seed_json():
    result = run("extract", SEED_NAME, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _speaker_of(data: dict, words: str) -> str:
    quote = next(q for q in data["quotes"] if words in q["text"])
    assert quote["speaker"], f"no speaker for {words!r}"
    return quote["speaker"]


def test_extract_json_offsets_true_to_the_file(seed_json, seed_text):
    assert isinstance(seed_json, dict)
    assert len(seed_json["quotes"]) >= 17
    for q in seed_json["quotes"]:
        assert seed_text[q["start"]] == q["open_mark"]
        assert q["text"] in seed_text[q["start"]:q["end"]]
        inner = seed_text[q["start"] + 1:q["end"] - (1 if q["close_mark"] else 0)]
        assert inner == q["text"]


def test_extract_json_four_distinct_speakers(seed_json):
    soldier = _speaker_of(seed_json, "people are leaving")
    mother = _speaker_of(seed_json, "Like running away?")
    putin = _speaker_of(seed_json, "Regarding the problem with equipment")
    burnett = _speaker_of(seed_json, "Putin has his back pressed")
    assert len({soldier, mother, putin, burnett}) == 4
    ids = {s["id"] for s in seed_json["speakers"]}
    assert {soldier, mother, putin, burnett} <= ids
    names = {s["id"]: s["name"] for s in seed_json["speakers"]}
    assert "Putin" in names[putin] and "Burnett" in names[burnett]


def test_extract_jsonl_two_files(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("“We will appeal,” said Dana Whitlock, a council spokeswoman.\n", encoding="utf-8")
    result = run("extract", SEED_NAME, str(other), "--format", "jsonl", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == [SEED_NAME, str(other)]
    assert records[1]["quotes"][0]["text"] == "We will appeal,"


def test_extract_csv(seed_json):
    result = run("extract", SEED_NAME, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.stdout.splitlines()[0].startswith("doc,quote,start,end")
    assert len(rows) == len(seed_json["quotes"])
    assert [int(r["start"]) for r in rows] == [q["start"] for q in seed_json["quotes"]]
    assert any(r["speaker_name"] == "Vladimir Putin" for r in rows)


def test_extract_table(seed_json):
    result = run("extract", SEED_NAME, "--format", "table")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "speaker" in out.splitlines()[0] and "quote" in out.splitlines()[0]
    assert f"{len(seed_json['quotes'])} quotes" in out
    assert "Vladimir Putin" in out and "Erin Burnett" in out


def test_extract_reads_stdin(seed_text, seed_json):
    result = run("extract", "-", "--format", "json", input=seed_text.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["id"] == "-"
    assert [(q["start"], q["end"]) for q in data["quotes"]] == [(q["start"], q["end"]) for q in seed_json["quotes"]]


def test_extract_nothing_on_stderr_when_all_is_well():
    result = run("extract", SEED_NAME, "--format", "jsonl", "--quiet")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_explain_shows_rule_ids():
    result = run("explain", SEED_NAME)
    assert result.exit_code == 0, result.stderr
    for rule_id in ("told-addressee-colon", "multi-paragraph", "cue-governs-quote"):
        assert rule_id in result.stdout
    assert "speaker  Vladimir Putin" in result.stdout


def test_rules_list():
    result = run("rules", "list")
    assert result.exit_code == 0
    assert "told-addressee-colon" in result.stdout and "multi-paragraph" in result.stdout
    as_json = json.loads(run("rules", "list", "--json").stdout)
    assert [r["priority"] for r in as_json] == sorted(r["priority"] for r in as_json)
    assert all(r["source"] and r["examples"] >= 1 for r in as_json)


def test_rules_check_ok():
    result = run("rules", "check")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("ok:")


def test_rules_test_all_pass():
    result = run("rules", "test")
    assert result.exit_code == 0, result.stdout
    assert "0 failed" in result.stdout
    assert "FAIL" not in result.stdout


def test_unknown_format_is_usage_error():
    result = run("extract", SEED_NAME, "--format", "xml")
    assert result.exit_code == 2


def test_missing_model_exit_2_no_traceback():
    result = run("extract", "--model", "no_such_model", SEED_NAME)
    assert result.exit_code == 2
    assert "no_such_model" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


# Kept from the first version of this file (by another hand).

def test_missing_file_fails_but_others_are_processed(tmp_path):
    result = run("extract", SEED_NAME, str(tmp_path / "nope.txt"), "--format", "jsonl", "-j", "1")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["quotes"] and records[1]["error"] == "no such file"
    assert "nope.txt" in result.stderr


def test_rules_check_lists_every_problem_with_its_line(tmp_path):
    import shutil

    from quotes.paths import default_rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    (rules / "attribution" / "99_broken.yml").write_text(
        "rules:\n"
        "  - id: bad-key\n    description: x\n    priority: 1\n    kind: token\n    colour: red\n"
        "    pattern: [{LOWER: said}]\n    examples: [{text: 'a', speaker: null}]\n"
        "  - id: bad-lexicon\n    description: x\n    priority: 2\n    kind: token\n"
        "    pattern: [{LOWER: {IN: $nope}}]\n    examples: [{text: 'a', speaker: null}]\n",
        encoding="utf-8")
    result = run("rules", "check", str(rules))
    assert result.exit_code == 2
    assert "99_broken.yml:6: [bad-key]" in result.stderr and "colour" in result.stderr
    assert "99_broken.yml:13: [bad-lexicon]" in result.stderr and "$nope" in result.stderr


def test_explain_names_the_rule(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("The mother responds: “Leaving? Like running away?”", encoding="utf-8")
    result = run("explain", str(text))
    assert result.exit_code == 0 and "cue-colon" in result.stdout and "mother" in result.stdout
