"""The whole story journey on the console platform, in process."""

from __future__ import annotations

import re

from tests.conftest import Console, FakeClock

STORY = (
    "My manager Greg asked why I never smile. He emails greg.boss@example.com "
    "and texts from +1 614 555 0192 late at night."
)


def _code(text: str) -> str:
    found = re.search(r"\*\*([A-Z0-9]{4}-[A-Z0-9]{4})\*\*", text)
    assert found, text
    return found.group(1)


async def _ready_admin(c: Console) -> None:
    await c.as_("admin", "dana")
    await c.type("/config schedule min-delay:0 min-pool:1")


async def test_preview_shows_the_anonymized_text_before_anything_is_stored(
    console: Console,
) -> None:
    """The member sees exactly what would be posted, and nothing is stored yet."""
    out = await console.share(STORY)
    assert "[email]" in out and "greg.boss@example.com" not in out.split("only you")[-1]
    assert "[Confirm]" in out and "[Edit]" in out and "[Cancel]" in out
    rows = await console.services.db.fetch_all("SELECT id FROM stories")
    assert rows == []


async def test_preview_suggests_leaving_out_looks_and_exact_times(console: Console) -> None:
    """Details that add little but could identify are pointed out, not removed."""
    out = await console.share("A tall bald man followed me home on 14 March at 9:30pm.")
    assert "Small communities can recognise details" in out
    assert '"A tall bald man" describes how someone looks' in out
    assert '"on 14 March at 9:30pm" is an exact date or time' in out
    plain = await console.share("He kept texting me after I said no.")
    assert "Small communities can recognise details" not in plain


async def test_confirm_gives_a_receipt_code_and_resources(console: Console) -> None:
    """Confirming stores the story and hands back a receipt code and support lines."""
    await console.share(STORY)
    out = await console.type("Confirm")
    assert "receipt code" in out
    _code(out)
    assert "findahelpline.com" in out


async def test_cancel_stores_nothing(console: Console) -> None:
    """Cancel drops the draft."""
    await console.share(STORY)
    out = await console.type("Cancel")
    assert "Nothing was stored" in out
    assert await console.services.db.fetch_all("SELECT id FROM stories") == []


async def test_edit_reopens_the_form_prefilled(console: Console) -> None:
    """Edit brings back the form with the earlier answers."""
    await console.share(STORY)
    out = await console.type("Edit")
    assert "was:" in out and "My manager" in out
    out = await console.type("A different story about a bus.", "", "", "1")
    assert "A different story about a bus." in out


async def test_posting_is_random_among_eligible_not_first_in_first_out(
    console: Console,
) -> None:
    """Over many slots of one story each, the oldest story is not always chosen."""
    firsts = set()
    for round_ in range(8):
        await console.as_("member", f"m{round_}")
        await console.type("/config show")
        texts = [f"Round {round_} story number {i} about the train." for i in range(3)]
        for i, text in enumerate(texts):
            await console.as_("member", f"r{round_}x{i}")
            await console.share(text)
            await console.type("Confirm")
        await console.as_("admin", "dana")
        await console.type("/config schedule min-delay:0 min-pool:1 batch:1")
        out = await console.type("/publish-now")
        first = next(i for i, t in enumerate(texts) if t in out)
        firsts.add(first)
        await console.type("/publish-now", "/publish-now")
    assert len(firsts) > 1


async def test_minimum_pool_holds_stories_back(console: Console, clock: FakeClock) -> None:
    """With fewer stories waiting than the pool, nothing is posted until max wait passes."""
    await console.share("A story that waits for company.")
    await console.type("Confirm")
    await console.as_("admin", "dana")
    await console.type("/config schedule min-delay:0 min-pool:3 max-wait:24")
    out = await console.type("/publish-now")
    assert "0 posted" in out
    clock.advance(hours=25)
    out = await console.type("/publish-now")
    assert "1 posted" in out and "A story that waits for company." in out


async def test_posts_carry_no_mentions_time_or_author(console: Console) -> None:
    """A post is the anonymized text only: no handle, no time, no pseudonym."""
    await console.share("Someone <@123456789012345678> and @everyone saw it happen.")
    await console.type("Confirm")
    await _ready_admin(console)
    await console.type("/publish-now")
    posts = console.platform.history("stories")
    assert len(posts) == 1
    text = posts[0]["text"]
    assert "<@123456789012345678>" not in text and "@everyone" not in text
    assert set(posts[0]) == {"id", "nonce", "text", "note"}


