"""Speaker entities: mentions, read in text order, become entities.

Names merge when they can be the same person (rapidfuzz, one cdist over every name word);
descriptions ("the worried mother") join the entity with the same head noun; role nouns
("the Russian leader") and pronouns join the most salient person before them: the subject
of the nearest earlier sentence that names someone compatible. A mention never merges two
existing named entities, so "Obama" cannot join Barack and Michelle.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from .mentions import OWNERS, Mention, same_place
from .page import Page

NEAR = 300  # characters: a pronoun this close after a description of unknown sex may still mean it
SAME_WORD = 85  # rapidfuzz ratio at which two name words are spelling variants (Zelensky/Zelenskyy)
_PLURAL_PRONOUNS = frozenset("they them we us".split())
_THING_PRONOUNS = frozenset("it its".split())


@dataclass
class Entity:
    id: str
    mentions: list[Mention] = field(default_factory=list)
    gender: str | None = None
    person: bool = False
    merged_into: "Entity | None" = None
    name_index: dict = field(default_factory=dict)  # distinct names, kept as mentions arrive
    labels: dict = field(default_factory=dict)  # how often NER gave each label to the mentions
    bare: set = field(default_factory=set)  # surnames the article calls this entity by alone ("Quarrington")
    kin_of: list = field(default_factory=list)  # (kin word, entity, its sex): "told his mother" makes her his mother

    @property
    def names(self) -> list[str]:
        """Distinct names, in order: a name said 5,000 times is compared once."""
        return list(self.name_index)

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
        # The shortest description, but "the harbourmaster" before "the 62-year-old", and "a soldier"
        # before "her son" (a relation says whose, not who).
        best = min(nominal, key=lambda m: (m.age is not None, m.owned, len(m.text))) if nominal else None
        return _strip_det(best.text) if best else self.mentions[0].text

    @property
    def aliases(self) -> list[str]:
        seen: dict[str, None] = {}
        for m in sorted(self.mentions, key=lambda m: m.start):
            if m.kind != "pronoun":
                seen.setdefault(m.text, None)
                if m.name:
                    seen.setdefault(m.name, None)
        return list(seen)

    def final(self) -> "Entity":
        return self.merged_into.final() if self.merged_into else self


def _strip_det(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if rest and first.lower() in {"a", "an", "the", *OWNERS} else text


def _fold(word: str) -> str:
    """One spelling for the variants of a name word: accents dropped ("Terzić" is "Terzic") and
    the French-style ending of Russian names ("Dragunoff" is "Dragunov")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    return plain[:-2] + "v" if plain.endswith("off") or plain.endswith("eff") else plain


