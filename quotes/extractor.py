"""From text to a Result: quote spans → parsed doc → rule matches → attributions → speakers."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from .annotate import quote_tokens, register_extensions
from .linebreaks import add_line_breaks
from .matching import RuleMatcher
from .mentions import (ASKING, Mention, age_after, asking_clause, is_subject, mention_span, name_around, partitive,
                       person_noun, question_put, relative_clauses, who_clause)
from .model import DEFAULT_MODEL, check_annotations, load_model
from .records import NestedQuote, Quote, Result, Speaker
from .rulebook import RuleBook, load_rulebook
from .sieves import Layout, Slot, asks, run_sieves
from .spans import QuoteSpan, find_quotes, paragraphs
from .speakers import Entity, resolve_mentions
from .page import Page
from .transcript import Turns


class Extractor:
    """Holds the loaded model, rules and matchers; call it on text or on a parsed Doc."""

    def __init__(self, model: str = DEFAULT_MODEL, rules: str | Path | RuleBook | None = None,
                 nlp: Language | None = None, standalone: bool = True):
        """standalone=False when the Extractor lives inside a pipeline as its component, and
        so must not change or run that pipeline."""
        self.rulebook = rules if isinstance(rules, RuleBook) else load_rulebook(rules)
        self.nlp = nlp if nlp is not None else load_model(model)
        if standalone:
            add_line_breaks(self.nlp)
            check_annotations(self.nlp, {r.id: set(r.needs) for r in self.rulebook.rules})
        register_extensions()
        self.matcher = RuleMatcher(self.rulebook, self.nlp.vocab)
        self.model_name = model if nlp is None else nlp.meta.get("name", "custom")

    def __call__(self, text: str, doc_id: str | None = None) -> Result:
        return self.from_doc(self.nlp(text), doc_id)

    def pipe(self, texts: Iterable[str], batch_size: int = 16, n_process: int = 1) -> Iterator[Result]:
        for doc in self.nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
            yield self.from_doc(doc)

    def from_doc(self, doc: Doc, doc_id: str | None = None) -> Result:
        text = doc.text
        every = find_quotes(text, self.rulebook.marks)
        top = _outermost(every)
        if top:
            slots = [Slot(span, toks) for span, toks in zip(top, quote_tokens(doc, top))]
            lines = paragraphs(text)
            layout = Layout(text, [start for start, _ in lines], self.rulebook.lexicons,
                            tuple((s.start, s.end) for s in every if s.depth > 0))
            run_sieves(doc, slots, self.rulebook, self.matcher(doc), layout)
            entities, links = _resolve(doc, slots, self.rulebook, page_of(doc, layout, lines))
            result = _build(text, top, every, slots, entities, links, doc_id)
        else:  # nothing quoted: no rule can fire and nobody needs resolving
            result = Result((), (), doc_id)
        doc._.quote_result = result
        doc._.quotes = list(result.quotes)
        _set_spans(doc, result)
        return result


def _outermost(every: list[QuoteSpan]) -> list[QuoteSpan]:
    top = [s for s in every if s.depth == 0]
    new_index = {s.index: i for i, s in enumerate(top)}
    return [replace(s, index=i, chain=new_index.get(s.chain, i), parent=None) for i, s in enumerate(top)]


def _resolve(doc: Doc, slots: list[Slot], rulebook: RuleBook, page: Page):
    """Turn speaker/addressee phrases into entities, reading every mention in text order."""
    lexicons = rulebook.lexicons
    cited = []
    for i, slot in enumerate(slots):
        for role, span in (("speaker", slot.speaker), ("addressee", slot.addressee)):
            if span is not None and not (role == "speaker" and slot.via is not None):
                cited.append((_first_person(Mention.from_span(span, lexicons), page), i, role))
    seen = {(m.start, m.end) for m, _, _ in cited}
    spans = sorted((m.start, m.end) for m, _, _ in cited)
    context = [(m, None, None) for m in _context_mentions(doc, slots, lexicons) if (m.start, m.end) not in seen
               and not (m.background and _overlaps(spans, m))]
    order = {"speaker": 0, None: 1, "addressee": 2}
    events = sorted(cited + context, key=lambda e: (e[0].start, order[e[2]]))
    entities, links = resolve_mentions(events, lexicons, page, _replies(slots, rulebook.lexicon("replies")),
                                       _talked_of(doc, slots, lexicons))
    _answer_links(slots, entities, links)
    _follow_copies(slots, links)
    return entities, links


def _answer_links(slots: list[Slot], entities: list[Entity], links) -> None:
    """A bare answer to a question is the other party's: the person mentioned last before it who
    is not the one asking ("Cross-examined by Ms Raman, the 52-year-old admitted …" / "‘Did the
    club own a mower?’ the prosecutor asked." / "‘No.’")."""
    # "whether she had seen her former boss take a card": someone talked about, not a party
    parties = [(e, [m for m in e.mentions if not m.owned and not m.background]) for e in entities if e.person]
    people = [(e, ms, [m.start for m in ms]) for e, ms in parties]
    for i, slot in enumerate(slots):
        if slot.answers is None:
            continue
        asker = _copied_link(slots, links, slot.answers) or (None, None)
        best = None
        for e, mentions, starts in people:
            k = bisect_left(starts, slot.span.start)
            if e is not asker[0] and k and (best is None or starts[k - 1] > best[1]):
                best = (e, starts[k - 1], mentions[k - 1])
        if best is not None:
            links[(i, "speaker")] = (best[0], best[2])


def _overlaps(spans: list[tuple[int, int]], m: Mention) -> bool:
    """Does m overlap one of the sorted, short spans? (Binary search: long articles cite thousands.)"""
    k = bisect_left(spans, (m.end,))
    return any(start < m.end and m.start < end for start, end in spans[max(0, k - 3):k])


def _talked_of(doc: Doc, slots: list[Slot], lexicons) -> dict[int, list[Mention]]:
    """Quote -> the people it names in the third person ("Saskia was the one who refused to let it
    go," she said): "she" is someone else. Not a name the speaker gives as their own ("I'm Brenda")."""
    starts = [slot.tokens.start for slot in slots]
    out: dict[int, list[Mention]] = {}
    for ent in doc.ents:
        # the small model tags a lone first name as anything ("Saskia" a WORK_OF_ART)
        if not (ent.label_ == "PERSON" or ent.root.pos_ == "PROPN" and ent.label_ not in _PLACES) or _own_name(ent):
            continue
        if _vocative(ent):  # "He told me, “Fiona, nobody uses that court”": she is spoken to, not of
            continue
        i = bisect_right(starts, ent.start) - 1
        if i < 0 or ent.end > slots[i].tokens.end:
            continue
        m = Mention.from_span(ent, lexicons)
        if m.kind == "named" and m.name.strip():
            out.setdefault(i, []).append(m)
    return out


_PLACES = frozenset({"GPE", "LOC", "FAC", "NORP"})


def _vocative(ent: Span) -> bool:
    """A name set off on its own between punctuation: someone addressed ("Fiona, …", "…, Dad.")."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start else None
    after = doc[ent.end] if ent.end < len(doc) else None
    return (before is None or before.is_punct or before._.quote is not None and before.is_quote) and (
        after is not None and after.text in (",", ".", "!", "?"))


def _own_name(ent: Span) -> bool:
    # norms, so that "I’m" with a curly apostrophe reads "i am" too
    # (from the name's first word: NER may take "I’m Brenda" for one entity)
    first = next((t.i for t in ent if t.pos_ == "PROPN"), ent.start)
    before = " ".join(t.norm_ for t in ent.doc[max(first - 3, 0):first])
    return before.endswith(("i am", "name is", "call me", "it 's", "this is"))


def _replies(slots: list[Slot], replies: frozenset[str]) -> dict[int, int]:
    """Quote -> the earlier quote it answers ("‘And the petrol?’ ‘I’ve got a big lawn,’ the
    defendant replied"), traced back to the quote whose speaker was named."""
    out = {}
    for i, slot in enumerate(slots):
        # "Asked whether Thwaite would apologise, he replied": the question is the narration's,
        # not the quote before
        if (i and slot.cue is not None and not _asked_before(slot.cue)
                and (slot.cue.lemma_.lower() in replies or _put_to(slots[i - 1]))):
            j, seen = i - 1, set()
            while slots[j].via is not None and j not in seen:
                seen.add(j)
                j = slots[j].via
            out[i] = j
    return out


def _asked_before(cue) -> bool:
    return any(asking_clause(c) for c in cue.children)


def _put_to(slot: Slot) -> bool:
    """A question asked of someone ("“When did you last hear his voice?” Strachan asked her."):
    the next quote with a cue answers it, so "she said" there is not the asker."""
    return (slot.addressee is not None and slot.cue is not None and slot.cue.lemma_.lower() in ASKING
            and asks(slot, slot.tokens.doc.text))


def page_of(doc: Doc, layout: Layout, lines: list[tuple[int, int]]) -> Page:
    """The page facts speaker resolution needs: transcript turns (and who speaks them), the lede."""
    return Page.of(layout.text, lines, layout.is_headline(0), _interviewee(doc, layout),
                   _place_names(doc, layout.lexicons), _writer(doc, layout, lines))


def _writer(doc: Doc, layout: Layout, lines: list[tuple[int, int]]) -> str | None:
    """Who writes a feature's "I ask him": the byline ("By Harriet Doyle") or the reporter the
    opening says met the subject ("Harriet Doyle meets Lenny Mensah", "Nell Aspinall met him"),
    whatever NER made of the name."""
    opening = lines[2][1] if len(lines) > 2 else len(layout.text)
    for tok in doc:
        if tok.idx >= opening:
            break
        if tok.lower_ == "by" and tok.is_sent_start and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
            return mention_span(doc[tok.i + 1]).text
        if tok.lemma_.lower() == "meet" and any(c.dep_ == "dobj" for c in tok.children):
            subject = next((c for c in tok.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
            if subject is not None:
                return mention_span(subject).text
    return None


def _place_names(doc: Doc, lexicons) -> frozenset[str]:
    """One-word names the article uses as places, whatever NER says of them elsewhere: where NER
    calls them a place, or where a person is "from" them ("One grandmother from Doncaster")."""
    people = lexicons.get("person_words", frozenset())
    named = {ent.text.lower() for ent in doc.ents if ent.label_ in ("GPE", "LOC", "FAC") and len(ent) == 1}
    named |= {tok.lower_ for tok in doc if tok.pos_ == "PROPN" and tok.dep_ == "pobj" and tok.head.lower_ == "from"
              and tok._.quote is None and person_noun(tok.head.head, people)}
    return frozenset(named)


def _first_person(m: Mention, page: Page) -> Mention:
    """In a transcript turn, "I told him" and "told me" are the turn's speaker; in a feature's
    narration, its writer ("“Do you still watch them all?” I ask him.")."""
    if m.kind == "pronoun" and m.text.lower() in ("i", "me"):
        turns = page.turns
        if turns is not None and turns.of(m.start) is not None:
            name = turns.speaker(m.start)
            return replace(m, kind="named", name=name, label="PERSON") if name else m
        if page.writer:  # the writer asks; the narration's "she" is still whom the piece is about
            return replace(m, kind="named", name=page.writer, label="PERSON", background=True)
    return m


def _interviewee(doc: Doc, layout: Layout) -> str | None:
    """Whom a Q&A is with: the first person the introduction names in full, by NER or by a
    given name ("For 26 years Alfie Mountjoy drove the number 9 bus")."""
    given = layout.lexicons.get("given_names", frozenset())
    named = [doc[t.i - 1:t.i + 1] for t in doc if _after_given_name(t, given) and t._.quote is None]
    full = sorted([p for p in layout.persons(doc) if len(p.text.split()) > 1] + named, key=lambda p: p.start)
    return full[0].text if full else None


def _context_mentions(doc: Doc, slots: list[Slot], lexicons) -> list[Mention]:
    """People the narration names or describes as subjects: antecedents for "he" and "the striker";
    and, in the background, the organisations it names, for "the firm said"."""
    nicknamed = [m for m in (name_around(s.tokens, lexicons) for s in slots
                             if s.kind == "nickname" and len(s.tokens)) if m is not None]
    found = nicknamed + [m for m in _narrated(doc, lexicons) if not any(n.start <= m.start < n.end for n in nicknamed)]
    # "Asked whether Thwaite would apologise, he replied": whom a question is about is named in
    # passing, never whom the answer's "he" means; nor is whom someone speaks for ("Speaking on
    # behalf of President Halvik, he told a briefing")
    passing = [(v.left_edge.idx, v.right_edge.idx) for v in doc if asking_clause(v) and v.left_edge.i == v.i]
    passing += [span for span in map(question_put, doc.sents) if span is not None]
    passing += [(t.left_edge.idx, t.right_edge.idx) for t in doc if t.dep_ == "pobj" and t.head.lower_ == "of"
                and t.head.head.lower_ == "behalf"]
    found = [replace(m, background=True) if any(a <= m.start <= b for a, b in passing) else m for m in found]
    taken = {m.start for m in found}
    return found + [m for m in _organisations(doc, lexicons) if m.start not in taken]


def _organisations(doc: Doc, lexicons) -> list[Mention]:
    """Organisations NER found outside quotes. They stay in the background (no pronoun or role
    noun binds to them: on the development corpus that pulled "he" and "the striker" away from
    people), but "the company" and "it says" find them."""
    found = [replace(Mention.from_span(ent, lexicons), background=True) for ent in doc.ents
             if ent.label_ == "ORG" and ent.root._.quote is None]
    return found + [replace(Mention.from_span(mention_span(tok), lexicons), label="ORG", background=True)
                    for tok in _described_as_bodies(doc, lexicons)]


def _described_as_bodies(doc: Doc, lexicons) -> list:
    """"Eisvogel, the German maker of ovens, …": a name NER missed that the article itself calls
    a company, a maker or a charity."""
    bodies = lexicons.get("bodies", frozenset())
    return [tok for tok in doc if tok.pos_ == "PROPN" and tok.ent_type_ not in ("ORG", "PERSON") and tok._.quote is None
            and tok.dep_ != "compound" and any(c.dep_ == "appos" and c.lemma_.lower() in bodies for c in tok.children)]


def _narrated(doc: Doc, lexicons) -> list[Mention]:
    roles = lexicons.get("roles", frozenset())
    things = lexicons.get("place_words", frozenset()) | lexicons.get("organisation_words", frozenset())
    out = [_with_post(Mention.from_span(mention_span(_described(tok)), lexicons), doc, roles)
           for tok in _persons(doc) if not _names_a_place(tok, things)]
    out += [replace(Mention.from_span(mention_span(tok), lexicons), label="PERSON")
            for tok in _given_named(doc, lexicons.get("given_names", frozenset()), things)]
    out += _subjects(doc, lexicons)
    return out + _surnames_again(doc, out, lexicons)


def _names_a_place(tok, things: frozenset[str]) -> bool:
    """"St Ebba’s church", "St Mary's Hospital": a name owning a place word names the place."""
    doc = tok.doc
    return (tok.i + 2 < len(doc) and doc[tok.i + 1].tag_ == "POS"
            and doc[tok.i + 2].lemma_.lower() in things and doc[tok.i + 2].pos_ in ("NOUN", "PROPN"))


def _inside_name(tok) -> bool:
    while tok.dep_ == "compound" and tok.head.i != tok.i:
        tok = tok.head
        if tok.ent_type_ == "PERSON":
            return True
    return False


def _persons(doc: Doc) -> list:
    # "Castleford manager Sean Tully": NER's "Castleford" is a word of Tully's description
    persons = [ent.root for ent in doc.ents if ent.label_ == "PERSON" and ent.root._.quote is None
               and not _inside_name(ent.root)]
    # "Jade Okafor and Ryan Marchetti": a name joined to a person's name is a person too,
    # even when NER missed it.
    return persons + [c for root in persons for c in root.conjuncts
                      if c.pos_ == "PROPN" and c.ent_type_ != "PERSON" and c._.quote is None]


def _with_post(m: Mention, doc: Doc, roles: frozenset[str]) -> Mention:
    """"up to actress Sienna Vale": the post right before a name is part of how the article
    names her, even when the parser reads "actress" as a verb."""
    first = doc.char_span(m.start, m.end, alignment_mode="expand")
    before = doc[first.start - 1] if first is not None and first.start else None
    if before is not None and before.is_lower and before.lower_ in roles:
        return replace(m, start=before.idx, text=doc.text[before.idx:m.end])
    return m


def _given_named(doc: Doc, given: frozenset[str], things: frozenset[str]) -> list:
    """"with Edna Prys, who is ninety-one": a full name NER missed, known by its given name,
    wherever it stands (subjects are found by _subjects); never "Victoria Street"."""
    return [tok for tok in doc if _after_given_name(tok, given) and not is_subject(tok) and tok._.quote is None
            and tok.ent_type_ != "PERSON" and tok.dep_ != "compound" and tok.lower_ not in things]


def _after_given_name(tok, given: frozenset[str]) -> bool:
    """The surname of "Alfie Mountjoy": a capitalised word right after a known given name."""
    return (tok.i > 0 and tok.pos_ == "PROPN" and tok.is_title and tok.doc[tok.i - 1].is_title
            and tok.doc[tok.i - 1].lower_ in given)


def _subjects(doc: Doc, lexicons) -> list[Mention]:
    """Subjects that are people whatever NER said: a person noun, the subject of a speech verb, a
    titled or given name, a name with an age, a definite description by role ("The
    harbourmaster was blunter", "The 74-year-old has not given up"), the narration's own
    "she"; and a body acting in a main clause ("The trust declined …")."""
    people = lexicons.get("person_words", frozenset())
    cues = lexicons.get("cues", frozenset())
    bodies = lexicons.get("bodies", frozenset())
    speech_nouns = lexicons.get("speech_nouns", frozenset())
    # titles, given names or posts before a name ("Substitute Femi Okoro")
    name_words = lexicons.get("titles", frozenset()) | lexicons.get("given_names", frozenset()) | people
    out = []
    for tok in doc:
        if tok._.quote is not None or tok.ent_type_ == "PERSON":
            continue
        if (_passive_agent(tok) or _there_is(tok)) and tok.pos_ == "NOUN":  # "spotted by a caretaker. He told me"
            agent = Mention.from_span(mention_span(tok), lexicons)
            if agent.role and not agent.plural:
                # "Asked by one reporter whether …, the 47-year-old said": the asker is someone,
                # but not whom the answer's "he" or "the 47-year-old" means.
                out.append(replace(agent, background=True) if tok.head.head.lemma_.lower() in ASKING else agent)
            continue
        if tok.pos_ == "PRON" and tok.lower_ in ("he", "she") and is_subject(tok) and _main_clause(tok.head):
            # "She sat beside her grandfather …": the narration's own "she" keeps her in view (not
            # the "she" of "as she left the witness box", a clause about someone passing by)
            out.append(Mention.from_span(doc[tok.i:tok.i + 1], lexicons))
            continue
        if not is_subject(tok) or not _nearest_subject(tok, people):
            put_to = tok.dep_ == "pobj" and tok.head.lower_ == "to"
            if tok.pos_ == "NOUN" and _says_who(tok, people, cues):
                out.append(Mention.from_span(mention_span(tok), lexicons))
            elif tok.pos_ == "PROPN" and age_after(doc, tok.i + 1) is not None:  # "sent on Okoro, 19,": an age to know him by
                out.append(Mention.from_span(mention_span(tok), lexicons))
            elif tok.pos_ == "NOUN" and (put_to or person_noun(tok, people)):
                # "I put it to the chief executive that …": whom the next "she insisted" means;
                # and a description with an age wherever the parse hung it ("Three years on, the
                # retired school secretary from Penhallow Quay, now 71, is selling out rooms")
                m = Mention.from_span(mention_span(tok), lexicons)
                if m.role and m.definite and not m.plural and (put_to or m.age is not None):
                    out.append(m)
            continue
        # a common noun may be any word English forms for people ("lobsterman"); a name must be listed
        if _generic(tok):
            continue
        if tok.pos_ == "NUM" and partitive(tok) is not tok:  # "One of the teenagers … offers his verdict"
            if person_noun(partitive(tok), people):
                out.append(Mention.from_span(mention_span(tok), lexicons))
            continue
        if tok.lemma_.lower() in speech_nouns:  # "“…,” the statement added" is no one
            continue
        person = person_noun(tok, people) if tok.pos_ == "NOUN" else tok.lemma_.lower() in people
        if tok.pos_ == "NOUN" and not person and who_clause(tok):  # only a person is "who"
            out.append(replace(Mention.from_span(mention_span(tok), lexicons), role=True))
        elif (tok.pos_ in ("NOUN", "PROPN") and (person or tok.head.lemma_.lower() in cues)
                # "Mossop, 71, was less relaxed": a name followed by an age is a person's
                or _titled_name(tok, name_words) or (tok.pos_ == "PROPN" and age_after(doc, tok.i + 1) is not None)):
            out.append(Mention.from_span(mention_span(tok), lexicons))
        elif tok.pos_ in ("NOUN", "ADJ"):
            m = Mention.from_span(mention_span(tok), lexicons)
            # "The trust declined to come on the programme, but … it said": a body acting is
            # what the next "it" means
            body = m.head in bodies and _main_clause(tok.head)
            if m.definite and not m.plural and (m.role or body):
                out.append(m)
    return out


_MODALS = frozenset("can could may might must should would".split())


def _generic(tok) -> bool:
    """"There are brave things a prime minister can say": anyone in the post, not a person."""
    verb = tok.head
    return (tok.dep_ == "nsubj" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)
            and verb.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children))


def _main_clause(verb) -> bool:
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _says_who(tok, people: frozenset[str], cues: frozenset[str]) -> bool:
    """"a woman who said she was the defendant's aunt wept": someone the narration brings on by
    what they said, wherever the parser hung the rest of the sentence."""
    return tok.lemma_.lower() in people and any(v in cues and v not in ASKING for v in relative_clauses(tok))


def _passive_agent(tok) -> bool:
    return tok.dep_ == "pobj" and tok.head.dep_ == "agent"


def _there_is(tok) -> bool:
    """"There was a woman who got on every Tuesday. She told me": someone brought on stage."""
    return tok.dep_ == "attr" and tok.head.lemma_ == "be" and any(c.dep_ == "expl" for c in tok.head.children)


def _nearest_subject(tok, people: frozenset[str]) -> bool:
    """Of two subjects the parser gives one verb ("Cross-examining him, Ms Ardagh asked"), only
    the one nearer the verb is its subject; a thing is no rival ("The woman who runs the café next
    door was blunt" hangs "door" on "was" too)."""
    rivals = [c.i for c in tok.head.children if c.dep_ == tok.dep_ and c.i != tok.i
              and (c.pos_ != "NOUN" or c.lemma_.lower() in people)]
    return not any(abs(r - tok.head.i) < abs(tok.i - tok.head.i) for r in rivals)


def _surnames_again(doc: Doc, found: list[Mention], lexicons) -> list[Mention]:
    """"Lykke, signed in January, opened the scoring": a surname on its own, as a subject, of
    someone already named in full, whatever NER made of it this time."""
    surnames = {m.name.split()[-1] for m in found if m.kind == "named" and len(m.name.split()) > 1}
    taken = {m.start for m in found}
    return [Mention.from_span(mention_span(tok), lexicons) for tok in doc
            if tok.pos_ == "PROPN" and tok.text in surnames and tok.idx not in taken and is_subject(tok)
            and tok._.quote is None and not any(c.dep_ == "compound" for c in tok.lefts)]


def _titled_name(tok, given: frozenset[str]) -> bool:
    """"Chancellor Helena Marsh-Devlin froze …", "Substitute Femi Okoro scored", "Anders Lykke
    scored twice": a name NER missed, known by its title or post, its given name, or the shape of
    a first name and a surname."""
    if tok.pos_ != "PROPN":
        return False
    compounds = [c for c in tok.lefts if c.dep_ == "compound"]
    if any(c.lower_.rstrip(".") in given for c in compounds):
        return True
    return (len(compounds) == 1 and compounds[0].is_title and tok.is_title
            and {c.ent_type_ for c in (tok, compounds[0])} <= {"", "PERSON"})


def _described(tok):
    head = tok.head
    # "Morning, Gary." hangs the name on a greeting: no description of him
    if (tok.dep_ == "appos" and head.pos_ in ("NOUN", "PROPN") and head.ent_type_ not in ("PERSON", "TIME", "DATE")
            and head._.quote is None and not _named_before(tok)):
        return head
    return tok


def _named_before(tok) -> bool:
    """"the regional governor, Ettore Balzani, and the head of the rescue service, Dario
    Scaglione": a second name the parse hangs on the same description is someone else."""
    return any(c.dep_ == "appos" and c.i < tok.i and c.ent_type_ == "PERSON" for c in tok.head.children)


def _follow_copies(slots: list[Slot], links) -> None:
    """Quotes decided by structure share the entity of the phrase they copied."""
    for i, slot in enumerate(slots):
        if slot.via is not None:  # also a turn that copies an answer, whose speaker only the entities know
            link = _copied_link(slots, links, i)
            if link is not None:
                links[(i, "speaker")] = link


def _copied_link(slots: list[Slot], links, i: int):
    """Back along the copies to the phrase itself: a headline may echo the second paragraph of
    a quote, which copied the first. (A loop, not recursion: a chain can be thousands long.)"""
    seen = set()
    while slots[i].via is not None and i not in seen:
        seen.add(i)
        source = slots[i].via
        if slots[source].speaker != slots[i].speaker:  # the turn of the one spoken to
            return links.get((source, "addressee"))
        i = source
    return links.get((i, "speaker"))


def _build(text, top, every, slots, entities, links, doc_id) -> Result:
    cited = _number_cited(entities, links)
    nested = _nested_by_outer(every)
    counts: dict[str, int] = {}
    quotes = []
    for i, (span, slot) in enumerate(zip(top, slots)):
        speaker = links.get((i, "speaker"), (None, None))
        if speaker[0] is not None:
            counts[speaker[0].id] = counts.get(speaker[0].id, 0) + 1
        quotes.append(_quote(text, i, span, slot, speaker, links.get((i, "addressee"), (None, None)), nested))
    speakers = tuple(_speaker(e, counts.get(e.id, 0)) for e in cited)
    return Result(tuple(quotes), speakers, doc_id)


def _nested_by_outer(every: list[QuoteSpan]) -> dict[int, list[QuoteSpan]]:
    """Quotes inside quotes, keyed by the start of their outermost quote."""
    out: dict[int, list[QuoteSpan]] = {}
    for n in every:
        if n.depth > 0:
            outer = n
            while outer.parent is not None:
                outer = every[outer.parent]
            out.setdefault(outer.start, []).append(n)
    return out


def _number_cited(entities: list[Entity], links) -> list[Entity]:
    """Entities that speak or are spoken to get ids S1, S2, … in order of first appearance."""
    wanted = {id(entity) for entity, _ in links.values() if entity is not None}
    cited = [e for e in entities if id(e) in wanted]
    for n, entity in enumerate(cited, 1):
        entity.id = f"S{n}"
    return cited


def _quote(text, i, span: QuoteSpan, slot: Slot, speaker, addressee, every: dict) -> Quote:
    s_ent, s_men = speaker
    a_ent, a_men = addressee
    addressee_value = a_ent.id if a_ent is not None else (slot.addressee.text if slot.addressee is not None else None)
    nested = tuple(NestedQuote(n.start, n.end, n.inner(text)) for n in every.get(span.start, ()))
    return Quote(
        id=f"Q{i + 1}", start=span.start, end=span.end, text=span.inner(text),
        speaker=s_ent.id if s_ent is not None else None,
        speaker_text=s_men.text if s_men is not None else None,
        addressee=addressee_value, cue=slot.cue.text if slot.cue is not None else None,
        rule=slot.rule, confidence=round(slot.confidence, 3), kind=slot.kind or "direct",
        paragraph=span.paragraph, group=f"Q{_group_head(i, slot, span) + 1}",
        open_mark=span.open_mark, close_mark=span.close_mark,
        speaker_start=s_men.start if s_men is not None else None,
        speaker_end=s_men.end if s_men is not None else None, nested=nested)


def _group_head(i: int, slot: Slot, span: QuoteSpan) -> int:
    if span.continues:
        return span.chain
    return slot.via if slot.via is not None and slot.rule == "interrupted" else i


def _speaker(e: Entity, quotes: int) -> Speaker:
    return Speaker(e.id, e.name, tuple(e.aliases), tuple((m.start, m.end) for m in e.mentions), quotes)


def _set_spans(doc: Doc, result: Result) -> None:
    quotes, speakers = [], []
    for q in result.quotes:
        span = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
        if span is not None:
            quotes.append(span)
        if q.speaker_start is not None:
            s = doc.char_span(q.speaker_start, q.speaker_end, label=q.speaker or "", alignment_mode="expand")
            if s is not None:
                speakers.append(s)
    doc.spans["quotes"] = quotes
    doc.spans["quote_speakers"] = speakers
