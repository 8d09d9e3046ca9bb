"""Crisis detection: danger happening now, or a current intent to self-harm.

Sentences are matched word by word (whole words only, so "skilled" is not
"killed"), after chat spellings are read as words ("im", "cant", "rn"). Figures
of speech ("that joke killed me", "dying to know") are blanked out first. A
sentence told in the past ("years ago I believed he would kill me", "in college I
cut myself"), negated ("I'm not going to hurt myself") or hypothetical ("if he's
outside again I'll call the police") does not count.

What counts:

- self-harm intent: a wish or plan ("want to", "going to", "thinking about",
  "feel like") joined to an act ("die", "end it", "kill myself", "take all my
  pills", "jump"), or a statement of hopelessness said now ("I don't want to be
  here anymore", "no reason to keep living", "nobody would notice if I was gone");
- danger now: someone present and threatening ("he's outside my door", "he's got a
  knife", "someone keeps trying my door handle"), the writer hiding or trapped,
  or a call for help;
- phrases also said of the past ("he's on his way", "I'm terrified", "he's been
  drinking") count only when the story places them now ("right now", "tonight",
  "please help", "what do I do").

The rules were written from a few dozen phrasings and miss many more ("we're in his
van now, he took my phone"); when they find nothing, a model trained on stories
written as crises and as near-misses reads the words (``bot.core.crisis_model``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from bot.core import crisis_model

# Apostrophes are dropped from the text and from every pattern, so "i'm" and "im",
# "can't" and "cant", "he's" and "hes" read the same.


def _rx(pattern: str) -> re.Pattern[str]:
    """A pattern compiled for text without apostrophes."""
    return re.compile(pattern.replace("'?", "").replace("'", ""))


# The start of a word, written so that the scan rejects most positions in one step
# (measurably faster than a leading \b before a long alternation).
_WORD_START = r"(?<![a-z0-9_'])(?=[a-z])"


def _at_word_start(*alternatives: str) -> str:
    """Alternatives matched at a word start, each opening with its first letter.

    The word start is checked after that letter ("h(?<![a-z0-9_']h)e" is "he" at a
    word start): re then skips straight to those letters instead of trying every
    position, several times faster on patterns that open with common words. The
    alternation is returned ungrouped, for the caller to group with any other
    branches: a group nested at the front would hide the first letters from re.
    """
    return "|".join(rf"{a[0]}(?<![a-z0-9_']{a[0]}){a[1:]}" for a in alternatives)


_NOT = r"(?:do ?n[o']?t|do not|can'?t|can not|cannot|won'?t|will not|divvent|dinnae|dinna)"
_CANT = r"(?:can'?t|can not|cannot|couldn'?t)"
_ANYMORE = r"(?: any ?more| any longer| much longer)?"
_I = r"(?:i|i'm|i am|i've|i have|i'd|i just|i really|i honestly)"
# What the writer may say they want, plan or think of doing.
_INTENT_WORDS = (
    "want",
    "wanna",
    "wish",
    "going",
    "about",
    "ready",
    "planning",
    "plan",
    "need",
    "decided",
    "trying",
    "try",
    "tempted",
    "thinking (?:about|of)",
    "think(?:ing)? of",
    "keep thinking (?:about|of)",
    "considering",
    "feel like",
    "can'?t stop thinking (?:about|of)",
    "i'?ll",
    "i will",
    "gonna",
)
_INTENT = f"(?:{'|'.join(_INTENT_WORDS)})"
_ACT = (
    r"(?:die|dying|be dead|end (?:it|things|everything|my life|it all)(?: all)?(?! with)"
    r"|ending (?:it|things|everything|my life)(?: all)?|kill(?:ing)? myself|hurt(?:ing)? myself"
    r"|harm(?:ing)? myself|cut(?:ting)? (?:myself|again)|jump(?:ing)?(?: off)?"
    r"|disappear(?:ing)? (?:for good|forever|permanently)"
    # Not "I'll just not exist after 5pm from October to March".
    # Not "I will not be here for the interview because they move me".
    r"|not (?:be here(?! for (?:the|my|a|an|your|our) | because)"
    r"|exist(?! (?:after|before|until|till|from|between) \d)|wake up|be alive)"
    r"|never wake up|(?:go to )?sleep (?:forever|for good|and (?:never|not) wake up)"
    r"|(?:take|taking|swallow|swallowing) (?:all )?(?:of )?(?:my|the|these|those)"
    r" (?:pills|tablets|meds)"
    r"|overdos(?:e|ing)|od|hang(?:ing)? myself|drown(?:ing)? myself|not be around"
    r"|step(?:ping)? (?:out )?in front of (?:a|the) (?:train|tram|bus|car|truck|lorry))"
)

# Said for effect, not meant: blanked out before matching.
_FIGURES = _rx(
    r"\b(?:die|died|dying|dead) (?:of|from) (?:embarrassment|shame|laughter|laughing|cringe"
    r"|boredom|old age)|\bsocial suicide\b|\bcareer suicide\b"
    r"|\bdying (?:to|for|of)\b|\b(?:killed|kills|killing) me\b"
    r"|\bkill me now\b|\b(?:killing|killed|kills) (?:it|them)\b|\bcould (?:have |'?ve )?died\b"
    # "I would rather die than marry him, and I mean that exactly" is not a figure.
    r"|\b(?:would|'?d) rather die than\b(?![^.!?\n]*\bi mean (?:it|that|this)\b)"
    r"|\b(?:scared|bored|worried|frozen) to death\b"
    r"|\bi could die\b|\bmurder (?:for|a)\b|\bwant(?:ed)? to die of\b"
    r"|\bliterally (?:going to|gonna) die\b"
    r"|\bwanted the (?:floor|ground|earth) to\b|\bwanted to disappear\b"
    # Games: "gonna die 100 times in the new horror game".
    r"|\bdie (?:\d+|a (?:hundred|thousand|million)|so many|like \d+) times\b"
    # Work and weather, not a person: "this OT going to kill me".
    r"|\b(?:this|that|the|these|my) (?:\w+ )?(?:ot|overtime|job|shift|shifts|week|heat|commute"
    r"|exam|exams|deadline|deadlines|spreadsheet|meeting|meetings|class|course|hangover|traffic"
    r"|heatwave|weather|humidity|cold|noise|flare|flare up|flareup|migraine|period|cramps|flu"
    r"|workload|module|essay|assignment|heels|boots|grant|resubmission|thesis|dissertation"
    r"|paper|project|report|revisions|reviewers?|semester|term|marking|rota|audit|inspection"
    r"|experiment|presentation|interview|renovation|toddler|teething)(?: is| are)?"
    r"(?: actually| literally| honestly| seriously| genuinely| really)? (?:going to|gonna|will"
    r"|gon|trying to) kill me\b"
    # "my boss will kill me if I'm late": said of bosses and parents, with a reason or a laugh.
    r"|\b(?:my )?(?:boss|manager|supervisor|teacher|lecturer|professor|coach|editor|chef|mum|mom"
    r"|mother|dad|father|parents|mother-in-law|mother in law|in-laws|gran|nan|aunt|auntie)"
    # "manager's gonna" reads "managers gonna": the "'s" forms join the word before.
    r"(?: at (?:the |my )?\w+)?(?: will| is going to| is gonna|'?s going to|'?s gonna|'?ll| would)"
    r" (?:literally )?"
    r"kill me\b(?=[^.!?\n]*\b(?:if|when|for|lol|lmao|haha)\b"
    r"|,? i (?:broke|forgot|lost|left|spilled|spilt|missed|dropped|burnt|burned|ruined|crashed"
    r"|dented|scratched|overslept)\b)",
)
_FIGURE_WORDS = (
    "die",
    "dead",
    "dying",
    "kill",
    "death",
    "murder",
    "disappear",
    "wanted the",
    "suicide",
)
_SUBJECT = (
    "(?:"
    + _at_word_start(
        "he",
        "she",
        "they",
        "someone",
        "somebody",
        # "my ex (she) is parked outside my work".
        r"my ex(?:-\w+)?(?: \([\w/]+\))?",
        "my (?:husband|boyfriend|partner|dad|father|stepdad|stepfather|brother|uncle|neighbou?r"
        "|landlord|boss)",
        "the (?:guy|man|men)",
        "a (?:guy|man|stranger)",
        "some (?:guy|man|men|guys)",
        "that (?:guy|man)",
    )
    + ")"
)
# Places specific enough that any named person there is a danger now ("dylan is at my door").
_AT_MY_DOOR = (
    r"(?:outside my (?:door|house|flat|apartment|window|building|room|gate)|at my (?:door|gate"
    r"|window"
    r"|front door|back door)|in my (?:house|flat|apartment|building|garden|driveway|yard"
    r"|hallway|stairwell)|banging on (?:my|the) door|trying (?:to (?:get|break) in|my door"
    r"|the door handle)|breaking in)"
)
_IS = r"(?:'s| is| are|'re| has been|'s been| have been)"
# Where, or doing what, a person is when they are a danger now.
_PLACE_NOW = (
    r"(?:outside|at (?:my|the) (?:door|gate|window|front door|back door|house|flat|place)"
    r"|in (?:the|my|our) (?:lobby|entrance hall|parking lot|car park|hallway|stairwell|building"
    r"|yard|garden|back garden|front garden|back yard|backyard"
    r"|driveway|house|flat|apartment|room|kitchen|living room|garage|street|car|corridor)"
    # "inside till 2027" is in prison.
    r"|downstairs|upstairs|inside(?! (?:till|until|for) )|across the street|across the road"
    r"|(?:across from|opposite) (?:my|our) (?:house|flat|apartment|building|place|door|window)"
    r"|parked (?:outside|across|down|on|at|in)|waiting (?:outside|for me|downstairs|at|in|by)"
    r"|standing (?:outside|across|at|in|by|there|(?:next to|beside) (?:my|our|the))"
    r"|sitting (?:outside|in|at)"
    r"|driving (?:around|past|by|up and down)|circling|following me|chasing me"
    r"|coming to get me|banging|pounding|kicking|hammering|knocking|yelling|screaming|shouting"
    r"|trying (?:to (?:get|break) in|(?:the|my) (?:\w+ )?(?:door|doors|handle|handles|lock|window"
    r"|windows))"
    r"|breaking in|breaking (?:down )?the door|coming (?:for me|back|in|up|here|over)"
    r"|on (?:his|her|their) way (?:here|over|to me|back)?|still here|in the next room"
    r"|looking (?:in|through) (?:the|my) window|watching (?:me|the house|my house)"
    r"|(?:(?:sitting|standing|walking) )?(?:right|still|directly|walking|standing) behind (?:me|us)"
    r"|threatening (?:me|to)|in my doorway)"
)
# A rule is a pattern and the words one of which every match holds: a rule runs only
# on stories holding one of its words, which keeps the scan short (most stories hold
# few of them). Apostrophes are dropped from both, as in the text.
_Rule = tuple[frozenset[str], re.Pattern[str]]


def _anchors(words: str) -> frozenset[str]:
    return frozenset(words.replace("'", "").split())


def _rule(words: str, pattern: str) -> _Rule:
    """A rule from its words (space-separated) and its alternatives, matched at word starts."""
    return _anchors(words), _rx(rf"{_WORD_START}(?:{pattern})")


def _rule_by_letter(words: str, *alternatives: str, after: str = "") -> _Rule:
    """``_rule`` for alternatives that each open with a letter, then ``after``.

    re skips straight to those letters (see _at_word_start): for rules whose words
    are common, and which therefore run on many stories.
    """
    return _anchors(words), _rx(f"(?:{_at_word_start(*alternatives)}){after}")


# Reasons to go that are no danger: a new start, or time away.
_REASON_TO_GO = (
    r"new job|starting (?:a|my) (?:new|contract|course|placement)|exams?|holiday|vacation"
    r"|retreat|maternity|paternity"
    r"|graduat(?:e|ing|ion)"
)
# Why an ordinary goodbye is said.
_ORDINARY_LEAVING = (
    rf"(?:moving|move (?:to|back|house|abroad)|{_REASON_TO_GO}|thesis|phd"
    r"|dissertation|(?:a|social media|screen|mental health) break"
    r"|back (?:in|on|next|soon|after)|not in a bad way|last (?:shift|day) at"
    r"|job (?:starts|begins)"
    r"|see (?:you|u|yall|ya)\b(?! on the other side| in (?:heaven|another life|the next)))"
)
# What "tonight's the night" is often about.
_ORDINARY_EVENT = (
    r"(?:class|lesson|first|date|party|concert|gig|show|game|match|premiere|launch|interview|cook"
    r"|wish me luck|excited|quitting|hearing|verdict|debut|recital|opening|audition)"
)
# A phrase that opens its sentence (re's look-behind takes fixed widths only).
_OPENS_SENTENCE = r"(?:^|(?<=[.!?\n])|(?<=[.!?\n] ))"
# Where one lives, not whether: "I don't want to live in that flat anymore".
_LIVE_WHERE = r"(?! (?:in|with|at|near|on|there|by|like that)\b)"
# What an overdose is taken of: as a pattern, and as the words of rules that name it.
_DRUG_NAMES = (
    "pills",
    "tablets",
    "meds",
    "paracetamol",
    "painkillers",
    "sleeping pills",
    "sleeping tablets",
    "tylenol",
    "advil",
    "ibuprofen",
    "aspirin",
    "antidepressants",
    "benzos",
    "xanax",
    "codeine",
    "oxy",
    "insulin",
    "panadol",
    "nurofen",
    "tramadol",
    "amitriptyline",
    "sertraline",
    "fluoxetine",
    "citalopram",
    "diazepam",
    "lorazepam",
    "zopiclone",
    "acetaminophen",
    "morphine",
    "oxycodone",
    "lithium",
    "quetiapine",
)
_DRUGS = f"(?:{'|'.join(_DRUG_NAMES)})"
_DRUG_WORDS = " ".join(_DRUG_NAMES)
# Current wish to die or to self-harm.
_SELF_HARM: tuple[_Rule, ...] = (
    _rule(
        "die dying dead end ending kill killing hurt hurting harm harming cut cutting jump"
        " jumping disappear disappearing exist wake alive sleep pills tablets meds overdose"
        " overdosing od hang hanging drown drowning around here step stepping",
        # "I don't want to die anymore" says the opposite.
        # "She want to die" and "my friend say I want to jump" are someone else's words.
        rf"(?<!dont )(?<!do not )(?<!never )(?<!no longer )(?<!she )(?<!he )(?<!say i )"
        rf"(?<!says i )(?<!said i )(?<!said i literally ){_INTENT} (?:to )?(?:just )?{_ACT}\b",
    ),
    _rule(
        "want wanna wish",
        rf"{_NOT} (?:want|wanna|wish) (?:to )?(?:be alive|live{_LIVE_WHERE}|exist|be here|wake up"
        r"|go on|keep going|keep living|do this)"
        rf"|(?:not|no) want (?:to )?live{_LIVE_WHERE}",
    ),
    _rule(
        "myself cutting",
        r"(?:kill|hurt|cut|harm|hang|drown|poison)(?:ing)? myself|use it on myself"
        rf"|{_NOT} trust myself"
        r"|(?:just |i )?(?:hurt|cut|burned|harmed) myself (?:again|last night|tonight|today"
        r"|just now)|i just (?:cut|hurt|burned|harmed) myself"
        r"|(?<!shes )(?<!hes )(?<!she has )(?<!he has )(?:been|started|start) cutting"
        r" (?:again|myself)",
    ),
    _rule(
        "life worth live",
        r"end(?:ing)? my (?:own )?life|take my (?:own )?life"
        r"|life (?:is not|isn't|is no longer|'s not) worth (?:living|it)|not worth living"
        r"|nothing (?:left )?to live for",
    ),
    # "self-harmed" tells of the past.
    _rule(
        "suicide suicidal self selfharm",
        # Someone lost "to suicide" and prevention work are not the writer's intent.
        r"(?<!to )(?<!by )suicid(?:e|al)(?! (?:prevention|awareness|loss|survivors?|rates?)\b)"
        r"|self[- ]?harm(?:ing)?(?!ed|ers?\b|[- ]?free)",
    ),
    _rule(
        "gone",
        r"(?:if|when) (?:i'?m|i am) (?:gone|dead) (?:by|before) (?:the )?(?:morning|tomorrow)",
    ),
    _rule(
        "better happier rather",
        r"(?:better off|happier) (?:without me|if i (?:was|were|'?m) (?:gone|dead|not here))"
        r"|better off dead|rather be dead",
    ),
    _rule(
        "end ending tonight tonights",
        r"(?:how|ways?|plan|planning) to end (?:it|my life|everything)"
        r"|(?:the night|tonight|today) i end (?:it|things|my life)"
        r"|(?<!wanted to )end it (?:all|tonight|today|now)|ending it all"
        r"|tonight(?: is|'s) the end"
        rf"|tonight(?: is|'s| feels like) the night(?![^\n]{{0,60}}\b(?:{_ORDINARY_LEAVING}"
        rf"|{_ORDINARY_EVENT}))"
        r"|(?:i'?m|i am) ending (?:it|things|everything|my life)(?! with| between| off)"
        r"|(?:want|need) it (?:all )?to end|want (?:everything|it all) to end",
    ),
    _rule("stop", r"(?:want|need) it (?:all )?to stop|want (?:everything|it all|it) to stop"),
    _rule(
        "wake waking alive around here",
        # Not a line someone wrote: "a student wrote 'I don't plan to wake up tomorrow'".
        r"(?<!wrote i )(?<!said i )(?<!says i )(?:do ?n[o']?t|do not|not) (?:plan(?:ning)?"
        r"|intend(?:ing)?|expect(?:ing)?) (?:on |to )?"
        r"(?:wak(?:e|ing) up|be(?:ing)? (?:here|alive|around)"
        r"(?! (?:for|at|in|on) (?:the|a|my|this|that|it)\b))"
        r"|(?:won'?t|will not|am not going to|'?m not going to)"
        r" (?:be )?(?:wak(?:e|ing)(?: up)?|alive)"
        r" (?:tomorrow|in the morning)"
        r"|(?:don'?t|do not) think i'?(?:ll| will) (?:wake up|be (?:here|alive)) tomorrow",
    ),
    _rule(
        "reason point way future",
        r"no (?:reason|point) (?:in |to )?(?:living|live|go(?:ing)? on|keep(?:ing)? (?:going"
        r"|living)|be(?:ing)? alive|be(?:ing)? here|stay(?:ing)?|try(?:ing)?)"
        rf"|{_NOT} see (?:a|any|the) (?:reason|point|way out|future|way forward)"
        r"(?: (?:in|to|of) (?:living|live|going on|go on|keep(?:ing)? (?:going|living)"
        r"|anything))?"
        r"|what'?s the point (?:of|in) (?:living|anything|going on|being alive|staying|trying)",
    ),
    _rule(
        "can't cannot couldn't can",
        rf"{_CANT} (?:go on|keep going|keep living|do this|do it|take (?:it|this)|cope"
        r"|live like this|handle (?:it|this)|bear (?:it|this))"
        r"(?: any ?more| any longer| much longer)"
        # Not when a dash says what "this" is: "I can't do this anymore — the 6am meetings".
        r"(?! ?[—–:] ?(?:the|these|those)\b(?! (?:pain|hurt|voices|thoughts|memories)\b))"
        rf"|{_CANT} (?:go on|keep going|do this|take (?:it|this)|cope)(?: like this)?"
        r"\s*(?:$|[.!?\n])"
        rf"|{_CANT} (?:do (?:this|it) )?any ?more\W*(?:$|[.!?\n])",
    ),
    _rule(
        "goodbye bye goodbyes last done sorry logging signing",
        r"(?:(?:goodbye|bye) (?:everyone|forever|world|all)"
        r"|(?:logging|signing) off (?:for good|forever)"
        r"|this is my last (?:message|post)(?>(?: here| in this (?:group|channel|server))?)"
        r"(?!,? (?:for a|before|until|till|of the|as\b)))"
        # A goodbye that says why, in its sentence or just after: a move, a job, exams.
        rf"(?![^\n]{{0,80}}\b{_ORDINARY_LEAVING})"
        rf"|this is goodbye(?! (?:from me )?for (?:a while|a little while|now|a bit|the summer"
        r"|a few (?:days|weeks|months)))"
        rf"(?![^\n]{{0,80}}\b{_ORDINARY_LEAVING})"
        r"|(?:said|saying) my goodbyes"
        r"|(?:i'?m|i am) done\W+(?:goodbye|bye|sorry)|(?:i'?m|i am) sorry for everything",
    ),
    _rule(
        "razor razors blade blades rope ropes noose knife medication stuff stepping tested "
        + _DRUG_WORDS,
        r"(?:pills|tablets|razor|blade|rope) (?:in front of me|ready|next to me|in my hand"
        r"|right here)"
        # "bought rope, and it's in the bag next to me".
        r"|(?:pills|tablets|razor|blade|rope)\b[^.!?\n]{0,40}? (?:in the bag |on the bed )?next to"
        r" me (?:on the bed|while i (?:type|write))"
        # Ready to hang: "I've tested the beam and it holds".
        r"|tested (?:the|a) (?:beam|hook|rafter|banister|bannister|pipe|rail)\b"
        # Means made ready: "the rope's already up", "pills counted out." (for no one else).
        r"|(?:rope|noose)(?:'s| is)? (?:already |all )?(?:up|tied|set up|hung)\b"
        r"|(?:pills|tablets) (?:are )?(?:all )?(?:counted out|lined up|laid out|counted,? \d+)\b"
        r"(?! (?:for|into|in|by)\b)"
        # "I've worked out the tablets and the timing".
        r"|worked out the (?:tablets|pills|dose|dosage|doses)\b(?! (?:for|with) (?:her|him|them"
        r"|the|my|a)\b)"
        r"|(?:got|have|holding) (?:a|the|my) (?:knife|blade|razor|rope|pills)"
        r" (?:and|to) (?:i )?(?:want|wanna|going|gonna|plan)"
        rf"|(?:took|taking|swallowed) (?:a lot of|all (?:the|my)|too many|a bunch of)"
        rf" (?:\w+s )?(?:stuff|{_DRUGS})"
        # "took all my pills today on schedule" is the dose.
        r"(?![^.!?\n]*\b(?:on schedule|as prescribed|on time|like the doctor))"
        r"|(?:took|taken|swallowed|swallow) (?:the|a) whole (?:box|bottle|packet|pack|strip"
        rf"|tub) of(?: my| the)?(?: \w+s)? {_DRUGS}"
        r"|(?:i'?m|i am) not stepping back\b(?! from| down)"
        r"|(?:razor|blade|blades)(?:'s| is| are)? out\b(?! of)"
        r"|(?:saved|saving|stockpiled|stockpiling|hoarded|hoarding) (?:up )?"
        r"(?:my |all my |enough )?(?:pills|tablets|meds|medication)",
    ),
    # An overdose counted or told in full: "took like 30 of my antidepressants", "swallowed
    # every pill in the cabinet", "pills all take".
    _rule(
        f"pill tablet cabinet cupboard drawer {_DRUG_WORDS}",
        r"(?:took|taken|swallowed) (?:like |about |around |maybe |over |nearly )?"
        rf"(?:[1-9]\d{{1,2}}|twenty|thirty|forty|fifty) (?:of )?(?:my |the |her |his )?{_DRUGS}"
        r"(?! a (?:day|week)| daily| per day| each| a night)"
        r"|(?:took|taken|swallowed|swallow) (?:every (?:single )?(?:pill|tablet)|everything in"
        r" (?:the|my) (?:\w+ )?(?:cabinet|cupboard|drawer))"
        # "all the tablets the doctor gave me… I don swallow everything".
        r"|(?:pills|tablets|meds)\b[^.!?\n]{0,80}? (?:swallow(?:ed)?|took|taken) (?:everything"
        r"|them all|all of them)\b"
        r"|(?:pills|tablets|meds) all (?:take|taken|swallowed)\b"
        rf"|(?:swallowed|took|taken) the rest of (?:my |the |her |his )?{_DRUGS}",
    ),
    _rule(
        "swallowed", r"already swallowed (?:them|them all|all of them|it all|everything|the lot)"
    ),
    # Poison drunk: "drank the bleach from under the sink" (not "like I drank bleach").
    _rule(
        "bleach antifreeze weedkiller cleaner poison",
        r"(?<!like i )(?<!as if i )(?:drank|drunk|drinking|swallowed) (?:the |some |a (?:bottle|cup"
        r"|glass|mug) of |half (?:a|the) (?:bottle of )?)?(?:bleach|antifreeze|weedkiller"
        r"|drain cleaner|rat poison|poison)\b",
    ),
    # A gun made ready by the writer, not for the range or a hunt.
    _rule(
        "loaded lap hand hands mouth",
        r"(?:(?:cleaned and )?loaded my (?:\w+ )?(?:gun|pistol|revolver|rifle|shotgun)"
        # "Daddy's old .38 out the closet and loaded it" (its name may open with a digit).
        r"|(?:gun|pistol|revolver|rifle|shotgun|glock|out (?:of )?(?:the|my) (?:closet|safe"
        r"|drawer|glovebox|glove box|nightstand))\b[^.!?\n]{0,50}?\band loaded it"
        r"(?! (?:in|into|onto|up|on)\b)"
        r"|(?:gun|pistol|revolver|rifle)(?:s| is) loaded (?:and )?(?:on|in|next to|beside|by)"
        r" (?:my|the)"
        # "Daddy pistol been in my lap an hour".
        r"|(?:gun|pistol|revolver)(?:s| is| has been| been) in my (?:lap|hand|hands|mouth))"
        r"(?![^.!?\n]*\b(?:range|hunting|hunt|season|deer|duck|lesson)\b)",
    ),
    # A suicide or goodbye note, or a note the writer left ("he left a note" is not one).
    _rule(
        "note",
        r"(?:wrote|writing|written|left) (?:a|my) (?:suicide|goodbye) note"
        r"|i(?:'?ve| have)? (?:just )?(?:wrote|written|left) (?:a|my) note",
    ),
    _rule(
        "miss notice care",
        r"(?:no ?one|nobody|no-one) (?:would|will|is gonna|is going to|gonna) (?:even )?(?:miss"
        r"|notice|care)"
        # Not a day off: "nobody would notice if I didn't open the surgery tomorrow".
        r"(?! if i (?:didnt|dont|did not|do not|wasnt|was not) (?:open|turn up|come in|show up"
        r"|go in|answer|reply|post)\b)",
    ),
    # Not another's word for it: "my son told me I'm a burden".
    _rule(
        "burden",
        r"(?<!told me )(?<!says )(?<!said )(?<!thinks )(?:i'?m|i am|tired of being|sick of being)"
        r" (?:just )?a burden",
    ),
    _rule("done", r"(?:i'?m|i am) (?:so )?done with (?:life|everything|living|it all)"),
    _rule(
        "edge bridge roof ledge tracks legs leg feet foot railing railings water drop footbridge"
        " overpass",
        r"(?:i'?m|i am) (?:standing|sitting) (?:on|at) the (?:edge|bridge|roof|ledge|tracks)"
        # Said without "I'm", opening its sentence: "sitting at the edge writing this".
        rf"|{_OPENS_SENTENCE}(?:standing|sitting) (?:on|at) the (?:edge|ledge"
        r"|tracks)\b(?! of (?:my|the|a) (?:bed|seat|chair|sofa|couch|pool|bath|stage))"
        r"|(?:on|at) the edge of the (?:bridge|roof|building|platform)"
        # High up with nothing between the writer and the drop.
        r"|on (?:the|a|my) (?:windowsill|window ledge|ledge|parapet|railing)[^.!?\n]{0,40}"
        r"\b(?:legs|feet) (?:outside|over the (?:edge|side)|dangling)"
        # A roof, her own legs over its edge ("our legs dangling" is a party).
        r"|on (?:the|a|my) (?:\w+ )?roof\b[^.!?\n]{0,40}\bmy (?:legs|feet) over the (?:edge|side)\b"
        # A balcony or a bridge with a leg over its wall ("legs dangling" off a roof is
        # often a party).
        r"|on (?:the|a|my) (?:\w+ ){0,2}?(?:balcony|bridge)[^.!?\n]{0,40}"
        r"\b(?:legs?|feet|foot) over (?:the )?(?:edge|side|wall|railing|rail|barrier)"
        r"|(?:legs?|feet|foot) (?:is |are )?over the (?:balcony|bridge) (?:wall|railing|rail|edge"
        r"|barrier)"
        r"|(?:on|to) the (?:wrong|other) side of the (?:railing|railings|barrier|safety rail)"
        # "I'm on the footbridge now"; "On the balcony rail, 14th floor, legs over."
        r"|(?:i'?m|i am) on the (?:foot ?bridge|bridge|railway bridge|overpass|roof|ledge)"
        r" (?:now|rn|right now)\b"
        r"|on (?:the|a|my) (?:balcony )?(?:rail|railing|ledge|parapet)\b[^.!?\n]{0,30}\blegs"
        r" over\W*(?:$|[.!\n])"
        r"|(?:stepping|moving|inching|edging) (?:nearer|closer) (?:to )?the (?:water|edge|drop"
        r"|tracks)\b",
    ),
    # A relapse with what follows it ("relapsed an hour ago and the urge hasn't gone"), not
    # a count of sober days starting again.
    _rule(
        "relapsed",
        r"relapsed\b(?=[^.!?\n]*\b(?:and|urge|deeper|again|tonight|worse|cut|cutting)\b)",
    ),
    _rule(
        "wish",
        r"wish (?:i|i'?d) (?:was|were|had) (?:dead|never been born|not alive|died|not here)"
        r"|wish i could (?:disappear|just disappear|stop existing|not exist)",
    ),
    _rule("disappear", r"disappear and never come back"),
    _rule("tired", r"(?:so )?tired of (?:living|being alive|life|existing)"),
    _rule(
        "tomorrow",
        r"(?:(?:isn'?t|is not|won'?t be|will not be) (?:going to be |gonna be )?(?:a|any)|no)"
        r" tomorrow for me(?! if| unless)",
    ),
    _rule("another", r"(?:i'?m|i am) not doing another (?:day|night|week) of (?:this|it)"),
    # A thank-you cut off at "before", the last word of the post.
    _rule(
        "before",
        r"(?:want|wanted|wanna|needed) to say (?:thank you|thanks|goodbye|bye|sorry)"
        r"(?: \w+){0,5} before\W*$",
    ),
    _rule("forever good", r"sleep (?:forever|for good)"),
    # Questions about means: the height that is enough, the dose that is too many.
    _rule(
        "high",
        r"how high (?:does|do|would|should|must) (?:a|the|that|this) (?:bridge|building|car park"
        r"|roof|balcony|drop|fall|window|ledge|cliff|floor)(?: \w+)? (?:have to|need to|got to) be"
        r"(?! (?:to|for) (?:pass|fit|clear|let|allow|get|take|hold|carry|meet|code|regulations))",
    ),
    _rule(
        "pill pills tablets paracetamol meds medicine medication sleeping insulin",
        r"how (?:many|much) (?:\w+ ){0,3}?(?:pills?|tablets?|paracetamol|meds|medicine|medication"
        r"|sleeping \w+|insulin) (?:\w+ ){0,3}?(?:is|are|would be) (?:too many|too much|lethal"
        r"|fatal|enough to)(?![^.!?\n]* for (?:my|her|his|a|the|our) (?:gran|grandma|granny|nan"
        r"|nana|mum|mom|mother|dad|father|kid|son|daughter|baby|child|dog|cat|patient|grandad"
        r"|grandpa))",
    ),
    _rule(
        "things stuff",
        rf"(?:gave|giving) away (?:all )?my (?:things|stuff)"
        rf"(?![^\n]{{0,160}}\b{_ORDINARY_LEAVING})",
    ),
    # A plan told only by its date, or by a future the writer is not in.
    _rule("plan", r"(?:have|ve got|got) a plan and a (?:date|day|time)"),
    _rule_by_letter(
        "version one future world",
        r"no version of (?:this|it|things) where (?:i'?m|i am) (?:still )?(?:here|alive|around)",
        *(
            rf"{one} where (?:i'?m|i am) (?:not|no longer) (?:here|around|alive)"
            for one in ("the one", "a future", "a world")
        ),
        # Not here because of a visa or a move.
        after=rf"(?![^.!?\n]*\b(?:{_ORDINARY_LEAVING}|contract|visa|lease|job)\b)",
    ),
    _rule("joking joke", r"not (?:joking|a joke) this time"),
    # Second-language English puts the plan in the present: "tonight i jump from my block".
    _rule(
        "jump die end walk go swim drive",
        r"(?:tonight|today|tomorrow) i (?:jump|die|end it|end my life)\b"
        # "Tonight I walk out onto the sea ice… and I don't come back."
        r"|(?:tonight|today|tomorrow) i (?:walk|go|swim|drive|row|sail)\b[^.!?\n]{0,60}\band i"
        r" (?:dont|do not|wont|will not|never) come back\b",
    ),
    # "…before I go over." (not "before I go over the notes").
    _rule("before", r"before i (?:go|jump|step) (?:over|under)\W*(?:$|[.!\n])"),
    # "taken 20 so far and im taking the rest".
    _rule(
        "rest far",
        r"(?:taken|swallowed|had) \d+ (?:so far|already)\b"
        r"|(?:im|i am|ill|i will) (?:taking|swallowing|take|swallow) the rest\b(?! of)",
    ),
    # A hose to the exhaust: "The hose is cut to fit the exhaust."
    _rule(
        "exhaust",
        r"(?:hose|pipe|tube)(?: is| s)? (?:\w+ ){0,4}?(?:to|into|onto|on|fit|over) the exhaust\b",
    ),
    _rule("decided", r"decided (?:that )?(?:tonight|today) (?:is|will be) (?:my|the) last\b"),
    # Pills, said of earlier: "tonight I will take them all".
    _rule_by_letter(
        "them em",
        *(
            rf"{intent} (?:to )?(?:just )?(?:take|swallow) (?:them all|all of (?:them|em))"
            for intent in _INTENT_WORDS
        ),
        r"im (?:taking|swallowing) (?:them all|all of (?:them|em))",
        r"i am (?:taking|swallowing) (?:them all|all of (?:them|em))",
        after=r"(?! (?:to|back|home|out|with|in|off|on|down|up)\b)",
    ),
    # "I won't be alive to see it go out."
    _rule(
        "alive",
        r"(?:wont|will not) be alive (?:to see|by (?:the )?(?:morning|tomorrow|tonight|then"
        r"|the weekend)|tomorrow|next week|when (?:you|they) (?:read|see|find|get))",
    ),
    _rule("accident", r"make it look like an accident"),
    # A last message left for someone else to pass on.
    _rule(
        "sorry",
        r"tell (?:my \w+|everyone|them) (?:i'?m )?sorry\W*$",
    ),
    _rule(
        "existing disappear die gone",
        r"(?:kindest|best|only) thing (?:i can do|left|to do|i could do)[^.!?\n]{0,40}"
        r" (?:is|would be) (?:to )?(?:stop existing|disappear|die|not be here|be gone)",
    ),
    _rule("funeral", r"(?:playlist|songs|music|outfit) for my (?:own )?funeral"),
    # Notes to the people left behind, written or rehearsed ("thank-you notes" are not).
    _rule(
        "note notes letter letters goodbye",
        r"rehears(?:e|ing|ed) my (?:note|goodbye)\b"
        r"|i(?:'?ve| have)? (?:just )?(?:wrote|written|left) (?:everyone|each of you|all of you"
        r"|my (?:family|kids|children|mum|mom|sister|brother|parents|partner|husband|wife))"
        r" (?:a )?(?:notes?|letters?)\b",
    ),
    _rule("accident insurance", r"insurance[^.!?\n]{0,60}not an accident"),
    # A note that it was meant: "so someone knows it was on purpose".
    _rule(
        "purpose",
        r"knows? (?:that )?it was on purpose"
        # Insulin, food or water withheld: ways of self-harm told plainly.
        r"|(?:stopped|not|quit) taking my insulin(?: \w+){0,3} on purpose"
        r"|(?:not eating|stopped eating|no food|refusing (?:food|to eat)|stopped drinking"
        r"|not drinking)[^.!?\n]{0,60}\bon purpose",
    ),
    # Exhaust fumes in a car.
    _rule(
        "hose exhaust",
        r"(?:in|inside) (?:my|the) car (?:\w+ ){0,8}?with (?:a|the) hose"
        r"|hose (?:in|into|through|from) the (?:exhaust|window)",
    ),
    # On the way to the drop: "walking to the bridge to jump", "tae the bridge tae jump".
    _rule(
        "jump finish",
        r"(?:walk|walking|go|going|drive|driving|head|heading)(?: down| out)? (?:to|tae) the"
        r" (?:weir|bridge|river|cliff|cliffs|tracks|quarry|viaduct|pier|edge)"
        r" (?:and|to|tae) (?:jump|finish it|end it|end things)",
    ),
    _rule(
        "walk",
        r"(?:going to|gonna|about to|ready to|i will|i'?ll) (?:go for a (?:long )?)?walk (?:into"
        r"|in) the (?:water|sea|river|lake|reservoir|ocean) (?:tonight|now|soon|later"
        r"|when it gets (?:\w+ )?dark)",
    ),
    # "don't let her cry over me too much x".
    _rule(
        "cry grieve",
        r"(?:dont|do not) let (?:her|him|them|anyone|mum|mom|my \w+) (?:cry|grieve) (?:over|for)"
        r" me\b",
    ),
    # "none of it's gonna matter after tonight".
    _rule(
        "matter",
        r"(?:none of (?:it|this)|nothing)(?: is|s| will| is going to| s gonna| is gonna| gonna)?"
        r" (?:going to |gonna )?matter after (?:tonight|today|this weekend|tomorrow)\b",
    ),
    _rule(
        "figured worked found",
        r"(?:figured out|worked out|found) (?:how|a way) to make (?:it|it all|everything|the pain)"
        r" stop",
    ),
    _rule("why", r"to know why,? before (?:tomorrow|tonight|the weekend|the morning)\W*$"),
    _rule(
        "bridge footbridge roof rooftop viaduct overpass cliff",
        r"(?:bridge|footbridge|roof|rooftop|viaduct|overpass|cliff)[^.!?\n]{0,60}"
        r"(?:cameras|cctv|people around|anyone around)[^.!?\n]{0,20}at night",
    ),
    _rule(
        "letters letter notes",
        r"i(?:'ve| have)? (?:wrote|written) (?:goodbye letters|letters|a letter)"
        r" to (?:my|everyone)(?![^.!?\n]*\b(?:leavers|graduation|wedding|birthday|christmas))"
        # "I finish the letters for my two children", not for their school.
        r"|(?:wrote|written|finish(?:ed)?|finishing) (?:the|my) (?:goodbye )?(?:letters|notes)"
        r" (?:for|to) (?:(?:my (?:\w+ )?(?:kids|children|son|sons|daughter|daughters|mum|mom"
        r"|mother|dad|father|parents|family|husband|wife|partner|sister|brother|friends)\b"
        r"(?! (?:school|teachers?|class|nursery|passport|visa|application))"
        r"|each of (?:you|them)|all of (?:you|them)|everyone))",
    ),
    # Notes left where they will be found: "left them on my roommates' pillows", "a note on
    # the seat" (one found, or left by someone else, is not the writer's).
    _rule(
        "pillow pillows seat dashboard dash",
        r"(?<!found a )(?<!found the )(?<!he left a )(?<!she left a )(?<!they left a )"
        r"(?:notes|letters)(?:,? (?:and )?(?:left|put) them)? (?:on|under)"
        r" (?:(?:the|my|their|his|her) )?(?:\w+s )?(?:pillows?|passenger seat|seat|dashboard|dash)"
        # One note on a pillow is as often a thank-you.
        r"|(?:note|letter)(?: for \w+)? (?:on|under) (?:the|my) (?:passenger seat|seat|dashboard"
        r"|dash)\b",
    ),
    # Ready to hang: "belt's already around the bunk bed rail".
    _rule(
        "belt belts rope ropes noose nooses cord cords scarf scarfs",
        r"(?:belt|rope|noose|cord|scarf)(?:'s| is)? (?:already )?(?:around|round|tied to) the"
        r" (?:\w+ ){0,2}?(?:rail|beam|bar|hook|banister|bannister|door|handle|railing|rafter)\b",
    ),
    # On the line: "parked on the crossing… freight's due at 11:40".
    _rule(
        "tracks rails railway crossing",
        r"(?:parked|stopped|sitting|standing|lying|lay) on the (?:level crossing|railway crossing"
        r"|tracks|train tracks|rails|railway line)\b",
    ),
    _rule("gone", r"(?:mean|plan|intend|going) to be gone (?:before|by)"),
    # A blade by the bath.
    _rule(
        "razor blade",
        r"(?:razor|blade)\b[^.!?\n]{0,20}next to (?:it|the bath|the tub)",
    ),
    _rule("ledge parapet", r"(?:legs?|feet) (?:dangling )?over the (?:ledge|parapet)"),
    # Asking not to be stopped: "nobody needs to talk me round", "don't talk me out of it".
    _rule(
        "talk talked talking",
        r"(?:nobody|no one|noone|dont|do not)(?: needs? to| has to| try(?:ing)? to"
        r"| bother(?:ing)?(?: to| trying to)?)? talk(?:ing)? me (?:round|around"
        r"|out of (?:it|this))\b"
        r"|(?:dont|do not) (?:really )?want to be talked (?:out of (?:it|this)|round|around|down)",
    ),
    # Nothing left to settle but the writer: "only thing left on the list is me".
    _rule(
        "thing",
        r"(?:only|last) thing left (?:on (?:the|my) list |to (?:do|sort|tick off) )?is (?:me"
        r"|myself)\b",
    ),
    # Left for whoever finds the body, or no one to find it soon.
    _rule(
        "whoever finds find check",
        r"for (?:whoever|the person who|whoever it is that) finds? (?:me|my body)\b"
        r"|keys?\b[^.!?\n]{0,40}\bfor whoever (?:comes|finds)\b"
        r"|(?:nobody|no one|noone)(?: is| will| s)? (?:going to |gonna )?(?:check on|find) me"
        r" (?:until|till|til|before|for days)\b",
    ),
    # The pills counted against a question of what they will do.
    _rule(
        "take taking swallow swallowing",
        r"(?:take|taking|swallow|swallowing) (?:all|the whole|every one|the lot) (?:of )?(?:them"
        r"|it|the (?:pills|tablets|bottle|packet|box)|my (?:pills|tablets|meds))\b"
        r"[^.?!\n]{0,40}\bwill i (?:just )?(?:fall asleep|die|wake up|feel (?:it|anything))",
    ),
    # "My shift ends and so do I."
    _rule(
        "ends finishes",
        r"(?:ends|finishes)(?: tonight| tomorrow| at \w+)? and so (?:do|will) i\b",
    ),
    # Enough kept to die: "I've got enough gear saved to not wake up".
    _rule(
        "enough",
        r"enough\b[^.!?\n]{0,40}?\bto (?:not|never) (?:wake up|come back)\b",
    ),
    # A height judged now: "The harbour wall is high enough."
    _rule(
        "high tall",
        r"(?:wall|bridge|roof|balcony|drop|building|ledge|car park|tower|cliff)(?:s| is)"
        r" (?:high|tall) enough\W*(?:$|[.!]|\n)",
    ),
    _rule(
        "insulin",
        r"(?:im|i am) (?:stopping|not taking|quitting) (?:the |my )?insulin\b(?! pump| pen)",
    ),
    # Pills kept back: "been keeping my meds back from the chemist in a sock".
    _rule(
        "keeping saving stockpiling hoarding stashing putting setting",
        r"(?:keeping|saving|stockpiling|hoarding|stashing) (?:up )?(?:my |the )?(?:meds|pills"
        r"|tablets|painkillers|sleeping pills|prescriptions?)(?: back| up| aside| in a)\b"
        rf"|(?:stockpiling|hoarding|stashing) (?:my |the )?(?:meds|pills|tablets|painkillers"
        rf"|{_DRUGS})\b"
        # "I've been saving my script for this".
        r"|saving (?:up )?(?:my |the )?(?:script|prescription|meds|pills|tablets) for"
        r" (?:this|tonight|it)\b"
        # "I've been putting aside my pain meds for months".
        r"|been (?:putting|setting) (?:aside|away|by) (?:my |the )?(?:\w+ )?(?:meds|pills|tablets"
        r"|painkillers)\b",
    ),
    # "tonight I'm taking everything in the medicine cabinet"; "finishing the bottle with the
    # sleeping tablets, all of them".
    _rule(
        "everything tablets pills",
        r"(?:taking|take|swallowing|swallow) everything in the (?:medicine |bathroom )?(?:cabinet"
        r"|cupboard|drawer|box)\b"
        r"|(?:finishing|finish) the (?:bottle|wine|vodka|gin|whisky|whiskey) with (?:the|my)"
        r" (?:sleeping )?(?:tablets|pills)\b",
    ),
    # The means made ready: "took the extension lead up to the loft… its already tied".
    _rule(
        "tied",
        r"(?:rope|cord|lead|belt|cable|noose|scarf|sheet|sheets)\b[^.!?\n]{0,80}?\b(?:its|it is"
        r"|thats) (?:already |all )?tied\b",
    ),
    # "By the time you get this it'll be done."
    _rule_by_letter(
        "time",
        "by the time",
        after=r" (?:you|anyone|someone|somebody|u) (?:gets?|reads?|sees?|finds?) this,?"
        r" (?:itll|it will|ill|i will) (?:be (?:done|over|too late|gone)|have (?:done it|gone))\b"
        # "…I'll be gone, off to the research station for six months".
        r"(?!,? (?:off|away|abroad|travelling|on (?:holiday|my way)|to|for)\b)",
    ),
    # A last word, said as one: "This is the last thing I'll write."
    _rule(
        "last",
        r"this is the last (?:thing|post|message) (?:ill|i will) (?:ever )?(?:write|post|send"
        r"|say)(?: (?:here|on here|in here|anywhere|on this \w+))?(?=\W*$|[.!]+(?:\s|$))",
    ),
    # The means at hand and the mind made up: "the blade's on the sink and I've already
    # decided".
    _rule(
        "decided",
        r"(?:blade|blades|razor|razors|pills|tablets|rope|noose|lighter)\b[^.!?\n]{0,60}\b(?:ive"
        r"|i have) (?:already )?decided\b",
    ),
    # "for someone who won't be here friday".
    _rule(
        "wont",
        r"(?:someone|somebody) who (?:wont|will not) be (?:here|around|alive) (?:on |by |next )?"
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|next week)",
    ),
    # Water looked at from a height: "the water looks soft from up here".
    _rule("soft", r"(?:water|sea|river|ground|road) looks (?:so |really )?soft"),
    # Into the traffic on purpose: "gonna ride into the lorry lane on the bypass".
    _rule(
        "lorry lorries truck trucks traffic oncoming bus train freight",
        r"(?:gonna|going to|about to|(?:i will|ill) (?:just )?)"
        r" ?(?:ride|drive|walk|step|steer|swerve|cycle) (?:straight |right )?(?:into"
        r"|in front of|under) (?:the |a |an )?(?:lorry lane|lorries|lorry|truck|trucks|traffic"
        r"|oncoming|bus|train|freight)\b",
    ),
    # Going over: "At 2am when the deck's empty I'm going over the stern rail."
    _rule(
        "over",
        r"(?:im|i am) going over the (?:\w+ )?(?:rail|railing|railings|side|edge|balcony|barrier"
        r"|parapet)\b",
    ),
    # "she's scheduled goodbye messages to everyone for tomorrow morning".
    _rule(
        "scheduled",
        r"scheduled (?:my |the |some )?(?:goodbye|farewell) (?:messages|posts|texts|emails"
        r"|notes)\b",
    ),
    # Dying in one's sleep, asked or planned: "how many would it take to not wake up"; "having
    # the lot tonight so I don't wake up".
    _rule(
        "wake",
        r"(?:would it|does it|will it|it would|it will) take to (?:not|never) wake up\b"
        r"|so (?:that )?i (?:dont|do not|wont|will not|never) wake up\b",
    ),
    # "Last match I'll ever see."
    _rule(
        "ever",
        r"last (?:match|game|service|shift|class|show|sunrise|sunset|day|night) ill ever (?:see"
        r"|do|work|play|watch|teach|have)\b",
    ),
    # A joke, then not: "its not a bit this time".
    _rule_by_letter(
        "bit joke drill",
        "its not a",
        "it is not a",
        "this is not a",
        "it isnt a",
        "this isnt a",
        after=r" (?:bit|joke|drill) this time",
    ),
)
# Danger now; the present tense is part of every phrase.
_DANGER: tuple[_Rule, ...] = (
    _rule(
        "hiding locked trapped stuck barricaded cornered bed scared afraid hiding",
        r"(?:(?:i'?m|i am) (?:hiding|locked in|trapped|stuck in|barricaded|cornered"
        r"|under the (?:bed|desk|table|stairs)"
        r"|scared to (?:go(?! back to (?:school|work|uni|class|college))|leave|move|open"
        r"|breathe)|afraid to (?:go home|leave|move|open))"
        r"|(?:^|(?<=[.!?\n])|(?<=[.!?\n] )|(?<=[.!?\n]  )|\bi(?:'?ve| have)? (?:just )?|\bstill )"
        r"(?:locked myself in"
        r"|(?<![a-z] )locked in (?:the|a|my) (?:\w+ )?(?:toilet|toilets|bathroom|loo|closet"
        r"|cupboard|storeroom|stockroom)\b"
        r"|hiding (?:in|from|under|behind) (?:the|my|him|her|them)"
        # Under the duvet from the neighbour's drummer.
        r"(?! (?:duvet|covers|blankets?|quilt|sheets)\b)"
        # Chat leaves out the article: "hidin in wardrobe w my lil sis".
        r"|hiding in (?:\w+ )?(?:wardrobe|closet|cupboard|bathroom|toilet|loo|attic|basement|shed"
        r"|room)\b))"
        # Hiding from the relatives at a wedding is no danger.
        r"(?![^.!?\n]* at (?:(?:my|a|the|our) (?:(?:\w+s )?(?:wedding|baby shower|bridal shower"
        r"|christening|reunion|family (?:dinner|lunch|party|reunion|gathering)))"
        r"|(?:(?:my|our) )?\w+s (?:party|birthday|barbecue|bbq|dinner|christmas)))",
    ),
    _rule_by_letter(
        "following follow follows",
        r"follow(?:s|ing)? me (?:right )?now",
        # "someone following me from the tram stop rn".
        r"following me (?:from|since) (?:the|my) [^.!?\n]{0,30}\b(?:rn|right now)\b",
    ),
    # Present assault: "guy on bus 42 is grabbing me".
    _rule_by_letter(
        "grabbing groping choking hitting punching strangling",
        *(
            rf"{who}(?:'s| is| are|'re) (?:grabbing|groping|choking|hitting|punching|strangling) me"
            for who in ("he", "she", "they", "guy", "man", "someone")
        ),
    ),
    # Someone standing in the way: "year 11 boys … are blocking the alley".
    _rule_by_letter(
        "blocking",
        *(
            rf"{who}(?:'s| is| are|'re) (?:standing )?blocking"
            for who in ("he", "she", "they", "boys", "guys", "men", "man", "and")
        ),
        after=r" (?:the|my) (?:alley|way|door|doorway|exit|path|stairs|stairwell|lift|car door)\b",
    ),
    # Locked in a room with the men who did it: "locked in a room with 3 guys".
    _rule(
        "locked",
        rf"{_OPENS_SENTENCE}(?:im |i am )?locked in (?:a|the|his|their) (?:\w+ )?room"
        r" with (?:\w+ )?(?:guys|men|of them|him|them)\b",
    ),
    # Told as it happens, without a subject: "kicking the door. neighbours away."
    _rule(
        "banging kicking pounding hammering smashing",
        rf"{_OPENS_SENTENCE}(?:banging|kicking|pounding|hammering|smashing)"
        r" (?:on |at |in )?(?:the|my) (?:front |back )?(?:door|doors|window|windows)\b"
        r"(?![^.!?\n]*\?)",
    ),
    # Hands on the writer's neck now, told without a verb: "rider's hand on my neck, says
    # keep driving" ("he had his hands around my throat" tells of a night).
    _rule(
        "neck throat",
        rf"{_OPENS_SENTENCE}(?:his|her|their|\w+s) hands? (?:is |are |still )?"
        r"(?:on|around) my (?:neck|throat)",
    ),
    # Said without "is" or "am": "ex husband inside house now", "I in closet".
    _rule_by_letter(
        "house flat apartment home room closet wardrobe cupboard pantry attic basement bathroom"
        " toilet",
        *(
            rf"{who} (?:inside|in) (?:the |my |our )?(?:house|flat|apartment|home|room)"
            r" (?:right )?now"
            for who in (
                "he",
                "she",
                "they",
                "ex",
                "husband",
                "boyfriend",
                "someone",
                "somebody",
                "man",
                "guy",
                "stranger",
            )
        ),
        # "I" opening its sentence: "when i in bathroom" is not the present.
        r"i(?<![a-z] i)(?<![a-z]  i) (?:in|inside|hiding in|hide in) (?:the |my |a )?(?:closet"
        r"|wardrobe|cupboard|pantry|attic|basement|bathroom|toilet)\b",
    ),
    # Southern English: "he fixin to come in".
    _rule(
        "fixin fixing",
        r"(?:he|she|they)(?:'s| is| are|'re)? fixin(?:g)?'? to (?:come in|get in|break in|kill"
        r"|hurt|get me|shoot|come back)",
    ),
    # A key heard in the lock.
    _rule(
        "hear hearing",
        r"(?:hear|hearing) (?:it|the key|a key|his key|her key|keys) (?:going |turning "
        r"|scraping )?in the (?:lock|door)",
    ),
    # A car or a man keeping pace: "car creeping behind me on the trail".
    _rule_by_letter(
        "creeping crawling idling drive driving",
        *(
            rf"{who}(?:'s| is)? (?:creeping|crawling|idling) (?:along )?"
            for who in ("car", "van", "truck", "man", "guy", "someone", "he")
        ),
        *(
            rf"{vehicle}(?:'s| is)? driv(?:e|ing) (?:(?:so |really |very )?slow(?:ly)? )*"
            for vehicle in ("car", "van", "truck")
        ),
        after=r"(?:behind|beside|alongside|next to) (?:me|us)",
    ),
    # A spiked drink, felt now.
    _rule(
        "drink drugged spiked",
        r"(?:(?:i )?think (?:something|(?:someone|he|they) (?:put|slipped) something)"
        r" (?:was |is )?in my drink|something(?:'s| is) in my drink"
        r"|(?:i )?think (?:someone|somebody|he|they) (?:has |just )?(?:drugged|spiked) me"
        r"|(?:i'?ve|i have|i think i'?ve) been (?:spiked|drugged)"
        r"|(?:has|have|just|don|done) (?:put|slipped|dropped) something (?:in|for|inside) my drink)"
        # Told afterwards: "at the bar last Sat. blood test came back clear".
        r"(?![^.!?\n]*\b(?:last (?:night|week|year|month|weekend|sat|sun|fri|\w+day)|yesterday"
        r"|that night|at the weekend|once|came back))"
        r"|drinks?\b[^.!?\n]{0,60}(?:legs? (?:have |are )?(?:gone|not working|no dey hold me"
        r"|giving way|wont hold me)|can'?t (?:stand|walk straight|feel my legs)"
        r"|everything'?s spinning|(?:the )?room(?:'s| is) spinning)"
        r"|(?:legs (?:have |are )?(?:gone|not working|stopped working)|can'?t (?:stand"
        r"|walk straight|feel my legs)|everything'?s spinning)[^.!?\n]{0,40}\bafter (?:one|a|two"
        r"|my|the) drinks?\b",
    ),
    _rule(
        "bolt lock door",
        r"(?:im|i am) (?:in|inside) (?:the|a|my|her|his|their) (?:\w+ )?(?:toilet|bathroom|loo"
        r"|closet|cupboard|wardrobe|storeroom|stockroom) with the (?:bolt|lock|door)",
    ),
    # Followed since a place or moment today, still going on ("he has followed me since
    # the bus stop"); "he followed me from the station" tells of the past.
    _rule(
        "been followed same follows",
        r"(?:been (?:behind|following|tailing) me|(?:has|have) followed me)"
        # "following me and the 3 dogs since the creek path".
        r"(?: and (?:the |my )?(?:\w+ ){0,2}?\w+)? (?:since|from)"
        r" (?:i|the|my)\b(?![^.!?\n]*\bon (?:insta|instagram|tiktok|twitter|x|facebook|snapchat"
        r"|twitch|youtube|linkedin|threads|bluesky)\b)"
        r"|followed my (?:car|scooter|bike|moped|van) since (?:i|the|my)\b"
        # Second-language English: "someone follows my car since the exit".
        r"|follows (?:me|us|my car) since (?:i|the|my)\b"
        r"|same (?:man|guy|car|van|men|guys|person) since (?:i|the)\b",
    ),
    # Followed somewhere and there still: "followed us onto the bus and is sitting right
    # behind us".
    _rule(
        "followed",
        rf"followed (?:me|us) (?:\w+ ){{0,6}}?and (?:is|'?s) (?:now |still )?(?:\w+ ){{0,2}}?"
        rf"{_PLACE_NOW}",
    ),
    _rule(
        "handle doorhandle",
        r"(?:door ?)?handle(?:'s| is)? (?:rattling|turning|jiggling|moving|move\b)",
    ),
    _rule(
        "pulled climbed",
        r"(?:he|she|they|ex|someone) just pulled (?:up )?(?:into|onto|on|outside|in front of|up to)"
        r" my (?:driveway|street|road|house|flat|building|work|drive)"
        r"|(?:he|she|they|ex|someone|a man|a guy) just (?:climbed|jumped|came) (?:over )?"
        r"(?:the|my|our) (?:fence|wall|gate|balcony)",
    ),
    # Someone climbing in now: "someone climbing onto my balcony".
    _rule(
        "climbing",
        r"(?:someone|somebody|a man|a guy|he|she|they|man|guy)(?:'s| is| are)? (?:climbing"
        r"|trying to climb) (?:onto|into|in|over|up|through) (?:my|our|the) (?:balcony|window"
        r"|fence|wall|gate|drainpipe)",
    ),
    _rule(
        "surrounded cornered trapped pinned locked lock locks",
        r"(?:have|has|'?ve|just) (?:surrounded|cornered) (?:me|us|our)"
        r"|(?:has|have|'?s|'?ve) (?:got )?(?:me|us) (?:cornered|surrounded|trapped|pinned"
        r"|locked (?:in|up))"
        # Second-language English keeps it in the present: "he lock me in".
        r"|(?:he|she|they|husband|boss|manager|employer) lock(?:s)? (?:me|us) in\b"
        # Not what he does habitually: "he lock me in when he go to work".
        r"(?![^.!?\n]*\b(?:when (?:he|she|they) (?:go|goes|leave|leaves|went)|many times"
        r"|sometimes|often)\b)",
    ),
    # Its words are too common to narrow the stories it runs on: it opens with its
    # subject's first letters instead of a word start (see _at_word_start).
    (
        frozenset(["hes", "shes", "theyre", "is", "are", "been"]),
        _rx(
            rf"{_SUBJECT}{_IS} (?:(?!not |never |no longer )(?:still |already |now |just |right )?"
            rf"(?:\w+ ){{0,4}}?{_PLACE_NOW}"
            r"|(?:still |already |right )?(?:in )?here\b(?! (?:because|for|to|with))"
            r"|(?:still |already |right )?on the (?:stairs|landing|porch|doorstep|fire escape)\b)"
        ),
    ),
    _rule(
        "they're they there's",
        rf"(?:they'?re|they are|there'?s (?:a|some) (?:\w+ )?(?:man|guy|men|guys|car|truck|van)"
        rf"(?: who'?s| that'?s)?) (?:\w+ ){{0,5}}?{_PLACE_NOW}",
    ),
    _rule(
        "gun knife weapon bat hammer blade",
        r"(?:he|she|they)(?:'s got| has got| has| have| got| is holding| is carrying|'s holding"
        r"|(?:'s| is) (?:cleaning|loading|waving|pointing)"
        r"|'s carrying| took out| pulled out) (?:a |my |his |her |the )?(?:gun|knife|weapon|bat"
        r"|hammer|blade)",
    ),
    _rule(
        "kill hurt strangle shoot stab get",
        r"(?:going to|gonna|will|[a-z]+'ll|wants to|is trying to|[a-z]+'s trying to|coming to"
        r"|coming over to|coming here to|coming back to|threatening to|says he'?(?:ll|s going to)"
        r"|said he'?(?:d|s going to|ll)) (?:kill|hurt|strangle|shoot|stab|get) me"
        # "'he will kill me one day'" is a fear for some day.
        r"(?! one day| someday| some day| eventually)",
    ),
    _rule(
        "danger safe unsafe life scared afraid terrified",
        r"(?:i'?m|i am) (?:in danger|not safe|unsafe|scared for my life|afraid for my life"
        r"|(?:scared|afraid|terrified) (?:he|she)'?ll (?:kill|hurt|find|come|get|hit|break|do)"
        # A fear for some day, not tonight: "scared he'll find me one day".
        r"(?![^.!?\n]*\b(?:one day|someday|some day|eventually|when (?:he|she) gets out)\b))"
        r"|(?:don'?t|do not) feel safe (?:going home|at home|here|tonight|right now)",
    ),
    _rule(
        "breaking smashing kicking broke smashed kicked hit punched choked strangled threatened"
        " attacked grabbed pushed showed rock brick stone bottle",
        r"(?:he|she|they) (?:just )?(?:is|are|'s|'re) (?:breaking|smashing|kicking) (?:in|through"
        r"|(?:down )?the (?:\w+ ){0,3}?(?:door|window|glass|lock))"
        r"|(?:he|she|they) just (?:broke|smashed|kicked|hit|punched|choked|strangled|threatened"
        r"|attacked|grabbed|pushed|showed up) (?:in|the|down|me|my|at)"
        r"|(?:he|she|they)(?:'s| has)? just (?:put|thrown|threw) a (?:rock|brick|stone|bottle)"
        r" through",
    ),
    # Holding her now: "he's got hold of my arm"; "He's got my wrist."
    _rule_by_letter(
        "hold wrist wrists arm arms throat neck hair",
        "hes",
        "shes",
        "he has",
        "she has",
        "theyve",
        "they have",
        after=r" (?:now |still )?(?:got )?(?:hold of )?(?:my|both my) (?:wrist|wrists|arm|arms"
        r"|throat|neck|hair)\b(?! (?:in|for|as|when|once|straighteners|dryer|brush|ties?|clips?"
        r"|bands?|products?|stuff)\b)",
    ),
    # A weapon held at her: "one is holding a lighter near my face".
    _rule(
        "holding",
        r"(?:is|are|hes|shes|theyre) (?:now )?holding (?:a|the|his|her|their) (?:knife|lighter"
        r"|bat|gun|blade|bottle|hammer|screwdriver|pistol) (?:to|near|at|against|over|up to)"
        r" (?:my|me)\b",
    ),
    # Blocking the way out now: "they're standing between me and the staff door" (not "he
    # was standing…").
    _rule_by_letter(
        "between",
        # The look-behinds follow the first letter, where _at_word_start checks the word start.
        *(
            f"{how[0]}(?<!was {how[0]})(?<!were {how[0]}){how[1:]} between me and the"
            for how in ("standing", "sitting", "stood", "sat", "parked")
        ),
        after=r" (?:\w+ )?(?:door|doors|exit|stairs|car|gate|road)\b",
    ),
    # "sitting on the step so I can't get off", said of now.
    _rule_by_letter(
        "cant cannot",
        "hes",
        "shes",
        "theyre",
        "he is",
        "she is",
        "they are",
        "he has",
        "she has",
        "theyve",
        "they have",
        "is sitting",
        "is standing",
        "is blocking",
        "are sitting",
        "are standing",
        "are blocking",
        after=r"\b[^.!?\n]{0,60}?\bso (?:i|we) (?:cant|cannot) (?:get (?:off|out|past|down"
        r"|away)|leave|escape)\b",
    ),
    # Held until she gives in: "they're saying they'll let me out when I've learned";
    # "say I'm not leaving until I tell them".
    _rule(
        "let leaving staying leaves goes",
        r"(?:theyre|they are|hes|he is|shes|she is|keeps?) saying (?:theyll|hell|shell|they will"
        r"|he will|she will) let me (?:out|go|leave)\b"
        r"|(?:say|says|saying) (?:that )?(?:im|i am) (?:not leaving|staying)\b[^.!?\n]{0,30}?"
        r"\b(?:until|whether)\b"
        # "sitting in front of the door saying nobody leaves until I tear up my report".
        r"|(?:say|says|saying) (?:that )?(?:nobody|no one|noone) (?:leaves|is leaving|goes)\b"
        r"[^.!?\n]{0,20}?\b(?:until|till)\b",
    ),
    # "told me to sit still while he decides what to do with me".
    _rule("decides deciding", r"(?:decides|deciding) what to do with me\b"),
    # Copula-less, with a weapon: "Ex in the machine shed with Dad's shotgun".
    _rule(
        "shotgun gun rifle knife pistol machete axe",
        r"(?:ex|husband|he|neighbou?r|man|guy|someone|somebody)(?:'s| is)?"
        r" (?:(?:sitting|standing|waiting) )?(?:in|at|outside|on)"
        r" (?:the|my|our) (?:\w+ ){0,2}?with (?:a |his |the |\w+s )?(?:\w+ )?(?:shotgun|gun|rifle"
        r"|knife|pistol|machete|axe)\b",
    ),
    _rule("pouring", r"pouring (?:gas|petrol|gasoline|fuel) (?:around|over|on|all over)"),
    # Someone pulling her somewhere now: "keeps pulling me toward the stairs".
    _rule(
        "pulling dragging pushing forcing steering leading",
        r"(?:keeps? |(?:hes|shes|theyre|he is|she is|they are) (?:now |still )?)(?:pulling"
        r"|dragging|pushing|forcing|steering|leading) me (?:away |off )?(?:from \w+ \w+ )?"
        r"(?:toward|towards|into|to|up|down|out)",
    ),
    _rule(
        "let letting leave leaving go unlock open keys stop stopping",
        r"(?:won'?t|will not|isn'?t|is not|refuses to) (?:let|letting) me (?:leave|go(?! to)|out"
        r"|pull over|get out)"
        # A driver who will not stop: "the taxi driver is not stopping the car".
        r"|(?:won'?t|will not|isn'?t|is not|refuses to) stop(?:ping)? the (?:car|taxi|cab|van"
        r"|truck)"
        r"|(?:says|saying) (?:i'?m|i am) not (?:leaving|going anywhere)"
        r"|locked (?:the|us|me) (?:\w+ ){0,3}?(?:door|doors|in) and (?:pocketed|took|hid|kept)"
        r" the keys?"
        r"|(?:won'?t|will not|refuses to) (?:unlock|open) (?:the|his|her) (?:doors?|car)"
        r"|(?:showed up|turned up|is) at my (?:door|house|flat|place|work) and (?:won'?t|will not"
        r"|refuses to) (?:leave|go)",
    ),
    _rule(
        "call get send help security",
        r"(?:please|pls|plz|someone|somebody|can someone|can anyone),? (?:call|get|send)"
        r" (?:someone|somebody|help|the police|the cops|911|999|112|an ambulance)"
        r"|(?:please|pls|plz),? (?:someone )?help me\W*(?:$|[.!?\n])|send (?:help|security)"
        r"|do i call (?:the )?(?:police|cops|911|999|112|someone)",
    ),
    _rule(
        "locked alone drunk nowhere",
        r"(?:door|doors) (?:is |are )?locked (?:and|n|&) (?:he|she|they)"
        r"|(?:i'?m|i am) (?:alone|home alone) (?:with (?:him|the kids) )?and (?:he|she|they)"
        r"(?:'s| is) (?:drunk|angry|raging|violent)"
        r"|nowhere (?:to go|safe) tonight|(?:he|she|they)(?:'s| is| are|'re) drunk and"
        r" (?:angry|violent|raging|threatening)",
    ),
    _rule(
        "type write typing writing texting posting hear",
        r"as i (?:type|write) this|i can hear (?:him|her|them)"
        # "writing this from the bathroom", not from a place told as safe ("from my own
        # flat", "from a house he's never seen", "from a café, four years later").
        r"|(?:typing|writing|texting|posting)(?: this)? from(?! (?:my own|my new|that new)"
        r"|[^.!?\n]*\b(?:years|months) (?:later|on)\b)"
        r" (?:\w+ ){0,3}?(?:bathroom|toilets?|loo|closet|wardrobe|cupboard|laundry|stairwell"
        r"|passenger seat|car|bed|floor|hostel|storeroom|stockroom|basement|attic|cellar|shed"
        r"|garage)\b",
    ),
    _rule(
        "trying pulling yanking rattling jiggling someone holding pushing leaning",
        r"(?:keeps?|is|\w+'s) (?:trying|pulling at|pulling|yanking|rattling|jiggling)"
        r" (?:to open )?(?:my|the) (?:\w+ ){0,2}?"
        r"(?:door|door handle|handle|lock|window)"
        r"|someone (?:is |'s )?(?:in|inside) (?:my|the) (?:house|flat|apartment|room)"
        # Keeping the door shut with her body.
        r"|(?:holding|pushing|leaning on) the door (?:shut |closed )?with (?:my (?:body|back|weight"
        r"|foot|shoulder)|the (?:bed|desk|chair|wardrobe|sofa))",
    ),
    _rule(
        "way coming",
        r"(?:says|just said|just texted|just told me|is texting|keeps texting) (?:that )?"
        r"(?:he|she|they)(?:'s|'re| is| are) (?:on (?:his|her|their) way|coming (?:over|here"
        r"|back|for me))",
    ),
    # "guy in the next cabin has been trying my handle for 5 mins".
    _rule(
        "trying",
        r"(?:has been|s been|is|keeps) trying (?:my|the) (?:door )?(?:handle|door|lock)\b",
    ),
    # A lift turned into a trap: "we're on a farm track and he's just turned the headlights
    # off".
    _rule(
        "headlights",
        r"(?:hes|he has|shes|she has|theyve|they have) (?:just )?(?:turned|switched) (?:the|his"
        r"|her|their) headlights off",
    ),
    # "he say he come back after family sleep".
    _rule(
        "come coming",
        r"(?:he|she|they) (?:say|says|said) (?:he|she|they) (?:come|comes|coming|will come)"
        r" back (?:after|when|tonight|later)\b",
    ),
    # "he's in. bathroom door's giving way".
    _rule(
        "giving splintering",
        r"(?:door|doors|lock|chain|frame)(?:s| is| are)? (?:giving way|starting to give"
        r"|splintering)\b",
    ),
    # Someone against the door: "front door only has the one lock and she's leaning on it".
    _rule(
        "leaning pushing",
        r"(?:hes|shes|theyre|he is|she is|they are|someones|someone is) (?:leaning|pushing)"
        r" (?:on|against) (?:it|the door|my door|the front door)\b",
    ),
    # Hiding, said in a word or from behind something: "hiding. dont reply", "I'm on the
    # floor behind the sofa".
    _rule(
        "hiding behind",
        rf"{_OPENS_SENTENCE}(?:im |i am )?hiding\W*(?:$|[.!\n])"
        r"|(?:im|i am) (?:on the floor|crouched|crouching|curled up|lying|sitting|hiding)"
        r" behind the (?:sofa|couch|bed|door|counter|desk|bins|car|wall|fridge)\b",
    ),
    # Typing unseen: "typing with the brightness all the way down", "typing with the phone
    # on my knee".
    _rule(
        "typing",
        r"typing (?:this )?with (?:the|my) (?:brightness|screen) (?:all the way |right |turned )?"
        r"(?:down|low|dimmed)|typing (?:this )?with (?:the|my) phone (?:on my (?:knee|lap)"
        r"|under the (?:table|duvet|covers|blanket|pillow))",
    ),
    # Someone at the door demanding to be let in: "won't leave. keeps saying let me in".
    _rule(
        "let",
        r"(?:keeps|is|s|hes|he is|still|wont stop) (?:saying|shouting|yelling|screaming"
        r"|begging|telling me)(?: me)? (?:to )?let (?:him|me|them|us) in\b",
    ),
    # Without "is": "someone following me from the bus stop".
    _rule(
        "following",
        rf"{_OPENS_SENTENCE}(?:someone|somebody|a guy|a man|some guy|guy|man) following me\b"
        r"(?! (?:on|online|around online|everywhere online)\b)",
    ),
    # Locked in, keys taken: "he's locked the front and back doors and taken the keys".
    _rule(
        "locked",
        r"(?:hes|he has|shes|she has|theyve|they have) (?:just )?locked (?:the|all the|both)"
        r" (?:\w+ ){0,3}?doors? and (?:taken|hidden|got|kept) (?:the|my|all the) keys?\b",
    ),
    # Hiding the sound of typing: "writing this in the bathroom with the tap running".
    _rule(
        "writing typing",
        r"(?:writing|typing) this (?:in|from) the (?:bathroom|toilet|closet|wardrobe|cupboard"
        r"|laundry) with the (?:tap|taps|shower|water|fan|dryer) (?:running|on)\b",
    ),
    # A threat just made: "he says if i knock again he'll finish what he started".
    _rule(
        "finish",
        r"(?:says|saying|just said|texted|texting|messaged|shouting|yelling)\b[^.!?\n]{0,40}?"
        r"\b(?:hell|he will|shell|she will|theyll|they will) finish what (?:he|she|they) started",
    ),
    # Said to the writer where she is: "nobody's going to find you out here".
    _rule(
        "find",
        r"no ?(?:one|body)(?:s| is)? (?:going to|gonna|will|would) (?:ever )?find you (?:out )?"
        r"here\b",
    ),
)
# The same, for anyone named ("dylan is at my door"). Every branch opens with a
# letter or a space, so re skips to those (see _at_word_start).
_IS_NOW = (
    "(?:"
    + _at_word_start("he's", "she's", "it's", "who's", "there's", "they're")
    + "| is| are| has been| have been|"
    + _at_word_start("he's been", "she's been")
    + ")"
)
_DANGER_NAMED: _Rule = (
    frozenset(
        [
            "following",
            "chasing",
            "outside",
            "door",
            "gate",
            "window",
            "house",
            "flat",
            "apartment",
            "building",
            "room",
            "garden",
            "driveway",
            "yard",
            "hallway",
            "stairwell",
            "banging",
            "trying",
            "breaking",
        ]
    ),
    _rx(
        rf"{_IS_NOW}(?:(?: still| already| now| just| right)? (?:following|chasing) me\b"
        rf"| (?!not |never |no longer )(?:still |already |now |just |right )?"
        rf"(?:\w+ ){{0,3}}?{_AT_MY_DOOR})"
    ),
)
# Phrases that also describe the past: they count when the story places them now.
_DANGER_IF_NOW: tuple[_Rule, ...] = (
    # "he's just got out and is walking up my path".
    _rule_by_letter(
        "walking coming running heading creeping",
        "hes",
        "he is",
        "shes",
        "she is",
        "theyre",
        "they are",
        "someone is",
        "someones",
        "a man is",
        "and is",
        "and s",
        after=r"(?: just)? (?:walking|coming|running|heading|creeping) up (?:my|our|the) (?:path"
        r"|garden path|drive|driveway|front steps|steps|stairs)\b",
    ),
    # A lift going the wrong way: "he's driving me and Mai now and this isn't the road to
    # the hostel".
    _rule("isnt", r"(?:this|that) (?:isnt|is not|aint) the (?:road|way|route) (?:to|home|back)"),
    # "three men on motorbikes have been circling our lane since 9 pm"; "they've been
    # watching my window since 10".
    _rule(
        "circling watching",
        r"(?:have|has|hes|shes|theyve|s|ve) been (?:circling|watching) (?:our|my|the) (?:lane"
        r"|street|road|house|block|building|flat|window|door|car)\b",
    ),
    # Second-language English: "they wait outside the door now".
    _rule(
        "wait waits stand stands",
        r"(?:they|he|she) (?:wait|waits|stand|stands) outside (?:the|my|our) (?:door|room|house"
        r"|flat|window)\b",
    ),
    # Waiting for the house to sleep: "I've got the stuff ready, I'm just waiting for
    # everyone to go to bed".
    _rule(
        "waiting",
        r"waiting for (?:everyone|everybody|them|him|her|the house|my (?:husband|partner|parents"
        r"|family|dad|mum|mom|boyfriend|wife)) to (?:go to bed|fall asleep|be asleep|sleep)\b",
    ),
    # Their words at the door: "'open the door' 'i know ur in there'".
    _rule(
        "know",
        r"i know (?:ur|youre|you are|u r|your) (?:in there|inside|home)\b"
        # "'I know which bunk you're in'".
        r"|i know which (?:\w+ )?(?:bunk|room|flat|house|cabin|tent|car|door|bed|cell) (?:youre"
        r"|you are|ur|u r) in\b",
    ),
    # Said to be coming: "just texted 'on my way to say goodnight'".
    _rule(
        "texted messaged",
        r"(?:he|she|they|just) (?:just )?(?:texted|messaged)(?: me)?:? (?:im )?on my way\b",
    ),
    # Apart from the rest: its open "[a-z]+" is slow to scan for, and "watching" rare.
    _rule("watching", r"[a-z]+(?:'s|'re| is| are) watching me"),
    # On the way to a drop, said now: "walking to the tracks rn".
    _rule(
        "tracks rail railway cliff cliffs gorge quarry",
        r"(?:(?:walking|heading|going|driving) (?:down |out |up )?(?:to|towards)"
        r"|(?:i'?m|i am) (?:at|on|by)) the (?:train tracks|tracks|rail line|railway line|railway"
        r"|cliff|cliffs|gorge|quarry)\b(?! station| bridge| crossing)",
    ),
    _rule(
        "locked broke coming terrified scared afraid shaking panicking call get out over way"
        " drinking drunk high armed raging kids airtag tracker tracking driving banging"
        " standing waiting sitting parked followed outside threatened threatening kill whispered"
        " said says told texted lock locks",
        r"lock(?:ed|s)? me in|broke in"
        r"|coming to get me|(?:i'?m|i am) (?:so )?(?:terrified|scared|afraid|shaking|panicking)"
        r"(?! (?:to|of)\b)|call (?:the )?(?:police|cops|911|999|112)"
        r"|(?:can'?t|cannot) get out|(?<!started )(?<!keeps )(?<!kept )coming over"
        r"|on (?:his|her|their) way|been drinking"
        r"|(?:is|'s|are|'re) (?:drunk|high|armed|raging)|has (?:my|the) kids|took (?:my|the) kids"
        r"|(?:airtag|tracker|tracking device) (?:\w+ ){0,3}?"
        r"(?:with me|on my car|in my (?:bag|car|coat))"
        r"|driving (?:around|past|by)|won'?t stop banging"
        r"|and (?:is|'s) (?:standing|waiting|sitting|parked) (?:outside|across|at|in|by|down)"
        r"|(?<!who )followed me (?:home|here)|waiting (?:outside|for me)|(?:is|'s) outside"
        r"|who (?:do i|should i|to) call"
        r"|(?:whispered|said|says|told me|texted) (?:that )?(?:he|she|they)(?:'ll| will)"
        r" (?:wait|be waiting|get off|follow|find)"
        r"|(?:threatened|threatening) to (?:kill|hurt) me|said he'?(?:d|ll) kill me",
    ),
    # Said without "is": "he standing at the end of my driveway".
    _rule(
        "standing sitting parked waiting watching banging kicking pounding hammering",
        r"(?:he|she|they) (?:standing|sitting|parked|waiting|watching) (?:\w+ ){0,4}?(?:my|our)"
        r" (?:driveway|door|front door|house|flat|building|window|car|street|gate)"
        r"|(?:banging|kicking|pounding|hammering) (?:on |at )?(?:my|our) (?:\w+ )?(?:door|window)",
    ),
    _rule_by_letter(
        "locked",
        r"driver (?:has |just )?locked (?:the|all the) (?:doors|car)",
        r"and (?:has |just )?locked (?:the|all the) (?:doors|car)",
        r"he (?:has |just )?locked (?:the|all the) (?:doors|car)",
        r"they (?:have |just )?locked (?:the|all the) (?:doors|car)",
        # "missed my turn twice, locked the doors & says he knows a shortcut".
        r"locked (?:the|all the) (?:doors|car) (?:and|&|n) (?:says|said|won'?t|is)",
    ),
    _rule_by_letter(
        "pic photo picture video",
        *(
            rf"{who}(?: who[^.!?\n]{{0,40}}?)?(?: just)? (?:sent|texted|messaged) (?:me )?(?:a )?"
            r"(?:pic|photo|picture|video) of my (?:\w+s )?(?:front )?"
            r"(?:door|house|flat|car|window|building|street)"
            for who in ("he", "she", "they", "my ex", "someone", "guy", "man")
        ),
    ),
    # A vehicle waiting at her gate: "now it's parked at the gate with the engine running".
    _rule(
        "parked",
        r"(?:its|it is|hes|he is|theyre|they are|van|vans|van is|car|cars|car is|truck|trucks"
        r"|truck is) (?:now )?parked (?:at|outside|by|across from|opposite) (?:the|my|our)"
        r" (?:gate|door|house|flat|building|drive|driveway)\b",
    ),
    # Without "is", as many speak: "yall he outside my job rn".
    _rule_by_letter(
        "outside downstairs",
        "he",
        "she",
        "they",
        after=r" (?:(?:still|just) )?(?:outside|downstairs) (?:my|our|the) (?:job|work|door|house"
        r"|flat|apartment|building|school|car|window|room)\b",
    ),
    # A threat to be waiting for her: "he'll be there waiting".
    _rule(
        "waiting",
        r"(?:hell|he will|shell|she will|theyll|they will) be (?:there |outside )?waiting\b",
    ),
    # "tonight he broke the lock on my room".
    _rule(
        "broke smashed forced kicked",
        r"(?:he|she|they|someone) (?:just )?(?:broke|smashed|forced|kicked in) (?:the|my) (?:lock"
        r"|door|window)\b",
    ),
    # A vehicle kept at her home now: "a car… has been outside my new place since this
    # morning" (not "four nights this week").
    _rule(
        "car van truck",
        r"(?:a|the|same) (?:\w+ )?(?:car|van|truck)\b[^.!?\n]{0,40}?(?:has been|is|s been)"
        r" (?:parked |sitting )?(?:outside|across from|opposite) (?:my|our) (?:\w+ ){0,3}?(?:since"
        r"|now|right now|all night|for (?:an? )?hours?)\b",
    ),
    # Close behind her: "is now two seats behind me on the 47".
    _rule(
        "behind",
        r"(?:is|are|hes|shes|theyre) (?:now |still )?(?:\w+ ){0,2}?(?:seats?|rows?|steps?|metres"
        r"|meters|feet|yards|cars?) behind (?:me|us)\b",
    ),
)
# Markers that place the story now, anywhere in it.
_NOW = _rx(
    r"\b(?:right now|rn|as we speak|at the moment|currently|as i type|as i write|tonight"
    r"|in (?:\d+|a few|five|ten|fifteen|twenty|thirty|forty) (?:minutes|mins|min)"
    # Second-language English: "since 40 minutes" is "for the last 40 minutes".
    r"|since (?:this morning|this afternoon|this evening|last night|midnight)"
    r"|since (?:\d+|one|two|three|four|five|ten|fifteen|twenty|thirty|forty|an?|half an?)"
    r" (?:minutes?|mins?|hours?)|since \d{1,2}(?::\d\d)?(?: ?(?:am|pm))?\b(?! (?:years?|months?"
    r"|weeks?|days?|yrs)\b)"
    r"|(?:sharing|shared) (?:my )?(?:live )?location"
    r"|help me|please help|someone help|what do i do|what should i do|what can i do)\b"
)
# The writer says the present is safe ("I'm not in danger right now"): markers of now
# elsewhere in the story do not make its fears present.
_SAFE_NOW = _rx(
    r"\b(?:(?:i'?m|i am) (?:not in danger|okay|ok|safe|fine) right now"
    r"|right now (?:i'?m|i am) (?:not in danger|okay|ok|safe|fine)|not in danger right now)\b"
)
# The writer says there is no danger ("nothing dangerous, before anyone worries", "don't
# panic, it's my friend"): the danger rules do not count, nor does the model; the
# self-harm rules still do.
_NO_DANGER = _rule(
    "dangerous danger anyone panic worry lift electrician plumber postman postie courier"
    " delivery gas meter window handyman edit update police locksmith dream dreams nightmare song"
    " lyric lyrics stuck singing sang",
    r"(?:nothing dangerous|(?:i'?m|i am) not in (?:any )?danger|before anyone (?:worries|panics"
    r"|freaks out)|(?:don'?t|do not) (?:panic|worry)[^.!?\n]{0,30}\b(?:it'?s|it is|that'?s)"
    r" (?:just |only )?(?:my|our) (?:friend|mate|dad|mum|mom|brother|sister|cousin|neighbour"
    r"|neighbor|flatmate|roommate|lift|uber|taxi)|(?:he'?s|she'?s|they'?re|it'?s) (?:just )?"
    r"(?:my|our) lift"
    # Someone expected at the door: "it's the electrician the landlord booked".
    r"|(?:it'?s|it is|it was) (?:just |only )?the (?:electrician|plumber|locksmith|postman|postie"
    r"|courier"
    r"|delivery (?:driver|guy|man)|gas (?:man|engineer)|meter reader|window cleaner|handyman)"
    # An update that it is over: "EDIT: it's over — he turned off and I'm home".
    r"|(?:edit|update)\W+(?:it'?s over|(?:i'?m|i am) (?:home|safe|ok|okay|fine)|(?:all )?(?:good"
    r"|fine|ok|safe) now|false alarm|panic over)"
    # "EDIT: police came, he's been taken away, mum and I are at my aunt's. safe now."
    r"|(?:edit|update)\W[^\n]{0,160}?\b(?:safe now|(?:hes|shes|theyve) been (?:taken away|arrested)"
    r"|police (?:came|arrived|are here))"
    # The police are there: "he's back for his stuff. police standing by, it's ok".
    r"|police (?:are |is )?(?:standing by|here with (?:me|him|us)|with me)"
    # A dream, or a song: "he's on the stairs outside my flat - in my dream again".
    r"|in my (?:dream|nightmare) again|(?:it was|just) a (?:bad )?(?:dream|nightmare)"
    # Not "the chorus": members name this bot so.
    r"|listening to (?:this|that|the|a) song|song on repeat|the lyrics?|stuck in my head"
    r"|(?:cant stop|keep) singing|sang (?:it )?(?:back|along))\b",
)


def _match(rule: _Rule, text: str, words: set[str]) -> re.Match[str] | None:
    """The rule's first match in ``text``, looked for only if ``words`` hold one of its own."""
    # Most stories hold none of a rule's words: the scan is spared them.
    anchors, pattern = rule
    return None if anchors.isdisjoint(words) else pattern.search(text)