class NameIndex:
    """Word-level similarity of every name word, computed once with one cdist."""

    def __init__(self, names: list[str]):
        words = sorted({_fold(w) for n in names for w in n.split()})
        self.index = {w: i for i, w in enumerate(words)}
        self.sim = process.cdist(words, words, scorer=fuzz.ratio, dtype=np.uint8) if words else None

    def same_word(self, a: str, b: str) -> bool:
        a, b = _fold(a), _fold(b)
        if a == b:
            return True
        if len(a.rstrip(".")) == 1 or len(b.rstrip(".")) == 1:  # initials: "J." matches "John"
            return a[:1] == b[:1]
        if a not in self.index or b not in self.index:
            return False
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
    def __init__(self, lexicons: dict[str, frozenset[str]], named: list[Mention],
                 first_names: dict[str, str] | None = None, page: Page | None = None):
        self.roles = lexicons.get("roles", frozenset())
        self.female = lexicons.get("female", frozenset())
        self.male = lexicons.get("male", frozenset())
        self.titles = lexicons.get("titles", frozenset())
        self.ranks = lexicons.get("ranks", frozenset())
        self.dying = lexicons.get("dying", frozenset())
        self.same_posts = {w: set(group.split()) for group in lexicons.get("same_posts", ()) for w in group.split()}
        self.bodies = lexicons.get("bodies", frozenset())
        self.org_words = lexicons.get("organisation_words", frozenset())
        self.place_words = lexicons.get("place_words", frozenset())
        self.thing_words = self.org_words | self.place_words
        self.defendant_deeds = lexicons.get("defendant_deeds", frozenset())
        self.spokespeople = lexicons.get("spokespeople", frozenset())
        self.kin = lexicons.get("kin", frozenset())
        self.cues = lexicons.get("cues", frozenset())
        self.named_bodies = lexicons.get("named_bodies", frozenset())
        self.female_names = lexicons.get("female_names", frozenset())
        self.male_names = lexicons.get("male_names", frozenset())
        self.named = named  # every mention by name, in text order, to look ahead at
        names = [m.name for m in named]
        self.names = NameIndex(names)
        self.surnames = {n.split()[-1].lower() for n in names if len(n.split()) > 1}
        self.first_names = first_names or {}  # first name -> the gender the article gives it
        self.page = page or Page()
        self.turns = self.page.turns
        self.entities: list[Entity] = []
        self.history: list[tuple[Mention, Entity]] = []

    # ------------------------------------------------------------ adding mentions
    def add(self, m: Mention, exclude: Entity | None = None, create: bool = True) -> Entity | None:
        """Attach a mention (given in text order) to an entity, creating one when needed and allowed."""
        if m.appos is not None and (m.appos.kind == "named" or m.appos.head in self.bodies) and m.kind != "named":
            entity = self.add(m.appos, exclude, create)  # "His mother, Maria Kessler": the name decides
            if entity is not None:
                # "A spokeswoman for the council" lets the council speak ("she added"), not be a woman.
                self.attach(m, entity, sexed=m.head not in self.spokespeople)
            return entity
        finder = {"named": self._named, "nominal": self._nominal, "pronoun": self._pronoun}[m.kind]
        entity = finder(m, exclude)
        if entity is None and create and m.kind != "pronoun":
            entity = Entity(id=f"E{len(self.entities) + 1}")
            self.entities.append(entity)
        if entity is not None:
            self.attach(m, entity)
            # Two names side by side are two people ("a letter to Owain Telford, Carradine, 58,
            # wrote"), whatever the parse hung on which.
            if m.appos is not None and not (m.kind == "named" and m.appos.kind == "named"):
                self.attach(m.appos, entity)
        return entity

    def attach(self, m: Mention, entity: Entity, sexed: bool = True) -> None:
        entity.mentions.append(m)
        entity.labels[m.label] = entity.labels.get(m.label, 0) + 1
        if m.kind == "named":
            entity.name_index.setdefault(m.name, None)
            if m.text == m.name and " " not in m.name:
                entity.bare.add(m.name)
        if sexed:
            entity.gender = entity.gender or self._gender(m) or self._first_name_gender(m)
        entity.person = entity.person or self.is_person(m)
        self._note_kin(m, entity)
        if not m.background:
            self.history.append((m, entity))

    def _note_kin(self, m: Mention, entity: Entity) -> None:
        """"Desmond Hale last saw his daughter Sandra": Sandra is Hale's daughter."""
        if m.owner is None or m.head not in self.kin:
            return
        owner = next((e for x, e in reversed(self.history) if x.start == m.owner), None)
        sex = _owner_sex(m)
        if owner is not None and owner is not entity and self._gender_ok(owner, sex):
            entity.kin_of.append((m.head, owner, sex or owner.gender))
            if m.head in _SPOUSES:
                _married_name(entity, owner)

    def is_person(self, m: Mention) -> bool:
        """A single, specific person: worth an entity even when only spoken to ("his mother")."""
        if m.kind == "named":
            # The small model's NER often misses invented names ("Adeyinka" as ORG), so a title, a
            # gendered pronoun after the name, or a one-word name speaking also make a person.
            if self._ends_in(m.name, self.thing_words) or m.neuter:  # "Wyvern Water has had engineers"
                return False
            if self._the_place(m.text):  # "the River Callow"
                return False
            if m.name.lower() in self.page.places:  # "Doncaster" of "a grandmother from Doncaster"
                return False
            if m.label == "PERSON" or self._titles(m) or m.pronoun_hint or m.age is not None:
                return True
            if self._first_name_gender(m) is not None:  # "Agnes Morrow has made glass", NER said LOC
                return True
            if not m.label and len(m.name.split()) == 2 and m.subject:  # "Anders Lykke scored", NER silent
                return True
            return m.talker and m.label not in ("GPE", "FAC", "LOC", "PRODUCT", "WORK_OF_ART") and len(m.name.split()) <= 3
        if m.kind == "pronoun":
            return m.text.lower() in ("he", "she", "him", "her")
        if m.head in self.bodies and m.head not in self.roles:  # "The council said …": a body, never "he"
            return False
        return not m.plural and (m.role or m.talker or self._gender(m) is not None)

    @staticmethod
    def _ends_in(name: str, words: frozenset[str]) -> bool:
        """"Halvorsen Foods", "Wyvern Water" end in an organisation word, "Victoria Street" in a
        place word: that decides what they are, whatever NER said."""
        last = name.lower().split()[-1:]
        return bool(last) and last[0] in words

    def _the_place(self, text: str) -> bool:
        """"the River Callow", "the Mount of Olives": a name with "the" and a place word first is a
        place (a person's name takes no article; "River Phoenix" does without one)."""
        words = text.lower().split()
        return len(words) > 2 and words[0] == "the" and words[1] in self.place_words

    def _place(self, e: Entity) -> bool:
        return self._ends_in(e.name, self.place_words) or any(self._the_place(a) for a in e.aliases) or (
            sum(e.labels.get(k, 0) for k in ("GPE", "LOC", "FAC")) > max(e.labels.get("ORG", 0), e.labels.get("", 0)))

    # ------------------------------------------------------------ finding entities
    def _named(self, m: Mention, exclude) -> Entity | None:
        gender = self._gender(m)
        fits = [e for e in self.entities if e.names and self._fits_all(m.name, e) and self._gender_ok(e, gender)]
        if not fits:
            return None
        # "Dr Ambrose" is the Ambrose introduced as "Dr Ruth Ambrose", whoever was named last.
        titles = self._titles(m)
        titled = [e for e in fits if titles and any(titles & self._titles(x) for x in e.mentions)]
        # A surname alone goes on meaning whoever the article already calls by it alone: the
        # piece's subject, not the husband just named in full.
        bare = m.text == m.name  # "Lusk", not "Mrs Lusk"
        senior = _seniority(m, titled or fits)
        if senior is not None:
            return senior
        return max(titled or fits, key=lambda e: (gender is not None and e.gender == gender,
                                                  bare and m.name in e.bare, e.last))

    def named_entity(self, m: Mention) -> Entity | None:
        """The entity a name would join now, without adding it."""
        return self._named(m, None)

    def _holds(self, e: Entity, head: str, rank: frozenset[str] | None = None) -> bool:
        """Holds the post; at that rank, when one is given ("foreign minister" is not "deputy
        foreign minister")."""
        return any(self._holds_post(a, head) and (rank is None or self._rank_of(a) == rank)
                   for a in e.aliases)

    def _fits(self, e: Entity, head: str, rank: frozenset[str] | None = None) -> bool:
        """Holds the post, or has the age the noun says ("the pensioner" is "Joyce Hebden, 79")."""
        return self._holds(e, head, rank) or any(x.age in _AGE_NOUNS.get(head, ()) for x in e.mentions)

    def _holds_post(self, alias: str, head: str) -> bool:
        """Is the alias a description by this post? "deputy governor" is not "governor"."""
        raw = alias.lower().split()
        words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in raw]
        post = head.split()
        for i in range(len(words) - len(post) + 1):
            owner = raw[i + len(post) - 1] != words[i + len(post) - 1]  # "Brackwell Coroner’s Court": no coroner
            ranked = i and words[i - 1] in self.ranks and len(post) == 1
            if words[i:i + len(post)] == post and not owner and not ranked:
                return True
        return False

    def _titles(self, m: Mention) -> set[str]:
        return {w.lower().strip(".") for w in m.text.split()} & self.titles

    def _fits_all(self, name: str, e: Entity) -> bool:
        names = e.names
        full = [n for n in names if len(n.split()) > 1]
        # Every full name of the entity must allow this one; one compatible surname is not enough.
        return all(self.names.compatible(name, n) for n in full) and any(self.names.compatible(name, n) for n in names)

    def _nominal(self, m: Mention, exclude) -> Entity | None:
        if not m.definite:
            return None
        same_head = self._latest([e for e in self.entities if self._same_description(e, m)], exclude)
        if same_head is not None and not same_head.names and m.role:
            # The headline's "Defence secretary" had no name; the story has since named her.
            holders = [e for e in self.entities if e.names and e is not exclude and self._fits(e, m.head)]
            if len(holders) == 1:
                return holders[0]
        if same_head or m.owned:
            return same_head or self._relative(m, exclude)
        if m.head in self.bodies and not m.plural:
            return self._latest(self._bodies_called(m), exclude)
        # "the scaffolder told Vickery": a definite talker refers back even when its noun is no listed role
        return self._role(m, exclude) if (m.role or m.talker) and not m.plural else None  # "the leaders" are not one person

    def _relative(self, m: Mention, speaker: Entity | None) -> Entity | None:
        """"Gary Tolland told his son": the one other Tolland the article has named who can be his
        son. "His wife" in narration, with no speaker to own it: the one member of a family the
        article has named two of who can be a wife and was not introduced as another relative."""
        if m.head not in self.kin:
            return None
        gender = self._gender(m)
        converse = self._converse(m, speaker, gender)
        if converse is not None or (speaker is not None and not speaker.names):
            return converse
        people = [e for e in self.entities if e.person]
        if speaker is not None:
            family = _surnames(speaker)
        else:
            counts = Counter(name for e in people for name in _surnames(e))
            family = {name for name, n in counts.items() if n > 1}
        kin = [e for e in people if e is not speaker and self._gender_ok(e, gender) and _surnames(e) & family
               and (speaker is not None or not any(x.head in self.kin and x.head != m.head for x in e.mentions))]
        return kin[0] if len(kin) == 1 else None

    def _converse(self, m: Mention, speaker: Entity | None, gender: str | None) -> Entity | None:
        """"A soldier told his mother …" / "the mother told her son": the one the speaker (in
        narration, anyone "her" can be) is the relative of, when the kin words are each other's
        converse (mother and son)."""
        if m.head not in _GENERATION:
            return None
        sex = _owner_sex(m)
        relatives = [speaker] if speaker is not None else [e for e in self.entities if self._gender_ok(e, sex)]
        owners = {id(e): e for r in relatives for word, e, owner_sex in r.kin_of
                  if _GENERATION.get(word, 0) == -_GENERATION[m.head] and gender in (None, owner_sex)
                  and self._gender_ok(e, gender)}
        return next(iter(owners.values())) if len(owners) == 1 else None

    def _bodies(self, m: Mention) -> list[Entity]:
        """Organisations NER named before m; one that "confirmed" something counts as a talker,
        which does not make it a person."""
        # NER calls a firm ORG once and PERSON the next time; the majority decides.
        return [e for e in self.entities if e.names and e.mentions[0].start < m.start and not self._place(e)
                and (e.gender is None or any(x.head in self.spokespeople for x in e.mentions))
                and (e.labels.get("ORG", 0) >= max(1, e.labels.get("PERSON", 0))
                     or self._ends_in(e.name, self.org_words)
                     or any(x.neuter for x in e.mentions))]  # "Brennard Ceramics will close its kiln"

    def _bodies_called(self, m: Mention) -> list[Entity]:
        """"the company" is any organisation named before; "the union" or "the council" only one
        whose name says so (a union is not the logistics firm it strikes against)."""
        bodies = self._bodies(m)
        if m.head not in self.named_bodies:
            # "the airline" is not the "Aircrew Staff Union", whose name says it is another kind of
            # body, and is likelier "Corvale Airways" than the airport named since
            bodies = [e for e in bodies if not self._ends_in(e.name, self.named_bodies)]
            like = [e for e in bodies if any(w.lower().startswith(m.head[:3]) for n in e.names for w in n.split())]
            return like or bodies
        return [e for e in bodies if any(m.head in a.lower().split() for a in e.aliases)]

    def _role(self, m: Mention, exclude) -> Entity | None:
        """"the striker", "the 31-year-old": a person already named, preferring, in turn, one
        introduced with that age, that post, that deed and that country; then the most salient."""
        pool = self._role_candidates(m, exclude)
        ages = range(m.age, m.age + 1) if m.age is not None else _AGE_NOUNS.get(m.head, ())
        # The headline's "dad, 71" sums the story up; the body's "the 71-year-old" is someone the
        # body has named (and the headline's dad joins him when the story is done).
        aged = [e for e in pool if any(x.age in ages for x in e.mentions)
                and (e.names or not all(self.page.in_headline(x.start) for x in e.mentions))]
        if aged:  # "the 63-year-old" is "Desmond Varley, 63,", whoever was named last
            return self._salient(m, aged, exclude)
        if m.role and not self._by_post(m, pool) and self._named_later(m):
            return None  # "The detective leading the inquiry" is the "Detective Inspector Craig Fenner" to come
        for prefer in (self._by_place, self._by_post, self._by_deed, self._by_same_deed):
            pool = prefer(m, pool) or pool
        return self._salient(m, pool, exclude)

    def _role_candidates(self, m: Mention, exclude) -> list[Entity]:
        gender = self._gender(m)
        # An age may describe someone known only by a description ("The harbourmaster … the
        # 62-year-old", "Her husband, now 63, … the 63-year-old").
        return [e for e in self.entities if e.person and e is not exclude and e.mentions[0].start < m.start
                and (e.names or m.age is not None
                     and any(x.role and (x.definite or x.talker) or x.age == m.age for x in e.mentions))
                and self._gender_ok(e, gender) and not any(x.start in m.commanders for x in e.mentions)
                and not _other_age(e, m) and not self._dead(e, m)]

    def _posts(self, m: Mention) -> set[str]:
        """The description's post under all its names ("minister", "secretary")."""
        return self.same_posts.get(m.head, {m.head})

    def _by_post(self, m: Mention, pool: list[Entity]) -> list[Entity]:
        return [e for e in pool if any(self._holds(e, post) for post in self._posts(m))]

    def _named_later(self, m: Mention) -> bool:
        whole = _strip_det(m.text).lower()  # "the Castlemere manager" is not "Fellbrook manager Graham Pellow"
        posts = self._posts(m) if whole == m.head else {whole}
        end = m.start + len(m.text)
        return any(x.start >= end and self._holds_post(x.text, post) for x in self.named for post in posts)

    def _by_deed(self, m: Mention, pool: list[Entity]) -> list[Entity]:
        """"the defendant" is whoever "denied" the charges; "the team's leader" whoever "led the study"."""
        posts = self._posts(m)  # "the anchor" is whoever "presents" the show
        deeds = (self.defendant_deeds if m.head in ("defendant", "accused")
                 else frozenset().union(*(_agent_verbs(post) for post in posts)))
        return [e for e in pool if deeds and any(set(x.deeds) & deeds for x in e.mentions)]

    def _by_same_deed(self, m: Mention, pool: list[Entity]) -> list[Entity]:
        """"said the 27-year-old, who also won the race in 2021" is whoever the article says won."""
        deeds = set(m.deeds) - self.cues
        return [e for e in pool if deeds and any(set(x.deeds) & deeds for x in e.mentions)]

    @staticmethod
    def _by_place(m: Mention, pool: list[Entity]) -> list[Entity]:
        """"the Kessarian leader" is the one introduced "of Kessary", whoever was named last."""
        return [e for e in pool if m.places and any(same_place(m.places, x.places) for x in e.mentions)]

    def _pronoun(self, m: Mention, exclude) -> Entity | None:
        word = m.text.lower()
        if word in ("i", "me", "you", "we", "us"):
            return None
        if word in _THING_PRONOUNS:  # "which it says can be …": the organisation last named or described
            described = [e for e in self.entities if not e.names and any(
                x.kind == "nominal" and x.head in self.bodies and not x.plural for x in e.mentions)]
            bodies = self._bodies(m) + described
            # A body named only in passing ("Shares in Halloway Brewing fell") is still what "its
            # annual report" belongs to when nothing else was named.
            return self._salient(m, bodies, exclude) or (bodies[-1] if len(bodies) == 1 else None)
        if word in _PLURAL_PRONOUNS:  # a group or a body; a street is never "they"
            return self._salient(m, [e for e in self.entities if not e.person and not self._place(e)], exclude)
        gender = self._gender(m)
        people = [e for e in self.entities if e.person and self._gender_ok(e, gender)]
        nearest = self._salient(m, people, exclude)
        if nearest is None or nearest.gender == gender or nearest.names:
            return nearest
        # A description of unknown sex ("the light warns …") is "she" only when it is right
        # before her; further back, the last person known to be a woman is likelier.
        known = self._salient(m, [e for e in people if e.gender == gender], exclude)
        return nearest if known is None or m.start - nearest.last < NEAR else known

    def _dead(self, e: Entity, m: Mention) -> bool:
        """Someone the article has said died is not the one a later description means ("Her
        friend was killed. … the mother-of-three told"); a pronoun may still be ("died in 2009,
        but he'd seen this coming. He wrote: …")."""
        return any(x.start < m.start and set(x.deeds) & self.dying for x in e.mentions)

    def _same_description(self, e: Entity, m: Mention) -> bool:
        """"the worried mother" is "his mother", "the investor" one of the "shareholders"; "the
        union boss" is not the "Brewery boss", nor "the 80-year-old" "the 74-year-old"."""
        heads = self._posts(m)
        return not _other_age(e, m) and any(
            x.kind == "nominal" and (x.plural == m.plural or x.head != m.head) and x.head in heads
            and self._rank(x) == self._rank(m)  # "the deputy minister" is not "the minister"
            and not (x.kinds and m.kinds and not set(x.kinds) & set(m.kinds)) for x in e.mentions)

    def _rank(self, m: Mention) -> frozenset[str]:
        return self._rank_of(m.text)

    def _rank_of(self, text: str) -> frozenset[str]:
        """The rank words of a description, not of its owner: "deputy" in "Its deputy foreign
        minister", nothing in "The prime minister’s spokesman"."""
        own = re.split(r"['’]s\b", text.lower())[-1]
        return frozenset(own.split()) & self.ranks

    @staticmethod
    def _heads(e: Entity, plural: bool) -> set[str]:
        """Head nouns of the entity's descriptions in the same number ("councillors" is not "the councillor")."""
        return {x.head for x in e.mentions if x.kind == "nominal" and x.plural == plural}

    def _latest(self, pool: list[Entity], exclude) -> Entity | None:
        pool = [e for e in pool if e is not exclude]
        return max(pool, key=lambda e: e.last) if pool else None

    def _salient(self, m: Mention, pool: list[Entity], exclude) -> Entity | None:
        """The subject of the nearest earlier sentence that mentions someone in pool, the main
        verb's before a clause's; failing a subject there, that sentence's last such mention."""
        allowed = {id(e) for e in pool if e is not exclude}
        sentence, best = None, None
        turn = self.turns.of(m.start) if self.turns else None
        for prior, entity in reversed(self.history):
            if prior.start >= m.start or id(entity) not in allowed:
                continue
            if self.turns and turn is None and self.turns.of(prior.start) is not None:
                continue  # the narration's "she" is not someone named inside a transcript turn
            if sentence is None:
                sentence, best, rank = prior.sentence, entity, 0
            elif prior.sentence != sentence:
                break
            if prior.subject + prior.main > rank:
                best, rank = entity, prior.subject + prior.main
        return best

    # ------------------------------------------------------------ gender
    def _gender(self, m: Mention) -> str | None:
        # The head decides ("her son" is male); other words only when the head says nothing.
        # An owner's pronoun says nothing of the person: "His lawyer" may be a woman.
        text = {w.lower().strip(".") for w in m.text.split()} - OWNERS
        for words in ({m.head}, {m.described_as}, text):
            if words & self.female and not words & self.male:
                return "f"
            if words & self.male and not words & self.female:
                return "m"
        return m.pronoun_hint

    def _first_name_gender(self, m: Mention) -> str | None:
        """"Kerensa Penhallow" is female when the article says "Kerensa … she", even later on, so
        "Mr Penhallow" can tell her from her grandfather; failing that, a given name that is
        almost always a woman's or a man's."""
        words = m.name.split() if m.kind == "named" else []
        # A name said alone ("Well, Claire, …") is a given name, unless the article uses it as a surname.
        if not words or (len(words) == 1 and (words[0].lower() in self.surnames or self._titles(m))):
            return None
        first = words[0].lower()
        if first in self.first_names:
            return self.first_names[first]
        return "f" if first in self.female_names else "m" if first in self.male_names else None

    @staticmethod
    def _gender_ok(e: Entity, gender: str | None) -> bool:
        return gender is None or e.gender is None or e.gender == gender

    # ------------------------------------------------------------ after the last mention
    def finish(self) -> None:
        """A description seen before the name joins the person it describes: the one named person
        later described the same way ("… says mayor" in a headline), or the person the next
        paragraph opens with ("A mother-of-three says …" / "Kirsty Dunleavy, 34, said …")."""
        for e in self.entities:
            if e.names or e.merged_into:
                continue
            named = [f for f in self.entities if f is not e and f.names and not f.merged_into and not _ages_differ(e, f)
                     and (self._posts_shared(e, f) or _same_age(e, f)
                          or any(m.role and self._fits(f, m.head, self._rank(m)) for m in e.mentions))]
            target = named[0] if len(named) == 1 else self._named_after_lede(e) or self._named_after_post(e)
            if target is not None:
                target.mentions = sorted(target.mentions + e.mentions, key=lambda m: m.start)
                target.name_index.update(e.name_index)
                target.bare |= e.bare
                e.mentions, e.merged_into = [], target
        self.entities = [e for e in self.entities if e.merged_into is None]

    def _posts_shared(self, e: Entity, f: Entity) -> bool:
        """A description both have, of the same rank: "Korvath's foreign minister" is not "Its
        deputy foreign minister, Henrik Oddvar"."""
        def posts(x: Entity) -> set[tuple[str, frozenset[str]]]:
            return {(m.head, self._rank(m)) for m in x.mentions if m.kind == "nominal"}
        return bool(posts(e) & posts(f))

    def _named_after_post(self, e: Entity) -> Entity | None:
        """"The environment minister visited the river … Rachel Anstey-Crowe later told reporters":
        someone a definite post brought in, whom the next person the article names, with no
        description of her own, must be (a newcomer would be introduced)."""
        first = next((x for x in e.mentions if x.definite), None)  # a headline's "says minister" is not yet "the"
        described = [x for x in e.mentions if x.kind != "pronoun"]
        # "a soldier" was introduced as someone the article does not name
        if not (e.person and first is not None and all(x.role and not x.owned and not x.plural
                                                       and x.text.split()[0].lower() not in _INDEFINITE
                                                       for x in described)):
            return None
        later = [f for f in self.entities if f.names and f.person and not f.merged_into and not self._place(f)
                 and f.mentions[0].start > first.start]
        f = min(later, key=lambda f: f.mentions[0].start, default=None)
        if f is None or not self._gender_ok(f, e.gender) or _ages_differ(e, f) or not f.labels.get("PERSON"):
            return None
        intro = f.mentions[0]
        plain = intro.kind == "named" and _strip_det(intro.text) == intro.name and intro.appos is None and intro.age is None
        # "Its deputy foreign minister, Henrik Oddvar,": introduced with a post of his own
        described = any(x.kind == "nominal" and x.sentence == intro.sentence for x in f.mentions)
        return f if plain and not described else None

    def _named_after_lede(self, e: Entity) -> Entity | None:
        first = e.mentions[0]
        if not (e.person and not first.plural and not first.definite and self.page.in_lede(first.start)):
            return None
        opening = [f for f in self.entities if f.names and f.person and not f.merged_into
                   and f.mentions[0].start == self.page.after_lede and self._gender_ok(f, e.gender)]
        return opening[0] if opening else None


