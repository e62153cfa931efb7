"""Where things sit in the article, for speaker resolution: transcript turns and the lede."""
from __future__ import annotations

from dataclasses import dataclass

from .transcript import Turns


@dataclass(frozen=True)
class Page:
    turns: Turns | None = None
    lede: tuple[int, int] | None = None  # the first paragraph of the story proper (after a headline)
    after_lede: int | None = None  # where the paragraph after the lede starts
    places: frozenset[str] = frozenset()  # one-word names the article uses as places ("from Doncaster")
    writer: str | None = None  # "Harriet Doyle meets Lenny Mensah": the narration's "I"

    @classmethod
    def of(cls, text: str, lines: list[tuple[int, int]], headline: bool, interviewee: str | None,
           places: frozenset[str] = frozenset(), writer: str | None = None) -> "Page":
        first = 1 if headline else 0
        lede = lines[first] if first < len(lines) else None
        after = lines[first + 1][0] if first + 1 < len(lines) else None
        return cls(Turns(text, lines, interviewee), lede, after, places, writer)

    def in_headline(self, char: int) -> bool:
        return self.lede is not None and char < self.lede[0]

    def in_lede(self, char: int) -> bool:
        return self.lede is not None and self.lede[0] <= char < self.lede[1]
