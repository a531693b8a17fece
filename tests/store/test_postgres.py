"""Portability: the migrations, the store and the API on a real PostgreSQL server.

The issue asks for code that runs on PostgreSQL as well as SQLite (no SQLite-only SQL). These
tests start a throwaway cluster (tests/store/pg_cluster.py), run ``alembic upgrade head`` on it
and exercise every store operation there. Select them with ``pytest -m postgres``. They never
skip: a machine without PostgreSQL gets it installed with apt, or the tests fail saying why.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.orm import Session

from app.config import Settings
from app.main import create_app
from app.planner.design import Design
from app.services.designs import restore_design_revision
from app.store import designs as store
from app.store import shares, trash
from app.store.db import make_engine, make_session_factory
from app.store.designs import DesignCounts, DesignNotFound, VersionConflict
from app.store.tables import MAX_ID, RevisionRow, ShareLinkRow
from app.web.forms import flatten
from tests.conftest import TEST_SECRET
from tests.examples import example
from tests.store.pg_cluster import PgCluster, PostgresUnavailable, start_cluster
from tests.web.helpers import document

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
COUNTS = DesignCounts(hosts=2, lanes=4, errors=0, warnings=1)


def _alembic(url: str) -> Config:
    config = Config(toml_file=str(ROOT / "pyproject.toml"))
    config.attributes["database_url"] = url
    return config


def _renamed(design: Design, name: str) -> Design:
    return Design.model_validate({**design.model_dump(mode="json"), "name": name})


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A running cluster for this test session, always stopped and deleted afterwards."""
    try:
        cluster = start_cluster()
    except PostgresUnavailable as exc:
        pytest.fail(f"PostgreSQL is needed for the portability tests: {exc}", pytrace=False)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_url(pg_cluster: PgCluster) -> str:
    """The cluster's database, migrated to head with Alembic (not ``create_all``)."""
    command.upgrade(_alembic(pg_cluster.url), "head")
    return pg_cluster.url


@pytest.fixture(scope="session")
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = make_engine(pg_url)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_session(pg_engine: Engine) -> Iterator[Session]:
    """A session on emptied tables (IDs restart at 1, so tests do not depend on order)."""
    with pg_engine.begin() as connection:
        connection.execute(
            text("TRUNCATE designs, revisions, share_links RESTART IDENTITY CASCADE")
        )
    with make_session_factory(pg_engine)() as session:
        yield session


def test_server_is_postgresql(pg_engine: Engine) -> None:
    with pg_engine.connect() as connection:
        version = connection.execute(text("SHOW server_version")).scalar()
        assert pg_engine.dialect.name == "postgresql"
    assert version is not None and int(str(version).split(".")[0]) >= 13


def test_migration_creates_the_orm_schema(pg_url: str, pg_engine: Engine) -> None:
    inspector = inspect(pg_engine)
    assert {"designs", "revisions", "share_links", "alembic_version"} <= set(
        inspector.get_table_names()
    )
    cascades = {
        fk["referred_table"]: fk["options"].get("ondelete")
        for fk in inspector.get_foreign_keys("revisions")
    }
    # The revision's author account may go (SET NULL); the design's revisions go with it.
    assert cascades == {"designs": "CASCADE", "users": "SET NULL"}
    columns = {c["name"]: c for c in inspector.get_columns("designs")}
    assert getattr(columns["updated_at"]["type"], "timezone", False) is True
    command.check(_alembic(pg_url))  # the models have no change the migrations miss on PG


def test_downgrade_and_upgrade_again(pg_url: str, pg_engine: Engine) -> None:
    config = _alembic(pg_url)
    command.downgrade(config, "base")
    assert set(inspect(pg_engine).get_table_names()) == {"alembic_version"}
    command.upgrade(config, "head")
    assert "designs" in inspect(pg_engine).get_table_names()


def test_create_and_read_back(pg_session: Session) -> None:
    e1 = example("e1")
    row = store.create_design(pg_session, e1, COUNTS, author="Ana", message="first")
    assert row.id == 1 and row.version == 1
    pg_session.expire_all()
    again = store.get_design(pg_session, row.id)
    assert again is not None and again.to_design() == e1
    assert again.created_at.utcoffset() == timedelta(0)  # read back as aware UTC
    (revision,) = store.list_revisions(pg_session, row.id)
    assert (revision.number, revision.author, revision.message) == (1, "Ana", "first")


