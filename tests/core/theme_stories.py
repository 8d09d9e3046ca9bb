"""Hand-written short stories with the themes a reader would give them.

Written from the theme definitions, in many voices (chat, tweets, narratives,
non-native English), to check that tagging generalises beyond any one wording.
Each entry is (story, themes).
"""

from __future__ import annotations

STORIES: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (text, frozenset(themes.split()))
    for text, themes in (
        # street harassment
        (
            "A man on the tram kept leaning in to smell my hair. When I moved seats he "
            "laughed and said I should be grateful anyone looks at me.",
            "street_harassment victim_blaming",
        ),
        (
            "three guys outside the kebab shop barked at me and my sister. barked. like dogs.",
            "street_harassment",
        ),
        (
            "Every morning the same builders shout 'oi gorgeous' from the scaffolding as I "
            "walk past. I've started crossing the road before I reach them.",
            "street_harassment safety_precautions",
        ),
        (
            "some creep on the underground exposed himself to me at 4pm on a Tuesday. "
            "nobody in the carriage said a word",
            "street_harassment",
        ),
        (
            "A stranger followed me from the station to my street asking for my name. I went "
            "into a shop and waited until he gave up.",
            "street_harassment safety_precautions",
        ),
        (
            "Driver leaned out and yelled what he'd like to do to me. I was 13, in my school "
            "uniform, walking to class.",
            "street_harassment",
        ),
        # unwanted advances
        (
            "He asked me to dinner four times. Each time I said no, politely. The fifth time he "
            "told everyone at the gym I was a tease.",
            "unwanted_advances",
        ),
        (
            "told this guy at the bar i wasnt interested like 3 times. only when i said my "
            "boyfriend was coming did he apologise. to my imaginary boyfriend.",
            "unwanted_advances",
        ),
        (
            "My classmate keeps messaging me that we're 'meant to be'. I have blocked him on "
            "two apps and he made a new account to tell me I'm playing hard to get.",
            "unwanted_advances online_harassment",
        ),
        (
            "A customer asked for my number every shift for a month. When I finally said I "
            "don't date customers he left a one-star review calling me a stuck-up cow.",
            "unwanted_advances workplace_discrimination online_harassment",
        ),
        (
            "I turned him down nicely and he called me a frigid bitch in front of the whole group.",
            "unwanted_advances",
        ),
        (
            "He won't accept that I'm not into him. Flowers at my door, notes in my locker, "
            "'just give me one chance'.",
            "unwanted_advances stalking_threats",
        ),
        # sexual assault
        (
            "At the concert a guy behind me put his hands down the back of my jeans. I froze. "
            "By the time I turned around he was gone.",
            "sexual_assault street_harassment",
        ),
        (
            "My massage therapist touched me where he had no reason to. I didn't say anything "
            "because I wasn't sure it had really happened.",
            "sexual_assault",
        ),
        (
            "I woke up on his couch with my clothes half off and no memory of the night. He "
            "said I was into it.",
            "sexual_assault",
        ),
        (
            "my date kept pushing after i said i wanted to go home. he kept saying 'just a "
            "little more'. i gave in because i was scared. i know now that wasnt consent",
            "sexual_assault",
        ),
        (
            "A senior colleague kissed me in the stairwell at the christmas do. I pulled away "
            "and he grabbed my wrist and did it again.",
            "sexual_assault workplace_discrimination",
        ),
        # intimate partner violence
        (
            "My partner decides what I eat, who I see and how much I can spend. He says it's "
            "because he loves me.",
            "intimate_partner_violence",
        ),
        (
            "When I told my husband I wanted a divorce he smashed my phone and locked me out "
            "of our bank account.",
            "intimate_partner_violence",
        ),
        (
            "My ex used our son to get to me. Every handover was another chance to call me a "
            "bad mother in front of him. The judge gave him weekends anyway.",
            "intimate_partner_violence institutional_failure",
        ),
        (
            "he never left marks. just screamed, broke things, and told me nobody else would "
            "ever want me. it took me six years to leave.",
            "intimate_partner_violence",
        ),
        (
            "My boyfriend tracks my phone and gets angry if I'm five minutes late home.",
            "intimate_partner_violence stalking_threats",
        ),
        # stalking and threats
        (
            "A man from my old job sends me a message every birthday. I've changed my number "
            "twice. He still finds me.",
            "stalking_threats",
        ),
        (
            "Someone keeps leaving dead flowers on my car at work. There's a note each time "
            "that says 'soon'.",
            "stalking_threats",
        ),
        (
            "After I broke up with him he said he'd throw acid in my face if he saw me with "
            "anyone else.",
            "stalking_threats intimate_partner_violence",
        ),
        (
            "I keep seeing the same guy at my gym, my supermarket, outside my building. "
            "Different times of day. It's not a coincidence anymore.",
            "stalking_threats",
        ),
        (
            "He emails my boss, my mum and my landlord pretending to be worried about me.",
            "stalking_threats online_harassment",
        ),
        # online harassment
        (
            "A guy I beat in a match spent the next hour sending me rape jokes in team chat.",
            "online_harassment",
        ),
        (
            "Someone put my face on a porn video and sent it to my whole year group.",
            "online_harassment sexual_assault",
        ),
        (
            "My reply to a news article got 300 replies calling me a fat cow. Half the "
            "accounts were made that day.",
            "online_harassment objectification_appearance",
        ),
        (
            "he screenshotted our private chats and shared them with his friends to laugh at me",
            "online_harassment",
        ),
        (
            "Got 40 unsolicited explicit pictures on the dating app this week. Reported every "
            "one. Nothing happened.",
            "online_harassment institutional_failure",
        ),
        # workplace discrimination
        (
            "I trained him. Now he earns more than me and manages my team.",
            "workplace_discrimination",
        ),
        (
            "At my interview they asked if I planned to have children. My male friend applied "
            "for the same job and was asked about his hobbies.",
            "workplace_discrimination everyday_sexism",
        ),
        (
            "After I came back from maternity leave my projects had all been given away and "
            "my manager said I seemed 'less committed'.",
            "workplace_discrimination",
        ),
        (
            "The partners golf every Friday. Guess who never gets invited and never gets the "
            "big clients.",
            "workplace_discrimination",
        ),
        (
            "My supervisor makes jokes about my bra size in front of the whole warehouse "
            "crew. HR said he's old school.",
            "workplace_discrimination objectification_appearance institutional_failure",
        ),
        (
            "I presented the plan. My colleague repeated it word for word and the director "
            "praised him for it.",
            "workplace_discrimination everyday_sexism",
        ),
        # safety precautions
        (
            "I don't take the last train anymore. I leave the party early or I pay for a cab "
            "I can't afford.",
            "safety_precautions",
        ),
        (
            "My girlfriends and I have a group chat just for 'got home' messages.",
            "safety_precautions",
        ),
        (
            "When a man walks behind me at night I pretend to call my dad and talk loudly "
            "about him picking me up.",
            "safety_precautions",
        ),
        (
            "I always check the back seat before I get in my car and I lock the doors the "
            "second I'm inside.",
            "safety_precautions",
        ),
        (
            "I wear my headphones with nothing playing so men leave me alone but I can still "
            "hear them coming.",
            "safety_precautions",
        ),
        (
            "i carry an alarm on my keyring and i never jog with both earbuds in",
            "safety_precautions",
        ),
        # victim blaming
        (
            "When I told my aunt what he did, she asked what I'd done to make him angry.",
            "victim_blaming",
        ),
        (
            "My friends said I shouldn't have gone back to his flat if I didn't want anything "
            "to happen.",
            "victim_blaming",
        ),
        (
            "The school counsellor told me boys tease girls they like and that I should take "
            "it as flattery.",
            "victim_blaming institutional_failure",
        ),
        (
            "After I reported him, I was the one they moved to another team. He kept his job "
            "and his desk.",
            "victim_blaming workplace_discrimination institutional_failure",
        ),
        (
            "His mum said I was trying to destroy a good boy's future over a misunderstanding.",
            "victim_blaming",
        ),
        (
            "People keep asking why I didn't just leave him. As if it were that simple.",
            "victim_blaming intimate_partner_violence",
        ),
        # institutional failure
        (
            "The police officer told me that without bruises there wasn't much of a case.",
            "institutional_failure",
        ),
        (
            "The university investigation took 14 months. He graduated before they decided "
            "anything.",
            "institutional_failure",
        ),
        (
            "My landlord refuses to change the locks even though my ex still has a key.",
            "institutional_failure intimate_partner_violence",
        ),
        (
            "I reported the account five times. The app keeps telling me it meets their standards.",
            "institutional_failure online_harassment",
        ),
        (
            "The bouncer saw him grab me and just told me to go home.",
            "institutional_failure sexual_assault",
        ),
        # objectification and appearance
        (
            "The article about the first woman to lead the bank spent two paragraphs on her shoes.",
            "objectification_appearance",
        ),
        (
            "My school sends girls home for visible bra straps but the boys wear whatever "
            "they want.",
            "objectification_appearance institutional_failure",
        ),
        (
            "At the wedding my uncle told me I'd finally lost the baby weight and looked "
            "'marriable' again.",
            "objectification_appearance everyday_sexism",
        ),
        (
            "The waitresses had to wear short skirts and heels. The waiters wore trainers.",
            "objectification_appearance workplace_discrimination",
        ),
        (
            "men online rank female streamers by their bodies instead of their gameplay",
            "objectification_appearance online_harassment",
        ),
        # everyday sexism
        (
            "The salesman at the car dealership only made eye contact with my brother. I was "
            "the one buying.",
            "everyday_sexism",
        ),
        (
            "At every family meal the women clear the table and the men watch football.",
            "everyday_sexism",
        ),
        (
            "My teacher said physics is harder for girls so I shouldn't worry about a B.",
            "everyday_sexism",
        ),
        (
            "A man at the hardware store asked if I was buying the drill for my husband.",
            "everyday_sexism",
        ),
        (
            "Whenever I disagree in a meeting I'm 'emotional'. When he does it he's 'passionate'.",
            "everyday_sexism workplace_discrimination",
        ),
        (
            "My dad gave my brother the car and told me to find a man who drives.",
            "everyday_sexism",
        ),
    )
)

