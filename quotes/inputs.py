"""Reading documents: files, directories of *.txt, JSONL records and standard input.

A document that cannot be read becomes a Document with an error, so one bad input never
stops a batch. Text is decoded without newline translation: offsets stay true to the file."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

FALLBACK_ENCODING = "cp1252"


@dataclass(frozen=True)
class Document:
    id: str
    text: str | None
    error: str | None = None
    warning: str | None = None


def iter_documents(sources: list[str], stdin: BinaryIO | None = None) -> Iterator[Document]:
    for source in sources:
        if source == "-":
            yield from _from_bytes("-", (stdin or sys.stdin.buffer).read())
            continue
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not files:
                yield Document(source, None, "directory holds no *.txt files")
            for file in files:
                yield read_file(file)
        elif path.suffix == ".jsonl" and path.is_file():
            yield from _jsonl(path)
        else:
            yield read_file(path)


def read_file(path: Path) -> Document:
    name = str(path)
    if not path.exists():
        return Document(name, None, "no such file")
    if path.is_dir():
        return Document(name, None, "is a directory, not a file")
    try:
        data = path.read_bytes()
    except OSError as err:
        return Document(name, None, f"cannot read: {err.strerror or err}")
    return next(_from_bytes(name, data))


def decode(data: bytes) -> tuple[str | None, str | None, str | None]:
    """(text, error, warning). Binary data is refused rather than turned into mojibake."""
    if b"\x00" in data[:8192] or _control_ratio(data[:8192]) > 0.1:
        return None, "binary file, not text", None
    try:
        return data.decode("utf-8"), None, None
    except UnicodeDecodeError as err:
        try:
            return data.decode(FALLBACK_ENCODING), None, (
                f"not UTF-8 (byte {err.start}); decoded as {FALLBACK_ENCODING}: offsets index the decoded text")
        except UnicodeDecodeError:
            return None, f"not UTF-8 and not {FALLBACK_ENCODING} (byte {err.start})", None


def _from_bytes(name: str, data: bytes) -> Iterator[Document]:
    text, error, warning = decode(data)
    yield Document(name, text, error, warning)


def _control_ratio(chunk: bytes) -> float:
    if not chunk:
        return 0.0
    bad = sum(1 for b in chunk if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(chunk)


def _jsonl(path: Path) -> Iterator[Document]:
    """One Document per non-blank line; a bad line becomes an error Document for that line
    (named file:line), and the other lines are still read."""
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Document(str(path), None, f"cannot read: {err.strerror or err}")
        return
    for number, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            yield Document(f"{path}:{number}", None, f"line is not UTF-8 (byte {err.start})")
            continue
        yield _record(path, number, line)


def _record(path: Path, number: int, line: str) -> Document:
    where = f"{path}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return Document(where, None, f"invalid JSON: {err.msg}")
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        doc_id = str(record.get("id", where)) if isinstance(record, dict) else where
        return Document(doc_id, None, ("" if doc_id == where else f"line {number}: ")
                        + 'a JSONL record needs a "text" string (and an "id")')
    return Document(str(record.get("id", where)), record["text"])
