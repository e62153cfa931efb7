"""Attribution sieves: rules run in priority order; each fills only quotes still open and
records its own id, so every decision carries its provenance."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Doc, Span, Token

from .matching import RuleMatch
from .mentions import (ASKING, addressee_of, court_aside, in_question_put, mention_span, misread_place, names_a_person,
                       nounlike, speaks_for)
from .rulebook import Rule, RuleBook
from .spans import QuoteSpan

_SENTENCE_END = frozenset(".?!")
_INTRODUCERS = frozenset(":,—–-")
MAX_GAP_BEFORE = 15  # tokens between an introducing cue and the quote it opens
MAX_GAP_AFTER = 8  # tokens between a quote and the cue that follows it


@dataclass
class Slot:
    """What the sieves know of one quote; filled once, by the first rule that decides it."""

    span: QuoteSpan
    tokens: Span
    speaker: Span | None = None
    addressee: Span | None = None
    cue: Token | None = None
    rule: str | None = None
    confidence: float = 0.0
    kind: str | None = None
    via: int | None = None  # the quote whose speaker this one continues
    answers: int | None = None  # the question this quote answers: its speaker is someone else
    decided: bool = False

    def decide(self, rule: Rule, speaker=None, cue=None, addressee=None, kind=None, via=None, confidence=None):
        self.speaker, self.cue, self.addressee, self.kind, self.via = speaker, cue, addressee, kind, via
        self.rule = rule.id
        self.confidence = rule.confidence if confidence is None else confidence
        self.decided = True


class Layout:
    """Paragraph geometry of the text, to ask whether two places share a paragraph, and the
    word lists structural sieves consult."""

    def __init__(self, text: str, paragraph_starts: list[int], lexicons: dict | None = None, nested: tuple = ()):
        self.text = text
        self.starts = paragraph_starts
        self.lexicons = lexicons or {}  # the rule book's word lists, for structural sieves
        self.nested = nested  # (start, end) of every quote inside another

    def paragraph(self, char: int) -> int:
        return bisect_right(self.starts, char) - 1

    def opens_paragraph(self, span: QuoteSpan) -> bool:
        return self.starts[span.paragraph] == span.start if span.paragraph < len(self.starts) else False

    def persons(self, doc: Doc) -> tuple:
        """PERSON entities of the doc, read once (doc.ents rebuilds them on every call)."""
        if getattr(self, "_persons", None) is None:
            self._persons = tuple(e for e in doc.ents if e.label_ == "PERSON")
        return self._persons

    def is_headline(self, paragraph: int) -> bool:
        """The first paragraph, when it reads like a headline: short, with no full stop outside quotes."""
        if paragraph != 0 or not self.starts:
            return False
        end = self.starts[1] if len(self.starts) > 1 else len(self.text)
        line = self.text[self.starts[0]:end].strip()
        return len(line.split()) <= 20 and not line.endswith(".")

    def before(self, char: int) -> str:
        """The last non-space character before char, in its paragraph ('' if none)."""
        start = self.starts[self.paragraph(char)] if self.starts else 0
        stripped = self.text[start:char].rstrip()
        return stripped[-1] if stripped else ""


def run_sieves(doc: Doc, slots: list[Slot], rulebook: RuleBook, matches: dict[str, list[RuleMatch]],
               layout: Layout) -> None:
    residual = [r for r in rulebook.rules if r.strategy == "residual"]
    for rule in rulebook.rules:
        if rule.kind == "structural":
            if rule.strategy != "residual":
                _structural(rule, slots, layout)
        else:
            _fill_from_matches(rule, slots, matches.get(rule.id, ()), layout)
    # A quote copies its speaker from another one; when that one was decided only by a later
    # cue rule, the copying sieves get a second chance before the residual sieve closes.
    for rule in rulebook.rules:
        if rule.kind == "structural" and rule.strategy != "residual":
            _structural(rule, slots, layout)
    for rule in residual:
        _structural(rule, slots, layout)
    for slot in slots:
        if slot.kind is None:
            slot.kind = shape_kind(slot, layout)


def _structural(rule: Rule, slots: list[Slot], layout: Layout) -> None:
    strategy = STRATEGIES[rule.strategy]
    revises = rule.strategy in _REVISING
    for i, slot in enumerate(slots):
        if not slot.decided or (revises and slot.kind is None):
            strategy(rule, i, slots, layout)


def _fill_from_matches(rule: Rule, slots: list[Slot], matches, layout: Layout) -> None:
    if not matches:
        return
    fits = _GEOMETRY[rule.direction]
    by_quote, by_paragraph = _bucket(matches, layout, rule.direction == "any")
    for i, slot in enumerate(slots):
        if slot.decided or not len(slot.tokens):
            continue
        if i in by_quote and not (rule.direction == "quote_before" and (
                _new_sentence_after(slot, layout) or _introduces_next(by_quote[i][0], slot, layout))):
            _apply(rule, slot, by_quote[i][0], layout)
            continue
        best = None
        for m in by_paragraph.get(slot.span.paragraph if rule.direction != "any" else None, ()):
            distance = fits(m, slot, layout)
            if distance is not None:
                # Ties (one cue, two subjects: "Cross-examining him, Ms Ardagh asked") go to the
                # subject nearer the cue.
                key = (distance, abs(m.speaker.i - m.anchor.i) if m.speaker is not None else 0)
                if best is None or key < best[0]:
                    best = (key, m)
        if best:
            _apply(rule, slot, best[1], layout)


def _bucket(matches, layout: Layout, anywhere: bool):
    """Matches that name their quote, by quote; the others by paragraph, since every direction
    but "any" keeps cue and quote in one paragraph (a long article stays linear)."""
    by_quote: dict[int, list[RuleMatch]] = {}
    by_paragraph: dict[int | None, list[RuleMatch]] = {}
    for m in matches:
        if m.quote is not None:
            by_quote.setdefault(m.quote, []).append(m)
        else:
            key = None if anywhere else layout.paragraph(m.anchor.idx)
            by_paragraph.setdefault(key, []).append(m)
    return by_quote, by_paragraph


def _apply(rule: Rule, slot: Slot, m: RuleMatch, layout: Layout) -> None:
    lexicons = layout.lexicons
    if rule.kind == "suppress":
        slot.decide(rule, kind=rule.quote_kind)
        return
    if m.speaker is not None and _heard_by(m.speaker, lexicons):  # "…, jury told": left to the heard-by sieve
        return
    if m.speaker is not None and in_question_put(m.speaker):  # "Asked whether Abara would start, …"
        return
    if m.speaker is not None and m.cue is not None and _subject_between(m.cue, m.speaker):
        return
    source = _quoted(m.cue, m.speaker, lexicons.get("cues", frozenset())) if m.speaker is not None else None
    speaker = mention_span(_author(source, lexicons)) if source is not None else None
    if m.addressee is not None:
        addressee = mention_span(m.addressee)
    else:  # the rule names no addressee, but the cue may still have one ("“…,” Jade tells Ryan")
        addressee = addressee_of(m.cue, speaker, lexicons.get("addressing", frozenset())) if m.cue is not None else None
    if addressee is None or addressee.root.pos_ != "PROPN":
        # "Tiller told his opposite number: “You got lucky today, Dean.”": the name says who
        addressee = _vocative(slot.tokens, layout) or addressee
    slot.decide(rule, speaker=speaker, cue=m.cue, addressee=addressee)


_VOCATIVE_AFTER = frozenset(",.?!")


def _vocative(tokens: Span, layout: Layout) -> Span | None:
    """"He dived, Kelly, and you know he dived": the name called inside the quote is whom it
    is said to, so the next bare turn in an exchange is theirs. Not a name called inside a
    quote the speaker repeats ("he said, “Don't fuss, Alan”"): that was said to someone else."""
    doc = tokens.doc
    for t in tokens[1:-1]:
        if any(start <= t.idx < end for start, end in layout.nested):
            continue
        before, after = doc[t.i - 1], doc[t.i + 1]
        # NER may call a lone first name a place ("…, Imogen."): a person's name in the article says otherwise
        if (t.pos_ == "PROPN" and t.is_title and (t.ent_type_ in ("", "PERSON") or _person_name_word(t, layout))
                and before.text == ","
                and (after.text in _VOCATIVE_AFTER or after._.quote_close)):
            return doc[t.i:t.i + 1]
    return None


def _person_name_word(tok: Token, layout: Layout) -> bool:
    return tok.lower_ in layout.lexicons.get("given_names", frozenset()) or any(
        tok.text in (w.text for w in ent) for ent in layout.persons(tok.doc) if ent.start != tok.i)


def _subject_between(cue: Token, speaker: Token) -> bool:
    """A verb between the cue and a speaker high above it has a subject of its own: in "ANCHOR:
    The bridge authority sent us a statement saying …" the authority says it, not the label."""
    if not speaker.is_ancestor(cue):
        return False
    verb = cue.head
    while verb != speaker and verb.head != verb:
        if any(c.dep_ in ("nsubj", "nsubjpass") and c != speaker for c in verb.children):
            return True
        verb = verb.head
    return False


