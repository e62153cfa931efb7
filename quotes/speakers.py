"""Speaker entities: mentions in text order become entities.

Names merge when they can be the same person (rapidfuzz, one cdist over every name word);
descriptions ("the worried mother") join the entity with the same head noun, role nouns
("the Russian leader") the person last named, pronouns the last compatible person.
A mention never merges two existing entities, so "Obama" cannot join Barack and Michelle.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from .mentions import Mention

SAME_WORD = 85  # rapidfuzz ratio at which two name words are spelling variants (Zelensky/Zelenskyy)
_POSSESSIVE_DETS = frozenset("his her their my our your its".split())
_PLURAL_PRONOUNS = frozenset("they them we us".split())


@dataclass
class Entity:
    id: str
    mentions: list[Mention] = field(default_factory=list)
    gender: str | None = None
    cited: bool = False  # speaks or is spoken to in some quote

    @property
    def names(self) -> list[str]:
        return [m.name for m in self.mentions if m.kind == "named"]

    @property
    def heads(self) -> set[str]:
        return {m.head for m in self.mentions if m.kind == "nominal"}

    @property
    def last(self) -> int:
        return self.mentions[-1].start

    @property
    def name(self) -> str:
        names = self.names
        if names:
            return max(names, key=lambda n: (len(n.split()), len(n)))
        nominal = [m for m in self.mentions if m.kind == "nominal"]
        return _strip_det(min(nominal, key=lambda m: len(m.text)).text) if nominal else self.mentions[0].text

    @property
    def aliases(self) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            if m.kind != "pronoun":
                seen.setdefault(m.text, None)
                if m.name:
                    seen.setdefault(m.name, None)
        return list(seen)


def _strip_det(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if rest and first.lower() in {"a", "an", "the", *_POSSESSIVE_DETS} else text


class NameIndex:
    """Word-level similarity of every name word, computed once with one cdist."""

    def __init__(self, names: list[str]):
        words = sorted({w.lower() for n in names for w in n.split()})
        self.index = {w: i for i, w in enumerate(words)}
        self.sim = process.cdist(words, words, scorer=fuzz.ratio, dtype=np.uint8) if words else None

    def same_word(self, a: str, b: str) -> bool:
        a, b = a.lower(), b.lower()
        if a == b:
            return True
        if len(a) <= 2 or len(b) <= 2:  # initials: "J." matches "John"
            return a.rstrip(".")[:1] == b.rstrip(".")[:1] and (len(a.rstrip(".")) == 1 or len(b.rstrip(".")) == 1)
        return self.sim[self.index[a], self.index[b]] >= SAME_WORD

    def compatible(self, a: str, b: str) -> bool:
        """Can the names a and b belong to one person?"""
        wa, wb = a.split(), b.split()
        if len(wa) == 1 and len(wb) == 1:
            return self.same_word(wa[0], wb[0])
        if len(wa) == 1 or len(wb) == 1:
            single, full = (wa[0], wb) if len(wa) == 1 else (wb[0], wa)
            return self.same_word(single, full[-1]) or self.same_word(single, full[0])
        return self.same_word(wa[-1], wb[-1]) and self.same_word(wa[0], wb[0])


class SpeakerResolver:
    def __init__(self, lexicons: dict[str, frozenset[str]], names: list[str]):
        self.roles = lexicons.get("roles", frozenset())
        self.female = lexicons.get("female", frozenset())
        self.male = lexicons.get("male", frozenset())
        self.names = NameIndex(names)
        self.entities: list[Entity] = []

    def add(self, m: Mention, exclude: Entity | None = None, create: bool = True) -> Entity | None:
        """Attach a mention (given in text order) to an entity, creating one when needed and allowed."""
        entity = {"named": self._named, "nominal": self._nominal, "pronoun": self._pronoun}[m.kind](m, exclude)
        if entity is None and create and m.kind != "pronoun":
            entity = Entity(id=f"S{len(self.entities) + 1}")
            self.entities.append(entity)
        if entity is not None:
            entity.mentions.append(m)
            entity.gender = entity.gender or self._gender(m)
        return entity

    def is_person(self, m: Mention) -> bool:
        """A single, specific person: worth an entity even when only spoken to ("his mother")."""
        if m.kind == "named":
            return True
        return m.kind == "nominal" and not m.plural and (m.head in self.roles or self._gender(m) is not None)

    def _recent(self, candidates, m: Mention, exclude) -> Entity | None:
        pool = [e for e in candidates if e is not exclude and e.mentions and e.last <= m.start]
        return max(pool, key=lambda e: e.last) if pool else None

    def _named(self, m: Mention, exclude) -> Entity | None:
        fits = [e for e in self.entities if e.names and self._fits_all(m.name, e)]
        return self._recent(fits, m, None) or (fits[0] if fits else None)

    def _fits_all(self, name: str, e: Entity) -> bool:
        names = e.names
        full = [n for n in names if len(n.split()) > 1]
        # Every full name of the entity must allow this one; one compatible surname is not enough.
        return all(self.names.compatible(name, n) for n in full) and any(self.names.compatible(name, n) for n in names)

    def _nominal(self, m: Mention, exclude) -> Entity | None:
        if not m.definite:
            return None
        same_head = self._recent([e for e in self.entities if m.head in e.heads], m, exclude)
        if same_head or m.text.split()[0].lower() in _POSSESSIVE_DETS:
            return same_head
        if m.head in self.roles or m.head.endswith("-old"):
            people = [e for e in self.entities if e.names and self._gender_ok(e, self._gender(m))]
            return self._recent(people, m, exclude)
        return None

    def _pronoun(self, m: Mention, exclude) -> Entity | None:
        word = m.text.lower()
        if word in ("i", "me", "you"):
            return None
        gender = self._gender(m)
        if word in _PLURAL_PRONOUNS:
            pool = self.entities
        else:
            pool = [e for e in self.entities if self._gender_ok(e, gender)]
        return self._recent(pool, m, exclude)

    def _gender(self, m: Mention) -> str | None:
        # The head decides ("her son" is male); other words only when the head says nothing.
        for words in ({m.head}, {w.lower().strip(".") for w in m.text.split()}):
            if words & self.female and not words & self.male:
                return "f"
            if words & self.male and not words & self.female:
                return "m"
        return None

    @staticmethod
    def _gender_ok(e: Entity, gender: str | None) -> bool:
        return gender is None or e.gender is None or e.gender == gender
