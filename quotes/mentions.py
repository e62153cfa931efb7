"""Mentions: the noun phrase a rule points at, and what kind of name it is."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

_LEFT_DEPS = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "npadvmod", "quantmod", "case", "advmod"})
_NAMED_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
_NOT_ADDRESSEES = frozenset({"it", "this", "that", "what", "something", "nothing", "anything", "everything"})


def mention_span(tok: Token) -> Span:
    """The noun phrase headed by tok: its left modifiers, not its clauses or appositions."""
    doc = tok.doc
    if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":  # "Dev, who says: …" is Dev speaking
        tok = tok.head.head
        # "Dev in Marlow, who says": the clause hangs on the place; the speaker is the noun before it,
        # also past a participle ("one passenger, a woman travelling with two children, who said").
        if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "from", "at", "of", "with"):
            prep = tok.head
            owner = prep.head.head if prep.head.dep_ == "acl" else prep.head
            before = owner if owner.pos_ in ("PROPN", "NOUN") else doc[prep.i - 1] if prep.i else prep
            if before.pos_ in ("PROPN", "NOUN"):
                tok = before
            if tok.dep_ == "appos" and tok.head.pos_ in ("PROPN", "NOUN"):
                tok = tok.head
    while tok.dep_ == "compound" and tok.head.i == tok.i + 1:
        tok = tok.head
    if tok.lower_ in ("year", "years") and doc[tok.i + 1:tok.i + 3].text == "-old":
        tok = doc[tok.i + 2]  # "the 24-year-old": the phrase ends at "old", which the parser calls an adjective
    if tok.pos_ == "PRON":
        return doc[tok.i:tok.i + 1]
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in _LEFT_DEPS:
            left = min(left, child.left_edge.i)
    # "the younger Pike": the parse may hang "younger" on the verb; right before a name it is the name's
    if tok.pos_ == "PROPN" and left > 0 and doc[left - 1].lower_ in ("elder", "older", "younger"):
        left -= 1
    # "the 19-year-old": the parse may hang "the" elsewhere; right before the phrase it is the phrase's.
    if left > 0 and doc[left - 1].lower_ in ("the", "a", "an", "this", "that") and (
            doc[left - 1].pos_ == "DET" or doc[left - 1].lower_ == "the"):
        left -= 1
    while left < tok.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    kind = partitive(tok)  # "One of the divers": the phrase runs to the noun that says who
    return doc[left:_hyphenated(doc, max(tok.i, kind.i, _employer(tok))) + 1]


def _hyphenated(doc, right: int) -> int:
    """"Kwame Osei-Bright": the parser may hang the second half of a double-barrelled name
    elsewhere; a name glued to a capitalised word by a hyphen runs on to it."""
    while (right + 2 < len(doc) and doc[right].pos_ == "PROPN" and not doc[right].whitespace_
           and doc[right + 1].text in ("-", "‐") and not doc[right + 1].whitespace_
           and doc[right + 2].is_title and doc[right + 2].pos_ == "PROPN"):
        right += 2
    return right


def _employer(tok: Token) -> int:
    """"a spokesperson for the Mereholt Trust", "bosses at Starline TV": a description runs on to
    the organisation it speaks for (the reader needs it, and so does the gold)."""
    if tok.pos_ != "NOUN":
        return tok.i
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "at", "of", "from") and prep.i == tok.i + 1:
            named = [g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "PROPN" and g._.quote is None]
            if named:
                return named[0].i
    return tok.i


def nounlike(tok: Token) -> bool:
    """A noun or pronoun, or the "old" of "the 52-year-old", which the parser calls an adjective."""
    return tok.pos_ in ("NOUN", "PROPN", "PRON") or (tok.lower_ == "old" and tok.i > 0 and tok.doc[tok.i - 1].text == "-")


def addressee_of(cue: Token, speaker: Span | None, addressing: frozenset[str] = frozenset()) -> Span | None:
    """Whom the cue addresses: the object of a telling verb, or "to X"."""
    for child in cue.children:
        if child._.quote is not None:
            continue
        if (child.dep_ in ("dobj", "dative", "iobj") and nounlike(child)
                and child.lower_ not in _NOT_ADDRESSEES and (not addressing or cue.lemma_.lower() in addressing)):
            return mention_span(child)
        if child.dep_ in ("prep", "dative") and child.lower_ == "to":
            objects = [g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN", "PRON")]
            if objects:
                return mention_span(objects[0])
    return misread_object(cue, addressing) or asker(cue)


def misread_object(cue: Token, addressing: frozenset[str]) -> Span | None:
    """"… the 37-year-old told reporters.": the parser makes "told" an adjective of "reporters"."""
    head = cue.head
    if (cue.dep_ == "amod" and head.i == cue.i + 1 and head.pos_ in ("NOUN", "PROPN") and head._.quote is None
            and cue.lemma_.lower() in addressing):
        return head.doc[head.i:head.i + 1]  # not mention_span: the misread subject hangs off it too
    return None


ASKING = frozenset({"ask", "question", "press", "challenge", "quiz", "examine", "cross-examine", "interrogate"})


def asking_clause(verb: Token) -> bool:
    """"Asked whether Thwaite would apologise, …": a question the narration puts to someone."""
    return verb.dep_ == "advcl" and verb.lemma_.lower() in ASKING


def question_put(sent: Span) -> tuple[int, int] | None:
    """"Asked whether Abara would start, the 52-year-old said": where the narration's opening
    question runs (by position: the parse may make "Asked" the root of the whole sentence)."""
    opening = next((t for t in sent if not t.is_space), None)
    if opening is None or opening.lemma_.lower() not in ASKING or opening.tag_ not in ("VBN", "VBD"):
        return None
    comma = next((t for t in sent if t.text == ","), None)
    return opening.idx, comma.idx if comma is not None else sent.end_char


def in_question_put(tok: Token) -> bool:
    """Inside that question: what it is about, never who answers it."""
    span = question_put(tok.sent)
    return span is not None and span[0] < tok.idx < span[1]


def asker(cue: Token) -> Span | None:
    """"Asked by one reporter whether …, the 47-year-old said": the answer is said to the asker."""
    for tok in cue.sent:
        if tok.i < cue.i and tok.tag_ == "VBN" and tok.lemma_.lower() in ASKING:
            agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            if agent is not None and agent._.quote is None:
                return mention_span(agent)
    return None


@dataclass(frozen=True)
class Mention:
    """A phrase naming a person (or body) that speaks, is spoken to, or is talked about."""

    start: int  # character offsets into the original text
    end: int
    text: str
    kind: str  # named | nominal | pronoun
    head: str  # lower-cased lemma of the phrase's head
    name: str  # the name with titles and possessors removed ("President Putin" -> "Putin"); "" if none
    definite: bool  # "the soldier" refers back; "a soldier" introduces someone
    plural: bool = False
    subject: bool = False  # the subject of its clause: the likeliest antecedent later on
    sentence: int = 0  # character offset where its sentence starts
    label: str = ""  # the NER label of its head ("PERSON", "ORG", …)
    role: bool = False  # a description by role ("the striker", "the 45-year-old", "the Italian")
    appos: "Mention | None" = None  # "His mother, Maria Kessler," — the same person named again
    talker: bool = False  # the subject of a speech verb: a person, whatever NER thought
    pronoun_hint: str | None = None  # "Ruth Ambrose said she…": the gender the narration gives a subject
    described_as: str = ""  # "his sister, Dr Ruth Ambrose": the noun a name is in apposition to
    places: tuple[str, ...] = ()  # "President Osmanaly of Kessary", "the Kessarian leader": where they belong
    main: bool = False  # the subject of its sentence's main verb, not of a clause inside it ("after Okafor was fouled")
    age: int | None = None  # "Desmond Varley, 63," and "the 63-year-old"
    kinds: tuple[str, ...] = ()  # nouns that say which one: "union" in "the union boss"
    deeds: tuple[str, ...] = ()  # verbs it is the subject of: "Lusk denied stealing", "Varga, who led the study"
    background: bool = False  # named in passing: an entity to find, never the antecedent of "he" or "the striker"
    neuter: bool = False  # "Thornby Wick will lose its post office": a name the sentence calls "it"
    owner: int | None = None  # "Desmond Hale saw his daughter": where whom a relative belongs to is named
    commanders: tuple[int, ...] = ()  # where the subjects of the clauses above a description start

    @property
    def owned(self) -> bool:
        """"his mother", "her former boss": someone described through someone else."""
        return self.kind == "nominal" and self.text.split()[0].lower() in OWNERS

    @classmethod
    def from_span(cls, span: Span, lexicons: dict[str, frozenset[str]], with_appos: bool = True,
                  talker: bool = False) -> "Mention":
        span = _trim(span)
        # When the parse hangs "the" of "the 34-year-old" (or "younger" of "the younger Pike")
        # outside the phrase, the phrase's root is its last word, not the determiner.
        loose = span.root.pos_ in ("DET", "ADJ") and len(span) > 1 and span[-1].pos_ in ("PROPN", "NOUN", "ADJ")
        whole = span[-1] if loose else span.root
        root = partitive(whole)  # "One of the divers" is a diver
        titles = lexicons.get("titles", frozenset())
        kind = _kind(root)
        name = _name(span, titles, lexicons.get("given_names", frozenset()), lexicons.get("roles", frozenset())) if kind == "named" else ""
        first = span[0]
        definite = (first.lower_ in _DEFINITE or first.dep_ == "poss") and not _identified_by_clause(root)
        role = _is_role(span, root, lexicons.get("roles", frozenset()))
        # "the MP", "Her GP": a post the tagger took for a name; so is a person word capitalised only
        # for opening a headline or sentence ("Grandmother, 67, ‘living on painkillers’")
        opening = len(span) == 1 and first.is_sent_start and first.lower_ in lexicons.get("person_words", frozenset())
        if kind == "named" and (not name or opening or (role and (first.lower_ == "the" or first.lower_ in OWNERS)
                                                        and len(name.split()) == 1)):
            kind, name = "nominal", ""
        plural = whole.i == root.i and (root.tag_ in ("NNS", "NNPS") or root.lower_ in ("they", "them", "we", "us"))
        appos = _appos(root, lexicons) if with_appos else None
        # "Martin Hobbs, whose great-grandfather opened the bakery, said": a clause about Hobbs,
        # whose subject the parse may even give "said" in his place.
        subject = is_subject(whole) and not any(c.lower_ == "whose" for c in whole.children)
        return cls(span.start_char, span.end_char, span.text, kind, _head(root, lexicons.get("ranks", frozenset())),
                   name, definite, plural,
                   subject, root.sent.start_char, root.ent_type_, role, appos,
                   talker or _talks(root, lexicons.get("cues", frozenset())),
                   _pronoun_hint(root, lexicons.get("gendered", frozenset())) if kind != "pronoun" and subject else None,
                   root.head.lemma_.lower() if root.dep_ == "appos" and root.head.pos_ == "NOUN" else "",
                   _places(root), subject and whole.head.dep_ == "ROOT", _age(span),
                   tuple(c.lower_ for c in root.lefts if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")),
                   _deeds(whole, lexicons.get("asides", frozenset())),
                   neuter=kind == "named" and subject and (_called_it(root) or _plural_verb(root)),
                   owner=_owner(root) if root.lemma_.lower() in lexicons.get("kin", ()) else None,
                   commanders=_commanders(whole) if kind == "nominal" else ())


def _owner(root: Token) -> int | None:
    """Where the person a relative belongs to is named: "Sandra's own daughter" is Sandra's; in
    "Desmond Hale last saw his daughter" and "a soldier told his mother", "his" is the subject's."""
    poss = next((c for c in root.children if c.dep_ == "poss"), None)
    if poss is None or poss.pos_ not in ("PROPN", "NOUN") and poss.lower_ not in ("his", "her"):
        return None
    if poss.pos_ != "PRON":
        return mention_span(poss).start_char
    if root.dep_ == "conj" and root.head.pos_ == "PROPN":  # "by Barry Crossley and his wife, Janet"
        return mention_span(root.head).start_char
    verb = root.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < root.i), None)
    if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON") or subject._.quote is not None:
        return None
    return mention_span(subject).start_char