# A second set, in other words again: workplaces, institutions, families.
MORE_STORIES: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (text, frozenset(themes.split()))
    for text, themes in (
        (
            "He messaged me every night for two weeks after our one date. When I stopped "
            "answering he wrote that I'd regret wasting his time.",
            "unwanted_advances online_harassment stalking_threats",
        ),
        (
            "A regular at the cafe would not stop asking when I finish my shift and whether "
            "he could drive me home. My boss told me to be nice because he tips well.",
            "unwanted_advances workplace_discrimination victim_blaming",
        ),
        (
            "i told him im gay. he said i just hadnt met the right man yet and kept trying",
            "unwanted_advances",
        ),
        (
            "My professor kept inviting me to discuss my thesis over wine at his place. I "
            "said I'd prefer his office hours. My grade dropped.",
            "unwanted_advances institutional_failure",
        ),
        (
            "The only way he stopped was when my husband answered the phone.",
            "unwanted_advances",
        ),
        (
            "I wore a fake engagement ring to the conference so the men would stop "
            "approaching me at the bar.",
            "safety_precautions unwanted_advances",
        ),
        (
            "I won't go running after sunset. I text my sister my route and the time I expect "
            "to be back.",
            "safety_precautions",
        ),
        (
            "On dates I always meet in public, tell a friend where I'll be, and drive myself.",
            "safety_precautions",
        ),
        (
            "I sit in the carriage closest to the driver and keep my back to the wall.",
            "safety_precautions",
        ),
        (
            "I moved apartments twice and took my name off the buzzer.",
            "safety_precautions stalking_threats",
        ),
        (
            "We teach our girls to hold their drink with a hand over the top before we teach "
            "them to drive.",
            "safety_precautions",
        ),
        (
            "My mother's first question was whether I'd led him on.",
            "victim_blaming",
        ),
        (
            "The detective said women sometimes regret things the next day and call it "
            "something else.",
            "victim_blaming institutional_failure",
        ),
        (
            "My coach said if I'd worn the team tracksuit instead of shorts it wouldn't have "
            "happened.",
            "victim_blaming objectification_appearance",
        ),
        (
            "Everyone at church said I should forgive him and stop gossiping.",
            "victim_blaming",
        ),
        (
            "My friends told me I was lucky he only grabbed me.",
            "victim_blaming sexual_assault",
        ),
        (
            "I filed a complaint about my supervisor. Three weeks later I was told my "
            "position was being eliminated.",
            "institutional_failure workplace_discrimination",
        ),
        (
            "The shelter had no beds and the hotline put me on hold for forty minutes.",
            "institutional_failure intimate_partner_violence",
        ),
        (
            "The school's answer to the boys filming up our skirts was to make us wear "
            "shorts underneath.",
            "institutional_failure objectification_appearance sexual_assault",
        ),
        (
            "Campus security told me to walk with a friend next time.",
            "institutional_failure victim_blaming safety_precautions",
        ),
        (
            "The festival staff said they couldn't remove him because he had a ticket.",
            "institutional_failure",
        ),
        (
            "The court ordered joint custody even after I showed them the messages.",
            "institutional_failure intimate_partner_violence",
        ),
        (
            "My husband hides the car keys so I can't visit my parents.",
            "intimate_partner_violence",
        ),
        (
            "He would go through my bag, my emails, my receipts. Every purchase needed a reason.",
            "intimate_partner_violence",
        ),
        (
            "My girlfriend's husband hit her so hard she lost a tooth and she still says he's "
            "a good man.",
            "intimate_partner_violence",
        ),
        (
            "Years after the divorce he still calls my work pretending to be my lawyer.",
            "intimate_partner_violence stalking_threats",
        ),
        (
            "The mechanic quoted me double, then gave my boyfriend the real price.",
            "everyday_sexism",
        ),
        (
            "People still ask who wears the trousers when they hear I earn more than my husband.",
            "everyday_sexism",
        ),
        (
            "My brother never once had to do the washing up. I did it from age seven.",
            "everyday_sexism",
        ),
        (
            "The doctor asked my husband if I was telling the truth about my pain.",
            "everyday_sexism institutional_failure",
        ),
        (
            "At the hardware counter he handed the bag to my son, who is nine.",
            "everyday_sexism",
        ),
        (
            "Someone at work said I only got the promotion because of a diversity quota.",
            "workplace_discrimination everyday_sexism",
        ),
        (
            "my teammates in the game told me to go make them a sandwich and then kicked me",
            "online_harassment everyday_sexism",
        ),
        (
            "A follower found my kid's school from a photo and commented its name.",
            "online_harassment stalking_threats",
        ),
        (
            "Man at the bus stop asked how much. I was fifteen and waiting to go to school.",
            "street_harassment",
        ),
        (
            "A car full of lads slowed down and threw a drink at me when I didn't answer.",
            "street_harassment",
        ),
        (
            "On the night bus a man sat next to me with his hand on his crotch and stared "
            "the whole way.",
            "street_harassment",
        ),
        (
            "He pinned me against the wall at the party and I couldn't get him off.",
            "sexual_assault",
        ),
        (
            "my cousin touched me when i was little and the family still invites him to everything",
            "sexual_assault victim_blaming",
        ),
        (
            "The magazine called her 'a leggy blonde' before mentioning she won the race.",
            "objectification_appearance",
        ),
        (
            "My manager told me to wear more makeup because clients 'expect a certain look'.",
            "objectification_appearance workplace_discrimination",
        ),
        (
            "I was told I'd look prettier if I smiled more, by a man I'd never met, at a funeral.",
            "objectification_appearance everyday_sexism",
        ),
        (
            "Ever since I blocked him, he comments on my friends' posts about me.",
            "online_harassment stalking_threats",
        ),
        (
            "I got a letter with no stamp in my mailbox. It just said 'I saw you today'.",
            "stalking_threats",
        ),
    )
)


