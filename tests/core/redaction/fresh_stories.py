"""Hand-written stories with marked identifying details, for recall checks.

The names and places here are made up for these tests and come from many cultures,
so the checks measure whether the rules generalise rather than whether they know
particular strings. Markup: ``{P:Name}`` a person, ``{L:Place}`` a named place,
``{A:12 Some Road}`` a street address, ``{E:…}``, ``{T:…}`` (phone), ``{U:…}``,
``{H:…}``, ``{I:…}`` for the contact kinds. Everything else must survive.
"""

from __future__ import annotations

import re
from typing import NamedTuple

KINDS = {
    "P": "PERSON",
    "L": "PLACE",
    "A": "ADDRESS",
    "E": "EMAIL",
    "T": "PHONE",
    "U": "URL",
    "H": "HANDLE",
    "I": "ID",
}
_MARK = re.compile(r"\{([PLAETUHI]):([^{}]+)\}")


class Marked(NamedTuple):
    """A story's plain text and its marked spans (start, end, type, value)."""

    text: str
    spans: tuple[tuple[int, int, str, str], ...]


def parse(marked: str) -> Marked:
    """Plain text and spans of a marked-up story."""
    out: list[str] = []
    spans: list[tuple[int, int, str, str]] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(marked):
        before = marked[pos : m.start()]
        out.append(before)
        length += len(before)
        value = m.group(2)
        spans.append((length, length + len(value), KINDS[m.group(1)], value))
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(marked[pos:])
    return Marked("".join(out), tuple(spans))


# People introduced by cues: relations, titles, verbs of telling, possessives, "and I".
PEOPLE = (
    "My coworker {P:Oluwaseun} kept calling me 'sweet girl' in front of clients.",
    "A guy called {P:Thibault} followed me out of the metro at {L:Châtelet}.",
    "{P:Kwabena} said I was too emotional to lead the project.",
    "I told {P:Siobhan} about it and she said to go to HR.",
    "My ex {P:Dariusz} still messages my sister every week.",
    "my manager {P:Rahul Venkataraman} took credit for my slides again",
    "{P:Mei-Ling}'s husband cornered me in the kitchen at the party.",
    "Then {P:Tadeusz} laughed and said women can't read maps.",
    "me and {P:aroha} walked home together after that",
    "Professor {P:Okonkwo-Bello} asked if I was the secretary.",
    "Dr. {P:Ingrid Halvorsen} told me the pain was probably stress.",
    "My landlord, Mr. {P:Papadakis}, lets himself in without knocking.",
    "{P:Xiaoming} from accounting sends me memes about women drivers.",
    "lol {P:brayden} thinks he's funny, he isn't",
    "The coach, {P:Sione Taufa}, said girls don't belong in the weight room.",
    "Her name was {P:Nkechi} and she was the only one who believed me.",
    "A man named {P:Baltasar} kept sitting next to me on the night bus.",
    "{P:Yusuf} and I were the only ones who spoke up.",
    "I work with {P:Anneliese Brandt} and {P:Giorgos Kalogeropoulos} on the night shift.",
    "My stepbrother {P:Caetano} read all my messages.",
    "ask {P:fenna} if you don't believe me, she was there",
    "Officer {P:Delacroix} said there was nothing he could do.",
    "{P:Hiroshi Tanabe} grabbed my wrist in the elevator.",
    "Text from {P:Zoltan}: 'why are you ignoring me'.",
    "It was {P:Bongani} who sent the photo around.",
    "{P:Radomir} keeps turning up outside my flat.",
    "Everyone says {P:Ebere} is harmless.",
    "The new hire, {P:Tarquin}, was paid more than me.",
    "Thanks to {P:Marisol} for walking me home.",
    "So {P:Lorcan} messages me at 2am: 'u up'.",
    "My neighbour Mrs {P:Abernethy-Cole} saw everything and called nobody.",
    "I asked {P:Priyamvada} to come with me to the police station.",
    "{P:Ikaika}, my so-called friend, shared the video.",
    "when {P:jaxon} found out he posted it everywhere",
    "I reported {P:Wendell Oyelaran} to the dean twice.",
    "Our team lead {P:Svetlana Morozova} told me to smile more in meetings.",
    "My husband {P:Ahanu} checks my phone every night.",
    "The bartender, a guy named {P:Ruairi}, watched my drink for me.",
    "my cousin {P:ximena} told me to stop making a fuss",
    "{P:Tomasz} and {P:Magdalena Wiśniewska} both saw it happen.",
    "{P:Destiny} told me to carry my keys between my fingers.",
    "{P:Sunny} keeps liking every photo from 2019.",
    "{P:Hunter} texted me forty times after I said no.",
    "My boss {P:Rusty} calls every woman in the shop 'darling'.",
    "Then {P:Joy} from payroll told me they pay men more.",
    "I was with {P:Dawn} when he grabbed me.",
)

