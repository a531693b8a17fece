"""Identifier fields with text that would become a config line: 422 naming the field, nothing
stored, through the API, the import page and the CLI (issue 8 item 9)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.cli import main
from app.store.tables import DesignRow
from tests.examples import example_dict

# (path, value): every identifier of a switched document with text no platform names that way.
HOSTILE = [
    ("switches.0.port_prefix", "Ethernet1/\nreload\n"),
    ("switches.0.stack", "core\ninterface Vlan1"),
    ("switches.0.name", "sw1; reload"),
    ("teaming.management.portgroup", "Mgmt'; rm -rf / #"),
    ("teaming.vm_traffic.portgroup", "VM {{ lookup('pipe','id') }}"),
    ("hosts.0.name", "esx01$(reboot)"),
    ("hardware.0.ports.0.vmnic", "vmnic0 --vswitch-name=vSwitch0"),
]


def hostile_document(path: str, value: str) -> dict[str, Any]:
    data = example_dict("e6")
    target: Any = data
    *parents, last = path.split(".")
    for part in parents:
        target = target[int(part)] if part.isdigit() else target.setdefault(part, {})
    target[last] = value
    return data


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(DesignRow)) or 0


@pytest.mark.parametrize(("path", "value"), HOSTILE)
def test_api_refuses_with_the_field_path(
    client: TestClient, session: Session, path: str, value: str
) -> None:
    response = client.post("/api/designs", json={"document": hostile_document(path, value)})
    assert response.status_code == 422
    assert [item["field"] for item in response.json()["detail"]] == [f"document.{path}"]
    assert count(session) == 0


@pytest.mark.parametrize(("path", "value"), HOSTILE[:3])
def test_import_page_lists_the_field(
    client: TestClient, session: Session, path: str, value: str
) -> None:
    body = json.dumps(hostile_document(path, value)).encode()
    response = client.post(
        "/designs/import", files={"file": ("bad.json", body, "application/json")}
    )
    assert response.status_code == 422
    assert f">{path}<" in response.text
    assert count(session) == 0


def test_cli_exit_2_names_the_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(hostile_document(*HOSTILE[0])))
    assert main(["plan", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "switches.0.port_prefix" in err and "Traceback" not in err


def interconnect(ports_a: list[str]) -> dict[str, Any]:
    """E4's two Nexus joined on ``ports_a`` / Ethernet1/47-48."""
    data = example_dict("e4")
    data["interconnects"] = [
        {"a": "sw1", "b": "sw2", "ports_a": ports_a, "ports_b": ["Ethernet1/47", "Ethernet1/48"]}
    ]
    return data


def test_interconnect_ports_follow_the_switch_platform(
    client: TestClient, session: Session
) -> None:
    ok = client.post("/api/designs", json={"document": interconnect(["Eth1/47", "Ethernet1/48"])})
    assert ok.status_code == 201
    # A Catalyst name on a Nexus would be refused by the switch; a newline is a new command.
    for ports in (["TenGigabitEthernet1/0/47", "Ethernet1/48"], ["Ethernet1/47", "reload"]):
        response = client.post("/api/designs", json={"document": interconnect(ports)})
        assert response.status_code == 422
        (item,) = response.json()["detail"]
        bad = 0 if ports[0].startswith("Ten") else 1
        # The one mapper (issue 9 §8) moves the path a model validator names into the field.
        assert item["field"] == f"document.interconnects.0.ports_a.{bad}"
    assert count(session) == 1
