"""History: revisions with time/author/message, diff between any two, restore as a new revision."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.planner.design import Design
from tests.web.helpers import create, document


def _three_revisions(client: TestClient, e1: Design) -> int:
    record = create(client, e1)
    design_id = record["id"]
    for version, (name, author, message) in enumerate(
        [("PROD-CL01", "Ana", "rename"), ("PROD-CL01-b", None, None)], start=1
    ):
        body = {"document": document(e1, name=name), "version": version, "author": author}
        body["message"] = message
        assert client.put(f"/api/designs/{design_id}", json=body).status_code == 200
    return int(design_id)


def test_history_page_and_json_twin(client: TestClient, e1: Design) -> None:
    design_id = _three_revisions(client, e1)
    html = client.get(f"/designs/{design_id}/history").text
    assert "3 revisions" in html and "Ana" in html and "rename" in html
    twin = client.get(f"/designs/{design_id}/history.json").json()
    assert [r["number"] for r in twin["revisions"]] == [3, 2, 1]
    assert twin["revisions"][0]["current"] is True
    assert twin["revisions"][1]["author"] == "Ana"
    assert twin["revisions"][1]["message"] == "rename"
    assert twin["revisions"][2]["message"] == "Created"
    assert twin["revisions"][0]["created_at"].endswith("Z")


def test_diff_between_any_two_revisions(client: TestClient, e1: Design) -> None:
    design_id = _three_revisions(client, e1)
    twin = client.get(f"/designs/{design_id}/diff.json", params={"a": 1, "b": 3}).json()
    kinds = {(line["kind"], line["text"]) for line in twin["lines"]}
    assert ("remove", f"name: {e1.name}") in kinds
    assert ("add", "name: PROD-CL01-b") in kinds
    assert (twin["added"], twin["removed"]) == (1, 1)
    html = client.get(f"/designs/{design_id}/diff", params={"a": 1, "b": 3}).text
    assert '<span class="line add">' in html and '<span class="line remove">' in html
    assert "name: PROD-CL01-b" in html


def test_diff_defaults_to_previous_vs_current_and_htmx_partial(
    client: TestClient, e1: Design
) -> None:
    design_id = _three_revisions(client, e1)
    twin = client.get(f"/designs/{design_id}/diff.json").json()
    assert (twin["a"], twin["b"]) == (2, 3)
    partial = client.get(f"/designs/{design_id}/diff", headers={"HX-Request": "true"})
    assert partial.text.lstrip().startswith('<section id="diff"') and "<html" not in partial.text


def test_diff_of_same_document_says_so(client: TestClient, e1: Design) -> None:
    design_id = create(client, e1)["id"]
    html = client.get(f"/designs/{design_id}/diff", params={"a": 1, "b": 1}).text
    assert "same document" in html


def test_diff_unknown_revision_is_404(client: TestClient, e1: Design) -> None:
    design_id = create(client, e1)["id"]
    response = client.get(f"/designs/{design_id}/diff", params={"a": 1, "b": 9})
    assert response.status_code == 404 and "no revision 9" in response.text
    assert client.get("/designs/999/history").status_code == 404
    assert client.get("/designs/999/history.json").status_code == 404


def test_diff_names_the_revision_asked_for(client: TestClient, e1: Design) -> None:
    """With only ?b=5, ``a`` defaults to 4: the message must still say 5 (it said 4)."""
    design_id = _three_revisions(client, e1)
    response = client.get(f"/designs/{design_id}/diff.json", params={"b": 5})
    assert response.status_code == 404
    assert response.json()["detail"] == "This design has no revision 5; it has 1 to 3."
    both = client.get(f"/designs/{design_id}/diff.json", params={"a": 7, "b": 8})
    assert both.json()["detail"] == "This design has no revision 8; it has 1 to 3."
    only_a = client.get(f"/designs/{design_id}/diff.json", params={"a": 7})
    assert only_a.json()["detail"] == "This design has no revision 7; it has 1 to 3."


def test_restore_creates_a_new_revision(client: TestClient, e1: Design) -> None:
    design_id = _three_revisions(client, e1)
    response = client.post(f"/designs/{design_id}/restore/1", data={"author": "Bo"})
    assert response.status_code == 200 and "4 revisions" in response.text
    record = client.get(f"/api/designs/{design_id}").json()
    assert record["version"] == 4 and record["name"] == e1.name
    newest = client.get(f"/designs/{design_id}/history.json").json()["revisions"][0]
    assert (newest["number"], newest["author"], newest["message"]) == (
        4,
        "Bo",
        "Restored revision 1",
    )
    old = client.get(f"/designs/{design_id}/diff.json", params={"a": 3, "b": 4}).json()
    assert ("remove", "name: PROD-CL01-b") in {(x["kind"], x["text"]) for x in old["lines"]}


def test_restore_unknown_revision_is_404(client: TestClient, e1: Design) -> None:
    design_id = create(client, e1)["id"]
    assert client.post(f"/designs/{design_id}/restore/5").status_code == 404
    assert client.get(f"/api/designs/{design_id}").json()["version"] == 1


def test_diff_leaves_out_unset_fields(client: TestClient, e1: Design) -> None:
    design_id = create(client, e1)["id"]
    body = {"document": document(e1, description="x"), "version": 1}
    client.put(f"/api/designs/{design_id}", json=body)
    lines = client.get(f"/designs/{design_id}/diff.json").json()["lines"]
    assert all(": null" not in line["text"] for line in lines)
