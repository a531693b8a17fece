"""IP-storage and service vmks: port binding, pools, numbering, stacks, validation (issue 7.4)."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Network
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from app.planner.design import Design, Netstack
from app.planner.naming import NETSTACK_KEYS
from app.planner.plan import plan
from app.planner.result import Plan, Severity, plan_json_text
from tests.examples import example_dict
from tests.planner.rules_support import design, of_rule, rule_ids

# KB 2010877's example with the subnets pulled apart and a second storage vmnic (vmnic3).
APART: dict[str, Any] = {
    "vmotion.pool": "198.51.100.0/24",
    "switches.0.mtu": 9216,
    "hardware.1.ports.1.role": "ip_storage",
    "teaming.ip_storage": {"vlan": 31},
    "ip_storage.iscsi": {"pool": "203.0.113.0/28", "vlan": 30, "mtu": 9000},
}


def _plan(changes: dict[str, Any]) -> Plan:
    return plan(design("kb2010877", changes))


def _vmks(p: Plan, host: str) -> dict[str, tuple[str, str, str]]:
    return {v.name: (str(v.address), v.portgroup, v.purpose) for v in p.host(host).vmks}


def test_kb2010877_example_gives_r7_and_r8_as_the_kb_says() -> None:
    p = plan(design("kb2010877"))
    assert rule_ids(p.findings, Severity.ERROR) == {"R7", "R8"}
    assert [f.objects for f in of_rule(p.findings, "R8")] == [
        ["vmk:esx01/vmk0", "vmk:esx01/vmk1", "vmk:esx01/vmk2"],
        ["vmk:esx02/vmk0", "vmk:esx02/vmk1", "vmk:esx02/vmk2"],
    ]
    assert [f.objects for f in of_rule(p.findings, "R7")] == [
        ["vmk:esx01/vmk1", "vmk:esx01/vmk2"],
        ["vmk:esx02/vmk1", "vmk:esx02/vmk2"],
    ]
    # One /24 for all three: the gateway (.1) and the management vmks (.11, .12) are skipped,
    # vMotion takes the first free addresses and iSCSI the next ones, host by host.
    assert _vmks(p, "esx01") == {
        "vmk0": ("192.0.2.11/24", "Management Network", "management"),
        "vmk1": ("192.0.2.2/24", "vMotion-1", "vmotion"),
        "vmk2": ("192.0.2.4/24", "iSCSI-1", "iscsi"),
    }
    assert _vmks(p, "esx02")["vmk2"] == ("192.0.2.5/24", "iSCSI-1", "iscsi")
    assert [(str(s.network), s.purpose) for s in p.subnets] == [
        ("192.0.2.0/24", "vMotion (shared subnet)"),
        ("192.0.2.0/24", "iSCSI"),
    ]


def test_iscsi_port_binding_one_vmk_per_vmnic_one_active_rest_unused() -> None:
    p = _plan(APART)
    host = p.host("esx01")
    iscsi = [pg for pg in host.portgroups if pg.name.startswith("iSCSI-")]
    assert [(pg.name, pg.vlan, pg.active, pg.standby, pg.unused) for pg in iscsi] == [
        ("iSCSI-1", 30, ["vmnic2"], [], ["vmnic3"]),
        ("iSCSI-2", 30, ["vmnic3"], [], ["vmnic2"]),
    ]
    assert all(pg.load_balancing.value == "explicit" for pg in iscsi)
    assert _vmks(p, "esx01")["vmk2"] == ("203.0.113.1/28", "iSCSI-1", "iscsi")
    assert _vmks(p, "esx01")["vmk3"] == ("203.0.113.2/28", "iSCSI-2", "iscsi")
    assert _vmks(p, "esx02")["vmk2"] == ("203.0.113.3/28", "iSCSI-1", "iscsi")
    storage = next(v for v in host.vmks if v.name == "vmk2")
    assert (storage.mtu, storage.services, storage.netstack.value) == (9000, [], "default")
    # The storage vSwitch follows the vmk MTU (R10); the plain team port group gives way.
    assert {vs.name: vs.mtu for vs in host.vswitches}["vSwitch-Storage"] == 9000
    assert "IP-Storage" not in {pg.name for pg in host.portgroups}
    assert {row.vmnic: row.vmk for row in host.nics if row.vmk} == {
        "vmnic1": "vmk1",
        "vmnic2": "vmk2",
        "vmnic3": "vmk3",
    }
    assert rule_ids(p.findings, Severity.ERROR) == set()


def test_nfs_vmk_on_the_storage_team_with_the_team_vlan() -> None:
    p = _plan({**APART, "ip_storage.nfs": {"pool": "203.0.113.64/28"}})
    host = p.host("esx02")
    (nfs,) = [pg for pg in host.portgroups if pg.name == "NFS"]
    assert (nfs.vlan, nfs.active, nfs.standby) == (31, ["vmnic2"], ["vmnic3"])
    assert _vmks(p, "esx01")["vmk4"] == ("203.0.113.65/28", "NFS", "nfs")
    assert _vmks(p, "esx02")["vmk4"] == ("203.0.113.66/28", "NFS", "nfs")
    assert '"purpose":"nfs"' in plan_json_text(p)
    # The storage vmnics' switch ports carry the iSCSI VLAN 30 and the NFS (team) VLAN 31.
    ports = {(port.host, port.vmnic): port for sw in p.switches for port in sw.ports}
    assert (ports[("esx02", "vmnic3")].vlans, ports[("esx02", "vmnic3")].mode) == (
        [30, 31],
        "trunk",
    )
    assert (ports[("esx02", "vmnic0")].vlans, ports[("esx02", "vmnic0")].mode) == ([0], "access")


def test_pool_too_small_is_p1_and_the_vmks_left_out_are_named() -> None:
    p = _plan({**APART, "ip_storage.iscsi": {"pool": "203.0.113.0/30"}})
    (p1,) = of_rule(p.findings, "P1")
    assert p1.objects == ["design", "vmk:esx02/vmk2", "vmk:esx02/vmk3"]
    assert "iSCSI pool 203.0.113.0/30 is too small: 4 vmks need 4 addresses" in p1.message
    assert [v.name for v in p.host("esx02").vmks] == ["vmk0", "vmk1"]
    assert _vmks(p, "esx01")["vmk3"] == ("203.0.113.2/30", "iSCSI-2", "iscsi")


def test_provisioning_stack_vmk_with_its_gateway_and_a_replication_vmk() -> None:
    services = [
        {
            "portgroup": "Provisioning",
            "netstack": "provisioning",
            "uplinks": "management",
            "pool": "203.0.113.128/26",
            "gateway": "203.0.113.129",
            "vlan": 50,
        },
        {
            "portgroup": "Replication",
            "services": ["replication", "replication_nfc"],
            "uplinks": "management",
            "pool": "203.0.113.192/26",
        },
    ]
    p = _plan({**APART, "service_vmks": services})
    host = p.host("esx02")
    prov, repl = (v for v in host.vmks if v.name in ("vmk4", "vmk5"))
    assert (str(prov.address), prov.netstack.value, prov.services, prov.purpose) == (
        "203.0.113.131/26",  # .129 is the gateway, .130 went to esx01
        "provisioning",
        [],
        "provisioning",
    )
    assert prov.gateway == IPv4Address("203.0.113.129")
    assert host.netstack_gateways == {"provisioning": IPv4Address("203.0.113.129")}
    assert repl.services == ["vSphereReplication", "vSphereReplicationNFC"]
    assert (repl.purpose, repl.vswitch, repl.gateway) == ("replication", "vSwitch0", None)
    pgs = {pg.name: pg for pg in host.portgroups}
    assert (pgs["Provisioning"].vswitch, pgs["Provisioning"].vlan) == ("vSwitch0", 50)
    assert (pgs["Replication"].vlan, pgs["Replication"].active) == (0, ["vmnic0"])


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"ip_storage.iscsi": {"pool": "203.0.113.0/31"}}, "ip_storage.iscsi.pool", "/30"),
        (
            {
                "service_vmks": [
                    {"portgroup": "X", "uplinks": "management", "pool": "203.0.113.0/24"}
                ]
            },
            "",
            "services: a default-stack vmk needs at least one service",
        ),
        (
            {
                "service_vmks": [
                    {
                        "portgroup": "X",
                        "netstack": "provisioning",
                        "services": ["ft"],
                        "uplinks": "management",
                        "pool": "203.0.113.0/24",
                    }
                ]
            },
            "",
            "carries only provisioning",
        ),
        (
            {
                "service_vmks": [
                    {
                        "portgroup": "X",
                        "services": ["ft"],
                        "uplinks": "management",
                        "pool": "203.0.113.0/24",
                        "gateway": "203.0.113.1",
                    }
                ]
            },
            "",
            "gateway: the default stack's gateway is the management gateway",
        ),
        (
            {
                "service_vmks": [
                    {
                        "portgroup": "NFS",
                        "services": ["ft"],
                        "uplinks": "management",
                        "pool": "203.0.113.0/24",
                    }
                ]
            },
            "",
            "service_vmks.0.portgroup: 'NFS' is a port group name the planner uses",
        ),
        (
            {"vm_networks": [{"portgroup": "iSCSI-2"}]},
            "",
            "vm_networks.0.portgroup: 'iSCSI-2' is a port group name the planner uses",
        ),
        (
            {"vm_networks": [{"portgroup": "Web"}, {"portgroup": "web"}]},
            "",
            "vm_networks.1.portgroup: duplicate port group name 'web'",
        ),
        ({"vmotion.netstack": "provisioning"}, "vmotion.netstack", "provisioning stack"),
        (
            {"hardware.1.ports.0.role": "unused"},
            "",
            "ip_storage.iscsi: host esx01 has no ip_storage vmnic for this vmk",
        ),
        (
            {
                "hardware.1.ports.1.role": "unused",
                "service_vmks": [
                    {
                        "portgroup": "Replication",
                        "services": ["replication"],
                        "uplinks": "vm_traffic",
                        "pool": "203.0.113.0/24",
                    }
                ],
            },
            "",
            "service_vmks.0.uplinks: host esx01 has no vm_traffic vmnic for this vmk",
        ),
        (
            {
                "vmotion.netstack": "vmotion",
                "vmotion.gateway": "198.51.100.1",
                "service_vmks": [
                    {
                        "portgroup": "X",
                        "netstack": "vmotion",
                        "uplinks": "vmotion",
                        "pool": "203.0.113.0/24",
                        "gateway": "203.0.113.1",
                    }
                ],
            },
            "",
            "service_vmks.0.gateway: the vmotion stack already has gateway 198.51.100.1",
        ),
    ],
)
def test_bad_storage_and_service_documents_name_the_field(
    changes: dict[str, Any], field: str, text: str
) -> None:
    with pytest.raises(ValidationError) as info:
        design("kb2010877", changes)
    (error,) = info.value.errors()
    assert text in error["msg"]
    assert ".".join(str(part) for part in error["loc"]).startswith(field)


@st.composite
def storage_designs(draw: st.DrawFn) -> dict[str, Any]:
    """KB 2010877's example with random host counts, storage NICs and (overlapping) pools."""
    data = example_dict("kb2010877")
    hosts = draw(st.integers(1, 6))
    data["hosts"] = [
        {"name": f"esx{n:02}", "management": {"ip": f"192.0.2.{10 + n}/24", "gateway": "192.0.2.1"}}
        for n in range(1, hosts + 1)
    ]
    storage_ports = draw(st.integers(1, 3))
    data["hardware"][1]["ports"] = [
        {"vmnic": f"vmnic{2 + i}", "speed_gbps": 10, "role": "ip_storage"}
        for i in range(storage_ports)
    ]
    pools = st.sampled_from(["192.0.2.0/24", "192.0.2.0/28", "203.0.113.0/29", "203.0.113.0/27"])
    data["vmotion"]["pool"] = draw(pools)
    mtus = st.sampled_from([1500, 9000])
    data["ip_storage"] = {
        "iscsi": {"pool": draw(pools), "mtu": draw(mtus)},
        "nfs": {"pool": draw(pools), "mtu": draw(mtus)},
    }
    if draw(st.booleans()):
        data["service_vmks"] = [
            {"portgroup": "FT", "services": ["ft"], "uplinks": "management", "pool": draw(pools)}
        ]
    return data


