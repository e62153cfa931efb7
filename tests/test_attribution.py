"""Attribution on news sentences the rules were not written from, including negatives."""
from __future__ import annotations

import pytest

from conftest import speaker_names

# Texts that more than one table asks about.
PENGELLY = ("Mr Pengelly, 38, was the first witness. Giving evidence, the 38-year-old told jurors: "
            "‘He picked me up like a sack of potatoes.’")
COURT_TOLD = ("Cafe owner ‘watered down the milk’, court told\n\nOpening the case, prosecutor Dan Reeve told "
              "the court: ‘She sold us all short.’")
OPPOSITE_NUMBER = ("Ashcombe manager Dean Rourke was delighted.\n\nAt the final whistle, Graham Tiller told his "
                   "opposite number: “You got lucky today, Dean.”\n\n“Lucky three times?”\n\n“Lucky once.”")
CROSS_EXAMINATION = ("Gas engineer Paul Danby said: ‘Whoever did that was lucky nobody died.’\n\n{asked} by Owen "
                     "Treharne, for the defence, the engineer agreed he could not say who made the repair.\n\n‘Could a "
                     "tenant have done it?’\n\n‘Anyone with a roll of foil could have done it.’")

# (text, index of the quote, expected text in the speaker's name or aliases; None: no speaker)
SPEAKERS = [
    ("“The budget is balanced,” the finance minister said on Monday.", 0, "minister"),
    ('"We have lost everything," said Maria Lopez, 52, whose house flooded.', 0, "lopez"),
    ('Police Chief Ray Tanner told the Gazette: "We are following several leads."', 0, "ray tanner"),
    ("Tanner said the suspect was “armed and dangerous” and urged residents to stay indoors.", 0, "tanner"),
    ("'I'm absolutely gutted,' said the striker after the match.", 0, "striker"),
    ("Councillor Amy Ford said: “The ’90s estate needs rebuilding.”", 0, "ford"),
    ("A resident, who asked not to be named, said: “Nobody warned us.”", 0, "resident"),
    ("“I did not take the money,” Jenkins told the jury. “I never touched it.”", 0, "jenkins"),
    ("Health Secretary Priya Shah insisted: “The NHS is not for sale.”", 0, "shah"),
    ("According to Inspector Moyo, the firm was “in breach of its duties”.", 0, "moyo"),
    ("Mayor Lena Ortiz said the plan would “transform the waterfront”.", 0, "ortiz"),
    ("“We’re not going anywhere,” protest organiser Tom Reyes told the crowd.", 0, "reyes"),
    ("The Prime Minister, speaking in Brussels, said: “We will not be bullied.”", 0, "prime minister"),
    ('In a post on X, Senator Dale Hughes wrote: "This bill is dead on arrival."', 0, "hughes"),
    ("“Absolutely not,” replied Dr Sarah Klein.", 0, "klein"),
    ("Coach Ivan Petrov said: “We were poor.”\n\n“The second half was better, but not enough.”", 1, "petrov"),
    # A quote closed by a full stop ends its sentence: "I think" after it is not its tag.
    ("My father had firm views. He used to say, ‘Never sell the boat.’ I think he meant it.", 0, "father"),
    # The parser hangs "conceded" on the subject; the participle cue still has its speaker.
    ('Her opponent, Colin Mabry, conceded shortly after midnight, telling supporters at his campaign office: '
     '"The voters have spoken, and I respect them."', 0, "mabry"),
    # A written thing speaks for its sender.
    ("Sister Okeke trained me. Years later she sent me a card. It said, ‘Let them call you Sister.’", 0, "okeke"),
    # One cue, two subjects in the parse: the one next to the cue speaks; "KC" is not part of her name.
    ("Opening the case, prosecutor Fiona Ardagh KC told jurors: ‘This was no accident.’\n\n"
     "Cross-examining him, Ms Ardagh asked: ‘Do you remember sending that message?’", 1, "fiona ardagh"),
    # Whoever quotes is not whoever said it.
    ("HOST (GARY PRENDERGAST): From Monday, parking goes up to three pounds an hour. Hadley Borough "
     "Council says the new scheme is about, and I quote, ‘keeping the town centre moving’.", 0, "council"),
    # "quoting him" is whoever "him" is: the subject of the sentence's other speech verb.
    ('OBASI: When I complained, one of the managers told me, and I am quoting him exactly, '
     '"Safety is the skipper\'s job, not ours." I have never forgotten it.', 0, "managers"),
    # Whom the narration's question is about does not answer it, however the parse hangs "Asked".
    ("Told of Cusack’s comments, Moss laughed.\n\nAsked whether Abara would start, the 52-year-old smiled "
     "and told reporters: “Come Saturday, you’ll know.”", 0, "moss"),
    # Only a person is "who", even one the lexicon does not list, and even when the parse hangs
    # the clause on the town.
    ("Dr Owen Castellane said the gulls had learned the rota.\n\nOne ticket collector in the town, who asked "
     "not to be named, was not surprised. ‘They’re on the lamp posts before we’ve turned into the road,’ he said.",
     0, "collector"),
    # "One member of station staff" is one of the staff, as "one of the divers" is a diver.
    ("One member of station staff, who watched from the ticket office, said: 'Half the platform was in tears.'",
     0, "staff"),
    # "One of the teenagers" is someone, whatever the tagger calls "One".
    ("Terry Vokes, 81, still sweeps up most mornings.\n\nOne of the teenagers on the heavy bags, a 15-year-old "
     "who would rather not be named, offers his own verdict. \"Lenny shouts at you and then he buys you chips,\" "
     "he says.", 0, "teenager"),
    # An age description may mean someone the article never named who spoke ("one resident … said").
    ("Stefan Marangos, head of the fire service, said 420 firefighters were at work.\n\nIn the village, one "
     "resident, a retired schoolteacher, said he had watched the flames come over the ridge “like a wave”. “There "
     "was no time to take anything,” the 71-year-old said.", 1, "resident"),
    # Someone else speaking between two quotes breaks the interrupted quote.
    ('Councillor Graham Penrose was heckled.\n\n"Nobody is closing anything," Cllr Penrose said, before a man '
     'at the back shouted: "Rubbish!"', 1, "man"),
    # "the River Callow" is a place, never the holder of a post named before it.
    ("The chief executive of Fenmoor Water was accused by the chair of a Commons committee yesterday of treating "
     "Parliament 'like a call centre' after he repeatedly failed to say how often his company had released raw "
     "sewage into the River Callow.\n\nGraham Tolley, who was paid £1.9 million last year, was the last witness "
     "before the Rivers and Environment Select Committee.\n\nKieran Doust, whose constituency includes the upper "
     "Callow, asked whether he had accepted this year's bonus. 'I did. It was set by the remuneration committee, "
     "not by me,' the chief executive replied.\n\nIn a statement issued after the hearing, Fenmoor Water said it "
     "'recognised the strength of feeling' and would publish monthly spill figures for the Callow from January.",
     1, "tolley"),
    # A name whose verb acts on "its" thing is a firm: "the company" is Brennard, not the kiln's town.
    ('Brennard to shut Cadley kiln as profits halve; union calls cuts "a betrayal"\n\nBrennard Ceramics will close '
     'its oldest kiln and cut 310 jobs after half-year profits fell by more than half, the tableware maker said on '
     'Tuesday.\n\nPre-tax profit fell to £8.2 million as gas bills at its five factories stayed "stubbornly high", '
     'the company said in a statement.\n\nIn its statement, Brennard said it would "work closely with employee '
     'representatives".', 1, "brennard"),
    # A feature's narration "I" is its writer: the byline, or the reporter the opening says met the subject.
    ('The boxer who cannot watch his daughter fight\nHarriet Doyle meets Lenny Mensah and Abena\n\nLenny Mensah '
     'sits on the ring apron.\n\n"Do you still watch them all?" I ask him.', 0, "doyle"),
    ("The drummer teaching rhythm behind bars\nBy Nell Aspinall\n\nEvander Blake spends three mornings a week at "
     "HMP Caldercross.\n\n'Does it ever frighten you?' I ask.", 0, "aspinall"),
    # "the airline" is the airline, not the union whose name says it is a union, nor the airport named since.
    ('Corvale Airways cancelled 410 flights on Friday, as cabin crew began the first of six days of strikes.\n\n'
     'The walkout by members of the Cabin and Aircrew Staff Union left departure boards at Hallbridge airport, the '
     'carrier\'s main hub, almost entirely red.\n\nIn a statement on Friday, the airline said: "We are deeply '
     'sorry for the disruption our customers are facing."', 0, "corvale"),
    # "bellowed" is a speech verb; "texted" is one even when the lemmatizer makes it "texte".
    ("The Speaker, Sir Ralph Kenward, rose from his chair. 'Order! Order!' he bellowed.", 0, "kenward"),
    ("Ms Tilbury said the 41-year-old had texted Mr Ashworth that afternoon: “You’ve had your last penny off me.”",
     0, "41-year-old"),
    # A quote that calls someone "Mum" is said to her, not by her: the other party speaks it.
    ("Jordan Mallory, 23, was arrested on Saturday.\n\nHis mum, Denise Mallory, 52, told us she got the call "
     "from the police station on Sunday.\n\n'Mum, I'm in a cell.'\n\n'What have you done now?'", 0, "jordan"),
    ("Jordan Mallory, 23, was arrested on Saturday.\n\nHis mum, Denise Mallory, 52, told us she got the call "
     "from the police station on Sunday.\n\n'Mum, I'm in a cell.'\n\n'What have you done now?'", 1, "denise"),
    # "the statement said" is whoever spoke in the statement, also through a verb joined by "and".
    ("Her husband, Derek Holm, said he had stopped sleeping ‘with one ear open’.\n\nThe Medicines Licensing "
     "Agency confirmed it had received an application and said in a statement that it would assess it ‘as "
     "quickly as the evidence allows’. ‘Promising trial results are not the same as a licence,’ the statement "
     "said.", 2, "agency"),
    # A subject between the cue and a misparsed root speaks, not the transcript label above it.
    ("ANCHOR: Good evening. Joining me are the transport minister, Ruth Oduya, and her challenger, Tom Penmore."
     "\n\nANCHOR: The bridge authority sent us a statement this afternoon saying the rise was “the minimum "
     "needed to keep the crossing safe”. Minister, will there be a discount?", 0, "bridge authority"),
    # "his wife, Janet" is Janet Crossley: "Mrs Crossley" is she, and "her husband" is Barry.
    ("Sallowby Stores was put up for sale last spring by Barry Crossley and his wife, Janet, who had run it for "
     "28 years.\n\n'It was never just a shop,' said Mrs Crossley. 'People told us things in here.'\n\n'Or their "
     "wives,' said her husband.", 0, "janet"),
    ("Sallowby Stores was put up for sale last spring by Barry Crossley and his wife, Janet, who had run it for "
     "28 years.\n\n'It was never just a shop,' said Mrs Crossley. 'People told us things in here.'\n\n'Or their "
     "wives,' said her husband.", 2, "barry"),
    # "Grandmother" opening a headline is a description, not a name.
    ("Grandmother, 67, “living on painkillers and hope” after two-year wait for new hip\n\nPatricia Allard has "
     "not climbed the stairs of her home in Dunholme since the spring.\n\n“They keep telling me I’m a priority,” "
     "the 67-year-old said.", 1, "allard"),
    # "Outside court" is where, not who: the tagger reads "Outside" as an adjective of "court".
    ("Judge Osgood jailed Crossan for six years.\n\nOutside court, the victim’s husband, Alan Dyce, said the "
     "sentence was ‘about what we expected’. ‘Six years won’t bring her back,’ he told reporters.", 1, "alan dyce"),
    # A name called inside the quote is whom it is said to: the next bare turn is theirs.
    ("Brackenfield manager Kelly Ashdown and her Castlemoor counterpart, Steve Mallory, rowed.\n\n"
     "“He dived, Kelly, and you know he dived,” Mallory shouted across the technical area.\n\n"
     "“Your lot have been kicking my players all afternoon, Steve. Sit down.”", 1, "kelly ashdown"),
    # "asked the 52-year-old": the next bare turn is the answer of the one asked.
    ("Steve Mallory, 52, was still fuming.\n\n“Will you be appealing?” one reporter asked the 52-year-old.\n\n"
     "“Ask me on Monday.”", 1, "mallory"),
    # A headline quote before a colon is the words of the person the piece is about.
    ("‘The sea doesn’t care how old you are’: swimming the strait at 58\n\n"
     "Wendy Calloway swam the Corran Strait last month.", 0, "calloway"),
    # A spokesperson for a body speaks for it.
    ("Ousebridge Hospitals Trust runs the unit.\n\nA spokeswoman for the trust said: “We would rather "
     "keep the unit open late.”", 0, "ousebridge"),
    # After a finished question, "I told Frank, ‘…’" introduces the next quote, not this one.
    ("Frank Mossop coached her for years.\n\nHe waded in and said, ‘Now will you take up knitting?’ "
     "I told Frank, ‘Not a chance.’", 0, "mossop"),
    # "told me" shares the subject "he", nearer the quote than "I asked him": he speaks.
    ("Ian Tolley ran the boxing gym. The first time I asked him for a fight, he looked me up and "
     "down and told me: ‘Come back when you can skip for an hour.’", 0, "tolley"),
    # A sign speaks for whoever holds it up.
    ("At the last turn her coach, Ruth Amadi, held up a placard that said ‘One more lap, then you can stop.’",
     0, "amadi"),
    # The body's spokeswoman is how it speaks: "She added" is the body too.
    ("Pellbrook District Council runs the library.\n\nA spokeswoman for the council said: “We have "
     "no choice this year.” She added that the cut was “temporary and under review”.", 1, "council"),
    ("Pellbrook District Council runs the library.\n\nA spokeswoman for the council said: “We have "
     "no choice.” She added that the cut was “temporary”.\n\nThe council said it would “keep talking”.",
     2, "council"),
    # "the statement said" is whoever spoke in the statement named before.
    ("In Harrowgate, the transport ministry said in a statement that it regretted the delay.\n\n"
     "“Passengers deserve better,” the statement said.", 0, "ministry"),
    # A turn in an exchange answers the other party, not whoever the first turn was said to.
    ("“Why wasn't anyone told?” asked pensioner Eileen Moss, 81, to loud applause.\n\n"
     "“It was on the website,” replied council officer Graham Tate.\n\n"
     "“I haven't got a computer.”\n\n“That is why we are here.”", 3, "tate"),
    # "who" hangs on the children in the parse; the one who said it is the driver they travel with.
    ("REPORTER: Outside the terminal I spoke to one driver, a man travelling with two small boys, who "
     "said: \"We have been sitting here since six.\"", 0, "driver"),
    # A newspaper told something does not answer back: the next paragraph is still hers.
    ("Her sister, Lorna Baxendale, 41, said the family had been arguing for months. ‘It has been "
     "coming since Easter,’ she told the Sunday Echo.\n\n‘Nobody should be surprised.’", 1, "baxendale"),
    # "It says" after "a statement from the company" is the company, not the reporter who had it.
    ("ANCHOR: Any word from the firm?\n\nREPORTER: Kestrel Water has had engineers here all day. "
     "We've had a statement from the company. It says: \"We are investigating the cause.\"", 0, "kestrel water"),
    # "who" hangs on the message's sender, not on the message.
    ("PRESENTER: Lines are busy. One more message, from a nurse who asked not to be named: "
     "‘We are exhausted and nobody is listening.’", 0, "nurse"),
    # "told the court" names an audience, not the next speaker: the paragraph continues Whitcombe.
    ("‘We had to sell the spare roller,’ Mr Whitcombe, the club’s president, told the court.\n\n"
     "‘Graham was a friend. That’s the part that hurts.’", 1, "whitcombe"),
    # The one asked answers, to the one who asked; the bare turns then alternate between them.
    *[("Ferriby head coach Stefan Hruby called the display “unacceptable”.\n\nAsked by one reporter "
       "whether he expected to be in charge for Saturday’s league game at Hollinsgate, the 47-year-old "
       "said: “That’s not a question for me.”\n\n“Have you spoken to the owners?”\n\n“Not yet.”",
       i, want) for i, want in ((1, "hruby"), (2, "reporter"), (3, "hruby"))],
    # A "whose" clause is about the name it follows: its subject is no antecedent for "he".
    ("Martin Hobbs, 67, whose great-grandfather opened the bakery in 1912, said the family had no "
     "choice.\n\n“Our ovens run from three in the morning,” he said.", 0, "martin hobbs"),
    # "the mum-of-three" is whoever was introduced as one, not the last woman named.
    ("Police were called after a row between mum-of-three Kelly Brannock, 38, and hairdresser "
     "Shireen Doyle, 41.\n\n'I said no,' the mum-of-three said.", 0, "brannock"),
    # Short bare turns after a quoted speaker are a conversation: the first is the other party's,
    # found once the speakers are known ("she" is Mrs Ellery, so "Nine?" is Onslow's).
    *[("Margaret Ellery, 67, lives opposite the church.\n\nLate in the evening the chairman of the "
       "parish council, Derek Onslow, asked Mrs Ellery whether she could live with ringing from half "
       "past eight.\n\n'Half past nine,' she said.\n\n'Nine?'\n\n'Nine. And not a minute before.'"
       "\n\n'Then I think we may have a deal.'", i, want)
      for i, want in ((1, "onslow"), (2, "ellery"), (3, "onslow"))],
    # A letter speaks for whoever it says wrote it, and "It warned:" next is the same letter.
    *[("The letter, written by the Thornleigh MP Helen Starkey and sent on Monday, described the plan as "
       "“a developer’s charter”. It warned: “Communities will not forgive a government that stops "
       "listening.”", i, "starkey") for i in (0, 1)],
    # A sentence about a named person, then a quote in the same paragraph that no cue claims: theirs,
    # and the next paragraph goes on from them.
    *[("Colm Brennan, 58, has farmed the valley all his life. His wife Aoife runs the farm shop.\n\n"
       "Brennan remembers the night of the flood well. “The water came over the wall at six, and by "
       "seven it was in the bedrooms.\n\n“We lost every ewe we had.”", i, "brennan") for i in (0, 1)],
    # A quote closed by a full stop ends its sentence: a name opening the next is not its tag.
    ("“He has been retiring since about 2015,” says Dominic Varga. “I’ll believe it when the ladder’s "
     "empty.” Lionel Askew spoke to Clare Whitlow.", 1, "varga"),
    # Bare answers in a cross-examination are the witness's, not the client named in passing
    # ("for Mr Marwood") between the examiner and the witness.
    *[("Keith Marwood, 61, denies fraud.\n\nThat buyer, Anthony Greaves, 64, a retired dentist from "
       "Hexham, paid £16,500 for a bottle.\n\n\"I laughed. Then I had it tested,\" the 64-year-old said."
       "\n\nCross-examined by Martin Ebo, for Mr Marwood, he agreed he had never asked for a certificate."
       "\n\n\"You were delighted with that bottle for two years, weren't you?\"\n\n\"I was delighted "
       "until I tasted it.\"", i, want) for i, want in ((1, "ebo"), (2, "greaves"))],
    # "Her husband" is the other of a couple the article named with one surname (not their daughter).
    ("Carol Mountjoy met Alfie Mountjoy on the number nine bus in 1982. Their daughter, Jess Mountjoy, "
     "is a teacher.\n\nHer husband does not argue. “She’s usually right,” he admits.", 0, "alfie mountjoy"),
    # "a passer-by" is someone, whom the next "she" means.
    ("Margaret Dunmore, who chairs the parish council, said the sign would stay.\n\nA passer-by walking "
     "her dog was not so sure. “The ducks know it’s there,” she said.", 0, "passer"),
    # "a man called Dennis Wragge" is Wragge.
    ("I sent the paper a crossword in 1979. The puzzles editor, a man called Dennis Wragge, wrote back: "
     "\"If you're so clever, madam, send us one.\"", 0, "wragge"),
    # "who gave his name only as Colin", "identified only as Kemal": the name the source gave.
    ("Residents are less forgiving. A neighbour, who gave his name only as Colin, said the council had "
     "promised a wall. “They keep sending leaflets,” he said.", 0, "colin"),
    ("A driver, identified only as Kemal, told police: “I saw nothing.”", 0, "kemal"),
    # A spokesperson for a body lets the body speak; a spokesman for a person speaks himself.
    ("Housing minister Frances Ridgeway faces a revolt.\n\nA spokesman for Ms Ridgeway said the letter "
     "was a stunt.\n\n“The minister has met every one of these colleagues,” he said.", 0, "spokesman"),
    # An age description is someone named, or a definite role; not "one reporter" who asked, nor
    # a later "71-year-old" who shares only the word "old".
    ("Rovers manager Declan Holt blamed the pitch.\n\nOne reporter asked him: \"Were your players "
     "simply outfought?\" The 54-year-old paused.\n\n\"If you want to write that, write it,\" he said."
     "\n\n\"It's a football pitch, not a snooker table,\" said Len Pascoe, who has looked after the "
     "ground since 1979. \"They're welcome to bring a roller,\" the 71-year-old added.", 1, "holt"),
    # "told his son" is the one other Tolland the article named, who then answers in bare turns.
    *[("Dunmere's goalkeeper, Dean Tolland, whose father Gary manages the club, saved a penalty.\n\n"
       "'We're not done yet,' said Gary Tolland, a 52-year-old postman.\n\n'You went the wrong way,' "
       "Gary Tolland told his son.\n\n'I went the right way.'\n\n'Wrong from what I said.'", i, want)
      for i, want in ((2, "dean tolland"), (3, "gary tolland"))],
    # Whom a quote names in the third person did not say it: "she" is the other woman.
    ("Professor Rhiannon Bellweather supervised the work. The study's lead author, Dr Saskia Verhoeven, "
     "spent months ruling out other explanations.\n\n“Saskia was the one who refused to let it go,” "
     "she said.", 0, "bellweather"),
    ("Dr Ana Carvalho-Lund led the study. Her co-author, Dr Maren Holt, did most of the night dives."
     "\n\n“When I first told Maren the shells were a wall, she laughed at me,” she said.", 0, "carvalho-lund"),
    # ... but a name the speaker gives as her own is no one else's.
    *[("Tracey Vosper complained to the quizmaster. Brenda Ockenden, 80, stood up.\n\n“" + own + " and "
       "I’ve never cheated in my life,” she said.", 0, "ockenden")
      for own in ("My name is Brenda Ockenden,", "I’m Brenda,", "Call me Brenda,")],
    # A reply that goes on after its cue is still one turn: the next bare paragraph is the other party's.
    ("The two women met later that afternoon. The council leader, Joan Pettifer, told the minister: "
     "“Come and stand on that field in February.”\n\n“The money follows the homes,” Ms Calloway "
     "replied. “It always has.”\n\n“It never has.”", 3, "pettifer"),
    # ... but long paragraphs after a quoted speaker are more of the same speech.
    *[("“We expected people to feel better, because singing is fun and choirs are sociable,” said Dr "
       "Priya Venkataraman, who led the trial for the university.\n\n“What we did not expect was to "
       "see it so clearly in the numbers, and so early in the study.”\n\n“Attendance was over 80 per "
       "cent, which you simply do not get with a leaflet of exercises.”", i, "venkataraman") for i in (1, 2)],
    # A question, then bare answers in turn, in court.
    *[("Edna Pargeter, 84, gave evidence by video link.\n\nCross-examined by Martin Oyelaran, for the "
       "defence, she agreed that she had never climbed a ladder.\n\n‘So you had no way of knowing "
       "whether any of the work was needed?’ Mr Oyelaran asked.\n\n‘No. That is why I trusted him.’"
       "\n\n‘Nobody forced you to write those cheques, did they?’\n\n‘Not with a knife, no.’"
       "\n\n‘So you chose to pay him?’", i, want)
      for i, want in ((1, "pargeter"), (2, "oyelaran"), (3, "pargeter"), (4, "oyelaran"))],
    # "the 80-year-old" is never whoever the article has already called 74.
    ("Margaret Quennell has chaired the society since 2011. “They want to concrete over our carrots,” "
     "the 74-year-old said.\n\nHer neighbour on plot 17, Joan Ashdown, 80, has grown sweet peas there "
     "for 31 years.\n\nMrs Quennell said the offer was “an insult”.\n\n“Mill Farm floods every winter,” "
     "the 80-year-old said.", 2, "ashdown"),
    # "the teenager" is whoever the article gave a teenage age, even as an object ("sent on Okoro, 19,").
    ("Substitute Femi Okoro scored twice as Rovers came from behind.\n\nRovers manager Steve Mercer "
     "sent on Okoro, 19, with a quarter of an hour left.\n\n\"We were flat,\" Mercer said.\n\n"
     "\"I just wanted to shoot every time I got the ball,\" the teenager told Radio Hexford.", 1, "femi okoro"),
    # "the pensioner" is the one the article gave a pensioner's age, not her daughter named since.
    ("Brenda Ockenden, 80, had won the quiz eleven weeks running.\n\nHer daughter, Janice Ockenden, 52, "
     "told the Echo: ‘Mum’s hearing aid isn’t connected to anything.’\n\nThe pensioner herself was "
     "defiant. ‘I’m 80, not a cheat,’ she said.", 1, "brenda ockenden"),
    # "the 58-year-old smiled" is a subject even when the parse makes "old" say how one smiled.
    ("Helen Carradine, 58, resigned. Her husband, Neil Carradine, told the Courier that his wife had "
     "been “badly let down”.\n\nAsked on her doorstep whether she planned to stand again at the next "
     "election, the 58-year-old smiled. “Ask me in a year,” she said.", 1, "helen carradine"),
    # A cue inside what someone says: the quoted words are the source's, not the inner subject's.
    ('A harbour worker, who asked not to be named, said crews had complained for months that the '
     'ferry was "sitting too low in the water" on market days.', 0, "worker"),
    ("Ms Maddox said growers had asked the town council for better lighting 'more times than I can "
     "count'.", 0, "maddox"),
    # ... except a verdict in the inner subject's own words (lexicon verdicts).
    ("The chairman said residents had described the plan as 'madness'.", 0, "residents"),
    # ... and the reported speaker's own cue still speaks when no one reports it.
    ("Growers had asked the town council for better lighting 'more times than anyone can count'.", 0, "growers"),
    # "the minister" is whoever holds the post under another of its names (lexicon same_posts).
    ("Transport Secretary Gareth Lindqvist insisted the change was needed.\n\nOwen Price-Davies, the "
     "opposition's spokesman, said the plan was 'dead on arrival'.\n\nLate on Tuesday the minister "
     "told Westminster Tonight: 'I've had worse Tuesdays.'", 1, "lindqvist"),
    # "the investor" is one of the "shareholders", under another name for the post.
    ('Halvard has missed its targets again. One of the group\'s 20 largest shareholders, who asked not '
     'to be named, said the board had "run out of excuses".\n\n"Miriam has a year, maybe less," the '
     'investor said.', 1, "shareholders"),
    # A name whose verb acts on "its" thing is a place, not the person "the 63-year-old" means.
    ('Thornby Wick will lose its post office after postmistress Brenda Kellaway failed to find a buyer.'
     '\n\nThe 63-year-old put the building on the market eighteen months ago.\n\n"Nobody wants it," '
     'she said.', 0, "kellaway"),
    # ... but "its" of a thing the person handles says nothing of her.
    ("Asked whether she will ever retire, Hester Quarrington laughs and puts the cobalt glass back in "
     "its rack. “When my hands stop,” she says.", 0, "quarrington"),
    # "The widow" is the woman just introduced as one, not someone new.
    ("Dorothy Keyworth, 86, whose husband Arthur spent his last years at the home, gave evidence by "
     "video link. The widow said she had trusted the defendant “like a daughter”.", 0, "keyworth"),
    # A participle cue speaks through the verb it hangs on, not an earlier verb with its own object.
    ("Mrs Keyworth broke down as she described the bank letters, and Judge Amanda Crewe offered her "
     "a break, telling her: “Take all the time you need.”", 0, "crewe"),
    # Bare turns after a narrated question: the first goes on from the one asked, then they alternate.
    *[("Lorraine Petheridge, 52, denies fraud.\n\nThe home’s deputy manager, Beverley Strand, 44, told "
       "the jury: “I never wanted to think badly of her.”\n\nCross-examined by Nigel Fairbairn, for the "
       "defence, the 44-year-old was asked whether she had ever seen her former boss take a card from a "
       "resident’s room.\n\n“Not with my own eyes, no.”\n\n“So this is a mix-up you have decided was a "
       "crime?”\n\n“It was forty thousand pounds of mix-ups.”", i, want)
      for i, want in ((1, "strand"), (2, "fairbairn"), (3, "strand"))],
    # A second name the parse hangs on the first description is someone else, with his own age.
    ("The chief executive, Luca Montefiori, visited the site with the regional governor, Ettore "
     "Balzani, and the head of the mountain rescue service, Dario Scaglione, a 61-year-old former "
     "army climber.\n\nScaglione’s team spent nine hours recovering the cabin.\n\n“We were hanging on "
     "ropes above a 200-metre drop,” the 61-year-old said.", 0, "scaglione"),
    # Someone the article has said was killed is not whom a later description means ...
    ("Only two passengers survived. One, Marta Quercioli, a teacher, was thrown clear. Her friend "
     "Giulia Ferrandi was killed.\n\nFrom her hospital bed, the mother-of-three told the Gazzetta: "
     "“I heard a crack like a rifle shot.”", 0, "quercioli"),
    # ... though a pronoun may still report what they wrote before.
    ("TREVANION: My father, Ewan Trevanion, died in 2009, but he'd seen this coming. He left me a "
     "letter. He wrote: 'The rope walk was never ours.'", 0, "ewan trevanion"),
    # A definite talker refers back even when its noun is in no list ("the scaffolder").
    ("Reality star Darren Skelhorn has been kicked off the show after a bust-up with ex-boxer Tony "
     "Vickery.\n\n'If you leave a coconut on a beach, it's anyone's coconut,' Vickery said.\n\nAs "
     "producers pulled the pair apart, the scaffolder told Vickery: 'You're lucky there's cameras here.'",
     1, "skelhorn"),
    # A bare quote paragraph after narration showing a person act is that person's ...
    ("Councillor Barry Wetherall said repairs would cost £180,000.\n\nWhen he added that the bridge "
     "had reached “the end of its natural life”, the 86-year-old stood up.\n\n“So have I, Councillor, "
     "and nobody’s put a fence round me.”", 1, "86-year-old"),
    # A name with a plural verb is a team, not the person "the 38-year-old" means ...
    ("Kelsey Forge had levelled before half-time and were awarded a penalty, but veteran goalkeeper "
     "Stuart Penfold dived to his left to keep it out.\n\nThe 38-year-old said he had studied the "
     "penalties on his phone.\n\n‘He goes left when he’s nervous,’ he said.", 0, "penfold"),
    # ... while two names sharing a plural verb are still two people.
    ("Mark Ellison and Peter Dunne were arrested on Friday.\n\n“We did nothing wrong,” Ellison said.",
     0, "mark ellison"),
    # Whoever something was put "to" is whom the next "she insisted" means.
    ('VELLACOTT: The chief executive, Dr Fiona Kettleby, came to the gates, and so did Carol '
     'Penwarden, 61, a midwife. "Nobody asked the midwives," Penwarden said. I put it to the chief '
     'executive that a bus is not much use at three in the morning. "No woman in labour will be put '
     'on a bus," she insisted.', 1, "kettleby"),
    # A report speaks for whoever owns it, a body named only in passing too.
    ("Shares in Halloway Brewing fell 12 per cent after it cut its dividend, which the company’s last "
     "annual report had described as “progressive”.", 0, "halloway"),
    ("Shares in Halloway Brewing fell after it cut its dividend. Its annual report had called the "
     "payout “progressive”.", 0, "halloway"),
    # A clause the parser hung on "said" lends it its subject only when "but" joins the two
    # ("Craig Haskett made no comment but … said", the rule's example), ...
    # ... not when the clause is an earlier part of the sentence.
    ("Analysts had expected a weaker year but not a cut to the dividend, which the company’s last "
     "annual report, “Brewing for the Long Run”, had described as “progressive”.", 1, None),
    # The tagger made "told" an adjective of its object; the words around it still say who spoke.
    (PENGELLY, 0, "pengelly"),
    # An aside between the speaker and the cue ("mending nets by the harbour wall").
    ('In the harbour at Port Lenny, one lobsterman, stacking pots beside the quay, told a reporter: '
     '"They never asked us."', 0, "lobsterman"),
    # A name and a short aside before the cue, the parser having hung the name on the court.
    ("Summing up at Dunmore Crown Court, Ruth Abara KC, defending, said her client had been "
     "‘a loyal employee for thirty years’.", 0, "abara"),
    # What a jury heard is said by whoever told it, not by the jury.
    (COURT_TOLD, 0, "reeve"),
    ("A cafe owner ‘watered down the milk for years’, a jury has heard.\n\nOpening the case, Dan "
     "Reeve told the jury: ‘She sold us all short.’", 0, "reeve"),
    # Words someone gives themselves are theirs.
    ("A builder who described himself as ‘the best roofer in the county’ has been jailed.", 0, "builder"),
    # "-of-" descriptions: the description, not the number, speaks.
    ("Kerry Lyle, 39, runs the cafe with her son Dylan.\n\n‘We just want answers,’ the mother-of-four "
     "fumed. ‘Nobody has told us anything.’", 1, "lyle"),
    # A word English forms for a person ("lobsterman") is someone for "he" to mean, even unlisted.
    ("The Skerrow Marine Institute will survey the bay next spring.\n\nA local lobsterman, who has "
     "worked the bay for 40 years, was not surprised. “They steal the bait,” he said.", 0, "lobsterman"),
    # A court aside ("prosecuting") is what the named person does: neither the speaker nor
    # anyone else, and "the prosecutor" later is that person.
    ("At Hallam Crown Court, Ruth Okafor, defending, told the jury: ‘My client panicked.’", 0, "okafor"),
    ("Opening the case, Simon Achterberg, prosecuting, said the boiler had been ‘a death trap’. "
     "Keith Marlowe, 63, denies manslaughter.\n\n‘This was no accident,’ the prosecutor told the jury.",
     1, "achterberg"),
    # Someone brought on by what they said is whom the next "she said" means, however the parser
    # read the rest of the sentence.
    ("Ms Calloway said her client would give evidence next week.\n\nOutside court, a woman who said "
     "she was the defendant’s aunt wept. ‘Craig helped that old man every Sunday,’ she said.", 0, "woman"),
    # A cue the parser hung on its subject as a clause; a thing said "from" someone.
    ("Their daughter, Amy, 31, posted on Instagram: “Dad would have hated all this fuss.”", 0, "amy"),
    ('PRESENTER: Now an email from a teacher in Hexham: "Fix the potholes first."', 0, "teacher"),
    # A cross-examination narrated, then bare turns: the first question is the examiner's.
    (CROSS_EXAMINATION.format(asked="Cross-examined"), 1, "treharne"),
    (CROSS_EXAMINATION.format(asked="Questioned"), 2, "danby"),
    # Whom a quote is told to may be known only by the name the quote calls them.
    (OPPOSITE_NUMBER, 1, "rourke"),
    ("Edna Prys, 91, has lived in the village all her life. The 91-year-old was blunt: ‘Leave the "
     "bridge alone.’", 0, "prys"),
    # A sentence whose subject makes an appeal or a warning introduces the quote after it.
    ("Police Chief Ray Tanner closed the briefing with a warning to drivers. “Stay off the coast road "
     "tonight.”", 0, "tanner"),
    # A word for a work names a title only when the quote reads like one.
    ("Bypass plan ‘a disaster for the high street’, says mayor\n\nMayor Jo Hale said the council’s "
     "bypass plan would be ‘a disaster for the high street’.", 0, "hale"),
    # The narration's own "she" keeps someone in view for the next "she said"; a granddaughter is
    # a woman.
    ("The mayor, Carol Hunt, opened the meeting. Her granddaughter, Tessa Vale, 17, has gathered 900 "
     "signatures. She sat at the front as Mrs Hunt finished speaking.\n\n“He built that bridge with his "
     "own hands,” she said.", 0, "vale"),
    # "The parish council chair" is whoever "chairs the parish council", not the last one named.
    ("Hilary Bates, who chairs the parish council, called the meeting with Gemma Ross, who runs the "
     "bakery. Ross was furious.\n\n“We want the bus back,” the parish council chair said.", 0, "bates"),
    # A given name that is a woman's keeps the narration's "he" off her.
    ("Darren Pengelly, 38, gave evidence on Tuesday.\n\nCross-examined by Rosamund Tiverton, defending, "
     "he accepted that he had drunk ‘five or six pints’.\n\n‘Would it surprise you that the receipts "
     "show eleven?’ Miss Tiverton asked him.\n\n‘It would.’", 2, "pengelly"),
    # A double-barrelled name stays whole when the parser splits it at the hyphen.
    ("The opposition's justice spokesman, Kwame Osei-Bright, said the Government had 'lost the "
     "argument'.", 0, "osei-bright"),
    # A body that speaks is never "he"; "stallholder" is a word for a person, like "lobsterman".
    ("Patrick Hale, 58, repaired the clock last year.\n\nThe council said in a statement that “all "
     "options remain on the table”.\n\nThe stallholder is not holding his breath. “I’ve heard that "
     "before,” he said.", 1, "stallholder"),
    # A spokeswoman the article names speaks in her own right.
    ("A spokeswoman for the council, Jenny Hale, said no decision had been taken. “We know how much "
     "the crossing means to parents,” she said.", 0, "hale"),
    # A question asked of someone is answered by them: "she said" next is not the asker.
    ("Ruth Ferris, 58, spoke by video link from her home in Leeds to the anchor Helen Strachan.\n\n“When did "
     "you last hear your son’s voice?” Strachan asked her. “Eleven days ago,” she said.", 1, "ferris"),
    # A name someone is addressed by inside the quote ("Fiona, …") is no one talked about.
    ("The rebels are led by former solicitor Fiona Garside.\n\nKwame Osei-Bright, for the opposition, "
     "said the Government had lost the argument.\n\nGarside said she had met the minister privately. 'He "
     "told me, \"Fiona, nobody uses that court,\" and I invited him to sit in it,' the former solicitor said.",
     0, "garside"),
    # An embassy is a body: it lends its country to no person.
    ("Prime Minister Imogen Thwaite was asked about the book. ‘I haven’t read it,’ she said.\n\nThe "
     "Lusanian embassy said in a statement that it had ‘taken note’ of the book.\n\nPresident Casimir "
     "Ledrov himself responded at a press conference in Tarsk. ‘I have been called many things,’ the "
     "Lusanian leader said.", 2, "ledrov"),
    # A body acting in the narration is what the next "it" means; an office is never "he".
    ("The Carrow Staithe Ferry Trust runs the crossing. The Maritime Safety Office inspected it last "
     "year.\n\nThe trust declined to comment, but in a statement it said it was “actively seeking a "
     "successor”.", 0, "trust"),
    # Whom a question is about is not whoever answers it.
    ("Prime Minister Imogen Thwaite was in Brussels. Her spokesman, Daniel Rook, said: ‘She has not read "
     "the book.’\n\nRook confirmed that the foreign secretary, Helen Marsh, would meet the ambassador on "
     "Friday. Asked whether Thwaite would apologise, he replied: ‘You cannot apologise for something you "
     "did not say.’", 1, "rook"),
    # "the younger Pike" of two Pikes is the one the article gives the lower age.
    ("Jamie Pike, 22, scored twice for Sedgecombe. His brother Connor Pike, 27, captains Brackwell.\n\n"
     "“He was offside,” the younger Pike said.", 0, "jamie"),
    # "X asked Y whether …" in narration, then a bare quote: Y's answer.
    ("Ruth Ferris, 58, spoke by video link to Helen Strachan. Nadia Kerr, her son's editor, praised him. "
     "“He once rang me from a roundabout,” she said.\n\nLater, the anchor asked Mrs Ferris whether she was "
     "sleeping.\n\n“Not much.”", 1, "ferris"),
    # Pressing someone "on" a subject puts no question yet: the question that follows is the asker's.
    ("Priya Ramsden, the chief executive, defended the plan. Carla Mendes, an analyst, was unconvinced."
     "\n\nOn the call, Ms Mendes pressed the chief executive on the company's property.\n\n'How many of "
     "the stores do you own outright?'\n\n'Most of them.'", 0, "mendes"),
    # A name called inside a quote the speaker repeats was said to someone else, not to the hearer.
    ("Detective Inspector Craig Fenner said two men had been seen running from the close.\n\nAlan "
     "Deakin, 70, who lives opposite, found his neighbour on Sunday morning.\n\n'He was still tied to "
     "that chair, and the first thing he said was, \"Don't fuss, Alan, just put the kettle on,\"' the "
     "retired engineer said.", 0, "deakin"),
    # A post named before its holder ("The detective leading the inquiry … Detective Inspector
    # Craig Fenner") is that holder, not whoever spoke last.
    ("His son, Steven Pendry, 52, described the attackers as cowards. 'What sort of man does that?' he "
     "said.\n\nThe detective leading the inquiry said the pair had watched the house.\n\n'This was a "
     "planned attack on a vulnerable man,' he said.\n\nDetective Inspector Craig Fenner added that two "
     "men had been seen running away.", 1, "fenner"),
    # "The pensioner" of a headline is the person the story gives a pensioner's age.
    ("Allotment plan is “a betrayal”, says pensioner\n\nJoyce Hebden, 79, told the committee: “Selling "
     "that ground is a betrayal.”\n\nWhen the chair asked her to finish, the pensioner refused. “I’ve "
     "waited 41 years,” she said.", 2, "hebden"),
    # "Her GP" is a post the tagger took for a name: the name beside it says who.
    ("Denise Harrop, 64, waited eleven months for a scan.\n\nHer GP, Dr Anjali Mistry, said she had "
     "chased the hospital four times. ‘I wrote “urgent” across the top of the referral,’ she told the "
     "Wrexford Echo.", 0, "mistry"),
    # A post that brings someone in ("The environment minister visited …") is the next person the
    # article names with no description of her own.
    ("Fish kill is “a disgrace”, says minister\n\n“It looked like snow on the water,” said Beth Hallows, "
     "the group’s chair.\n\nThe environment "
     "minister visited the riverbank on Monday, where Ms Hallows handed her a jar of cloudy water."
     "\n\nRachel Anstey-Crowe later told reporters the incident was “a disgrace”.\n\n“Companies have a "
     "duty to keep rivers alive,” the minister said.", 3, "anstey-crowe"),
    # The name called in the quote says who a described hearer is ("his rival … Imogen"), even
    # when NER takes the lone first name for a place; the bare reply is hers.
    ('Imogen Saltash, 41, is challenging Marcus Thorne for the leadership.\n\nThorne told his rival: '
     '"You voted for that manifesto, Imogen."\n\n"I voted for it. I didn\'t write it."\n\n"Nobody wrote it '
     'on their own."', 1, "saltash"),
    # Whom someone speaks for is named in passing: not whom the speaker's "he" means.
    ("Anton Reszel, spokesman for the foreign ministry, said Kelmar had accepted reality. Speaking on "
     "behalf of President Tomas Halvik, who has not appeared in public since the fighting began, he told a "
     "briefing: “The president considers the matter closed.”", 0, "reszel"),
    # "The anchor" is whoever "presents" the news; "the Morvasian leader" the president.
    ("Ruth Ferris, 58, spoke to Helen Strachan, who presents the evening news. Nadia Kerr, her son's "
     "editor, also joined.\n\n“We will keep asking,” the anchor said.", 0, "strachan"),
    ("President Ilyan Torchak has said little. His spokesman, Oleg Veresk, said the case was a matter for "
     "the courts.\n\nIn a post late on Wednesday, the Morvasian leader wrote that mercy was “not infinite, "
     "but it exists”.", 0, "torchak"),
    # Not speech: scare quotes, titles, nicknames.
    ("A Punch and Judy man has been ordered to tame his crocodile after a single complaint that it "
     "was ‘too scary’ for toddlers.", 0, None),
    ("The couple married in 2016 after a whirlwind 'showmance' on a celebrity skating show.", 0, None),
    ("The album ‘Night Drives’ went to number one.", 0, None),
    ("The report ‘Rivers at Risk’ was published on Monday.", 0, None),
    ("It was the so-called 'golden hour' for rescuers.", 0, None),
    ("Fans call him ‘The Wall’ for a reason.", 0, None),
    ('Prop Rhys "The Hammer" Pritchard-Bowen scored the decisive try.', 0, None),
    ("The fan said she loved it.\n\n'Jack and the Beanstalk' runs from December 12 to January 4.", 0, None),
    ("Harry and Meghan slammed for ‘letting down’ Royal Family", 0, None),
    # A name may keep its "the" small.
    ("His book has sold 40,000 copies, and regulars now call him “the Night Bus Bard”.", 0, None),
    ("In the village she has long been known simply as “the Glass Lady”, a name she dislikes.", 0, None),
]


