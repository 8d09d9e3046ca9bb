"""Venues and businesses written in lowercase: "the crooked spoon bar", "at the red lion".

Capitalised names are found by ``_names``; chat-style text drops the capitals, so
here a name is recognised by its shape instead:

- after "the" or a word that places someone ("at", "in", "outside"...), ordinary
  words followed by a venue or business word ("at kestrel dynamics", "the copper
  kettle cafe"), unless they only describe the venue ("the hotel bar", "at my
  local pub", "in the bus station");
- the classic pub pattern "the <colour or title> <emblem>" ("the golden fleece",
  "the white hart") and "the <emblem> and <emblem>" ("the rose and crown"),
  only after a word that places someone there ("at", "in", "outside"...).
"""

from __future__ import annotations

import re

from bot.core.redaction._contact import Span
from bot.core.redaction._lexicon import EMPLOYER_VERBS

_VENUE_WORDS = (
    r"pub|bar|inn|arms|tavern|taproom|alehouse|club|nightclub|lounge|cafe|café|diner"
    r"|grill|bistro|brasserie|trattoria|pizzeria|kitchen|restaurant|canteen|bakery|brewery"
    r"|burger|burgers|pizza|deli|ramen|sushi|tacos|noodles"
    r"|hotel|motel|hostel|gym|fitness|salon|spa|studio|studios|cinema|theatre|theater"
    r"|academy|college|school|high|university|institute|hospital|clinic|surgery|pharmacy"
    r"|church|chapel|mosque|temple|synagogue|mall|market|plaza|supermarket|station|stadium"
    r"|arena|park|library|dynamics|logistics|solutions|systems|technologies|labs|consulting"
    r"|partners|associates|holdings|industries|enterprises|ventures|capital|analytics"
    r"|software|media|motors|insurance|ltd|inc|llc|llp|plc"
)


