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
        "catcall*", "wolf whistl*", "whistled at", "whistles", "whistling", "honked", "honking",
        "hissing", "smile sweetheart", "smile, sweetheart", "flashed me", "flashed", "flasher",
        "exposed himself", "from a car", "from his car", "from the car", "moving car",
        "car slows down", "car slowed down", "slowed down next to me", "construction site",
        "construction workers", "#streetharassment", "street harassment", "on the bus",
        "on the train", "on the subway", "on the metro", "on the tube", "on the tram",
        "in the metro", "metro", "subway", "rush hour", "crowded train", "crowded bus",
        "crowded", "transit police", "followed me home", "followed home", "bus stop",
        "in public", "on the street", "down the street", "across the street", "passers-by",
        "kerb crawl*", "leered", "leering", "stared at me", "on the platform",
    ),
    content_note=False,
    cues=(
        "whistle*", "leer*", "ogl*", "honk*", "stranger", "strangers", "a stranger", "some guy",
        "random guy", "random man", "a man on", "a guy on", "men on", "on my way home",
        "walking to", "walked to", "walking home", "walk home", "jogging", "on my run",
        "out running", "at the bus", "at the station", "at the train", "in the train",
        "in the street", "on the sidewalk", "passing car", "drove past", "drove by",
        "yelled at me", "shouted at me", "called out to me", "commented on my", "blew kisses",
        "kissing noises", "followed me for", "followed me off", "masturbat*", "exposed",
        "public transport", "the carriage", "tram", "the bus", "the train", "the metro",
        "sidewalk", "in the park", "at the market", "at the festival", "in the crowd", "crowd",
        "market", "festival", "parking garage", "gas station", "the beach", "stranger*",
        "street", "walkin home", "public", "pavement", "passing", "yelled", "shouted",
        "guy on the", "man on the", "bus", "train", "station", "cyclist", "driver", "block",
        "corner", "car", "compliment",
    ),
)  # fmt: skip

_ADVANCES = Theme(
    "unwanted_advances",
    "unwanted advances",
    "verbal",
    (
        "asked me out", "ask me out", "asking me out", "asks me out", "take no for an answer",
        "took no for", "taking no for", "i have a boyfriend", "i have boyfriend",
        "had a boyfriend", "have a boyfriend", "had a bf", "have a bf", "turned down a date",
        "turned him down", "turned down his", "rejected him", "after i rejected",
        "after i said no", "after we said no", "even after i said", "said no thanks",
        "said no like", "not interested", "one drink", "one coffee", "one date",
        "wouldn't leave us alone", "wouldn't leave me alone", "won't leave me alone",
        "kept asking", "keeps asking", "keep asking", "kept messaging", "not giving up",
        "wasn't going to give up", "won't give up", "i don't date", "asking me for drinks",
        "asked me for drinks", "for drinks", "hang out", "friend zone", "friendzone*",
        "wouldn't stop texting", "hit on me", "hitting on me", "his number", "my number",
        "persistent", "marriage proposals", "proposition*", "advances", "entitled",
        "no means no", "when i ended it",
    ),
    content_note=False,
    cues=(
        "asked for my number", "ask for my number", "asking for my number", "wouldn't take no",
        "won't take no", "didn't take no", "doesn't take no", "no thank you", "no thanks",
        "i said no", "said no twice", "said no again", "leave me alone", "go out with him",
        "go out with me", "date him", "dinner with him", "bought me a drink", "buy me a drink",
        "buy you a drink", "i'm married", "i'm not single", "wedding ring", "my husband is",
        "ignored my no", "ignored me", "kept texting", "kept calling", "kept sending",
        "showered me", "gifts", "love letters", "confessed", "crush", "ghosted", "rejected",
        "rejecting", "rejection", "turned him", "turn him down", "bitch after",
        "called me a bitch", "called me ugly", "frigid", "stuck up", "too good for",
        "retaliat*", "got angry when i", "when i said no", "because i said no",
        "after i turned", "said no", "no", "again", "drink", "dinner", "number", "boyfriend",
        "single", "date", "drinks", "dated", "interested", "flowers",
    ),
)  # fmt: skip

