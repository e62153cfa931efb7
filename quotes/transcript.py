"""Transcript turns: lines that open with a speaker's label ("Q:", "SMITH:", "CALLER (KEITH,
BYFORD):"). Everything on such a line is that speaker's speech, so the people it mentions are
talked about inside the speech, not in the reporter's narration, and its "I" is the speaker."""
from __future__ import annotations

import re
from bisect import bisect_right

# A label is Q or A, or a name in capitals, optionally with a note in brackets, then a colon.
_LABEL = re.compile(r"([QA]|[A-Z][A-Z.'’ -]{0,40}[A-Z])(?: \(([^()\n]{1,60})\))?:\s")
# Labels that name a job, not a person; the note in brackets may then name them ("HOST (GARY …)").
_JOBS = frozenset("HOST ANCHOR PRESENTER CALLER REPORTER CORRESPONDENT INTERVIEWER GUEST VOICE".split())


class Turns:
    """Which transcript turn, if any, holds a character offset, and who speaks it."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]], interviewee: str | None = None):
        self.spans, self.labels = [], []
        introduced: dict[str, str | None] = {}  # a long transcript repeats "REPORTER:" hundreds of times
        for s, e in paragraphs:
            found = _LABEL.match(text, s)
            if found:
                self.spans.append((s, e))
                label = _speaker(found.group(1), found.group(2), interviewee)
                job = found.group(1)
                if label is None and job not in introduced:
                    introduced[job] = _introduced(text, job)
                self.labels.append(label or introduced.get(job))
        self.starts = [s for s, _ in self.spans]

    def of(self, char: int) -> int | None:
        k = bisect_right(self.starts, char) - 1
        return k if k >= 0 and char < self.spans[k][1] else None

    def speaker(self, char: int) -> str | None:
        """The name of whoever speaks the turn holding char: "A:" is the interviewee."""
        k = self.of(char)
        return self.labels[k] if k is not None else None


def _introduced(text: str, label: str) -> str | None:
    """A job label with no name is whoever the broadcast introduces by that job: "Our reporter
    Sam Okafor has been following the search" makes "REPORTER:" Sam Okafor."""
    if label not in _JOBS:
        return None
    found = re.search(rf"\b(?i:{label.lower()}),? ((?:[A-Z][\w'’-]+ ){{0,2}}[A-Z][\w'’-]+)", text)
    return found.group(1) if found else None


def _speaker(label: str, note: str | None, interviewee: str | None) -> str | None:
    if label == "A":
        return interviewee
    if label == "Q":
        return None
    if note and label in _JOBS:
        name = note.split(",")[0].strip()
        return name.title() if name.replace(" ", "").replace("-", "").isalpha() else None
    return None if label in _JOBS else label.title()