def _commanders(whole: Token) -> tuple[int, ...]:
    """Where the subjects of the clauses above a description start. "Moss insisted that Abara’s
    confidence was high, despite the striker going eleven matches without a goal": a sentence
    does not name its subject again by a description, so Moss is not the striker."""
    return tuple(mention_span(c).start_char for v in whole.ancestors for c in v.children
                 if c.dep_ in ("nsubj", "nsubjpass") and c._.quote is None
                 and not c.left_edge.i <= whole.i <= c.right_edge.i)


_PARTITIVES = frozenset("one each either neither none member".split())  # "One member of station staff": staff
_AGE = re.compile(r"(\d{1,3})[- ]year[- ]old")


def partitive(root: Token) -> Token:
    """"One of the divers": the noun after "of" says who it is."""
    if root.lemma_.lower() in _PARTITIVES:
        after = [c for c in root.rights if c.i == root.i + 1 and c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "NOUN")]
        if after:  # "One regular at the resort": the parser hangs the noun on "One"
            return after[0]
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                nouns = [g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
                if nouns:
                    return nouns[0]
    return root


def _identified_by_clause(root: Token) -> bool:
    """"The woman who runs the café next door" is someone new, picked out by her clause, not
    the last person named; "the minister, who …" (a comma) is the one already known."""
    return root.pos_ == "NOUN" and any(
        c.dep_ == "relcl" and c.left_edge.i > 0 and root.doc[c.left_edge.i - 1].text != ","
        and c.left_edge.tag_ in ("WP", "WDT") for c in root.rights)


def _age(span: Span) -> int | None:
    """"the 63-year-old", or a name followed by its age: "Desmond Varley, 63, of Kellington"."""
    found = _AGE.search(span.text)
    if found:
        return int(found.group(1))
    number = age_after(span.doc, span.end)
    return int(number.text) if number is not None and number.text.isdigit() and int(number.text) < 120 else None


def age_after(doc, end: int) -> Token | None:
    """The number set off right after a name, its age: "Varley, 63," or "Varley (63)", also
    "Her husband, now 63," and "Ms Ware, aged 41,"."""
    if end >= len(doc) or doc[end].text not in (",", "("):
        return None
    k = end + 1
    if k < len(doc) and doc[end].text == "," and doc[k].lower_ in ("now", "aged"):
        k += 1
    return doc[k] if k + 1 < len(doc) and doc[k].like_num and doc[k + 1].text in (",", ")") else None


def _deeds(tok: Token, asides: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Lemmas of the verbs tok is the subject of, its own or its relative clause's, and what a
    court aside says the person does ("Simon Achterberg, prosecuting,": "the prosecutor")."""
    own = (tok.head.lemma_.lower(),) if is_subject(tok) else ()
    aside = court_aside(tok, asides)
    # the tagger may call "prosecuting" a noun: its stem still meets "prosecutor"'s
    done = (aside.lemma_.lower(), aside.lower_[:-3]) if aside is not None else ()
    return own + relative_clauses(tok) + done


def relative_clauses(tok: Token) -> tuple[str, ...]:
    """Lemmas of the verbs of the relative clauses whose subject is tok ("a woman who said …")."""
    return tuple(c.lemma_.lower() for c in tok.children
                 if c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.tag_ in ("WP", "WDT") for g in c.children))


def court_aside(name: Token, asides: frozenset[str]) -> Token | None:
    """The word set off by commas right after a name that says what the person does in court
    (lexicon asides): "Simon Achterberg, prosecuting, told the jury"."""
    doc, k = name.doc, name.i + 1
    if k + 2 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in asides and doc[k + 2].text == ",":
        return doc[k + 1]
    return None


def is_subject(tok: Token) -> bool:
    """The subject of its clause; also "One resident, a teacher, described …", which the parser
    reads as a noun with a past-tense clause hung on it for want of a main verb."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return misread_place(tok) is None
    if tok.dep_ == "conj" and misread_place(tok.head) is tok:
        return True
    if tok.lower_ == "old" and tok.head.pos_ == "VERB" and tok.i < tok.head.i and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in tok.head.children):
        return True  # "the 58-year-old smiled", parsed as if "old" said how she smiled
    return tok.dep_ == "ROOT" and tok.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "acl" and c.tag_ in ("VBD", "VBN") for c in tok.children)


