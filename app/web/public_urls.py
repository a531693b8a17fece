"""Absolute URLs for links that leave the app: share links and the QR codes on printed sheets.

Everything else the app links to is relative, so it works behind any proxy. A share link or QR
code is read on another device, so it must be absolute: it is built on ``VMP_PUBLIC_BASE_URL``
when that is set, and otherwise on the request itself (scheme, host and port the browser used),
so ``make run PORT=8101`` prints links that open. ``X-Forwarded-Proto``/``-Host``/``-Port`` are
believed only from ``VMP_TRUSTED_PROXIES``: anyone else could set them.
"""

from __future__ import annotations

import re

from starlette.requests import Request

from app.auth.proxy import peer_in
from app.config import Settings

# A host header as browsers send it: a DNS name or IPv4 address, or a bracketed IPv6 address,
# and an optional port. Anything else never reaches a printed link.
_HOST = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$"
)


def _first(value: str | None) -> str | None:
    """The first entry of a comma-separated forwarded header (the client-facing proxy's)."""
    return value.split(",")[0].strip() if value else None


def public_base(request: Request, settings: Settings) -> str:
    """``scheme://host[:port]`` people reach the app at, without a trailing slash."""
    if settings.public_base_url:
        return settings.public_base_url.rstrip("/")
    scheme = request.url.scheme
    host = request.headers.get("host", "")
    peer = request.client.host if request.client else None
    if peer_in(peer, settings.trusted_proxies):
        scheme = _first(request.headers.get("x-forwarded-proto")) or scheme
        host = _first(request.headers.get("x-forwarded-host")) or host
        port = _first(request.headers.get("x-forwarded-port"))
        if port and port.isdigit() and ":" not in host.rsplit("]", 1)[-1]:
            default = {"http": "80", "https": "443"}.get(scheme)
            host = host if port == default else f"{host}:{port}"
    if scheme not in ("http", "https") or not _HOST.match(host):
        # A malformed Host header: fall back to the address the request reached.
        server = request.url.netloc or "127.0.0.1"
        return f"{request.url.scheme}://{server}"
    return f"{scheme}://{host}"


def public_url(base: str, path: str) -> str:
    """``path`` under the public base URL people reach the app at."""
    return base.rstrip("/") + path
