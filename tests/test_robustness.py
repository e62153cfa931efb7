"""Bad and odd input through the real command line, Ctrl-C, very long documents, and a property
test of the whole engine on random text."""
from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quotes.cli import app
from quotes.longtext import extract_long, split_text

GOOD = "“We will appeal,” said Dana Whitlock, a council spokeswoman.\n"


def run(*args: str, input: bytes | None = None):
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:
        runner = CliRunner()
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def check_offsets(text: str, record: dict) -> None:
    for q in record["quotes"]:
        assert text[q["start"]] == q["open_mark"], q
        assert text[q["start"] + 1:q["end"] - (1 if q["close_mark"] else 0)] == q["text"], q
        if q["close_mark"]:
            assert text[q["end"] - 1] == q["close_mark"], q


# --------------------------------------------------------------------------- odd but readable


READABLE = {
    "empty": (b"", 0),
    "whitespace-only": (b"  \n\n\t \r\n ", 0),
    "crlf": (("“We will appeal,” said Dana Whitlock.\r\n\r\nShe added: “It is not over.”\r\n").encode(), 2),
    "cr-only": (("“We will appeal,” said Dana Whitlock.\r\rShe added: “It is not over.”\r").encode(), 2),
    "nbsp-zero-width": (("Dana\u00a0Whitlock said:\u00a0“We\u200b will appeal.”\u200b\n"
                         "\ufeff“Never,”\u2060 she added.\n").encode(), 2),
    "rtl-cjk": (("قال المتحدث “We will appeal” أمس.\n"
                 "他说：“我们会上诉。” and then «nous ferons appel», said Dana Whitlock.\n"
                 "שלום ‘quoted’ עולם\n").encode(), 3),
}


