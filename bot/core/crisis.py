"""Crisis detection: danger happening now, or a current intent to self-harm.

Sentences are matched word by word (whole words only, so "skilled" is not
"killed"). A sentence told in the past ("years ago I believed he would kill me",
"I didn't want to be alive") or negated ("I'm not going to hurt myself") does not
count, and figures of speech ("that joke killed me", "dying to know") never match.
"""

from __future__ import annotations

import re

# Current wish to die or to self-harm; present tense only.
_SELF_HARM = re.compile(
    r"\b(?:"
    r"(?:do ?n[o']?t|do not|dont) (?:want|wanna) (?:to )?(?:be alive|live|exist|be here|wake up)"
    r"|(?:want|wanna|going) (?:to )?(?:die|disappear for good|disappear forever|end it|end (?:it"
    r"|things) all)"
    r"|(?:kill|hurt|cut|harm) myself|end(?:ing)? my (?:own )?life|take my (?:own )?life"
    r"|suicid(?:e|al)"
    r"|self[- ]?harm(?:ing)?|better off (?:without me|if i (?:was|were) gone|dead)"
    r"|(?:do ?n[o']?t|do not|dont|can ?n[o']?t|cannot) trust myself"
    r"|(?:how|ways?|plan) to end (?:it|my life|everything)|thinking about (?:ending|how to end) it"
    r"|(?:do ?n[o']?t|do not|dont) (?:plan|intend|expect) (?:on |to )?(?:wak(?:e|ing) up"
    r"|be(?:ing)? here)"
    r"|no (?:reason|point) (?:in |to )?(?:living|live|going on|being alive)"
    r"|can ?n[o']?t (?:go on|keep going) (?:anymore|like this)"
    r"|(?:goodbye|bye) (?:everyone|forever)|this is my last (?:message|post)"
    r"|(?:took|taking|swallowed|have) (?:a lot of|all (?:the|my)|too many) (?:pills|tablets)"
    r"|(?:wrote|writing|written) (?:a|my) (?:suicide |goodbye )?note"
    r"|no ?one (?:would|will) (?:miss|notice|care if) me|(?:i'?m|i am) (?:a )?burden"
    r"|(?:want|wanna|going) (?:to )?(?:sleep and )?not wake up|(?:want"
    r"|need) it (?:all )?to (?:end|stop)"
    r"|(?:been|started|start) cutting (?:again|myself)|(?:i'?m|i am) (?:so )?done with (?:life"
    r"|everything|living)"
    r"|(?:can ?n[o']?t|cannot) (?:do this|take (?:it|this)|keep going|go on) any ?more"
    r"|(?:don'?t|do not) (?:want|wanna) to (?:be here|exist|live) any ?more"
    r"|(?:not|won'?t) (?:be )?(?:here|around) (?:tomorrow|much longer|any ?more)"
    r"|wish (?:i|i'?d) (?:was|were|had) (?:dead|never been born|not alive|died)|rather be dead"
    r"|(?:don'?t|can'?t|cannot) see (?:a|any) (?:way out|future|point)"
    r"|what'?s the point (?:of|in) (?:living|anything|going on|being alive)"
    r"|going to jump|(?:on|at) the (?:edge of the )?(?:bridge|roof|ledge) (?:now|right now)"
    r"|(?:hurt|cut|burned|harmed) myself (?:again|last night|tonight|today)|relapsed"
    r")\b",
)
_SELF_HARM_FIGURES = re.compile(
    r"\b(?:die|died|dying) (?:of|from) (?:embarrassment|shame|laughter|laughing|cringe)"
    r"|\bdying to\b|\bkill(?:ed|s|ing)? me\b",
)
# Danger now: someone is here, coming, or getting in, and the writer is hiding or asks for help.
_DANGER = re.compile(
    r"\b(?:"
    r"(?:i'?m|i am|im) (?:hiding|locked|trapped|stuck|barricaded|scared to (?:go|leave|move|open))"
    r"|(?:(?:he|she|someone|somebody|my ex(?:-\w+)?|my (?:husband|boyfriend|partner)|the (?:guy"
    r"|man))"
    r"(?:'s| is)|they'?re|they are|there'?s (?:a|some) \w+)"
    r" (?:\w+ ){0,6}(?:outside|at (?:my|the) (?:door|gate|window)|in (?:the|my) (?:lobby|parking"
    r" lot|hallway|building|yard|driveway|house|flat|apartment)|on (?:his|her|their) way"
    r"|coming (?:over|here|back|up|in)|trying to (?:get|break) in|breaking in|banging on"
    r"|following me|idling|downstairs|here)"
    r"|(?:please|pls|plz|someone|somebody),? (?:call|get) (?:someone|somebody|help|the police"
    r"|the cops"
    r"|911|999|112)|(?:please|pls|plz),? help me\W*$|call (?:the )?(?:police|cops|911|999|112)"
    r"|do i call (?:the )?(?:police|cops|911|999|112|someone)|what (?:do|should) i do"
    r"|(?:he|she|they) (?:has|have|'s got|got) a (?:gun|knife|weapon)"
    r"|(?:going to|gonna|will|wants to|trying to) (?:kill|hurt) me"
    r"|(?:i'?m|i am) (?:in danger|not safe|scared for my life|afraid for my life)"
    r"|(?:he|she|they) (?:broke|is breaking|are breaking|just broke) (?:in|the door|down the door)"
    r"|(?:won'?t|will not|doesn'?t) let me (?:leave|go|out)|(?:can'?t|cannot) get out"
    r"|(?:he|she|they) just (?:hit|punched|choked|strangled|threatened|attacked) me"
    r"|(?:is|are|'s|'re) following me|(?:i'?m|i am) terrified|i can hear (?:him|her|them)"
    r"|trying the door|(?:don'?t|do not) feel safe (?:going home|at home|here|tonight)"
    r"|as i (?:type|write) this|typing this from|locked myself in|(?:is|'s) (?:banging|pounding"
    r"|kicking) (?:on|at) (?:the|my) (?:door|window)"
    r"|(?:he|she|they)(?:'s| is| are|'re) (?:here|outside|downstairs|in the house|at the door)"
    r")",
)
# The moment is now: danger phrases need one of these in the same story.
_NOW = re.compile(
    r"\b(?:right now|now|tonight|already|currently|at the moment|just|still|please|pls|help)\b",
)
# Past frame or negation in the same sentence takes the sentence out.
_PAST_OR_SAFE = re.compile(
    r"\b(?:years? ago|months? ago|weeks? ago|back then|at the time|at my lowest|used to|"
    r"when i was|i was|i believed|i thought|i felt|had been|would have|i'?m not going to|"
    r"i am not going to|i'?m not gonna|i would never|i'?d never|"
    r"i won'?t|never again|not anymore|no longer|i'?m (?:safe|okay|ok) now|that was)\b",
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")


def is_crisis(text: str) -> bool:
    """True when the story describes danger now or current self-harm intent."""
    # Patterns are written in lowercase; matching a lowercased copy is faster than
    # case-insensitive matching.
    text = text.lower().replace("’", "'")
    self_harm = _SELF_HARM.search(text)
    now = bool(_NOW.search(text))
    if not self_harm and not (now and _DANGER.search(text)):
        return False
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0)
        if _PAST_OR_SAFE.search(sentence):
            continue
        if _SELF_HARM.search(sentence) and not _SELF_HARM_FIGURES.search(sentence):
            return True
        if now and _DANGER.search(sentence):
            return True
    return False
