"""Running the examples every rule carries: the rule must decide its own example correctly."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .extractor import Extractor
from .records import Quote, Result
from .rulebook import Example, Rule


@dataclass(frozen=True)
class Outcome:
    rule: str
    example: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def run_examples(extractor: Extractor, rules: list[Rule] | None = None) -> Iterator[Outcome]:
    for rule in rules if rules is not None else extractor.rulebook.rules:
        for example in rule.examples:
            yield check_example(extractor, rule, example)


def check_example(extractor: Extractor, rule: Rule, example: Example) -> Outcome:
    result = extractor(example.text)
    quote = _pick(result, example)
    if quote is None:
        return Outcome(rule.id, example.text, (f"no quote {example.quote!r} found" if example.quote else "no quote found",))
    problems = []
    if quote.rule != rule.id:
        problems.append(f"decided by {quote.rule!r}, not by this rule")
    problems += _compare("speaker", example.speaker, _names(result, quote.speaker), quote.speaker is None)
    if example.addressee is not None:
        problems += _compare("addressee", example.addressee, _names(result, quote.addressee), quote.addressee is None)
    if example.cue is not None and (quote.cue or "").lower() != example.cue.lower():
        problems.append(f"cue {quote.cue!r}, expected {example.cue!r}")
    if example.kind is not None and quote.kind != example.kind:
        problems.append(f"kind {quote.kind!r}, expected {example.kind!r}")
    return Outcome(rule.id, example.text, tuple(problems))


def _pick(result: Result, example: Example) -> Quote | None:
    if example.quote is None:
        return result.quotes[0] if result.quotes else None
    want = example.quote.strip()
    return next((q for q in result.quotes if q.text.strip() == want), None)


def _names(result: Result, value: str | None) -> list[str]:
    speaker = result.speaker(value)
    if speaker is not None:
        return [speaker.name, *speaker.aliases]
    return [value] if value else []


def _compare(role: str, want: str | None, names: list[str], empty: bool) -> list[str]:
    if want is None:
        return [] if empty else [f"{role} {names[:2]}, expected none"]
    if any(want.lower() in n.lower() for n in names):
        return []
    return [f"{role} {names[:2] or None}, expected one containing {want!r}"]
