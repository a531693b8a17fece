"""Store: designs, revisions, optimistic concurrency, search and paging (fresh SQLite per test)."""

from __future__ import annotations

from datetime import UTC

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.planner.design import Design
from app.store import designs as store
from app.store import trash
from app.store.designs import DesignCounts, VersionConflict
from app.store.shares import create_share_link
from app.store.tables import RevisionRow, ShareLinkRow

COUNTS = DesignCounts(hosts=2, lanes=4, errors=0, warnings=1)


def _renamed(design: Design, name: str) -> Design:
    return Design.model_validate({**design.model_dump(mode="json"), "name": name})


def test_sqlite_pragmas_are_on(session: Session) -> None:
    assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert session.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_create_stores_document_counts_and_first_revision(session: Session, e1: Design) -> None:
    row = store.create_design(session, e1, COUNTS, author="Ana", message="first cut")
    assert row.version == 1
    assert (row.name, row.topology, row.host_count, row.lane_count) == (e1.name, "direct", 2, 4)
    assert row.to_design() == e1
    assert row.created_at.tzinfo is not None
    (revision,) = store.list_revisions(session, row.id)
    assert (revision.number, revision.author, revision.message) == (1, "Ana", "first cut")
    assert revision.to_design() == e1


def test_update_keeps_every_previous_document(session: Session, e1: Design) -> None:
    row = store.create_design(session, e1, COUNTS)
    store.update_design(session, row.id, _renamed(e1, "v2"), COUNTS, expected_version=1)
    updated = store.update_design(
        session, row.id, _renamed(e1, "v3"), COUNTS, expected_version=2, message="third"
    )
    assert updated.version == 3 and updated.name == "v3"
    names = [r.to_design().name for r in store.list_revisions(session, row.id)]
    assert names == ["v3", "v2", e1.name]  # newest first, nothing overwritten
    first = store.get_revision(session, row.id, 1)
    assert first is not None and first.to_design() == e1


def test_stale_version_raises_conflict_with_current_record(session: Session, e1: Design) -> None:
    row = store.create_design(session, e1, COUNTS)
    store.update_design(session, row.id, _renamed(e1, "theirs"), COUNTS, expected_version=1)
    with pytest.raises(VersionConflict) as caught:
        store.update_design(session, row.id, _renamed(e1, "mine"), COUNTS, expected_version=1)
    assert caught.value.current.version == 2
    assert caught.value.current.name == "theirs"
    assert [r.number for r in store.list_revisions(session, row.id)] == [2, 1]


def test_update_of_missing_design_raises_not_found(session: Session, e1: Design) -> None:
    with pytest.raises(store.DesignNotFound):
        store.update_design(session, 99, e1, COUNTS, expected_version=1)


def test_restore_adds_a_revision(session: Session, e1: Design) -> None:
    row = store.create_design(session, e1, COUNTS)
    store.update_design(session, row.id, _renamed(e1, "changed"), COUNTS, expected_version=1)
    restored = store.restore_revision(session, row.id, 1, COUNTS, author="Bo")
    assert restored.version == 3 and restored.name == e1.name
    newest = store.list_revisions(session, row.id)[0]
    assert (newest.number, newest.author, newest.message) == (3, "Bo", "Restored revision 1")
    assert len(store.list_revisions(session, row.id)) == 3


def test_restore_of_unknown_revision_raises(session: Session, e1: Design) -> None:
    row = store.create_design(session, e1, COUNTS)
    with pytest.raises(store.DesignNotFound):
        store.restore_revision(session, row.id, 7, COUNTS)


def test_delete_moves_to_the_trash_and_purge_cascades(session: Session, e1: Design) -> None:
    row = store.create_design(session, e1, COUNTS)
    create_share_link(session, row.id)
    assert store.delete_design(session, row.id) is True
    assert store.get_design(session, row.id) is None
    assert store.delete_design(session, row.id) is False
    # Issue 10 item 8: the revisions and links wait in the trash until an administrator purges.
    assert len(session.scalars(select(RevisionRow)).all()) == 1
    assert [d.id for d in trash.list_trash(session)] == [row.id]
    assert trash.purge_design(session, row.id) is True
    assert session.scalars(select(RevisionRow)).all() == []
    assert session.scalars(select(ShareLinkRow)).all() == []
    assert trash.purge_design(session, row.id) is False


def test_search_is_case_insensitive_and_treats_wildcards_literally(
    session: Session, e1: Design
) -> None:
    for name in ("PROD-CL01", "prod-cl02", "Lab 100%", "Lab_x"):
        store.create_design(session, _renamed(e1, name), COUNTS)
    assert {r.name for r in store.list_designs(session, query="prod")} == {"PROD-CL01", "prod-cl02"}
    assert [r.name for r in store.list_designs(session, query="100%")] == ["Lab 100%"]
    assert [r.name for r in store.list_designs(session, query="_")] == ["Lab_x"]
    assert store.count_designs(session, query="lab") == 2
    assert store.count_designs(session) == 4


def test_paging_newest_first(session: Session, e1: Design) -> None:
    for n in range(5):
        store.create_design(session, _renamed(e1, f"d{n}"), COUNTS)
    page1 = [r.name for r in store.list_designs(session, page=1, page_size=2)]
    page3 = [r.name for r in store.list_designs(session, page=3, page_size=2)]
    assert page1 == ["d4", "d3"]
    assert page3 == ["d0"]


def test_timestamps_come_back_in_utc(session: Session, e1: Design) -> None:
    row = store.create_design(session, e1, COUNTS)
    session.expire_all()
    again = store.get_design(session, row.id)
    assert again is not None and again.updated_at.tzinfo == UTC
