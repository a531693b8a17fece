"""Regression tests for issue 10 item 8 (hardening found by testing)."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.planner.design import Design
from app.web.security import SECURITY_HEADERS
from tests.conftest import BASE_URL
from tests.web.helpers import create


def test_500_responses_carry_the_security_headers(app: FastAPI) -> None:
    def explode() -> None:
        raise RuntimeError("boom")

    app.add_api_route("/explode", explode)
    app.add_api_route("/api/explode", explode)
    client = TestClient(app, base_url=BASE_URL, raise_server_exceptions=False)
    for url in ("/explode", "/api/explode"):
        response = client.get(url)
        assert response.status_code == 500
        for name, value in SECURITY_HEADERS:
            assert response.headers[name.decode()] == value.decode(), (url, name)


def test_pages_link_their_own_assets_by_path_not_by_absolute_url(
    client: TestClient, e1: Design
) -> None:
    # Behind a TLS proxy that does not forward the scheme, the app sees http; the browser https.
    record = create(client, e1)
    for url in (f"/designs/{record['id']}", f"/designs/{record['id']}/edit"):
        page = client.get(url).text
        assert 'href="/static/css/views.css"' in page, url
        assert "http://testserver" not in page and "http://" not in page.split("<body")[0], url
    assert 'src="/static/js/editor.js"' in client.get(f"/designs/{record['id']}/edit").text
