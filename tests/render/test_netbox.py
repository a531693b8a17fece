"""NetBox import files: NetBox 4.4's column names, VLANs, prerequisites, existing vs planned.

Import behaviour (order, references, conflicts, per-host overlap) is checked against a model of
NetBox's import rules in test_netbox_import.py; these are literal cases on the examples.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from app.planner.design import Role
from app.planner.plan import plan
from app.render import netbox
from app.render.base import RenderContext
from app.render.netbox.columns import IMPORT_ORDER
from tests.render.exports_support import GOLDEN_EXAMPLES, check_golden, context
from tests.render.test_netbox_import import with_existing_and_isl

# The columns of NetBox's CableImportForm (netbox-community/netbox, dcim/forms/bulk_import.py;
# side_x_site since 4.3.5).
CABLE_COLUMNS = [
    "side_a_site", "side_a_device", "side_a_type", "side_a_name", "side_b_site", "side_b_device",
    "side_b_type", "side_b_name", "type", "status", "label", "color", "length", "length_unit",
    "description", "tags",
]  # fmt: skip
TAG = "vmp-e4-four-hosts-switched"
GROUP = "E4 four hosts switched VLANs"


def tables(
    stem: str, host: str | None = None, **changes: object
) -> dict[str, list[dict[str, str]]]:
    result = {}
    for artifact in netbox.render(context(stem, **changes), host):
        assert isinstance(artifact.content, str)
        if artifact.filename.endswith(".csv"):
            assert artifact.media_type == "text/csv"
            rows = csv.DictReader(io.StringIO(artifact.content, newline=""))
            result[artifact.filename] = list(rows)
    return result


def test_files_come_in_import_order_and_the_order_file_lists_them() -> None:
    artifacts = netbox.render(context("e4"))
    names = [a.filename for a in artifacts]
    assert names == [*netbox.import_order(context("e4")), "netbox-import-order.txt"]
    assert names[:5] == [
        "netbox-prereq-1-sites.csv",
        "netbox-prereq-2-manufacturers.csv",
        "netbox-prereq-3-device-roles.csv",
        "netbox-prereq-4-device-types.yaml",
        "netbox-prereq-6-devices.csv",  # no stack in E4, so no virtual-chassis file
    ]
    assert names.index("netbox-tags.csv") < names.index("netbox-existing-vlans.csv")
    vlans = [i for i, name in enumerate(names) if "vlans" in name and "vlan-groups" not in name]
    ports = [i for i, name in enumerate(names) if "switch-ports" in name]
    cables = [i for i, name in enumerate(names) if "cables" in name]
    assert max(vlans) < min(ports) and max(ports) < min(cables)
    assert names.index("netbox-existing-ip-addresses.csv") < names.index("netbox-prefixes.csv")
    assert names.index("netbox-interfaces.csv") < names.index("netbox-ip-addresses.csv")
    assert names.index("netbox-ip-addresses.csv") < names.index("netbox-cables.csv")
    order = artifacts[-1].content
    assert isinstance(order, str)
    listed = [line.split(". ", 1)[1].split("  (")[0] for line in order.splitlines()[3:]]
    assert listed == names[:-1]
    assert "netbox-cables.csv  (Connections → Cables; what the plan adds)" in order
    assert "netbox-prereq-6-devices.csv  (Devices → Devices; empty NetBox only)" in order


def test_e4_vlans_existing_management_and_planned_vmotion() -> None:
    result = tables("e4")
    assert result["netbox-existing-vlans.csv"] == [
        {"group": GROUP, "vid": "10", "name": "Management (VLAN 10)", "status": "active",
         "description": "Management of the vMotion design", "tags": TAG},
    ]  # fmt: skip
    assert result["netbox-vlans.csv"] == [
        {"group": GROUP, "vid": "20", "name": "vMotion (VLAN 20)", "status": "reserved",
         "description": "vMotion of the vMotion design", "tags": TAG},
    ]  # fmt: skip


def test_e4_vmks_and_switch_ports_carry_mode_and_vlans() -> None:
    result = tables("e4")
    vmk1 = next(r for r in result["netbox-interfaces.csv"] if r["device"] == "esx02")
    assert (vmk1["name"], vmk1["type"], vmk1["mtu"]) == ("vmk1", "virtual", "9000")
    assert (vmk1["mode"], vmk1["vlan_group"], vmk1["untagged_vlan"]) == ("access", GROUP, "20")
    assert vmk1["tagged_vlans"] == ""
    vmk0 = result["netbox-existing-interfaces.csv"][0]
    assert (vmk0["device"], vmk0["name"], vmk0["untagged_vlan"]) == ("esx01", "vmk0", "10")
    ports = {(r["device"], r["name"]): r for r in result["netbox-switch-ports.csv"]}
    # 16 host-facing ports, the proposed inter-switch link's 2 × 2 ends (issue 7) and its
    # port-channel as a LAG interface on each switch, written before its members
    assert len(ports) == 22
    assert [r["name"] for r in result["netbox-switch-ports.csv"] if r["device"] == "sw1"][-3:] == [
        "port-channel1",
        "Ethernet1/47",
        "Ethernet1/48",
    ]
    assert ports[("sw1", "Ethernet1/47")]["lag"] == "port-channel1"
    vmotion = ports[("sw2", "Ethernet1/4")]
    # VST: the port group tags, so the switch port is an 802.1Q trunk ("tagged" in NetBox).
    assert (vmotion["mode"], vmotion["tagged_vlans"], vmotion["untagged_vlan"]) == (
        "tagged",
        "20",
        "",
    )
    assert (vmotion["mtu"], vmotion["type"]) == ("9216", "10gbase-x-sfpp")
    assert vmotion["description"] == "vMotion: C06 to esx02 vmnic3"
    assert ports[("sw1", "Ethernet1/1")]["tagged_vlans"] == "10"


def test_e1_untagged_design_has_no_vlans_and_direct_cables_planned() -> None:
    ctx = context("e1", switches=[])
    result = tables("e1", switches=[])
    assert "netbox-vlans.csv" not in result and "netbox-existing-vlans.csv" not in result
    assert "netbox-switch-ports.csv" not in result
    cables = result["netbox-cables.csv"]
    assert list(cables[0]) == CABLE_COLUMNS
    assert len(cables) == len(ctx.plan.cables) == 4
    for row, cable in zip(cables, ctx.plan.cables, strict=True):
        assert row["side_a_device"] == cable.a.device and row["side_a_name"] == cable.a.port
        assert row["side_b_device"] == cable.b.device and row["side_b_name"] == cable.b.port
        assert row["side_a_site"] == row["side_b_site"] == "E1 two hosts back-to-back"
        assert row["side_a_type"] == row["side_b_type"] == "dcim.interface"
        assert row["status"] == "planned" and row["label"] == cable.id
        assert row["color"] == cable.color[1:].lower()
        # Nothing the design does not say: no medium, no length.
        assert row["type"] == row["length"] == row["length_unit"] == ""
    planned = [(h.name, v) for h in ctx.plan.hosts for v in h.vmks if v.role is not Role.MANAGEMENT]
    addresses = result["netbox-ip-addresses.csv"]
    assert [(r["device"], r["interface"], r["address"]) for r in addresses] == [
        (h, v.name, str(v.address)) for h, v in planned
    ]
    assert {r["status"] for r in addresses} == {"reserved"}
    vmk = result["netbox-interfaces.csv"][0]
    assert vmk["mode"] == vmk["vlan_group"] == vmk["untagged_vlan"] == ""  # VLAN 0: untagged
    assert [r["prefix"] for r in result["netbox-prefixes.csv"]] == [
        "198.51.100.0/30", "198.51.100.4/30", "198.51.100.8/30", "198.51.100.12/30",
    ]  # fmt: skip


def test_existing_management_network_is_apart_from_the_plan() -> None:
    """Issue 8 item 14: the shared management subnet and vmk0 are existing, status active."""
    result = tables("e5")
    existing = result["netbox-existing-prefixes.csv"]
    assert [(r["prefix"], r["status"], r["description"]) for r in existing] == [
        ("192.0.2.0/24", "active", "Management network")
    ]
    # E5 puts vMotion into the management subnet: it is not planned a second time.
    assert "netbox-prefixes.csv" not in result
    addresses = result["netbox-existing-ip-addresses.csv"]
    assert [(r["address"], r["interface"], r["status"]) for r in addresses] == [
        ("192.0.2.41/24", "vmk0", "active"),
        ("192.0.2.42/24", "vmk0", "active"),
    ]
    assert all(r["interface"] != "vmk0" for r in result["netbox-ip-addresses.csv"])


def test_prerequisites_for_an_empty_netbox() -> None:
    ctx = context("e4")
    artifacts = {a.filename: a.content for a in netbox.render(ctx)}
    types = list(yaml.safe_load_all(str(artifacts["netbox-prereq-4-device-types.yaml"])))
    assert types[0] == {
        "manufacturer": "Generic",
        "model": "ESXi host, 4 × 10 GbE",
        "slug": "esxi-host-4-x-10-gbe",
        "u_height": 2,
        "interfaces": [{"name": f"vmnic{i}", "type": "10gbase-x-sfpp"} for i in range(4)],
    }
    assert types[1] == {
        "manufacturer": "Generic",
        "model": "Switch, NX-OS",
        "slug": "switch-nx-os",
        "u_height": 1,
    }
    devices = tables("e4")["netbox-prereq-6-devices.csv"]
    assert [(d["name"], d["role"], d["device_type"]) for d in devices] == [
        *((f"esx0{i}", "ESXi host", "ESXi host, 4 × 10 GbE") for i in range(1, 5)),
        ("sw1", "Switch", "Switch, NX-OS"),
        ("sw2", "Switch", "Switch, NX-OS"),
    ]
    assert {d["site"] for d in devices} == {"E4 four hosts switched"}


def test_stack_members_are_devices_of_one_virtual_chassis() -> None:
    ctx = context("e4", switches=[
        {"name": "sw1", "stack": "core"}, {"name": "sw2", "stack": "core"},
    ])  # fmt: skip
    result = {a.filename: a.content for a in netbox.render(ctx)}
    chassis = list(csv.DictReader(io.StringIO(str(result["netbox-prereq-5-virtual-chassis.csv"]))))
    assert [r["name"] for r in chassis] == ["core"]
    devices = list(csv.DictReader(io.StringIO(str(result["netbox-prereq-6-devices.csv"]))))
    assert [(d["name"], d["virtual_chassis"], d["vc_position"]) for d in devices[-2:]] == [
        ("sw1", "core", "1"),
        ("sw2", "core", "2"),
    ]


def test_hosts_with_other_nics_get_their_own_device_type() -> None:
    ctx = context("e1", switches=[])
    own = [
        {"slot": "LOM", "ports": [
            {"vmnic": "vmnic0", "speed_gbps": 1, "role": "management"},
            {"vmnic": "vmnic1", "speed_gbps": 25, "role": "vmotion"},
        ]},
    ]  # fmt: skip
    hosts = [h.model_dump(mode="json") for h in ctx.design.hosts]
    hosts[1]["cards"] = own
    result = {a.filename: a.content for a in netbox.render(context("e1", switches=[], hosts=hosts))}
    types = list(yaml.safe_load_all(str(result["netbox-prereq-4-device-types.yaml"])))
    assert [t["model"] for t in types][-1] == "ESXi host, 1 × 1 GbE + 1 × 25 GbE"
    assert types[-1]["interfaces"] == [
        {"name": "vmnic0", "type": "1000base-t"},
        {"name": "vmnic1", "type": "25gbase-x-sfp28"},
    ]


def test_per_host_rows_are_that_hosts_and_shared_rows_are_apart() -> None:
    result = tables("e4", "esx03")
    assert {r["device"] for r in result["netbox-ip-addresses-esx03.csv"]} == {"esx03"}
    assert all(r["side_a_device"] == "esx03" for r in result["netbox-cables-esx03.csv"])
    assert {r["device"] for r in result["netbox-existing-interfaces-esx03.csv"]} == {"esx03"}
    assert [r["prefix"] for r in result["netbox-prefixes-shared.csv"]] == ["198.51.100.0/24"]
    assert [r["vid"] for r in result["netbox-vlans-shared.csv"]] == ["20"]
    # E4's proposed inter-switch links belong to no host: they are the shared cables.
    shared = result["netbox-cables-shared.csv"]
    assert {(r["side_a_device"], r["side_b_device"]) for r in shared} == {("sw1", "sw2")}
    assert len(shared) == 2


def test_direct_cable_and_its_link_subnet_belong_to_side_a_only() -> None:
    e1 = tables("e1", "esx02", switches=[])
    assert "netbox-cables-esx02.csv" not in e1 and "netbox-prefixes-esx02.csv" not in e1
    esx01 = tables("e1", "esx01", switches=[])
    assert len(esx01["netbox-cables-esx01.csv"]) == len(esx01["netbox-prefixes-esx01.csv"]) == 4


def test_design_text_is_one_safe_line_in_every_name() -> None:
    ctx = context("e4", name="=cmd|' /C calc'!A0\nreload")
    result = {a.filename: a.content for a in netbox.render(ctx)}
    sites = list(csv.DictReader(io.StringIO(str(result["netbox-prereq-1-sites.csv"]))))
    # One line, and a spreadsheet would not run it as a formula (csv_cell's guard).
    assert sites[0]["name"] == "'=cmd|' /C calc'!A0 reload"
    assert sites[0]["slug"] == "cmd-c-calc-a0-reload"
    assert all("\nreload" not in str(content) for content in result.values())


@pytest.mark.parametrize("stem", GOLDEN_EXAMPLES)
def test_golden(stem: str) -> None:
    check_golden("netbox", stem, netbox.render(context(stem), None))


def test_docs_import_order_is_the_code_order_with_netbox_menus() -> None:
    """docs/outputs.md's import-order table is the renderer's order, page names included."""
    docs = (Path(__file__).resolve().parents[2] / "docs" / "outputs.md").read_text()
    section = docs.split("### Import order", 1)[1].split("###", 1)[0]
    table = [
        [cell.strip().strip("`") for cell in line.strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| ") and line[2].isdigit()
    ]
    assert [row[1] for row in table] == netbox.canonical_order()
    for row, (_, kind) in zip(table, IMPORT_ORDER, strict=True):
        assert row[2].startswith(kind.menu), row
    for stem in ("e1", "e4", "e5", "e6", "kb2010877"):
        names = iter(netbox.canonical_order())
        assert all(name in names for name in netbox.import_order(context(stem)))


def test_existing_uplinks_and_inter_switch_link_rows() -> None:
    """Issue 7 on the NetBox side: existing uplinks apart, the inter-switch link exported."""
    ctx = with_existing_and_isl(context("e4"), {Role.MANAGEMENT}, isl=True)
    result = {
        a.filename: list(csv.DictReader(io.StringIO(str(a.content), newline="")))
        for a in netbox.render(ctx)
        if a.filename.endswith(".csv")
    }
    existing = result["netbox-existing-cables.csv"]
    assert [r["label"] for r in existing] == [f"C{n:02d}" for n in range(9, 17)]
    assert {r["status"] for r in existing} == {"connected"}
    assert "C09" not in {r["label"] for r in result["netbox-cables.csv"]}
    isl = next(r for r in result["netbox-cables.csv"] if r["label"] == "C99")
    assert (isl["side_a_device"], isl["side_b_device"], isl["status"]) == ("sw1", "sw2", "planned")
    assert isl["description"].startswith("Inter-switch link")
    ports = {(r["device"], r["name"]): r for r in result["netbox-switch-ports.csv"]}
    assert (
        ports[("sw2", "Ethernet2/1")]["mode"],
        ports[("sw2", "Ethernet2/1")]["tagged_vlans"],
    ) == (
        "tagged",
        "10,20",
    )
    assert len(result["netbox-existing-switch-ports.csv"]) == 8
    # Adding a link does not rename a VLAN.
    assert [r["name"] for r in result["netbox-vlans.csv"]] == ["vMotion (VLAN 20)"]


def test_port_channels_are_lags_before_their_members() -> None:
    ports = tables("e6")["netbox-switch-ports.csv"]
    names = [(r["device"], r["name"]) for r in ports]
    lag = ports[names.index(("stack1-a", "Port-channel1"))]
    assert (lag["type"], lag["mode"], lag["tagged_vlans"]) == ("lag", "tagged", "100")
    member = ports[names.index(("stack1-a", "TenGigabitEthernet1/0/2"))]
    assert member["lag"] == "Port-channel1"
    assert names.index(("stack1-a", "Port-channel1")) < names.index(
        ("stack1-a", "TenGigabitEthernet1/0/2")
    )


def test_free_text_stack_and_port_group_names_stay_one_line() -> None:
    stack = "core\nreload"
    # model_copy skips validation: the renderer stays safe whatever the document layer allows.
    base = context("e6").design
    design = base.model_copy(
        update={"switches": [s.model_copy(update={"stack": stack}) for s in base.switches]}
    )
    ctx = RenderContext(design=design, plan=plan(design))
    artifacts = netbox.render(ctx)
    for artifact in artifacts:
        assert "\nreload" not in str(artifact.content), artifact.filename
    result = {a.filename: a.content for a in artifacts}
    chassis = list(csv.DictReader(io.StringIO(str(result["netbox-prereq-5-virtual-chassis.csv"]))))
    assert [r["name"] for r in chassis] == ["core reload"]
    devices = list(csv.DictReader(io.StringIO(str(result["netbox-prereq-6-devices.csv"]))))
    assert {d["virtual_chassis"] for d in devices if d["role"] == "Switch"} == {"core reload"}
    for rows in tables("e4").values():
        assert all(len(r.get("description", "")) <= 200 for r in rows)