# Places: named venues, schools, companies, towns, streets, and addresses.
PLACES = (
    "I was a waitress at {L:Bodega Los Almendros} for two years.",
    "He works at {L:Kestrelwood Analytics} now, of course.",
    "This happened outside {L:Mama Ngozi's Kitchen} on a Friday night.",
    "We met at {L:Lindqvist Polytechnic} in first year.",
    "My daughter goes to {L:Our Lady of Lourdes Primary School}.",
    "The clinic in {L:Ouagadougou} turned me away.",
    "I moved to {L:Stoke-on-Trent} to get away from him.",
    "He drove past my house on {L:Ridgemont Crescent} every night.",
    "She lives at {A:47 Sycamore Lane}, I gave it to nobody.",
    "Send it to {A:Flat 6, 19 Harrowby Road} if you can.",
    "the guys at {L:ironclad gym} rate every woman who walks in",
    "I used to work the late shift at {L:Pemberton & Yeo Solicitors}.",
    "He followed me from {L:Kadıköy} all the way to the ferry.",
    "It was the summer I interned at {L:Nakamura Robotics}.",
    "Everyone at {L:Saint Brigid's Academy} knew what the teacher did.",
    "They moved me to the {L:Ashgrove} branch instead of him.",
    "My apartment at {A:2210 Cottonwood Ave, Apt 3B} has two locks now.",
    "We were drinking at {L:The Crooked Heron} when he spiked her drink.",
    "he waits for me outside {L:Tesfaye Coffee House} every morning",
    "I grew up in {L:Puerto Montt} and nobody there talks about this.",
    "The manager of {L:Velasquez Auto Repair} explained my car to my dad.",
    "I take the tram from {L:Marienplatz} and he is always there.",
    "the frat at {L:Hollowell University} has a list ranking girls",
    "Our office in {L:Lagos} has no women in leadership.",
    "I live at {A:Rua das Flores 88} now, far from him.",
    "My old school, {L:Greyfriars Grammar}, did nothing.",
    "We were at a bar in {L:Ho Chi Minh City} when it happened.",
    "He works for {L:Dunmore Freight Ltd} as a driver.",
    "I saw him again at {L:Riverside Mall} last week.",
    "The nurse at {L:St. Columba's Hospital} didn't believe me.",
)

# Contact details of many shapes.
CONTACTS = (
    "His number is {T:+234 803 555 0199}, please block it.",
    "She emailed me from {E:k.adeyemi@lumenpost.ng} again.",
    "The account is {U:tiktok.com/@saltwater.sage} and it's still up.",
    "He made {H:@real_ayo_99} after I blocked the first one.",
    "My case reference is {I:MPS-4471-2022} if anyone asks.",
    "call me on {T:07700 900461} if something happens",
    "His car plate was {I:KV 9931} and the police didn't care.",
    "Write to {E:safety@hollowell.edu} they never answer.",
    "The fake page is {U:https://fb.com/people/anita.rojas.real} now.",
    "ticket {I:#TS-88301} closed as 'no violation'",
)

# Ordinary words that look like names or places and must stay.
ORDINARY = (
    "I will never forget it. In May I finally told my mom.",
    "Last summer the bus stop near the office was the worst.",
    "My boss said HR would handle it. They didn't.",
    "I just hope someone reads this. Grace under pressure, they call it.",
    "We went to the gym, then to a bar, then home.",
    "Title IX said it was out of their hands.",
    "The mark on my arm faded after a week.",
    "I rose early, walked past the park and took the train to work.",
)

ALL = PEOPLE + PLACES + CONTACTS
