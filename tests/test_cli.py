"""The CLI through typer's CliRunner, with the real model."""
from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from conftest import SEED
from quotes.cli import app
from quotes.paths import default_rules_dir

runner = CliRunner()


def test_extract_json_offsets_true_to_the_file(seed_text):
    result = runner.invoke(app, ["extract", str(SEED), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["quotes"]) >= 17
    for q in data["quotes"]:
        assert q["text"] in seed_text[q["start"]:q["end"]]


def test_extract_jsonl_writes_one_line_per_file_with_ids(tmp_path):
    other = tmp_path / "b.txt"
    other.write_text("“We will appeal,” said Dana Whitlock.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(SEED), str(other), "--format", "jsonl", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [d["id"] for d in lines] == [str(SEED), str(other)]
    assert lines[1]["speakers"][0]["name"] == "Dana Whitlock"


def test_missing_file_fails_but_others_are_processed(tmp_path):
    result = runner.invoke(app, ["extract", str(SEED), str(tmp_path / "nope.txt"), "--format", "jsonl", "-j", "1"])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert records[0]["quotes"] and records[1]["error"] == "no such file"


def test_rules_check_lists_every_problem_with_its_line(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    broken = rules / "attribution" / "99_broken.yml"
    broken.write_text(
        "rules:\n"
        "  - id: bad-key\n    description: x\n    priority: 1\n    kind: token\n    colour: red\n"
        "    pattern: [{LOWER: said}]\n    examples: [{text: 'a', speaker: null}]\n"
        "  - id: bad-lexicon\n    description: x\n    priority: 2\n    kind: token\n"
        "    pattern: [{LOWER: {IN: $nope}}]\n    examples: [{text: 'a', speaker: null}]\n",
        encoding="utf-8")
    result = runner.invoke(app, ["rules", "check", str(rules)])
    assert result.exit_code == 2
    assert "99_broken.yml:6: [bad-key]" in result.output and "colour" in result.output
    assert "99_broken.yml:13: [bad-lexicon]" in result.output and "$nope" in result.output


def test_rules_list_and_test():
    listed = runner.invoke(app, ["rules", "list"])
    assert listed.exit_code == 0 and "told-addressee-colon" in listed.stdout
    tested = runner.invoke(app, ["rules", "test"])
    assert tested.exit_code == 0, tested.output
    assert " 0 failed" in tested.stdout


def test_explain_names_the_rule(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("The mother responds: “Leaving? Like running away?”", encoding="utf-8")
    result = runner.invoke(app, ["explain", str(text)])
    assert result.exit_code == 0 and "cue-colon" in result.stdout and "mother" in result.stdout
