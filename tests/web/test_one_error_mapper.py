"""One invalid document, one answer: editor, import page, API and CLI (issue 9 §7, §8).

Every front end goes through app.planner.doc_problems; these tests post the same invalid
document to each and compare the (field path, message) sets, then check the editor shows each
message inside the block of its own field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy.orm import Session

from app.cli import main
from app.config import Settings
from tests.examples import example, example_dict
from tests.web.views_helpers import field_block, form_of, store

# What an admin should read, at the field that is wrong (literal, so a wording change is seen).
EXPECTED = {
    (
        "hardware.1.ports.2.vmnic",
        "vmnic1 is already an earlier port of the hardware profile.",
    ),
    (
        "hosts.0.management.ip",
        "Add the prefix length, e.g. 192.0.2.11/24; without it the address is a /32 that no "
        "gateway is inside (got '192.0.2.11').",
    ),
    (
        "hosts.1.name",
        "Another host already has the name esx01 (names are compared without case).",
    ),
    ("vmotion.mtu", "Input should be greater than or equal to 576 (got '100')."),
    ("name", "Required."),
}


def _invalid() -> dict[str, Any]:
    """E1 with five problems at once: two duplicates, a missing prefix, an MTU, no name."""
    doc = example_dict("e1")
    del doc["name"]
    doc["hardware"][1]["ports"][2]["vmnic"] = "vmnic1"
    doc["hosts"][0]["management"]["ip"] = "192.0.2.11"
    doc["hosts"][1]["name"] = "ESX01"
    doc["vmotion"]["mtu"] = 100
    return doc


def _api(client: TestClient) -> set[tuple[str, str]]:
    response = client.post("/api/designs", json={"document": _invalid()})
    assert response.status_code == 422
    return {(i["field"].removeprefix("document."), i["msg"]) for i in response.json()["detail"]}


def _plan_api(client: TestClient) -> set[tuple[str, str]]:
    response = client.post("/api/plan", json=_invalid())
    assert response.status_code == 422
    return {(i["field"], i["msg"]) for i in response.json()["detail"]}


def _import(client: TestClient) -> set[tuple[str, str]]:
    response = client.post(
        "/designs/import",
        data={"text": json.dumps(_invalid())},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 422
    return {(i["field"], i["msg"]) for i in response.json()["detail"]}


def test_api_import_and_plan_give_the_same_messages_at_the_real_paths(
    client: TestClient,
) -> None:
    assert _api(client) == EXPECTED
    assert _plan_api(client) == EXPECTED
    assert _import(client) == EXPECTED
    assert client.get("/api/designs").json()["items"] == []


def test_import_page_lists_every_problem_in_one_pass(client: TestClient) -> None:
    response = client.post("/designs/import", data={"text": json.dumps(_invalid())})
    assert response.status_code == 422
    for path, message in EXPECTED:
        assert f"{path}" in response.text and str(escape(message)) in response.text


def test_cli_exits_2_with_the_same_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_invalid()))
    assert main(["plan", str(bad)]) == 2
    lines = capsys.readouterr().err.splitlines()[1:]
    got = {tuple(line.strip().split(": ", 1)) for line in lines}
    assert got == EXPECTED


def test_editor_shows_each_message_next_to_its_field(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id = store(session, settings, example("e1"))
    response = client.post(f"/designs/{design_id}/edit", data=form_of(_invalid(), version="1"))
    assert response.status_code == 422
    for path, message in EXPECTED:
        assert str(escape(message)) in field_block(response.text, path), path
