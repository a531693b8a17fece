"""Personal API tokens: shown once, stored as SHA-256 (issue 10 item 3).

A token is ``vmp_`` plus 256 random bits, so a plain hash is enough (nothing to brute-force);
unlike session cookies it is not keyed with the server secret, so rotating the secret does not
break every script.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store import audit
from app.store.tables import ApiTokenRow, UserRow, id_in_range, utcnow

PREFIX = "vmp_"
TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 128
# Writing last_used_at on every call would turn every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    row: ApiTokenRow
    token: str  # the only time the clear token exists


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(
    session: Session,
    user: UserRow,
    *,
    label: str | None,
    write: bool,
    expires_at: datetime | None,
) -> NewToken:
    """Create a token for ``user`` and return its clear value once; commits."""
    token = PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    row = ApiTokenRow(
        user_id=user.id,
        token_hash=hash_token(token),
        prefix=token[:10],
        label=(label or "").strip() or None,
        write=write,
        created_at=utcnow(),
        expires_at=expires_at,
    )
    session.add(row)
    session.flush()
    access = "read-write" if write else "read-only"
    audit.record(session, "token.create", detail=f"token {row.id} ({access}) of {user.name}")
    session.commit()
    return NewToken(row=row, token=token)


def list_tokens(session: Session, user_id: int) -> list[ApiTokenRow]:
    stmt = (
        select(ApiTokenRow)
        .where(ApiTokenRow.user_id == user_id)
        .order_by(ApiTokenRow.created_at.desc(), ApiTokenRow.id.desc())
    )
    return list(session.scalars(stmt))


def revoke_token(session: Session, user_id: int, token_id: int) -> bool:
    """Revoke one of the user's tokens; False when there is no such token of theirs; commits."""
    if not id_in_range(token_id):
        return False
    row = session.get(ApiTokenRow, token_id)
    if row is None or row.user_id != user_id:
        return False
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        audit.record(session, "token.revoke", detail=f"token {row.id}")
        session.commit()
    return True


def resolve_token(session: Session, token: str) -> ApiTokenRow | None:
    """The live token for a clear value (not revoked, not expired, user active), or None."""
    if not token.startswith(PREFIX) or len(token) > MAX_TOKEN_LENGTH:
        return None
    row = session.scalars(
        select(ApiTokenRow).where(ApiTokenRow.token_hash == hash_token(token))
    ).first()
    now = utcnow()
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    if row.expires_at is not None and row.expires_at <= now:
        return None
    if row.last_used_at is None or now - row.last_used_at > LAST_USED_RESOLUTION:
        row.last_used_at = now
        session.commit()
    return row