def test_update_with_version_check_and_conflict(pg_session: Session, pg_engine: Engine) -> None:
    e1 = example("e1")
    row = store.create_design(pg_session, e1, COUNTS)
    store.update_design(pg_session, row.id, _renamed(e1, "v2"), COUNTS, expected_version=1)
    # A second writer that still holds version 1 loses and learns the current version.
    with make_session_factory(pg_engine)() as other:
        with pytest.raises(VersionConflict) as conflict:
            store.update_design(other, row.id, _renamed(e1, "mine"), COUNTS, expected_version=1)
        assert conflict.value.current.version == 2
    pg_session.expire_all()
    current = store.get_design(pg_session, row.id)
    assert current is not None and (current.version, current.name) == (2, "v2")
    with pytest.raises(DesignNotFound):
        store.update_design(pg_session, 999, e1, COUNTS, expected_version=1)


def test_revisions_and_restore(pg_session: Session) -> None:
    e1 = example("e1")
    row = store.create_design(pg_session, e1, COUNTS)
    store.update_design(pg_session, row.id, _renamed(e1, "v2"), COUNTS, expected_version=1)
    restored = restore_design_revision(pg_session, row.id, 1, author="Ben")
    assert (restored.version, restored.name) == (3, e1.name)
    revisions = store.list_revisions(pg_session, row.id)
    assert [(r.number, r.to_design().name) for r in revisions] == [
        (3, e1.name),
        (2, "v2"),
        (1, e1.name),
    ]
    assert revisions[0].message == "Restored revision 1" and revisions[0].author == "Ben"
    assert store.get_revision(pg_session, row.id, 4) is None
    with pytest.raises(DesignNotFound):
        restore_design_revision(pg_session, row.id, 7)


def test_share_links_create_resolve_revoke(pg_session: Session) -> None:
    row = store.create_design(pg_session, example("e1"), COUNTS)
    created = shares.create_share_link(pg_session, row.id, label="Cabling team")
    stored = pg_session.scalars(select(ShareLinkRow.token_hash)).all()
    assert stored == [shares.hash_token(created.token)]  # the clear token is not stored
    resolved = shares.resolve_token(pg_session, created.token)
    assert resolved is not None and resolved.id == row.id
    assert shares.resolve_token(pg_session, created.token + "x") is None
    assert shares.revoke_share_link(pg_session, row.id, created.link.id) is True
    assert shares.resolve_token(pg_session, created.token) is None
    assert shares.revoke_share_link(pg_session, row.id + 1, created.link.id) is False
    (link,) = shares.list_share_links(pg_session, row.id)
    assert link.revoked and link.revoked_at is not None and link.revoked_at.tzinfo is not None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("100%", ["PROD 100% ready"]),  # % is a literal, not a LIKE wildcard
        ("a_b", ["lab a_b"]),  # _ is a literal too: "axb" does not match
        ("prod", ["PROD 100% ready", "prod-100x-ready"]),  # any case
        ("/", ["slash/name"]),  # the escape character itself
        ("", None),
    ],
)
def test_list_with_search_is_literal_and_case_insensitive(
    pg_session: Session, query: str, expected: list[str] | None
) -> None:
    names = ["PROD 100% ready", "prod-100x-ready", "lab a_b", "lab axb", "slash/name"]
    for name in names:
        store.create_design(pg_session, example("e1", name=name), COUNTS)
    found = store.list_designs(pg_session, query=query, page_size=50)
    assert sorted(r.name for r in found) == sorted(expected if expected is not None else names)
    assert store.count_designs(pg_session, query=query) == len(found)


def test_list_pages_newest_first(pg_session: Session) -> None:
    for number in range(5):
        store.create_design(pg_session, example("e1", name=f"design-{number}"), COUNTS)
    first = store.list_designs(pg_session, page=1, page_size=2)
    third = store.list_designs(pg_session, page=3, page_size=2)
    assert [r.name for r in first] == ["design-4", "design-3"]
    assert [r.name for r in third] == ["design-0"]


def test_purge_cascades_to_revisions_and_links(pg_session: Session) -> None:
    e1 = example("e1")
    row = store.create_design(pg_session, e1, COUNTS)
    store.update_design(pg_session, row.id, _renamed(e1, "v2"), COUNTS, expected_version=1)
    shares.create_share_link(pg_session, row.id)
    kept = store.create_design(pg_session, _renamed(e1, "kept"), COUNTS)
    assert store.delete_design(pg_session, row.id) is True  # to the trash
    assert store.delete_design(pg_session, row.id) is False
    assert trash.purge_design(pg_session, row.id) is True
    revisions = pg_session.scalars(select(RevisionRow.design_id)).all()
    assert revisions == [kept.id]
    assert pg_session.scalar(select(func.count()).select_from(ShareLinkRow)) == 0


def test_database_level_cascade_without_the_orm(pg_session: Session, pg_engine: Engine) -> None:
    """ON DELETE CASCADE is in the schema itself, not only in the ORM relationships."""
    row = store.create_design(pg_session, example("e1"), COUNTS)
    shares.create_share_link(pg_session, row.id)
    with pg_engine.begin() as connection:
        connection.execute(text("DELETE FROM designs WHERE id = :id"), {"id": row.id})
        assert connection.execute(text("SELECT count(*) FROM revisions")).scalar() == 0
        assert connection.execute(text("SELECT count(*) FROM share_links")).scalar() == 0


