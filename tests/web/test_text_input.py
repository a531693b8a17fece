"""Free text the database cannot store: NUL characters, and over-long editor author/message.

PostgreSQL refuses U+0000 in text columns and enforces VARCHAR lengths that SQLite ignores, so
these inputs used to be 500s on PostgreSQL (found by QA against a throwaway cluster, see
tests/store/test_postgres.py). Every entry point now answers 422 naming the field, and stores
nothing. The PostgreSQL test there checks the same requests end to end on a real server.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings
from app.services.text import NUL_MESSAGE
from app.store import designs as store
from app.store import shares
from tests.examples import example
from tests.web.helpers import create, document
from tests.web.views_helpers import HTMX, form_of
from tests.web.views_helpers import store as store_design


def _stored(session: Session) -> int:
    session.expire_all()
    return store.count_designs(session)


def test_api_refuses_nul_in_any_document_text(client: TestClient, session: Session) -> None:
    e1 = example("e1")
    data = document(e1, name="cluster\x00a")
    data["hardware"][0]["model"] = "Intel\x00"
    response = client.post("/api/designs", json={"document": data})
    assert response.status_code == 422
    fields = {item["field"]: item["msg"] for item in response.json()["detail"]}
    assert fields == {"document.name": NUL_MESSAGE, "document.hardware.0.model": NUL_MESSAGE}
    assert _stored(session) == 0


def test_api_refuses_nul_in_author_and_message(client: TestClient, session: Session) -> None:
    body = {"document": document(example("e1")), "author": "ann\x00", "message": "x\x00"}
    response = client.post("/api/designs", json=body)
    assert response.status_code == 422
    fields = {item["field"]: item["msg"] for item in response.json()["detail"]}
    assert fields == {"author": NUL_MESSAGE, "message": NUL_MESSAGE}
    assert _stored(session) == 0


def test_search_with_a_nul_is_422_on_every_list(client: TestClient) -> None:
    for url in ("/api/designs", "/designs.json"):
        response = client.get(url, params={"q": "esx\x00"})
        assert response.status_code == 422
        assert response.json()["detail"][0]["field"] == "q"
        assert response.json()["detail"][0]["msg"] == NUL_MESSAGE
    page = client.get("/designs", params={"q": "esx\x00"})
    assert page.status_code == 422 and "q: Remove the NUL character" in page.text


def test_new_design_form_names_the_nul_field(client: TestClient, session: Session) -> None:
    form = {"name": "lab\x00", "template": "e1", "author": "b\x00"}
    response = client.post("/designs", data=form)
    assert response.status_code == 422
    assert response.text.count(NUL_MESSAGE) == 2
    assert _stored(session) == 0


def test_editor_preview_and_save_name_the_nul_field(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id = store_design(session, settings, example("e1"))
    form = form_of(example("e1"), version="1") | {"description": "rack A\x00"}
    preview = client.post(f"/designs/{design_id}/preview", data=form, headers=HTMX)
    assert preview.status_code == 200 and NUL_MESSAGE in preview.text
    saved = client.post(f"/designs/{design_id}/edit", data=form, follow_redirects=False)
    assert saved.status_code == 422
    assert 'id="f-description-errors"' in saved.text and NUL_MESSAGE in saved.text
    session.expire_all()
    assert store.get_design(session, design_id).version == 1  # type: ignore[union-attr]


def _save_with(client: TestClient, design_id: int, **meta: str) -> Any:
    form = form_of(example("e1"), version="1", **meta)
    return client.post(f"/designs/{design_id}/edit", data=form, follow_redirects=False)


def test_editor_refuses_an_author_the_store_cannot_keep(
    client: TestClient, session: Session, settings: Settings
) -> None:
    """The input's maxlength=80 is only a hint: a longer author was a 500 on PostgreSQL."""
    design_id = store_design(session, settings, example("e1"))
    long_author = _save_with(client, design_id, author="a" * 81, message="m" * 2001)
    assert long_author.status_code == 422
    html = long_author.text
    assert 'id="f-author-errors"' in html
    assert "Your name can be at most 80 characters long." in html
    assert "What changed can be at most 2000 characters long." in html
    nul = _save_with(client, design_id, author="ann\x00")
    assert nul.status_code == 422 and 'id="f-author-errors"' in nul.text
    session.expire_all()
    assert store.get_design(session, design_id).version == 1  # type: ignore[union-attr]
    # Trailing blanks do not count: the store trims them.
    ok = _save_with(client, design_id, author="a" * 80 + "   ")
    assert ok.status_code == 303


def test_share_label_restore_author_and_import_author_refuse_nul(
    client: TestClient, session: Session
) -> None:
    design_id = create(client, example("e1"))["id"]
    label = client.post(f"/designs/{design_id}/share", data={"label": "desk\x00"})
    assert label.status_code == 422 and NUL_MESSAGE in label.text
    assert shares.list_share_links(session, design_id) == []
    restore = client.post(f"/designs/{design_id}/restore/1", data={"author": "x\x00"})
    assert restore.status_code == 422 and NUL_MESSAGE in restore.text
    assert len(store.list_revisions(session, design_id)) == 1
    text = json.dumps(document(example("e1")))
    imported = client.post("/designs/import", data={"text": text, "author": "y\x00"})
    assert imported.status_code == 422 and NUL_MESSAGE in imported.text
    assert _stored(session) == 1
