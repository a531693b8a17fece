"""Safe defaults (issue 10 item 7): one-person mode only on loopback, else no admin = no service."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.auth.mode import is_loopback
from app.config import Settings
from app.main import create_app
from app.store.tables import Base
from tests.auth.conftest import MakeClient, MakeUser
from tests.conftest import TEST_SECRET


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.53", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.0.2.10", False),
        ("planner.example.net", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_no_accounts_on_loopback_is_the_one_person_tool(client: TestClient) -> None:
    page = client.get("/designs")
    assert page.status_code == 200
    assert "One-person mode" in page.text and "users create --admin" in page.text
    assert client.get("/designs/new").status_code == 200
    assert "One-person mode" in client.get("/designs/new").text
    assert "Sign out" not in page.text


def _app(tmp_path: Path, **overrides: object) -> TestClient:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'exposed.db'}",
        secret_key=TEST_SECRET,
        _env_file=None,
        **overrides,  # type: ignore[arg-type]
    )
    app = create_app(settings)
    Base.metadata.create_all(app.state.engine)
    return TestClient(app)


@pytest.mark.parametrize(
    "overrides",
    [
        {"environment": "test", "host": "0.0.0.0"},
        {"environment": "test", "host": "192.0.2.10"},
        {"environment": "production", "host": "127.0.0.1"},
    ],
    ids=["all-addresses", "lan-address", "production"],
)
def test_exposed_without_an_administrator_serves_nothing(
    tmp_path: Path, overrides: dict[str, object]
) -> None:
    with _app(tmp_path, **overrides) as client:
        page = client.get("/designs")
        assert page.status_code == 503
        assert "vmotion-planner users create --admin NAME" in page.text
        api = client.get("/api/designs")
        assert api.status_code == 503 and "administrator" in api.json()["detail"]
        assert client.post("/api/designs", json={}).status_code == 503
        assert client.get("/s/anything").status_code == 503
        # The error page still gets its stylesheet.
        assert client.get("/static/css/app.css").status_code == 200


def test_with_an_account_everything_needs_sign_in_even_on_loopback(
    make_user: MakeUser, make_client: MakeClient
) -> None:
    make_user("ada", "admin")
    client = make_client()
    page = client.get("/designs?q=esx", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/signin?next=%2Fdesigns%3Fq%3Desx"
    api = client.get("/api/designs")
    assert api.status_code == 401 and api.headers["www-authenticate"] == "Bearer"
    assert client.post("/designs", data={"name": "x"}).status_code == 401
    signed_in = make_client("ada")
    page = signed_in.get("/designs")
    assert page.status_code == 200
    assert "One-person mode" not in page.text and "Sign out" in page.text


def test_an_htmx_swap_after_the_session_ended_sends_the_page_to_sign_in(
    make_user: MakeUser, make_client: MakeClient
) -> None:
    make_user("ada", "admin")
    client = make_client()
    headers = {
        "HX-Request": "true",
        "HX-Current-URL": "http://testserver/designs/3?tab=wiring",
    }
    response = client.get("/designs/3?tab=ip", headers=headers, follow_redirects=False)
    assert response.status_code == 401
    assert response.headers["hx-redirect"] == "/signin?next=%2Fdesigns%2F3%3Ftab%3Dwiring"
    preview = client.post("/designs/3/preview", headers=headers)
    assert preview.status_code == 401 and "hx-redirect" in preview.headers