def test_ids_past_the_integer_range_are_not_found(pg_session: Session) -> None:
    assert store.get_design(pg_session, MAX_ID + 1) is None
    assert store.get_revision(pg_session, 1, 2**63) is None
    assert store.delete_design(pg_session, 2**40) is False


def test_the_app_on_postgresql(pg_url: str, pg_session: Session) -> None:
    """The web app itself, configured with a PostgreSQL URL: API create, update, plan, page."""
    settings = Settings(
        environment="test", database_url=pg_url, secret_key=TEST_SECRET, _env_file=None
    )
    e1 = example("e1")
    with TestClient(create_app(settings)) as client:
        created = client.post("/api/designs", json={"document": document(e1)})
        assert created.status_code == 201, created.text
        url = f"/api/designs/{created.json()['id']}"
        body = {"document": document(e1, name="PG cluster"), "version": 1}
        assert client.put(url, json=body).status_code == 200
        assert client.put(url, json=body).status_code == 409
        plan = client.get(f"{url}/plan")
        assert plan.status_code == 200 and len(plan.json()["cables"]) > 0
        listing = client.get("/api/designs", params={"q": "pg clu"}).json()
        assert [item["name"] for item in listing["items"]] == ["PG cluster"]
        page = client.get(f"/designs/{created.json()['id']}/history")
        assert page.status_code == 200 and "PG cluster" in page.text


def test_text_postgresql_cannot_store_is_422_not_500(pg_url: str, pg_session: Session) -> None:
    """NUL characters and an over-long editor author were 500s here (SQLite accepts both)."""
    settings = Settings(
        environment="test", database_url=pg_url, secret_key=TEST_SECRET, _env_file=None
    )
    e1 = example("e1")
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        nul_name = client.post("/api/designs", json={"document": document(e1, name="a\x00")})
        assert nul_name.status_code == 422, nul_name.text
        assert client.get("/api/designs", params={"q": "a\x00"}).status_code == 422
        design_id = client.post("/api/designs", json={"document": document(e1)}).json()["id"]
        headers = {"Sec-Fetch-Site": "same-origin"}
        form = dict(flatten(document(e1))) | {"version": "1", "author": "a" * 81}
        saved = client.post(f"/designs/{design_id}/edit", data=form, headers=headers)
        assert saved.status_code == 422, saved.text[:500]
        label = client.post(f"/designs/{design_id}/share", data={"label": "x\x00"}, headers=headers)
        assert label.status_code == 422
        restore = client.post(
            f"/designs/{design_id}/restore/1", data={"author": "x\x00"}, headers=headers
        )
        assert restore.status_code == 422
    pg_session.expire_all()
    assert store.get_design(pg_session, design_id).version == 1  # type: ignore[union-attr]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_two_uvicorn_workers_on_postgresql(
    pg_url: str, pg_session: Session, tmp_path: Path
) -> None:
    """Scale-out as docs/configuration.md runs it: several uvicorn workers on one PostgreSQL.

    Every worker caches plans, page bodies and PDFs; a save through any worker must show on the
    next page from every worker (the caches are keyed by the stored revision or its content).
    """
    import subprocess
    import sys
    import time

    import httpx

    port = _free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "VMP_ENVIRONMENT": "test",
        "VMP_DATABASE_URL": pg_url,
        "VMP_SECRET_KEY": TEST_SECRET,
        "VMP_CACHE_DIR": str(tmp_path / "cache"),
    }
    command = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory"]
    command += ["--workers", "2", "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/designs", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail("the two workers did not answer within 60 s")
        created = httpx.post(
            f"{base}/api/designs", json={"document": document(example("e1"))}, timeout=30
        )
        assert created.status_code == 201, created.text
        design_id = created.json()["id"]
        page = f"{base}/designs/{design_id}?tab=wiring"
        for _ in range(20):  # warm both workers' caches with the first revision
            response = httpx.get(page, timeout=30)
            assert response.status_code == 200 and "esx01" in response.text
        renamed = document(example("e1"))
        renamed["hosts"][0]["name"] = "esx01-moved"
        saved = httpx.put(
            f"{base}/api/designs/{design_id}",
            json={"document": renamed, "version": 1},
            timeout=30,
        )
        assert saved.status_code == 200, saved.text
        for _ in range(20):  # whichever worker answers, it shows revision 2
            response = httpx.get(page, timeout=30)
            assert "esx01-moved" in response.text
    finally:
        server.terminate()
        server.wait(timeout=30)
