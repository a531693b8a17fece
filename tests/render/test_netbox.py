"""NetBox bulk-import CSVs: NetBox's own column names, planned cables, reserved vmk addresses."""

from __future__ import annotations

import csv
import io

import pytest

from app.planner.design import Role
from app.render import netbox
from tests.render.exports_support import GOLDEN_EXAMPLES, check_golden, context

# The columns of NetBox's CableImportForm (netbox-community/netbox, dcim/forms/bulk_import.py).
CABLE_COLUMNS = [
    "side_a_device", "side_a_type", "side_a_name", "side_b_device", "side_b_type", "side_b_name",
    "type", "status", "label", "color", "length", "length_unit", "description",
]  # fmt: skip


def tables(stem: str, host: str | None = None) -> dict[str, list[dict[str, str]]]:
    result = {}
    for artifact in netbox.render(context(stem), host):
        assert artifact.media_type == "text/csv"
        assert isinstance(artifact.content, str)
        result[artifact.filename] = list(csv.DictReader(io.StringIO(artifact.content, newline="")))
    return result


def test_files_come_in_import_order() -> None:
    assert list(tables("e1")) == list(netbox.IMPORT_ORDER)


def test_e1_cables_use_netbox_columns_and_planned_status() -> None:
    ctx = context("e1")
    cables = tables("e1")["netbox-cables.csv"]
    assert list(cables[0]) == CABLE_COLUMNS
    assert len(cables) == len(ctx.plan.cables) == 4
    for row, cable in zip(cables, ctx.plan.cables, strict=True):
        assert row["side_a_device"] == cable.a.device and row["side_a_name"] == cable.a.port
        assert row["side_b_device"] == cable.b.device and row["side_b_name"] == cable.b.port
        assert row["side_a_type"] == row["side_b_type"] == "dcim.interface"
        assert row["status"] == "planned"
        assert row["label"] == cable.id
        assert row["color"] == cable.color[1:].lower() and "#" not in row["color"]
        # Nothing the design does not say: no medium, no length.
        assert row["type"] == row["length"] == row["length_unit"] == ""


def test_e1_ip_addresses_are_the_planned_vmks_on_their_interfaces() -> None:
    ctx = context("e1")
    result = tables("e1")
    addresses = result["netbox-ip-addresses.csv"]
    planned = [(h.name, v) for h in ctx.plan.hosts for v in h.vmks if v.role is not Role.MANAGEMENT]
    assert len(addresses) == len(planned) == 8
    for row, (host, vmk) in zip(addresses, planned, strict=True):
        assert row["address"] == str(vmk.address)  # with prefix, e.g. 198.51.100.1/30
        assert row["device"] == host and row["interface"] == vmk.name
        assert row["status"] == "reserved"
    assert "192.0.2.11/24" not in {r["address"] for r in addresses}  # vmk0 already exists
    interfaces = result["netbox-interfaces.csv"]
    assert [(r["device"], r["name"]) for r in interfaces] == [(h, v.name) for h, v in planned]
    assert {r["type"] for r in interfaces} == {"virtual"}
    assert {r["mtu"] for r in interfaces} == {"9000"}
    prefixes = result["netbox-prefixes.csv"]
    assert [r["prefix"] for r in prefixes] == [str(s.network) for s in ctx.plan.subnets]


def test_per_host_rows() -> None:
    result = tables("e4", "esx03")
    assert set(result) == {name.replace(".csv", "-esx03.csv") for name in netbox.IMPORT_ORDER}
    assert {r["device"] for r in result["netbox-ip-addresses-esx03.csv"]} == {"esx03"}
    assert all(
        "esx03" in (r["side_a_device"], r["side_b_device"])
        for r in result["netbox-cables-esx03.csv"]
    )


def test_switched_cables_end_on_switch_interfaces() -> None:
    ctx = context("e4")
    cables = tables("e4")["netbox-cables.csv"]
    switch_names = {s.name for s in ctx.plan.switches}
    assert all(r["side_b_device"] in switch_names for r in cables)
    assert all(r["side_b_name"].startswith("Ethernet1/") for r in cables)


@pytest.mark.parametrize("stem", GOLDEN_EXAMPLES)
def test_golden(stem: str) -> None:
    check_golden("netbox", stem, netbox.render(context(stem), None))