# A third set: short posts in the voice of a timeline or a chat.
SHORT_STORIES: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (text, frozenset(themes.split()))
    for text, themes in (
        (
            "guy at the petrol station told me to smile and then called me a bitch when i didn't",
            "street_harassment",
        ),
        (
            "Jogging in the park at 7am and a man on a bench made kissing noises the whole lap.",
            "street_harassment",
        ),
        (
            "Some boys on bikes circled me and grabbed at my skirt. I was 12.",
            "street_harassment sexual_assault",
        ),
        ("Why do men think a woman waiting for the bus wants to chat??", "street_harassment"),
        ("hey stranger on the subway, stop filming my legs", "street_harassment"),
        (
            "he slid into my DMs with 'hey gorgeous', I ignored it, and now it's 'ugly slag' "
            "every day from new accounts",
            "unwanted_advances online_harassment",
        ),
        (
            "Said no to a second date. He showed up at my work with a ring.",
            "unwanted_advances stalking_threats",
        ),
        (
            "My 'no' was only respected when I said I was a lesbian. Then it was 'what a waste'.",
            "unwanted_advances",
        ),
        ("Men who keep asking 'why not?' after I say no: the answer is no.", "unwanted_advances"),
        (
            "A coworker keeps asking me out in front of clients. I've said no four times.",
            "unwanted_advances workplace_discrimination",
        ),
        (
            "He put his hand on my thigh during the taxi ride home. I said stop. He laughed.",
            "sexual_assault",
        ),
        ("I was asleep. I woke up and he was already on top of me.", "sexual_assault"),
        (
            "Someone groped me in the crowd at the match and I never saw his face.",
            "sexual_assault street_harassment",
        ),
        (
            "my ex would 'forget' to use a condom even after i asked. i didnt have a word for it "
            "back then.",
            "sexual_assault intimate_partner_violence",
        ),
        ("The doctor did an exam I never agreed to.", "sexual_assault"),
        ("My husband takes my wages and gives me pocket money.", "intimate_partner_violence"),
        (
            "he threw my phone against the wall because i was texting my sister",
            "intimate_partner_violence",
        ),
        (
            "He said if I ever left he'd make sure I never saw the kids again.",
            "intimate_partner_violence stalking_threats",
        ),
        (
            "Two years out of that marriage and I still flinch when someone raises their voice.",
            "intimate_partner_violence",
        ),
        (
            "My boyfriend reads all my messages and decides who I'm allowed to follow.",
            "intimate_partner_violence online_harassment",
        ),
        (
            "My ex keeps driving past my house at night. The police say he's allowed to use the "
            "road.",
            "stalking_threats institutional_failure",
        ),
        ("found an airtag in my coat pocket after a night out", "stalking_threats"),
        ("he knows what i wore today. i never posted it.", "stalking_threats"),
        ("Got a voicemail saying he'd hurt my dog if I didn't answer.", "stalking_threats"),
        (
            "He sends my mother pictures of me coming out of my flat.",
            "stalking_threats online_harassment",
        ),
        (
            "A random account posted my home address under my latest video.",
            "online_harassment stalking_threats",
        ),
        (
            "They made a fake profile with my photos and sent men to my door.",
            "online_harassment stalking_threats",
        ),
        ("Every time I stream I get a wave of sexual comments in chat.", "online_harassment"),
        (
            "Someone in the class group chat shared a photo of me getting changed.",
            "online_harassment",
        ),
        (
            "He threatened to send my nudes to my parents unless I sent more.",
            "online_harassment stalking_threats",
        ),
        (
            "Applied for the promotion. They gave it to the guy with half my experience because "
            "he's 'a better culture fit'.",
            "workplace_discrimination",
        ),
        ("My bonus was cut the year I had my baby.", "workplace_discrimination"),
        (
            "The foreman calls me 'princess' on site and gives me the worst jobs.",
            "workplace_discrimination everyday_sexism",
        ),
        (
            "Interviewer asked if my boyfriend was okay with me travelling for work.",
            "workplace_discrimination everyday_sexism",
        ),
        (
            "I'm the only female surgeon on the rota and patients keep calling me nurse.",
            "workplace_discrimination everyday_sexism",
        ),
        ("I park under the streetlight even if it means walking further.", "safety_precautions"),
        (
            "I hold my phone with 999 already typed when I walk past the underpass.",
            "safety_precautions",
        ),
        (
            "never tell a taxi driver your real address. get out a few doors down.",
            "safety_precautions",
        ),
        ("I sleep with a chair under the door handle in hotels.", "safety_precautions"),
        (
            "Before every date I send my best friend his name, photo and where we're meeting.",
            "safety_precautions",
        ),
        ("my dad's first question: why were you out so late", "victim_blaming"),
        (
            "The officer asked if I'd had sex with him before. Like that mattered.",
            "victim_blaming institutional_failure sexual_assault",
        ),
        ("Everyone said I must have given him signals.", "victim_blaming"),
        (
            "Told my manager a client groped me. She said I should dress less friendly.",
            "victim_blaming workplace_discrimination sexual_assault",
        ),
        (
            "'It's just banter, don't be so uptight' - every man I've ever complained to",
            "victim_blaming",
        ),
        (
            "The platform banned ME for posting the threats he sent me.",
            "institutional_failure online_harassment",
        ),
        (
            "Reported him to HR in March. It's October. No update.",
            "institutional_failure workplace_discrimination",
        ),
        ("The police took my statement and never called back.", "institutional_failure"),
        (
            "The landlord gave him a key to my flat because he said he was my husband.",
            "institutional_failure",
        ),
        (
            "University said it couldn't act because he's not a student anymore.",
            "institutional_failure",
        ),
        (
            "The ad showed the woman as a pair of legs next to the car.",
            "objectification_appearance",
        ),
        ("my school made me kneel so they could measure my skirt", "objectification_appearance"),
        ("At 14 a man told my mother I'd 'grown up nicely'.", "objectification_appearance"),
        (
            "Female athletes get asked about their outfits. Male athletes get asked about the "
            "game.",
            "objectification_appearance everyday_sexism",
        ),
        (
            "My boss rates the new interns out of ten in the group chat.",
            "objectification_appearance workplace_discrimination",
        ),
        (
            "The IT guy asked if I'd tried turning it off and on. I'm the IT lead.",
            "everyday_sexism workplace_discrimination",
        ),
        (
            "My grandma asked when I'm going to stop playing at being a lawyer and have babies.",
            "everyday_sexism",
        ),
        (
            "At the bank the man explained compound interest to me. I'm an accountant.",
            "everyday_sexism",
        ),
        (
            "'Women aren't funny' said the guy who laughed at my joke when a man repeated it.",
            "everyday_sexism",
        ),
        ("The waiter gave the bill to my date. I had invited him.", "everyday_sexism"),
    )
)
