"""Running Chorus in production: health, metrics, backups, diagnosis, shutdown."""
