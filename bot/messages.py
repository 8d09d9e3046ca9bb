"""Every sentence Chorus says to people, in one place and one voice."""

from __future__ import annotations

from bot.api import Role

# --- general -------------------------------------------------------------------------

UNKNOWN_COMMAND = "I don't know the command `/{name}`. Type `/help` to see what you can do."
INTERNAL_ERROR = (
    "Something went wrong on my side, and nothing you shared was stored or lost because of it. "
    "Please try again in a moment."
)
EXPIRED = (
    "That form or button has expired, so nothing was stored. "
    "Please start again with `/share` when you're ready."
)
NOT_IN_DM = "That command works inside a server or workspace, not in a direct message."
BAD_OPTION = "{problem}\nUsage: `{usage}`"
UNKNOWN_OPTION = "I don't know the option `{name}`."
MISSING_OPTION = "Please give `{name}`."
NOT_A_NUMBER = "`{name}` needs to be a whole number."
OUT_OF_RANGE = "`{name}` needs to be between {low} and {high}."
NOT_ON_OFF = "`{name}` needs to be on or off."
TOO_LONG_OPTION = "`{name}` can be at most {limit} characters."
NOT_A_CHOICE = "`{name}` needs to be one of: {allowed}."

REFUSED = {
    Role.MEMBER: "You can use that.",
    Role.ORGANIZER: (
        "That command is for this community's organizers. "
        "If you think you should have access, ask an admin to give you the organizer role."
    ),
    Role.ADMIN: (
        "That command is for admins of this community (people who can manage the server "
        "or workspace). Nothing was changed."
    ),
}

# --- sharing ---------------------------------------------------------------------------

SHARE_TITLE = "Share your experience"
STORY_LABEL = "What happened?"
STORY_PLACEHOLDER = (
    "Write as much or as little as you like. Names, places and contact details "
    "are removed before anyone sees it."
)
NOTE_LABEL = "Content note (optional)"
NOTE_PLACEHOLDER = "e.g. assault, stalking — shown before your story"
MODE_LABEL = "What should happen with it?"
MODE_PUBLISH = "Publish anonymously"
MODE_COUNT = "Count only (text never kept)"

STORY_EMPTY = "Please write something before previewing. Take your time."
STORY_TOO_LONG = (
    "That's {length} characters; the limit is {limit}. Could you shorten it a little? "
    "Nothing has been stored."
)
NOTE_TOO_LONG = "Please keep the content note under {limit} characters."

PREVIEW_HEADER = (
    "**Here is exactly what would be posted** — only you can see this. "
    "Details in [brackets] were removed to protect you and others."
)
PREVIEW_COUNT_ONLY = (
    "**You chose count only.** Your words will not be kept or posted; "
    "only these themes are counted: {themes}."
)
PREVIEW_NOTE = "Content note: {note}"
PREVIEW_SUGGESTIONS = (
    "Small communities can recognise details. You might leave out anything that "
    "doesn't change the meaning:"
)
PREVIEW_FOOTER = (
    "Nothing is stored until you confirm. If it's posted, expect it in the story channel "
    "{delay} — posts are delayed and mixed so their timing can't point to you."
)
PREVIEW_FOOTER_REVIEW = (
    "Nothing is stored until you confirm. A community organizer will read it first "
    "(without knowing who wrote it) before it joins the posting queue."
)

CONFIRM = "Confirm"
EDIT = "Edit"
CANCEL = "Cancel"
SHARE_ANYWAY = "Continue sharing"