def resolve_mentions(events, lexicons, page: Page | None = None,
                     replies: dict[int, int] | None = None,
                     talked_of: dict | None = None) -> tuple[list[Entity], dict]:
    """events: (mention, key, role) in text order, key None for context mentions; replies maps
    a quote to the quote it answers, talked_of to the names it says in the third person. Returns the entities and {key-role: (entity, mention)}
    for the cited ones."""
    replies, talked_of = replies or {}, talked_of or {}
    named = [x for m, _, _ in events for x in (m, m.appos) if x is not None and x.name]
    resolver = SpeakerResolver(lexicons, named, _first_name_genders(events), page)
    links: dict = {}
    # "The challenger … telling Ayinde": whoever is told is not the one telling.
    told = {key: m for m, key, role in events if role == "addressee" and m.kind == "named"}
    for m, key, role in events:
        if role == "addressee":
            exclude = links.get((key, "speaker"), (None,))[0]
        elif key in told:
            exclude = resolver.named_entity(told[key])
        elif (key, "addressee") in links:  # the asker, read first: "Asked by one reporter …, he said"
            exclude = links[(key, "addressee")][0]
        else:  # whoever replies is not whoever asked
            exclude = links.get((replies[key], "speaker"), (None,))[0] if key in replies else None
        if exclude is None and role == "speaker" and m.kind != "named":  # the person a quote talks about
            exclude = next((e for e in map(resolver.named_entity, talked_of.get(key, ())) if e is not None), None)
        entity = resolver.add(m, exclude, create=role != "addressee" or resolver.is_person(m))
        if key is not None:
            links[(key, role)] = (entity, m)
    resolver.finish()
    links = {k: (e.final() if e is not None else None, m) for k, (e, m) in links.items()}
    return resolver.entities, links


