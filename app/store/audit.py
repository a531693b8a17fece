"""The audit trail: who did what, when, from where (issue 10 item 5).

The web layer puts the request's :class:`Actor` on the database session (``set_actor``); every
store write then adds its audit entry in the same transaction as the change, so an entry exists
exactly when the change does. Entries never hold a password or a token.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.store.tables import AuditRow, utcnow

ACTOR_KEY = "vmp.actor"


@dataclass(frozen=True)
class Actor:
    """Who is behind the writes of one database session. ``user_id`` None: one-person mode."""

    user_id: int | None
    name: str | None
    address: str | None


def set_actor(session: Session, actor: Actor) -> None:
    session.info[ACTOR_KEY] = actor


def actor_of(session: Session) -> Actor | None:
    actor = session.info.get(ACTOR_KEY)
    return actor if isinstance(actor, Actor) else None


def record(
    session: Session,
    action: str,
    *,
    design_id: int | None = None,
    detail: str | None = None,
    actor: Actor | None = None,
) -> None:
    """Add an entry to the session's transaction (the caller commits with its change)."""
    who = actor or actor_of(session)
    session.add(
        AuditRow(
            at=utcnow(),
            actor_id=who.user_id if who else None,
            actor=(who.name if who else None) or None,
            address=who.address if who else None,
            action=action,
            design_id=design_id,
            detail=(detail or "")[:2000] or None,
        )
    )


def list_events(
    session: Session, *, action: str = "", design_id: int | None = None, limit: int = 200
) -> list[AuditRow]:
    """The newest entries first, optionally only one action or one design."""
    stmt = select(AuditRow).order_by(AuditRow.at.desc(), AuditRow.id.desc())
    if action:
        stmt = stmt.where(AuditRow.action == action)
    if design_id is not None:
        stmt = stmt.where(AuditRow.design_id == design_id)
    return list(session.scalars(stmt.limit(limit)))


def recent_failures(
    session: Session, *, name: str, address: str | None, window: timedelta
) -> tuple[int, int]:
    """Failed sign-ins in ``window``: (for this account name, from this address).

    A failed sign-in is recorded with the name that was tried as ``actor`` and no ``actor_id``.
    """
    since: datetime = utcnow() - window
    base = (
        select(func.count())
        .select_from(AuditRow)
        .where(AuditRow.action == "signin.failed", AuditRow.at >= since)
    )
    per_name = int(session.scalar(base.where(AuditRow.actor == name)) or 0)
    per_address = (
        int(session.scalar(base.where(AuditRow.address == address)) or 0) if address else 0
    )
    return per_name, per_address
