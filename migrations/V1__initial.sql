-- Communities are Discord guilds, Slack workspaces or the local console community.
CREATE TABLE communities (
    id TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- Per-community settings; absent keys fall back to registered defaults in code.
CREATE TABLE community_settings (
    community_id TEXT NOT NULL REFERENCES communities(id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (community_id, key)
);

-- Pseudonym keys: the key is HMAC(secret, salt). Deleting the row destroys the key,
-- so links between stories and authors made with it become unrecoverable.
CREATE TABLE pseudonym_keys (
    id TEXT PRIMARY KEY,
    salt TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- Anonymized stories only. No author identity, no original text.
-- status: review | queued | posting | posted
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities(id),
    receipt_hash TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    text TEXT,
    content_note TEXT,
    themes TEXT NOT NULL,
    week TEXT NOT NULL,
    author TEXT NOT NULL,
    key_id TEXT NOT NULL,
    queued_at BIGINT NOT NULL,
    claimed_at BIGINT,
    posted_at BIGINT,
    channel_id TEXT,
    message_id TEXT
);
CREATE INDEX stories_community_status ON stories (community_id, status, queued_at);

-- Weekly aggregate counts: metric is 'received', 'published', 'count_only', 'withdrawn',
-- or 'theme:<id>'. These stay after stories are purged.
CREATE TABLE weekly_counts (
    community_id TEXT NOT NULL REFERENCES communities(id),
    week TEXT NOT NULL,
    metric TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (community_id, week, metric)
);

-- Submissions per author pseudonym per day, for the daily limit.
CREATE TABLE submission_counts (
    community_id TEXT NOT NULL,
    author TEXT NOT NULL,
    key_id TEXT NOT NULL,
    day TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (community_id, author, day)
);

-- A community's own support resources (the shipped defaults live in code).
CREATE TABLE resources (
    id INTEGER PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities(id),
    topic TEXT NOT NULL,
    region TEXT NOT NULL,
    name TEXT NOT NULL,
    contact TEXT NOT NULL
);
CREATE INDEX resources_community ON resources (community_id, topic);

-- Durable scheduled jobs: posting slots, digests, purges. One row per (kind, community).
CREATE TABLE jobs (
    kind TEXT NOT NULL,
    community_id TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    PRIMARY KEY (kind, community_id)
);
CREATE INDEX jobs_due ON jobs (due_at);
