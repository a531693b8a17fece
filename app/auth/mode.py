"""One-person tool or shared server (issue 10 item 7).

With no accounts, ``make run`` on a loopback address stays what it always was: no sign-in, and
every page says so. Bound to any other address, or in production (the container), there is no
such mode: the app refuses to serve until an administrator exists.
"""

from __future__ import annotations

import ipaddress

from app.config import Settings


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and "localhost"; False for 0.0.0.0 and real addresses."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def one_person_mode_allowed(settings: Settings) -> bool:
    """May a server with no accounts run without sign-in? Only on loopback, outside production."""
    return settings.environment != "production" and is_loopback(settings.host)


NO_ADMIN_MESSAGE = (
    "This server has no administrator yet, so it serves nothing. On the server, run "
    "`vmotion-planner users create --admin NAME` (it asks for a password), then sign in."
)
