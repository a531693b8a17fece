"""Regression tests for what the schemathesis run (test_api_fuzz.py) found in the API.

Each finding is pinned here with a plain example, so a regression names itself without a fuzz run.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.planner.design import Design
from app.store.tables import MAX_ID, DesignRow
from tests.web.helpers import create, document

TOO_BIG = 2**63  # past SQLite's 64-bit INTEGER: used to reach the driver and raise OverflowError


def _stored(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(DesignRow)) or 0)


@pytest.mark.parametrize(
    ("section", "field", "value"),
    [
        ("vmotion", "vlan", False),  # lax mode took false as VLAN 0
        ("vmotion", "mtu", "9000"),  # lax mode took a numeric string
        ("vmotion", "allow_management_subnet", 1),  # lax mode took 1 as true
        ("vmotion", "mtu", 9000.5),
    ],
)
def test_api_refuses_values_lax_mode_would_coerce(
    client: TestClient, session: Session, e1: Design, section: str, field: str, value: Any
) -> None:
    doc = document(e1)
    doc[section][field] = value
    response = client.post("/api/designs", json={"document": doc})
    assert response.status_code == 422
    fields = [item["field"] for item in response.json()["detail"]]
    assert fields == [f"document.{section}.{field}"]
    assert _stored(session) == 0
    plan = client.post("/api/plan", json=doc)
    assert plan.status_code == 422
    assert [item["field"] for item in plan.json()["detail"]] == [f"{section}.{field}"]


def test_api_accepts_whole_numbers_written_as_floats(client: TestClient, e1: Design) -> None:
    """JSON Schema counts 9000.0 as an integer; so does the API (JSON has one number type)."""
    doc = document(e1)
    doc["vmotion"]["mtu"] = 9000.0
    response = client.post("/api/designs", json={"document": doc})
    assert response.status_code == 201, response.text
    assert response.json()["document"]["vmotion"]["mtu"] == 9000


def test_strict_update_refuses_a_boolean_version(client: TestClient, e1: Design) -> None:
    record = create(client, e1)
    body = {"document": document(e1), "version": True}
    response = client.put(f"/api/designs/{record['id']}", json=body)
    assert response.status_code == 422
    assert [item["field"] for item in response.json()["detail"]] == ["version"]
    assert client.get(f"/api/designs/{record['id']}").json()["version"] == 1


@pytest.mark.parametrize("design_id", [0, MAX_ID + 1, TOO_BIG])
def test_api_ids_outside_the_range_are_422_not_500(client: TestClient, design_id: int) -> None:
    for method in ("GET", "DELETE"):
        response = client.request(method, f"/api/designs/{design_id}")
        assert response.status_code == 422
        assert response.json()["detail"][0]["field"] == "design_id"
    assert client.get(f"/api/designs/{design_id}/plan").status_code == 422


def test_huge_version_is_422_not_500(client: TestClient, e1: Design) -> None:
    record = create(client, e1)
    body = {"document": document(e1), "version": TOO_BIG}
    response = client.put(f"/api/designs/{record['id']}", json=body)
    assert response.status_code == 422


@pytest.mark.parametrize("suffix", ["", "/history", "/history.json", "/share", "/diff.json"])
def test_pages_of_huge_ids_are_404_not_500(client: TestClient, suffix: str) -> None:
    """The store answers "not found" for IDs no Integer column can hold (every page uses it)."""
    assert client.get(f"/designs/{TOO_BIG}{suffix}").status_code == 404


def test_restore_and_revoke_with_huge_numbers_are_404(client: TestClient, e1: Design) -> None:
    record = create(client, e1)
    base = f"/designs/{record['id']}"
    assert client.post(f"{base}/restore/{TOO_BIG}").status_code == 404
    assert client.post(f"{base}/share/{TOO_BIG}/revoke").status_code == 404
    assert client.get(f"{base}/diff.json?a=1&b={TOO_BIG}").status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("PATCH", "/api/designs", "GET, POST"),
        ("OPTIONS", "/api/designs", "GET, POST"),
        ("PATCH", "/api/designs/1", "GET, PUT, DELETE"),
        ("PUT", "/api/plan", "POST"),
    ],
)
def test_405_lists_every_allowed_method(
    client: TestClient, method: str, path: str, allowed: str
) -> None:
    """Starlette named only the first matching route (``Allow: GET`` for /api/designs)."""
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allowed


def test_body_that_is_not_utf8_is_a_documented_400(client: TestClient) -> None:
    response = client.post(
        "/api/plan", content=b"\xff\xfe{", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["detail"]
    documented = client.get("/openapi.json").json()["paths"]["/api/plan"]["post"]["responses"]
    assert "400" in documented


def test_deeply_nested_body_is_refused_without_500(client: TestClient) -> None:
    body = b"[" * 5000 + b"]" * 5000
    response = client.post("/api/plan", content=body, headers={"content-type": "application/json"})
    assert response.status_code in (400, 422)


def test_every_status_an_operation_can_send_is_documented(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]

    def codes(path: str, method: str) -> set[str]:
        return set(paths[path][method]["responses"])

    assert codes("/api/designs", "post") >= {"201", "400", "403", "413", "422"}
    assert codes("/api/designs/{design_id}", "put") >= {
        "200", "400", "403", "404", "409", "413", "422"
    }  # fmt: skip
    assert codes("/api/designs/{design_id}", "delete") >= {"204", "403", "404", "422"}
    assert codes("/api/plan", "post") >= {"200", "400", "403", "413", "422"}
    assert codes("/api/designs/{design_id}/plan", "get") >= {"200", "404", "422"}


def test_openapi_examples_are_valid_designs(client: TestClient) -> None:
    """The bodies offered in /docs ("Try it out") are accepted as they are."""
    paths = client.get("/openapi.json").json()["paths"]
    content = paths["/api/plan"]["post"]["requestBody"]["content"]["application/json"]
    (example,) = content["examples"].values()
    assert client.post("/api/plan", json=example["value"]).status_code == 200
    create_content = paths["/api/designs"]["post"]["requestBody"]["content"]["application/json"]
    (create_example,) = create_content["examples"].values()
    created = client.post("/api/designs", json=create_example["value"])
    assert created.status_code == 201
    update_content = paths["/api/designs/{design_id}"]["put"]["requestBody"]["content"]
    (update_example,) = update_content["application/json"]["examples"].values()
    updated = client.put(f"/api/designs/{created.json()['id']}", json=update_example["value"])
    assert updated.status_code == 200
