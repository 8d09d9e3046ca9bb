# Chorus in a container: the database and local files live on the /data volume.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/chorus/bin:$PATH

WORKDIR /app

# Dependencies first, so code changes do not reinstall them.
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
COPY migrations ./migrations
# Editable, so migrations/ stays beside the package where the runner looks for it.
RUN python -m venv /opt/chorus \
    && /opt/chorus/bin/pip install --no-cache-dir --editable . \
    && useradd --system --uid 10001 --user-group --home-dir /data --no-create-home chorus \
    && mkdir /data \
    && chown chorus:chorus /data \
    && chmod 700 /data

ENV CHORUS_DATABASE=/data/chorus.sqlite3 \
    CHORUS_LOG_FORMAT=json \
    CHORUS_METRICS_HOST=0.0.0.0 \
    CHORUS_METRICS_PORT=9108 \
    MPLCONFIGDIR=/tmp/matplotlib

USER 10001:10001
VOLUME ["/data"]
EXPOSE 9108

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-m", "bot.ops.probe"]

# `docker compose run chorus doctor` (or backup, restore) swaps the command, not the program.
ENTRYPOINT ["chorus"]
CMD ["run"]
