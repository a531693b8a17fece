"""Download routes, the downloads page and design import (TestClient on a fresh database)."""

from __future__ import annotations

import io
import json
import zipfile

import yaml
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.render.document import dump_yaml
from app.store.tables import DesignRow
from tests.examples import example, example_dict
from tests.web.helpers import create


def stored(client: TestClient, stem: str, **changes: object) -> int:
    record = create(client, example(stem), **changes)
    design_id: int = record["id"]
    return design_id


def design_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(DesignRow)) or 0)


def test_single_file_format_is_an_attachment_with_its_media_type(client: TestClient) -> None:
    design_id = stored(client, "e1")
    response = client.get(f"/designs/{design_id}/export/cabling-csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="cabling.csv"'
    assert response.text.splitlines()[1].startswith("C01,")


def test_per_host_download(client: TestClient) -> None:
    design_id = stored(client, "e4")
    response = client.get(f"/designs/{design_id}/export/cabling-csv?host=esx03")
    assert response.headers["content-disposition"] == 'attachment; filename="cabling-esx03.csv"'
    assert "esx01" not in response.text


def test_format_with_several_files_comes_as_a_zip(client: TestClient) -> None:
    design_id = stored(client, "e4")
    response = client.get(f"/designs/{design_id}/export/switch")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"].endswith('-r1-switch.zip"')
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names == ["switch-sw1-nxos.txt", "switch-sw2-nxos.txt"]


def test_drawio_and_design_documents(client: TestClient) -> None:
    design_id = stored(client, "e1")
    drawio = client.get(f"/designs/{design_id}/export/drawio")
    assert drawio.headers["content-disposition"] == 'attachment; filename="topology.drawio"'
    assert drawio.text.startswith("<?xml")
    document = client.get(f"/designs/{design_id}/export/design-json")
    assert document.headers["content-type"] == "application/json"
    assert json.loads(document.text) == example("e1").model_dump(mode="json")
    document_yaml = client.get(f"/designs/{design_id}/export/design-yaml")
    assert yaml.safe_load(document_yaml.text)["name"] == "E1 two hosts back-to-back"


def test_export_zip_has_every_format_in_folders(client: TestClient) -> None:
    design_id = stored(client, "e4")
    response = client.get(f"/designs/{design_id}/export.zip")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"] == (
        'attachment; filename="e4-four-hosts-switched-r1.zip"'
    )
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    root = "e4-four-hosts-switched-r1/"
    for expected in (
        "README.txt",
        "switch/switch-sw1-nxos.txt",
        "cabling/cabling.csv",
        "netbox/netbox-cables.csv",
        "diagrams/topology.drawio",
        "design/design.yaml",
    ):
        assert root + expected in names


def test_unknown_format_is_404_with_a_message(client: TestClient) -> None:
    design_id = stored(client, "e1")
    response = client.get(f"/designs/{design_id}/export/visio")
    assert response.status_code == 404
    assert "Unknown export format" in response.text and "cabling-csv" in response.text
    as_json = client.get(
        f"/designs/{design_id}/export/visio", headers={"Accept": "application/json"}
    )
    assert as_json.status_code == 404
    assert as_json.json()["detail"].startswith("Unknown export format 'visio'")


def test_unknown_host_and_unknown_design_are_404(client: TestClient) -> None:
    design_id = stored(client, "e1")
    response = client.get(f"/designs/{design_id}/export/cabling-csv?host=esx99")
    assert response.status_code == 404 and "esx99" in response.text
    assert client.get("/designs/9999/export/cabling-csv").status_code == 404
    assert client.get("/designs/9999/export.zip").status_code == 404


def test_switch_config_of_a_direct_design_is_404_with_a_reason(client: TestClient) -> None:
    design_id = stored(client, "e1", switches=[])  # E1 without its two access switches
    response = client.get(f"/designs/{design_id}/export/switch")
    assert response.status_code == 404
    assert "nothing to export" in response.text


def test_switch_config_refused_while_the_plan_has_errors(client: TestClient) -> None:
    switches = [dict(sw, mtu=1500) for sw in example_dict("e4")["switches"]]
    design_id = stored(client, "e4", switches=switches)
    response = client.get(f"/designs/{design_id}/export/switch")
    assert response.status_code == 409
    assert "R12" in response.text
    page = client.get(f"/designs/{design_id}/export")
    assert "Not offered while the plan has errors" in page.text


