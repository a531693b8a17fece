"""Shared fixtures: a fresh SQLite database file per test, the app, a TestClient.

Web tests (WEB-CORE and WEB-VIEWS) build on ``settings``, ``app``, ``client`` and ``session``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings
from app.main import create_app
from app.planner.design import Design
from app.store.tables import Base
from tests.examples import example

TEST_SECRET = "test-secret-0123456789abcdef"
BASE_URL = "http://testserver"


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """A SQLite file of this test only."""
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        environment="test",
        database_url=database_url,
        cache_dir=str(tmp_path / "cache"),
        secret_key=TEST_SECRET,
        public_base_url="https://planner.example.net",
        _env_file=None,
    )


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    """The app on a fresh database with the schema created from the ORM metadata."""
    application = create_app(settings)
    Base.metadata.create_all(application.state.engine)
    return application


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A same-origin browser-like client (its POSTs say Sec-Fetch-Site: same-origin)."""
    with TestClient(
        app, base_url=BASE_URL, headers={"Sec-Fetch-Site": "same-origin"}
    ) as test_client:
        yield test_client


@pytest.fixture
def session(app: FastAPI) -> Iterator[Session]:
    """A session on the app's database, for arranging data and checking what was stored."""
    factory = app.state.session_factory
    with factory() as db_session:
        yield db_session


@pytest.fixture
def e1() -> Design:
    """Example E1 (two hosts back-to-back)."""
    return example("e1")