_ASSAULT = Theme(
    "sexual_assault",
    "sexual assault",
    "physical",
    (
        "grop*", "assault*", "raped", "rape", "rapist", "molest*", "touched me", "touch me",
        "touching me", "touched my", "hand on my thigh", "hand on my leg", "hand up my",
        "hand on my waist", "grabbed me", "grabbed my", "rubbing up", "rubbed against",
        "rubbing against", "slapped my butt", "slapped my ass", "pressed against me",
        "press against me", "pressing against me", "pressed himself", "forced himself",
        "non-consensual", "nonconsensual", "without consent", "without my consent", "coerced",
        "coercion", "spiked my drink", "drugged", "kissed me without", "forced me", "pinned me",
        "unwanted touching", "put his hand", "put his hands", "his hand on my",
        "his hands on my",
    ),
    content_note=True,
    cues=(
        "sexual*", "fondl*", "his hand", "his hands", "hands on me", "hands all over",
        "felt me up", "feel me up", "kissed me", "forced a kiss", "forcibly", "pushed me down",
        "held me down", "on top of me", "took advantage", "passed out", "blacked out",
        "woke up", "couldn't consent", "under my skirt", "up my skirt", "my chest",
        "my breast*", "my butt", "my ass", "my thigh", "my crotch", "between my legs",
        "pressed", "rubbed", "touched", "touching", "unwanted", "violated", "survivor", "hand",
        "hands", "grabbed", "body", "drunk", "drink", "night", "party", "room", "cornered me",
        "too much to drink", "consent", "against me", "hands on", "said no",
    ),
)  # fmt: skip

_IPV = Theme(
    "intimate_partner_violence",
    "intimate partner violence",
    "physical",
    (
        "coercive control", "controlling", "abusive relationship", "domestic violence",
        "domestic abuse", "checked my phone", "checks my phone", "check my phone",
        "my paycheck", "my money", "my passport", "protective order", "custody", "hit me",
        "never hit me", "beat me", "choked me", "he would kill me", "gaslight*", "moved out",
        "changed the locks", "partner abuse", "abuse", "abused me", "no one will believe me",
        "left him", "leave him", "family court", "the kids",
    ),
    content_note=True,
    cues=(
        "my ex", "ex-boyfriend", "ex-husband", "ex-partner", "ex-girlfriend", "ex-wife",
        "my husband", "my partner", "my boyfriend", "my girlfriend", "my wife", "husband",
        "boyfriend", "fiance", "fiancé", "when we were together", "while we were together",
        "we were together", "relationship", "abuser", "abusive", "pushed me", "shoved me",
        "slapped me", "punched me", "strangled", "isolat*", "jealous", "possessive",
        "wouldn't let me", "won't let me", "not allowed to", "allowance", "bank account",
        "took my phone", "my phone every", "my location", "the children", "our children",
        "our son", "our daughter", "divorce", "separated", "visitation", "family law",
        "shelter", "refuge", "left me", "walking on eggshells", "apologized", "apologised",
        "love bomb*", "silent treatment", "ex", "partner", "control", "money", "phone", "kids",
        "children", "left", "court", "marriage", "married", "threatening me", "dated",
        "in secret", "every night", "years",
    ),
)  # fmt: skip

_STALKING = Theme(
    "stalking_threats",
    "stalking and threats",
    "non-verbal",
    (
        "stalk*", "followed me", "following me", "follows me", "tracked me", "tracking me",
        "tracker", "airtag", "gps", "turned up at", "turns up at", "showed up at",
        "shows up at", "waited outside", "waiting outside", "waits outside", "outside my house",
        "outside my door", "outside my work", "outside my flat", "outside my apartment",
        "outside my building", "found my address", "restraining order", "threaten*", "threat",
        "threats", "kill me", "left flowers", "flowers left", "same car", "same truck",
        "in my rearview", "every day for", "look behind me", "my schedule", "where i live",
        "watching me", "watches me", "was watching", "find out who it is", "new number",
        "keeps texting", "appearing",
    ),
    content_note=True,
    cues=(
        "watched me", "watched my", "watching my", "outside my", "at my door", "at my house",
        "at my work", "at my job", "at my gym", "my address", "my home address", "my route",
        "my car", "found me", "find me", "knew where", "knows where", "where i work",
        "where i was", "turned up", "showed up", "shows up", "keeps showing up",
        "kept showing up", "appeared at", "everywhere i go", "everywhere i went", "same bus",
        "same café", "same cafe", "every morning", "every evening", "hang around",
        "hangs around", "lurk*", "parked outside", "drove past my", "drives past",
        "sent flowers", "left a note", "left notes", "letters", "cards", "gifts on", "monitor*",
        "spyware", "location", "burner", "blocked him", "blocked it", "new account",
        "another account", "multiple accounts", "unknown number", "texting me", "calling me",
        "called me", "hurt me", "kill", "going to hurt", "i'm scared", "scared", "afraid",
        "frightened", "hurt you", "make you pay", "you'll regret", "regret it",
        "watch your back", "every day", "every night", "again", "waited", "watched", "noticed",
        "appeared", "outside", "car", "door", "followed", "noticed him",
    ),
)  # fmt: skip

