"""Share-link management: shown once with the public base URL, stored hashed, revocable."""

from __future__ import annotations

import hashlib
import re

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.planner.design import Design
from app.store.shares import resolve_token
from app.store.tables import ShareLinkRow
from tests.web.helpers import create

LINK = re.compile(r'value="(https://planner\.example\.net/s/([A-Za-z0-9_-]+))"')


def _create_link(client: TestClient, design_id: int, label: str = "") -> tuple[str, str]:
    response = client.post(f"/designs/{design_id}/share", data={"label": label})
    assert response.status_code == 201
    assert response.headers["cache-control"] == "no-store"
    match = LINK.search(response.text)
    assert match, "the new link is shown with the public base URL"
    return match.group(1), match.group(2)


def test_share_page_renders_empty(client: TestClient, e1: Design) -> None:
    design_id = create(client, e1)["id"]
    html = client.get(f"/designs/{design_id}/share").text
    assert "No links yet" in html
    assert client.get(f"/designs/{design_id}/share.json").json()["links"] == []


def test_link_shown_once_and_stored_only_as_hash(
    client: TestClient, session: Session, e1: Design
) -> None:
    design_id = create(client, e1)["id"]
    url, token = _create_link(client, design_id, "Cabling team")
    assert len(token) >= 43  # 256 bits, URL-safe base64
    stored = session.scalars(select(ShareLinkRow)).one()
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in stored.token_hash
    later = client.get(f"/designs/{design_id}/share").text
    assert token not in later and "Cabling team" in later and "active" in later
    twin = client.get(f"/designs/{design_id}/share.json").json()
    assert token not in str(twin)
    assert twin["links"][0]["label"] == "Cabling team" and twin["links"][0]["active"] is True
    resolved = resolve_token(session, token)
    assert resolved is not None and resolved.id == design_id and url.endswith(token)


def test_revoke(client: TestClient, session: Session, e1: Design) -> None:
    design_id = create(client, e1)["id"]
    _, token = _create_link(client, design_id)
    link_id = client.get(f"/designs/{design_id}/share.json").json()["links"][0]["id"]
    response = client.post(f"/designs/{design_id}/share/{link_id}/revoke", follow_redirects=False)
    assert response.status_code == 303
    assert resolve_token(session, token) is None
    assert "revoked" in client.get(f"/designs/{design_id}/share").text
    assert client.get(f"/designs/{design_id}/share.json").json()["links"][0]["active"] is False


def test_unknown_design_or_link_is_404(client: TestClient, e1: Design) -> None:
    design_id = create(client, e1)["id"]
    assert client.get("/designs/999/share").status_code == 404
    assert client.post("/designs/999/share").status_code == 404
    assert client.post(f"/designs/{design_id}/share/42/revoke").status_code == 404


def test_label_too_long_is_refused(client: TestClient, e1: Design) -> None:
    design_id = create(client, e1)["id"]
    response = client.post(f"/designs/{design_id}/share", data={"label": "x" * 81})
    assert response.status_code == 422 and "at most 80 characters" in response.text
    assert client.get(f"/designs/{design_id}/share.json").json()["links"] == []
