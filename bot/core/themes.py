"""Theme catalogue: the default themes, their groups, and per-community changes.

A theme is tagged when one of its keywords occurs in the story, or when two of its
weaker cues do. Keywords and cues are whole-word, case-insensitive phrases; a
trailing ``*`` matches any ending ("catcall*" finds "catcalled", "catcalling").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache


@dataclass(frozen=True)
class Theme:
    """A theme id, its readable label, the group it rolls up into, and its keywords.

    ``keywords`` are enough alone; ``cues`` count only when two different ones occur.
    """

    id: str
    label: str
    group: str
    keywords: tuple[str, ...] = ()
    content_note: bool = False
    cues: tuple[str, ...] = ()


GROUPS = ("verbal", "non-verbal", "physical", "online", "institutional")

_STREET = Theme(
    "street_harassment",
    "street harassment",
    "verbal",
    (
        "catcall*", "cat-call*", "cat call*", "wolf whistl*", "wolf-whistl*", "whistled at",
        "whistling at", "whistles at", "honked at", "honking at", "honks at", "hissed at",
        "hissing at", "kissing noises", "kissy noises", "kissy face*", "smile sweetheart",
        "smile, sweetheart", "smile love", "give us a smile", "give me a smile", "flashed me",
        "flashed us", "flasher", "exposed himself", "exposing himself", "exposes himself",
        "masturbating in", "masturbating on", "masturbating at", "street harassment",
        "#streetharassment", "kerb crawl*", "curb crawl*", "from a car", "from his car",
        "from their car", "from a van", "from a truck", "out of his car", "out of a car",
        "out the window", "car window", "rolled down his window", "rolled down the window",
        "slowed down next to me", "slowed down beside me", "slows down next to me",
        "pulled up next to me", "pulled up beside me", "need a ride", "want a ride",
        "construction worker*", "builders", "scaffolding", "on the bus", "on the train",
        "on the subway", "on the metro", "on the tube", "on the tram", "on the platform",
        "at the bus stop", "at the train station", "at the station", "crowded bus",
        "crowded train", "crowded carriage", "crowded subway", "crowded tram", "packed train",
        "packed bus", "rush hour", "rush-hour", "public transport", "public transit",
        "women-only carriage", "women-only car", "a stranger", "strangers", "random man",
        "random guy", "random men", "random guys", "some random", "men on the street",
        "guys on the street", "men in the street", "on the street", "in the street",
        "down the street", "on the sidewalk", "on the pavement", "passers-by", "passersby",
        "bystander*", "leered at", "leering at", "leers at", "followed me off",
        "followed me out of", "followed me down", "followed me for", "following me down",
        "in broad daylight", "in public", "a car pulled up", "drove alongside", "kept pace",
        "walking speed", "followed me at", "on the escalator", "on the ferry", "at the mall",
        "in the mall", "at the market", "supermarket", "grocery store", "group of men",
        "group of guys", "group of boys", "walking to school", "on my way to school",
        "on the way to school", "on my way to work", "on my way home", "on the way home",
        "my commute", "crosswalk", "traffic light*", "taxi driver", "cab driver", "uber driver",
        "bus driver", "delivery guy", "delivery driver", "shopkeeper", "hey baby", "hey beautiful",
        "hey sexy", "nice legs", "nice ass", "where are you going", "where you going",
        "smile for me", "come here", "come over here", "called after me", "shouted after me",
        "yelled after me", "yelled something", "shouted something", "men outside",
        "outside the bar", "in the queue", "in line at",
    ),
    content_note=False,
    cues=(
        "stranger*", "whistl*", "leer*", "ogl*", "honk*", "hiss*", "yelled", "shouted",
        "called out", "yelling", "shouting", "commented on", "commenting on", "blew kisses",
        "bus", "buses", "train", "trains", "tram", "subway", "metro", "tube", "platform",
        "station", "carriage", "commute", "commuting", "street", "streets", "sidewalk",
        "pavement", "corner", "crossing", "park", "parking lot", "car park", "market",
        "festival", "concert", "crowd", "crowded", "packed", "beach", "shop", "store",
        "corner shop", "corner store", "gas station", "petrol station", "bus stop", "walking",
        "walked", "walk home", "walking home", "walkin", "jogging", "jog", "running",
        "on my run", "cycling", "bike", "car", "van", "truck", "driver", "drove past",
        "drove by", "passing", "passed me", "a man", "a guy", "men", "guys", "man", "guy",
        "group of men", "group of guys", "teenage boys", "boys", "cutie", "sexy", "baby",
        "beautiful", "gorgeous", "public", "in front of everyone", "nobody did anything",
        "no one did anything", "nobody helped", "no one helped", "abroad", "tourist",
    ),
)  # fmt: skip

_ADVANCES = Theme(
    "unwanted_advances",
    "unwanted advances",
    "verbal",
    (
        "asked me out", "ask me out", "asking me out", "asks me out", "asked her out",
        "take no for an answer", "taking no for an answer", "took no for an answer",
        "takes no for an answer", "wouldn't take no", "won't take no", "doesn't take no",
        "didn't take no", "does not take no", "did not take no", "can't take no",
        "i have a boyfriend", "i have a bf", "i've got a boyfriend", "i had a boyfriend",
        "have a boyfriend", "i have a girlfriend", "i have a husband", "i'm married",
        "i am married", "i'm engaged", "i'm taken", "i'm seeing someone", "i was seeing someone",
        "respected my boyfriend", "respect my boyfriend", "respects my boyfriend", "another man's",
        "belong to someone", "turned him down", "turn him down", "turning him down",
        "turned down his", "turned down a date", "rejected him", "rejecting him", "reject him",
        "after i rejected", "when i rejected", "after i turned", "when i turned",
        "after i said no", "when i said no", "because i said no", "even after i said no",
        "i said no", "said no again", "said no twice", "no means no", "not interested",
        "wasn't interested", "am not interested", "hit on me", "hitting on me", "hits on me",
        "hit on her", "made a pass", "makes passes", "making passes", "came on to me",
        "coming on to me", "comes on to me", "made advances", "unwanted advances", "his advances",
        "romantic advances", "sexual advances", "propositioned", "propositioning", "proposition",
        "asked for my number", "ask for my number", "asking for my number",
        "asked me for my number", "give him my number", "gave him my number", "my number",
        "his number", "friend zone*", "friendzone*", "nice guy", "one drink", "one date",
        "one coffee", "just one date", "just one drink", "give him a chance", "gave him a chance",
        "give me a chance", "wouldn't leave me alone", "won't leave me alone",
        "doesn't leave me alone", "didn't leave me alone", "wouldn't stop asking",
        "won't stop asking", "kept asking", "keeps asking", "kept messaging", "keeps messaging",
        "kept texting", "keeps texting", "kept calling", "keeps calling", "kept pushing",
        "kept insisting", "kept trying", "not giving up", "won't give up", "wouldn't give up",
        "persistent", "persistence", "love letter*", "confessed his", "declared his",
        "crush on me", "got angry when i", "got angry after i", "furious when i", "stuck up",
        "stuck-up", "frigid", "prude", "too good for", "ugly anyway", "you're ugly anyway",
        "lesbian", "leading him on", "led him on", "after i ended it", "when i ended it",
        "rejection", "didn't take the hint", "wouldn't take the hint", "can't take a hint",
        "won't take a hint", "take the hint", "begged me", "begging me", "one more chance",
        "you'll change your mind", "change your mind", "hard to get", "blew up my phone",
        "blowing up my phone", "showed up with flowers", "grand gesture", "pursued me",
        "pursuing me", "pursuit", "chasing me", "came onto me", "pick-up line*", "pickup line*",
        "can i get your number", "give me your number", "slid into my dms", "slide into my dms",
        "after rejecting", "after turning him down", "since i turned him down",
        "made up a boyfriend", "fake boyfriend", "pretend boyfriend", "imaginary boyfriend",
        "invented a boyfriend", "backed off when", "only backed off", "only stopped when",
        "only listened when", "only left me alone when", "said i was taken", "said i was married",
        "respect another man", "respects another man", "another man", "wouldn't accept",
        "won't accept no", "couldn't accept", "no wasn't", "no isn't", "my no", "a no",
        "refused to accept",
    ),
    content_note=False,
    cues=(
        "number", "drink", "drinks", "date", "dates", "dating", "dinner", "coffee", "boyfriend",
        "bf", "husband", "single", "interested", "flowers", "gifts", "gift", "presents", "crush",
        "flirt*", "romantic", "feelings", "no thanks", "no thank you", "refused", "declined",
        "every day", "repeatedly", "over and over", "wouldn't stop", "won't stop", "insisted",
        "insisting", "pushy", "entitled", "owed", "owe him", "bitch", "slut", "whore", "retaliat*",
        "got angry", "got mad", "sulked", "rejected", "rejecting", "hang out", "out with him",
        "go out with", "out with me", "said no", "saying no", "no means",
        "wouldn't stop messaging", "hint", "pursu*", "chased", "creep", "creepy", "uncomfortable",
        "sleazy", "compliments", "your name", "walk you", "follow you", "backed off", "stopped",
        "accept*", "respect*", "fake ring", "wedding ring", "ring",
    ),
)  # fmt: skip

_ASSAULT = Theme(
    "sexual_assault",
    "sexual assault",
    "physical",
    (
        "grop*", "sexual assault", "sexually assault*", "assaulted me", "assaulted her",
        "assaulted", "rape", "raped", "raping", "rapist", "molest*", "fondl*", "touched me",
        "touching me", "touches me", "touch me", "touched my", "touching my", "touches my",
        "grabbed me", "grabbed my", "grabs my", "grabbing my", "grab my", "hand on my",
        "hands on my", "hand up my", "hand under my", "hand down my", "hand between my",
        "up my skirt", "under my skirt", "up my dress", "under my dress", "under my shirt",
        "pressed against me", "pressed himself", "pressing himself", "press against me",
        "pressing against me", "presses against me", "pushed himself against", "rubbed against me",
        "rubbing against me", "rubbed himself", "rubbing himself", "rubbed up against",
        "rubbing up against", "forced himself", "forced me", "forcing me", "forced a kiss",
        "forcibly", "kissed me without", "kissed me against", "kissed me even though",
        "without consent", "without my consent", "non-consensual", "nonconsensual",
        "didn't consent", "did not consent", "never consented", "couldn't consent",
        "could not consent", "too drunk to consent", "coerced", "coercion", "pressured me into",
        "pressured into", "guilted me into", "spiked", "drugged", "roofied", "pinned me",
        "pinned down", "held me down", "holding me down", "slapped my butt", "slapped my ass",
        "slapped my bum", "smacked my", "pinched my", "felt me up", "feel me up", "feeling me up",
        "copped a feel", "unwanted touching", "touched inappropriately", "inappropriately touched",
        "inappropriate touching", "stealthing", "took advantage of me", "taking advantage of me",
        "woke up to him", "woke up with his", "sexual violence", "isn't consent", "is not consent",
        "wasn't consent", "didn't say yes", "never said yes", "even when i said no",
        "even though i said no", "told him to stop", "asked him to stop", "begged him to stop",
        "pushed him off", "pushed him away", "got away from him", "the assault", "my assault",
        "my rapist", "my abuser", "rape kit", "sane exam", "forensic exam", "sexual assault nurse",
        "sexual health clinic", "morning-after", "morning after pill", "while i was asleep",
        "while i slept", "tried to kiss me", "tried to touch", "put his hand", "put his hands",
        "his hand on", "his hands on", "reached under", "slid his hand", "cupped my",
        "squeezed my", "pulled me onto", "pulled me into",
    ),
    content_note=True,
    cues=(
        "sexual*", "touch", "touched", "touching", "touchy", "hand", "hands", "his hand",
        "his hands", "hands all over", "grabbed", "pressed", "rubbed", "kissed me", "kiss",
        "pushed me", "cornered me", "cornered", "trapped", "couldn't move", "froze", "frozen",
        "consent", "consented", "unwanted", "violated", "violation", "survivor", "my chest",
        "my breast*", "my butt", "my bum", "my ass", "my thigh*", "my waist", "my hips",
        "my crotch", "my leg", "my legs", "my body", "between my legs", "body", "drunk",
        "passed out", "blacked out", "black out", "asleep", "woke up", "party", "his room",
        "bedroom", "massage", "took advantage", "against me", "behind me", "boundaries",
        "didn't want", "said no", "pulled away", "pushed him away", "pushed his hand",
        "what happened that night", "what he did to me", "what he did", "happened to me",
        "the incident", "the next morning", "woke up and", "i was asleep", "while i was drunk",
        "when i was drunk", "too drunk", "i was drunk", "too much to drink", "i'd had too much",
        "had too much to drink", "bruise*", "bruised", "in the back seat", "in the bathroom",
        "in the stairwell", "in the supply closet", "locked the door", "blocked the door",
        "blocked the doorway", "i said no", "told him no", "didn't stop", "wouldn't stop",
        "kept going", "pulled me close", "brushed my", "brushed against", "reached over",
        "i didn't want to", "on his lap", "sat on my lap", "dragged me", "std test", "sti test",
        "i froze", "i didn't want it",
    ),
)  # fmt: skip

_IPV = Theme(
    "intimate_partner_violence",
    "intimate partner violence",
    "physical",
    (
        "domestic violence", "domestic abuse", "intimate partner", "partner abuse",
        "abusive relationship", "abusive ex", "abusive husband", "abusive boyfriend",
        "abusive partner", "abusive marriage", "coercive control", "coercively", "controlling",
        "gaslight*", "love bomb*", "love-bomb*", "financial abuse", "financially abus*",
        "emotional abuse", "emotionally abus*", "verbal abuse", "verbally abus*", "hit me",
        "hits me", "hitting me", "beat me", "beats me", "beating me", "beat me up", "slapped me",
        "slaps me", "punched me", "punches me", "kicked me", "choked me", "chokes me",
        "choking me", "strangled me", "strangles me", "strangling", "shoved me", "shoves me",
        "threw me", "throws me", "threw things", "throws things", "never hit me", "never hits me",
        "hit the wall", "punched the wall", "punched a wall", "punched holes", "checked my phone",
        "checks my phone", "checking my phone", "check my phone", "went through my phone",
        "goes through my phone", "read my messages", "reads my messages", "my passwords",
        "took my phone", "takes my phone", "took my keys", "took my car keys", "took my passport",
        "my passport", "my paycheck", "my wages", "my salary", "my bank account",
        "our bank account", "joint account", "my money", "an allowance", "gave me an allowance",
        "custody", "visitation", "family court", "child support", "protective order",
        "protection order", "walking on eggshells", "walk on eggshells", "silent treatment",
        "isolated me", "isolating me", "isolates me", "cut me off from", "wouldn't let me see",
        "won't let me see", "doesn't let me see", "didn't let me see", "not allowed to see",
        "wasn't allowed to", "i'm not allowed to", "jealous rages", "jealous rage",
        "no one will believe you", "nobody will believe you", "no one will believe me",
        "when i left him", "since i left him", "after i left him", "leave him", "left him",
        "leaving him", "left my husband", "left my boyfriend", "leave my husband",
        "leave my boyfriend", "divorced him", "divorcing him", "women's shelter", "women's refuge",
        "domestic violence shelter", "we need to talk", "you made me do", "look what you made me",
        "you made me", "made me feel crazy", "i'm crazy", "i was crazy", "called me crazy",
        "i'm imagining", "it never happened", "that never happened", "you're overreacting",
        "go bag", "escape", "escaped", "got out", "getting out", "left with the kids",
        "took the kids", "take the kids", "take my kids", "lose my kids", "lose the kids",
        "kids away", "my children away", "hurt the kids", "in front of the kids",
        "in front of our", "the dog", "my dog", "killed my", "threatened to kill himself",
        "kill himself", "if i left", "if i leave", "if you leave", "if you ever leave",
        "tried to leave", "try to leave", "trying to leave", "when i tried to leave",
        "everything was my fault", "nothing i did was right", "never good enough", "monitor*",
        "my messages", "my phone", "my location", "my car keys", "my own money", "credit card*",
        "debt", "debts", "in my name", "my credit", "his name on", "the lease", "the mortgage",
        "our house", "our flat", "our apartment", "our home", "we lived", "we moved in",
        "moved in together", "lived together", "anniversary", "honeymoon", "wedding", "engaged",
        "my in-laws", "his mother", "his family",
    ),
    content_note=True,
    cues=(
        "my ex", "ex", "ex-boyfriend", "ex boyfriend", "ex-husband", "ex husband", "ex-partner",
        "ex partner", "ex-girlfriend", "ex-wife", "my husband", "my boyfriend", "my partner",
        "my girlfriend", "my wife", "my fiance", "my fiancé", "my fiancee", "husband",
        "boyfriend", "partner", "fiance", "fiancé", "when we were together",
        "while we were together", "we were together", "we were dating", "relationship",
        "marriage", "married", "abuse", "abused", "abuser", "abusive", "pushed me", "violent",
        "violence", "temper", "rage", "angry", "scared of him", "afraid of him", "isolat*",
        "jealous*", "possessive", "control", "controlled", "controls", "wouldn't let me",
        "won't let me", "doesn't let me", "not allowed", "allowance", "money", "phone",
        "location", "my friends", "my family", "the kids", "our kids", "our children",
        "our son", "our daughter", "the children", "kids", "children", "divorce", "divorced",
        "separated", "separation", "court", "lawyer", "shelter", "refuge", "moved out",
        "changed the locks", "apologi*", "sorry", "promised", "bruise*", "years", "at home",
    ),
)  # fmt: skip

_STALKING = Theme(
    "stalking_threats",
    "stalking and threats",
    "non-verbal",
    (
        "stalk*", "cyberstalk*", "tracked me", "tracking me", "tracks me", "tracked my",
        "tracking my", "tracker", "airtag*", "air tag", "gps", "tracking device", "spyware",
        "stalkerware", "hidden camera", "turned up at", "turns up at", "turning up at",
        "showed up at", "shows up at", "showing up at", "keeps showing up", "kept showing up",
        "keeps turning up", "kept turning up", "appeared at my", "waiting for me outside",
        "outside my house", "outside my home", "outside my flat", "outside my apartment",
        "outside my building", "outside my door", "outside my work", "outside my office",
        "outside my school", "outside my window", "parked outside", "parked across",
        "drove past my", "drives past my", "driving past my", "drove by my", "drives by my",
        "found my address", "find my address", "knows where i live", "knew where i live",
        "know where you live", "know where i live", "knows where i work", "knew where i work",
        "my home address", "restraining order", "protective order", "threaten*", "threat",
        "threats", "death threat*", "rape threat*", "kill you", "make you pay", "make me pay",
        "watch your back", "you'll regret", "you will regret", "regret it", "watching my",
        "watched my", "everywhere i go", "everywhere i went", "left flowers", "leaves flowers",
        "left a note", "left notes", "leaves notes", "left gifts", "on my doorstep",
        "on my windshield", "on my windscreen", "in my rearview", "in my rear-view",
        "the next time i", "always appearing", "kept appearing", "keeps appearing",
        "wherever i go", "wherever i went", "came every day", "idling outside", "at my gate",
        "knew my name", "knew my schedule", "knew my routine", "knows my schedule",
        "photographing me", "filming me", "filmed me", "recorded me", "took photos of me",
        "took pictures of me", "tracked my location", "tracking my location", "my whereabouts",
        "won't stop contacting", "wouldn't stop contacting", "keeps contacting", "kept contacting",
        "i see you", "i know where", "i'm watching", "i'll find you", "i will find you",
        "you can't hide", "you belong to me", "if i can't have you", "you'll be sorry",
        "you will be sorry", "i'll ruin", "i will ruin", "i'll hurt", "i will hurt", "i'll kill",
        "i will kill", "burn your", "harassment order", "injunction", "non-molestation",
        "no-contact order", "no contact order",
    ),
    content_note=True,
    cues=(
        "followed", "following", "follow", "watched", "watching", "outside", "door", "doorstep",
        "window", "car", "parked", "waited", "waiting", "showed up", "shows up", "turned up",
        "appeared", "again", "every day", "every night", "every morning", "every evening",
        "for weeks", "for months", "for years", "constantly", "keeps", "kept", "calls", "called",
        "calling", "texts", "texting", "messages", "voicemail*", "blocked", "unblocked", "new",
        "location", "address", "found me", "find me", "knew where", "knows where", "scared",
        "afraid", "terrified", "frightened", "fear", "unsafe", "police", "report", "notes",
        "letters", "gifts", "flowers", "photos of me", "pictures of me", "my house", "my home",
        "my work", "my job", "my gym", "my route", "my car", "my street", "kill", "hurt", "ex",
        "my ex", "obsessed", "obsession", "noticed", "noticed him", "the same", "every time",
        "regular", "kept coming", "came back", "comes back", "keeps coming", "table", "tables",
        "hiding", "hid", "gate", "curtains", "likes", "liked", "accounts", "profile", "quit",
        "moved", "moved away", "new city", "prison", "released", "order", "my address",
        "my family", "my sister", "my mom", "my parents", "acid", "in prison", "bail",
        "released from", "or else", "where i was", "where i am", "my location", "contacting me",
        "contacted my", "on my car", "same car", "same truck", "same van", "new number",
        "new numbers", "at my door", "at my window", "on my street", "on my block", "hurt me",
        "hurt you", "waited for me", "waiting for me", "every move", "my schedule", "my routine",
        "messaged my friends", "called my work", "calls my work", "emailed my work", "new account",
        "new accounts", "another account", "new profile", "different accounts",
        "multiple accounts", "every post", "sitting outside", "sat outside", "every time i",
        "there again", "always there", "noticed him again", "saw him again", "harassing me",
        "behind me again", "burner", "private number", "blocked number", "no caller id",
        "unknown number*", "different number*", "followed me", "following me", "follows me",
        "follow me home", "watching me", "watched me", "watches me", "waiting outside",
        "waited outside", "waits outside", "kill me",
    ),
)  # fmt: skip

_ONLINE = Theme(
    "online_harassment",
    "online harassment",
    "online",
    (
        "online", "on-line", "internet", "social media", "dm", "dms", "dmed", "dm'd", "dm'ed",
        "direct message*", "private message*", "inbox", "fake account*", "fake profile*",
        "fake page", "burner account*", "doxx*", "doxing", "doxed", "dox", "deepfake*",
        "deep fake*", "edited photo*", "edited pic*", "edited image*", "photoshopped",
        "photoshop*", "nudes", "nude photo*", "nude pic*", "dick pic*", "unsolicited pic*",
        "unsolicited photo*", "unsolicited image*", "intimate image*", "intimate photo*",
        "revenge porn", "image-based abuse", "image based abuse", "sextort*", "forum", "forums",
        "subreddit", "reddit", "instagram", "insta", "twitter", "tweet*", "tiktok", "facebook",
        "snapchat", "discord", "youtube", "twitch", "whatsapp", "telegram", "linkedin", "tinder",
        "bumble", "hinge", "dating app*", "dating site*", "dating profile", "comment section",
        "comments section", "the comments", "my comments", "in the comments", "troll*", "pile-on",
        "pile on", "dogpil*", "harassment campaign", "group chat", "group chats", "voice chat",
        "in-game", "in game", "online game*", "gamer*", "gaming", "streamer", "streaming",
        "livestream*", "my stream", "my channel", "screenshot*", "screen shot*", "posted my",
        "posted photos", "posted pictures", "posted a photo", "posted a picture",
        "shared my photos", "shared my pictures", "shared my pics", "shared photos", "leaked my",
        "my photos", "my pics", "my pictures", "my selfies", "my profile", "his profile",
        "username", "usernames", "impersonat*", "catfish*", "cyberbully*", "cyber bully*",
        "cyberflash*", "cyber-flash*", "sexting", "reported the account", "reported his account",
        "reported the post", "report button", "passed around", "got passed around",
        "shared around", "sent around", "sent it to", "sent them to", "spread the",
        "a video of me", "video of me", "photos of me", "pictures of me", "took a video",
        "filmed me", "recorded me", "without my permission", "without permission", "left a review",
        "google review", "yelp", "the internet", "went viral", "every post", "my posts",
        "my videos", "my content", "creator", "onlyfans", "only fans", "teams message",
        "teams chat", "pinged me", "pinging me", "anonymous account", "anon", "anons", "4chan",
        "discord server", "voice channel", "twitch chat", "the chat", "messaged", "imessage",
        "wechat", "kakao",
    ),
    content_note=False,
    cues=(
        "post", "posts", "posted", "posting", "comment", "comments", "commented", "commenting",
        "reply", "replied", "message", "messages", "messaged", "text", "texts", "texted", "chat",
        "chats", "app", "apps", "website", "site", "page", "account", "accounts", "profile",
        "photo", "photos", "picture", "pictures", "pics", "pic", "selfie*", "image", "images",
        "video", "videos", "clip", "shared", "leaked", "viral", "tagged", "tag", "link", "server",
        "channel", "lobby", "headset", "game", "games", "player*", "blocked", "block", "muted",
        "reported", "anonymous", "fake", "edited", "bio", "handle", "screen", "phone", "sent me",
        "sends me", "notifications", "email", "emails", "texted me", "texting me", "texts me",
        "messaged me", "messages me", "messaging me", "emailed me", "emails me", "platform",
        "the platform", "snap", "ig", "fb", "podcast", "blog", "blog post", "review", "reviews",
        "signal", "line app", "emoji", "reacted", "ping", "memes", "meme", "slack", "my post",
        "followers", "blocked him", "block him", "blocked them", "the channel", "sms",
        "text message*", "hacked", "spam*", "thread", "replies", "mods", "moderator*", "sext*",
    ),
)  # fmt: skip

_WORK = Theme(
    "workplace_discrimination",
    "workplace discrimination",
    "institutional",
    (
        "promot*", "passed over", "raise", "pay rise", "pay raise", "salary", "salaries",
        "pay gap", "gender pay", "paid less", "pay women", "equal pay", "underpaid",
        "paid more", "hired", "hiring", "hire", "job interview*", "interview*",
        "maternity leave", "maternity", "paternity leave", "parental leave", "pregnan*",
        "mommy track", "mummy track", "motherhood penalty", "back from leave",
        "returned from leave", "performance review*", "annual review", "appraisal*",
        "coworker*", "co-worker*", "colleague*", "my manager", "my boss", "my supervisor",
        "my line manager", "my team lead", "my director", "my ceo", "the ceo", "my employer",
        "the manager", "the boss", "skip-level", "skip level", "all-hands", "offsite",
        "off-site", "at work", "at my work", "at my job", "my job", "my workplace",
        "workplace", "work email", "work party", "office party", "christmas party",
        "work trip", "business trip", "work event", "work drinks", "after-work",
        "after work", "happy hour", "in the office", "at the office", "the office",
        "in a meeting", "in meetings", "team meeting", "board meeting", "client meeting",
        "the meeting", "sexual harassment", "harassment training", "took credit",
        "takes credit", "taking credit", "credit for my", "my idea", "my ideas",
        "glass ceiling", "boys' club", "boys club", "old boys", "fired", "sacked",
        "let go", "laid off", "demoted", "my shift", "my shifts", "shifts", "the firm",
        "law firm", "partner track", "billable", "tenure", "the lab", "my lab", "my career",
        "career", "careers", "employer", "employee*", "staff", "my team", "the team",
        "new hire", "intern", "interns", "internship", "apprentic*", "job offer", "the job",
        "a job", "first job", "my first job", "my new job", "hr", "human resources",
    ),
    content_note=False,
    cues=(
        "work", "working", "worked", "job", "jobs", "office", "meeting", "meetings",
        "client", "clients", "customer*", "shift", "manager", "managers", "management",
        "boss", "supervisor", "director", "ceo", "founder", "executive", "company",
        "companies", "firm", "startup", "corporate", "business", "industry", "team",
        "lead", "senior", "junior", "partner", "project*", "assignment*", "deadline*",
        "presentation", "pitch", "report", "reports", "pay", "paid", "wage*", "bonus",
        "review", "feedback", "credit", "engineer*", "developer*", "programmer", "tech",
        "lawyer", "associate", "nurse", "doctor", "surgeon", "resident", "scientist",
        "research*", "professor", "academic", "lecturer", "teacher", "chef", "kitchen",
        "restaurant", "bar", "server", "waitress", "waitressing", "bartend*", "retail",
        "store", "warehouse", "factory", "construction", "site", "mechanic", "garage",
        "union", "contract", "contractor", "freelanc*", "recruit*", "resume", "cv",
        "applied", "applied for", "application", "position", "role", "title", "offer",
        "qualified", "experience", "skills", "childcare", "child care", "kids", "mother",
        "mum", "mom", "part-time", "part time", "flexible", "hours", "overtime",
        "dress code", "uniform", "heels", "conference", "panel", "men", "male", "guys",
        "women", "female", "woman", "less", "more", "same", "equal", "unfair",
    ),
)  # fmt: skip

_SAFETY = Theme(
    "safety_precautions",
    "safety precautions",
    "non-verbal",
    (
        "keys between my fingers", "keys between her fingers", "keys in my fist",
        "keys in my hand", "key between my fingers", "keys ready", "share my location",
        "sharing my location", "shared my location", "share location", "shares location",
        "share locations", "sharing location", "location sharing", "location on", "live location",
        "find my friends", "life360", "text me when you get home", "text when you get home",
        "text me when you're home", "text each other", "let me know when you get home",
        "let someone know", "tell someone where", "told someone where", "got home safe",
        "get home safe", "home safe", "home safely", "made it home", "got home okay", "fake call",
        "fake calls", "fake phone call", "pretend to be on the phone",
        "pretended to be on the phone", "pretending to be on the phone",
        "pretend i'm on the phone", "pretend to talk on", "pretended to call", "pretend to call",
        "watch my drink", "watching my drink", "watch our drinks", "cover my drink",
        "covering my drink", "hand over my drink", "hand over the glass", "never leave my drink",
        "leave my drink", "drink unattended", "drinks unattended", "drink spiking", "test strips",
        "vary my route", "varying my route", "change my route", "changed my route",
        "changing my route", "different route", "different routes", "the long way", "longer way",
        "well-lit", "well lit", "main road", "main roads", "lit streets", "before dark",
        "after dark", "never walk", "one earbud", "music off", "pepper spray", "rape alarm",
        "personal alarm", "safety alarm", "panic button", "self-defense", "self-defence",
        "self defense", "self defence", "martial arts", "krav maga", "ducked into",
        "check the back seat", "checked the back seat", "license plate", "licence plate",
        "number plate", "photo of the plate", "plate number", "buddy system", "in pairs",
        "walk me home", "walked me home", "walk me to", "walked me to", "walk each other",
        "ask for angela", "code word", "safe word", "safety plan", "women-only",
        "sit near the driver", "sat near the driver", "near the driver", "cross the street",
        "crossed the street", "crossing the street", "switched seats", "switch seats",
        "changed seats", "change seats", "changed carriages", "switched carriages",
        "moved carriages", "lock the door", "locked the door", "lock my door", "locked my door",
        "deadbolt", "peephole", "doorbell camera", "ring camera", "security camera", "precaution*",
        "to stay safe", "feel safer", "my rule", "rules i", "a rule", "i have rules", "i plan my",
        "plan my route", "keys like a", "keys as a weapon", "keys like claws", "one earbud out",
        "headphones out", "no headphones", "without headphones", "earbuds out", "text me when you",
        "text you when i", "texted my friend", "texted my sister", "text my friend",
        "text my sister", "where i am", "check in", "checking in", "check-in", "call me when",
        "stay on the phone", "stayed on the phone", "on the phone until", "phone in my hand",
        "holding my keys", "gripping my keys", "hold my keys", "keys in hand", "key in hand",
        "walk in the middle", "sit by the door", "sit near the exit", "aisle seat",
        "front of the bus", "front carriage", "busy carriage", "near other women",
        "next to a woman", "next to another woman", "walk fast", "walked faster", "walking faster",
        "don't make eye contact", "avoid eye contact", "no eye contact", "hood up", "hoodie up",
        "baggy clothes", "fake ring", "fake wedding ring", "fake name", "fake number",
        "never give my real", "stay sober", "count my drinks", "order my own", "thumb over",
        "hand over the top", "escape route", "always know where", "leave early", "home before",
        "cab home", "taxi home", "got a cab", "get a cab", "wait inside", "waited inside",
        "lit areas", "street lamps", "streetlamp*", "safety app", "what3words", "noonlight",
        "i carry", "carry a", "always carry", "never go", "never take", "never sit", "never wear",
        "i don't run", "i don't walk", "i won't walk", "i won't go", "i don't go out",
        "no longer run", "no longer walk", "not alone anymore", "never alone", "never go alone",
        "rules for", "taught me to", "teach my daughter", "taught my daughter", "my mother taught",
        "my mom taught", "my mum taught",
    ),
    content_note=False,
    cues=(
        "keys", "key", "location", "safe", "safety", "careful", "pretend", "pretended", "fake",
        "drink", "drinks", "route", "routes", "shortcut", "lit", "dark", "at night", "alone",
        "parking", "lock", "locked", "locks", "camera", "alarm", "spray", "weapon", "whistle",
        "hoodie", "baggy", "taught", "teach", "daughter", "daughters", "look behind",
        "looked behind", "over my shoulder", "hypervigilant", "vigilant", "find my", "now i",
        "i now", "i still", "i always", "i never", "i avoid", "avoid", "avoiding", "stopped going",
        "stopped running", "stopped walking", "stopped wearing", "stopped taking", "no longer",
        "taxi", "uber", "cab", "rideshare", "routine", "habit*", "safer", "stay safe",
        "to be safe", "in groups", "my keys", "headphones", "earbuds", "on the phone",
        "just in case", "walk alone", "walking alone", "alone at night", "get home", "got home",
        "home safe", "before i leave", "when i leave", "every time i", "streetlight*",
        "street lights",
    ),
)  # fmt: skip

_BLAMING = Theme(
    "victim_blaming",
    "victim blaming",
    "verbal",
    (
        "victim blaming", "victim-blaming", "victim blame*", "blamed me", "blame me", "blames me",
        "blaming me", "blamed her", "blamed the victim", "what were you wearing",
        "what was she wearing", "why didn't you", "why didn't you leave", "why did you stay",
        "why didn't you report", "why didn't you say", "why didn't you tell", "asking for it",
        "asked for it", "ask for it", "your own fault", "my own fault", "her own fault",
        "your fault", "my fault", "her fault", "take it as a compliment",
        "took it as a compliment", "it's a compliment", "it was a compliment", "just a compliment",
        "as a compliment", "be flattered", "should be flattered", "you should be flattered",
        "take it as", "overreact*", "over-react*", "over react*", "too sensitive", "so sensitive",
        "being sensitive", "oversensitive", "over-sensitive", "being dramatic", "so dramatic",
        "too dramatic", "making a big deal", "make a big deal", "made a big deal", "making a fuss",
        "make a fuss", "made a fuss", "making a scene", "it was just a joke", "it's just a joke",
        "just a joke", "just joking", "only joking", "just banter", "it was banter",
        "can't take a joke", "take a joke", "lighten up", "boys will be boys", "men will be men",
        "that's just how he is", "that's how he is", "how he is", "he's harmless",
        "he is harmless", "he didn't mean", "didn't mean anything", "he means well",
        "ruin his life", "ruin his career", "ruin his future", "ruin a man's",
        "should have known better", "should've known better", "had too much to drink",
        "how much i had", "how much you had", "how much you'd had", "had you been drinking",
        "were you drinking", "were you drunk", "been drinking", "led him on", "leading him on",
        "lead him on", "mixed signals", "sending signals", "the wrong idea", "wrong impression",
        "you flirted", "dressed like that", "dress like that", "what did you expect",
        "what do you expect", "what did you think", "cover yourself", "nobody believed me",
        "no one believed me", "nobody believes me", "no one believes me", "took his side",
        "taking his side", "takes his side", "making it up", "made it up", "make it up",
        "making things up", "exaggerat*", "attention seeking", "attention-seeking",
        "for attention", "wanted attention", "get over it", "punished", "punishing", "punish me",
        "disciplined", "i was suspended", "i got suspended", "i was written up",
        "asking for trouble", "provocative*", "provok*", "invited it", "brought it on",
        "bring it on yourself", "brought it on yourself", "i told you so", "told you so",
        "you know how he is", "you know what men are", "men are like that", "guys are like that",
        "what men are like", "they moved me instead", "moved me instead", "i was the one moved",
        "reading too much into", "you misread", "just being friendly", "just being nice",
        "he's like that with everyone", "don't make a scene", "not a big deal", "no big deal",
        "did you say no", "did you fight", "why didn't you fight", "why didn't you scream",
        "why didn't you call", "why did you go", "why did you go back", "you agreed",
        "you smiled at him", "gave him the wrong idea", "ruined his life", "ruining his life",
        "destroy his", "false accusation*", "falsely accus*", "cry wolf", "crying wolf",
        "slut-sham*", "slut sham*", "i blamed myself", "blame myself", "blaming myself",
        "self-blame", "nobody took me seriously", "no one took me seriously", "toughen up",
        "thick skin", "thicker skin", "at least he didn't", "could have been worse",
        "could've been worse", "should be grateful", "enjoy the attention", "secretly liked",
        "secretly wanted", "you wanted it", "you liked it", "my word against", "what did i expect",
        "what did she expect", "got myself into", "put yourself in", "boys will think",
        "what will people think", "you're too pretty", "don't dress like", "i was punished",
        "i was disciplined", "punished me", "disciplined me", "i was the problem",
        "i was the troublemaker", "made it about me", "my sexual history",
    ),
    content_note=False,
    cues=(
        "blame*", "fault", "shouldn't", "should've", "shouldn't've", "outfit", "skirt", "drunk",
        "drinking", "alcohol", "flirt*", "compliment", "flattered", "joke", "joking", "sensitive",
        "crazy", "believe", "believed", "doubt*", "questioned", "asked whether", "asked if",
        "asked why", "told me to", "told me i", "told me not", "me instead", "i was the one",
        "suspended", "transferred", "trouble", "misunderstanding", "misunderstood", "his side",
        "fuss", "signals", "encouraged", "encouraging", "brushed off", "shrugged", "eye roll*",
        "rolled her eyes", "rolled his eyes", "sighed", "walking alone", "walked alone",
        "out alone", "out late", "at that hour", "lying", "liar", "his future", "his career",
        "his reputation", "move on", "let it go", "harmless", "good guy", "dramatic", "cover up",
        "modest", "believe him", "both sides", "two sides", "flirting", "moved me",
        "sense of humor", "sense of humour", "what i wore", "i should have", "i should've",
        "why didn't i", "doubted", "didn't believe", "sure", "accus*", "gossip", "rumors",
        "rumours", "shame*", "shaming", "ashamed", "embarrass*", "laughed at me", "sided with",
        "defended him", "defend him", "excuse*", "excused", "justif*", "asked what", "asked why i",
        "why i", "what i did", "what i had", "alone", "late", "party", "drinks", "drank",
        "grateful", "lucky", "attention", "compliment*", "you should have", "you should've",
        "shouldn't have", "should not have", "why did you", "why would you", "why were you",
        "why did she", "why'd you", "dressed like", "for my own good", "for your own good",
        "believed him", "on his side", "written up", "wrote me up", "transferred me",
        "lost my job", "i was fired", "fired me", "you're lucky", "are you sure", "you sure",
        "was i sure", "my past", "my character", "questioned me", "interrogated",
        "they questioned", "he's a nice", "he's a good", "such a nice", "such a good",
        "in his car", "went to his place", "went back to his", "that situation", "put myself in",
        "reported me", "being friendly", "what did you do to", "you must have", "were you alone",
        "what were you doing", "why were you out", "why were you there", "the blame", "fault for",
        "calm down", "should have known", "should've known", "got in trouble", "i got in trouble",
        "i was the one who", "getting into trouble", "why was she", "why didn't she", "why go",
        "didn't believe me", "don't believe me", "doesn't believe me", "did not believe me",
        "drama queen", "hysterical", "troublemaker", "trouble maker", "what i was wearing",
        "what was i wearing", "what she was wearing", "what you were wearing",
        "what i'd been wearing",
    ),
)  # fmt: skip

_INSTITUTION = Theme(
    "institutional_failure",
    "institutional failure",
    "institutional",
    (
        "police", "policeman", "policemen", "policewoman", "cops", "cop", "officer", "officers",
        "detective", "constable", "sergeant", "precinct", "police station", "the station", "hr",
        "human resources", "principal", "headteacher", "head teacher", "headmaster",
        "headmistress", "vice principal", "dean", "the school", "my school", "the university",
        "my university", "the college", "title ix", "student services", "student union",
        "the judge", "a judge", "the court", "the courts", "court", "magistrate*", "prosecutor*",
        "the da", "district attorney", "landlord", "landlady", "letting agent", "property manager",
        "building management", "management company", "the agency", "the embassy", "the consulate",
        "social services", "social worker", "caseworker", "case worker", "child protective",
        "the council", "the platform", "trust and safety", "trust & safety", "support team",
        "customer service", "customer support", "auto-reply", "auto reply", "automated reply",
        "automated response", "automated message", "form letter", "template response", "auto-mod",
        "automod", "no violation", "doesn't violate", "does not violate", "didn't violate",
        "did not violate", "don't violate", "not a violation", "community guidelines",
        "community standards", "terms of service", "nothing they can do", "nothing they could do",
        "nothing we can do", "nothing we could do", "nothing i can do", "nothing anyone can do",
        "nothing to be done", "nothing could be done", "not much we can do",
        "isn't much we can do", "can't do anything", "couldn't do anything", "cannot do anything",
        "won't do anything", "wouldn't do anything", "didn't do anything", "did not do anything",
        "not do anything", "do nothing", "did nothing", "does nothing", "done nothing",
        "nothing was done", "nothing happened to him", "nothing happened", "nothing came of",
        "nothing changed", "no action", "took no action", "no consequences", "no consequence",
        "no charges", "not charged", "never charged", "charges were dropped",
        "dropped the charges", "dropped the case", "case was dropped", "closed the case",
        "case was closed", "case closed", "closed the ticket", "ticket was closed",
        "closed my report", "closed the report", "closed my complaint", "insufficient evidence",
        "not enough evidence", "lack of evidence", "no evidence", "he said, she said",
        "he said she said", "word against his", "my word against", "never investigated",
        "no one investigated", "nobody investigated", "didn't investigate", "did not investigate",
        "refused to investigate", "no investigation", "wouldn't investigate",
        "wouldn't take a report", "refused to take", "wouldn't take my",
        "didn't take it seriously", "not take it seriously", "didn't take me seriously",
        "not taken seriously", "wasn't taken seriously", "laughed at me", "laughed it off",
        "brushed it off", "brushed me off", "brushed off", "swept under the rug", "swept it under",
        "swept under the carpet", "covered it up", "cover-up", "still works there",
        "still teaches", "still coaches", "still employed", "still on the team",
        "still in my class", "promoted him", "he got promoted", "a warning", "verbal warning",
        "written warning", "slap on the wrist", "a talking-to", "been spoken to", "spoke to him",
        "had a word with him", "mediation", "no reply", "no response", "never responded",
        "never replied", "never heard back", "didn't hear back", "no one got back",
        "nobody got back", "reported it", "reported him", "reported them", "reported to",
        "i reported", "we reported", "she reported", "filed a report", "filed a complaint",
        "made a report", "made a complaint", "made a statement", "gave a statement", "my report",
        "a complaint", "my complaint", "formal complaint", "complained to", "complain to",
        "complaining to", "reporting it", "report it", "report him",
        "restraining order was denied", "order was denied", "denied my", "was denied",
        "rejected my", "off campus", "jurisdiction", "not their problem", "not our problem",
        "not my problem", "outside their", "told me to drop", "advised me not to",
        "advised me to drop", "the whole process", "did not follow up", "never followed up",
        "no follow-up", "no follow up", "lost my file", "lost the report", "handle it myself",
        "deal with it myself", "work it out between", "informal resolution", "resolved informally",
        "non-disclosure", "nda", "sided with him", "side with him", "protected him",
        "protecting him", "closed ranks", "marked as resolved", "no further action", "unfounded",
        "unsubstantiated", "inconclusive", "couldn't prove", "can't prove", "hard to prove",
        "referred me", "waiting list", "waitlist", "nobody answered", "no one answered",
        "put on hold", "never showed up", "never came", "didn't come", "refused to help",
        "wouldn't help", "couldn't help", "can't help", "didn't help", "unhelpful",
        "the authorities", "student conduct", "conduct office", "ombuds*", "tribunal", "eeoc",
        "grievance", "appeal", "appealed", "account is still up", "is still up", "still active",
        "still online", "suspended my account", "banned me", "i got banned", "my account was",
        "the system", "failed me", "failed us", "failed her", "let me down", "let us down",
        "no one helped", "nobody helped", "nobody did anything", "no one did anything",
        "the bouncer", "bouncers", "the bar staff", "the staff", "security guard*", "the guard",
        "the hotel", "the airline", "housing", "the church", "the pastor", "the priest",
        "the coach", "the club", "the league", "the federation", "the organisers",
        "the organizers", "leadership", "the board", "the department", "the hospital",
        "the clinic", "the doctor",
    ),
    content_note=False,
    cues=(
        "report", "reported", "reporting", "reports", "complaint", "complaints", "complained",
        "complain*", "filed", "case", "ticket", "investigat*", "evidence", "proof", "witness*",
        "statement", "charges", "charge", "denied", "dismissed", "dropped", "closed", "ignored",
        "refused", "automated", "paperwork", "system", "bureaucra*", "policy", "policies",
        "guidelines", "procedure*", "process", "moderators", "moderation", "mods", "admin",
        "admins", "administration", "school", "schools", "university", "college", "campus",
        "counselor", "counsellor", "agency", "government", "embassy", "immigration", "visa",
        "deport*", "lawyer", "attorney", "court", "judge", "pastor", "priest", "bouncer",
        "platform", "union", "leadership", "authorities", "system failed", "failed me",
        "let me down", "warning", "consequences", "told me to", "advised me to", "suggested i",
        "still there", "months later", "weeks later", "still waiting", "procedure", "the process",
        "refused to", "a report", "the report", "was promoted", "protect me", "protect us",
        "protect her", "took weeks", "took months", "resolved", "follow up", "followed up",
        "hotline", "helpline", "on hold", "useless", "dismissive", "unhelpful", "sided", "appeal",
        "banned", "suspended", "still up", "still", "nothing",
    ),
)  # fmt: skip

_LOOKS = Theme(
    "objectification_appearance",
    "objectification and appearance",
    "non-verbal",
    (
        "my body", "her body", "our bodies", "women's bodies", "bodies", "body parts",
        "body shaming", "body-shaming", "body shame*", "my figure", "her figure",
        "my curves", "my chest", "my breasts", "my boobs", "my butt", "my ass", "my legs",
        "my thighs", "my weight", "her weight", "lose weight", "gained weight",
        "put on weight", "lost weight", "too fat", "too thin", "too skinny", "fat",
        "dress code*", "dress-code*", "uniform policy", "uniform rules", "skirt", "skirts",
        "makeup", "make-up", "lipstick", "bikini", "swimsuit", "leggings", "crop top",
        "tank top", "low-cut", "cleavage", "neckline", "high heels", "heels", "too short",
        "too tight", "too revealing", "revealing", "distracting", "a distraction",
        "distract the boys", "distracting the boys", "distracting to", "modest*",
        "cover up", "cover yourself", "covered up", "smile more", "you should smile",
        "give us a smile", "pretty face", "so pretty", "too pretty", "pretty for",
        "prettier", "sexy", "hot", "hottest", "beautiful", "ugly", "attractive",
        "unattractive", "cute", "cutie", "gorgeous", "my looks", "her looks", "good looks",
        "how i look", "how she looks", "how i looked", "the way i look", "the way i dress",
        "what i wear", "what i wore", "what she wore", "what she was wearing",
        "appearance", "her appearance", "my appearance", "looks", "objectif*",
        "sexualis*", "sexualiz*", "hypersexual*", "piece of meat", "eye candy",
        "arm candy", "trophy wife", "rated", "rating", "rate her", "rate us", "ranked",
        "ranking", "ranked us", "list ranking", "hot or not", "out of ten", "out of 10",
        "stared at my", "staring at my", "stares at my", "looked me up and down",
        "looking me up and down", "up and down", "checking me out", "checked me out",
        "comments about my body", "comment on my body", "commented on my body",
        "commenting on my body", "comments about my", "commented on my",
        "commenting on my", "comments on my", "remarks about my", "developed early",
        "my outfit", "her outfit", "outfit", "outfits", "headline*", "magazine*", "tabloid*",
        "the press", "media coverage", "news coverage", "the media", "advert*", "billboard*",
        "commercial*", "music video*", "red carpet", "fashion*", "airbrush*",
        "photoshopped", "beauty standards", "beauty standard", "male gaze", "costume*",
        "armor", "armour", "boob window",
    ),
    content_note=False,
    cues=(
        "body", "figure", "curves", "curvy", "chest", "breasts", "boobs", "tits", "butt",
        "ass", "legs", "thighs", "lips", "face", "hair", "skin", "weight", "pounds",
        "kilos", "diet", "pretty", "beauty", "looks", "looking", "look", "wear", "wearing",
        "wore", "dress", "dresses", "dressed", "clothes", "clothing", "shorts", "top",
        "shirt", "jeans", "uniform", "shoes", "jewelry", "jewellery", "nails", "heels",
        "covered", "shoulders", "bra", "stared", "staring", "stare", "gawk*", "ogl*",
        "leer*", "whistled", "comment", "comments", "commented", "remarks", "compliment*",
        "sexy", "hot", "babe", "baby", "cutie", "sweetheart", "media", "article",
        "articles", "news", "press", "journalist*", "reporter*", "coverage", "tv",
        "television", "film", "films", "movie", "movies", "show", "series", "character*",
        "video game", "video games", "game", "ad", "ads", "campaign", "brand", "model",
        "models", "photo", "photos", "photographer", "camera", "instagram", "filter*",
        "award", "ceremony", "athlete*", "actress", "singer", "politician", "scientist",
        "mother of", "mum of", "mom of", "wife", "female", "women", "girls", "girl",
    ),
)  # fmt: skip

_SEXISM = Theme(
    "everyday_sexism",
    "everyday sexism",
    "verbal",
    (
        "#everydaysexism", "everyday sexism", "sexism", "sexist", "misogyn*", "mansplain*",
        "man-splain*", "explained to me", "explain to me", "explained it to me",
        "explaining it to me", "explains to me", "explained my", "explaining my", "talked over",
        "talks over", "talking over", "talk over", "spoke over", "speaks over", "speaking over",
        "interrupt*", "cut me off", "cuts me off", "cutting me off", "talked down", "talks down",
        "talking down", "talk down", "spoke down", "condescend*", "patronis*", "patroniz*",
        "belittl*", "dismissive", "as a woman", "for a woman", "for a girl", "as a girl",
        "like a girl", "because i'm a woman", "because i am a woman", "because i'm a girl",
        "because she's a woman", "because we're women", "because i was a woman",
        "because i was a girl", "because of my gender", "because of our gender", "women can't",
        "women don't", "women aren't", "women are", "women should", "women shouldn't",
        "women belong", "girls can't", "girls don't", "girls aren't", "girls are", "girls should",
        "girls shouldn't", "a girl can't", "a woman can't", "woman's place", "women's place",
        "in the kitchen", "make me a sandwich", "get back in the kitchen", "housework", "chores",
        "household", "homemaker", "housewife", "man of the house", "head of the household",
        "real job", "girl job", "women's work", "emotional", "too emotional", "hormonal",
        "time of the month", "on her period", "on your period", "pms", "bossy", "shrill",
        "nagging", "nag", "abrasive", "too aggressive", "aggressive", "too ambitious", "feisty",
        "sweetheart", "sweetie", "honey", "darling", "young lady", "little lady", "little girl",
        "good girl", "girls", "ladies", "ask my husband", "asked my husband", "ask your husband",
        "asked for my husband", "your husband", "my husband's", "your boyfriend", "your dad",
        "speak to a man", "talk to a man", "speak to the man", "talk to the man", "a man to",
        "the man in charge", "where's the man", "female engineer", "female doctor", "female pilot",
        "female boss", "lady doctor", "lady boss", "woman driver", "women drivers", "the nurse",
        "assumed i was", "assumed she was", "assumes i'm", "assumed i'm", "assumed i", "assume i",
        "assumption*", "mistook me for", "mistaken for", "the secretary", "take notes",
        "taking notes", "take the notes", "took the notes", "make coffee", "get coffee",
        "fetch coffee", "making coffee", "the coffee", "the only woman", "only woman",
        "the only girl", "only girl", "only female", "token woman", "diversity hire", "quota",
        "good at math", "good at maths", "bad at math", "bad at maths", "mechanic", "gamer girl",
        "girl gamer", "fake gamer", "kids yet", "have kids", "biological clock", "settle down",
        "when are you getting married", "when will you get married", "find a husband",
        "get a husband", "a husband", "gender roles", "gender role", "stereotyp*",
        "double standard*", "men are better", "men don't", "boys don't", "real man", "real men",
        "man up", "throw like a girl", "run like a girl", "smile more", "girl boss", "girlboss",
        "smart for a", "good for a girl", "not bad for a", "at least you're pretty",
        "why aren't you married", "looking after the kids", "who looks after", "babysitting your",
        "mom brain", "mum brain", "mummy brain", "baby brain", "the missus", "girl things",
        "for boys", "not for girls", "not a girl thing", "ladylike", "unladylike", "lady-like",
        "act like a lady", "be a lady", "wife material", "female driver", "can you lift",
        "let me carry", "let a man", "need a man", "get your dad", "called me girl",
        "called me sweetheart", "called me love", "called me honey", "called me dear",
        "called me sweetie", "pat on the head", "patted my head", "patted me on the head",
        "repeated what i said", "took my idea", "stole my idea", "same idea",
        "looked at my husband", "talked to my husband", "talked to my boyfriend",
        "spoke to my husband", "spoke to my boyfriend", "only spoke to", "only talked to",
        "looked past me", "addressed him", "addressed my", "male colleague", "male colleagues",
        "male coworker", "male co-worker", "gender bias", "unconscious bias", "gendered",
        "feminine", "maternal", "naturally better", "natural for women", "can't drive",
        "can't park", "can't code", "can't do math", "who's the babysitter", "brave for a",
        "too pretty to", "pretty to be", "don't look like", "doesn't look like",
        "you don't look like an", "you don't look like a", "the little woman", "the wife",
        "women in", "women's jobs", "a man's job", "man's job", "men's jobs", "man's world",
        "men's work",
    ),
    content_note=False,
    cues=(
        "explain*", "assumed", "assume", "assuming", "interrupted", "ignored", "ignored me",
        "repeated my", "credit", "woman", "women", "girl", "girls", "female", "females",
        "lady", "ladies", "man", "men", "male", "males", "guy", "guys", "boys", "bro",
        "husband", "wife", "mother", "mom", "mum", "dad", "father", "brother", "uncle",
        "grandma", "grandpa", "aunt", "family", "relatives", "thanksgiving", "christmas",
        "dinner", "cook", "cooking", "clean", "cleaning", "dishes", "laundry", "babysit*",
        "kids", "children", "married", "marry", "marriage", "single", "wedding", "pink",
        "math", "maths", "science", "tech", "engineering", "stem", "cars", "car",
        "tools", "hardware", "sports", "football", "games", "coffee", "notes",
        "secretary", "receptionist", "assistant", "nurse", "cute", "hon", "love", "dear",
        "honey", "sweetie", "smile", "nice", "polite", "meeting", "customer",
        "salesman", "shop", "store", "nod*", "laughed", "joke", "jokes",
    ),
)  # fmt: skip


DEFAULT_THEMES: tuple[Theme, ...] = (
    _STREET, _ADVANCES, _ASSAULT, _IPV, _STALKING, _ONLINE,
    _WORK, _SAFETY, _BLAMING, _INSTITUTION, _LOOKS, _SEXISM,
)  # fmt: skip


# A keyword counts three times a cue; a theme needs THRESHOLD points, so one keyword
# or two different cues.
KEYWORD_WEIGHT = 3
THRESHOLD = 2
# Stories touch one to three themes; a theme with only weak cues, far below the best,
# is noise.
MAX_THEMES = 3
RELATIVE_FLOOR = 0.4


_TOKEN = re.compile(r"[#@]?[\w'*]+(?:-[\w'*]+)*")


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("’", "'"))


# Compared by identity: each phrase object is distinct, and hashing stays cheap.
@dataclass(frozen=True, eq=False)
class _Phrase:
    theme: int  # index into the catalogue
    weight: int
    words: tuple[str, ...]  # a word ending in "*" matches any ending
    wild: bool  # whether any word after the first ends in "*"


def _fits(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern[-1] == "*" else word == pattern


def _rest_fits(entry: _Phrase, words: list[str], i: int) -> bool:
    """Whether the words after the first, from ``words[i]`` on, fit ``entry``."""
    n = len(entry.words)
    if not entry.wild:
        return tuple(words[i + 1 : i + n]) == entry.words[1:]
    return all(_fits(p, w) for p, w in zip(entry.words[1:], words[i + 1 : i + n], strict=True))


@dataclass(frozen=True)
class _Starts:
    """The phrases whose first word fits one particular word."""

    whole: tuple[_Phrase, ...]  # one-word phrases: found as soon as the word is
    by_next: dict[str, tuple[_Phrase, ...]]  # longer phrases, by their exact second word
    other: tuple[_Phrase, ...]  # longer phrases whose second word is a wildcard


# Distinct words remembered per catalogue; stories share most of their vocabulary,
# so after a few stories nearly every word is a single dictionary look-up.
_CACHE_LIMIT = 50_000
_UNSEEN = _Starts((), {}, ())  # marks a word not looked up yet


class _Matcher:
    """All phrases of a catalogue, indexed by their first word.

    A story is read in one pass; what each distinct word starts is worked out once
    and cached, so the cost per word is a dictionary look-up whatever the number
    of phrases or wildcards.
    """

    def __init__(self, themes: tuple[Theme, ...]) -> None:
        self._exact: dict[str, list[_Phrase]] = {}
        self._stems: dict[str, list[_Phrase]] = {}
        for index, theme in enumerate(themes):
            for weight, phrases in ((KEYWORD_WEIGHT, theme.keywords), (1, theme.cues)):
                for phrase in phrases:
                    words = tuple(_words(phrase))
                    if not words:
                        continue
                    entry = _Phrase(index, weight, words, any(w[-1] == "*" for w in words[1:]))
                    if words[0].endswith("*"):
                        self._stems.setdefault(words[0][:-1], []).append(entry)
                    else:
                        self._exact.setdefault(words[0], []).append(entry)
        self._stem_lengths = sorted({len(stem) for stem in self._stems})
        self._cache: dict[str, _Starts | None] = {}

    def _starts(self, word: str) -> _Starts | None:
        entries = list(self._exact.get(word, ()))
        for n in self._stem_lengths:
            if n > len(word):
                break
            entries.extend(self._stems.get(word[:n], ()))
        if not entries:
            return None
        by_next: dict[str, list[_Phrase]] = {}
        for e in entries:
            if len(e.words) > 1 and not e.words[1].endswith("*"):
                by_next.setdefault(e.words[1], []).append(e)
        return _Starts(
            tuple(e for e in entries if len(e.words) == 1),
            {k: tuple(v) for k, v in by_next.items()},
            tuple(e for e in entries if len(e.words) > 1 and e.words[1].endswith("*")),
        )

    def found(self, words: list[str]) -> set[_Phrase]:
        """Every distinct phrase that occurs in ``words``."""
        cache = self._cache
        found: set[_Phrase] = set()
        last = len(words) - 1
        for i, word in enumerate(words):
            starts = cache.get(word, _UNSEEN)
            if starts is _UNSEEN:
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                starts = cache[word] = self._starts(word)
            if starts is None:
                continue
            found.update(starts.whole)
            if i == last:
                continue
            for entry in starts.by_next.get(words[i + 1], ()):
                n = len(entry.words)
                if n == 2 or (i + n <= last + 1 and _rest_fits(entry, words, i)):
                    found.add(entry)
            for entry in starts.other:
                if i + len(entry.words) <= last + 1 and _rest_fits(entry, words, i):
                    found.add(entry)
        return found

    def scores(self, words: list[str], size: int) -> tuple[list[int], list[bool]]:
        """Points per theme, and which themes had a keyword.

        Each distinct phrase found counts its weight once.
        """
        points = [0] * size
        keyed = [False] * size
        for entry in self.found(words):
            points[entry.theme] += entry.weight
            keyed[entry.theme] |= entry.weight == KEYWORD_WEIGHT
        return points, keyed


@lru_cache(maxsize=64)
def _matcher(themes: tuple[Theme, ...]) -> _Matcher:
    return _Matcher(themes)


@dataclass(frozen=True)
class ThemeCatalog:
    """The themes one community uses."""

    themes: tuple[Theme, ...] = field(default_factory=lambda: DEFAULT_THEMES)

    @cached_property
    def _matcher(self) -> _Matcher:
        return _matcher(self.themes)

    def ids(self) -> list[str]:
        """Theme ids in catalogue order."""
        return [t.id for t in self.themes]

    def get(self, theme_id: str) -> Theme | None:
        """The theme with ``theme_id``, if the community has it."""
        return next((t for t in self.themes if t.id == theme_id), None)

    def tag(self, text: str) -> tuple[str, ...]:
        """Ids of the themes the story touches, in catalogue order.

        The strongest themes that reach the threshold are kept, at most
        ``MAX_THEMES`` of them; a theme with cues only must also reach a floor
        relative to the best one. Themes a community defined by keywords alone
        are kept whenever a keyword occurs.
        """
        points, keyed = self._matcher.scores(_words(text), len(self.themes))
        best = max(points, default=0)
        ranked = sorted(
            (
                (p, t.id)
                for t, p, k in zip(self.themes, points, keyed, strict=True)
                if t.cues and p >= THRESHOLD and (k or p >= best * RELATIVE_FLOOR)
            ),
            key=lambda pair: -pair[0],
        )
        chosen = {theme_id for _, theme_id in ranked[:MAX_THEMES]}
        chosen |= {t.id for t, p in zip(self.themes, points, strict=True) if not t.cues and p}
        return tuple(t.id for t in self.themes if t.id in chosen)

    def with_changes(
        self,
        added: tuple[Theme, ...] = (),
        removed: tuple[str, ...] = (),
        extra_keywords: dict[str, tuple[str, ...]] | None = None,
    ) -> ThemeCatalog:
        """A catalogue with themes added, removed, and keywords extended."""
        extra = extra_keywords or {}
        kept = [t for t in self.themes if t.id not in removed]
        kept.extend(added)
        return ThemeCatalog(
            tuple(replace(t, keywords=t.keywords + extra.get(t.id, ())) for t in kept)
        )


def default_catalog() -> ThemeCatalog:
    """The twelve default themes."""
    return ThemeCatalog()