_ONLINE = Theme(
    "online_harassment",
    "online harassment",
    "online",
    (
        "online", "dm", "dms", "dmed", "dm'd", "direct message*", "fake account*", "fake insta",
        "fake profile", "doxx*", "dox", "deepfake*", "edited photo*", "forum", "thread",
        "comments", "replies", "voice chat", "streamer", "posted my", "posted the", "he posted",
        "passed around", "screenshots", "unsolicited pics", "unsolicited", "nudes", "auto-mod",
        "mods", "the platform", "reddit", "instagram", "insta", "twitter", "tiktok", "facebook",
        "snapchat", "discord", "profile", "accounts", "texting me", "texts me", "messaging",
        "messaged", "trolls", "troll*", "slurs", "the bio", "my pics", "my photos",
        "the photos", "the video", "pinging me", "group chat", "gamer*", "in game",
        "online game", "the server", "my server", "subreddit",
    ),
    content_note=False,
    cues=(
        "post", "posts", "posted", "posting", "comment", "commented", "commenting", "reply",
        "replied", "tweet*", "retweet*", "dm'ed", "inbox", "messages", "message", "chat",
        "chats", "whatsapp", "telegram", "youtube", "twitch", "linkedin", "tinder", "bumble",
        "hinge", "dating app", "app", "website", "site", "internet", "social media", "username",
        "followers", "follower", "subscribers", "viral", "shared my", "shared the",
        "shared photos", "shared pics", "leaked", "photoshop*", "edited", "fake", "impersonat*",
        "catfish*", "revenge porn", "intimate images", "images", "pictures", "pics", "selfie*",
        "screenshot*", "video", "videos", "clip", "stream", "streaming", "gaming", "game",
        "games", "headset", "lobby", "my channel", "channel", "email", "emails", "emailed",
        "texts", "texted", "sent me", "spam*", "report button", "block", "blocked", "muted",
        "ratio'd", "pile-on", "harassment campaign", "hashtag", "photos", "account",
    ),
)  # fmt: skip

_WORK = Theme(
    "workplace_discrimination",
    "workplace discrimination",
    "institutional",
    (
        "promot*", "promo", "raise", "salary", "pay gap", "paid less", "pay women", "equal pay",
        "hired", "hiring", "job interview", "maternity leave", "pregnan*", "mommy track",
        "performance review", "my reviews", "coworker*", "co-worker*", "colleague*",
        "my manager", "my boss", "my supervisor", "skip-level", "all-hands", "offsite",
        "at work", "work email", "work permit", "my employer", "workers", "uniform policy",
        "restaurant job", "first job", "job in", "in the office", "in a meeting", "billable",
        "the firm", "women in tech", "my team", "training", "shifts", "hr", "human resources",
        "the boss", "the manager", "interview", "career", "panel", "conference",
    ),
    content_note=False,
    cues=(
        "at my job", "my job", "the job", "jobs", "workplace", "work", "office", "meeting",
        "meetings", "client", "clients", "customer*", "shift", "manager", "boss", "supervisor",
        "employer", "employee*", "company", "firm", "startup", "corporate", "ceo", "director",
        "team lead", "lead", "senior", "junior", "intern*", "internship", "paycheck", "pay",
        "paid", "wage*", "bonus", "review", "reviews", "feedback", "assignment*", "project*",
        "credit for", "took credit", "my idea", "my ideas", "my work", "my design", "my code",
        "engineer*", "developer*", "lab", "university job", "tenure", "faculty", "professor",
        "nurse", "doctor", "surgeon", "restaurant", "kitchen", "chef", "server", "waitress",
        "waitressing", "retail", "store", "warehouse", "factory", "site", "construction",
        "union", "contract", "contractor", "recruiter", "resume", "cv", "applied for",
        "applied", "position", "role", "job offer", "offer", "fired", "let go", "laid off",
        "demoted", "passed over", "overlooked", "glass ceiling", "old boys", "boys' club",
        "dress code at work", "childcare", "child care", "kids", "mother", "mom guilt",
        "part-time", "flexible hours", "return to work", "came back from", "leave", "job",
        "team", "colleague", "men", "male",
    ),
)  # fmt: skip

