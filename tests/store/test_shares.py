"""Store: share links keep only a hash, resolve while active, stop after revocation."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.planner.design import Design
from app.store import shares
from app.store.designs import DesignCounts, create_design
from app.store.tables import ShareLinkRow


def _design_id(session: Session, design: Design) -> int:
    return create_design(session, design, DesignCounts(2, 4, 0, 0)).id


def test_token_is_long_random_and_stored_only_as_sha256(session: Session, e1: Design) -> None:
    design_id = _design_id(session, e1)
    first = shares.create_share_link(session, design_id, label="Cabling team")
    second = shares.create_share_link(session, design_id)
    assert first.token != second.token
    assert len(first.token) >= 22  # ≥ 128 bits in URL-safe base64
    stored = session.scalars(select(ShareLinkRow.token_hash)).all()
    assert hashlib.sha256(first.token.encode()).hexdigest() in stored
    assert first.token not in stored and all(first.token not in h for h in stored)


def test_resolve_then_revoke(session: Session, e1: Design) -> None:
    design_id = _design_id(session, e1)
    created = shares.create_share_link(session, design_id)
    resolved = shares.resolve_token(session, created.token)
    assert resolved is not None and resolved.id == design_id
    assert shares.revoke_share_link(session, design_id, created.link.id) is True
    assert shares.resolve_token(session, created.token) is None
    assert shares.revoke_share_link(session, design_id, created.link.id) is True  # idempotent
    (link,) = shares.list_share_links(session, design_id)
    assert link.revoked


def test_unknown_empty_and_oversized_tokens_resolve_to_none(session: Session, e1: Design) -> None:
    _design_id(session, e1)
    assert shares.resolve_token(session, "not-a-token") is None
    assert shares.resolve_token(session, "") is None
    assert shares.resolve_token(session, "x" * 10_000) is None


def test_revoke_checks_the_design(session: Session, e1: Design) -> None:
    design_id = _design_id(session, e1)
    other = _design_id(session, e1)
    created = shares.create_share_link(session, design_id)
    assert shares.revoke_share_link(session, other, created.link.id) is False
    assert shares.resolve_token(session, created.token) is not None
