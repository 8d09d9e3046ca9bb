-- Slack workspaces that installed Chorus from /slack/install, one row per workspace
-- (or per Enterprise Grid organization for an org-wide install). enterprise_id and
-- team_id are '' when absent, so the pair is always a usable key.
-- The tokens are sealed with a key derived from the Chorus secret: the database alone
-- cannot act in anyone's workspace. No installer's user id or user token is kept.
CREATE TABLE slack_installations (
    enterprise_id TEXT NOT NULL,
    team_id TEXT NOT NULL,
    app_id TEXT,
    bot_id TEXT NOT NULL,
    bot_user_id TEXT NOT NULL,
    bot_scopes TEXT NOT NULL,
    bot_token TEXT NOT NULL,
    bot_refresh_token TEXT,
    bot_token_expires_at BIGINT,
    is_enterprise_install INTEGER NOT NULL,
    installed_at BIGINT NOT NULL,
    PRIMARY KEY (enterprise_id, team_id)
);
CREATE INDEX slack_installations_team ON slack_installations (team_id);

-- The OAuth state of each installation link handed out: valid once, until expires_at,
-- so a redirect that was not started from this Chorus (or is replayed) is refused.
CREATE TABLE slack_oauth_states (
    state TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