@pytest.mark.parametrize("text,index,want", SPEAKERS, ids=[t[:45] for t, _, _ in SPEAKERS])
def test_speaker(extractor, text, index, want):
    result = extractor(text)
    quote = result.quotes[index]
    names = speaker_names(result, quote)
    if want is None:
        assert quote.speaker is None, names
        assert quote.kind in ("scare", "title", "nickname")
    else:
        assert any(want in n for n in names), (quote.rule, names)


# Apostrophes are never quotes.
NO_QUOTES = [
    "Russia’s economy didn’t grow in the ’90s, officials say.",
    "James' car was parked outside the Joneses’ house at 6 o’clock.",
    "They played rock 'n' roll until the early hours.",
    "It's the players' choice, and the fans' too.",
]


@pytest.mark.parametrize("text", [
    "The footbridge has been closed since March.\n\n“It is a scandal.”",
    # In the same paragraph too: a company named as the subject is no speaker without a cue.
    "Harlow Mining closed the pit in 1998. “It was the saddest day this town ever had.”",
])
def test_a_bare_quote_after_narration_about_a_thing_stays_unattributed(extractor, text):
    quote = extractor(text).quotes[0]
    assert quote.speaker is None and quote.rule is None


@pytest.mark.parametrize("text", NO_QUOTES)
def test_apostrophes_are_not_quotes(extractor, text):
    assert extractor(text).quotes == ()