def _says_no_danger(text: str, words: set[str]) -> bool:
    return _match(_NO_DANGER, text, words) is not None


# Markers that place one sentence now.
_NOW_HERE = _rx(r"\b(?:now|just|please|pls|help)\b")
# A wish narrowed to a place in its own sentence: "i dont want to be here anymore full
# stop meaning this flat".
_NARROWED = (
    r"(?:meaning|i mean) (?:this|the|my) (?:flat|house|job|place|town|city|school|group"
    r"|channel|server|country|area)"
)
# A past frame, a negation, or a hypothetical in the same sentence takes it out.
_PAST_OR_SAFE = _rx(
    r"\b(?:years? ago|yrs ago|months? ago|weeks? ago|back then|at the time|at my lowest|used to"
    r"|once(?! (?:he|she|they|i|we|you|it|the|my|his|her|their|everyone|again)\b)"
    r"|(?:is|are|s|re) (?:now |still )?(?:in (?:prison|jail)|locked up|behind bars)"
    r"|when i was|at (?:the age of )?(?:1[0-9]|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen)(?! (?:minutes|mins|hours|floors|stories|storeys|pills)\b)"
    r"|(?:thats|that is|that was) what i (?:wrote|said|thought|told|felt)|in my (?:old )?diary"
    # Not "a man I had on my wing": a relative clause tells no past.
    r"|i was\b(?! (?:dead|gone))|(?<!man )(?<!guy )(?<!one )(?<!boy )i had|had been"
    r"|i (?:truly |really |honestly |genuinely |actually |seriously )?(?:believed|thought|felt)"
    # "When Bernard died I thought I couldn't go on"; "before, with my first employer".
    r"|when (?:my )?\w+ died|^before,|with my (?:first|old|previous|former|last)"
    r" (?:employer|boss|husband|partner|job|family)"
    r"|would have|back when|in (?:college|high school|school|uni|university|my teens|my twenties)"
    r"|as a (?:teen|teenager|kid|child)|growing up|when i was younger|been clean|clean for"
    r"|free (?:from|of)"
    # "3 years clean from self harm today", not "14 months clean and the blade's out".
    r"|\d+ (?:years?|months?|weeks?|days?) clean(?![^.!?\n]*\b(?:and|but) (?:the|tonight|now"
    r"|its|i just|ive just)\b)"
    r"|(?:in|from) (?:19|20)\d\d|last (?:year|month|summer|winter|spring|autumn|fall)|that night"
    r"|i remember|there was a time|(?:i'?m|i am) not (?:going|gonna) to"
    r"|(?:i'?m|i am) not (?:suicidal|in danger)|and (?:im|i am) safe\b|usually|normally"
    rf"|{_NARROWED}\b"
    r"|i (?:would|will|'d) never|i won'?t (?:hurt|kill|do anything|act)|not anymore"
    r"|no longer (?:want|feel|suicidal)|(?:i'?m|i am) (?:safe|okay|ok|fine|better) now"
    # "if anyone wants my tablet" offers, it does not suppose.
    r"|that was|therapy|helped me|survived|if you|if someone|if anyone(?! (?:wants|needs))"
    r"|if (?:he'?s|she'?s|they'?re|he|she|they|my|someone|a|an|the|some|i ever)|in case"
    # "if this bus is late again", not "if this is normal".
    r"|if (?:this|that) \w+ (?:is|keeps|does|gets|goes|happens)"
    # Someone else's danger, told by the writer: "my sister just texted that a man…".
    r"|my (?:sister|friend|best friend|mum|mom|mother|daughter|cousin|flatmate|roommate"
    r"|colleague|coworker) (?:just )?(?:texted|messaged|called|rang|told me)"
    # Someone else's danger, over: "she is in hospital now and safe".
    r"|(?:she|he|they)(?: is| are|'s|'re) (?:now |in (?:the )?hospital (?:now )?)?(?:and )?"
    r"(?:safe|stable)"
    r"|what if|if (?:\w+ ){0,6}?one more (?:time|\w+)"
    r"|years later|a safe place"
    # A song sung, not a plan: "can't stop singing 'tonight I'm gonna end it all'".
    r"|(?:cant stop|keep|been) singing"
    # "Called my sponsor instead, she's on her way over".
    r"|called (?:my|a) (?:sponsor|friend|sister|mum|mom|mate|therapist|counsellor|counselor"
    r"|helpline|crisis line) instead"
    # "…but the police moved him on".
    r"|police (?:moved|took|removed|escorted|arrested) (?:him|her|them)"
    r"|until (?:he|she|they|my \w+|the (?:police|cops|\w+)) (?:left|went|came|arrived|got (?:there"
    r"|here|home))"
    r"|every (?:day|night|week|weekend|morning|evening|time)|always"
    # What happens whenever: "if i come home late, hes in the hallway", "most evenings".
    r"|when i (?:come|get|go|leave|arrive)|if i (?:come|get) (?:home|back|in)"
    r"|(?:most|some) (?:days|nights|evenings|mornings|afternoons|weekends)"
    r"|when (?:he|she|they)(?: is| are|s|re) (?:in|at|around|near|home|over)"
    r"|the movie|the film|the show|the book|(?:film|movie|book|show|series) recs?\b"
    # "i'm ending it tonight, the channel i mean, not me".
    r"|i mean,? not me"
    r"|my friend was|she was|he was|since i last"
    # Someone else's wish: "she'd been thinking about ending it", "she's been thinking".
    r"|(?:shed|hed|theyd|she had|he had|they had|shes|hes|theyve|she has|he has|they have)"
    r" been (?:thinking|planning|talking)"
    # An anniversary: "five years today since the night I tried".
    r"|(?:years?|months?) (?:today |now )?since"
    r"|i (?:have not|havent|have never|ve never) (?:hurt|cut|harmed|self))\b|\(past\)",
)
# Words that place a story now or in what the writer means to do. A story told
# wholly in the past ("he followed me from the station to my door") holds none, and
# a bag of words cannot tell its tense: the model does not read it.
_PRESENT_WORDS = frozenset(
    ["now", "tonight", "rn", "currently", "right", "still", "here", "today", "minutes",
     "hour", "hours", "please", "help", "im", "am", "is", "are", "hes", "shes", "theyre",
     "keeps", "keep", "going", "gonna", "wont", "cant", "want", "wanna", "will", "ill",
     "ready", "can", "have", "need", "do", "dont", "know", "think", "goodbye", "last",
     "tomorrow", "tonights"]
)  # fmt: skip
# The writer says they are safe or mean no harm ("I'm safe", "I'm not going to hurt
# myself"): the model never overrules that, though the rules may.
# Each branch opens with a letter, not a look-around: re skips to those letters quickly.
_SAYS_SAFE = _rx(
    r"i(?<![a-z0-9]i)(?:(?:'?m| am) (?:safe\b|(?:okay|ok|fine|better) now"
    r"|not (?:going|gonna) to (?:hurt|kill|harm|do)|not suicidal)"
    r"|(?: would| will|'?d) never (?:hurt|kill|harm|do)| won'?t (?:hurt|kill|harm|do anything)"
    r"| (?:don'?t|do not|no longer) want to die(?: any ?more)?\b"
    # "ending it tonight, the channel I mean, not me".
    r"| mean,? not me\b)"
    r"|a(?<![a-z0-9]a) safe place"
    r"|i(?<![a-z0-9]i)(?:'?m| am) in a good place"
)
# A short sentence that walks back the wish before it: "i cant do this anymore. the
# dating apps, i mean." or "i dont plan to wake up tomorrow. before noon, that is." Not
# "…life, i mean", and never a danger: "hes outside. my ex, i mean." The model does not
# read a story that walks a wish back either. A sentence that opens by narrowing it ("i
# mean this job") walks it back too.
_WALKS_BACK = _rx(
    rf"{_NARROWED}\b"
    r"|(?![^,.!?\n]*\b(?:life|living|alive|everything|all of it|any of it|me|myself|being here"
    r"|existing|pain|hurt|hurting|suffering|thoughts|voices)\b)[^,.!?\n]{1,40}, (?:i mean"
    r"|that is)\W*$"
)
# A wish refused in the next sentence: "some days I want to walk into the sea. I won't,
# I've got respite booked".
_WISH = _rx(
    r"\b(?:want to|wanna|feel like|wish i|tempted to|would notice|better off|(?:thinking|think)"
    r" (?:id|i would|i might|about))\b"
)
_WONT = _rx(
    r"i (?:wont|will not|wouldnt|would never)(?:[.!]*$|,? (?:though|of course|obviously)\b"
    r"|, (?:ive got|i have|because|cos|coz|im|i am|i love|ill)\b)"
    # "…nobody would notice if I disappeared. Not going to do anything, it's just a thought".
    r"|(?:im |i am )?not (?:going to|gonna) do anything\b"
)
_NARROWED_RX = _rx(rf"\b{_NARROWED}\b")
_SENTENCE = re.compile(r"[^.!?\n;]+[.!?\n;]*")
_WORD = re.compile(r"[a-z0-9]+")