@settings(max_examples=60, deadline=None)
@given(storage_designs())
def test_property_storage_addresses_unique_in_pool_never_reserved(data: dict[str, Any]) -> None:
    d = Design.model_validate(data)
    p = plan(d)
    reserved = {h.management.ip.ip for h in d.hosts} | {IPv4Address("192.0.2.1")}
    extra = [v for h in p.hosts for v in h.vmks if v.purpose in ("iscsi", "nfs", "ft")]
    addresses = [v.address.ip for h in p.hosts for v in h.vmks]
    assert len(addresses) == len(set(addresses))
    assert not {v.address.ip for v in extra} & reserved
    pool_of = {"iscsi": d.ip_storage.iscsi, "nfs": d.ip_storage.nfs}
    for vmk in extra:
        network = pool_of[vmk.purpose].pool if vmk.purpose in pool_of else d.service_vmks[0].pool
        assert vmk.address.network == IPv4Network(network)
    wanted = len(d.hosts) * (len(d.hardware[1].ports) + 1 + len(d.service_vmks))
    assert len(extra) == wanted or of_rule(p.findings, "P1")
    for host in p.hosts:
        portgroups = {(pg.name, pg.vswitch) for pg in host.portgroups}
        mtu = {vs.name: vs.mtu for vs in host.vswitches}
        for vmk in host.vmks:
            assert (vmk.portgroup, vmk.vswitch) in portgroups
            assert mtu[vmk.vswitch] >= vmk.mtu  # R10 never fires for the planner's own layout
        iscsi = [pg for pg in host.portgroups if pg.name.startswith("iSCSI-")]
        assert all(len(pg.active) == 1 and not pg.standby for pg in iscsi)
        assert sorted(pg.active[0] for pg in iscsi) == sorted(
            {row.vmnic for row in host.nics if row.role.value == "ip_storage"}
        )
    assert plan(d) == p