def _quoted(cue: Token | None, speaker: Token, cues: frozenset[str]) -> Token:
    """"and I quote, ‘…’", "I'm quoting him exactly": whoever quotes is not whoever said it;
    that is the one quoted, or the subject of the sentence's other speech verb."""
    if cue is None or cue.lemma_.lower() != "quote" or speaker.lower_ not in ("i", "we"):
        return speaker
    quoted = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if quoted is not None and quoted.pos_ != "PRON":
        return quoted
    # "one of the directors told me, and I'm quoting him exactly": "him" is that subject
    for tok in cue.sent:
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None) if tok.lemma_.lower() in cues else None
        if tok.i != cue.i and subject is not None and subject.lower_ not in ("i", "we"):
            return subject
    return quoted if quoted is not None else speaker


def _author(tok: Token, lexicons: dict) -> Token:
    """"according to his own account", "a statement from the council said": the author speaks.
    "She sent me a card. It said, ‘…’": the card's sender speaks; "a whiteboard that said", its
    holder."""
    person = misread_place(tok)
    if person is not None:  # "Outside court, her husband said": he speaks
        return person
    speech_nouns = lexicons.get("speech_nouns", frozenset())
    name = tok.doc[tok.i - 2] if tok.i > 1 else None
    aside = court_aside(name, lexicons.get("asides", frozenset())) if name is not None and name.pos_ == "PROPN" else None
    if aside is not None and aside.i == tok.i:
        return name  # "Simon Achterberg, prosecuting, told the jury": the parser's subject is the aside
    if tok.lower_ == "it" and tok.i > 0:
        sender = _sender(tok.doc[tok.sent.start - 1].sent if tok.sent.start else None, lexicons)
        if sender is not None:
            return sender
    # "One more text, from a shopkeeper who doesn't want to be named:": "who" is the text's.
    thing = mention_span(tok).root if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl" else tok
    body = speaks_for(thing, lexicons)  # "A spokeswoman for the trust said": the trust speaks
    if body is not None:
        return body
    if thing.lemma_.lower() not in speech_nouns:
        return tok
    author = _written_by(thing, lexicons)
    if author is None and any(c.lower_ == "the" for c in thing.lefts):
        author = _earlier_author(thing, lexicons)  # "the statement said": the one named before
    return author if author is not None else tok


