"""Security middleware: CSRF by origin checks, security headers, request size limit.

CSRF follows the Fetch-Metadata approach (Datasette, Go's CrossOriginProtection): browsers send
``Sec-Fetch-Site`` with every request, so an unsafe request is allowed when it says
``same-origin`` or ``none`` (typed by the user). Older browsers send ``Origin``/``Referer``, which
must then name this server. Requests with none of these headers do not come from a browser page
(curl, scripts using the API) and cannot carry a victim's ambient credentials, so they pass.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.web.templating import render_standalone

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

# No inline script anywhere (htmx and app.js come from /static). Inline *style* stays allowed:
# server-generated SVG diagrams colour lanes with style attributes; styles cannot run code.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def _request_host_origins(scope: Scope, headers: Headers) -> set[str]:
    host = headers.get("host", "")
    if not host:
        return set()
    # Behind a TLS-terminating proxy the scheme may differ; the host must match either way.
    return {f"http://{host}".lower(), f"https://{host}".lower()}


def csrf_rejection(scope: Scope, trusted: frozenset[str]) -> str | None:
    """Why this request is refused as cross-site, or None when it may proceed."""
    if scope["method"] in SAFE_METHODS:
        return None
    headers = Headers(scope=scope)
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        if fetch_site in ("same-origin", "none"):
            return None
        return (
            f"This request came from another site (Sec-Fetch-Site: {fetch_site}). "
            "Changes can only be made from pages of this application."
        )
    allowed = _request_host_origins(scope, headers) | trusted
    origin = headers.get("origin")
    if origin is not None:
        if origin.lower() in allowed:
            return None
        return f"This request came from {origin}, not from this application; it was refused."
    referer = headers.get("referer")
    if referer is not None:
        if _origin_of(referer) in allowed:
            return None
        return "This request was sent from a page of another site; it was refused."
    return None


def _wants_json(scope: Scope) -> bool:
    path: str = scope.get("path", "")
    accept = Headers(scope=scope).get("accept", "")
    return (
        path.startswith("/api/")
        or path.endswith(".json")
        or ("application/json" in accept and "text/html" not in accept)
    )


async def send_error(scope: Scope, send: Send, status: int, title: str, message: str) -> None:
    """Answer with a small error page (HTML, or JSON for the API) without touching the app."""
    if _wants_json(scope):
        body = json.dumps({"detail": message}).encode()
        content_type = b"application/json"
    else:
        html = render_standalone(
            "errors/error.html", {"status_code": status, "title": title, "message": message}
        )
        body = html.encode()
        content_type = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityHeadersMiddleware:
    """Adds the security headers to every HTTP response (pages, JSON, static files)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class CSRFMiddleware:
    """Refuses cross-site unsafe requests with 403 and a message saying why."""

    def __init__(self, app: ASGIApp, trusted_origins: list[str]) -> None:
        self.app = app
        self.trusted = frozenset(o.rstrip("/").lower() for o in trusted_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            reason = csrf_rejection(scope, self.trusted)
            if reason is not None:
                await send_error(scope, send, 403, "Request refused", reason)
                return
        await self.app(scope, receive, send)


class _BodyTooLarge(HTTPException):
    """Raised from ``receive``; an HTTPException so FastAPI's body parsing passes it through."""

    def __init__(self, message: str) -> None:
        super().__init__(status_code=413, detail=message)


class BodySizeLimitMiddleware:
    """Refuses request bodies over ``max_bytes`` with 413, by header and by bytes received."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _message(self) -> str:
        return (
            f"The request is larger than this server accepts ({self.max_bytes // 1024} KiB). "
            "Designs are small documents; check that the right file was sent."
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = Headers(scope=scope).get("content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await send_error(scope, send, 413, "Request too large", self._message())
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLarge(self._message())
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _BodyTooLarge:
            if not started:
                await send_error(scope, send, 413, "Request too large", self._message())
