"""Typed result records. Offsets are character indices into the original input text."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class NestedQuote:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quote:
    id: str
    start: int  # the opening mark
    end: int  # exclusive: past the closing mark, or the paragraph end when the quote runs on
    text: str  # the words between the marks
    speaker: str | None  # Speaker.id
    speaker_text: str | None  # the phrase that names the speaker here ("he", "the Russian leader")
    addressee: str | None  # Speaker.id when the addressee is a known entity, else the phrase
    cue: str | None
    rule: str | None  # id of the rule that decided
    confidence: float
    kind: str  # direct | partial | scare | title | nickname
    paragraph: int
    group: str  # id of the first segment of a multi-part quote (its own id otherwise)
    open_mark: str
    close_mark: str  # "" when the quote runs on into the next paragraph
    speaker_start: int | None = None
    speaker_end: int | None = None
    nested: tuple[NestedQuote, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["nested"] = [asdict(n) for n in self.nested]
        return out


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[tuple[int, int], ...]  # (start, end) of every mention linked to this entity
    quotes: int  # how many quotes this entity speaks

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "aliases": list(self.aliases),
                "mentions": [list(m) for m in self.mentions], "quotes": self.quotes}


@dataclass(frozen=True)
class Result:
    quotes: tuple[Quote, ...]
    speakers: tuple[Speaker, ...]
    id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        return next((s for s in self.speakers if s.id == speaker_id), None)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id} if self.id is not None else {}
        out["quotes"] = [q.to_dict() for q in self.quotes]
        out["speakers"] = [s.to_dict() for s in self.speakers]
        if self.meta:
            out["meta"] = self.meta
        return out
