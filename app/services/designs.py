"""Saving designs: plan once for the list-page counts, check product limits, then store."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.config import Settings
from app.planner.design import Design
from app.services.planning import counts_for
from app.services.text import NUL_MESSAGE, nul_paths
from app.store import designs as store
from app.store.tables import DesignRow


@dataclass(frozen=True)
class LimitError:
    """A product limit the design exceeds: ``loc`` is the field path, as in pydantic errors."""

    loc: tuple[str | int, ...]
    msg: str


class DesignTooLarge(ValueError):
    """The design is over this server's limits (hosts per design, NICs per host, storable text)."""

    def __init__(self, errors: list[LimitError]) -> None:
        super().__init__("; ".join(e.msg for e in errors))
        self.errors = errors


def limit_errors(design: Design, settings: Settings) -> list[LimitError]:
    """The server limits ``design`` breaks (VMware maximums are findings R35/R36, not these)."""
    # The document is valid for the planner, but PostgreSQL cannot store a NUL character.
    errors = [LimitError(loc, NUL_MESSAGE) for loc in nul_paths(design.model_dump(mode="json"))]
    if len(design.hosts) > settings.max_hosts:
        errors.append(
            LimitError(
                ("hosts",),
                f"This server accepts at most {settings.max_hosts} hosts per design; "
                f"the design has {len(design.hosts)}. Split the cluster into several designs.",
            )
        )
    for index, host in enumerate(design.hosts):
        nics = sum(len(card.ports) for card in design.cards_of(host))
        if nics > settings.max_nics_per_host:
            errors.append(
                LimitError(
                    ("hosts", index, "cards"),
                    f"Host {host.name} has {nics} vmnics; this server accepts at most "
                    f"{settings.max_nics_per_host} per host.",
                )
            )
    return errors


def check_limits(design: Design, settings: Settings) -> None:
    """Raise :class:`DesignTooLarge` when ``design`` is over the server limits."""
    errors = limit_errors(design, settings)
    if errors:
        raise DesignTooLarge(errors)


def save_new_design(
    session: Session,
    design: Design,
    settings: Settings,
    *,
    author: str | None = None,
    message: str | None = None,
) -> DesignRow:
    """Check limits, plan for the counts and store a new design (version 1)."""
    check_limits(design, settings)
    return store.create_design(session, design, counts_for(design), author=author, message=message)


def save_new_design_once(
    session: Session,
    design: Design,
    settings: Settings,
    *,
    idempotency_key: str,
    author: str | None = None,
    message: str | None = None,
) -> tuple[DesignRow, bool]:
    """Like :func:`save_new_design`, but a retry with the same key returns the first design.

    Returns the design and whether it was created just now (False: an earlier request with
    this key created it, and nothing new was stored).
    """
    earlier = store.design_by_create_key(session, idempotency_key)
    if earlier is not None:
        return earlier, False
    check_limits(design, settings)
    try:
        row = store.create_design(
            session,
            design,
            counts_for(design),
            author=author,
            message=message,
            idempotency_key=idempotency_key,
        )
    except IntegrityError:
        session.rollback()  # a concurrent retry with the same key committed first
        winner = store.design_by_create_key(session, idempotency_key)
        if winner is None:
            raise
        return winner, False
    return row, True


def save_design(
    session: Session,
    design_id: int,
    design: Design,
    settings: Settings,
    *,
    expected_version: int,
    author: str | None = None,
    message: str | None = None,
) -> DesignRow:
    """Save a new version; raises DesignTooLarge, DesignNotFound or VersionConflict."""
    check_limits(design, settings)
    return store.update_design(
        session,
        design_id,
        design,
        counts_for(design),
        expected_version=expected_version,
        author=author,
        message=message,
    )


def restore_design_revision(
    session: Session,
    design_id: int,
    number: int,
    *,
    expected_version: int | None = None,
    author: str | None = None,
) -> DesignRow:
    """Restore revision ``number`` as a new revision; raises DesignNotFound, VersionConflict."""
    revision = store.get_revision(session, design_id, number)
    if revision is None:
        raise store.DesignNotFound(design_id)
    return store.restore_revision(
        session,
        design_id,
        number,
        counts_for(revision.to_design()),
        expected_version=expected_version,
        author=author,
    )