def test_interrupted_quote_is_linked(extractor):
    result = extractor("“Get out,” the firefighter shouted, “before it collapses!”")
    first, second = result.quotes
    assert first.speaker == second.speaker and first.speaker is not None
    assert second.group == first.id and second.rule == "interrupted"


def test_offsets_point_at_the_marks(extractor, seed_text):
    result = extractor(seed_text)
    for q in result.quotes:
        assert seed_text[q.start] == q.open_mark
        assert q.close_mark == "" or seed_text[q.end - 1] == q.close_mark
        assert q.text in seed_text[q.start:q.end]



ADDRESSEES = [
    # The second half of an interrupted quote, and the next paragraph, are said to the same people.
    ("“We will not be the cheapest,” she told reporters. “We will win by being the best.”", 1, "reporters"),
    ("Councillor Ada Fenn told the committee: “Every pound we spend on the runway is lost.”\n\n"
     "“The town needs buses more than planes.”", 1, "committee"),
    (PENGELLY, 0, "jurors"),
    (COURT_TOLD, 0, "court"),
    (OPPOSITE_NUMBER, 0, "rourke"),
    # An answer is said to whoever asked.
    ("Asked by one reporter whether he would resign, the 47-year-old said: “That’s not a question for me.”",
     0, "reporter"),
    # "told his son": the other Tolland.
    ("Dunmere's goalkeeper, Dean Tolland, whose father Gary manages the club, saved a penalty.\n\n"
     "'You went the wrong way,' Gary Tolland told his son.", 0, "dean tolland"),
    # "told her father" … "told his daughter": each is the other's relative (the seed's mother and son).
    ("Stranded in the capital, a nurse told her father on the phone: “I’m safe and I have water.”\n\n"
     "The relieved father told his daughter: “Stay where you are until the roads open.”", 1, "nurse"),
    # The parser reads "told" as an adjective of "reporters" after a description of the speaker.
    ("Whitford lost in five sets. \"He's the future. I'm the past,\" the 37-year-old told reporters.", 0, "reporters"),
]


