"""Single sign-on behind a reverse proxy (issue 10 item 4): the header counts only from proxies."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.main import create_app
from app.store import accounts
from app.store.tables import Base, UserRow
from tests.conftest import TEST_SECRET

PROXY = ("192.0.2.10", 44321)


@pytest.fixture
def proxied(tmp_path: Path) -> Iterator[FastAPI]:
    settings = Settings(
        environment="production",
        host="0.0.0.0",
        database_url=f"sqlite:///{tmp_path / 'sso.db'}",
        secret_key=TEST_SECRET,
        remote_user_header="X-Forwarded-User",
        remote_user_proxies=["192.0.2.10", "198.51.100.0/28"],
        _env_file=None,
    )
    app = create_app(settings)
    Base.metadata.create_all(app.state.engine)
    with app.state.session_factory() as session:
        accounts.create_user(session, "ada", "admin", password_hash=None)
    yield app
    app.state.engine.dispose()


def _get(
    app: FastAPI, peer: tuple[str, int], user: str, url: str = "/account.json"
) -> httpx.Response:
    with TestClient(app, client=peer) as client:
        return client.get(url, headers={"X-Forwarded-User": user}, follow_redirects=False)


def test_trusted_proxy_signs_people_in_and_creates_them_once(proxied: FastAPI) -> None:
    first = _get(proxied, PROXY, "priya")
    assert first.status_code == 200
    assert first.json() == {
        "name": "priya",
        "role": "viewer",
        "signed_in_via": "proxy",
        "tokens": [],
    }
    again = _get(proxied, ("198.51.100.3", 1000), "priya")
    assert again.status_code == 200
    with proxied.state.session_factory() as session:
        users = session.scalars(select(UserRow).where(UserRow.name == "priya")).all()
        assert [(u.role, u.source, u.password_hash) for u in users] == [("viewer", "proxy", None)]


def test_the_header_from_anywhere_else_is_ignored(proxied: FastAPI) -> None:
    for peer in (("203.0.113.5", 1000), ("198.51.100.16", 1000), ("testclient", 50000)):
        response = _get(proxied, peer, "ada")
        assert response.status_code == 401, peer
    with proxied.state.session_factory() as session:
        assert accounts.user_by_name(session, "priya") is None


def test_switched_off_proxy_accounts_stay_out(proxied: FastAPI) -> None:
    assert _get(proxied, PROXY, "priya").status_code == 200
    with proxied.state.session_factory() as db:
        user = accounts.user_by_name(db, "priya")
        assert user is not None
        accounts.set_role(db, user, "viewer", active=False)
    assert _get(proxied, PROXY, "priya").status_code == 401