# Prepositions the tagger reads as adjectives of the place after them ("Outside court, …").
_PLACE_PREPOSITIONS = frozenset({"outside", "inside"})


def misread_place(tok: Token) -> Token | None:
    """"Outside court, the victim’s husband, Alan Dyce, said": the tagger reads "Outside" as an
    adjective, which makes the court the subject and the husband its conjunct; in "Upstairs,
    father and daughter argue" it reads the adverb as a name. The husband, the father."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    misread = (tok.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in _PLACE_PREPOSITIONS
                                           and c.i == tok.sent.start for c in tok.children))
    adverb = (tok.pos_ == "PROPN" and tok.i == tok.sent.start and not tok.ent_type_ and tok.i + 1 < len(tok.doc)
              and tok.doc[tok.i + 1].text == ",")
    if not (misread or adverb):
        return None
    return next((c for c in tok.children if c.dep_ == "conj" and (misread or c.pos_ == "NOUN")), None)


_HE = frozenset("he him his himself".split())
_SHE = frozenset("she her hers herself".split())


def entity_of(tok: Token) -> Span | None:
    """The named-entity span holding tok, found from the token's own IOB tags: reading
    doc.ents rebuilds every entity, which made long documents quadratic."""
    if not tok.ent_type_:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def name_around(quote: Span, lexicons: dict[str, frozenset[str]]) -> "Mention | None":
    """Kasimir ‘The Wall’ Drobny: the first name before a nickname and the surname after it
    make one name, which NER, cut by the quote marks, cannot see."""
    doc = quote.doc
    if quote.start == 0 or not doc[quote.start - 1].is_title:
        return None
    k = quote.end
    while k < len(doc) and (doc[k].is_title or (doc[k].text in ("-", "‐") and not doc[k - 1].whitespace_
                                                 and k + 1 < len(doc) and doc[k + 1].is_title)):
        k += 1
    if k == quote.end:
        return None
    first, surname = doc[quote.start - 1], doc[quote.end:k]
    m = Mention.from_span(surname, lexicons)
    return replace(m, start=first.idx, text=doc[first.i:k].text, kind="named", label="PERSON",
                   name=f"{first.text} {surname.text}")


def _possessive(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].tag_ == "POS"


def _pronoun_hint(root: Token, gendered: frozenset[str] = frozenset()) -> str | None:
    """The gender of the pronouns that follow a name in its own sentence, outside quotes, when
    the sentence names nobody else: "Kerensa said she had used …" makes Kerensa female."""
    sent = root.sent
    own = {t.i for t in root.subtree}
    # Any other person in the sentence ("Horvath’s coach, Stefan Lindahl, said she …", "did not
    # look at his wife as she left") could own the pronoun.
    # (the quote extension, slow to read, is asked last)
    if any(t.i not in own and (t.ent_type_ == "PERSON" or _possessive(t)
                               or (t.pos_ == "NOUN" and t.lemma_.lower() in gendered)) and t._.quote is None
           for t in sent):
        return None
    # Only a pronoun that is itself a subject ("she had used") points back at the name; an object
    # or an owner ("Frank coached her", "when her comments were put to him") is often someone else.
    words = {t.lower_ for t in sent if t.i > root.i and t.dep_ in ("nsubj", "nsubjpass") and t._.quote is None}
    he, she = bool(words & _HE), bool(words & _SHE)
    return "m" if he and not she else "f" if she and not he else None


def _called_it(root: Token) -> bool:
    """The name's own verb acts on "its" thing: a place or a body, not a person ("Thornby Wick
    will lose its post office"; not "Quarrington puts the glass back in its rack")."""
    verb = root.head
    return any(c.dep_ == "dobj" and any(g.dep_ == "poss" and g.lower_ == "its" for g in c.children)
               for c in verb.children)


