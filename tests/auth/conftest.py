"""Fixtures for account tests: people with real argon2id passwords and signed-in clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.auth.passwords import hash_password
from app.store import accounts
from app.store.tables import UserRow
from tests.conftest import BASE_URL

PASSWORD = "correct horse battery staple"
CLIENT_ADDRESS = ("198.51.100.7", 50000)

MakeUser = Callable[..., UserRow]
MakeClient = Callable[..., TestClient]


@pytest.fixture
def make_user(session: Session) -> MakeUser:
    """Create an account with a real argon2id hash of ``password``."""

    def make(name: str, role: str = "member", password: str = PASSWORD) -> UserRow:
        return accounts.create_user(session, name, role, password_hash=hash_password(password))

    return make


@pytest.fixture
def make_client(app: FastAPI) -> Iterator[MakeClient]:
    """Browser-like clients (same-origin), optionally signed in through the sign-in form."""
    opened: list[TestClient] = []

    def make(name: str | None = None, password: str = PASSWORD, **kwargs: object) -> TestClient:
        options: dict[str, object] = {
            "base_url": BASE_URL,
            "headers": {"Sec-Fetch-Site": "same-origin"},
            "client": CLIENT_ADDRESS,
        }
        options.update(kwargs)
        client = TestClient(app, **options)  # type: ignore[arg-type]
        client.__enter__()
        opened.append(client)
        if name is not None:
            response = client.post(
                "/signin", data={"name": name, "password": password}, follow_redirects=False
            )
            assert response.status_code == 303, response.text
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)
