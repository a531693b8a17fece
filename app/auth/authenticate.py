"""Turn a request into a :class:`Principal`: API token, trusted proxy header, or session cookie."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session
from starlette.requests import Request

from app.auth.principal import Principal, Role
from app.auth.proxy import proxy_user_name
from app.config import Settings
from app.store import accounts, audit, tokens
from app.store.tables import UserRow

COOKIE_NAME = "vmp_session"


class BadToken(Exception):
    """An ``Authorization: Bearer`` header with a token that is unknown, revoked or expired."""


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


def _principal(user: UserRow, via: str, *, can_write: bool = True) -> Principal:
    return Principal(
        user_id=user.id, name=user.name, role=Role(user.role), via=via, can_write=can_write
    )


def _from_token(session: Session, header: str) -> Principal:
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer":
        raise BadToken("Only 'Authorization: Bearer <token>' is understood.")
    row = tokens.resolve_token(session, value.strip())
    if row is None:
        raise BadToken("The API token is unknown, revoked or expired.")
    return _principal(row.user, "token", can_write=row.write)


def _from_proxy(session: Session, settings: Settings, request: Request) -> Principal | None:
    name = proxy_user_name(
        settings, client_address(request), request.headers.get(settings.remote_user_header)
    )
    if name is None:
        return None
    user = accounts.user_by_name(session, name)
    if user is None:
        # Created on first sight, as NetBox's REMOTE_AUTH_AUTO_CREATE_USER does.
        actor = audit.Actor(user_id=None, name=name, address=client_address(request))
        audit.set_actor(session, actor)
        try:
            user = accounts.create_user(
                session, name, settings.remote_user_default_role, password_hash=None, source="proxy"
            )
        except accounts.NameTaken:  # another request created it a moment ago
            session.rollback()
            user = accounts.user_by_name(session, name)
            if user is None:
                return None
    return _principal(user, "proxy") if user.active else None


def authenticate(request: Request, session: Session, settings: Settings) -> Principal | None:
    """Who sent ``request``, or None for an anonymous request.

    Raises:
        BadToken: a bearer token was sent and is not valid (never treated as anonymous, so a
            script with an expired token gets a 401, not a sign-in page).
    """
    header = request.headers.get("authorization")
    if header:
        return _from_token(session, header)
    if settings.remote_user_header:
        principal = _from_proxy(session, settings, request)
        if principal is not None:
            return principal
    cookie = request.cookies.get(COOKIE_NAME)
    if cookie:
        row = accounts.find_session(
            session,
            cookie,
            settings.secret_key,
            idle=timedelta(minutes=settings.session_idle_minutes),
        )
        if row is not None:
            return _principal(row.user, "session")
    return None