def _wordset(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Words after which a name starts afresh: "the party at [the red lion] pub".
_FUNCTION = _wordset(
    """
    a an the my our your his her their its this that these those some any every each one
    and or of in at on to for with from by near outside inside into as than then
    i me you he him she it we us they them was were is are be been being had has have
    """
)
# Words that describe a venue rather than name it; a run made only of these is generic.
_GENERIC = _FUNCTION | _wordset(
    """
    whole entire very same other another only nearest closest next last first new old
    little big small tiny huge local nearby corner main central downtown uptown
    neighbourhood neighborhood
    back front top bottom side end upstairs downstairs outdoor indoor usual regular
    hotel motel campus college school uni university student office work company staff
    sports sport cocktail wine beer whisky karaoke gay lesbian queer dive strip night
    late all-night 24-hour rooftop hipster fancy posh cheap nice busy quiet loud crowded
    packed dingy grimy empty dark trendy popular favourite favorite open
    bus train tube metro subway police fire gas petrol service railway coach ferry
    charging radio power space airport hospital medical health dental eye walk-in urgent
    emergency care day children's general teaching psychiatric mental maternity sexual
    fertility abortion family planning free high middle primary secondary elementary
    junior senior grammar private public state catholic christian muslim jewish
    community village town city county national summer sunday weekend evening
    grad law med nursing business art film drama cooking language ballet dance music
    swim swimming flight driving boarding theme water trampoline retail industrial
    science coffee tea juice pizza burger sushi taco noodle kebab chicken fast food
    breakfast hookah shisha gaming arcade bowling pool snooker golf tennis boxing
    climbing yoga pilates jazz comedy piano book chess running walking hiking cycling
    reading knitting youth country football soccer rugby cricket hockey netball rowing
    sailing ski fight recording tattoo photo hair nail beauty tanning farmers flea
    christmas street fish meat super irish english italian chinese indian thai mexican
    french greek turkish japanese korean vietnamese american british chain franchise
    grocery convenience department outlet shopping car parking trailer caravan skate
    amusement dog fun strip-club
    """
)
_NAME_WORD = r"[a-z][a-z'’-]+"
_PLACING = r"(?:at|in|to|from|outside|inside|into|near|behind|by|round|around|of)"
_LOWER_VENUE = re.compile(
    rf"\b(?:{_PLACING} (?:the )?|the )((?:{_NAME_WORD} ){{1,3}}?)(?:{_VENUE_WORDS})\b(?!['’]s)",
)
# "a cook job at marrow & fig": two words joined by "&" where someone works or eats.
_AMPERSAND_VENUE = re.compile(
    rf"\b(?:{'|'.join(sorted(EMPLOYER_VERBS))}) (?:at|for) ({_NAME_WORD} & {_NAME_WORD})\b"
)
_PUB_FIRST = (
    r"red|white|black|golden|green|blue|grey|gray|silver|royal|old|kings?|queens?|king's"
    r"|queen's|bishop's|nag's|saracen's|dog and|three|two|seven|crooked|jolly|merry|rising"
    r"|running|flying|spotted|dun|pied|blind|laughing|wild|fighting"
)
_PUB_EMBLEM = (
    r"lion|hart|horse|swan|bull|stag|bear|crown|oak|anchor|fleece|plough|plow|ship|bell|star"
    r"|sun|moon|eagle|falcon|hound|hounds|fox|hare|head|tap|tun|barrel|kettle|spoon|cow|dog"
    r"|duck|goose|pig|boar|ram|lamb|flag|feathers|rose|cross|keys|harp|mitre|chequers"
    r"|wheatsheaf|greyhound|dragon|unicorn|griffin|pheasant|partridge|cock|hen|owl|raven"
    r"|crow|cat|fiddle|drum|compass|castle|tower|mill|sheaf|thistle|shamrock|bugle|horn"
)
_PUB_NAME = (
    rf"the (?:(?:{_PUB_FIRST}) (?:{_PUB_EMBLEM})|(?:{_PUB_EMBLEM}) (?:and|&) (?:{_PUB_EMBLEM}))"
)
_PUB = re.compile(rf"\b{_PLACING} ({_PUB_NAME})\b")
# The pub name alone opens with a fixed word, which re finds much faster than the
# openings of _PUB: looking for it first spares nearly every story that scan.
_BARE_PUB_NAME = re.compile(rf"{_PUB_NAME}\b")


# Streets named in lowercase: "on elm street", "down oxford road". "Way", "drive" and
# "close" are left out: "on the way", "a long drive" are too common. The street word
# is found first (rare in prose), then the words before it are checked.
# The street word is looked for with the space before it: re then skips from space to
# space, and words merely ending in "st" or "rd" ("first", "word") are never matched.
_STREET_WORD = re.compile(
    r" (?:street|road|avenue|lane|boulevard|crescent|terrace|parkway|st|rd|ave|blvd)\b"
)
_BEFORE_STREET = re.compile(
    rf"\b(?:on|along|down|off|near|at|of|onto|up|across|crossing|from|to|in) "
    rf"((?:{_NAME_WORD} ){{1,2}}?)$"
)


def _lower_streets(text: str) -> list[Span]:
    found: list[Span] = []
    for m in _STREET_WORD.finditer(text):
        start = m.start() + 1  # of the street word, after the space
        # A whole word after a lowercase word and one space (checked here rather than
        # with a look-behind, which would slow the scan).
        if start < 2 or not text[start - 2].islower():
            continue
        before = _BEFORE_STREET.search(text, max(0, start - 60), start)
        if before is None:
            continue
        words = before.group(1).split()
        if any(w in _FUNCTION for w in words) or all(w in _GENERIC for w in words):
            continue
        found.append(Span(before.start(1), m.end(), "place"))
    return found


def venues(text: str) -> list[Span]:
    """Lowercase names of venues and businesses, as places."""
    found: list[Span] = []
    for m in _LOWER_VENUE.finditer(text):
        words = m.group(1).split()
        # Only the words after the last function word can be the name.
        for k in range(len(words) - 1, -1, -1):
            if words[k] in _FUNCTION:
                words = words[k + 1 :]
                break
        if all(w in _GENERIC for w in words):
            continue
        start = m.end(1) - len(" ".join(words)) - 1
        found.append(Span(start, m.end(), "place"))
    if " & " in text:
        found.extend(Span(m.start(1), m.end(1), "place") for m in _AMPERSAND_VENUE.finditer(text))
    found.extend(_lower_streets(text))
    for m in _PUB.finditer(text) if _BARE_PUB_NAME.search(text) else ():
        # "the crooked spoon bar" was found whole above.
        if not any(m.start(1) < s.end and s.start < m.end(1) for s in found):
            found.append(Span(m.start(1), m.end(1), "place"))
    return found
