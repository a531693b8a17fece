"""API tokens (issue 10 item 3): shown once, stored hashed, expiry, write flag, last use."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.planner.design import Design
from app.store import tokens
from app.store.tables import ApiTokenRow, utcnow
from tests.auth.conftest import MakeClient, MakeUser
from tests.web.helpers import document

TOKEN_PATTERN = 'id="new-token" value="'


def _created_token(page: str) -> str:
    start = page.index(TOKEN_PATTERN) + len(TOKEN_PATTERN)
    return page[start : page.index('"', start)]


def test_token_is_shown_once_and_stored_as_sha256(
    make_user: MakeUser, make_client: MakeClient, session: Session
) -> None:
    make_user("olga")
    client = make_client("olga")
    page = client.post("/account/tokens", data={"label": "nightly", "days": "30", "write": "on"})
    assert page.status_code == 201 and page.headers["cache-control"] == "no-store"
    token = _created_token(page.text)
    assert token.startswith("vmp_") and len(token) == 4 + 43
    row = session.scalars(select(ApiTokenRow)).one()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert row.prefix == token[:10] and row.write is True and row.label == "nightly"
    assert row.expires_at is not None and timedelta(days=29) < row.expires_at - utcnow()
    # Later pages and the JSON twin show only the prefix.
    assert token not in client.get("/account").text
    listed = client.get("/account.json").json()["tokens"]
    assert listed[0]["prefix"] == token[:10] and token not in str(listed)


def test_bad_token_form_is_refused_naming_the_field(
    make_user: MakeUser, make_client: MakeClient, session: Session
) -> None:
    make_user("olga")
    client = make_client("olga")
    for days in ("0", "-3", "ten", "99999"):
        page = client.post("/account/tokens", data={"days": days})
        assert page.status_code == 422 and "days:" in page.text
    assert client.post("/account/tokens", data={"label": "x" * 81}).status_code == 422
    assert session.scalars(select(ApiTokenRow)).all() == []


def test_bearer_tokens_read_write_and_refusals(
    app: FastAPI, make_user: MakeUser, make_client: MakeClient, session: Session, e1: Design
) -> None:
    olga = make_user("olga")
    read = tokens.create_token(session, olga, label=None, write=False, expires_at=None).token
    write = tokens.create_token(session, olga, label=None, write=True, expires_at=None).token
    api = make_client(headers={})  # a script: no browser headers, no cookie
    body = {"document": document(e1)}
    as_reader = {"Authorization": f"Bearer {read}"}
    as_writer = {"Authorization": f"Bearer {write}"}

    created = api.post("/api/designs", json=body, headers=as_writer)
    assert created.status_code == 201
    design_id = created.json()["id"]
    assert api.get(f"/api/designs/{design_id}", headers=as_reader).status_code == 200
    refused = api.post("/api/designs", json=body, headers=as_reader)
    assert refused.status_code == 403 and "read-only" in refused.json()["detail"]
    assert api.delete(f"/api/designs/{design_id}", headers=as_reader).status_code == 403
    # Planning a document stores nothing, so a read-only token may do it.
    assert api.post("/api/plan", json=document(e1), headers=as_reader).status_code == 200

    for header in ("Bearer vmp_not-a-token", "Bearer ", "Basic b2xnYTpwdw==", f"Token {write}"):
        answer = api.get("/api/designs", headers={"Authorization": header})
        assert answer.status_code == 401, header
        assert answer.headers["www-authenticate"] == "Bearer"

    session.expire_all()
    used = {row.write: row.last_used_at for row in session.scalars(select(ApiTokenRow))}
    assert used[True] is not None and used[False] is not None


def test_revoked_and_expired_tokens_stop_working(
    make_user: MakeUser, make_client: MakeClient, session: Session
) -> None:
    olga = make_user("olga")
    revoked = tokens.create_token(session, olga, label=None, write=True, expires_at=None)
    expired = tokens.create_token(
        session, olga, label=None, write=True, expires_at=utcnow() - timedelta(seconds=1)
    )
    api = make_client(headers={})
    auth = {"Authorization": f"Bearer {revoked.token}"}
    assert api.get("/api/designs", headers=auth).status_code == 200
    browser = make_client("olga")
    assert browser.post(f"/account/tokens/{revoked.row.id}/revoke").status_code == 200
    assert api.get("/api/designs", headers=auth).status_code == 401
    expired_auth = {"Authorization": f"Bearer {expired.token}"}
    assert api.get("/api/designs", headers=expired_auth).status_code == 401


def test_nobody_revokes_another_persons_token(
    make_user: MakeUser, make_client: MakeClient, session: Session
) -> None:
    olga = make_user("olga")
    make_user("max")
    theirs = tokens.create_token(session, olga, label=None, write=True, expires_at=None)
    assert make_client("max").post(f"/account/tokens/{theirs.row.id}/revoke").status_code == 404
    api = make_client(headers={"Authorization": f"Bearer {theirs.token}"})
    assert api.get("/api/designs").status_code == 200


def test_openapi_documents_the_security_schemes(app: FastAPI) -> None:
    schema = app.openapi()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["apiToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["apiToken"]["description"],
    }
    assert schemes["browserSession"]["in"] == "cookie"
    assert schemes["browserSession"]["name"] == "vmp_session"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert {"apiToken": []} in operation["security"], (method, path)
            assert "401" in operation["responses"], (method, path)
