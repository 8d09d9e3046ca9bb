"""Crisis: danger now or current self-harm intent, and nothing else."""

from __future__ import annotations

import pytest

from bot.core.crisis import is_crisis


@pytest.mark.parametrize(
    "text",
    [
        "he's outside my door right now and I'm scared",
        "I'm hiding in the bathroom. Please call someone.",
        "I don't want to be alive anymore.",
        "everyone would be better off without me",
        "I keep thinking about how to end it",
        "I don't plan to wake up tomorrow",
        "my ex is in the parking lot of my building right now",
        "he has a knife and he is here",
        "I'm scared he'll kill me tonight",
        "I want to die",
        "i'm going to end it tonight",
        "there's no reason to keep going",
        "i cant keep going",
        "I won't wake up tomorrow",
        "he is banging on my door",
        "I locked myself in the bathroom",
        "i'm thinking about killing myself",
        "there is a man following me right now",
        "he won't let me leave the house",
        "I keep thinking everyone would be better off if I was dead",
    ],
)
def test_crisis_positives(text: str) -> None:
    """Present danger and current suicidal intent are crisis."""
    assert is_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "that joke killed me",
        "I'm dying to know why",
        "I could have died on the spot",
        "Years ago, I honestly believed he would kill me.",
        "At my lowest I told my therapist I didn't want to be alive anymore. I'm okay now.",
        "She was a skilled lawyer.",
        "I'm not going to hurt myself, I just need to vent.",
        "If you know a lawyer please call me.",
        "years ago I wanted to die",
        "I used to want to die",
        "back then I was hiding in closets",
        "this commute is killing me",
        "kill me now, this meeting is endless",
        "I'd rather die than go back to that job",
        "he threatened to kill me in 2019",
        "He wrote letters to my roommate.",
        "I'm scared of walking home at night",
        "after the assault I didn't want to live, therapy helped",
        # Someone else's note, habits, and the words "here", "scared" and "what do I do"
        # in ordinary sentences.
        "then he left a note on my windscreen with my shift times written on it",
        "the other girls never bend over the bed if a man is in the room",
        "I have a review next month and I'm scared he'll say I'm difficult.",
        'Man: "he\'s not here though, is he?"',
        "He's just here because he drove.",
        "He's not in my house anymore. He's still in my head.",
        "I'm writing this from a safe place, years later.",
        "My mum won't let me go to my friend's 18th unless my brother goes too.",
        "what do I do when a client keeps asking me to grab drinks after I said no?",
        "Now I am afraid to go to the toilet without my phone.",
        "I froze, then locked myself in the bathroom until he left.",
        "I spent the rest of the night hiding in the kitchen with the aunties.",
        "When I come home from night shift he is at the window.",
    ],
)
def test_crisis_negatives(text: str) -> None:
    """Past danger, figures of speech and near-misses are not crisis."""
    assert not is_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to be here anymore",
        "i cant do this anymore. im sorry",
        "he's downstairs and he's trying to get in",
        "hiding in the bathroom. he's outside",
        "he is here",
        "my ex just showed up at my door and wont leave",
        "I have the pills in front of me",
        "nobody would even notice if I was gone",
        "I keep thinking about jumping",
        "I've got a knife and I want to use it on myself",
        "he's got a gun and he's drunk",
        "he won't stop calling and he says he's on his way",
        "I feel like ending it",
        "I can't see a reason to keep living",
        "life isn't worth living anymore",
        "I want to go to sleep and never wake up",
        "I'm planning to take all my pills tonight",
        "the guy from the train followed me home and is standing across the street now",
        "someone keeps trying my door handle",
        "I'm writing this from the bathroom floor, he is still yelling",
        "dylan is outside my apartment right now",
        "i dont see the point in living anymore",
        "someone is trying the front door handle again",
        "thinking about stepping in front of a train on my way home",
        "i want to disappear permanently",
        "tonight's the night. thank you all",
        "he's on the stairs",
        "if i'm gone by the morning please look after my cat",
        "im ending it, i cant anymore",
        "she's outside again, who do I call? please",
        "someone's trying my hotel room door, i know it's him",
        "my ex just pulled into my driveway and i'm alone",
        "just found an airtag in my bag and he texted 'nice cafe'",
        "there's a tracking device on my car and he just texted where I am",
        "not planning on waking up tomorrow. sorry",
        "a man followed me off the train and he is still right behind me",
        "the letters are written. tonight i go to sleep for good",
        "whats the point. gonna end it when everyone's asleep",
        "the door handle is rattling and only he has a key",
        "he's loading his gun in the kitchen and not saying anything",
        "a van has been behind me since I left work and I don't know where to go",
        "this man has followed me from the station and won't turn off",
        "same guy since the tram stop, four streets now",
        "no alarm set. there won't be a tomorrow for me",
        "i'm not doing another night of this",
        "left my cat with the neighbour. wanted to say thank you to you all before",
        "the man across the aisle just whispered he'll follow me off the bus",
        "he followed us onto the tram and is sitting right behind us",
        "that guy is standing right behind me in the queue again",
        "how high does a bridge have to be. the one by the river",
        "how many sleeping pills is too many for someone my size",
        "theres a man across from my house under the streetlight and its him",
        "i have a plan and a date now. please dont try to talk me out of it",
        "there is no version of this where i'm still around by christmas",
        "not joking this time. i'm going to do it",
        "picked the songs for my funeral. it's easier knowing",
        "been rehearsing my goodbye in the shower all week",
        "I've written my kids letters and put them in the drawer",
        "does the life insurance pay out if it was not an accident",
        "i finally worked out how to make it all stop",
        "i just need you to know why, before tonight",
        "does the roof of the multi-storey have cctv or people around at night",
    ],
)
def test_crisis_phrased_many_ways(text: str) -> None:
    """Intent and present danger are recognised in many phrasings and in chat spelling."""
    assert is_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "in college I cut myself for a year; I've been clean for five years",
        "I was so embarrassed I wanted to disappear",
        "he used to wait outside my door every night, until he moved away",
        "My friend was suicidal last year and I helped her get support.",
        "I wanted to die when I read the comments but I'm fine",
        "if he's outside my door again I'll call the police",
        "My ex-boyfriend was following me for two years. Now he is in prison.",
        "We were dying of laughter",
        "booking a 6am flight the morning after a wedding is social suicide",
        "I'm going to die of old age before he finishes a sentence",
        "I need to end it with my boyfriend, any advice on doing it safely?",
        "I'm ending things with him this weekend",
        "there was a time i wrote goodbye letters, but i'm doing well",
        "i remember thinking tonight's the night. i called a helpline instead",
        "he's asked me out on the stairs twice, so awkward",
        "this is my last post for a while, exams start monday",
        "three years free from self-harm today",
        "my aunt once said she wanted to end it all, now she runs a bakery",
        "I didn't want to live in that flat anymore, so I moved",
        "I'm not planning on being here for the meeting, dentist at 3",
        "I self-harmed all through school. I'm 30 now and doing well",
        "10 yrs ago i wanted to jump off that bridge. today i graduated",
        "this is my last post here, for a happy reason: I'm moving to Oslo!",
        "he's gonna end it with her",
        "he followed me from the station to my door, years ago now",
        "my cousin has followed me since the wedding on instagram, so sweet",
        "there won't be a tomorrow for me if I miss this deadline, honestly",
        "wanted to say thank you to you all before my holiday",
        "she said she'll wait for me after class, she's my best friend",
        "he sat right behind us in maths all year and never said a word",
        "how high does a bridge have to be to clear a double decker bus? school project",
        "how many paracetamol is too many for my gran, she weighs 45kg",
        "my best friend lives across from my house",
        "goodbye everyone, off on my honeymoon, back in two weeks!",
        "years ago he swore he'd kill me. writing this from my own bed, seven years on",
        "at fifteen I wrote a note to my mum saying goodbye. I'm 34 and happy now",
        "my mum will kill me if she finds out I dyed my hair lol",
        "tonight's the night, first date in two years, wish me luck",
        "i'm hiding in the bathroom at my sister's baby shower, too many games",
        "a man followed me home once and is now in prison",
        "there's no version of this where I'm still here next year, I'm moving to Leeds",
    ],
)
def test_past_hypothetical_and_figurative_are_not_crisis(text: str) -> None:
    """Told from safety, said of the past, hypothetical or figurative: not crisis."""
    assert not is_crisis(text)
