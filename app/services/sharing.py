"""Share links as users see them: the full URL under the app's public base URL."""

from __future__ import annotations


def share_url(public_base: str, token: str) -> str:
    """The read-only URL of a share token, e.g. ``https://planner.example.net/s/<token>``."""
    return f"{public_base.rstrip('/')}/s/{token}"