@pytest.mark.parametrize("name", sorted(READABLE))
def test_readable_input(tmp_path, name):
    data, quotes_expected = READABLE[name]
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    result = run("extract", str(path), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    assert record["id"] == str(path)
    assert len(record["quotes"]) == quotes_expected
    check_offsets(data.decode("utf-8"), record)
    assert all(s["id"] for s in record["speakers"])


def test_cp1252_decoded_with_warning(tmp_path):
    path = tmp_path / "windows.txt"
    data = "He said \x93we will appeal\x94 on Monday \x96 twice.\n".encode("latin-1")
    path.write_bytes(data)
    result = run("extract", str(path), "--format", "jsonl")
    assert result.exit_code == 0
    assert "warning" in result.stderr and str(path) in result.stderr and "cp1252" in result.stderr
    record = json.loads(result.stdout)
    (q,) = record["quotes"]
    assert q["text"] == "we will appeal" and q["open_mark"] == "“"
    check_offsets(data.decode("cp1252"), record)


def test_cp1252_warning_silenced_by_quiet(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes("He said \x93no\x94.\n".encode("latin-1"))
    result = run("extract", str(path), "--quiet")
    assert result.exit_code == 0 and result.stderr == ""


# --------------------------------------------------------------------------- unreadable inputs


def _missing(tmp):
    return tmp / "no_such_file.txt", "no such file"


def _empty_dir(tmp):
    d = tmp / "empty_dir"
    d.mkdir()
    (d / "notes.md").write_text("not a txt", encoding="utf-8")
    return d, "no *.txt"


def _png(tmp):
    p = tmp / "picture.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4)
    return p, "binary"


def _nul(tmp):
    p = tmp / "nul.txt"
    p.write_bytes(b"He said \x00\x00\x00 hello" * 10)
    return p, "binary"


@pytest.mark.parametrize("make", [_missing, _empty_dir, _png, _nul], ids=["missing", "empty-dir", "png", "nul"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_unreadable_input_fails_alone(tmp_path, make, jobs):
    before = tmp_path / "a_before.txt"
    after = tmp_path / "z_after.txt"
    before.write_text(GOOD, encoding="utf-8")
    after.write_text(GOOD.replace("Dana Whitlock", "Sam Okoro"), encoding="utf-8")
    bad, reason = make(tmp_path)
    result = run("extract", str(before), str(bad), str(after), "--format", "jsonl", "--jobs", jobs)
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == [str(before), str(bad), str(after)]
    assert records[1]["error"] and reason in records[1]["error"]
    assert "error" not in records[0] and "error" not in records[2]
    assert records[0]["quotes"][0]["text"] == records[2]["quotes"][0]["text"] == "We will appeal,"
    err = result.stderr
    assert f"error: {bad}: " in err
    tail = err[err.index("document(s) failed:"):]
    assert str(bad) in tail and reason in tail  # failures listed at the end


def test_unreadable_input_json_format_keeps_valid_array(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = run("extract", str(good), str(tmp_path / "missing.txt"), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [bool(d.get("error")) for d in data] == [False, True]


def test_single_unreadable_file_json(tmp_path):
    bad = tmp_path / "nul.txt"
    bad.write_bytes(b"\x00" * 100)
    result = run("extract", str(bad))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"].startswith("binary")
    assert str(bad) in result.stderr


def test_jsonl_input_with_bad_lines(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(b"\n".join([
        json.dumps({"id": "a", "text": GOOD}).encode(),
        b"{not json",
        json.dumps({"id": "c", "text": "No quotes here."}).encode(),
        json.dumps({"id": "d", "body": "no text key"}).encode(),
        b"\xff\xfe not utf-8",
        json.dumps({"id": "f", "text": GOOD}).encode(),
    ]) + b"\n")
    result = run("extract", str(path), "--format", "jsonl", "--jobs", "1")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["a", f"{path}:2", "c", "d", f"{path}:5", "f"]
    assert [bool(r.get("error")) for r in records] == [False, True, False, True, True, False]
    assert "invalid JSON" in records[1]["error"] and "line 4" in records[3]["error"]
    assert records[0]["quotes"][0]["text"] == "We will appeal,"
    assert "3 document(s) failed" in result.stderr


def test_stdin_non_utf8(tmp_path):
    data = "She said \x93no\x94.\n".encode("latin-1")
    result = run("extract", "-", "--format", "jsonl", input=data)
    assert result.exit_code == 0
    assert "warning: -:" in result.stderr
    check_offsets(data.decode("cp1252"), json.loads(result.stdout))


# --------------------------------------------------------------------------- long documents


def varied_seed(seed_text: str, size: int) -> str:
    """The seed repeated with its numbers changed, up to size characters (whole copies)."""
    parts, n, total = [], 0, 0
    while total < size:
        n += 1
        copy = re.sub(r"\d+", lambda m: str(int(m.group()) + n), seed_text)
        parts.append(copy)
        total += len(copy) + 2
    return "\n\n".join(parts)


@pytest.mark.parametrize("limit", [500, 1000, 2500])
def test_extract_long_matches_unchunked(extractor, seed_text, limit):
    whole = extractor(seed_text, "seed")
    chunked = extract_long(extractor, seed_text, "seed", limit=limit)
    assert chunked.meta["chunks"] > 1
    key = lambda r: [(q.start, q.end, q.text, q.open_mark, q.close_mark, q.paragraph) for q in r.quotes]  # noqa: E731
    assert key(chunked) == key(whole)
    assert [q.id for q in chunked.quotes] == [q.id for q in whole.quotes]
    ids = [s.id for s in chunked.speakers]
    assert len(ids) == len(set(ids))
    assert all(q.speaker in ids for q in chunked.quotes if q.speaker)
    for s in chunked.speakers:
        for a, b in s.mentions:
            assert seed_text[a:b].strip()
    for q in chunked.quotes:
        if q.speaker_start is not None:
            assert seed_text[q.speaker_start:q.speaker_end] == q.speaker_text


def test_split_text_cuts_at_line_breaks():
    text = "para one\n\npara two is here\r\n“quoted” line\rlast\n"
    chunks = split_text(text, 20, frozenset("“"))
    assert "".join(text[a:b] for a, b in chunks) == text
    assert all(b - a <= 20 for a, b in chunks)
    for a, _ in chunks[1:]:
        assert text[a - 1] in "\r\n" and not (text[a - 1] == "\r" and text[a:a + 1] == "\n")
    long_line = "word " * 100
    chunks = split_text(long_line, 64)
    assert "".join(long_line[a:b] for a, b in chunks) == long_line and all(b - a <= 64 for a, b in chunks)


def test_two_megabyte_document(tmp_path, seed_text):
    text = varied_seed(seed_text, 2_000_000)
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8", newline="")
    result = run("extract", str(path), "--format", "jsonl", "--quiet")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    copies = text.count("Vladimir Putin admitted")
    assert len(record["quotes"]) >= 17 * copies
    assert record["meta"]["chunks"] >= 2_000_000 // 100_000
    check_offsets(text, record)
    ids = [s["id"] for s in record["speakers"]]
    assert len(ids) == len(set(ids))


# --------------------------------------------------------------------------- Ctrl-C


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_ctrl_c_leaves_valid_output(tmp_path, seed_text, fmt):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(300):
        (corpus / f"doc_{i:04d}.txt").write_text(seed_text, encoding="utf-8")
    exe = Path(sys.executable).with_name("quotes")
    proc = subprocess.Popen([str(exe), "extract", str(corpus), "--format", fmt, "--jobs", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        first = proc.stdout.readline()
        assert first, proc.stderr.read()
        if fmt == "json":
            first += proc.stdout.readline()  # past the "[" line, into the first record
        proc.send_signal(signal.SIGINT)
        rest = proc.stdout.read()
        err = proc.stderr.read()
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    out = first + rest
    if fmt == "jsonl":
        records = [json.loads(line) for line in out.splitlines()]
    else:
        records = json.loads(out)
    assert 1 <= len(records) < 300
    assert all(len(r["quotes"]) >= 17 for r in records)


# --------------------------------------------------------------------------- the whole engine on random text

WORDS = ["said", "told", "he", "she", "Putin", "the", "mother", "soldier", "Dana", "Whitlock", "reporters",
         "added", "“", "”", "‘", "’", '"', "'", "«", "»", "„", "don’t", "’90s", "rock ’n’ roll", "s’", ":",
         ",", ".", "—", "\n", "\n\n", "\r\n", "\r", " ", "\u00a0", "\u200b", "שלום", "他说", "é", "🙂"]


@settings(max_examples=200, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=3)), max_size=60))
def test_engine_properties(extractor, parts):
    text = " ".join(parts)
    result = extractor(text, "random")
    again = extractor(text, "random")
    assert result.to_dict() == again.to_dict()
    ids = {s.id for s in result.speakers}
    previous_end = -1
    for q in result.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start] == q.open_mark
        assert q.text in text[q.start:q.end]
        assert q.start >= previous_end, "quotes overlap"
        previous_end = q.end
        if q.speaker is not None:
            assert q.speaker in ids
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start <= q.speaker_end <= len(text)
    for s in result.speakers:
        assert all(0 <= a <= b <= len(text) for a, b in s.mentions)