def _earlier_author(thing: Token, lexicons: dict) -> Token | None:
    """"The council said in a statement that … ‘…’, the statement said": the author of the last
    thing of that name, or whoever spoke "in" it."""
    for prev in reversed(thing.doc[:thing.i]):
        if prev.lemma_ != thing.lemma_ or prev._.quote is not None:
            continue
        if prev.dep_ == "pobj" and prev.head.lower_ == "in":
            verb = prev.head.head
            while verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                verb = verb.head  # "The agency confirmed … and said in a statement": the agency's
            return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return _written_by(prev, lexicons)
    return None


def _written_by(thing: Token, lexicons: dict) -> Token | None:
    """Who wrote a statement, card or sign: its owner ("his statement"), its source ("a statement
    from the council"), or whoever sends or holds it up ("she sent me a card")."""
    owner = next((c for c in thing.children if c.dep_ == "poss"), None)
    source = next((g for c in thing.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                   for g in c.children if g.dep_ == "pobj"), None) or _agent_of_participle(thing)
    for author in (owner, source):
        if author is not None:
            return author
    return _holder(thing, lexicons.get("bearing", frozenset()))


def _agent_of_participle(thing: Token) -> Token | None:
    """"The letter, written by the Thornleigh MP Helen Starkey, …": the agent of the participle."""
    return next((g for c in thing.children if c.dep_ == "acl" and c.tag_ == "VBN"
                 for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)


def _holder(tok: Token, bearing: frozenset[str]) -> Token | None:
    """"She held up a whiteboard that said ‘…’": whoever holds up or sends the thing speaks."""
    if tok.dep_ != "dobj" or tok.head.lemma_.lower() not in bearing:
        return None
    return next((c for c in tok.head.children if c.dep_ == "nsubj"), None)


def _sender(sent: Span | None, lexicons: dict) -> Token | None:
    """The author of a written thing in sent: "she sent me a card", "a statement from the company"."""
    speech_nouns = lexicons.get("speech_nouns", frozenset())
    for tok in sent or ():
        if tok.lemma_.lower() in speech_nouns and tok.dep_ in ("dobj", "pobj", "nsubj"):
            author = _written_by(tok, lexicons)
            if author is not None:
                return author
    return None


# ---------------------------------------------------------------- geometry
# Each returns a distance (smaller is a better fit) or None when the match cannot attribute the quote.

def _between_clear(doc: Doc, lo: int, hi: int) -> bool:
    """No sentence end and no other quote among tokens lo..hi-1."""
    return all(doc[k]._.quote is None and doc[k].text not in _SENTENCE_END for k in range(lo, hi))


def _role_tokens(m: RuleMatch) -> list[Token]:
    return [t for t in (m.speaker, m.cue, m.addressee) if t is not None]


def _quote_after(m: RuleMatch, slot: Slot, layout: Layout) -> int | None:
    toks = _role_tokens(m)
    last = max(t.i for t in toks)
    first_q = slot.tokens.start
    if last >= first_q or layout.paragraph(toks[0].idx) != slot.span.paragraph:
        return None
    end_of_match = max(t.right_edge.i if t is m.addressee else t.i for t in toks)
    if first_q - last > MAX_GAP_BEFORE or not _between_clear(slot.tokens.doc, last + 1, first_q):
        return None
    intro = layout.before(slot.span.start)
    if intro not in _INTRODUCERS and slot.tokens.doc[first_q - 1].i not in (last, end_of_match):
        return None
    lexicons = layout.lexicons
    if _nearer_cue(slot.tokens.doc, last + 1, first_q, lexicons.get("cues", frozenset()),
                   lexicons.get("cue_forms", frozenset())):
        return None
    return first_q - m.anchor.i


def _nearer_cue(doc: Doc, lo: int, hi: int, cues: frozenset[str], forms: frozenset[str] = frozenset()) -> bool:
    """"when I told her she said, “…”": a speech verb with its own subject between the match
    and the quote introduces the quote itself; so does one sharing a subject there ("when I asked
    him, he looked me up and down and told me: “…”")."""
    for k in range(lo, hi):
        tok = doc[k]
        # also the subject of the verb a participle hangs on: "… and Judge Crewe offered her a
        # break, telling her: “…”"
        heads = (tok, tok.head) if tok.dep_ == "conj" or (tok.dep_ == "advcl" and tok.tag_ == "VBG") else (tok,)
        # the word itself when the lemmatizer misreads it ("texted" as "texte")
        if tok.pos_ == "VERB" and (tok.lemma_.lower() in cues or tok.lower_ in forms) and any(
                c.dep_ == "nsubj" and lo <= c.i < hi for h in heads for c in h.children):
            return True
    return False


def _quote_after_colon(m: RuleMatch, slot: Slot, layout: Layout) -> int | None:
    return _quote_after(m, slot, layout) if layout.before(slot.span.start) == ":" else None


def _quote_before(m: RuleMatch, slot: Slot, layout: Layout) -> int | None:
    if slot.span.is_open:
        return None
    # The nearer of speaker and cue: "“…,” Pryce, who farms the valley, said" starts at Pryce.
    anchor = min(_role_tokens(m), key=lambda t: t.i)
    after = slot.tokens.end
    if anchor.i < after or layout.paragraph(anchor.idx) != slot.span.paragraph:
        return None
    if anchor.i - after > MAX_GAP_AFTER or not _between_clear(slot.tokens.doc, after, anchor.i):
        return None
    if _new_sentence_after(slot, layout) or _new_clause(slot.tokens.doc, after, anchor.i) or _introduces_next(m, slot, layout):
        return None
    return anchor.i - after


def _new_clause(doc: Doc, lo: int, hi: int) -> bool:
    """"… “an insult to Parliament”, while the Trust warned …": a conjunction after the quote
    starts another clause, whose speaker is not the quote's."""
    return any(doc[k].pos_ in ("CCONJ", "SCONJ") for k in range(lo, hi))


def _introduces_next(m: RuleMatch, slot: Slot, layout: Layout) -> bool:
    """"‘… knitting?’ I told Frank, ‘Not a chance.’": after a finished sentence, a cue that a comma
    or colon ties to the next quote introduces that one. (An interrupted quote, “…,” he said,
    “…”, breaks off with a comma, not a full stop or question mark.)"""
    if m.cue is None or not layout.text[slot.span.inner_start:slot.span.inner_end].rstrip().endswith((".", "?", "!")):
        return False
    doc = m.cue.doc
    for k in range(m.cue.i + 1, min(m.cue.i + 6, len(doc))):
        if doc[k]._.quote_open:
            return doc[k - 1].text in (",", ":")
        if doc[k].text in _SENTENCE_END:
            return False
    return False


def _new_sentence_after(slot: Slot, layout: Layout) -> bool:
    """‘Never sell the boat.’ I think he meant …: a quote closed by a full stop and followed by
    a capitalised pronoun or determiner ends its sentence; the words after it are not its tag."""
    doc = slot.tokens.doc
    if slot.tokens.end >= len(doc) or not layout.text[slot.span.inner_start:slot.span.inner_end].rstrip().endswith("."):
        return False
    nxt = doc[slot.tokens.end]
    return nxt.text[:1].isupper() and nxt.pos_ in ("PRON", "DET", "PROPN")


def _quote_inside(m: RuleMatch, slot: Slot, layout: Layout) -> int | None:
    cue = m.cue or m.speaker
    if cue.i >= slot.tokens.start or layout.paragraph(cue.idx) != slot.span.paragraph:
        return None
    lexicons = layout.lexicons
    if (m.cue is not None and m.cue.lemma_.lower() not in lexicons.get("verdicts", frozenset())
            and _reported(m.cue, lexicons.get("cues", frozenset()))):
        return None
    if not any(cue.is_ancestor(t) for t in slot.tokens):
        return None
    return slot.tokens.start - cue.i


def _reported(cue: Token, cues: frozenset[str]) -> bool:
    """"A worker said crews had complained that the ferry was “sitting too low”": a cue inside
    what someone else says; the quoted words are that source's, the outer cue's."""
    head = cue.head
    return (cue.dep_ == "ccomp" and head.i < cue.i and head.lemma_.lower() in cues and head._.quote is None
            and any(c.dep_ == "nsubj" for c in head.children))


def _previous_sentence(m: RuleMatch, slot: Slot, layout: Layout) -> int | None:
    """The cue's sentence ends where the quote begins, in the same paragraph."""
    anchor = m.anchor
    sent = anchor.sent
    doc = slot.tokens.doc
    gap = range(sent.end, slot.tokens.start)
    if layout.paragraph(anchor.idx) != slot.span.paragraph or any(not doc[k].is_space for k in gap):
        return None
    if sent.end > slot.tokens.start or slot.tokens.start - anchor.i > 60:
        return None
    return slot.tokens.start - anchor.i


def _same_sentence(m: RuleMatch, slot: Slot, layout: Layout) -> int | None:
    anchor = m.anchor
    if anchor.sent.start != slot.tokens[0].sent.start:
        return None
    return abs(slot.tokens.start - anchor.i)


def _any(m: RuleMatch, slot: Slot, layout: Layout) -> int | None:
    return abs(slot.tokens.start - m.anchor.i)


_GEOMETRY = {"quote_after": _quote_after, "quote_after_colon": _quote_after_colon, "quote_before": _quote_before, "quote_inside": _quote_inside,
             "same_sentence": _same_sentence, "previous_sentence": _previous_sentence, "any": _any}


# ---------------------------------------------------------------- structural strategies

def _copy(rule: Rule, slot: Slot, source_index: int, source: Slot, confidence: float | None = None,
          same_talk: bool = False) -> None:
    """The source's speaker; and, when the quote goes on with the same talk (its second half, its
    next paragraph), also whom it was said to: "she told reporters. “…”" is still to reporters."""
    slot.decide(rule, speaker=source.speaker, cue=None, addressee=source.addressee if same_talk else None, via=source_index,
                confidence=rule.confidence * (source.confidence or 1.0) if confidence is None else confidence)


def _interrupted(rule: Rule, i: int, slots: list[Slot], layout: Layout) -> None:
    prev = slots[i - 1] if i else None
    here = slots[i].span
    if prev is None or prev.speaker is None or prev.span.paragraph != here.paragraph or prev.cue is None:
        return
    if prev.span.end <= prev.cue.idx < here.start and not _another_talker(prev, slots[i], layout):
        _copy(rule, slots[i], i - 1, prev, same_talk=True)


def _another_talker(prev: Slot, here: Slot, layout: Layout) -> bool:
    """"“Nobody is closing anything,” Cllr Penrose said, before a man at the back shouted:
    “Rubbish!”": someone else speaks between the first quote's cue and the second quote."""
    lexicons = layout.lexicons
    return _nearer_cue(here.tokens.doc, prev.cue.i + 1, here.tokens.start, lexicons.get("cues", frozenset()),
                       lexicons.get("cue_forms", frozenset()))


def _chain(rule: Rule, i: int, slots: list[Slot], layout: Layout) -> None:
    here = slots[i].span
    if not here.continues:
        return
    earlier = [j for j in range(i) if slots[j].span.chain == here.chain]
    if earlier and slots[earlier[-1]].speaker is not None:
        _copy(rule, slots[i], earlier[-1], slots[earlier[-1]], same_talk=True)


def _head(span: Span | None) -> str | None:
    return span.root.lemma_.lower() if span is not None else None


def _one_person(span: Span | None, lexicons: dict | None = None) -> bool:
    """A single person spoken to: "him", "Ryan", "the driver", "Mr Olufemi" (whatever NER made of
    the name) — not "reporters", "the court" or the BBC."""
    if span is None:
        return False
    lexicons = lexicons or {}
    if any(t.lower_.rstrip(".") in lexicons.get("titles", ()) for t in span) and span.root.pos_ == "PROPN":
        return True
    root = span.root
    if root.tag_ in ("NNS", "NNPS") or root.ent_type_ in ("ORG", "GPE", "NORP", "FAC"):
        return False
    if root.lemma_.lower() in lexicons.get("audiences", ()) or root.lemma_.lower() in lexicons.get("bodies", ()):
        return False
    return nounlike(root) and root.lower_ not in ("them", "us", "you", "it")


def asks(slot: Slot, text: str) -> bool:
    """The quote is a question."""
    return text[slot.span.inner_start:slot.span.inner_end].rstrip().endswith("?")


def _asks(slot: Slot, layout: Layout) -> bool:
    return asks(slot, layout.text)


def _other_person(slot: Slot, layout: Layout, besides: Token | None = None, reach: int = 3) -> Span | None:
    """The last person named before the quote, in the last few paragraphs, who is not its asker
    (or not the person besides, however named: "His mum, Denise Mallory,")."""
    doc = slot.tokens.doc
    asker = _head(slot.speaker)
    for ent in reversed(layout.persons(doc)):
        if ent.end > slot.tokens.start or ent.root._.quote is not None:
            continue
        if any(t.tag_ == "POS" for t in ent):  # "Prime Minister’s Questions" is no one's name
            continue
        if slot.span.paragraph - layout.paragraph(ent.start_char) > reach:
            return None
        if besides is not None:
            if not besides.left_edge.i <= ent.root.i <= besides.right_edge.i:
                return mention_span(ent.root)
        elif ent.root.lemma_.lower() != asker:
            return mention_span(ent.root)
    return None


def _turn_taking(rule: Rule, i: int, slots: list[Slot], layout: Layout) -> None:
    here = slots[i].span
    if i < 1 or here.continues or not layout.opens_paragraph(here):
        return
    prev = slots[i - 1]
    if not _known(prev) or prev.span.is_open or prev.span.paragraph != here.paragraph - 1:
        return
    if _one_person(prev.addressee, layout.lexicons):  # X told Y: “…” — the next bare turn is Y's reply
        slots[i].decide(rule, speaker=prev.addressee, via=i - 1)
        return
    if prev.addressee is None and _asks(prev, layout) and prev.rule != rule.id:
        other = _other_person(prev, layout)
        if other is not None:  # a question, then a bare answer: the other person named in the exchange
            slots[i].decide(rule, speaker=other)
            slots[i].answers = i - 1
            return
    # The turns of an exchange are paragraphs: "“…,” Ms Calloway replied. “It always has.”" is one.
    first = _paragraph_opener(slots, i - 1)
    turn = slots[first]
    earlier = _paragraph_opener(slots, first - 1) if first >= 1 else None
    two = slots[earlier] if earlier is not None else None
    if (two is not None and _known(two) and two.span.paragraph == turn.span.paragraph - 1
            and _head(two.speaker) != _head(turn.speaker)):
        # An exchange: the turns already alternate, or the earlier one was spoken to the later
        # speaker, asked a question, or was answered with a reply cue.
        replied = (turn.rule == rule.id or (two.addressee is not None and _head(two.addressee) == _head(turn.speaker))
                   or _asks(two, layout) or (turn.cue is not None and turn.cue.lemma_.lower() in layout.lexicons.get("replies", ())))
        if replied:
            _copy(rule, slots[i], earlier, two)
            return
    if prev.rule != rule.id and (_asks(prev, layout) or _exchange(i, slots, layout)):
        # Whoever answers, or takes the next of a run of short bare turns, is the other party:
        # the person mentioned last who is not the previous speaker, found once the speakers
        # are known ("Onslow asked Mrs Ellery … ‘Half past nine,’ she said. ‘Nine?’").
        slots[i].decide(rule)
        slots[i].answers = i - 1


def _paragraph_opener(slots: list[Slot], j: int) -> int:
    while j >= 1 and slots[j - 1].span.paragraph == slots[j].span.paragraph:
        j -= 1
    return j


SHORT_TURN = 15  # words: a turn of dialogue, not a paragraph of a speech


def _known(slot: Slot) -> bool:
    """Someone speaks it: named, or the other party of an answer, found once speakers are known."""
    return slot.speaker is not None or slot.answers is not None or slot.via is not None


def _exchange(i: int, slots: list[Slot], layout: Layout) -> bool:
    """Two or more short quotes, each a paragraph of its own, right after a quoted speaker: the
    turns of a conversation rather than more of the same speech."""
    run = [s for s in slots[i:i + 2] if not s.decided]
    return len(run) == 2 and run[1].span.paragraph == run[0].span.paragraph + 1 and _turns(*run, layout)


def _bare(slot: Slot, layout: Layout) -> bool:
    """The quote is its paragraph, with no words of narration around it."""
    end = layout.text.find("\n", slot.span.end)
    return layout.opens_paragraph(slot.span) and not layout.text[slot.span.end:end if end >= 0 else None].strip()


def _paragraph(rule: Rule, i: int, slots: list[Slot], layout: Layout) -> None:
    here = slots[i].span
    if i < 1 or not layout.opens_paragraph(here):
        return
    prev = slots[i - 1]
    gap = here.paragraph - prev.span.paragraph
    if gap == 1 and _turns(prev, slots[i], layout) and _known(prev):
        # "Cross-examined by Mr Fairbairn, the 44-year-old was asked …" then bare turns: the
        # first goes on from her, the next are the other party's and hers in turn.
        two = slots[i - 2] if i >= 2 else None
        if prev.answers is not None and two is not None and _known(two):
            _copy(rule, slots[i], i - 2, two)
        else:
            slots[i].decide(rule)
            slots[i].answers = i - 1
        return
    if prev.speaker is None or not 1 <= gap <= 2:
        return
    examiner = _examiner(slots[i], layout) if gap == 2 and _asks(slots[i], layout) and _bare(slots[i], layout) else None
    if examiner is not None:  # "Cross-examined by Ruth Calloway, she accepted …" / "‘…, did you?’"
        slots[i].decide(rule, speaker=examiner)
        return
    if _said_to(rule, slots[i], prev.speaker.root, prev.speaker, layout):  # her words, then "‘Mum, …’"
        return
    _copy(rule, slots[i], i - 1, prev, confidence=rule.confidence * (1.0 if gap == 1 else 0.8), same_talk=True)


def _examiner(slot: Slot, layout: Layout) -> Span | None:
    """Who the narration just before says was asking: the agent of "Cross-examined by …",
    "Questioned by …"; the question that opens the next paragraph is theirs."""
    sent = _narration_before(slot, layout)
    if sent is None:
        return None
    return next((mention_span(t) for t in sent if t.dep_ == "pobj" and t.head.dep_ == "agent" and t._.quote is None
                 and t.head.head.lemma_.lower() in ASKING), None)


def _narration_before(slot: Slot, layout: Layout) -> Span | None:
    """The last sentence of the paragraph right before the quote's own."""
    if slot.tokens.start == 0:
        return None
    sent = slot.tokens.doc[slot.tokens.start - 1].sent
    return sent if layout.paragraph(sent.start_char) == slot.span.paragraph - 1 else None


def _turns(prev: Slot, here: Slot, layout: Layout) -> bool:
    """Two short quotes, each a paragraph of its own, one after the other, with no cue for the
    second: turns of a conversation, not one speech."""
    return prev.cue is None and all(_bare(s, layout) and _words(s, layout) < SHORT_TURN for s in (prev, here))


def _narrated_turn(rule: Rule, i: int, slots: list[Slot], layout: Layout) -> None:
    """"When he added that …, the 86-year-old stood up." then a paragraph that is only a quote:
    the person the narration has just shown acting speaks it."""
    slot = slots[i]
    sent = _narration_before(slot, layout) if _bare(slot, layout) else None
    if sent is None:
        return
    subject = _subject_of(sent)
    if subject is None or subject._.quote is not None or not _person_word(subject, layout.lexicons):
        return
    if not _said_to(rule, slot, subject, mention_span(subject), layout):
        slot.decide(rule, speaker=mention_span(subject))


def _said_to(rule: Rule, slot: Slot, person: Token, hearer: Span, layout: Layout) -> bool:
    """"His mum, Denise Mallory, told us …" then "‘Mum, I'm in a cell.’": a quote that calls the
    person by what she is to the speaker is said to her by the other party (who may have been
    named a few paragraphs before her own words). True when the quote is of that kind."""
    if not _called_by_kin(person, slot.tokens, layout):
        return False
    other = _other_person(slot, layout, besides=person, reach=6)
    if other is not None:
        slot.decide(rule, speaker=other, addressee=hearer)
    return True


def _called_by_kin(person: Token, tokens: Span, layout: Layout) -> bool:
    """Does the quote call the person by a kin word her description shares ("Mum," for "His mum")?"""
    word = person.lemma_.lower()
    groups = [set(g.split()) for g in layout.lexicons.get("same_posts", ()) if word in g.split()] or [{word}]
    kin = layout.lexicons.get("kin", frozenset())
    doc = tokens.doc
    return any(t.lower_ in kin and t.lower_ in group and t.i > 0 and t.i + 1 < len(doc)
               and (doc[t.i - 1]._.quote_open or doc[t.i - 1].text == ",")
               and (doc[t.i + 1].text in _VOCATIVE_AFTER or doc[t.i + 1]._.quote_close)
               for t in tokens for group in groups)


_REPORTED_QUESTION = frozenset({"whether", "if", "why", "how", "what", "when", "where", "who"})


def _narrated_question(rule: Rule, i: int, slots: list[Slot], layout: Layout) -> None:
    """"Later, the anchor asked Mrs Ferris whether she was sleeping." then a paragraph that is
    only a quote: the answer of the one asked, to the asker."""
    slot = slots[i]
    sent = _narration_before(slot, layout) if _bare(slot, layout) and not _asks(slot, layout) else None
    if sent is None or sent.root.lemma_.lower() not in ASKING or any(t._.quote is not None for t in sent):
        return
    # "Ms Mendes pressed the chief executive on the company's property." asks nothing yet: the
    # question that follows is hers. Only a question the narration has already put is answered.
    if not any(t.lower_ in _REPORTED_QUESTION and t.head.head == sent.root for t in sent):
        return
    asked = next((c for c in sent.root.children if c.dep_ == "dobj"), None)
    asker = _subject_of(sent)
    if asked is not None and asker is not None and all(_person_word(t, layout.lexicons) or t.pos_ == "PROPN"
                                                        for t in (asked, asker)):
        slot.decide(rule, speaker=mention_span(asked), addressee=mention_span(asker))


def _narrated_quote(rule: Rule, i: int, slots: list[Slot], layout: Layout) -> None:
    """"Margaret Askew remembers the proposal rather differently. “…”": a whole-sentence quote
    that no cue claims, right after a sentence of the same paragraph about a named person."""
    slot = slots[i]
    doc = slot.tokens.doc
    if layout.opens_paragraph(slot.span) or slot.tokens.start == 0 or shape_kind(slot, layout) == "partial":
        return
    sent = doc[slot.tokens.start - 1].sent
    if sent.end != slot.tokens.start or layout.paragraph(sent.start_char) != slot.span.paragraph:
        return
    subject = _subject_of(sent)
    if (subject is not None and subject._.quote is None and subject.pos_ == "PROPN"
            and names_a_person(subject, layout.lexicons.get("titles", frozenset()), layout.persons(doc))):
        slot.decide(rule, speaker=mention_span(subject))


def _subject_fragment(rule: Rule, i: int, slots: list[Slot], layout: Layout) -> None:
    """"Premier Douglas Harrow accepted the resignation “with regret”": a fragment no cue claims,
    in what the sentence says its subject, a person, did, is that person's wording; not one in a
    clause about the subject ("His father, told of Holt's complaint about the 'ploughed field',
    just laughed") nor one before the main verb."""
    slot = slots[i]
    if not len(slot.tokens) or shape_kind(slot, layout) != "partial" or layout.is_headline(slot.span.paragraph):
        return
    first = slot.tokens[0]
    sent = first.sent
    teller = _teller(sent.root, layout.lexicons) if sent.root.i < first.i else None
    if teller is not None:  # "was told by the town council that the puppet must no longer ‘lunge …’"
        slot.decide(rule, speaker=mention_span(teller))
        return
    subject = _subject_of(sent)
    # "Harry and Meghan slammed for ‘letting down’ Royal Family": a passive subject, or two,
    # did not choose the words
    if (subject is None or subject._.quote is not None or sent.root.i > first.i or subject.dep_ != "nsubj"
            or subject.is_ancestor(first) or subject.tag_ in ("NNS", "NNPS") or subject.conjuncts):
        return
    if _someone_elses(first, sent.root, layout.lexicons):
        return
    doc = slot.tokens.doc
    person = (names_a_person(subject, layout.lexicons.get("titles", frozenset()), layout.persons(doc))
              if subject.pos_ == "PROPN" else _person_word(subject, layout.lexicons))
    if person:
        slot.decide(rule, speaker=mention_span(subject))


def _teller(root: Token, lexicons: dict) -> Token | None:
    if root.lemma_.lower() not in lexicons.get("cues", frozenset()):
        return None
    return next((g for c in root.children if c.dep_ == "agent" for g in c.children
                 if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)


def _someone_elses(tok: Token, root: Token, lexicons: dict) -> bool:
    """Words someone else spoke: below a speech noun ("after a single complaint that it was ‘too
    scary’") or a speech verb between the fragment and the main verb, or a main verb told "by"
    someone ("was told by the town council that …")."""
    words = lexicons.get("speech_nouns", frozenset()) | lexicons.get("cues", frozenset())
    if any(c.dep_ == "agent" for c in root.children):
        return True
    return any(t.lemma_.lower() in words for t in tok.ancestors if t != root)


def _subject_of(sent: Span) -> Token | None:
    return next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _person_word(tok: Token, lexicons: dict) -> bool:
    if tok.pos_ == "PRON":
        return tok.lower_ in ("he", "she")
    if tok.pos_ == "PROPN":
        return tok.ent_type_ in ("", "PERSON")
    lemma = tok.lemma_.lower()
    return lemma in lexicons.get("person_words", ()) or tok.lower_ == "old"  # "the 86-year-old"


def _headline_echo(rule: Rule, i: int, slots: list[Slot], layout: Layout) -> None:
    """A headline's quote is repeated in the story, where the reporter attributes it in full:
    "Hospice treasurer ‘lived like a lord’, court told" is the prosecutor's “lived like a lord”."""
    here = slots[i]
    if not layout.is_headline(here.span.paragraph):
        return
    words = _plain_words(layout, here.span)
    if not words:
        return
    found = None
    for j in range(i + 1, len(slots)):
        source = slots[j]
        if source.speaker is None or source.kind is not None or layout.is_headline(source.span.paragraph):
            continue
        theirs = _plain_words(layout, source.span)
        if theirs == words:  # the very words, quoted again: the best witness
            found = j
            break
        if found is None and _contains(theirs, words):
            found = j
    if found is not None:
        _copy(rule, here, found, slots[found])


def _heard_by(tok: Token, lexicons: dict) -> bool:
    """"‘…’, jury told", "…, a jury has heard": the audience of a headline's passive "told" or of
    "heard" is who listened, never who spoke."""
    verb = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.lemma_.lower() not in lexicons.get("audiences", ()):
        return False
    if verb.lemma_ == "hear":
        return True
    return verb.lemma_ == "tell" and not any(c.dep_ in ("dobj", "dative") for c in verb.children)


def _audience(slot: Slot, lexicons: dict) -> Token | None:
    sent = slot.tokens.sent if len(slot.tokens) else None
    found = [t for t in sent if t._.quote is None and _heard_by(t, lexicons)] if sent is not None else []
    return found[0] if found else None


def _heard(rule: Rule, i: int, slots: list[Slot], layout: Layout) -> None:
    """What a jury heard ("…, a jury has heard", "…, court told") is said by whoever the story
    says told that audience: the first speaker to tell the jury, in court reporting the
    prosecutor opening the case."""
    here = slots[i]
    audience = _audience(here, layout.lexicons)
    if audience is None:
        return
    lemma = audience.lemma_.lower()
    for j in [*range(i + 1, len(slots)), *range(i)]:  # the story after the quote first
        told = slots[j].addressee
        if slots[j].speaker is not None and told is not None and told.root.lemma_.lower() == lemma:
            _copy(rule, here, j, slots[j], same_talk=True)  # said to that audience too
            return


def _headline_subject(rule: Rule, i: int, slots: list[Slot], layout: Layout) -> None:
    """"‘The sea doesn’t care how old you are’: swimming the Corran Strait at 58": a headline
    quote before a colon is the words of the person the piece is about, the first it names in full."""
    here = slots[i]
    if not layout.is_headline(here.span.paragraph) or layout.text[here.span.end:here.span.end + 2].strip()[:1] != ":":
        return
    doc = here.tokens.doc
    body = layout.starts[1] if len(layout.starts) > 1 else len(layout.text)
    named = [e for e in layout.persons(doc) if e.start_char >= body and len(e) > 1 and e.root._.quote is None]
    if named:
        here.decide(rule, speaker=mention_span(named[0].root))


def _plain_words(layout: Layout, span: QuoteSpan) -> list[str]:
    text = layout.text[span.inner_start:span.inner_end].lower()
    return "".join(c if c.isalnum() else " " for c in text).split()


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(words[k:k + n] == part for k in range(len(words) - n + 1))


def _residual(rule: Rule, i: int, slots: list[Slot], layout: Layout) -> None:
    slot = slots[i]
    if shape_kind(slot, layout) == "partial" and _words(slot, layout) <= 6:
        slot.decide(rule, kind="scare")


STRATEGIES: dict[str, Callable] = {"interrupted": _interrupted, "chain": _chain, "turn_taking": _turn_taking,
                                   "paragraph": _paragraph, "narrated_turn": _narrated_turn,
                                   "narrated_quote": _narrated_quote, "narrated_question": _narrated_question,
                                   "headline_echo": _headline_echo,
                                   "headline_subject": _headline_subject, "heard": _heard,
                                   "subject_fragment": _subject_fragment, "residual": _residual}
# Strategies that may replace an attribution rule's decision (never a suppression's): a
# headline's grammar is too compressed to trust over the story's own attribution.
_REVISING = frozenset({"headline_echo"})


# ---------------------------------------------------------------- kinds

def _words(slot: Slot, layout: Layout) -> int:
    return len(layout.text[slot.span.inner_start:slot.span.inner_end].split())


def shape_kind(slot: Slot, layout: Layout) -> str:
    """direct for whole utterances, partial for fragments woven into the reporter's sentence."""
    span = slot.span
    inner = layout.text[span.inner_start:span.inner_end].rstrip()
    if span.is_open or span.continues or layout.opens_paragraph(span):
        return "direct"
    intro = layout.before(span.start)
    if intro == ":":
        return "direct"
    if inner and inner[-1] in ".?!,…" and len(inner.split()) >= 2:
        return "direct"
    if intro == "," and inner[:1].isupper() and len(inner.split()) >= 3:
        return "direct"
    return "partial"
