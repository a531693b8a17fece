"""JSON API: CRUD with version check, 422 with field paths (nothing stored), 409, 404, plan."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from app.planner.design import Design
from app.planner.result import plan_json
from app.services.planning import plan_for
from tests.web.helpers import create, document


def _count(client: TestClient) -> int:
    total: int = client.get("/api/designs").json()["total"]
    return total


def test_create_read_list_delete(client: TestClient, e1: Design) -> None:
    response = client.post("/api/designs", json={"document": document(e1), "author": "Ana"})
    assert response.status_code == 201
    record = response.json()
    assert response.headers["location"] == f"/api/designs/{record['id']}"
    assert record["version"] == 1 and record["lanes"] == 4
    assert Design.model_validate(record["document"]) == e1
    assert client.get(f"/api/designs/{record['id']}").json() == record
    assert [i["id"] for i in client.get("/api/designs").json()["items"]] == [record["id"]]
    assert client.delete(f"/api/designs/{record['id']}").status_code == 204
    assert client.get(f"/api/designs/{record['id']}").status_code == 404


def test_update_with_current_version(client: TestClient, e1: Design) -> None:
    record = create(client, e1)
    body = {"document": document(e1, name="PROD-CL01"), "version": 1, "message": "rename"}
    response = client.put(f"/api/designs/{record['id']}", json=body)
    assert response.status_code == 200
    assert (response.json()["version"], response.json()["name"]) == (2, "PROD-CL01")


def test_stale_version_is_409_with_current_version_and_nothing_stored(
    client: TestClient, e1: Design
) -> None:
    record = create(client, e1)
    url = f"/api/designs/{record['id']}"
    client.put(url, json={"document": document(e1, name="theirs"), "version": 1})
    response = client.put(url, json={"document": document(e1, name="mine"), "version": 1})
    assert response.status_code == 409
    assert response.json()["current_version"] == 2 and response.json()["id"] == record["id"]
    assert "Someone else saved" in response.json()["detail"]
    assert client.get(url).json()["name"] == "theirs"


def test_invalid_document_is_422_with_field_paths_and_nothing_stored(
    client: TestClient, e1: Design
) -> None:
    doc = document(e1)
    doc["hosts"][1]["management"]["ip"] = "192.0.2.300/24"
    doc["vmotion"]["mtu"] = 100
    response = client.post("/api/designs", json={"document": doc})
    assert response.status_code == 422
    fields = {item["field"] for item in response.json()["detail"]}
    assert "document.hosts.1.management.ip" in fields
    assert "document.vmotion.mtu" in fields
    assert all(item["msg"] for item in response.json()["detail"])
    assert _count(client) == 0


def test_unknown_field_is_422(client: TestClient, e1: Design) -> None:
    response = client.post("/api/designs", json={"document": document(e1, colour="blue")})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "document.colour"
    assert _count(client) == 0


def test_invalid_update_keeps_the_stored_version(client: TestClient, e1: Design) -> None:
    record = create(client, e1)
    bad = {"document": document(e1, hosts=[]), "version": 1}
    response = client.put(f"/api/designs/{record['id']}", json=bad)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "document.hosts"
    assert client.get(f"/api/designs/{record['id']}").json()["version"] == 1


def test_404s(client: TestClient, e1: Design) -> None:
    assert client.get("/api/designs/7").status_code == 404
    assert client.get("/api/designs/7").json() == {"detail": "There is no design 7."}
    put = client.put("/api/designs/7", json={"document": document(e1), "version": 1})
    assert put.status_code == 404
    assert client.delete("/api/designs/7").status_code == 404
    assert client.get("/api/designs/7/plan").status_code == 404
    assert client.get("/api/nothing").status_code == 404


def test_plan_without_storing_equals_the_planner(client: TestClient, e1: Design) -> None:
    response = client.post("/api/plan", json=document(e1))
    assert response.status_code == 200
    assert response.json() == plan_json(plan_for(e1))
    assert len(response.json()["subnets"]) == 4  # E1: one /30 per vMotion cable
    assert _count(client) == 0


def test_plan_of_invalid_document_is_422(client: TestClient, e1: Design) -> None:
    response = client.post("/api/plan", json=document(e1, topology="ring"))
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "topology"


def test_stored_design_plan(client: TestClient, e1: Design) -> None:
    record = create(client, e1)
    plan: dict[str, Any] = client.get(f"/api/designs/{record['id']}/plan").json()
    assert plan == plan_json(plan_for(e1))


def test_openapi_lists_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    assert {"/api/designs", "/api/designs/{design_id}", "/api/plan"} <= set(paths)
    assert {"get", "put", "delete"} <= set(paths["/api/designs/{design_id}"])
    assert "409" in paths["/api/designs/{design_id}"]["put"]["responses"]
    assert not any(p.startswith("/designs") for p in paths)  # pages stay out of the API docs


def test_docs_page_works_offline(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "cdn." not in html and "https://" not in html
    for asset in (
        "/static/vendor/swagger-ui/swagger-ui-bundle.js",
        "/static/vendor/swagger-ui/swagger-ui.css",
        "/static/js/swagger-init.js",
    ):
        assert asset in html
        assert client.get(asset).status_code == 200
    assert "<script>" not in html  # scripts only from files: the CSP forbids inline script


def test_openapi_documents_the_real_422_body(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            schema = operation["responses"]["422"]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ValidationErrorBody"}, (path, method)
    assert "HTTPValidationError" not in spec["components"]["schemas"]


def test_bad_path_parameter_is_422_with_field(client: TestClient) -> None:
    response = client.get("/api/designs/abc")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "design_id"
