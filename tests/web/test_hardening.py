"""Regression tests for issue 10 item 8 (hardening found by testing)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.cli import EXIT_INVALID, main
from app.planner.design import Design
from app.web.forms import design_to_data, flatten
from app.web.security import SECURITY_HEADERS
from tests.conftest import BASE_URL
from tests.web.helpers import create, document


def test_500_responses_carry_the_security_headers(app: FastAPI) -> None:
    def explode() -> None:
        raise RuntimeError("boom")

    app.add_api_route("/explode", explode)
    app.add_api_route("/api/explode", explode)
    client = TestClient(app, base_url=BASE_URL, raise_server_exceptions=False)
    for url in ("/explode", "/api/explode"):
        response = client.get(url)
        assert response.status_code == 500
        for name, value in SECURITY_HEADERS:
            assert response.headers[name.decode()] == value.decode(), (url, name)


def test_pages_link_their_own_assets_by_path_not_by_absolute_url(
    client: TestClient, e1: Design
) -> None:
    # Behind a TLS proxy that does not forward the scheme, the app sees http; the browser https.
    record = create(client, e1)
    for url in (f"/designs/{record['id']}", f"/designs/{record['id']}/edit"):
        page = client.get(url).text
        assert 'href="/static/css/views.css"' in page, url
        assert "http://testserver" not in page and "http://" not in page.split("<body")[0], url
    assert 'src="/static/js/editor.js"' in client.get(f"/designs/{record['id']}/edit").text


def test_a_retried_create_with_the_same_idempotency_key_is_not_duplicated(
    client: TestClient, e1: Design
) -> None:
    body = {"document": document(e1)}
    key = {"Idempotency-Key": "7d1f0c2e-3b7a-4d0e-9a51-5f2c8e9b1a00"}
    first = client.post("/api/designs", json=body, headers=key)
    assert first.status_code == 201 and "idempotent-replayed" not in first.headers
    retry = client.post("/api/designs", json=body, headers=key)
    assert retry.status_code == 201 and retry.headers["idempotent-replayed"] == "true"
    assert retry.json() == first.json()
    assert retry.headers["location"] == first.headers["location"]
    other = client.post("/api/designs", json=body, headers={"Idempotency-Key": "another"})
    assert other.json()["id"] != first.json()["id"]
    assert client.get("/api/designs").json()["total"] == 2


def test_a_bad_idempotency_key_is_422_naming_the_header(client: TestClient, e1: Design) -> None:
    for bad in ("", "has space", "x" * 256):
        response = client.post(
            "/api/designs", json={"document": document(e1)}, headers={"Idempotency-Key": bad}
        )
        assert response.status_code == 422, bad
        assert response.json()["detail"][0]["field"] == "Idempotency-Key"
    assert client.get("/api/designs").json()["total"] == 0


def test_saving_after_someone_deleted_the_design_keeps_the_edit(
    client: TestClient, e1: Design
) -> None:
    record = create(client, e1)
    fields = flatten(design_to_data(e1.model_copy(update={"name": "My unsaved rename"})))
    form = [*fields, ("version", "1"), ("message", "renamed")]
    assert client.post(f"/designs/{record['id']}/delete").status_code == 200
    body = urlencode(form)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    page = client.post(f"/designs/{record['id']}/edit", content=body, headers=headers)
    assert page.status_code == 409
    assert "deleted while you were editing it" in page.text
    assert "name: My unsaved rename" in page.text
    # The kept document goes straight into the import form as a new design.
    kept = page.text.split('name="text" rows="18" class="mono" spellcheck="false">')[1]
    kept = html.unescape(kept.split("</textarea>")[0])
    imported = client.post("/designs/import", data={"text": kept}, follow_redirects=False)
    assert imported.status_code == 303
    new = client.get(imported.headers["location"] + ".json").json()
    assert new["design"]["name"] == "My unsaved rename"
    # Other pages of the deleted design say where it went.
    gone = client.get(f"/designs/{record['id']}")
    assert gone.status_code == 404 and "in the trash" in gone.text


def test_openapi_states_the_rules_the_server_enforces(app: FastAPI, client: TestClient) -> None:
    schema = app.openapi()
    (q,) = [p for p in schema["paths"]["/api/designs"]["get"]["parameters"] if p["name"] == "q"]
    pattern = re.compile(q["schema"]["pattern"])
    assert pattern.match("esx") and not pattern.match("es\x00x")
    assert client.get("/api/designs", params={"q": "es\x00x"}).status_code == 422
    switches = schema["components"]["schemas"]["Design"]["properties"]["switches"]
    assert "names are unique" in switches["description"]


# Files that used to answer 500 on import (and a traceback with exit 1 from the CLI).
CRAFTED_FILES = {
    "deeply nested JSON": ("design.json", "[" * 100_000 + "]" * 100_000, "nested far too deeply"),
    "deeply nested YAML": ("design.yaml", "name: " + "[" * 5000 + "]" * 5000, "nested far too"),
    "5,000-digit YAML integer": ("design.yaml", "schema_version: " + "1" * 5000, "4300 digits"),
    "YAML list as a mapping key": ("design.yaml", "? [a, b]\n: 1\n", "used as a mapping key"),
    "nested list key": ("design.yaml", "hosts:\n  - ? [esx01]\n    : 1\n", "as a mapping key"),
}


@pytest.mark.parametrize("case", CRAFTED_FILES, ids=str)
def test_crafted_import_files_are_422_with_a_reason(client: TestClient, case: str) -> None:
    filename, text, reason = CRAFTED_FILES[case]
    pasted = client.post("/designs/import", data={"text": text})
    assert pasted.status_code == 422 and reason in pasted.text
    uploaded = client.post("/designs/import", files={"file": (filename, text.encode())})
    assert uploaded.status_code == 422 and reason in uploaded.text
    assert client.get("/api/designs").json()["total"] == 0


@pytest.mark.parametrize("case", CRAFTED_FILES, ids=str)
def test_crafted_files_are_exit_2_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    filename, text, reason = CRAFTED_FILES[case]
    path = tmp_path / filename
    path.write_text(text)
    assert main(["plan", str(path)]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "invalid design document" in err and reason in err and "Traceback" not in err


@pytest.mark.parametrize(
    "name",
    ["hosts.².name", "hosts.١.name", "hosts." + "9" * 5000 + ".name", "hosts.0." + "7" * 40],
    ids=["superscript", "arabic-indic", "5000-digits", "40-digits"],
)
def test_crafted_editor_field_names_are_ignored_not_500(
    client: TestClient, e1: Design, name: str
) -> None:
    record = create(client, e1)
    fields = [*flatten(design_to_data(e1)), (name, "x")]
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    preview = client.post(
        f"/designs/{record['id']}/preview", content=urlencode(fields), headers=headers
    )
    assert preview.status_code == 200
    saved = client.post(
        f"/designs/{record['id']}/edit",
        content=urlencode([*fields, ("version", "1")]),
        headers=headers,
        follow_redirects=False,
    )
    assert saved.status_code == 303