CANCELLED = "Cancelled. Nothing was stored. You can come back any time with `/share`."
RECEIPT = (
    "Thank you for sharing. Your story is {state}.\n"
    "Your private receipt code is **{code}** — keep it to check on your story "
    "(`/status {code}`) or take it back (`/withdraw {code}`). "
    "No one else can see this code, and Chorus does not know who you are."
)
RECEIPT_COUNT_ONLY = (
    "Thank you. Your experience has been counted in this week's themes; "
    "your words were not kept anywhere."
)
DAILY_LIMIT = (
    "You've shared {limit} times today, which is this community's daily limit. "
    "Your words matter — please come back tomorrow. Nothing you wrote just now was stored."
)
SHARE_BLOCKED = (
    "Sharing isn't available to you in this community right now. "
    "If you need support, `/resources` lists people who can help."
)
SHARE_COOLDOWN = (
    "You've done a lot in a short time, so sharing is paused for a little while. "
    "Please come back in an hour. Nothing you wrote just now was stored."
)
SHARE_DUPLICATE = (
    "This looks the same as a story shared here in the last week, so I haven't stored it "
    "again. If it's a different experience, please add a little more detail."
)
RESOURCES_AFTER = "If you'd like support, these can help:"

CRISIS_LEAD = (
    "**It sounds like you might be in danger or going through something very hard right "
    "now. You don't have to face this alone.** Please reach out to someone who can help "
    "straight away:"
)
CRISIS_ASK = (
    "When you're ready, you can still share your story — or leave it for now. "
    "Nothing is stored unless you choose to continue."
)

# --- status and withdrawal ---------------------------------------------------------------

CODE_UNKNOWN = (
    "I couldn't find a story with the code `{code}`. Please check it — codes look like "
    "`ABCD-2345`. If the story was withdrawn or purged after the retention period, "
    "it no longer exists."
)
STATUS = {
    "rejected": "not going to be posted: the organizers decided against it",
    "review": "awaiting review by an organizer",
    "queued": "queued to be posted",
    "posting": "being posted",
    "posted": "posted in the story channel",
}
STATUS_REPLY = "Your story `{code}` is {state}."
STATUS_REASON = "They said: “{reason}”"
WITHDRAWN = "Your story `{code}` has been withdrawn and deleted. It will not be posted."
WITHDRAWN_POSTED = (
    "Your story `{code}` has been withdrawn: the post was deleted from the channel and "
    "the text from Chorus."
)
WITHDRAW_POST_FAILED = (
    "Your story `{code}` was deleted from Chorus, but I couldn't remove the post from the "
    "channel ({reason}). Please ask an organizer to delete it; they won't learn who wrote it."
)

# --- posting --------------------------------------------------------------------------

POST_CONTENT_NOTE = "Content note: {note}"
DELAY_SOON = "within a few hours"
DELAY_LATER = "within about {hours} hours"
POSTING_PROBLEM = {
    "channel_missing": (
        "I couldn't post to the story channel because it no longer exists. "
        "Stories are safely queued; an admin can set a new one with `/config channel`."
    ),
    "forbidden": (
        "I couldn't post to the story channel because I'm missing permission there. "
        "Stories are safely queued; please let me send messages in that channel."
    ),
    "transient": "Posting failed for a moment; stories stay queued and will be retried.",
}
NO_STORY_CHANNEL = (
    "No story channel is set yet, so nothing was posted. Set one with "
    "`/config channel kind:story channel:#channel`."
)
PUBLISHED_NOW = "Posting slot run: {posted} posted, {waiting} still waiting. {why}"
WHY_POOL = (
    "To protect authors, a story waits at least {delay} minutes, and until {pool} stories "
    "are queued (or {hours} hours pass)."
)
WHY_NONE = ""

# --- resources ----------------------------------------------------------------------------

RESOURCES_HEADER = "Support resources{topic}:"
RESOURCES_NONE = "I don't have resources for `{topic}`. Topics: {topics}."
RESOURCE_ADDED = "Added “{name}” under {topic} ({region})."
RESOURCE_REMOVED = "Removed “{name}”."
RESOURCE_UNKNOWN = "No resource is called “{name}”. `/resources` lists them."

# --- configuration -------------------------------------------------------------------------

