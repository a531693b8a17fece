"""Read-only share links.

A token carries 256 bits from :mod:`secrets` (the brief asks for at least 128). The database keeps
only its SHA-256, so a copy of the database does not give anyone access; the clear token is
returned once, when the link is created.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store import audit
from app.store.tables import DesignRow, ShareLinkRow, id_in_range, utcnow

TOKEN_BYTES = 32
# token_urlsafe(32) gives 43 characters; anything far outside that is not one of ours.
MAX_TOKEN_LENGTH = 128


@dataclass(frozen=True)
class NewShareLink:
    """A link just created: ``token`` is the only time the clear token exists."""

    link: ShareLinkRow
    token: str


def hash_token(token: str) -> str:
    """The stored form of a token: hex SHA-256."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_share_link(
    session: Session,
    design_id: int,
    *,
    label: str | None = None,
    expires_at: datetime | None = None,
) -> NewShareLink:
    """Create a link for a design and return it with its clear token; commits."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = ShareLinkRow(
        design_id=design_id,
        token_hash=hash_token(token),
        label=(label or "").strip() or None,
        created_at=utcnow(),
        expires_at=expires_at,
    )
    session.add(link)
    session.flush()
    audit.record(session, "share.create", design_id=design_id, detail=f"link {link.id}")
    session.commit()
    return NewShareLink(link=link, token=token)


def list_share_links(session: Session, design_id: int) -> list[ShareLinkRow]:
    """All links of a design, active and revoked, newest first."""
    if not id_in_range(design_id):
        return []
    stmt = (
        select(ShareLinkRow)
        .where(ShareLinkRow.design_id == design_id)
        .order_by(ShareLinkRow.created_at.desc(), ShareLinkRow.id.desc())
    )
    return list(session.scalars(stmt))


def revoke_share_link(session: Session, design_id: int, link_id: int) -> bool:
    """Revoke one link of a design; False if there is no such link. Revoking twice is harmless."""
    if not (id_in_range(design_id) and id_in_range(link_id)):
        return False
    link = session.get(ShareLinkRow, link_id)
    if link is None or link.design_id != design_id:
        return False
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        audit.record(session, "share.revoke", design_id=design_id, detail=f"link {link.id}")
        session.commit()
    return True


def resolve_token(session: Session, token: str) -> DesignRow | None:
    """The design a clear token opens, or None when the token is unknown, revoked or expired,
    or its design is in the trash."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    stmt = select(ShareLinkRow).where(
        ShareLinkRow.token_hash == hash_token(token), ShareLinkRow.revoked_at.is_(None)
    )
    link = session.scalars(stmt).first()
    if link is None or link.expired(utcnow()) or link.design.deleted_at is not None:
        return None
    return link.design