_INDEFINITE = frozenset({"a", "an", "one", "another", "some"})
_OWNER_SEX = {"his": "m", "her": "f"}


def _owner_sex(m: Mention) -> str | None:
    """The sex "his mother" gives the one whose mother she is."""
    return _OWNER_SEX.get(m.text.split()[0].lower())


# Nouns that say how old someone is: "the teenager" is "Okoro, 19,".
_AGE_NOUNS = {"teenager": range(13, 20), "teen": range(13, 20), "pensioner": range(60, 120), "octogenarian": range(80, 90),
              "nonagenarian": range(90, 100), "centenarian": range(100, 120)}


# How many generations above the person a kin word puts whoever it describes ("her mother": one).
_GENERATION = {"grandmother": 2, "grandfather": 2, "grandma": 2, "grandpa": 2, "gran": 2, "nan": 2, "granny": 2,
               "grandad": 2, "mother": 1, "father": 1, "mum": 1, "mom": 1, "mam": 1, "dad": 1,
               "son": -1, "daughter": -1, "grandson": -2, "granddaughter": -2}
_ELDER, _YOUNGER = frozenset({"elder", "older", "senior"}), frozenset({"younger", "junior"})


def _seniority(m: Mention, fits: list[Entity]) -> Entity | None:
    """"the elder Tapp", "the younger Pike": of the people sharing the name, the oldest or the
    youngest, by the ages the article gives or else by how it relates them ("Her daughter")."""
    words = set(m.text.lower().split())
    if len(fits) < 2 or not words & (_ELDER | _YOUNGER):
        return None
    ages = [next((x.age for x in e.mentions if x.age is not None), None) for e in fits]
    if None in ages:  # no age for someone: the generations the article's kin words give
        ages = [next((_GENERATION[x.head] for x in e.mentions if x.kind == "nominal" and x.head in _GENERATION), 0)
                for e in fits]
    best = (max if words & _ELDER else min)(ages)
    return fits[ages.index(best)] if ages.count(best) == 1 else None