_SAFETY = Theme(
    "safety_precautions",
    "safety precautions",
    "non-verbal",
    (
        "keys between my fingers", "keys in my hand", "my keys", "share location",
        "shares location", "sharing location", "share my location", "location sharing",
        "location on", "text me when", "text when you get home", "home safe", "got home safe",
        "fake call", "fake phone call", "pretend to be on the phone",
        "pretended to be on the phone", "watch my drink", "drink down", "cover my drink",
        "vary my route", "changed my route", "change my route", "different route",
        "before dark", "after dark", "headphones out", "pepper spray", "self-defense",
        "self-defence", "ducked into", "under a light", "well-lit", "look behind me",
        "have a rule", "the route", "parking lot", "alone at night", "never walk", "walk alone",
        "locked my", "lock the door", "changed the locks",
    ),
    content_note=False,
    cues=(
        "keys", "key between", "keys between", "my location", "location", "find my",
        "find my friends", "life360", "tracking app", "text my", "texted my", "text you when",
        "text me when i", "let someone know", "tell someone", "told someone", "when i leave",
        "when i'm back", "when i get home", "got home", "get home", "made it home",
        "home safely", "safe", "safety", "pretend", "pretended", "fake", "on the phone",
        "call my", "calling my", "my drink", "our drinks", "drinks", "never leave",
        "leave my drink", "cover", "buddy system", "in pairs", "in groups", "never alone",
        "not alone", "alone", "walk me", "walked me", "walk with", "route", "routes",
        "shortcut", "long way", "the long way", "main road", "lit", "light", "lights",
        "streetlight*", "dark", "night", "at night", "late at night", "earbuds", "earphones",
        "headphones", "music off", "hoodie", "baggy", "cross the street", "crossed the street",
        "switch seats", "switched seats", "changed seats", "sit near", "near the driver",
        "uber", "taxi", "cab", "license plate", "photo of the plate", "plate number",
        "ask for angela", "panic button", "alarm", "whistle", "spray", "weapon", "self defense",
        "self defence", "martial arts", "lock", "locks", "locked", "deadbolt", "chain",
        "camera", "ring doorbell", "doorbell", "peephole", "curtains", "blinds", "my rule",
        "rules", "a rule", "routine", "habit*", "always check", "check the back seat",
        "back seat", "carry", "i never", "i always", "i still", "avoid", "avoiding",
        "stopped going", "stopped running", "stopped walking", "gym at", "at 6am", "at 5am",
        "early morning", "daughter", "taught my", "teach my", "home", "never", "always",
        "drink",
    ),
)  # fmt: skip

_BLAMING = Theme(
    "victim_blaming",
    "victim blaming",
    "verbal",
    (
        "what were you wearing", "what was she wearing", "why were you", "why didn't you",
        "why did you", "why would you", "asking for it", "your own fault", "my own fault",
        "your fault", "it's a compliment", "just a compliment", "as a compliment",
        "be flattered", "overreact*", "being sensitive", "too sensitive", "been drinking",
        "how much i'd had", "had too much to drink", "the wrong idea", "flirting",
        "told you so", "cover up", "for my own good", "getting into trouble",
        "that kind of trouble", "should not", "shouldn't have", "should have known",
        "walking alone", "did he touch you", "boys will be boys", "led him on", "lead him on",
        "dressed like that", "what did you expect", "punished", "drama", "making it up",
        "exaggerat*", "ruin his", "his future", "never be doing it right",
    ),
    content_note=False,
    cues=(
        "blame", "blamed", "blaming", "my fault", "her fault", "fault", "asked for it",
        "wearing", "what i was wearing", "what was i wearing", "what you were wearing",
        "why was i", "why was she", "why didn't i", "why didn't she", "why did she", "why go",
        "why were", "why did i", "why not", "should've", "should have", "you should",
        "she should", "i should have", "shouldn't", "didn't you", "why'd you", "compliment",
        "flattered", "take it as", "lighten up", "calm down", "relax", "joke", "just joking",
        "sense of humor", "sense of humour", "sensitive", "hysterical", "crazy", "lying",
        "liar", "lie", "didn't believe", "don't believe", "nobody believed", "no one believed",
        "believed him", "took his side", "his side", "both sides", "there are two sides",
        "his career", "his life", "nice guy", "good guy", "he's a good", "he's harmless",
        "harmless", "just how he is", "that's just", "boys will", "drunk", "drinking",
        "alcohol", "were you drunk", "had you been", "flirt*", "led on", "signals",
        "mixed signals", "provok*", "invited it", "attention", "attention-seeking",
        "overreaction", "over-reacting", "making a big deal", "big deal", "get over it",
        "move on", "let it go", "punish*", "suspended", "i got in trouble", "got in trouble",
        "moved me", "i was moved", "i was the one", "they moved me", "why didn't you leave",
        "why did you stay", "why stay", "why go back", "provocative", "modest",
        "cover yourself", "dressed", "outfit", "short skirt", "walked alone", "out late",
        "out alone", "at that hour", "at night alone", "what did you think",
        "what do you expect", "you know what men", "men are like", "told me to", "asked if i",
        "asked whether i", "asked me if i", "asked me whether", "blame*", "why", "believe",
        "proof", "asked", "believe me",
    ),
)  # fmt: skip

