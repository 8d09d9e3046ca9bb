-- Weekly summaries posted to the organizers' channel: one row per community and week.
-- The row is claimed ('sending') before the message is sent and completed ('sent') after,
-- so a restart in between finds the message by its nonce instead of sending it again.
CREATE TABLE digests (
    community_id TEXT NOT NULL REFERENCES communities(id),
    week TEXT NOT NULL,
    nonce TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    status TEXT NOT NULL,
    claimed_at BIGINT NOT NULL,
    message_id TEXT,
    sent_at BIGINT,
    PRIMARY KEY (community_id, week)
);
