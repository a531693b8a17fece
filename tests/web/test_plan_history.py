"""History that speaks the plan (issue 9 §6): plan changes between revisions, old revisions
opened read-only, restore kept."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.planner.design import Design
from tests.web.helpers import create, document


def _moved(client: TestClient, e1: Design) -> int:
    """Revision 1: E1. Revision 2: host esx02 renamed esx09 and the pool moved to 203.0.113.0/24."""
    design_id = int(create(client, e1)["id"])
    moved = document(e1)
    moved["hosts"][1]["name"] = "esx09"
    moved["vmotion"]["pool"] = "203.0.113.0/24"
    saved = client.put(f"/api/designs/{design_id}", json={"document": moved, "version": 1})
    assert saved.status_code == 200, saved.text
    return design_id


def test_diff_names_the_changed_addresses_and_labels(client: TestClient, e1: Design) -> None:
    design_id = _moved(client, e1)
    twin = client.get(f"/designs/{design_id}/diff.json", params={"a": 1, "b": 2}).json()
    sections = {s["title"]: s["changes"] for s in twin["plan"]}
    addresses = {c["subject"]: c for c in sections["Addresses"]}
    assert addresses["esx01 vmk1"]["before"] == "198.51.100.1/30"
    assert addresses["esx01 vmk1"]["after"] == "203.0.113.1/30"
    assert addresses["esx02 vmk1"]["kind"] == "removed"
    assert addresses["esx09 vmk1"]["kind"] == "added"
    labels = [c for c in sections["Cables"] if c["kind"] == "changed"]
    assert labels and all("esx09" in c["after"] for c in labels)
    page = client.get(f"/designs/{design_id}/diff", params={"a": 1, "b": 2}).text
    assert "What changes in the plan" in page
    assert "198.51.100.1/30" in page and "203.0.113.1/30" in page


def test_same_document_says_the_plan_is_the_same(client: TestClient, e1: Design) -> None:
    design_id = int(create(client, e1)["id"])
    body = {"document": document(e1), "version": 1}
    assert client.put(f"/api/designs/{design_id}", json=body).status_code == 200
    page = client.get(f"/designs/{design_id}/diff", params={"a": 1, "b": 2}).text
    assert "The plan is the same" in page


def test_old_revision_opens_read_only_with_its_own_plan(client: TestClient, e1: Design) -> None:
    design_id = _moved(client, e1)
    old = client.get(f"/designs/{design_id}/revisions/1?tab=wiring")
    assert old.status_code == 200
    assert "Revision 1 of 2, read-only" in old.text
    assert "198.51.100.1/30" in old.text and "203.0.113.1/30" not in old.text
    assert f'action="/designs/{design_id}/restore/1"' in old.text
    assert f'href="/designs/{design_id}/edit"' not in old.text  # no editing an old revision
    twin = client.get(f"/designs/{design_id}/revisions/1.json").json()
    assert twin["plan"]["hosts"][1]["name"] == "esx02"
    assert client.get(f"/designs/{design_id}/revisions/9").status_code == 404
    history = client.get(f"/designs/{design_id}/history").text
    assert f'href="/designs/{design_id}/revisions/1"' in history


def test_restore_from_the_revision_page_is_a_new_revision(client: TestClient, e1: Design) -> None:
    design_id = _moved(client, e1)
    restored = client.post(f"/designs/{design_id}/restore/1", follow_redirects=False)
    assert restored.status_code == 303
    current = client.get(f"/api/designs/{design_id}").json()
    assert current["version"] == 3
    assert current["document"]["vmotion"]["pool"] == "198.51.100.0/24"
    assert "Revision 1 of 3" in client.get(f"/designs/{design_id}/revisions/1").text
