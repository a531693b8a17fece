"""The trash: deleted designs wait here to be restored or purged by an administrator.

Deleting used to remove every revision at once with no way back (issue 10 item 8); now
:func:`app.store.designs.delete_design` only stamps ``deleted_at``.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store import audit
from app.store.access import visible_clause
from app.store.tables import DesignRow, id_in_range


def _in_trash(session: Session) -> list[object]:
    conditions: list[object] = [DesignRow.deleted_at.is_not(None)]
    visible = visible_clause(session)
    if visible is not None:
        conditions.append(visible)
    return conditions


def list_trash(session: Session) -> list[DesignRow]:
    """Deleted designs the session may see, most recently deleted first."""
    stmt = (
        select(DesignRow)
        .where(*_in_trash(session))  # type: ignore[arg-type]
        .order_by(DesignRow.deleted_at.desc(), DesignRow.id.desc())
    )
    return list(session.scalars(stmt))


def trashed_design(session: Session, design_id: int) -> DesignRow | None:
    if not id_in_range(design_id):
        return None
    stmt = select(DesignRow).where(DesignRow.id == design_id, *_in_trash(session))  # type: ignore[arg-type]
    return session.scalars(stmt).first()


def restore_design(session: Session, design_id: int) -> bool:
    """Take a design out of the trash as it was; False when it is not there; commits."""
    row = trashed_design(session, design_id)
    if row is None:
        return False
    row.deleted_at = None
    audit.record(session, "design.undelete", design_id=row.id, detail=row.name)
    session.commit()
    return True


def purge_design(session: Session, design_id: int) -> bool:
    """Delete a trashed design for good, with its revisions and links; commits."""
    row = trashed_design(session, design_id)
    if row is None:
        return False
    audit.record(session, "design.purge", design_id=row.id, detail=row.name)
    session.delete(row)
    session.commit()
    return True