_SPOUSES = frozenset({"wife", "husband"})


def _married_name(spouse: Entity, owner: Entity) -> None:
    """"Barry Crossley and his wife, Janet": she is Janet Crossley, so "Mrs Crossley" finds her.
    (Only a spouse: a grown-up daughter may go by another name, "Sandra Pike" née Hale.)"""
    surnames = {n.split()[-1] for n in owner.names if len(n.split()) > 1}
    if len(surnames) == 1 and spouse.names and all(len(n.split()) == 1 for n in spouse.names):
        surname = next(iter(surnames))
        for first in list(spouse.names):
            spouse.name_index.setdefault(f"{first} {surname}", None)


def _surnames(e: Entity) -> set[str]:
    """The last words of the entity's full names ("Tolland" of "Gary Tolland")."""
    return {n.split()[-1].lower() for n in e.names if len(n.split()) > 1}


def _same_age(e: Entity, f: Entity) -> bool:
    """"dad, 71" and "the 71-year-old" who is Desmond Hale."""
    ages = {m.age for m in e.mentions if m.age is not None}
    return any(m.age in ages for m in f.mentions)


def _ages_differ(e: Entity, f: Entity) -> bool:
    """"The 54-year-old" and "the 71-year-old" share a head noun, not a person."""
    return any(_other_age(f, m) for m in e.mentions)


