"""Queries and writes for designs and their revisions.

The store never computes plans: callers pass the list-page counts (see
``app.services.designs``, which plans and then calls these). Every write commits at once, so
transactions stay short (SQLite allows one writer at a time), and nothing is ever overwritten:
each save adds a revision, restore included.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.planner.design import Design
from app.store.tables import DesignRow, RevisionRow, id_in_range, utcnow


@dataclass(frozen=True)
class DesignCounts:
    """What the list page shows about a design without planning it again."""

    hosts: int
    lanes: int
    errors: int
    warnings: int


class DesignNotFound(LookupError):
    """No design (or revision) with that ID."""


class VersionConflict(Exception):
    """Someone else saved the design first; ``current`` is the stored record as it is now."""

    def __init__(self, current: DesignRow, expected_version: int) -> None:
        super().__init__(
            f"design {current.id} is at version {current.version}, not {expected_version}"
        )
        self.current = current
        self.expected_version = expected_version


def document_of(design: Design) -> dict[str, Any]:
    """The JSON form stored in the database (every field, so revisions compare like for like)."""
    return design.model_dump(mode="json")


def _search(query: str) -> Any:
    text = query.strip()
    return DesignRow.name.icontains(text, autoescape=True) if text else None


def list_designs(
    session: Session, *, query: str = "", page: int = 1, page_size: int = 20
) -> list[DesignRow]:
    """One page of designs, most recently changed first; ``query`` matches names (any case)."""
    stmt = select(DesignRow).order_by(DesignRow.updated_at.desc(), DesignRow.id.desc())
    condition = _search(query)
    if condition is not None:
        stmt = stmt.where(condition)
    stmt = stmt.offset((max(page, 1) - 1) * page_size).limit(page_size)
    return list(session.scalars(stmt))


def count_designs(session: Session, *, query: str = "") -> int:
    """How many designs match ``query`` (all designs when empty)."""
    stmt = select(func.count()).select_from(DesignRow)
    condition = _search(query)
    if condition is not None:
        stmt = stmt.where(condition)
    return int(session.scalar(stmt) or 0)


def get_design(session: Session, design_id: int) -> DesignRow | None:
    """The design with ``design_id``, or None."""
    if not id_in_range(design_id):
        return None
    return session.get(DesignRow, design_id)


def _apply(row: DesignRow, design: Design, counts: DesignCounts) -> None:
    row.name = design.name
    row.topology = design.topology.value
    row.document = document_of(design)
    row.host_count = counts.hosts
    row.lane_count = counts.lanes
    row.error_count = counts.errors
    row.warning_count = counts.warnings


def _add_revision(
    session: Session, row: DesignRow, *, author: str | None, message: str | None
) -> None:
    session.add(
        RevisionRow(
            design_id=row.id,
            number=row.version,
            document=row.document,
            created_at=row.updated_at,
            author=(author or "").strip() or None,
            message=(message or "").strip() or None,
        )
    )


def create_design(
    session: Session,
    design: Design,
    counts: DesignCounts,
    *,
    author: str | None = None,
    message: str | None = None,
) -> DesignRow:
    """Store a new design as version 1 with its first revision; commits."""
    now = utcnow()
    row = DesignRow(version=1, created_at=now, updated_at=now)
    _apply(row, design, counts)
    session.add(row)
    session.flush()
    _add_revision(session, row, author=author, message=message or "Created")
    session.commit()
    return row


def update_design(
    session: Session,
    design_id: int,
    design: Design,
    counts: DesignCounts,
    *,
    expected_version: int,
    author: str | None = None,
    message: str | None = None,
) -> DesignRow:
    """Save ``design`` as the next version if the stored one is still ``expected_version``.

    Raises:
        DesignNotFound: no such design.
        VersionConflict: someone saved in between; carries the current record.
    """
    if not id_in_range(design_id):
        raise DesignNotFound(design_id)
    if not id_in_range(expected_version):
        # No stored version is this number, so the caller did not edit the current one.
        current = session.get(DesignRow, design_id)
        if current is None:
            raise DesignNotFound(design_id)
        raise VersionConflict(current, expected_version)
    # A conditional UPDATE is the portable compare-and-set: only one writer can win.
    result = session.execute(
        update(DesignRow)
        .where(DesignRow.id == design_id, DesignRow.version == expected_version)
        .values(version=DesignRow.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        session.rollback()
        current = session.get(DesignRow, design_id)
        if current is None:
            raise DesignNotFound(design_id)
        raise VersionConflict(current, expected_version)
    row = session.get(DesignRow, design_id, populate_existing=True)
    assert row is not None
    _apply(row, design, counts)
    _add_revision(session, row, author=author, message=message)
    session.commit()
    return row


def delete_design(session: Session, design_id: int) -> bool:
    """Delete a design with its revisions and share links; False if it did not exist."""
    row = get_design(session, design_id)
    if row is None:
        return False
    session.delete(row)
    session.commit()
    return True


def list_revisions(session: Session, design_id: int) -> list[RevisionRow]:
    """Every revision of a design, newest first."""
    if not id_in_range(design_id):
        return []
    stmt = (
        select(RevisionRow)
        .where(RevisionRow.design_id == design_id)
        .order_by(RevisionRow.number.desc())
    )
    return list(session.scalars(stmt))


def get_revision(session: Session, design_id: int, number: int) -> RevisionRow | None:
    """Revision ``number`` of a design, or None."""
    if not (id_in_range(design_id) and id_in_range(number)):
        return None
    stmt = select(RevisionRow).where(
        RevisionRow.design_id == design_id, RevisionRow.number == number
    )
    return session.scalars(stmt).first()


def restore_revision(
    session: Session,
    design_id: int,
    number: int,
    counts: DesignCounts,
    *,
    expected_version: int | None = None,
    author: str | None = None,
) -> DesignRow:
    """Make revision ``number`` current again by saving it as a new revision.

    Raises:
        DesignNotFound: no such design or revision.
        VersionConflict: ``expected_version`` given and no longer current.
    """
    current = get_design(session, design_id)
    revision = get_revision(session, design_id, number)
    if current is None or revision is None:
        raise DesignNotFound(design_id)
    return update_design(
        session,
        design_id,
        revision.to_design(),
        counts,
        expected_version=current.version if expected_version is None else expected_version,
        author=author,
        message=f"Restored revision {number}",
    )
