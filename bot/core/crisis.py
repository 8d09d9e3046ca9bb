"""Crisis detection: danger happening now, or a current intent to self-harm.

Sentences are matched word by word (whole words only, so "skilled" is not
"killed"). Figures of speech ("that joke killed me", "dying to know") are
blanked out first. A sentence told in the past ("years ago I believed he would
kill me", "I didn't want to be alive back then") or negated ("I'm not going to
hurt myself") does not count. Danger is present tense by construction ("he's
outside my door", "I'm hiding"); the few phrases that are also said of the past
("he's following me") need a word placing them now ("right now", "tonight").
"""

from __future__ import annotations

import re

# The start of a word, written so that the scan rejects most positions in one step
# (measurably faster than a leading \b before a long alternation).
_WORD_START = r"(?<![a-z0-9_'])(?=[a-z])"
_NOT = r"(?:do ?n[o']?t|do not|dont|can'?t|can not|cannot|won'?t|will not)"
_CANT = r"(?:can'?t|can not|cannot)"
_ANYMORE = r"(?: any ?more| any longer)?"

# Current wish to die or to self-harm.
_SELF_HARM = re.compile(
    rf"{_WORD_START}(?:"
    rf"{_NOT} (?:want|wanna|wish) (?:to )?(?:be alive|live|exist|be here|wake up|go on)"
    r"|(?:want|wanna|going|ready|planning|plan|need) (?:to )?(?:die|be dead|disappear for good"
    r"|disappear forever|end it|end things|end everything|end my life|kill myself|not exist)"
    r"|(?:kill|hurt|cut|harm|hang|drown|poison)(?:ing)? myself|end(?:ing)? my (?:own )?life"
    r"|take my (?:own )?life|suicid(?:e|al)|self[- ]?harm(?:ing)?"
    r"|(?:better off|happier) (?:without me|if i (?:was|were|'?m) (?:gone|dead|not here))"
    r"|better off dead"
    rf"|{_NOT} trust myself"
    r"|(?:how|ways?|plan|planning) to end (?:it|my life|everything)"
    r"|thinking (?:about|of) (?:ending|how to end) (?:it|my life|everything)"
    r"|(?:do ?n[o']?t|do not|dont) (?:plan|intend|expect) (?:on |to )?(?:wak(?:e|ing) up"
    r"|be(?:ing)? (?:here|alive|around))"
    r"|(?:won'?t|will not|am not going to|'?m not going to) (?:be )?(?:wak(?:e|ing) up|alive)"
    r" (?:tomorrow|in the morning)"
    r"|no (?:reason|point) (?:in |to )?(?:living|live|go(?:ing)? on|keep(?:ing)? going"
    r"|be(?:ing)? alive|be(?:ing)? here|stay(?:ing)?)"
    rf"|{_CANT} (?:go on|keep going|do this|do it|take (?:it|this)|cope){_ANYMORE}"
    r"(?: like this)?\W*$"
    r"|(?:goodbye|bye) (?:everyone|forever|world)|this is my last (?:message|post)"
    r"|(?:took|taking|swallowed|have|got|holding|counted|saved up) (?:a lot of |all (?:the|my) "
    r"|too many |the |my |enough )?(?:pills|tablets|sleeping pills|painkillers|razor|blade|rope)"
    r"(?: (?:in front of me|ready|right here|here|now|tonight))"
    r"|(?:took|taking|swallowed) (?:a lot of|all (?:the|my)|too many) (?:pills|tablets)"
    r"|(?:wrote|writing|written|left) (?:a|my) (?:suicide |goodbye )?note"
    r"|(?:no ?one|nobody|no-one) (?:would|will) (?:miss|notice|care)(?: if i (?:died|was gone"
    r"|disappeared|wasn'?t here))?"
    r"|(?:i'?m|i am) (?:just )?a burden"
    r"|(?:want|wanna|going) (?:to )?(?:sleep and )?(?:not|never) wake up"
    r"|(?:want|need) it (?:all )?to (?:end|stop)"
    r"|(?:been|started|start) cutting (?:again|myself)"
    r"|(?:i'?m|i am) (?:so )?done with (?:life|everything|living|it all)"
    r"|(?:i'?m|i am) done\W+(?:goodbye|bye)"
    rf"|{_NOT} see (?:a|any|the) (?:way out|future|point)(?: in (?:living|going on|anything))?"
    r"|what'?s the point (?:of|in) (?:living|anything|going on|being alive|staying)"
    r"|(?:going|about) to jump|(?:on|at) the (?:edge of the )?(?:bridge|roof|ledge)"
    r"|(?:hurt|cut|burned|harmed) myself (?:again|last night|tonight|today)|relapsed"
    r"|wish (?:i|i'?d) (?:was|were|had) (?:dead|never been born|not alive|died|not here)"
    r"|rather be dead|(?:the night|tonight|today) i end (?:it|things|my life)"
    r"|end it (?:all|tonight|today|now)|ending it all|this is goodbye"
    r"|(?:don'?t|do not) think i'?(?:ll| will) (?:wake up|be (?:here|alive)) tomorrow"
    r"|(?:will|i'?ll|going to|gonna) (?:take|swallow) (?:all )?(?:my |the |of my )?"
    r"(?:pills|tablets)"
    r"|want (?:everything|it all|it) to (?:stop|end)|nothing (?:left )?to live for"
    r"|disappear and never come back|tonight is the (?:end|night)"
    r"|(?:so )?tired of (?:living|being alive|life)|sleep forever|(?:not|no) want (?:to )?live"
    r"|(?:gave|giving) away (?:all )?my (?:things|stuff)|(?:said|saying) my goodbyes"
    r"|i(?:'ve| have)? (?:wrote|written) (?:goodbye letters|letters|a letter) to (?:my|everyone)"
    rf"|{_CANT} (?:do (?:this|it) )?any ?more\W*$"
    r")\b",
)
# Said for effect, not meant: blanked out before matching.
_FIGURES = re.compile(
    r"\b(?:die|died|dying|dead) (?:of|from) (?:embarrassment|shame|laughter|laughing|cringe"
    r"|boredom)"
    r"|\bdying (?:to|for|of)\b|\b(?:killed|kills|killing) me\b"
    r"|\bkill me now\b|\b(?:killing|killed|kills) (?:it|them)\b|\bcould (?:have |'?ve )?died\b"
    r"|\b(?:would|'?d) rather die than\b|\b(?:scared|bored|worried|frozen) to death\b"
    r"|\bi could die\b|\bmurder (?:for|a)\b",
)
_SUBJECT = (
    r"(?:he|she|someone|somebody|my ex(?:-\w+)?|my (?:husband|boyfriend|partner|dad|father"
    r"|stepdad|brother|uncle)|the (?:guy|man|men)|a (?:guy|man))"
)
_IS = r"(?:'s| is| has been)"
_PLACE_NOW = (
    r"(?:outside|at (?:my|the) (?:door|gate|window|front door|back door)|in (?:the|my) (?:lobby"
    r"|parking lot|car park|hallway|stairwell|building|yard|garden|driveway|house|flat"
    r"|apartment|room|kitchen|living room|garage)|downstairs|upstairs|inside|here"
    r"|in here|coming to get me|banging|pounding|kicking|hammering|knocking"
    r"|trying (?:to (?:get|break) in|the door|the handle)|breaking in"
    r"|breaking (?:down )?the door|coming (?:for me|back|in|up|here)"
    r"|on (?:his|her|their) way (?:here|over|to me)|still here|in the next room)"
)
# Danger now; the present tense is part of every phrase.
_DANGER = re.compile(
    rf"{_WORD_START}(?:"
    r"(?:i'?m|i am|im) (?:hiding|locked in|trapped|stuck in|barricaded|cornered"
    r"|scared to (?:go|leave|move|open|breathe)|afraid to (?:go home|leave|move|open))"
    r"|locked myself in|hiding (?:in|from) (?:the|my|him|her|them)"
    r"|[a-z]+(?:'s|'re| is| are) (?:still )?(?:following|chasing) me|following me (?:right )?now"
    rf"|{_SUBJECT}{_IS} (?:\w+ ){{0,5}}?{_PLACE_NOW}"
    rf"|(?:they'?re|they are|there'?s (?:a|some) (?:\w+ )?(?:man|guy|men|guys)(?: who'?s)?)"
    rf" (?:\w+ ){{0,5}}?{_PLACE_NOW}"
    r"|(?:he|she|they) (?:has|have|'s got|has got|got|is holding|is carrying|'s holding"
    r"|'s carrying) (?:a |my |his |the )?(?:gun|knife|weapon|bat|hammer)"
    r"|(?:going to|gonna|will|[a-z]+'ll|wants to|is trying to|[a-z]+'s trying to)"
    r" (?:kill|hurt|strangle|shoot|stab) me"
    r"|(?:i'?m|i am) (?:in danger|not safe|unsafe|scared for my life|afraid for my life"
    r"|scared he'?ll|afraid he'?ll|scared she'?ll|terrified he'?ll)"
    r"|(?:he|she|they) (?:just )?(?:is|are|'s|'re) (?:breaking|smashing|kicking) (?:in|the door"
    r"|down the door|the window|through)"
    r"|(?:he|she|they) just (?:broke|smashed|kicked|hit|punched|choked|strangled|threatened"
    r"|attacked|grabbed|pushed) (?:in|the|down|me|my)"
    r"|(?:won'?t|will not|isn'?t|is not) (?:let|letting) me (?:leave|go|out)"
    r"|(?:please|pls|plz|someone|somebody|can someone|can anyone),? (?:call|get|send) (?:someone"
    r"|somebody|help|the police|the cops|911|999|112|an ambulance)"
    r"|(?:please|pls|plz),? help me\W*$|do i call (?:the )?(?:police|cops|911|999|112|someone)"
    r"|(?:door|doors) (?:is |are )?locked and (?:he|she|they)"
    r"|(?:i'?m|i am) (?:alone|home alone) (?:with (?:him|the kids) )?and (?:he|she|they)(?:'s| is)"
    r" (?:drunk|angry|raging|violent)"
    r"|nowhere (?:to go|safe) tonight|(?:he|she|they)(?:'s| is| are|'re) drunk and (?:angry|violent"
    r"|raging|threatening)"
    r"|as i (?:type|write) this|typing this from|i can hear (?:him|her|them)"
    r"|(?:don'?t|do not) feel safe (?:going home|at home|here|tonight|right now)"
    r")",
)
# Phrases that also describe the past: they count when something places them now.
_DANGER_IF_NOW = re.compile(
    rf"{_WORD_START}(?:[a-z]+(?:'s|'re| is| are) watching me|locked me in|broke in"
    r"|coming to get me|(?:i'?m|i am) (?:so )?(?:terrified|scared|afraid)"
    r"|what (?:do|should) i do|call (?:the )?(?:police|cops|911|999|112)"
    r"|(?:can'?t|cannot) get out|coming over|on (?:his|her|their) way)\b",
)
_NOW = re.compile(
    r"\b(?:right now|now|tonight|at the moment|currently|as we speak|as i type|help|please|pls)\b"
)
# A past frame or a negation in the same sentence takes the sentence out.
_PAST_OR_SAFE = re.compile(
    r"\b(?:years? ago|months? ago|weeks? ago|back then|at the time|at my lowest|used to"
    r"|when i was|i was\b(?! (?:dead|gone))|i believed|i thought|i felt|i had|had been"
    r"|would have|back when"
    r"|in (?:19|20)\d\d|last (?:year|month|summer|winter|spring|autumn|fall)|that night"
    r"|(?:i'?m|i am) not (?:going|gonna) to|(?:i'?m|i am) not (?:suicidal|in danger)"
    r"|i (?:would|will|'d) never|i won'?t (?:hurt|kill|do anything|act)|not anymore"
    r"|no longer (?:want|feel|suicidal)|(?:i'?m|i am) (?:safe|okay|ok|fine|better) now"
    r"|that was|therapy|helped me|survived|if you|if someone|if anyone)\b",
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")


def is_crisis(text: str) -> bool:
    """True when the story describes danger now or current self-harm intent."""
    # Patterns are written in lowercase; matching a lowercased copy is faster than
    # case-insensitive matching.
    text = text.lower().replace("’", "'")
    if _FIGURES.search(text):
        text = _FIGURES.sub(" ", text)
    now = bool(_NOW.search(text))
    if not (
        _SELF_HARM.search(text) or _DANGER.search(text) or (now and _DANGER_IF_NOW.search(text))
    ):
        return False
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0).strip()
        if _PAST_OR_SAFE.search(sentence):
            continue
        if _SELF_HARM.search(sentence) or _DANGER.search(sentence):
            return True
        if _DANGER_IF_NOW.search(sentence) and _NOW.search(sentence):
            return True
    return False
