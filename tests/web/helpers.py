"""Helpers for web tests: store designs through the API, read the stored rows."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from app.planner.design import Design


def document(design: Design, **changes: Any) -> dict[str, Any]:
    """The JSON document of ``design`` with top-level fields replaced."""
    return {**design.model_dump(mode="json"), **changes}


def create(client: TestClient, design: Design, **changes: Any) -> dict[str, Any]:
    """Store a design through the API; returns the created record."""
    response = client.post("/api/designs", json={"document": document(design, **changes)})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body
