"""Speaker entities: name variants merge, people who share a name stay apart."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from conftest import speaker_names
from quotes.mentions import Mention


def _by_quote(extractor, text):
    result = extractor(text)
    return result, [result.speaker(q.speaker) for q in result.quotes]


def test_title_surname_and_full_name_are_one_person(extractor):
    text = ("Vladimir Putin said: “We will win.”\n\n"
            "President Putin told reporters: “There is no problem.”\n\n"
            "“It is a long process,” Putin said.\n\n"
            "The Russian leader also warned that the war may “be a long process”.")
    result, speakers = _by_quote(extractor, text)
    assert len({s.id for s in speakers}) == 1
    assert speakers[0].name == "Vladimir Putin"
    assert {"President Putin", "Putin", "The Russian leader"} <= set(speakers[0].aliases)


def test_two_names_side_by_side_stay_two_people(extractor):
    # The parse hangs "Carradine" on "Telford" as an apposition; they are still two people.
    text = ("Rail minister Helen Carradine resigned on Wednesday.\n\nIn a letter to First Minister "
            "Owain Telford, Carradine, 58, wrote: “I was not given the full picture.”\n\n"
            "Telford told the Assembly: “Helen has done the honourable thing.”")
    _, speakers = _by_quote(extractor, text)
    assert "Helen Carradine" == speakers[0].name and "Owain Telford" == speakers[1].name
    assert not any("Carradine" in a for a in speakers[1].aliases)


@pytest.mark.parametrize("first,second", [
    ("Volodymyr Zelensky", "Zelenskyy"),
    ("Chief executive Mirko Terzić", "Mr Terzic"),  # accents dropped in a later paragraph
    ("Governor Anton Dragunov", "Governor Dragunoff"),  # the French-style ending of a Russian name
])
def test_spelling_variants_merge(extractor, first, second):
    text = (f"{first} said: “We will not surrender.”\n\n"
            f"“The plan stands,” {second} told parliament.")
    _, speakers = _by_quote(extractor, text)
    assert speakers[0] is not None and speakers[0].id == speakers[1].id


def test_people_sharing_a_surname_stay_apart(extractor):
    text = ("Barack Obama said: “Hope matters.”\n\n"
            "Michelle Obama said: “When they go low, we go high.”\n\n"
            "“It was a great night,” Barack Obama added.")
    _, speakers = _by_quote(extractor, text)
    assert speakers[0].id != speakers[1].id
    assert speakers[0].id == speakers[2].id
    assert "michelle" not in " ".join(speakers[0].aliases).lower()


@pytest.mark.parametrize("text,names", [
    # The last Kessler named is Tom; Maria stays apart, and there are only the two of them.
    ("Maria Kessler, the club chair, said: “We have a plan.”\n\n"
     "Her brother Tom Kessler disagreed: “There is no plan.”\n\n"
     "“I stand by every word,” Kessler said.", ["Maria Kessler", "Tom Kessler", "Tom Kessler"]),
    # But a surname the article already uses alone stays with whoever it called by it.
    ("Hester Quarrington has made stained glass for fifty years.\n\n"
     "At 76, Quarrington still fires every piece by hand.\n\n"
     "“She never stops,” said Dermot Quarrington, a retired teacher.\n\n"
     "“I will stop when my hands do,” Quarrington says.", ["Dermot Quarrington", "Hester Quarrington"]),
])
def test_surname_alone_finds_its_namesake(extractor, text, names):
    result, speakers = _by_quote(extractor, text)
    assert [s.name for s in speakers] == names
    assert len(result.speakers) == len(set(names))


def test_descriptions_and_pronouns_resolve(extractor, seed_text):
    result, speakers = _by_quote(extractor, seed_text)
    by_name = {s.name: s for s in result.speakers}
    soldier = next(s for s in result.speakers if "soldier" in s.name)
    mother = next(s for s in result.speakers if "mother" in s.name)
    assert {"a soldier", "The soldier", "the fed-up soldier"} <= set(soldier.aliases)
    assert {"his mother", "The mother", "the worried mother"} <= set(mother.aliases)
    assert "Erin Burnett" in by_name and "CNN’s Erin Burnett" in by_name["Erin Burnett"].aliases
    # "telling her" resolves "her" to the mother, not to the soldier who speaks.
    telling = next(q for q in result.quotes if q.cue == "telling")
    assert telling.addressee == mother.id and telling.speaker == soldier.id


def test_pronoun_takes_the_last_person_named(extractor):
    text = "Judge Alan Reed opened the hearing.\n\n“This court will not be rushed,” he said."
    result = extractor(text)
    assert any("reed" in n for n in speaker_names(result, result.quotes[0]))


def test_pronoun_respects_gender(extractor):
    text = ("Tom Hale and his wife Anna Hale ran the shop for 30 years. Mrs Hale said: “We loved it.”\n\n"
            "“We will miss the customers,” she said.")
    result = extractor(text)
    names = speaker_names(result, result.quotes[1])
    assert any("anna" in n or "mrs hale" in n for n in names), names


def test_name_around_a_nickname_is_one_person(extractor):
    text = ("Ayinde defends his title against Kasimir ‘The Wall’ Drobny on Saturday.\n\n"
            "“You talk too much,” Drobny said.")
    result = extractor(text)
    assert result.quotes[0].kind == "nickname" and result.quotes[0].speaker is None
    assert result.speaker(result.quotes[1].speaker).name == "Kasimir Drobny"


MILLIPEDE = ("Dr Amara Nwosu led the study. The team’s leading idea is that the light warns predators "
             "that the millipede is toxic.\n\n"
             "The Dravna Speleological Society said in a statement that the cave would stay closed to "
             "recreational divers while the survey went on.\n\n"
             "One of the divers who made the find, who asked not to be named because he was not "
             "authorised to speak for the society, told the Courier: "
             "“It was like swimming into the night sky.”\n\n"
             "The team plans to return to the cave in the spring with cameras sensitive enough to film "
             "the millipedes in the wild. “We found one glowing animal down there,” she said.")
HARCOURT = ("In her letter to the Prime Minister, Gregory Ashcombe-Lyle, Ms Harcourt wrote: "
            "\"I cannot stay in a government that has given up.\"\n\n"
            "The Prime Minister replied: \"I am sorry to lose a colleague.\"")
SUMMIT = ("President Temir Osmanaly of Kessary and Chancellor Marit Brandt-Ivers of Nordavia signed "
          "the agreement on a bridge over the river.\n\n«Today, we have decided to drink it together,» {leader} said.")

# (text, index of the quote, expected speaker name): who a name, a description or a pronoun is.
DESCRIPTIONS = [
    # "Mr Penhallow" is the grandfather: the article later says "Kerensa … she", even after him.
    ("Nobody has grown a bigger marrow than Albert 'Marrow King' Penhallow.\n\n"
     "Kerensa Penhallow, 19, took first prize.\n\n"
     "'I have never been so proud to lose,' said Mr Penhallow, 84.\n\n"
     "Kerensa, a student, said she had used a mix of her own.", 1, "Albert Penhallow"),
    # A description apposed to a name finds that person later ("The Prime Minister replied").
    (HARCOURT, 0, "Harcourt"),
    (HARCOURT, 1, "Gregory Ashcombe-Lyle"),
    # People named inside a transcript turn are not the narration's "she".
    ("Five minutes with Ingrid Solberg-Amadi\n\n"
     "\"I nearly threw the whole thing in the sea,\" she says, laughing.\n\n"
     "Q: Where did the title come from?\n\n"
     "A: My grandmother asked what it was about, and suggested one.\n\n"
     "\"Don't write that down,\" she adds.", -1, "Ingrid Solberg-Amadi"),
    # A nationality finds the person of that country, whoever was named last.
    (SUMMIT.format(leader="the Kessarian leader"), 0, "Temir Osmanaly"),
    (SUMMIT.format(leader="the Nordavian leader"), 0, "Marit Brandt-Ivers"),
    # "the company" is the organisation named before.
    ("Halvorsen Foods reported a 22 percent fall in annual profit on Wednesday.\n\n"
     "Chief executive Petra Engstrom-Hale told analysts: \"This has been the toughest year.\"\n\n"
     "In its results statement, the company said it expected trading to remain \"challenging\".", 1,
     "Halvorsen Foods"),
    # "St Oswin’s church" names a church, not a woman who could be "she".
    ("Agnes Morrow has made stained glass for forty years. Her best-known window was made for "
     "St Oswin’s church after the flood of 1987.\n\n“The lead is the drawing,” she says.", 0, "Agnes Morrow"),
    # The agent of a passive is someone ("found by a caretaker"); "He" is not the reporter telling it.
    ("PRESENTER: Sam, how did it end?\n\nREPORTER: Well, Claire, the dog was found this morning by a "
     "caretaker at Moor Lane Primary. He told me: \"It was sitting on the roof like a chimney pot.\"", 0,
     "caretaker at Moor Lane Primary"),
    # "There was a man who …" brings someone new on stage: he is the "He" that follows.
    ("Ivy Castell ran the corner café for forty years.\n\nQ: Who do you remember?\n\nA: There was a man "
     "who came in every Friday with a pigeon in a box. He told me once: “She is faster than the "
     "train.”", 0, "man"),
    # "aged 41" after a name is an age, like "Ware, 41,".
    ("Glenda Ware, aged 41, runs the shop with her brother Dennis Ware, 45.\n\nDennis Ware said "
     "the rent had doubled.\n\n“We are staying put,” the 41-year-old said.", 0, "Glenda Ware"),
    # NER misses the firm's name; the article calls it a maker, so "The company" is that firm.
    ("Vellstrand, the Danish maker of cargo bikes, is to cut 200 jobs, a year after launching its "
     "electric range.\n\nThe company said trading would remain “difficult” until the spring.", 0,
     "Vellstrand"),
    # The parser hangs "described" on "resident"; "She" is still the resident, not the village.
    ("RIBEIRO: I met families who left with almost nothing. One resident, a retired teacher from "
     "Pell, described packing her car in about five minutes. She said, “I grabbed the dog and the "
     "photo albums.”", 0, "One resident"),
    # NER misses "Helena Marsh-Devlin"; her title and given name make her the one "she" means.
    ("The shadow chancellor, Rhys Carrow, accused the government of a con trick.\n\n"
     "Chancellor Helena Marsh-Devlin froze the thresholds.\n\n"
     "“The Chancellor has chosen the least visible way,” said Dr Paul Okonjo.\n\n"
     "“Nobody’s taxes are going up,” she insisted.", 1, "Helena Marsh-Devlin"),
    # "His lawyer" says nothing of the lawyer's sex: "she" is still the lawyer, not the officer.
    ("The driver, Tomas Reljic, was arrested at the scene, a police officer said. His solicitor, "
     "Alex Okoro-Vance, said: \"My client has done nothing wrong.\"\n\n"
     "\"He was driving within the limit,\" she said.", 1, "Alex Okoro-Vance"),
    # The parser hangs "shop" on "was" beside "man"; a thing is no rival subject.
    ("Gordon Pyle has run a shop on Hill Street for years. The man who runs the café next door was "
     "less polite. \"They should have warned us,\" he said.", 0, "man"),
    # NER calls "Agnes Tull" a place; her given name makes her a person.
    ("PRESENTER: Good evening, Priya.\n\nREPORTER: I walked along the old quay with Agnes Tull, "
     "who has lived here for eighty years, and her nephew, Idris Trewin. She pointed at the wall. "
     "\"That is where the boats came in,\" she said.", 0, "Agnes Tull"),
    # The parser reads "actress" as a verb; the post before the name is still hers.
    ("Marta Quell, 41, ran over to actress Jodie Brand, 30, at the Harbour Film Awards.\n\n"
     "'It was only a scene,' the actress said.", 0, "Jodie Brand"),
    # A word capitalised only because it opens the sentence is not part of the name.
    ("Cabbie Darren Pocklington, 41, claims the pair had a deal.\n\n"
     "‘He owes me half,’ Darren fumed.", 0, "Darren Pocklington"),
    ("Substitute Femi Okoro scored twice in nine minutes.\n\n\"I just wanted to shoot,\" Okoro said.",
     0, "Femi Okoro"),
    # Whoever replies is not whoever asked.
    ("Aaron Threlfall, 37, denies arson.\n\nCross-examining him, Ms Ardagh asked: "
     "‘Angry enough to set fire to his cafe?’\n\n‘No. Angry enough to send a stupid text.’\n\n"
     "‘And the petrol?’\n\n‘I’ve got a big lawn,’ the defendant replied.", -1, "Aaron Threlfall"),
    # A headline description joins the one person the story names in that post.
    ("Defence secretary “will not be bullied” over closure\n\n"
     "Defence Secretary Caroline Vesey insisted on Tuesday that she would press ahead.\n\n"
     "Tom Hallworth, the opposition’s defence spokesman, was scathing.\n\n"
     "“I will be there within weeks,” the defence secretary told reporters.", -1, "Caroline Vesey"),
    # A name with an age is a person, even when NER is silent.
    ("Q: What did Frank Mossop say when you landed?\n\nA: He said, ‘Eleven hours forty.’\n\n"
     "Mossop, 71, was less relaxed than he let on. ‘I’ve coached men half her age,’ he says.", 1,
     "Frank Mossop"),
    # "One of the divers" is a diver; "she", far from "the light warns", is the woman named.
    (MILLIPEDE, 0, "One of the divers"),
    (MILLIPEDE, 1, "Amara Nwosu"),
    ("One regular at the resort, who did not want to be named, said: ‘Derek was the best caller.’", 0,
     "One regular"),
    # A description the lexicon does not list, known by its ending, as the subject before the quote.
    ("The coastguard praised the crew.\n\nThe harbourmaster here was rather blunter. "
     "\"That channel's been silting up for years,\" the 62-year-old said.", 0, "harbourmaster"),
    # Role nouns the lexicon does not list one by one.
    ("Chief executive Henrik Sandahl-Moe said the company was in a storm.\n\n"
     "“Every part of the business has had to look hard at itself,” the Dane told analysts.", 0, "Henrik Sandahl-Moe"),
    ("Dr Luc Armand-Ferrier, a paint analyst, examined the pictures.\n\n"
     "'It is not possible,' the Frenchman said.", 0, "Luc Armand-Ferrier"),
    ("Prof Henrik Aaltonen, a millipede specialist, urged caution.\n\n"
     "“People love to say an animal is talking,” the Finnish zoologist said.", 0, "Henrik Aaltonen"),
    # NER misses "Anders Lykke"; the main clause's subject outranks "after Okafor was brought down".
    ("Town 4 Athletic 1\n\nAnders Lykke scored twice and Jonny Okafor added two more.\n\n"
     "Lykke, signed in January, opened the scoring after Okafor was brought down in the box.\n\n"
     "‘We were men against boys,’ the Norwegian said.", 0, "Anders Lykke"),
    # "The team's leader" is the one who "led" the study, not the last person named.
    ("Prof Ines Varga, an environmental chemist who led the study, mapped the lichens.\n\n"
     "Dr Samuel Ekwueme-Hart, an atmospheric physicist, was cautious. “It is a start,” the physicist said.\n\n"
     "The team’s leader wants more cemeteries. “We have looked at nine,” she said.", 1, "Ines Varga"),
    # An age given after a name finds "the 63-year-old", even after another person spoke.
    ("Desmond Varley, 63, of Kellington, denies fraud.\n\nDr Luc Armand-Ferrier, a paint analyst, "
     "said: 'The chemistry does not lie.'\n\nIn a police interview, the 63-year-old said: 'I never "
     "told anyone they were genuine.'", 1, "Desmond Varley"),
    ("His older brother Sam was booked. Jonny Okafor scored twice.\n\n"
     "‘Mum will be happy with one of us,’ quipped the 24-year-old.", 0, "Jonny Okafor"),
    # One post under two words (lexicon same_posts): the "head" of a service is its "chief".
    ("Miners trapped as shaft floods\n\n“We believe all seven are alive,” said Teodor Vasko, head of "
     "the emergency service. Interior Minister Pavel Drozd visited the pit.\n\n“The next twelve hours "
     "will decide it,” the rescue chief said.", 1, "Teodor Vasko"),
    # An apposition after the last of two names describes that one, wherever the parse hangs it.
    ("The boxer who can't watch his daughter fight\n\nMaya Holt meets Lenny Okoro and Abena, the daughter "
     "who won the title he never could.\n\n“People think boxing made me hard,” he says.", 0, "Lenny Okoro"),
    # A description's own deed ("who also won the race") finds whoever the article says did it.
    ("Sara Lindqvist won the Hollin Classic by a wheel on Sunday.\n\nCommentator Gareth Tulley’s call as "
     "they crossed the line went round the world.\n\n“I thought she had me,” said the 27-year-old, who also "
     "won the race in 2021.", 0, "Sara Lindqvist"),
    # "her father" is the man whose daughter the article said she is.
    ("Desmond Hale last saw his daughter Sandra in the summer of 1978.\n\nOn Saturday her father was waiting "
     "on the platform with roses. ‘Is it really you?’ he asked.", 0, "Desmond Hale"),
    # The headline's "dad, 71" sums the story up: the body's "the 71-year-old" is the man it names.
    ("‘I never stopped looking’: dad, 71, reunited with daughter\n\nDesmond Hale last saw his daughter "
     "in 1978.\n\n‘I wrote every birthday for twenty years,’ the 71-year-old said.", 1, "Desmond Hale"),
    ("‘I never stopped looking’: dad, 71, reunited with daughter\n\nDesmond Hale last saw his daughter "
     "in 1978.\n\n‘I wrote every birthday for twenty years,’ the 71-year-old said.", 0, "Desmond Hale"),
    # A sentence does not name its own subject again by a description: Moss is not "the striker".
    ("Harwick manager Declan Moss insisted on Thursday that Joel Abara’s confidence was “through the roof”, "
     "despite the striker going eleven matches without a goal.\n\nAbara, a record signing, spoke briefly to the "
     "club’s own channel. “I know what people are saying,” the striker said.", 1, "Joel Abara"),
    # "Brackwell Coroner’s Court" holds no post; "The senior coroner" is a coroner.
    ("On the first day of the hearing at Brackwell Coroner’s Court, her daughter, Helen Kinsella, read a "
     "statement.\n\nThe senior coroner, Nigel Ashdown, asked what had changed since. Dr Elspeth Garrow said early "
     "warning scores now went straight to the on-call doctor’s phone.\n\n‘I want the family to understand that "
     "this is not a hearing about blame,’ the coroner said.", 0, "Nigel Ashdown"),
    # "things a prime minister can say" is anyone in the post: "the prime minister" is the one named.
    ("There are brave things a prime minister can say at the despatch box. Catherine Lyle said it on "
     "Wednesday.\n\nOwen Brathwaite, the opposition leader, held up a photograph.\n\nThe prime minister did not "
     "look at it. 'The honourable gentleman has found a hole,' she replied.", 0, "Catherine Lyle"),
    # Two descriptions joined by "and" are still one person named by the apposition.
    ("Clockmaker Patrick Hale said the repair was overdue.\n\nHis son and apprentice, Tom Hale, 24, was "
     "less diplomatic. “There was a pigeon nest in the pendulum case,” he said.", 0, "Tom Hale"),
]


@pytest.mark.parametrize("text,index,want", DESCRIPTIONS, ids=[f"{w}-{n}" for n, (_, _, w) in enumerate(DESCRIPTIONS)])
def test_descriptions_find_the_person(extractor, text, index, want):
    result = extractor(text)
    assert result.speaker(result.quotes[index].speaker).name == want


@pytest.mark.parametrize("text,index,want", [
    # A description with another noun in it is someone else: the union boss is not the brewery boss.
    ("Brewery boss blames ‘perfect storm’\n\nMarlon Tuesley, regional organiser for the union, "
     "was angry.\n\n“We will fight this closure,” the union boss warned.", 1, "Tuesley"),
    # "the union" is not the company named last: a union is only one whose name says so.
    ("More than 900 workers at Tamsford Logistics walked out on Monday.\n\nThe union said the "
     "company's offer was “an insult to every driver”.", 0, "union"),
    # "it" is the ministry the sentence describes, not the country it accuses.
    ("In the capital, the foreign ministry said in a statement that it welcomed the truce but accused "
     "Velmora of “rewriting history”.", 0, "foreign ministry"),
    # A spokesperson speaks for the organisation named with them.
    ("A spokesperson for the Mereholt Trust, which owns the site, said the trust was “delighted but "
     "slightly bemused” by the news.", 0, "Mereholt Trust"),
])
def test_descriptions_keep_what_makes_them_different(extractor, text, index, want):
    result = extractor(text)
    names = speaker_names(result, result.quotes[index])
    assert any(want.lower() in n for n in names), names


def test_two_ages_are_two_people(extractor):
    # A description met before any name joins the person later described alike, but "the
    # 54-year-old" is not Pascoe, "the 71-year-old", for sharing the word "old".
    text = ("One reporter asked a question. The 54-year-old paused.\n\n\"If you want to write that, write "
            "it,\" he said.\n\n\"It's a football pitch, not a snooker table,\" said Len Pascoe, who has "
            "looked after the ground since 1979. \"They're welcome to bring a roller,\" the 71-year-old added.")
    result = extractor(text)
    assert result.quotes[0].speaker != result.quotes[1].speaker
    assert "len pascoe" not in speaker_names(result, result.quotes[0])


def test_an_organisation_that_confirmed_something_is_still_the_company(extractor):
    text = ("ALDOUS: Harrowdale Water confirmed the ban this afternoon. In a statement the company said: "
            "“Every litre saved now is a litre we will have in August.”\n\n"
            "ALDOUS: The firm warns people to keep off the exposed mud, which it says can be "
            "“as deep and as dangerous as quicksand”.")
    result = extractor(text)
    assert [result.speaker(q.speaker).name for q in result.quotes] == ["Harrowdale Water"] * 2


def test_the_lede_describes_whom_the_next_paragraph_names(extractor):
    text = ("Mum's 'prisoners in our own homes' fury over road closures\n\n"
            "A mother-of-three says families on the estate were left \"prisoners in our own homes\" "
            "when every road out was shut.\n\n"
            "Kirsty Dunleavy, 34, said she could not drive her son to the pharmacy.\n\n"
            "A spokesman for the organisers said: \"The closures were signposted.\"")
    result = extractor(text)
    assert result.speaker(result.quotes[1].speaker).name == "Kirsty Dunleavy"
    assert result.speaker(result.quotes[2].speaker).name != "Kirsty Dunleavy"


def test_an_organisation_named_in_passing_is_the_firm(extractor):
    text = ("Birgit Hollenstein, who chairs Eisvogel’s works council, called the closure „cowardly“.\n\n"
            "Eisvogel also confirmed that regulators had blocked its planned purchase of the Dutch "
            "dishwasher maker Vanterpool. The firm said it was „disappointed“ by the ruling.")
    result = extractor(text)
    assert "eisvogel" in speaker_names(result, result.quotes[1])


def test_a_bare_answer_is_the_other_partys(extractor):
    # The opening of the gold article 073, down to the cross-examination.
    text = BOWLS_TRIAL
    result = extractor(text)
    names = [result.speaker(q.speaker).name if q.speaker else None for q in result.quotes[-4:]]
    # The answers alternate with the questions, are never the asker's, and are the defendant's:
    # the Lusk who "denied stealing", not his wife.
    assert names[0] == names[2] == "Priya Raman" and names[1] == names[3] == "Graham Lusk", names


BOWLS_TRIAL = '‘I always meant to pay it back’, bowls club treasurer tells court\n\nA former bowls club treasurer took more than £9,000 from its accounts to cover gambling debts, a court heard.\n\nGraham Lusk, 52, of Marlow Road, Thornbury Vale, denied stealing from Elmbridge Bowls Club between 2021 and 2023. His wife, Denise Lusk, and the club’s president, Alan Whitcombe, both gave evidence against him at Thornbury Magistrates’ Court on Tuesday.\n\nOpening the case, prosecutor Priya Raman told the bench: ‘Mr Lusk treated the club’s money as his own private overdraft.’\n\nMrs Lusk, 49, said she first suspected something was wrong when letters from a betting company began arriving at their home. She told the court she had confronted her husband in the kitchen.\n\n‘I asked him straight out whether he’d touched the club’s money,’ she said. ‘He looked at the floor and said, “It’s only a loan, Den.” That was when I knew.’\n\nThe defendant, who wore his club blazer in the dock, did not look at his wife as she left the witness box.\n\nCross-examined by Ms Raman, the 52-year-old admitted making 31 transfers to his own account.\n\n‘You recorded those payments in the ledger as “mower parts”. Did the club own a mower?’ the prosecutor asked.\n\n‘No.’\n\n‘So what were they?’\n\n‘Bets. Mostly on the horses.’'


def test_a_determiner_the_parse_hangs_elsewhere_is_not_the_head(extractor):
    # The parse seen in a long article: "the" of "the 34-year-old" attached to the verb after it.
    words = ["the", "34", "-", "year", "-", "old", "said"]
    doc = Doc(extractor.nlp.vocab, words=words, spaces=[True, False, False, False, False, True, False],
              heads=[6, 3, 3, 5, 5, 6, 6], deps=["det", "nummod", "punct", "npadvmod", "punct", "amod", "ROOT"],
              pos=["DET", "NUM", "PUNCT", "NOUN", "PUNCT", "ADJ", "VERB"], lemmas=words[:-1] + ["say"])
    m = Mention.from_span(doc[0:6], extractor.rulebook.lexicons)
    assert (m.head, m.age, m.role) == ("old", 34, True)


def test_an_age_given_to_a_misparsed_description_still_counts(extractor):
    # The opening of the gold article 170: "the retired school secretary from Penhallow Quay, now
    # 71," is parsed as the object of "Three years on", yet "the 71-year-old" is still Marjorie.
    result = extractor(STANDUP_PROFILE)
    assert result.speaker(result.quotes[-1].speaker).name == "Marjorie Tallent"


STANDUP_PROFILE = '“I was funny at funerals, so I tried pubs”: the widow who took up stand-up at 68\n\nMarjorie Tallent had never told a joke on a stage until the October after her husband died. Three years on, the retired school secretary from Penhallow Quay, now 71, is selling out rooms across the county with her first full-length show, “Widow’s Peak”.\n\n“Everybody said I was funny at funerals,” she says over tea in her kitchen. “So I thought, well, let’s try pubs. The audiences are livelier, on the whole.”\n\nEveryone calls her “Midge”, a name she says she was given at school “because I was small and I got everywhere”. It was her son, Graham Tallent, who put her name down for an open-mic night at the Cellar Bar in Carnford.\n\n“I did it as a joke,” he says. “I thought she’d do two minutes and we’d go for a curry. She did eleven, and the compère had to take the microphone off her.”\n\nHis mother remembers it differently. “I did nine,” she says. “The other two were applause.”\n\nThe compère that night was Bev Stannard, now a friend and, in Midge’s words, “my unpaid manager, unpaid therapist and unpaid taxi”.\n\n“Most first-timers shake,” Stannard says. “Midge walked on, looked at the front row and said, ‘Which one of you is driving me home?’ I knew then.”\n\nShe admits some of her friend’s material is “close to the bone”. “There’s a bit about the undertaker I still can’t watch,” she says, “and I’ve seen it forty times.”\n\nNot every night has gone well. At a club in Wexley last spring, one man shouted “Shouldn’t you be at bingo?” through most of her set.\n\nAsked how she handled him, the 71-year-old replied: “I said, ‘Bingo’s Thursdays, love. Tonight I’m working.’”'


def test_a_place_someone_is_from_never_speaks(extractor):
    # NER calls "Doncaster" a person here; "a grandmother from Doncaster" says it is a place.
    text = ("Wilf Tanbury, 78, has performed the show for fifty years.\n\nOne grandmother from Doncaster, "
            "who was visiting her sister, said: “My grandson loved it.”\n\n“Will the crocodile come back?” "
            "one girl shouted from the front row.\n\n“He might, sweetheart.”\n\n“Even if the council says "
            "no?”\n\n“Especially if the council says no.”")
    result = extractor(text)
    assert "Doncaster" not in [s.name for s in result.speakers]


def test_a_deputy_is_not_the_post_he_deputises_for(extractor):
    # The unnamed foreign minister must not join the one named "deputy foreign minister".
    text = ("Korvath’s foreign minister walked out of the talks on Thursday, calling the offer “an insult to "
            "every farmer downstream”.\n\nThe talks are hosted by Selmare. Its deputy foreign minister, Henrik "
            "Oddvar, played down the walkout. “I have seen worse Thursdays,” he said.")
    result = extractor(text)
    assert not any("oddvar" in n for n in speaker_names(result, result.quotes[0]))
    assert any("oddvar" in n for n in speaker_names(result, result.quotes[1]))


def test_an_adverb_the_tagger_takes_for_a_name_is_no_one(extractor):
    # "Upstairs, father and daughter argue": the tagger reads "Upstairs" as a name and the subject.
    text = ("Bernard Lacombe, 74, is closing the club.\n\nUpstairs, father and daughter argue about the last "
            "night.\n\n\"Are you going to cry?\" his daughter asks.\n\n\"Frenchmen don't cry. We sulk.\"")
    result = extractor(text)
    assert not any("upstairs" in n.lower() for s in result.speakers for n in [s.name, *s.aliases])