def _other_age(e: Entity, m: Mention) -> bool:
    """"the 80-year-old" is not whoever the article has already called 74."""
    return m.age is not None and any(x.age is not None and x.age != m.age for x in e.mentions)


def _agent_verbs(noun: str) -> frozenset[str]:
    """The verbs an agent noun comes from: leader -> lead, founder -> found, manager -> manage,
    winner -> win; a noun that is its own verb ("the chair" who chairs the council, "the coach")
    and its -man/-woman forms. (A guess the parse must confirm with a matching deed.)"""
    if " " in noun:
        return frozenset()
    for suffix in ("woman", "man", "person"):
        if noun.endswith(suffix) and len(noun) > len(suffix) + 2:
            return frozenset({noun[:-len(suffix)]})
    if not noun.endswith(("er", "or")) or len(noun) < 5:
        return frozenset({noun})
    stem = noun[:-2]
    out = {stem, stem + "e"}
    if len(stem) > 2 and stem[-1] == stem[-2]:
        out.add(stem[:-1])
    return frozenset(out)


def _first_name_genders(events) -> dict[str, str]:
    """The gender the narration's pronouns give each first name, where they agree."""
    seen: dict[str, set[str]] = {}
    for m, _, _ in events:
        if m.kind == "named" and m.name and m.pronoun_hint:
            seen.setdefault(m.name.split()[0].lower(), set()).add(m.pronoun_hint)
    return {name: genders.pop() for name, genders in seen.items() if len(genders) == 1}