def _walked_back(sentence: str, following: str) -> bool:
    """Whether ``following``, the next sentence, walks back what ``sentence`` says."""
    return _WALKS_BACK.match(following) is not None or (
        _WONT.match(following) is not None and _WISH.search(sentence) is not None
    )


def _walks_back(text: str) -> bool:
    """Whether ``text`` walks a wish back: narrowed to a place, or in the next sentence."""
    if ("meaning " in text or "i mean " in text) and _NARROWED_RX.search(text):
        return True
    if not (
        ", i mean" in text
        or ", that is" in text
        or "i wont" in text
        or "i will not" in text
        or "do anything" in text
    ):
        return False
    sentences = [m.group(0).strip() for m in _SENTENCE.finditer(text)]
    return any(_walked_back(a, b) for a, b in pairwise(sentences))


# Chat drops the g of "-ing" ("hidin in the wardrobe", "hes standin outside"): these
# words, the ones the rules and the model read danger and intent in, are spelt in full.
# None of them without its g is another word.
_ING_WORDS = (
    "banging begging bleeding breaking breathing buzzing calling carrying chasing checking"
    " choking circling cleaning coming counting creeping crying cutting doing drinking driving"
    " dying ending feeling following getting giving going grabbing hammering hanging hiding"
    " hitting holding hurting jiggling kicking killing knocking leaving living loading looking"
    " losing lurking messaging nothing panicking parking planning pointing pounding praying"
    " pulling pushing rattling running saying screaming shaking shouting sitting sleeping"
    " smashing something stalking standing starting stopping swallowing tailing taking talking"
    " telling texting thinking threatening tracking trying turning waiting waking walking"
    " watching waving yanking yelling"
)
_DROPPED_G_FORMS = frozenset(word[:-1] for word in _ING_WORDS.split())
_DROPPED_G = _rx(rf"\b(?:{'|'.join(sorted(_DROPPED_G_FORMS))})\b")