# (text, index of the quote, text that must not be in the addressee's names)
NOT_ADDRESSEES = [
    # A son is no daughter: "her daughter" is someone else, not the man who spoke to his mother.
    ("A soldier told his mother: “We are leaving.”\n\nThe worried mother told her daughter: “He is leaving.”",
     1, "soldier"),
]


@pytest.mark.parametrize("text,index,other", NOT_ADDRESSEES, ids=[t[:40] for t, _, _ in NOT_ADDRESSEES])
def test_relatives_spoken_to_are_not_the_wrong_relative(extractor, text, index, other):
    result = extractor(text)
    person = result.speaker(result.quotes[index].addressee or "")
    assert person is not None, result.quotes[index]
    assert not any(other in n.lower() for n in [person.name, *person.aliases])


@pytest.mark.parametrize("text,index,want", ADDRESSEES, ids=[t[:40] for t, _, _ in ADDRESSEES])
def test_addressees_of_quotes_that_go_on_and_of_answers(extractor, text, index, want):
    result = extractor(text)
    addressee = result.quotes[index].addressee or ""
    person = result.speaker(addressee)  # an entity id, or the words of a group ("reporters")
    names = [n.lower() for n in ([person.name, *person.aliases] if person else [addressee])]
    assert any(want in n for n in names), names
