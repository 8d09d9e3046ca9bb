-- Review: a decided story is never decided again (decisions update only status 'review').
-- review_lease lets two organizers see different stories; reject_reason is shown to the
-- author through /status, the only private channel back to an unknown author.
ALTER TABLE stories ADD COLUMN review_lease BIGINT;
ALTER TABLE stories ADD COLUMN reject_reason TEXT;

-- Anonymous blocks: the author's pseudonym under one key. Destroying the key ends the block.
CREATE TABLE blocks (
    id INTEGER PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities(id),
    author TEXT NOT NULL,
    key_id TEXT NOT NULL,
    until_at BIGINT NOT NULL
);
CREATE INDEX blocks_author ON blocks (community_id, author);

-- Recent submissions and withdrawals per pseudonym, for cool-downs and duplicate checks.
-- fingerprint is a keyed hash of the anonymized text, never the text itself.
CREATE TABLE recent_actions (
    id INTEGER PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities(id),
    author TEXT NOT NULL,
    key_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    fingerprint TEXT,
    at BIGINT NOT NULL
);
CREATE INDEX recent_actions_author ON recent_actions (community_id, author, at);
CREATE INDEX recent_actions_fingerprint ON recent_actions (community_id, fingerprint);