# A goodbye whose ordinary reason came just before it ("…before we move to the coast.
# Goodbye all"); a reason after it is read by the goodbye rule itself.
_GOODBYE_AFTER_REASON = _rx(
    r"(\b(?:mov(?:e|ing) (?:to|back|house|abroad|away|out|schools?|cities|countries)"
    rf"|{_REASON_TO_GO})[^\n]{{0,120}}?)"
    r"\b(?:goodbye|bye) (?:everyone|all|forever)\b"
)


# A scene told as if now, then placed in the past: "So I'm standing on the roof… That was
# me three years ago." Without "me" ("…that was 2 yrs ago"), only when nothing before it
# places the story now: "he's outside right now; last time, that was years ago" is not.
_TOLD_AS_PAST = _rx(
    r"^[\s\S]*?\b(?:that was (me )?(?:\w+ ){0,3}?(?:years?|yrs|months?) ago"
    # "a sergeant told me I'd be better off dead. Eleven years later I'm a Warrant Officer".
    r"|(?:\w+ )(?:years?|yrs|months?) later"
    # "…better off dead than 'used'. That was 2009."
    r"|that was (?:in )?(?:19|20)\d\d)\b"
)


def _read(text: str) -> tuple[str, list[str]]:
    """The text as the rules read it, and its words.

    Lowercased, without apostrophes or dropped g's, figures of speech blanked. A scene
    later placed in the past is cut from the text only: the words keep it, as a model
    reading what follows alone ("and I'm still here") would lose the context.
    """
    text = text.lower().replace("’", "").replace("'", "")
    words = _WORD.findall(text)
    # Most stories drop no g: a look at their words spares them the slower replacement.
    changed = False
    if not _DROPPED_G_FORMS.isdisjoint(words):
        text = _DROPPED_G.sub(r"\g<0>g", text)
        changed = True
    # Every figure of speech holds one of these; most stories hold none.
    if any(word in text for word in _FIGURE_WORDS) and _FIGURES.search(text):
        text = _FIGURES.sub(" ", text)
        changed = True
    if "bye" in text and _GOODBYE_AFTER_REASON.search(text):
        text = _GOODBYE_AFTER_REASON.sub(r"\1 ", text)
        changed = True
    if changed:
        words = _WORD.findall(text)
    told = _TOLD_AS_PAST.search(text) if "that was" in text or "later" in text else None
    if told and (told.group(1) or not _NOW.search(told.group(0))):
        text = " " + text[told.end() :]
    return text, words


