-- Several bot processes may share one PostgreSQL database. A process claims what it
-- works on with its own token; a claim older than the lease is treated as abandoned
-- (its process died) and may be taken over, so nothing is lost or done twice.
ALTER TABLE stories ADD COLUMN claimed_by TEXT;
CREATE INDEX stories_status_claimed ON stories (status, claimed_at);

-- A due job is run by the one process that claimed it, until lease_until.
ALTER TABLE jobs ADD COLUMN claimed_by TEXT;
ALTER TABLE jobs ADD COLUMN lease_until BIGINT;
