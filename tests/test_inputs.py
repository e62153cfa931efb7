"""Reading documents: decoding, directories, JSONL records, standard input (no model needed)."""
from __future__ import annotations

import io
import json

from quotes.inputs import decode, iter_documents, read_file


def test_decode_utf8_keeps_newlines_and_bom():
    text, error, warning = decode("a\r\nb\rc\ufeff“d”".encode("utf-8"))
    assert (text, error, warning) == ("a\r\nb\rc\ufeff“d”", None, None)


def test_decode_cp1252_fallback_warns():
    text, error, warning = decode(b"He said \x93no\x94")
    assert text == "He said “no”" and error is None
    assert "cp1252" in warning and "byte 8" in warning


def test_decode_refuses_binary():
    assert decode(b"\x89PNG\r\n\x1a\n\x00\x00")[1].startswith("binary")
    assert decode(bytes(range(1, 32)) * 10)[1].startswith("binary")
    assert decode(b"")[0] == ""


def test_read_file_errors(tmp_path):
    assert read_file(tmp_path / "missing.txt").error == "no such file"
    assert "directory" in read_file(tmp_path).error


def test_directory_recursive_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two", encoding="utf-8")
    (tmp_path / "1.txt").write_text("one", encoding="utf-8")
    (tmp_path / "skip.md").write_text("no", encoding="utf-8")
    docs = list(iter_documents([str(tmp_path)]))
    assert [d.text for d in docs] == ["one", "two"]
    empty = tmp_path / "empty"
    empty.mkdir()
    (doc,) = iter_documents([str(empty)])
    assert doc.error and "no *.txt" in doc.error


def test_jsonl_records(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(json.dumps({"id": 7, "text": "a\r\nb"}).encode() + b"\n\n"
                     + b'{"text": "no id"}\r\n' + b"[1, 2]\n" + b"\xff\n")
    docs = list(iter_documents([str(path)]))
    assert [d.id for d in docs] == ["7", f"{path}:3", f"{path}:4", f"{path}:5"]
    assert docs[0].text == "a\r\nb" and docs[1].text == "no id"
    assert docs[2].error and docs[3].error and "UTF-8" in docs[3].error


def test_stdin():
    (doc,) = iter_documents(["-"], stdin=io.BytesIO("“x” said y".encode()))
    assert doc.id == "-" and doc.text == "“x” said y"