# Rules that do not need the present placed by the story (_DANGER_IF_NOW does).
_CERTAIN: tuple[_Rule, ...] = (*_SELF_HARM, *_DANGER, _DANGER_NAMED)


class _Index(NamedTuple):
    """For each word, the patterns of the rules that hold it."""

    # The same words as a set: intersecting with a frozenset is several times
    # cheaper than with the dictionary.
    words: frozenset[str]
    patterns: dict[str, tuple[re.Pattern[str], ...]]


def _index(rules: tuple[_Rule, ...]) -> _Index:
    index: dict[str, list[re.Pattern[str]]] = {}
    for anchors, rx in rules:
        for word in anchors:
            index.setdefault(word, []).append(rx)
    return _Index(frozenset(index), {word: tuple(patterns) for word, patterns in index.items()})


# Rules whose matches run across two sentences; the past and the hypothetical are looked
# for in the match itself.
_ACROSS_SENTENCES: tuple[_Rule, ...] = (
    # A cover story, then its denial: "told her it was for a holiday. it isnt".
    _rule(
        "told",
        r"told (?:her|him|them|my \w+|everyone|people) (?:it was|it'?s|i'?m|i was|that i'?m"
        r"|that it was) (?:just |only )?(?:going away|away|for a (?:while|holiday|bit|trip"
        r"|few \w+|week|weekend|day|night)|for the (?:afternoon|evening|night|weekend|week|day)"
        r"|on (?:holiday|a trip))[^.!?\n]{0,30}[.!?]+ +(?:it isn'?t|it is not|it'?s not"
        r"|it wasn'?t|i'?m not|i am not|i won'?t be)\b(?! sure| yet| really| quite)",
    ),
    # "in the garage. car running. doors shut."
    _rule(
        "garage",
        rf"{_OPENS_SENTENCE}(?:(?:im|i am|sitting|sat|im sat|im sitting) )?(?:in (?:the|my) car )?"
        r"in (?:the|my) garage\b"
        r"[^\n]{0,40}?\b(?:car|engine)(?: is|s)? (?:running|on)\b",
    ),
    # "hes back. upstairs. please help".
    _rule_by_letter(
        "back",
        "hes back",
        "he is back",
        "shes back",
        "she is back",
        "theyre back",
        "they are back",
        after=r"(?: again)?(?:[.!,]+ ?|[.!,]*\s*\n[\d:. ]*)(?:(?:hes|shes) |(?:he|she) is )?"
        r"(?:upstairs|downstairs|outside|inside|in the house|at the door|in the hall"
        r"|key in the (?:lock|door)|got (?:the|a|my) (?:spare )?keys?)\b",
    ),
    # "i won't be there monday. and not because of a sick day"; "tonight's the last one.
    # sorry x".
    _rule(
        "wont sorry",
        r"(?:wont|will not) be (?:there|here|in|around)\b[^.!?\n]{0,20}[.!?]+ *(?:and )?not"
        r" because of (?:a |the )?(?:sick|holiday|leave|day off)"
        r"|tonight(?: is|s) the last (?:one|night)[.!, ]+ ?sorry\b",
    ),
    # "Sgt has switched the radio off and pulled into the old quarry".
    _rule(
        "radio",
        r"(?:switched|turned) (?:the|his|her) radio off\b[^\n]{0,60}?\b(?:pulled|parked)"
        r" (?:us )?(?:up|in|into|onto|off)"
        r"|(?:pulled|parked) (?:us )?(?:up|in|into|onto|off)\b[^\n]{0,80}?\b(?:switched|turned)"
        r" (?:the|his|her) radio off",
    ),
    # Verbless, then a goodbye: "bridge. sorry mam".
    _rule(
        "bridge cliff cliffs roof ledge",
        rf"{_OPENS_SENTENCE}(?:on the |at the )?(?:bridge|cliff|cliffs|roof|ledge)[.!]+ ?(?:sorry"
        r"|bye|goodbye|love you|this is it)\b",
    ),
    # What a whole box would do: "if someone took a whole box of paracetamol how long would
    # it take"; "what happens if you take the whole bottle with the wine. nobody's home".
    # Matched from the pills on, as "if you" would read as a supposition.
    _rule(
        "whole entire",
        r"(?:take|took|taking|swallow|swallowed) (?:a|the) (?:whole|entire) (?:box|bottle"
        r"|packet|pack|strip|tub)\b[^.?\n]{0,50}?\b(?:how long|what happens|would it|will it"
        r"|would i|will i|nobodys home)",
    ),
    # "how long does it take if you take a whole packet…": the match stops before "if you",
    # which would read as a supposition.
    _rule_by_letter(
        "whole entire",
        "how long",
        after=r" (?:does|would|will) it take(?= if (?:you|i|u) (?:take|swallow) (?:a|the)"
        r" (?:whole|entire) (?:box|bottle|packet|pack|strip|tub)\b)",
    ),
    _rule(
        "whole entire",
        r"(?:(?<=what happens if you )|(?<=what happens if i )|(?<=what happens if u ))(?:take"
        r"|swallow) (?:a|the) (?:whole|entire) (?:box|bottle|packet|pack|strip|tub)\b"
        r"[^\n]{0,80}?\b(?:nobodys home|alone|tonight|before)",
    ),
    # In, and the writer hiding: "she got back in. im in the wardrobe"; "he's in. bathroom
    # door's giving way".
    _rule_by_letter(
        "wardrobe closet bathroom cupboard attic loft toilet shed hiding under locked giving",
        "hes",
        "shes",
        "theyre",
        "he",
        "she",
        "they",
        after=r"(?: got| is| are| s)?(?: back)? in[.!]+ ?(?:(?:im|i am) (?:in the (?:wardrobe"
        r"|closet|bathroom|cupboard|attic|loft|toilet|shed)|hiding|under|locked)"
        r"|\w+ doors? (?:s |is )?giving way)",
    ),
    # A question of when someone would be missed: "how many hours before anyone notices if
    # someone doesn't come down for breakfast? asking because i won't be coming down".
    _rule(
        "asking",
        r"(?:notice|notices|noticed|realise|realises|realize|realizes|find|finds)\b[^?\n]{0,80}"
        r"\?\s*asking because (?:i|im)\b",
    ),
    # "good news: I won't have to sit through my review on friday. bad news: the reason why".
    _rule(
        "news",
        r"good news\W+(?:is )?i (?:wont|will not|dont) (?:have to|need to)\b[^\n]{0,100}?\bbad"
        r" news\W+(?:is )?(?:the reason|how i got out of it|why)\b",
    ),
    # Verbless, then why: "in the closet. he's home early".
    _rule(
        "closet wardrobe cupboard",
        rf"{_OPENS_SENTENCE}(?:hiding )?in the (?:closet|wardrobe|cupboard|attic)[.!,]+ ?(?:hes"
        r"|shes|theyre) (?:home|here|back)\b",
    ),
    # Asking for a friend who is the writer, with a way to die named before.
    _rule(
        "roof edge bridge ledge pills overdose tablets",
        r"(?:roof|edge|bridge|ledge|pills|overdose|tablets)\b[^\n]{0,150}?\b(?:the|my) friend is"
        r" me\b",
    ),
    # Thinking of the means, now: "keep thinking about just. not braking", "been thinking
    # about the bridge pillar for three nights". Someone else's ("she's been thinking…")
    # is matched whole, for the past and others' words to be found in it.
    _rule_by_letter(
        "thinking",
        "keep thinking",
        "been thinking",
        "cant stop thinking",
        "im thinking",
        "i am thinking",
        *(f"{who} been thinking" for who in ("shes", "hes", "she has", "he has")),
        after=r" about (?:just\W+)?(?:the (?:bridge pillar|pillar|overpass|tracks|railway line"
        r"|ledge)\b|not brak(?:e|ing)|(?:driving|steering|swerving) (?:into|off)"
        r"|letting go of the wheel)",
    ),
    # A rope, then what it will hang from: "i have the rope. the chair is ready".
    _rule(
        "chair",
        r"(?:rope|noose)\b[^\n]{0,60}?\bthe (?:chair|stool)(?:'s| is)? (?:ready|in place|set up"
        r"|under it)",
    ),
    # "cut agian tonite, not stoping this time"; "blade's out of the sharpener. not stopping
    # this time".
    _rule(
        "stopping stoping",
        r"(?:cut|cutting|pills|tablets|blade|blades|razor)\b[^.!?\n]{0,30}[.!?]* *not stopp?ing"
        r" this time"
        r"|not stopp?ing this time\b[^.!?\n]{0,30}\b(?:cut|cutting|pills|tablets|blade|blades"
        r"|razor)\b",
    ),
    # A pet boarded, never to be fetched: "booked the dog into kennels… I won't be picking
    # him up".
    _rule(
        "picking collecting",
        r"(?:kennels?|cattery|boarding|sitter)\b[^\n]{0,150}?\bi (?:wont|will not) be (?:picking"
        r"|collecting) (?:him|her|them|it) up\b",
    ),
    # The means, then the time: "sorted my mother's old prescription bottles. It's tonight.";
    # "putting aside my pain meds… I'll be gone before then".
    _rule(
        "pills tablets meds prescription bottles patches painkillers",
        r"(?:pills|tablets|meds|prescription|bottles|patches|painkillers)\b[^\n]{0,150}?"
        r"(?:[.!] (?:its|it is|its going to be|it will be) tonight\W*$"
        # "Shift ends at 10, home by half past and that's when."
        r"|\band thats when\W*(?:$|[.!])"
        r"|\b(?:ill|i will) be gone (?:before|by) (?:then|morning|the morning|tomorrow|tonight"
        r"|\w+day)\b)",
    ),
    # High up, and not coming back: "I'm on the roof… I'm not climbing back over the rail";
    # "up on the scaffold on level nine… going to step off".
    _rule_by_letter(
        "rail railing railings roof rooftop ledge edge bridge balcony floor scaffold crane parapet"
        " cliff cliffs quarry",
        # "rail" and "roof" open "railing" and "rooftop" too.
        "rail",
        "roof",
        "ledge",
        "edge",
        "bridge",
        "balcony",
        "floor",
        "scaffold",
        "crane",
        "parapet",
        "cliff",
        "quarry",
        after=r"[^\n]{0,150}?\b(?:(?:im|i am) not (?:climbing|coming|stepping|getting|going)"
        r" back (?:over|down|in|inside)\b|(?:going to|gonna|about to) step off\b"
        # "…the cliffs… This time I'm not driving back."
        r"|(?:im|i am) not (?:driving|climbing) back(?: down| up)?(?=\W*(?:$|[.!\n])))",
    ),
    # The means, then all of it: "sat in the station with his old pills and when the last
    # train goes I'm taking the lot".
    _rule(
        "pills tablets bottle bottles script meds paracetamol",
        r"(?:pills|tablets|bottles?|script|meds|paracetamol)\b[^\n]{0,120}?\b(?:im|i am|ill|i will)"
        r" (?:taking|having|swallowing|take|have|swallow) the lot\b",
    ),
    # A poison, then "I will drink it".
    _rule(
        "bleach antifreeze drain weedkiller weed paraquat pesticide",
        r"(?:bleach|antifreeze|drain cleaner|weedkiller|weed killer|paraquat|pesticide)\b[^\n]"
        r"{0,100}?\b(?:ill|i will|im going to|gonna|going to|about to) drink (?:it|the lot|all of"
        r" it)\b",
    ),
    # "Garage door's shut and the engine's on."
    _rule(
        "garage",
        r"garage (?:doors? )?(?:is |s )?(?:shut|closed|down)\b[^\n]{0,60}?\bengine(?: is|s)?"
        r" (?:on|running|going)\b",
    ),
    # After a death, joining them: "Oona died twenty years ago… I'm going to be with her
    # tonight."
    _rule(
        "with",
        r"(?:died|death|passed|took (?:her|his|their) own life)\b[^\n]{0,200}?\b(?:im|i am)"
        r" going to be with (?:her|him|them) (?:tonight|today|soon|now)\b",
    ),
    # A gun taken out, then "it's in my lap".
    _rule(
        "lap",
        r"(?:gun|weapon|pistol|revolver|rifle|shotgun)\b[^\n]{0,80}?\b(?:its|it is) (?:now )?in my"
        r" (?:lap|hand|hands|mouth)\b",
    ),
    # The means, then the mind made up: "pushed every one of them out into a cup… I've made
    # up my mind."
    _rule(
        "mind decided",
        r"(?:pills|tablets|meds|blister|rope|blade|blades|gun)\b[^\n]{0,200}?\b(?:ive|i have)"
        r" (?:already )?(?:made up my mind|decided)\W*$",
    ),
    # Someone else's medicine, then "I'll use them myself".
    _rule(
        "pills tablets patches meds medication morphine insulin painkillers supply",
        r"(?:pills|tablets|patches|meds|medication|morphine|insulin|painkillers|supply)\b"
        r"[^\n]{0,200}?\b(?:ill|i will|im going to|gonna|then) (?:use|take|swallow) (?:them"
        r"|those|the lot|the rest)(?: all)? (?:on )?myself\b",
    ),
    # A threat just received: "he's just texted me: 'I'll be waiting when you finish'".
    _rule_by_letter(
        "waiting",
        "just",
        after=r" (?:\w+ ){0,4}?(?:texted|messaged|sent|said|told me|wrote|rang)\b[^\n]{0,120}?"
        r"\b(?:ill|i will) be waiting (?:for you )?(?:when|after|outside|at|by|in)\b",
    ),
    # After others' deaths: "another one of us gone this month… I'm going to be next".
    _rule_by_letter(
        "next",
        "gone",
        "died",
        "suicide",
        "took her",
        "took his",
        "took their",
        "funeral",
        "sorry business",
        after=r"\b[^\n]{0,300}?\b(?:im|i am|ill|i will) (?:going to |gonna )?be (?:the )?next\b",
    ),
    # A height or a line named, then going there now: "theres a bridge over the motorway…
    # im heading there now"; "a level crossing… I'm stopping the car there".
    _rule(
        "bridge overpass roof rooftop tracks cliff cliffs ledge river harbour harbor pier quarry"
        " crossing railway",
        r"(?:bridge|overpass|roof|rooftop|tracks|cliff|cliffs|ledge|river|harbour|harbor|pier"
        r"|quarry|crossing|railway)\b[^\n]{0,200}?\b(?:im|i am) (?:(?:heading|going|walking"
        r"|driving) (?:up |over |down )?there (?:now|tonight|rn)|(?:stopping|parking|leaving)"
        r" (?:the|my) car (?:there|on (?:it|them|the tracks|the crossing)))\b",
    ),
    # A last apology to family, after the means or a height: "23rd floor… Sorry Nanay".
    _rule_by_letter(
        "roof rooftop floor bridge tree tracks pills tablets rope cord ledge cliff river",
        "roof",
        "floor",
        "bridge",
        "tree",
        "tracks",
        "pills",
        "tablets",
        "rope",
        "cord",
        "ledge",
        "cliff",
        "river",
        after=r"[^\n]{0,300}?\bsorry,? (?:mum|mom|mam|ma|mama|nanay|nana|nan|gran|granny|dad|papa"
        r"|amma|nani)\W*$",
    ),
)


