"""Settings from the environment and a ``.env`` file, one class per section."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
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
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: str = ""

    @property
    def dev_guild_ids(self) -> list[int]:
        """Guilds that get commands synced at once, for development."""
        return [int(g) for g in self.dev_guilds.replace(",", " ").split() if g.strip()]


class SlackSettings(BaseSettings):
    """Slack connection (Socket Mode with an app token, HTTP with a signing secret)."""

    model_config = _config("SLACK_")
    bot_token: SecretStr | None = None
    app_token: SecretStr | None = None
    signing_secret: SecretStr | None = None
    api_url: str = "https://slack.com/api/"
    host: str = "127.0.0.1"
    port: int = Field(default=3000, ge=1, le=65535)


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
        if self.slack.bot_token is not None and (
            self.slack.app_token is not None or self.slack.signing_secret is not None
        ):
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
    slack: SlackSettings = built["slack"]
    if slack.bot_token is not None and slack.app_token is None and slack.signing_secret is None:
        raise SettingsError(
            "SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor "
            "SLACK_SIGNING_SECRET (HTTP) is: set one of them."
        )
    return Settings(**built)