def test_a_service_vmk_on_the_vmotion_vmnics_is_no_vmotion_lane() -> None:
    ft = {"portgroup": "FT", "services": ["ft"], "uplinks": "vmotion", "pool": "203.0.113.0/24"}
    p = plan(design("e4", {"service_vmks": [ft]}))
    assert {t.source_vmk for t in p.tests} == {"vmk1", "vmk2"}
    assert p.summary.lanes == 2
    assert p.estimate is not None and p.estimate.lanes_per_host == 2
    vmk3 = next(v for v in p.host("esx01").vmks if v.name == "vmk3")
    assert (vmk3.portgroup, vmk3.vswitch, vmk3.lane, vmk3.purpose) == (
        "FT",
        "vSwitch-vMotion",
        None,
        "ft",
    )
    assert rule_ids(p.findings, Severity.ERROR) == set()


def test_every_netstack_has_its_esxi_key() -> None:
    # esxcli --netstack and vmkping -S need the instance key, not the document's name.
    assert {stack: NETSTACK_KEYS[stack] for stack in Netstack} == {
        Netstack.DEFAULT: "defaultTcpipStack",
        Netstack.VMOTION: "vmotion",
        Netstack.PROVISIONING: "vSphereProvisioning",
    }


def test_e8_iscsi_port_binding_one_path_per_card_and_switch() -> None:
    p = plan(design("e8"))
    assert rule_ids(p.findings, Severity.ERROR) == set()
    assert rule_ids(p.findings, Severity.WARNING) == set()
    for host, first in (("esx01", 1), ("esx02", 3)):
        pgs = {pg.name: pg for pg in p.host(host).portgroups}
        iscsi = [pgs["iSCSI-1"], pgs["iSCSI-2"]]
        assert [(pg.vlan, pg.active, pg.standby, pg.unused) for pg in iscsi] == [
            (40, ["vmnic2"], [], ["vmnic6"]),
            (40, ["vmnic6"], [], ["vmnic2"]),
        ]
        assert _vmks(p, host)["vmk3"] == (f"203.0.113.{first}/28", "iSCSI-1", "iscsi")
        assert _vmks(p, host)["vmk4"] == (f"203.0.113.{first + 1}/28", "iSCSI-2", "iscsi")
        assert {vs.name: vs.mtu for vs in p.host(host).vswitches}["vSwitch-Storage"] == 9000
    # Each iSCSI path leaves on its own card to its own switch, which carries VLAN 40 at 9216.
    ports = {(port.host, port.vmnic): (sw.name, port) for sw in p.switches for port in sw.ports}
    paths = [ports[("esx01", vmnic)] for vmnic in ("vmnic2", "vmnic6")]
    assert [(switch, port.vlans, port.mtu) for switch, port in paths] == [
        ("tor1", [40], 9216),
        ("tor2", [40], 9216),
    ]
    assert [link.vlans for link in p.interconnects] == [[10, 30, 40]]
