"""Queries and writes for designs and their revisions.

The store never computes plans: callers pass the list-page counts (see
``app.services.designs``, which plans and then calls these). Every write commits at once, so
transactions stay short (SQLite allows one writer at a time), and nothing is ever overwritten:
each save adds a revision, restore included.

Every lookup, list and count sees only the designs of the session's access scope
(:mod:`app.store.access`) and never the ones in the trash; each write adds its audit entry
(:mod:`app.store.audit`) in the same transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.planner.design import Design
from app.store import audit
from app.store.access import visible_clause
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


def _conditions(session: Session, query: str) -> list[Any]:
    """Not in the trash, visible to the session's scope, and matching ``query`` if given."""
    conditions: list[Any] = [DesignRow.deleted_at.is_(None)]
    visible = visible_clause(session)
    if visible is not None:
        conditions.append(visible)
    text = query.strip()
    if text:
        conditions.append(DesignRow.name.icontains(text, autoescape=True))
    return conditions


def list_designs(
    session: Session, *, query: str = "", page: int = 1, page_size: int = 20
) -> list[DesignRow]:
    """One page of designs, most recently changed first; ``query`` matches names (any case)."""
    stmt = (
        select(DesignRow)
        .where(*_conditions(session, query))
        .order_by(DesignRow.updated_at.desc(), DesignRow.id.desc())
    )
    stmt = stmt.offset((max(page, 1) - 1) * page_size).limit(page_size)
    return list(session.scalars(stmt))


def count_designs(session: Session, *, query: str = "") -> int:
    """How many designs match ``query`` (all designs when empty)."""
    stmt = select(func.count()).select_from(DesignRow).where(*_conditions(session, query))
    return int(session.scalar(stmt) or 0)


def get_design(session: Session, design_id: int) -> DesignRow | None:
    """The design with ``design_id``, or None (also when it is in the trash or not visible)."""
    if not id_in_range(design_id):
        return None
    stmt = select(DesignRow).where(DesignRow.id == design_id, *_conditions(session, ""))
    return session.scalars(stmt).first()


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
    # Signed in, the author is the account (issue 10 item 5); the free-text author is only
    # kept in one-person mode, where there are no accounts.
    actor = audit.actor_of(session)
    if actor is not None and actor.user_id is not None:
        author = actor.name
    session.add(
        RevisionRow(
            design_id=row.id,
            number=row.version,
            document=row.document,
            created_at=row.updated_at,
            author=(author or "").strip() or None,
            author_id=actor.user_id if actor is not None else None,
            message=(message or "").strip() or None,
        )
    )


def create_key_hash(session: Session, key: str) -> str:
    """What is stored of an Idempotency-Key: keys of different accounts never collide."""
    actor = audit.actor_of(session)
    account = actor.user_id if actor is not None and actor.user_id is not None else 0
    return hashlib.sha256(f"{account}:{key}".encode()).hexdigest()


def design_by_create_key(session: Session, key: str) -> DesignRow | None:
    """The design an earlier create with this Idempotency-Key made (trash included), or None."""
    stmt = select(DesignRow).where(DesignRow.create_key == create_key_hash(session, key))
    return session.scalars(stmt).first()


def create_design(
    session: Session,
    design: Design,
    counts: DesignCounts,
    *,
    author: str | None = None,
    message: str | None = None,
    idempotency_key: str | None = None,
) -> DesignRow:
    """Store a new design as version 1 with its first revision; commits.

    Raises:
        IntegrityError: another create with the same ``idempotency_key`` won the race (the
            caller then reads that one with :func:`design_by_create_key`).
    """
    now = utcnow()
    actor = audit.actor_of(session)
    row = DesignRow(
        version=1,
        created_at=now,
        updated_at=now,
        owner_id=actor.user_id if actor is not None else None,
        shared_with_members=False,
        create_key=create_key_hash(session, idempotency_key) if idempotency_key else None,
    )
    _apply(row, design, counts)
    session.add(row)
    session.flush()
    _add_revision(session, row, author=author, message=message or "Created")
    audit.record(session, "design.create", design_id=row.id, detail=row.name)
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
    action: str = "design.save",
) -> DesignRow:
    """Save ``design`` as the next version if the stored one is still ``expected_version``.

    Raises:
        DesignNotFound: no such design.
        VersionConflict: someone saved in between; carries the current record.
    """
    if get_design(session, design_id) is None:
        raise DesignNotFound(design_id)
    if not id_in_range(expected_version):
        # No stored version is this number, so the caller did not edit the current one.
        current = get_design(session, design_id)
        if current is None:
            raise DesignNotFound(design_id)
        raise VersionConflict(current, expected_version)
    # A conditional UPDATE is the portable compare-and-set: only one writer can win.
    result = session.execute(
        update(DesignRow)
        .where(
            DesignRow.id == design_id,
            DesignRow.version == expected_version,
            DesignRow.deleted_at.is_(None),
        )
        .values(version=DesignRow.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        session.rollback()
        current = get_design(session, design_id)
        if current is None:
            raise DesignNotFound(design_id)
        raise VersionConflict(current, expected_version)
    row = session.get(DesignRow, design_id, populate_existing=True)
    assert row is not None
    _apply(row, design, counts)
    _add_revision(session, row, author=author, message=message)
    audit.record(session, action, design_id=row.id, detail=f"version {row.version}")
    session.commit()
    return row


def delete_design(session: Session, design_id: int) -> bool:
    """Move a design to the trash (revisions and links kept, links stop working); False if it
    did not exist. :mod:`app.store.trash` restores or purges it."""
    row = get_design(session, design_id)
    if row is None:
        return False
    row.deleted_at = utcnow()
    audit.record(session, "design.delete", design_id=row.id, detail=row.name)
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
        action="design.restore",
    )
