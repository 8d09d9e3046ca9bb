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
    ],
)
def test_crisis_negatives(text: str) -> None:
    """Past danger, figures of speech and near-misses are not crisis."""
    assert not is_crisis(text)
