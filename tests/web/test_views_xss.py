"""XSS payloads in every free-text field are escaped on every page that shows them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings
from app.planner.design import Design
from app.store import shares
from tests.examples import example_dict
from tests.web.views_helpers import HTMX, form_of, store

PAYLOAD = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
SHORT = '"><script>alert(3)</script>'  # a card slot allows 40 characters
RAW = ("<script>alert", "<img src=x", "onerror=alert(2)>")


def _hostile() -> Design:
    data = example_dict("e6")  # has switches with a stack
    data["name"] = PAYLOAD
    data["description"] = PAYLOAD + "\n" + PAYLOAD
    data["hardware"][0]["model"] = PAYLOAD
    data["hardware"][0]["slot"] = SHORT
    return Design.model_validate(data)


def _assert_escaped(html: str, where: str) -> None:
    for raw in RAW:
        assert raw not in html, f"{raw!r} unescaped in {where}"
    assert "&lt;script&gt;alert(" in html, f"payload missing from {where}"


@pytest.fixture
def hostile_id(session: Session, settings: Settings) -> int:
    return store(session, settings, _hostile())


def test_design_view_tabs_escape_free_text(client: TestClient, hostile_id: int) -> None:
    for tab in ("overview", "wiring", "vswitches", "ip", "tests"):
        html = client.get(f"/designs/{hostile_id}?tab={tab}").text
        _assert_escaped(html, tab)
    wiring = client.get(f"/designs/{hostile_id}?tab=wiring").text
    assert "&lt;img src=x onerror=alert(2)&gt;" in wiring  # the card model


def test_editor_preview_and_conflict_escape_free_text(client: TestClient, hostile_id: int) -> None:
    design = _hostile()
    _assert_escaped(client.get(f"/designs/{hostile_id}/edit").text, "editor")
    form = form_of(design)
    preview = client.post(f"/designs/{hostile_id}/preview", data=form, headers=HTMX).text
    for raw in RAW:
        assert raw not in preview
    rows = client.post(
        f"/designs/{hostile_id}/edit/rows?action=add&path=hardware", data=form, headers=HTMX
    ).text
    assert SHORT not in rows and "&#34;&gt;&lt;script&gt;alert(3)" in rows
    # A stack name is an identifier (issue 8 item 9): the payload is refused, naming the field.
    refused = client.post(
        f"/designs/{hostile_id}/edit", data=form | {"version": "1", "switches.0.stack": SHORT}
    )
    assert refused.status_code == 422
    assert "switches.0.stack" in refused.text
    conflict = client.post(f"/designs/{hostile_id}/edit", data=form | {"version": "7"})
    assert conflict.status_code == 409
    _assert_escaped(conflict.text, "conflict page")
    invalid = client.post(
        f"/designs/{hostile_id}/edit", data=form | {"version": "1", "vmotion.mtu": PAYLOAD}
    )
    assert invalid.status_code == 422
    _assert_escaped(invalid.text, "invalid editor")


def test_shared_view_escapes_free_text(
    client: TestClient, session: Session, hostile_id: int
) -> None:
    token = shares.create_share_link(session, hostile_id).token
    for tab in ("overview", "wiring", "ip"):
        _assert_escaped(client.get(f"/s/{token}?tab={tab}").text, f"shared {tab}")


def test_json_twin_carries_the_text_unchanged(client: TestClient, hostile_id: int) -> None:
    body = client.get(f"/designs/{hostile_id}.json").json()
    assert body["design"]["name"] == PAYLOAD
    assert (
        client.get(f"/designs/{hostile_id}.json")
        .headers["content-type"]
        .startswith("application/json")
    )