CONFIG_SAVED = "Saved: {what}."
CHANNEL_BAD = "That doesn't look like a channel. Mention it like #stories."
TIMEZONE_BAD = (
    "I don't know the time zone `{tz}`. Use a name like Europe/London or America/New_York."
)
THEME_EXISTS = "There is already a theme `{theme}`."
THEME_UNKNOWN = "There is no theme `{theme}`. Themes: {themes}."
THEME_ADDED = "Added theme `{theme}` with keywords: {keywords}."
THEME_REMOVED = "Removed theme `{theme}`. Counts already made stay in past summaries."
THEME_KEYWORDS = "Theme `{theme}` now also matches: {keywords}."
THEME_ID_BAD = "Theme ids use lowercase letters, digits and underscores, like `transit_safety`."
GROUP_BAD = "Group must be one of: {groups}."

# --- help ----------------------------------------------------------------------------------

HELP_MEMBER = (
    "**Chorus** lets you share experiences of harassment, discrimination and sexism "
    "anonymously.\n"
    "• `/share` — write your story privately, see exactly what would be posted, then confirm\n"
    "• `/status code:<code>` — check on a story with your receipt code\n"
    "• `/withdraw code:<code>` — take a story back, even after it's posted\n"
    "• `/resources [topic]` — support lines and organisations"
)
HELP_ORGANIZER = "\nOrganizers: `/summary [week]`, `/summary export`, `/review`."
HELP_ADMIN = (
    "\nAdmins: `/config show`, `/config channel`, `/config schedule`, `/config moderation`, "
    "`/config themes`, `/config resource-add`, `/publish-now` and more — see `/config show`."
)

# --- Slack ---------------------------------------------------------------------------------

SLACK_SHOW_STORY = "Show story"
SLACK_STORY_BEHIND_BUTTON = "The story is behind the button, so each reader can choose to read it."
SLACK_STORY_GONE = "That story is no longer available."
SLACK_WORKING_TITLE = "One moment"
SLACK_WORKING = "Preparing your preview… this takes a few seconds."
SLACK_CLOSE = "Close"
SLACK_DONE = "Done. Your receipt is in the channel where you started — only you can see it."
SLACK_TRIGGER_EXPIRED = "That took too long to open. Please run the command again."
SLACK_FILE_IN_DM = "I've sent the file to you in a direct message."
SLACK_FILE_NOT_SENT = (
    "I couldn't send you the file in a direct message, so it isn't attached. "
    "An admin may need to reinstall Chorus so it can send files and direct messages."
)

# --- Discord ---------------------------------------------------------------------------

DISCORD_FORM_PROBLEMS = "Nothing was stored yet. Please fix this and try again:"
DISCORD_FIX_BUTTON = "Fix it"
DISCORD_OPEN_FORM = "Open the form"
DISCORD_OPEN_FORM_PROMPT = "Press the button to open the form."
DISCORD_PICK_COMMUNITY = (
    "You share more than one server with me. Which community is this for? "
    "Nothing is stored until you confirm."
)
DISCORD_PICK_PLACEHOLDER = "Choose a server"
DISCORD_NO_COMMUNITY = (
    "I can only take stories for a server we are both in. Please use `/share` inside your "
    "server, or ask an admin there to invite me."
)
DISCORD_TOO_MANY_COMMUNITIES = (
    "I'm in too many servers to tell which one you mean from a direct message. "
    "Please use `/share` inside your server: the form stays private to you."
)

# --- review and blocking ----------------------------------------------------------------

