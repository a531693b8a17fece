"""Application settings: one pydantic-settings class, read from ``VMP_*`` environment variables.

Every field is documented in ``docs/configuration.md``; a test fails when one is not.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.planner.design import MAX_CARDS_PER_HOST, MAX_HOSTS, MAX_PORTS_PER_CARD

# The development default; the app refuses to start with it in any other environment.
INSECURE_SECRET = "dev-insecure-change-me"
DEFAULT_DATABASE_URL = "sqlite:///./data/vmotion-planner.db"


class Settings(BaseSettings):
    """Runtime configuration. Environment variables use the ``VMP_`` prefix (``VMP_PORT=9000``)."""

    model_config = SettingsConfigDict(env_prefix="VMP_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = Field(
        "development", description="development, test or production."
    )
    database_url: str = Field(
        DEFAULT_DATABASE_URL, description="SQLAlchemy URL of the database (SQLite or PostgreSQL)."
    )
    host: str = Field("127.0.0.1", description="Address uvicorn listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port uvicorn listens on.")
    secret_key: str = Field(
        INSECURE_SECRET, description="Server secret; required outside development."
    )
    public_base_url: str = Field(
        "",
        description="Base URL people use to reach the app (share links, QR codes); empty: "
        "taken from each request.",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses or networks of reverse proxies whose X-Forwarded-Proto/Host/Port "
        "headers are believed when building share links.",
    )
    max_request_bytes: int = Field(
        1_048_576, ge=1024, description="Largest accepted request body in bytes."
    )
    max_hosts: int = Field(64, ge=1, le=MAX_HOSTS, description="Most hosts one design may have.")
    max_nics_per_host: int = Field(
        MAX_CARDS_PER_HOST * MAX_PORTS_PER_CARD // 4,
        ge=1,
        le=MAX_CARDS_PER_HOST * MAX_PORTS_PER_CARD,
        description="Most vmnics one host may have.",
    )
    page_size: int = Field(20, ge=1, le=500, description="Designs per page in the list.")
    cache_dir: str = Field(
        "./data/cache",
        description="Directory for rendered PDFs (shared by every worker on one machine).",
    )
    pdf_cache_bytes: int = Field(
        268_435_456, ge=0, description="Most bytes of rendered PDFs kept in cache_dir."
    )
    trusted_origins: list[str] = Field(
        default_factory=list,
        description="Extra origins (scheme://host:port) allowed to send state-changing requests.",
    )

    session_idle_minutes: int = Field(
        480, ge=5, le=43_200, description="Sign-in ends after this many minutes without a request."
    )
    session_max_hours: int = Field(
        168, ge=1, le=8_760, description="Sign-in ends this many hours after it began, whatever."
    )
    remote_user_header: str = Field(
        "",
        max_length=100,
        description="Header a trusted reverse proxy sets to the signed-in user's name "
        "(single sign-on, e.g. X-Forwarded-User); empty turns it off.",
    )
    remote_user_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses or networks (CIDR) of the proxies whose remote_user_header "
        "is believed; from anywhere else the header is ignored.",
    )
    remote_user_default_role: Literal["viewer", "member"] = Field(
        "viewer", description="Role of an account created on first sight through the proxy."
    )

    @model_validator(mode="after")
    def _secret_is_set_outside_development(self) -> Settings:
        if self.environment != "development" and self.secret_key == INSECURE_SECRET:
            raise ValueError(
                "VMP_SECRET_KEY must be set to a long random value outside development "
                "(for example: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )
        if self.environment != "development" and len(self.secret_key) < 16:
            raise ValueError("VMP_SECRET_KEY must be at least 16 characters long")
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