def _found_across_sentences(text: str, words: set[str]) -> bool:
    for rule in _ACROSS_SENTENCES:
        found = _match(rule, text, words)
        if found is not None and not _PAST_OR_SAFE.search(found.group(0)):
            return True
    return False


_CERTAIN_INDEX = _index(_CERTAIN)
_SELF_HARM_PATTERNS = frozenset(rx for _, rx in _SELF_HARM)
_IF_NOW_INDEX = _index(_DANGER_IF_NOW)


def _candidates(index: _Index, words: set[str]) -> list[re.Pattern[str]]:
    """The patterns of the rules whose words occur, each once."""
    found: dict[re.Pattern[str], None] = {}
    patterns = index.patterns
    for word in words & index.words:
        found.update(dict.fromkeys(patterns[word]))
    return list(found)


def _rules_find(text: str, words: set[str]) -> bool:
    if _found_across_sentences(text, words):
        return True
    certain = _candidates(_CERTAIN_INDEX, words)

    if_now = _candidates(_IF_NOW_INDEX, words)
    # Most stories match no rule: the text-wide markers of now are looked for only
    # once a rule that needs them has matched.
    now: bool | None = None

    def placed_now(part: str) -> bool:
        nonlocal now
        if now is None:
            now = bool(_NOW.search(text)) and not _SAFE_NOW.search(text)
        return now or _NOW_HERE.search(part) is not None

    # One pass over the whole text first: most stories match nothing.
    if not (
        any(rx.search(text) for rx in certain)
        or (any(rx.search(text) for rx in if_now) and placed_now(text))
    ):
        return False
    if _says_no_danger(text, words):
        certain = [rx for rx in certain if rx in _SELF_HARM_PATTERNS]
        if_now = []
    sentences = [m.group(0).strip() for m in _SENTENCE.finditer(text)]
    for k, sentence in enumerate(sentences):
        if _PAST_OR_SAFE.search(sentence):
            continue
        walked_back = k + 1 < len(sentences) and _walked_back(sentence, sentences[k + 1])
        if any(
            rx.search(sentence) for rx in certain if not (walked_back and rx in _SELF_HARM_PATTERNS)
        ):
            return True
        if any(rx.search(sentence) for rx in if_now) and placed_now(sentence):
            return True
    return False


@dataclass(frozen=True)
class Reading:
    """How crisis detection reads a text, for the bot and for training alike."""

    # The words in order: lowercased, apostrophes dropped, dropped g's spelt in full,
    # figures of speech blanked.
    words: list[str]
    # Whether the rules alone find danger now or current self-harm intent.
    by_rules: bool
    # Whether the model may flag it: long enough, placed now, not said to be safe.
    open_to_model: bool


def reading(text: str) -> Reading:
    """Read ``text`` once for the rules and the model."""
    # Patterns are written in lowercase; matching a lowercased copy is faster than
    # case-insensitive matching.
    read, found = _read(text)
    words = set(found)
    return Reading(
        found,
        _rules_find(read, words),
        len(found) >= crisis_model.MIN_WORDS
        and not _PRESENT_WORDS.isdisjoint(words)
        and not _SAYS_SAFE.search(read)
        and not _walks_back(read)
        and not _says_no_danger(read, words),
    )


def is_crisis(text: str) -> bool:
    """True when the story describes danger now or current self-harm intent.

    The rules decide first; the model (``bot.core.crisis_model``) reads what they
    were not written for.
    """
    read = reading(text)
    return read.by_rules or (read.open_to_model and crisis_model.reads_as_crisis(read.words))
