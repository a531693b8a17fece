"""Accounts and browser sessions.

Session cookies are random 256-bit values; the database keeps only an HMAC of each, keyed with
``VMP_SECRET_KEY``, so neither a copy of the database nor a copy of the secret alone lets anyone
sign in, and changing the secret signs everybody out.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.store import audit
from app.store.tables import AuthSessionRow, DesignRow, UserRow, id_in_range, utcnow

SESSION_BYTES = 32
MAX_COOKIE_LENGTH = 128


class NameTaken(ValueError):
    """Another account already has this name."""


def count_users(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(UserRow)) or 0)


def get_user(session: Session, user_id: int) -> UserRow | None:
    return session.get(UserRow, user_id) if id_in_range(user_id) else None


def user_by_name(session: Session, name: str) -> UserRow | None:
    return session.scalars(select(UserRow).where(UserRow.name == name)).first()


def list_users(session: Session) -> list[UserRow]:
    return list(session.scalars(select(UserRow).order_by(UserRow.name)))


def create_user(
    session: Session, name: str, role: str, *, password_hash: str | None, source: str = "local"
) -> UserRow:
    """Add an account; the first administrator inherits every design without an owner; commits.

    Raises:
        NameTaken: the name is in use.
    """
    if user_by_name(session, name) is not None:
        raise NameTaken(name)
    user = UserRow(
        name=name,
        role=role,
        password_hash=password_hash,
        active=True,
        source=source,
        created_at=utcnow(),
    )
    session.add(user)
    session.flush()
    if role == "admin":
        # Designs made in one-person mode (or before accounts existed) have no owner.
        session.execute(
            update(DesignRow).where(DesignRow.owner_id.is_(None)).values(owner_id=user.id)
        )
    audit.record(session, "user.create", detail=f"{name} ({role}, {source})")
    session.commit()
    return user


def set_role(session: Session, user: UserRow, role: str, *, active: bool) -> None:
    """Change an account's role or switch it off (its sessions end at once); commits."""
    user.role = role
    user.active = active
    if not active:
        session.execute(delete(AuthSessionRow).where(AuthSessionRow.user_id == user.id))
    audit.record(session, "user.change", detail=f"{user.name}: {role}, active={active}")
    session.commit()


def set_password_hash(session: Session, user: UserRow, password_hash: str) -> None:
    user.password_hash = password_hash
    session.commit()


def change_password(
    session: Session, user: UserRow, password_hash: str, *, keep_session: str | None = None
) -> int:
    """A new password: every other session of ``user`` ends (a stolen cookie dies with the old
    password); ``keep_session`` is the key hash of the session that asked. Commits; returns how
    many sessions ended."""
    user.password_hash = password_hash
    others = select(AuthSessionRow).where(AuthSessionRow.user_id == user.id)
    if keep_session is not None:
        others = others.where(AuthSessionRow.key_hash != keep_session)
    ended = 0
    for row in session.scalars(others).all():
        session.delete(row)
        ended += 1
    audit.record(session, "user.password", detail=f"{user.name}: {ended} other session(s) ended")
    session.commit()
    return ended


def session_key(secret_key: str, cookie: str) -> str:
    """The stored key of a session cookie (the cookie itself is never stored)."""
    return _key_hash(secret_key, cookie)


def _key_hash(secret_key: str, cookie: str) -> str:
    return hmac.new(secret_key.encode(), cookie.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class NewSession:
    row: AuthSessionRow
    cookie: str  # the only time the clear value exists: it goes into Set-Cookie


def start_session(
    session: Session, user: UserRow, secret_key: str, *, lifetime: timedelta
) -> NewSession:
    """A new browser session for ``user`` (absolute expiry ``lifetime`` from now); commits."""
    cookie = secrets.token_urlsafe(SESSION_BYTES)
    now = utcnow()
    row = AuthSessionRow(
        user_id=user.id,
        key_hash=_key_hash(secret_key, cookie),
        created_at=now,
        last_seen_at=now,
        expires_at=now + lifetime,
    )
    session.add(row)
    session.commit()
    return NewSession(row=row, cookie=cookie)


def find_session(
    session: Session, cookie: str, secret_key: str, *, idle: timedelta
) -> AuthSessionRow | None:
    """The live session of a cookie, or None (unknown, expired, idle too long, user disabled).

    Touches ``last_seen_at`` at most once a minute, so reads do not turn into a write each.
    """
    if not cookie or len(cookie) > MAX_COOKIE_LENGTH:
        return None
    stmt = select(AuthSessionRow).where(AuthSessionRow.key_hash == _key_hash(secret_key, cookie))
    row = session.scalars(stmt).first()
    now = utcnow()
    if row is None:
        return None
    if row.expires_at <= now or row.last_seen_at + idle <= now or not row.user.active:
        session.delete(row)
        session.commit()
        return None
    if now - row.last_seen_at > timedelta(minutes=1):
        row.last_seen_at = now
        session.commit()
    return row


def end_session(session: Session, cookie: str, secret_key: str) -> None:
    """Sign out: the session row goes, so the cookie is worthless even if kept; commits."""
    if cookie and len(cookie) <= MAX_COOKIE_LENGTH:
        session.execute(
            delete(AuthSessionRow).where(AuthSessionRow.key_hash == _key_hash(secret_key, cookie))
        )
        session.commit()
