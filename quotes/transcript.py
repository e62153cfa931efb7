"""Transcript turns: lines that open with a speaker's label ("Q:", "SMITH:", "CALLER (KEITH,
BYFORD):"). Everything on such a line is that speaker's speech, so the people it mentions are
talked about inside the speech, not in the reporter's narration."""
from __future__ import annotations

import re
from bisect import bisect_right

# A label is Q or A, or a name in capitals, optionally with a note in brackets, then a colon.
_LABEL = re.compile(r"(?:[QA]|[A-Z][A-Z.'’ -]{0,40}[A-Z](?: \([^()\n]{1,60}\))?):\s")


class Turns:
    """Which transcript turn, if any, holds a character offset."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]]):
        self.spans = [(s, e) for s, e in paragraphs if _LABEL.match(text, s)]
        self.starts = [s for s, _ in self.spans]

    def of(self, char: int) -> int | None:
        k = bisect_right(self.starts, char) - 1
        return k if k >= 0 and char < self.spans[k][1] else None
