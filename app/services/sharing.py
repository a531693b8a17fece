"""Share links as users see them: the full URL built on the public base URL setting."""

from __future__ import annotations

from app.config import Settings


def share_url(settings: Settings, token: str) -> str:
    """The read-only URL of a share token, e.g. ``https://planner.example.net/s/<token>``."""
    return f"{settings.public_base_url.rstrip('/')}/s/{token}"