async def test_status_and_withdraw_before_posting(console: Console) -> None:
    """A queued story reports its state and can be withdrawn; it is then gone."""
    await console.share(STORY)
    code = _code(await console.type("Confirm"))
    assert "queued" in await console.type(f"/status {code}")
    assert "withdrawn" in await console.type(f"/withdraw {code}")
    assert "couldn't find" in await console.type(f"/status {code}")
    assert await console.services.db.fetch_all("SELECT id FROM stories") == []


async def test_withdraw_after_posting_deletes_the_post(console: Console) -> None:
    """Withdrawing a posted story removes the post from the channel."""
    await console.share(STORY)
    code = _code(await console.type("Confirm"))
    await _ready_admin(console)
    await console.type("/publish-now")
    await console.as_("member", "alex")
    assert "posted" in await console.type(f"/status {code}")
    out = await console.type(f"/withdraw {code}")
    assert "post was deleted" in out
    assert console.platform.history("stories") == []


async def test_count_only_keeps_themes_and_week_but_no_text(console: Console) -> None:
    """Count only stores no story row, only weekly counts."""
    await console.share("He followed me from the station to my door.", mode="2")
    out = await console.type("Confirm")
    assert "not kept" in out
    assert await console.services.db.fetch_all("SELECT id FROM stories") == []
    metrics = dict(await console.services.db.fetch_all("SELECT metric, n FROM weekly_counts"))
    assert metrics["count_only"] == 1 and metrics["received"] == 1


async def test_members_are_refused_admin_commands(console: Console) -> None:
    """Every admin command refuses a member with a clear private message."""
    commands = [c for c in console.app.registry.commands.values() if c.role.value == "admin"]
    assert commands
    for command in commands:
        out = await console.type(f"/{command.qualified_name}")
        assert "for admins" in out, command.qualified_name


async def test_admins_add_and_remove_resources(console: Console) -> None:
    """Admins add a community resource and hide a shipped one."""
    await console.as_("admin", "dana")
    out = await console.type('/config resource-add crisis "Campus Night Line" 555-0100 region:us')
    assert "Added" in out
    listing = await console.type("/resources crisis")
    assert "Campus Night Line" in listing and "us-988" in listing
    await console.type("/config resource-remove us-988")
    assert "988 Suicide" not in await console.type("/resources crisis")


async def test_default_resources_cover_the_shipped_regions(console: Console) -> None:
    """Shipped resources include the international directory and national hotlines."""
    out = await console.type("/resources")
    for expected in ("findahelpline.com", "988", "0808 2000 247", "13 11 14", "181"):
        assert expected in out


async def test_daily_limit_is_kind_and_enforced(console: Console) -> None:
    """After the daily limit, /share explains kindly and stores nothing more."""
    await console.as_("admin", "dana")
    await console.type("/config limit 1")
    await console.as_("member", "alex")
    await console.share("First story of the day.")
    await console.type("Confirm")
    out = await console.type("/share")
    assert "daily limit" in out and "come back tomorrow" in out


async def test_bad_input_gets_clear_private_messages(console: Console) -> None:
    """Empty stories, unknown codes and commands, and junk are answered kindly."""
    out = await console.share("\u200b\u200b  ")
    assert "Please write something" in out
    await console.type("A real story after all.", "", "", "1")
    assert "I couldn't find" in await console.type("/status nonsense!!")
    assert "don't know the command" in await console.type("/frobnicate")
    out = await console.type(
        "/config schedule cadence:often", "/as admin dana", "/config schedule cadence:often"
    )
    assert "whole number" in out
    assert "time zone" in await console.type("/config schedule timezone:Mars/Olympus")


async def test_over_long_story_is_refused_without_losing_it(console: Console) -> None:
    """A story over the limit gets a message and the form is asked again."""
    out = await console.share("word " * 700)
    assert "the limit is 3000" in out
    assert "What happened?" in out.split("the limit is 3000")[-1]


async def test_posted_text_is_purged_after_retention_but_counts_stay(
    console: Console, clock: FakeClock
) -> None:
    """After the retention period the posted story row is gone; weekly counts remain."""
    await console.share(STORY)
    code = _code(await console.type("Confirm"))
    await _ready_admin(console)
    await console.type("/config retention 30", "/publish-now")
    scheduler = console.services.scheduler
    clock.advance(days=29)
    await scheduler.run_due()
    assert await console.services.db.fetch_all("SELECT id FROM stories") != []
    clock.advance(days=2)
    await scheduler.run_due()
    assert await console.services.db.fetch_all("SELECT id FROM stories") == []
    metrics = dict(await console.services.db.fetch_all("SELECT metric, n FROM weekly_counts"))
    assert metrics["published"] == 1
    assert "couldn't find" in await console.type(f"/status {code}")