def _plural_verb(root: Token) -> bool:
    """A name that takes a plural verb is a team or a body ("Kelsey Forge had levelled … and
    were awarded a penalty"), not a person."""
    if root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children):
        return False  # "Smith and Jones were arrested": two people
    verbs = [root.head] + [c for c in root.head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    return any(v.lower_ in ("were", "are") or any(a.dep_ in ("aux", "auxpass") and a.lower_ in ("were", "are")
                                                  for a in v.children) for v in verbs)


def _places(root: Token) -> tuple[str, ...]:
    """Country or city words tied to the phrase: "of Kessary", "Russia’s", "Kessarian"."""
    out = []
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            out += [g.lower_ for g in child.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
        elif child.dep_ in ("poss", "amod", "compound") and (child.ent_type_ in ("GPE", "NORP") or (
                child.dep_ == "amod" and child.text[:1].isupper() and child.pos_ == "ADJ")):
            out.append(child.lower_)
    return tuple(out)


def same_place(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """"Kessarian" belongs to "Kessary", "Italian" to "Italy": a shared stem of most of the shorter word."""
    for x in a:
        for y in b:
            n = len(os.path.commonprefix([x, y]))
            if n >= 4 and n >= 0.75 * min(len(x), len(y)):
                return True
    return False


def _talks(root: Token, cues: frozenset[str]) -> bool:
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in cues


def _head(root: Token, ranks: frozenset[str]) -> str:
    """The head noun, with a rank that makes it another post: "deputy governor"."""
    rank = [c.lower_ for c in root.lefts if c.dep_ in ("amod", "compound") and c.lower_ in ranks]
    return " ".join(rank + [root.lemma_.lower()])


_NOT_PEOPLE_IST = frozenset("list wrist mist fist twist gist".split())
# Endings English gives words for people: zoologist, Frenchman, harbourmaster, shopkeeper, politician.
_PEOPLE_ENDINGS = ("ist", "man", "master", "keeper", "ian", "holder", "goer", "dweller", "worker", "monger", "smith",
                   "wright", "owner", "seller")


_PARENT_OF = re.compile(r"-of-(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\b")


def _is_role(span: Span, root: Token, roles: frozenset[str]) -> bool:
    """A description by what someone is: a listed role, an age, a nationality, or a word that
    English forms for people ("zoologist", "Frenchman", "spokeswoman")."""
    text, lemma = span.text.lower(), root.lemma_.lower()
    if lemma in roles or root.lower_ in roles or "year-old" in text or "year old" in text or root.ent_type_ == "NORP":
        return True
    if _PARENT_OF.match(root.doc[root.i:root.i + 5].text, len(root.text)):  # "the mum-of-three": someone introduced as one
        return True
    return person_noun(root, roles)


def person_noun(tok: Token, roles: frozenset[str]) -> bool:
    """A noun for a person: a listed role, or a word English forms for people ("lobsterman")."""
    lemma = tok.lemma_.lower()
    if lemma in roles or tok.lower_ in roles:
        return True
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return lemma.endswith(_PEOPLE_ENDINGS) and len(lemma) >= 6 and lemma not in _NOT_PEOPLE_IST


def who_clause(tok: Token) -> bool:
    """"One refuse collector in the town, who asked not to be named, …": only a person is "who",
    even when the parse hangs the clause on the place after the noun."""
    nouns = [tok] + [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(c.dep_ == "relcl" and any(w.lower_ == "who" and w.dep_ == "nsubj" for w in c.children)
               for n in nouns for c in n.children)


def speaks_for(tok: Token, lexicons) -> Token | None:
    """The body a spokesperson speaks for: "a spokeswoman for the trust" is the trust."""
    if tok.lemma_.lower() not in lexicons.get("spokespeople", ()):
        return None
    body = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of")
                 for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
    # "a spokesman for Ms Ridgeway": a person's spokesman speaks in his own right, and so does
    # one the article names ("A spokeswoman for the council, Jenny Hale, said")
    named = any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children)
    return None if body is None or named or names_a_person(body, lexicons.get("titles", frozenset())) else body


def names_a_person(tok: Token, titles: frozenset[str], persons: tuple = ()) -> bool:
    """A person's name: NER says so here, a title says so ("Ms Ridgeway"), or NER says so of the
    same name among persons ("Threlfall, whose brother …" after "Nick Threlfall")."""
    return (tok.ent_type_ == "PERSON" or any(t.lower_.rstrip(".") in titles for t in mention_span(tok))
            or (tok.ent_type_ == "" and any(p[-1].text == tok.text for p in persons)))


def _appos(root: Token, lexicons) -> "Mention | None":
    """A named apposition of a description, or a description apposed to a name; for "a
    spokeswoman for the trust", the trust (she is how it speaks, and "she added" is the trust)."""
    body = speaks_for(root, lexicons)
    if body is not None:
        return Mention.from_span(mention_span(body), lexicons, with_appos=False)
    # "The mayor of Hadley, Tess Brannigan," may hang the name on "Hadley"; but in "Graham Lusk,
    # of Marlow Road, Thornbury Vale" the name after the place is the place's.
    for noun in [root] + [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]:
        called = _called(noun)
        if called is not None:  # "the editor, a man called Dennis Wragge," is Wragge
            return Mention.from_span(mention_span(called), lexicons, with_appos=False)
    near = [root] + ([g for c in root.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
                     if root.pos_ == "NOUN" else [])
    for tok in near:
        for child in _apposed(tok):
            if child._.quote is None and child.pos_ in ("PROPN", "NOUN"):
                return Mention.from_span(mention_span(child), lexicons, with_appos=False)
    return _comma_name(root, lexicons)


def _apposed(tok: Token) -> list[Token]:
    """tok's appositions. In "Lenny Mensah and Abena, the daughter who …" the parse hangs "the
    daughter" on Lenny Mensah, but an apposition after the last named conjunct describes that
    conjunct ("His son and apprentice, Tom Hale," is one man)."""
    def after_conjunct(head: Token, child: Token, since: int) -> bool:
        return any(c.dep_ == "conj" and c.pos_ == "PROPN" and since < c.i < child.i for c in head.children)
    own = [c for c in tok.children if c.dep_ == "appos" and not after_conjunct(tok, c, tok.i)]
    if tok.dep_ == "conj":
        own += [c for c in tok.head.children
                if c.dep_ == "appos" and c.i > tok.i and not after_conjunct(tok.head, c, tok.i)]
    return own


def _called(noun: Token) -> Token | None:
    """The name in "a man called Dennis Wragge", "a woman named Joan Lacey", "A neighbour, who
    gave his name only as Colin," or "a driver, identified only as Kemal,"."""
    named = next((g for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in ("call", "name")
                  for g in c.children if g.dep_ in ("oprd", "dobj", "attr") and g.pos_ == "PROPN"
                  and g._.quote is None), None)
    return named or next((g for c in noun.children if c.dep_ in ("acl", "relcl") and _names_as(c)
                          for p in c.children if p.dep_ == "prep" and p.lower_ == "as"
                          for g in p.children if g.dep_ == "pobj" and g.pos_ == "PROPN" and g._.quote is None), None)


def _names_as(verb: Token) -> bool:
    """"gave his name as", "identified as", "known only as"."""
    lemma = verb.lemma_.lower()
    return lemma in ("identify", "know") or (lemma == "give" and any(c.lower_ == "name" for c in verb.children))


def _comma_name(root: Token, lexicons) -> "Mention | None":
    """"the bank’s deputy governor, Lotte Amsel, …" when the parse missed the apposition:
    a description, a comma, a person's name and another comma."""
    doc = root.doc
    if root.pos_ != "NOUN" or root.i + 2 >= len(doc) or doc[root.i + 1].text != ",":
        return None
    start = doc[root.i + 2]
    ent = entity_of(start)
    if ent is None or ent.start != start.i or ent.label_ != "PERSON":
        return None
    if ent.end >= len(doc) or doc[ent.end].text != "," or ent.root._.quote is not None:
        return None
    return Mention.from_span(ent, lexicons, with_appos=False)


OWNERS = frozenset("his her their my our your its".split())
_DEFINITE = frozenset("the this that these those".split()) | OWNERS


def _trim(span: Span) -> Span:
    """Drop a trailing possessive ("Vladimir Putin’s") and anything past a line break."""
    doc, start, end = span.doc, span.start, span.end
    for k in range(start, end):
        if "\n" in doc[k].text or "\r" in doc[k].text or "\n" in doc[k].whitespace_:
            if k >= span.root.i:
                end = k + 1 if "\n" in doc[k].whitespace_ and not doc[k].is_space else k
                break
            start = k + 1
    while end - start > 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else span


def _kind(root: Token) -> str:
    if root.pos_ == "PRON":
        return "pronoun"
    if root.pos_ == "PROPN" or root.ent_type_ in _NAMED_ENTS:
        return "named"
    return "nominal"


def _name(span: Span, titles: frozenset[str], given: frozenset[str] = frozenset(),
          posts: frozenset[str] = frozenset()) -> str:
    root = span.root
    if root.ent_type_ == "PERSON":  # NER knows where the person's name starts ("Police Chief Ray Tanner")
        ent = entity_of(root)
        if ent is not None:
            span = span.doc[max(ent.start, span.start):_hyphenated(span.doc, root.i) + 1]
    possessor = {t.i for child in root.children if child.dep_ == "poss" for t in child.subtree}
    # Only the capitalised run ending at the head is the name ("the veteran coach Ali Reza" -> "Ali Reza");
    # a hyphen inside the run stays ("Ansah-Berg").
    run: list[Token] = []
    for t in reversed(span):
        if t.i in possessor:
            break
        title = t.lower_.rstrip(".") in titles
        name_word = t.pos_ in ("PROPN", "NOUN", "ADJ") and t.text[:1].isupper() and not t.is_punct and not title
        hyphen = bool(run) and t.text in ("-", "‐") and not t.whitespace_
        if name_word or hyphen:
            run.append(t)
        elif run:
            break
    while run and run[-1].is_punct:
        run.pop()
    # "Cabbie Darren Pocklington", "Substitute Femi Okoro": a word capitalised only because it
    # opens the sentence, before a given name or naming a post.
    if (len(run) >= 3 and run[-1].is_sent_start and (run[-2].lower_ in given or run[-1].lower_ in posts)
            and run[-1].lower_ not in given):
        run.pop()
    if not run:
        return ""
    first, last = run[-1], run[0]
    return span.doc[first.i:last.i + 1].text  # doc.text would rebuild the whole document