REVIEW_NONE = "No stories are waiting for review. Thank you for looking."
REVIEW_HEADER = (
    "**A story waiting for review** ({waiting} waiting). You can't see who wrote it, "
    "and neither can anyone else."
)
REVIEW_THEMES = "Themes: {themes}"
APPROVE = "Approve"
REJECT = "Reject"
REDACT_MORE = "Redact more"
BLOCK_AUTHOR = "Block author"
NEXT = "Next"
REVIEW_APPROVED = "Approved. It joins the posting queue and will be posted at a random slot."
REVIEW_REJECTED = "Rejected. The text was deleted; the author can see your reason with their code."
REVIEW_ALREADY = "Another organizer has already decided on that story."
REVIEW_REDACTED = "Masked {count} occurrence(s). Here is the story now:"
REVIEW_NOTHING_MASKED = "None of those words appear in the story, so nothing changed."
REJECT_TITLE = "Reject this story"
REJECT_LABEL = "Reason for the author (optional)"
REJECT_PLACEHOLDER = "Shown privately to the author when they check their code"
REDACT_TITLE = "Redact more"
REDACT_LABEL = "Words or phrases to mask, comma-separated"
BLOCK_TITLE = "Block this author"
BLOCK_LABEL = "For how long?"
BLOCKED_AUTHOR = (
    "The author of that story can't share here for {days} days (or until their anonymous "
    "key expires, if sooner). You haven't learned who it is, and neither has Chorus."
)
BLOCK_UNLINKABLE = (
    "That story can no longer be linked to its author (its anonymous key has expired), "
    "so there is nobody to block."
)
BLOCK_UNKNOWN_POST = (
    "I couldn't find a posted story for `{post}`. Use the post's message id or link."
)

# --- organizer summaries -------------------------------------------------------------------

SUMMARY_TITLE = "**Weekly summary — {week}** ({start} to {end}, {tz})"
SUMMARY_STORIES = (
    "Stories: {received} received · {published} published · {count_only} count-only · "
    "{withdrawn} withdrawn"
)
SUMMARY_REVIEW = "Awaiting review now: {review}"
SUMMARY_THEMES = "**Themes** (change against {previous})"
SUMMARY_THEME_LINE = "• {label}: {value}{change}"
SUMMARY_NO_THEMES = "• no theme is large enough to show on its own this week"
SUMMARY_GROUPS = "**Groups** — themes too small to show alone, counted together"
SUMMARY_GROUP_LINE = "• {group}: {value}{change} ({themes})"
SUMMARY_SMALL = "Fewer than {threshold} each: {themes}."
SUMMARY_HIDDEN = "Not shown, so that smaller counts can't be worked out: {themes}."
SUMMARY_RISING = "**Rising:** {items}"
SUMMARY_NOT_RISING = "**Rising:** nothing rose by a figure that can be shown."
SUMMARY_FOOTER = (
    "Counts under {threshold} show as “fewer than {threshold}”, and a few others are held back "
    "so that those can't be worked out. One story can touch several themes."
)
SUMMARY_FEWER = "fewer than {threshold}"
SUMMARY_NOT_SHOWN = "not shown"
SUMMARY_CHANGE = " ({change:+d})"
SUMMARY_SAME = " (no change)"
SUMMARY_WEEK_BAD = "`{week}` isn't a week I know. Weeks look like `2026-W47` (ISO year and week)."
SUMMARY_WEEK_OPEN = (
    "Week {week} isn't over yet. Summaries cover complete weeks only, so that figures can't be "
    "watched as they grow. The latest complete week is {latest}."
)
SUMMARY_EXPORT = (
    "Weekly counts up to {week}, with the same suppression as summaries. "
    "No story text is ever exported."
)
SUMMARY_DIGEST = "This week's summary for organizers."
CHART_TITLE = "Stories and theme groups, 8 weeks to {week}"
CHART_X = "ISO week ({tz})"
CHART_Y = "Count (a story can be in several groups)"
CHART_RECEIVED = "stories received"
CHART_BAND = "fewer than {threshold}: exact count hidden"
CHART_GAP = "gap: held back to protect a smaller count"
DIGEST_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DIGEST_SETTING = "Weekly summary: {weekday}s at {hour:02d}:00 ({tz}), posted to {channel}."
DIGEST_OFF = "The weekly summary to organizers is off. Turn it on with `/config digest monday 9`."
DIGEST_NO_CHANNEL = (
    "no organizers' channel yet — set one with `/config channel organizers #channel`"
)