def test_downloads_page_lists_formats_with_per_host_links(client: TestClient) -> None:
    design_id = stored(client, "e4")
    page = client.get(f"/designs/{design_id}/export")
    assert page.status_code == 200
    assert "Download all (.zip)" in page.text
    assert f'href="/designs/{design_id}/export/esxcli?host=esx02"' in page.text
    assert f'href="/designs/{design_id}/export/drawio"' in page.text
    twin = client.get(f"/designs/{design_id}/export.json").json()
    assert twin["zip_url"] == f"/designs/{design_id}/export.zip"
    by_name = {f["name"]: f for f in twin["formats"]}
    assert [h["name"] for h in by_name["esxcli"]["hosts"]] == ["esx01", "esx02", "esx03", "esx04"]
    assert by_name["drawio"]["hosts"] == [] and by_name["switch"]["available"]


def test_import_page(client: TestClient) -> None:
    page = client.get("/designs/import")
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.text


def test_import_valid_yaml_file_creates_a_design(client: TestClient, session: Session) -> None:
    text = dump_yaml(example("e6"))
    response = client.post(
        "/designs/import",
        files={"file": ("e6.yaml", text.encode(), "application/yaml")},
        data={"author": "Ada"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    design_id = int(response.headers["location"].rsplit("/", 1)[1])
    row = session.get(DesignRow, design_id)
    assert row is not None and row.to_design() == example("e6")


def test_import_pasted_json_answers_json_clients(client: TestClient) -> None:
    text = json.dumps(example("e1").model_dump(mode="json"))
    response = client.post(
        "/designs/import", data={"text": text}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 201
    assert response.json()["url"] == f"/designs/{response.json()['id']}"


def test_import_errors_are_422_with_every_path_and_nothing_stored(
    client: TestClient, session: Session
) -> None:
    data = example_dict("e1")
    data["hosts"][1]["management"]["ip"] = "192.0.2.300/24"
    data["vmotion"]["mtu"] = 20000
    data["colour"] = "blue"
    before = design_count(session)
    response = client.post(
        "/designs/import",
        files={"file": ("bad.json", json.dumps(data).encode(), "application/json")},
    )
    assert response.status_code == 422
    for path in ("hosts.1.management.ip", "vmotion.mtu", "colour"):
        assert f">{path}<" in response.text
    assert "Nothing was imported" in response.text
    as_json = client.post(
        "/designs/import",
        files={"file": ("bad.json", json.dumps(data).encode(), "application/json")},
        headers={"Accept": "application/json"},
    )
    assert as_json.status_code == 422
    fields = {item["field"] for item in as_json.json()["detail"]}
    assert fields == {"hosts.1.management.ip", "vmotion.mtu", "colour"}
    assert design_count(session) == before


def test_import_rejects_non_text_and_empty_uploads(client: TestClient, session: Session) -> None:
    before = design_count(session)
    binary = client.post(
        "/designs/import", files={"file": ("x.yaml", b"\xff\xfe\x00", "text/plain")}
    )
    assert binary.status_code == 422 and "not UTF-8" in binary.text
    empty = client.post("/designs/import", data={"text": "  "})
    assert empty.status_code == 422 and "choose a .json or .yaml file" in empty.text
    assert design_count(session) == before


def test_design_text_is_escaped_on_the_page(client: TestClient) -> None:
    design_id = stored(client, "e1", name="<script>alert(1)</script>")
    page = client.get(f"/designs/{design_id}/export")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text


def test_many_hosts_get_a_compact_host_picker(client: TestClient) -> None:
    hosts = [
        {"name": f"esx{i:02d}", "management": {"ip": f"192.0.2.{10 + i}/24", "vlan": 10}}
        for i in range(1, 9)
    ]
    design_id = stored(client, "e4", hosts=hosts)
    page = client.get(f"/designs/{design_id}/export")
    assert "One host…" in page.text
    assert f'href="/designs/{design_id}/export/esxcli?host=esx08"' in page.text