_INSTITUTION = Theme(
    "institutional_failure",
    "institutional failure",
    "institutional",
    (
        "police", "cops", "officer", "hr", "human resources", "principal", "dean", "the school",
        "the university", "title ix", "the judge", "court", "landlord", "the agency",
        "security", "the platform", "auto-reply", "auto-mod", "no violation", "violate",
        "nothing they can do", "nothing we can do", "not do anything", "can't do anything",
        "couldn't do anything", "isn't much we can do", "nothing happened to him",
        "no one investigated", "nobody investigated", "insufficient evidence", "was denied",
        "was closed", "been spoken to", "no reply", "reported it", "reported to",
        "reported him", "reported a user", "report-abuse", "took a report", "a report",
        "complained to", "complain to", "the response was", "the teacher", "the firm",
        "the admin", "mods", "case", "ticket", "management", "the company", "the school said",
        "the dean", "the university said", "nothing happens", "did nothing", "no action",
    ),
    content_note=False,
    cues=(
        "reported", "report", "reporting", "complaint", "complaints", "complained", "filed",
        "file a", "investigation", "investigated", "investigate", "nothing was done",
        "nothing was", "nothing changed", "nothing came of", "no consequences",
        "no consequence", "still works there", "still there", "still teaches", "still coaching",
        "promoted him", "they promoted him", "he got promoted", "got a warning", "a warning",
        "slap on the wrist", "closed the case", "closed", "dismissed", "dropped the case",
        "dropped", "ignored", "ignored it", "ignored my", "ignored us", "brushed off",
        "brushed it off", "swept under", "cover up", "covered up", "no response",
        "never responded", "never heard back", "automated", "auto reply", "form letter",
        "the system", "bureaucra*", "paperwork", "the process", "the procedure", "policy",
        "policies", "guidelines", "terms of service", "community guidelines", "moderators",
        "moderation", "admins", "administration", "school board", "board", "university",
        "college", "campus", "school", "teacher", "teachers", "professor", "coach", "counselor",
        "counsellor", "the office", "the office of", "the department", "department", "agency",
        "government", "embassy", "immigration", "visa", "deport*", "detective", "sergeant",
        "constable", "the police", "police station", "911", "999", "the court", "judge",
        "lawyer", "attorney", "prosecutor", "the da", "no charges", "charges",
        "not enough evidence", "lack of evidence", "evidence", "proof", "witness", "witnesses",
        "he said she said", "he said, she said", "restraining order was denied", "denied",
        "rejected my", "refused", "wouldn't", "couldn't help", "can't help", "there's nothing",
        "nothing they could", "nothing i can", "not their problem", "not our problem",
        "outside their", "off campus", "jurisdiction", "property manager",
        "building management", "security guard", "the bank", "the hospital", "the clinic",
        "the doctor", "the nurse", "the church", "the pastor", "the club", "the bar",
        "the venue", "the organizers", "organisers", "support team", "customer service",
        "leadership", "the union", "nothing happened", "investigat*", "complain*", "nothing",
    ),
)  # fmt: skip

