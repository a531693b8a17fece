"""Who may see and change which design: owner, named collaborators, "visible to every member".

The request's :class:`Scope` is put on the database session by the access dependency
(``app.web.deps``); :mod:`app.store.designs` then filters every lookup, list and count by it, so
a design someone may not see does not exist for them (a 404, never a 403 that confirms it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from app.store import audit
from app.store.tables import DesignAccessRow, DesignRow, UserRow

SCOPE_KEY = "vmp.scope"
LEVELS = ("view", "edit")


@dataclass(frozen=True)
class Scope:
    """The designs one request may see. ``user_id`` None with ``everything``: admin or local."""

    user_id: int | None
    everything: bool


def set_scope(session: Session, scope: Scope) -> None:
    session.info[SCOPE_KEY] = scope


def scope_of(session: Session) -> Scope | None:
    scope = session.info.get(SCOPE_KEY)
    return scope if isinstance(scope, Scope) else None


def visible_clause(session: Session) -> Any:
    """A WHERE clause for the designs the session's scope may see; None means all of them.

    Without a scope (CLI, tests arranging data, migrations) the store sees everything; every web
    request gets one from the access dependency before any route code runs.
    """
    scope = scope_of(session)
    if scope is None or scope.everything:
        return None
    if scope.user_id is None:
        return DesignRow.id.is_(None)  # nobody: matches no row
    shared = select(DesignAccessRow.design_id).where(DesignAccessRow.user_id == scope.user_id)
    return or_(
        DesignRow.owner_id == scope.user_id,
        DesignRow.shared_with_members.is_(True),
        DesignRow.id.in_(shared),
    )


def collaborator_level(session: Session, design_id: int, user_id: int) -> str | None:
    """ "view", "edit" or None for a named collaborator."""
    stmt = select(DesignAccessRow.level).where(
        DesignAccessRow.design_id == design_id, DesignAccessRow.user_id == user_id
    )
    return session.scalars(stmt).first()


def list_collaborators(session: Session, design_id: int) -> list[DesignAccessRow]:
    stmt = (
        select(DesignAccessRow)
        .join(UserRow, UserRow.id == DesignAccessRow.user_id)
        .where(DesignAccessRow.design_id == design_id)
        .order_by(UserRow.name)
    )
    return list(session.scalars(stmt))


def grant(session: Session, design: DesignRow, user: UserRow, level: str) -> None:
    """Make ``user`` a collaborator at ``level`` ("view" or "edit"), or change their level."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}")
    row = session.scalars(
        select(DesignAccessRow).where(
            DesignAccessRow.design_id == design.id, DesignAccessRow.user_id == user.id
        )
    ).first()
    if row is None:
        session.add(DesignAccessRow(design_id=design.id, user_id=user.id, level=level))
    else:
        row.level = level
    audit.record(session, "access.grant", design_id=design.id, detail=f"{user.name}: {level}")
    session.commit()


def revoke(session: Session, design: DesignRow, user_id: int) -> bool:
    """Remove a collaborator; False when they were not one; commits."""
    result = session.execute(
        delete(DesignAccessRow).where(
            DesignAccessRow.design_id == design.id, DesignAccessRow.user_id == user_id
        )
    )
    if not getattr(result, "rowcount", 0):
        session.rollback()
        return False
    audit.record(session, "access.revoke", design_id=design.id, detail=f"user {user_id}")
    session.commit()
    return True


def set_members_visibility(session: Session, design: DesignRow, visible: bool) -> None:
    design.shared_with_members = visible
    state = "visible to every member" if visible else "private"
    audit.record(session, "access.visibility", design_id=design.id, detail=state)
    session.commit()


def set_owner(session: Session, design: DesignRow, user: UserRow) -> None:
    design.owner_id = user.id
    audit.record(session, "access.owner", design_id=design.id, detail=user.name)
    session.commit()
