"""Settings (documented, safe defaults) and error pages (friendly 404, 500 says it is a bug)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError

from app.config import INSECURE_SECRET, Settings
from app.main import create_app
from app.store.db import sqlite_file
from tests.conftest import BASE_URL

DOC = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"


def test_every_setting_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"`VMP_([A-Z_]+)`", text))
    fields = {name.upper() for name in Settings.model_fields}
    assert fields - documented == set(), "document these settings in docs/configuration.md"
    assert documented - fields == set(), "docs/configuration.md lists settings that do not exist"


def test_insecure_secret_refused_outside_development() -> None:
    with pytest.raises(ValidationError, match="VMP_SECRET_KEY"):
        Settings(environment="production", _env_file=None)
    with pytest.raises(ValidationError, match="at least 16"):
        Settings(environment="production", secret_key="short", _env_file=None)
    assert Settings(environment="development", _env_file=None).secret_key == INSECURE_SECRET


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VMP_PORT", "9100")
    monkeypatch.setenv("VMP_TRUSTED_ORIGINS", '["https://planner.example.net"]')
    settings = Settings(_env_file=None)
    assert settings.port == 9100
    assert settings.trusted_origins == ["https://planner.example.net"]
    monkeypatch.setenv("VMP_PORT", "0")
    with pytest.raises(ValidationError, match="port"):
        Settings(_env_file=None)


def test_default_database_is_a_file_under_data() -> None:
    path = sqlite_file(Settings(_env_file=None).database_url)
    assert path is not None and path.parts[-2:] == ("data", "vmotion-planner.db")
    assert sqlite_file("postgresql+psycopg://planner@db.example.net/planner") is None
    assert sqlite_file("sqlite://") is None


def test_database_directory_is_created(settings: Settings, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new' / 'dir' / 'planner.db'}"
    app = create_app(settings.model_copy(update={"database_url": url}))
    with app.state.engine.connect():
        pass
    assert (tmp_path / "new" / "dir" / "planner.db").exists()


def test_friendly_404_page_and_json(client: TestClient) -> None:
    page = client.get("/designs/12345/history")
    assert page.status_code == 404
    assert "Not found" in page.text and 'href="/designs"' in page.text
    assert "Traceback" not in page.text
    assert client.get("/no/such/page").status_code == 404
    api = client.get("/api/designs/12345")
    assert api.status_code == 404 and api.headers["content-type"] == "application/json"


def test_unexpected_error_is_a_500_page_that_says_bug(app: FastAPI) -> None:
    def explode() -> None:
        raise RuntimeError("boom")

    app.add_api_route("/explode", explode)
    app.add_api_route("/api/explode", explode)
    client = TestClient(app, base_url=BASE_URL, raise_server_exceptions=False)
    page = client.get("/explode")
    assert page.status_code == 500
    assert "This is a bug" in page.text and "boom" not in page.text
    api = client.get("/api/explode")
    assert api.status_code == 500 and "This is a bug" in api.json()["detail"]