_LOOKS = Theme(
    "objectification_appearance",
    "objectification and appearance",
    "non-verbal",
    (
        "my body", "her body", "his body", "our bodies", "bodies", "body parts", "dress code*",
        "dress-code*", "uniform policy", "skirt", "makeup", "bikini", "leggings", "distracting",
        "so pretty", "pounds", "weight", "nice dress", "smile more", "smile sweetheart",
        "cutie", "sexy", "hot", "boobs", "breasts", "butt", "figure", "what she wore",
        "what i wear", "appearance", "looks", "objectif*", "sexualis*", "sexualiz*",
        "hair down", "comments about my", "commenting on my", "cover up", "the way i dress",
        "armour", "armor", "shoulders", "her outfit", "my outfit", "legs",
    ),
    content_note=False,
    cues=(
        "body", "body count", "my figure", "curves", "curvy", "chest", "tits", "ass", "thighs",
        "lips", "face", "pretty", "prettier", "beautiful", "ugly", "fat", "thin", "skinny",
        "diet", "lose weight", "gained weight", "lost weight", "too fat", "too thin",
        "attractive", "unattractive", "cute", "gorgeous", "looking", "the way i look",
        "how i look", "how she looks", "what i wore", "wore", "wear", "wearing", "outfit",
        "outfits", "clothes", "clothing", "dress", "dresses", "dressed", "skirts", "shorts",
        "tank top", "crop top", "low-cut", "neckline", "cleavage", "heels", "high heels",
        "make-up", "lipstick", "hair", "hairstyle", "uniform", "dress code", "modest",
        "modesty", "covered up", "distraction", "rated", "rating", "ranked", "ranking",
        "ranked the", "list of the", "hottest", "object", "piece of meat", "eye candy",
        "trophy", "sexualized", "sexualised", "sexualizing", "sexualising", "magazine",
        "magazines", "advert*", "commercial", "billboard", "movie", "movies", "film", "films",
        "tv", "television", "music video", "video game", "video games", "character",
        "characters", "costume", "cosplay", "swimsuit", "beach body", "airbrush*", "photoshop*",
        "filters", "headlines", "article", "the press", "media", "news", "reporter*", "review",
        "reviews", "critics", "her performance", "female", "actress", "athlete", "athletes",
        "her looks", "her appearance", "smile", "you should smile", "resting",
        "compliments on my", "commented on my body", "comments about my body", "stared at my",
        "staring at my", "looked me up and down", "up and down", "ad", "women", "girls",
    ),
)  # fmt: skip

_SEXISM = Theme(
    "everyday_sexism",
    "everyday sexism",
    "verbal",
    (
        "#everydaysexism", "explained", "explain", "mansplain*", "talked over", "talk over",
        "talks over", "interrupt*", "women drivers", "women can't", "like a girl",
        "a girl can't", "a girl", "your husband", "carry my", "aggressive", "too much",
        "only woman", "by a man", "women in tech", "the engineer", "boys don't",
        "being sensitive", "male colleague", "honey", "sweetie", "baby", "gender roles",
        "assumed i was", "assumes i", "a woman in", "women should", "girls should",
        "ask my husband", "asked my husband", "my boyfriend", "male hero",
    ),
    content_note=False,
    cues=(
        "sexism", "sexist", "misogyn*", "patronis*", "patroniz*", "condescend*",
        "condescension", "explained to me", "explained it", "explain it", "explains",
        "explaining", "talked down", "talk down", "talks down", "spoke over", "speak over",
        "cut me off", "cut off", "ignored my", "repeated my idea", "my idea", "took credit",
        "credit", "as a woman", "for a woman", "for a girl", "you're a girl",
        "because i'm a girl", "because i'm a woman", "because i am a woman",
        "because she's a woman", "women are", "women aren't", "women don't", "women can",
        "girls can't", "girls are", "girls don't", "woman's place", "in the kitchen",
        "make me a sandwich", "housework", "chores", "cook", "cooking", "clean", "cleaning",
        "dishes", "babysit*", "babysitting", "the kids", "mother", "mom", "wife", "wifey",
        "husband", "the man of the house", "man of the house", "head of the household",
        "real job", "girl job", "pink", "emotional", "hormonal", "time of the month",
        "on her period", "on your period", "bossy", "shrill", "nagging", "ambitious",
        "too ambitious", "feisty", "sweetheart", "darling", "love", "dear", "young lady",
        "little lady", "girls", "ladies", "a female", "females", "female engineer",
        "female doctor", "female pilot", "lady doctor", "woman driver", "nurse", "secretary",
        "receptionist", "assistant", "coffee", "take notes", "notes", "minutes",
        "the only woman", "only girl", "only female", "the only girl", "man", "a man", "male",
        "males", "men", "guys", "bro", "manel", "panel", "token", "diversity hire", "quota",
        "hire", "pretty for", "smart for", "good at math", "math", "science", "tech",
        "engineering", "stem", "cars", "mechanic", "drill", "tools", "hardware", "sports",
        "football", "games", "gamer girl", "fake gamer", "girl gamer", "uncle", "dad", "father",
        "brother", "grandma", "aunt", "family", "relatives", "thanksgiving", "christmas",
        "dinner", "marry", "married", "marriage", "single", "kids yet", "have kids",
        "biological clock", "settle down", "woman", "women", "girl", "guy",
    ),
)  # fmt: skip

