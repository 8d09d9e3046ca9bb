"""Settings from the environment and a ``.env`` file, one class per section."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_FILE = ".env"


def _config(prefix: str) -> SettingsConfigDict:
    return SettingsConfigDict(
        env_prefix=prefix,
        env_file=ENV_FILE,
        extra="ignore",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
    )


class StoreSettings(BaseSettings):
    """Where data lives."""

    model_config = _config("CHORUS_")
    # A SQLite file path, or postgresql://user:password@host:port/dbname.
    database: str = "chorus-data/chorus.sqlite3"
    # Local files (secret.key, the console channels); beside a SQLite file by default.
    data_dir_path: str = Field(default="", validation_alias=AliasChoices("CHORUS_DATA_DIR"))
    # The console platform's channel history; a .jsonl file may be shared by processes.
    console_channels: str = ""
    # How long a claim on a story or a job holds before another process may take it
    # over; longer than any single post can take.
    claim_lease_seconds: int = Field(default=600, ge=1, le=86400)

    @property
    def is_postgres(self) -> bool:
        """Whether the store is a PostgreSQL server."""
        return self.database.startswith(("postgresql://", "postgres://"))

    @property
    def sqlite_path(self) -> Path:
        """The SQLite file path (a ``sqlite:///`` prefix is accepted)."""
        return Path(self.database.removeprefix("sqlite:///"))

    @property
    def data_dir(self) -> Path:
        """The folder that holds local files (secret, console channel)."""
        if self.data_dir_path:
            return Path(self.data_dir_path)
        if self.is_postgres:
            return Path("chorus-data")
        return self.sqlite_path.parent

    @property
    def console_channels_path(self) -> Path:
        """Where the console platform keeps its channels' history."""
        if self.console_channels:
            return Path(self.console_channels)
        return self.data_dir / "console-channels.json"


class PrivacySettings(BaseSettings):
    """The pseudonym secret and how often its keys rotate."""

    model_config = _config("CHORUS_")
    secret_key: SecretStr | None = None
    key_rotation_days: int = Field(default=30, ge=1, le=366)

    @field_validator("secret_key")
    @classmethod
    def _long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 32:
            raise ValueError("must be at least 32 characters (try: openssl rand -hex 32)")
        return value


class LogSettings(BaseSettings):
    """How logs look."""

    model_config = _config("CHORUS_LOG_")
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    format: Literal["text", "json"] = "text"

    @field_validator("level", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value


class DiscordSettings(BaseSettings):
    """Discord connection."""

    model_config = _config("DISCORD_")
    token: SecretStr | None = None
    application_id: str | None = None
    dev_guilds: str = ""
    api_base_url: str = "https://discord.com/api/v10"
    gateway_url: str = "wss://gateway.discord.gg/"
    # A number splits the guilds over that many shards; "auto" takes the count Discord
    # recommends when it connects; unset, one connection serves every guild.
    shard_count: int | Literal["auto"] | None = Field(default=None)
    shard_ids: str = ""

    @field_validator("shard_count")
    @classmethod
    def _positive(cls, value: int | str | None) -> int | str | None:
        if isinstance(value, int) and value < 1:
            raise ValueError("must be 1 or more, or auto")
        return value

    @property
    def sharded(self) -> bool:
        """Whether the guilds are split over shards (a count, or Discord's recommendation)."""
        return self.shard_count is not None

    @property
    def shard_id_list(self) -> list[int]:
        """The shards this process runs, when it runs only some of them."""
        return [int(s) for s in self.shard_ids.replace(",", " ").split()]

    @model_validator(mode="after")
    def _shards_fit(self) -> DiscordSettings:
        try:
            ids = self.shard_id_list
        except ValueError:
            raise ValueError("DISCORD_SHARD_IDS must be shard numbers, like 0,1") from None
        if ids and not isinstance(self.shard_count, int):
            # Without a fixed count, two processes could not agree on who serves a guild.
            raise ValueError("DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT set to a number")
        if (
            ids
            and isinstance(self.shard_count, int)
            and not all(0 <= i < self.shard_count for i in ids)
        ):
            raise ValueError(f"DISCORD_SHARD_IDS must lie from 0 to {self.shard_count - 1}")
        return self

    @property
    def dev_guild_ids(self) -> list[int]:
        """Guilds that get commands synced at once, for development."""
        return [int(g) for g in self.dev_guilds.replace(",", " ").split() if g.strip()]


class SlackSettings(BaseSettings):
    """Slack connection (Socket Mode with an app token, HTTP with a signing secret).

    Either one bot token serves every workspace it is valid in, or, with a client id
    and secret, each workspace installs the app from ``/slack/install`` and gets its
    own bot token (a distributed app).
    """

    model_config = _config("SLACK_")
    bot_token: SecretStr | None = None
    app_token: SecretStr | None = None
    signing_secret: SecretStr | None = None
    client_id: str | None = None
    client_secret: SecretStr | None = None
    # The public address of /slack/oauth_redirect, as listed in the app's Redirect URLs;
    # without it Slack sends installers to the app's only configured redirect URL.
    redirect_uri: str | None = None
    # How long an installation link (its OAuth state) stays valid.
    state_expiration_seconds: int = Field(default=600, ge=60, le=3600)
    # Where "Add to Slack" sends installers; a proxy or a stand-in server may replace it.
    authorization_url: str = "https://slack.com/oauth/v2/authorize"
    api_url: str = "https://slack.com/api/"
    host: str = "127.0.0.1"
    port: int = Field(default=3000, ge=1, le=65535)

    @property
    def distributed(self) -> bool:
        """Whether workspaces install the app themselves (OAuth), each with its own token."""
        return self.client_id is not None and self.client_secret is not None

    @property
    def connectable(self) -> bool:
        """Whether there is a way to act (a token or installs) and a way to listen."""
        has_tokens = self.bot_token is not None or self.distributed
        return has_tokens and (self.app_token is not None or self.signing_secret is not None)

    @field_validator("redirect_uri")
    @classmethod
    def _absolute(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("must be a full address, e.g. https://your.host/slack/oauth_redirect")
        return value


class OpsSettings(BaseSettings):
    """Health and metrics endpoint."""

    model_config = _config("CHORUS_METRICS_")
    host: str = "127.0.0.1"
    port: int | None = Field(default=None, ge=1, le=65535)


@dataclass(frozen=True)
class Settings:
    """Every section of configuration."""

    store: StoreSettings
    privacy: PrivacySettings
    log: LogSettings
    discord: DiscordSettings
    slack: SlackSettings
    ops: OpsSettings

    @property
    def platforms(self) -> list[str]:
        """Platforms that have credentials, in start order."""
        found = []
        if self.discord.token is not None:
            found.append("discord")
        if self.slack.connectable:
            found.append("slack")
        return found


class SettingsError(Exception):
    """Configuration that cannot be used; the message says what to fix."""


def load_settings(**overrides: Any) -> Settings:
    """Read and check every section; raise :class:`SettingsError` with readable messages."""
    sections: dict[str, type[BaseSettings]] = {
        "store": StoreSettings,
        "privacy": PrivacySettings,
        "log": LogSettings,
        "discord": DiscordSettings,
        "slack": SlackSettings,
        "ops": OpsSettings,
    }
    built: dict[str, Any] = {}
    problems: list[str] = []
    for name, cls in sections.items():
        try:
            built[name] = cls(**overrides.get(name, {}))
        except ValidationError as exc:
            prefix = str(cls.model_config.get("env_prefix", ""))
            for err in exc.errors():
                key = prefix + "_".join(str(p) for p in err["loc"]).upper()
                problems.append(f"{key}: {err['msg']}")
    if problems:
        raise SettingsError("Configuration problems:\n  " + "\n  ".join(problems))
    if built["store"].is_postgres and built["privacy"].secret_key is None:
        # Every process must derive the same pseudonyms, so the secret cannot be a
        # file each process creates for itself.
        raise SettingsError(
            "CHORUS_DATABASE is a PostgreSQL server, so CHORUS_SECRET_KEY must be set "
            "(the same value for every process; try: openssl rand -hex 32)."
        )
    _check_slack(built["slack"])
    return Settings(**built)


def _check_slack(slack: SlackSettings) -> None:
    """Refuse Slack settings that cannot start, saying which variable to set."""
    if (slack.client_id is None) != (slack.client_secret is None):
        raise SettingsError(
            "Set both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (Basic Information → "
            "App Credentials) to let workspaces install Chorus, or neither."
        )
    if slack.distributed and slack.bot_token is not None:
        # Both would answer "which token acts in this workspace" differently.
        raise SettingsError(
            "SLACK_BOT_TOKEN and SLACK_CLIENT_ID/SLACK_CLIENT_SECRET are both set: keep the "
            "bot token for one workspace (or an org-wide install), or the client id and "
            "secret for workspaces installing from /slack/install, not both."
        )
    if (slack.bot_token is not None or slack.distributed) and (
        slack.app_token is None and slack.signing_secret is None
    ):
        what = "SLACK_BOT_TOKEN" if slack.bot_token is not None else "SLACK_CLIENT_ID"
        raise SettingsError(
            f"{what} is set but neither SLACK_APP_TOKEN (Socket Mode) nor "
            "SLACK_SIGNING_SECRET (HTTP) is: set one of them."
        )
