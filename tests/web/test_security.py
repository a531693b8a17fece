"""Security: CSRF by origin, security headers, body size limit, design limits, escaping."""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.planner.design import Design
from app.store.tables import Base
from tests.conftest import BASE_URL
from tests.web.helpers import create, document

XSS = "<script>alert(1)</script>"


@pytest.fixture
def bare(app: FastAPI) -> TestClient:
    """A client that sends no Sec-Fetch-Site header (as an older browser or a script)."""
    return TestClient(app, base_url=BASE_URL)


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_cross_site_post_is_refused(bare: TestClient, site: str) -> None:
    response = bare.post(
        "/designs", data={"name": "x", "template": "blank"}, headers={"Sec-Fetch-Site": site}
    )
    assert response.status_code == 403
    assert "another site" in response.text
    assert bare.get("/designs.json").json()["total"] == 0


def test_cross_site_api_call_gets_json_403(bare: TestClient, e1: Design) -> None:
    response = bare.delete("/api/designs/1", headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403 and "another site" in response.json()["detail"]


def test_foreign_origin_is_refused(bare: TestClient) -> None:
    headers = {"Origin": "https://evil.example.com"}
    response = bare.post("/designs", data={"name": "x", "template": "blank"}, headers=headers)
    assert response.status_code == 403 and "evil.example.com" in response.text
    referer = {"Referer": "https://evil.example.com/page"}
    response = bare.post("/designs", data={"name": "x", "template": "blank"}, headers=referer)
    assert response.status_code == 403


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},
        {"Origin": BASE_URL},
        {"Origin": "https://planner.example.net"},  # the public base URL
        {"Referer": f"{BASE_URL}/designs/new"},
        {},  # no browser headers at all: a script, not a forged page
    ],
)
def test_same_origin_requests_pass(bare: TestClient, headers: dict[str, str]) -> None:
    response = bare.post(
        "/designs", data={"name": "x", "template": "blank"}, headers=headers, follow_redirects=False
    )
    assert response.status_code == 303


def test_get_is_never_blocked(bare: TestClient) -> None:
    response = bare.get("/designs", headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 200


def test_security_headers_on_pages_json_static_and_errors(client: TestClient) -> None:
    for path in ("/designs", "/designs.json", "/static/css/app.css", "/nowhere"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "same-origin"


def test_no_inline_script_in_pages(client: TestClient, e1: Design) -> None:
    design_id = create(client, e1)["id"]
    for path in ("/designs", "/designs/new", f"/designs/{design_id}/history", "/nowhere"):
        html = client.get(path).text
        assert "<script>" not in html and "onclick=" not in html
        assert "/static/js/htmx.min.js" in html


def test_oversized_body_is_413_with_message(settings: Settings) -> None:
    small = create_app(settings.model_copy(update={"max_request_bytes": 2048}))
    Base.metadata.create_all(small.state.engine)
    client = TestClient(small, base_url=BASE_URL)
    response = client.post(
        "/api/plan", content=b"{" + b" " * 4096 + b"}", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert "larger than this server accepts" in response.json()["detail"]
    page = client.post("/designs", data={"name": "x" * 4000, "template": "blank"})
    assert page.status_code == 413 and "Request too large" in page.text


def test_host_limit_gives_422_with_field_and_message(settings: Settings, e1: Design) -> None:
    limited = create_app(settings.model_copy(update={"max_hosts": 1}))
    Base.metadata.create_all(limited.state.engine)
    client = TestClient(limited, base_url=BASE_URL)
    response = client.post("/api/designs", json={"document": document(e1)})
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert item["field"] == "document.hosts"
    assert "at most 1 hosts" in item["msg"]
    assert client.get("/api/designs").json()["total"] == 0
    plan = client.post("/api/plan", json=document(e1))
    assert plan.status_code == 422 and plan.json()["detail"][0]["field"] == "hosts"


def test_nic_limit_names_the_host(settings: Settings, e1: Design) -> None:
    limited = create_app(settings.model_copy(update={"max_nics_per_host": 4}))
    Base.metadata.create_all(limited.state.engine)
    client = TestClient(limited, base_url=BASE_URL)
    response = client.post("/api/designs", json={"document": document(e1)})
    assert response.status_code == 422
    fields = [item["field"] for item in response.json()["detail"]]
    assert fields == ["document.hosts.0.cards", "document.hosts.1.cards"]
    assert "esx01 has 8 vmnics" in response.json()["detail"][0]["msg"]


def test_script_in_design_name_is_escaped_everywhere(client: TestClient, e1: Design) -> None:
    design_id = create(client, e1, name=XSS, description=XSS)["id"]
    client.post(f"/designs/{design_id}/share", data={"label": XSS})
    pages = [
        "/designs",
        f"/designs?q={XSS}",
        f"/designs/{design_id}/history",
        f"/designs/{design_id}/diff?a=1&b=1",
        f"/designs/{design_id}/share",
    ]
    for path in pages:
        html = client.get(path).text
        assert XSS not in html, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/designs").text
    assert json.loads(client.get("/designs.json").text)["items"][0]["name"] == XSS


def test_script_in_new_form_is_escaped_when_shown_again(client: TestClient) -> None:
    response = client.post("/designs", data={"name": XSS, "template": "nonexistent"})
    assert response.status_code == 422
    assert XSS not in response.text and "&lt;script&gt;" in response.text


def test_streamed_oversized_body_is_413(settings: Settings) -> None:
    small = create_app(settings.model_copy(update={"max_request_bytes": 2048}))
    Base.metadata.create_all(small.state.engine)
    client = TestClient(small, base_url=BASE_URL)
    chunks = iter([b"{", b" " * 4096, b"}"])  # no Content-Length: counted while reading
    response = client.post(
        "/api/plan", content=chunks, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert "larger than this server accepts" in response.json()["detail"]
