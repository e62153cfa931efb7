"""Output formats. Writers stream: each document is written as soon as it is done."""
from __future__ import annotations

import csv
import json
import shutil
import textwrap
from typing import Any, TextIO

from .records import Result

FORMATS = ("json", "jsonl", "csv", "table")
CSV_FIELDS = ["doc", "quote", "start", "end", "kind", "speaker", "speaker_name", "speaker_text", "addressee",
              "cue", "rule", "confidence", "group", "text"]


def error_record(doc_id: str, reason: str) -> dict[str, Any]:
    return {"id": doc_id, "error": reason, "quotes": [], "speakers": []}


class Writer:
    def __init__(self, out: TextIO, many: bool):
        self.out, self.many = out, many

    def result(self, result: Result) -> None:
        raise NotImplementedError

    def error(self, doc_id: str, reason: str) -> None:
        """Failed documents stay visible in the data only where the format can say so."""

    def close(self) -> None:
        pass


class JsonWriter(Writer):
    """One object for one document; a JSON array of objects for several."""

    def __init__(self, out, many):
        super().__init__(out, many)
        self.count = 0
        self.closed = False
        if many:
            out.write("[")

    def _emit(self, obj: dict) -> None:
        if self.many:
            self.out.write((",\n" if self.count else "\n") + json.dumps(obj, ensure_ascii=False, indent=1))
        else:
            self.out.write(json.dumps(obj, ensure_ascii=False, indent=1) + "\n")
        self.out.flush()
        self.count += 1

    def result(self, result):
        self._emit(result.to_dict())

    def error(self, doc_id, reason):
        self._emit(error_record(doc_id, reason))

    def close(self):
        if self.many and not self.closed:
            self.out.write("\n]\n")
            self.out.flush()
        self.closed = True


class JsonlWriter(Writer):
    def result(self, result):
        self._line(result.to_dict())

    def error(self, doc_id, reason):
        self._line(error_record(doc_id, reason))

    def _line(self, obj):
        # One complete line at a time, flushed, so an interrupted run leaves valid lines.
        self.out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self.out.flush()


class CsvWriter(Writer):
    def __init__(self, out, many):
        super().__init__(out, many)
        self.csv = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
        self.csv.writeheader()

    def result(self, result):
        for q in result.quotes:
            speaker = result.speaker(q.speaker)
            addressee = result.speaker(q.addressee)
            self.csv.writerow({
                "doc": result.id or "", "quote": q.id, "start": q.start, "end": q.end, "kind": q.kind,
                "speaker": q.speaker or "", "speaker_name": speaker.name if speaker else "",
                "speaker_text": q.speaker_text or "", "addressee": addressee.name if addressee else (q.addressee or ""),
                "cue": q.cue or "", "rule": q.rule or "", "confidence": q.confidence, "group": q.group, "text": q.text})


class TableWriter(Writer):
    def result(self, result):
        width = max(60, min(shutil.get_terminal_size((100, 20)).columns, 160))
        if self.many:
            self.out.write(f"== {result.id}\n")
        head = f"{'#':>3}  {'speaker':<22} {'cue':<10} {'kind':<8} {'rule':<22} quote"
        self.out.write(head + "\n" + "-" * min(width, 120) + "\n")
        room = max(20, width - 72)
        for n, q in enumerate(result.quotes, 1):
            speaker = result.speaker(q.speaker)
            who = speaker.name if speaker else "—"
            words = textwrap.shorten(q.text.replace("\n", " "), room, placeholder="…")
            self.out.write(f"{n:>3}  {who[:22]:<22} {(q.cue or '')[:10]:<10} {q.kind[:8]:<8} "
                           f"{(q.rule or '')[:22]:<22} {words}\n")
        self.out.write(f"\n{len(result.quotes)} quotes, {len(result.speakers)} speakers\n")
        for s in result.speakers:
            others = [a for a in s.aliases if a != s.name]
            self.out.write(f"  {s.id:<4} {s.name}" + (f"  ({', '.join(others)})" if others else "") + "\n")
        self.out.write("\n")


def make_writer(fmt: str, out: TextIO, many: bool) -> Writer:
    return {"json": JsonWriter, "jsonl": JsonlWriter, "csv": CsvWriter, "table": TableWriter}[fmt](out, many)
