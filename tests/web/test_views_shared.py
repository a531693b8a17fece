"""Shared read-only view: same plan as the owner's, no edit controls, plain 404 when revoked."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings
from app.store import shares
from tests.examples import example
from tests.web.views_helpers import HTMX, store

TABS = ("overview", "wiring", "vswitches", "ip", "tests")


def _shared(session: Session, settings: Settings, stem: str = "e1") -> tuple[int, str]:
    design_id = store(session, settings, example(stem))
    return design_id, shares.create_share_link(session, design_id).token


def test_shared_view_shows_every_tab_read_only(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id, token = _shared(session, settings, "e4")
    for tab in TABS:
        response = client.get(f"/s/{token}?tab={tab}")
        assert response.status_code == 200, tab
        html = response.text
        assert "Read-only shared view" in html
        assert f'href="/s/{token}?tab={tab}"' in html
        # Nothing that changes anything, and nothing that leads to the owner's pages.
        # The only form is the drawing picker, a GET that changes nothing (issue 9 §2).
        forms = re.findall(r"<form\b[^>]*>", html)
        assert all('method="get"' in form for form in forms), forms
        assert "hx-post" not in html
        assert f"/designs/{design_id}" not in html
        assert "/edit" not in html and "/share" not in html and "/history" not in html
        assert 'href="/designs/new"' not in html


def test_shared_view_has_the_same_plan_as_the_owner(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id, token = _shared(session, settings, "e3")
    owner = client.get(f"/designs/{design_id}.json").json()
    shared = client.get(f"/s/{token}.json").json()
    assert shared["plan"] == owner["plan"]
    assert shared["design"] == owner["design"]
    assert shared["read_only"] is True
    assert shared["id"] is None
    assert "edit" not in shared["links"] and "share" not in shared["links"]
    assert shared["links"]["sheet"] == f"/s/{token}/sheet"


def test_shared_tab_switch_is_a_fragment(
    client: TestClient, session: Session, settings: Settings
) -> None:
    _, token = _shared(session, settings)
    html = client.get(f"/s/{token}?tab=tests", headers=HTMX).text
    assert "<html" not in html
    assert 'id="tab-tests"' in html
    assert "vmkping" in html


def test_unknown_and_revoked_tokens_are_plain_404(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id, token = _shared(session, settings)
    link_id = shares.list_share_links(session, design_id)[0].id
    assert client.get(f"/s/{token}").status_code == 200
    assert shares.revoke_share_link(session, design_id, link_id)
    for suffix in ("", ".json", "/sheet", "/sheet.pdf"):
        for candidate in (token, token[:-1] + ("A" if token[-1] != "A" else "B"), "x" * 300):
            response = client.get(f"/s/{candidate}{suffix}")
            assert response.status_code == 404, (candidate, suffix)
            assert design_id != 0 and "E1 two hosts" not in response.text


def test_shared_urls_accept_no_writes(
    client: TestClient, session: Session, settings: Settings
) -> None:
    _, token = _shared(session, settings)
    for path in (f"/s/{token}", f"/s/{token}.json", f"/s/{token}/sheet"):
        assert client.post(path, data={"name": "x"}).status_code == 405


def test_shared_sheet_and_pdf(client: TestClient, session: Session, settings: Settings) -> None:
    _, token = _shared(session, settings)
    sheet = client.get(f"/s/{token}/sheet")
    assert sheet.status_code == 200
    assert "C01" in sheet.text
    # Only the host/switch picker: GET forms that stay on the share link.
    forms = re.findall(r"<form\b[^>]*>", sheet.text)
    assert forms and all(
        'method="get"' in f and f'action="/s/{token}/sheet"' in f for f in forms
    ), forms
    assert f'href="/s/{token}"' in sheet.text  # Back leads to the shared view, not the owner's
    assert f"https://planner.example.net/s/{token}" in sheet.text
    pdf = client.get(f"/s/{token}/sheet.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert re.match(
        r'attachment; filename="[A-Za-z0-9._-]+-r1-cabling-sheet\.pdf"',
        pdf.headers["content-disposition"],
    )
