"""One matcher facade over a RuleBook: spaCy Matcher for token rules, DependencyMatcher
for dependency rules, both run once per Doc. Yields role-labelled matches; deciding which
quote a match belongs to is the sieves' job."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from .annotate import register_extensions
from .rulebook import Rule, RuleBook


@dataclass(frozen=True)
class RuleMatch:
    rule: Rule
    speaker: Token | None
    cue: Token | None
    addressee: Token | None
    quote: int | None  # the quote a pattern names directly (token rules), else None

    @property
    def anchor(self) -> Token | None:
        return self.cue or self.speaker


class RuleMatcher:
    def __init__(self, rulebook: RuleBook, vocab: Vocab):
        register_extensions()
        self.rules = {r.id: r for r in rulebook.rules}
        self.token = Matcher(vocab)
        self.dependency = DependencyMatcher(vocab)
        for rule in rulebook.rules:
            if rule.kind in ("token", "suppress"):
                self.token.add(rule.id, [rule.pattern], greedy="LONGEST")
            elif rule.kind == "dependency":
                self.dependency.add(rule.id, [rule.pattern])

    def __call__(self, doc: Doc) -> dict[str, list[RuleMatch]]:
        found: dict[str, list[RuleMatch]] = defaultdict(list)
        strings = doc.vocab.strings
        for key, start, _end, align in self.token(doc, with_alignments=True):
            rule = self.rules[strings[key]]
            match = _token_match(rule, doc, start, align)
            if match:
                found[rule.id].append(match)
        for key, token_ids in self.dependency(doc):
            rule = self.rules[strings[key]]
            names = [node["RIGHT_ID"] for node in rule.pattern]
            match = _build(rule, {n: doc[i] for n, i in zip(names, token_ids)})
            if match:
                found[rule.id].append(match)
        return found


def _token_match(rule: Rule, doc: Doc, start: int, align: list[int]) -> RuleMatch | None:
    # Several tokens may fill one pattern slot ("OP": "+"); the last is the phrase's head
    # in English noun phrases, so it stands for the role.
    chosen: dict[str, Token] = {}
    for role, index in (rule.roles or {}).items():
        tokens = [doc[start + k] for k, slot in enumerate(align) if slot == index]
        if tokens:
            chosen[role] = tokens[-1] if role != "quote" else tokens[0]
    return _build(rule, chosen)


def _build(rule: Rule, roles: dict[str, Token]) -> RuleMatch | None:
    people = [roles.get(r) for r in ("speaker", "cue", "addressee")]
    # Attribution stands outside the quotation: a cue inside the quote is the quote's content.
    if any(t is not None and t._.quote is not None for t in people):
        return None
    quote_tok = roles.get("quote")
    return RuleMatch(rule, roles.get("speaker"), roles.get("cue"), roles.get("addressee"),
                     quote_tok._.quote if quote_tok is not None else None)