DEFAULT_THEMES: tuple[Theme, ...] = (
    _STREET, _ADVANCES, _ASSAULT, _IPV, _STALKING, _ONLINE,
    _WORK, _SAFETY, _BLAMING, _INSTITUTION, _LOOKS, _SEXISM,
)  # fmt: skip


# A keyword counts twice a cue; a theme needs THRESHOLD points.
KEYWORD_WEIGHT = 2
THRESHOLD = 2
# Stories touch one to three themes; a theme far weaker than the best is noise.
MAX_THEMES = 3
RELATIVE_FLOOR = 0.3


_TOKEN = re.compile(r"[#@]?[\w'*]+(?:-[\w'*]+)*")


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("’", "'"))


@dataclass(frozen=True)
class _Phrase:
    theme: int  # index into the catalogue
    weight: int
    words: tuple[str, ...]  # a word ending in "*" matches any ending


class _Matcher:
    """All phrases of a catalogue, indexed by their first one or two words.

    A story is then read in one pass, whatever the number of phrases.
    """

    def __init__(self, themes: tuple[Theme, ...]) -> None:
        self.single: dict[str, list[_Phrase]] = {}
        self.pairs: dict[tuple[str, str], list[_Phrase]] = {}
        self.prefix: dict[str, list[_Phrase]] = {}
        for index, theme in enumerate(themes):
            for weight, phrases in ((KEYWORD_WEIGHT, theme.keywords), (1, theme.cues)):
                for phrase in phrases:
                    words = tuple(_words(phrase))
                    if not words:
                        continue
                    entry = _Phrase(index, weight, words)
                    if any(w.endswith("*") for w in words[:2]):
                        self.prefix.setdefault(words[0][:PREFIX_KEY], []).append(entry)
                    elif len(words) == 1:
                        self.single.setdefault(words[0], []).append(entry)
                    else:
                        self.pairs.setdefault((words[0], words[1]), []).append(entry)

    @staticmethod
    def _fits(pattern: str, word: str) -> bool:
        return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern

    def scores(self, words: list[str], size: int) -> list[int]:
        """Points per theme: each distinct phrase found counts its weight once."""
        found: set[_Phrase] = set()
        total = len(words)
        for i, word in enumerate(words):
            found.update(self.single.get(word, ()))
            candidates = self.prefix.get(word[:PREFIX_KEY], [])
            if i + 1 < total:
                candidates = candidates + self.pairs.get((word, words[i + 1]), [])
            for entry in candidates:
                n = len(entry.words)
                if i + n <= total and all(
                    self._fits(p, w) for p, w in zip(entry.words, words[i : i + n], strict=True)
                ):
                    found.add(entry)
        points = [0] * size
        for entry in found:
            points[entry.theme] += entry.weight
        return points


# Wildcard phrases are indexed by this many leading letters; no wildcard is shorter.
PREFIX_KEY = 2


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
        ``MAX_THEMES`` of them, with a floor relative to the best one; themes a
        community defined by keywords alone are kept whenever a keyword occurs.
        """
        points = self._matcher.scores(_words(text), len(self.themes))
        scores = {t.id: p for t, p in zip(self.themes, points, strict=True)}
        ranked = sorted(
            (t for t in self.themes if t.cues and scores[t.id] >= THRESHOLD),
            key=lambda t: -scores[t.id],
        )
        best = scores[ranked[0].id] if ranked else 0
        chosen = {t.id for t in ranked[:MAX_THEMES] if scores[t.id] >= best * RELATIVE_FLOOR}
        chosen |= {t.id for t in self.themes if not t.cues and scores[t.id]}
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
