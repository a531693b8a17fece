"""The reference scenarios E1-E7 of docs/domain.md §0.1, with their expected outcomes literally."""

from __future__ import annotations

from ipaddress import IPv4Interface, IPv4Network

from app.planner.design import Design, Role
from app.planner.plan import plan
from app.planner.result import CableKind, Plan, Severity
from tests.examples import example


def rules(p: Plan, severity: Severity | None = None) -> set[str]:
    return {f.rule for f in p.findings if severity is None or f.severity is severity}


def vmotion_vmks(p: Plan, host: str) -> dict[str, str]:
    return {v.name: str(v.address) for v in p.host(host).vmks if v.role is Role.VMOTION}


def test_e1_management_and_vm_traffic_to_two_switches_vmotion_back_to_back() -> None:
    """Issue 7: every vmnic with a role has a far end; each team has one vmnic per switch."""
    p = plan(example("e1"))
    uplinks = [(c.id, c.a.text, c.b.text) for c in p.cables if c.kind is CableKind.UPLINK]
    assert uplinks == [
        ("C05", "esx01 vmnic0", "sw1 GigabitEthernet1/0/1"),
        ("C06", "esx01 vmnic3", "sw1 GigabitEthernet1/0/2"),
        ("C07", "esx01 vmnic4", "sw2 GigabitEthernet1/0/1"),
        ("C08", "esx01 vmnic7", "sw2 GigabitEthernet1/0/2"),
        ("C09", "esx02 vmnic0", "sw1 GigabitEthernet1/0/3"),
        ("C10", "esx02 vmnic3", "sw1 GigabitEthernet1/0/4"),
        ("C11", "esx02 vmnic4", "sw2 GigabitEthernet1/0/3"),
        ("C12", "esx02 vmnic7", "sw2 GigabitEthernet1/0/4"),
    ]
    # The two switches share the untagged VLAN: the planner proposes a port-channel (P13).
    (link,) = p.interconnects
    assert (link.a, link.b, link.cables, link.vlans, link.mtu) == (
        "sw1",
        "sw2",
        ["C13", "C14"],
        [0],
        1500,
    )
    assert (link.proposed, link.channel_group) == (True, 1)
    assert [(c.a.text, c.b.text) for c in p.cables[12:]] == [
        ("sw1 GigabitEthernet1/0/47", "sw2 GigabitEthernet1/0/47"),
        ("sw1 GigabitEthernet1/0/48", "sw2 GigabitEthernet1/0/48"),
    ]
    assert rules(p) == {"P13", "R17", "R38", "R39"}
    assert all(row.peer for h in p.hosts for row in h.nics)


def test_e1_four_cables_four_slash30_no_errors() -> None:
    p = plan(example("e1"))
    direct = [c for c in p.cables if c.kind is CableKind.DIRECT]
    assert [c.id for c in direct] == ["C01", "C02", "C03", "C04"]
    assert [(c.a.port, c.b.port) for c in direct] == [
        ("vmnic1", "vmnic1"),
        ("vmnic2", "vmnic2"),
        ("vmnic5", "vmnic5"),
        ("vmnic6", "vmnic6"),
    ]
    assert [c.subnet for c in direct] == [
        IPv4Network("198.51.100.0/30"),
        IPv4Network("198.51.100.4/30"),
        IPv4Network("198.51.100.8/30"),
        IPv4Network("198.51.100.12/30"),
    ]
    # .1 on the first host, .2 on the second (docs/domain.md §0.1 E1).
    assert vmotion_vmks(p, "esx01") == {
        "vmk1": "198.51.100.1/30",
        "vmk2": "198.51.100.5/30",
        "vmk3": "198.51.100.9/30",
        "vmk4": "198.51.100.13/30",
    }
    assert vmotion_vmks(p, "esx02")["vmk1"] == "198.51.100.2/30"
    assert rules(p, Severity.ERROR) == set()
    assert p.cables[0].label == "C01 esx01 vmnic1 / esx02 vmnic1"


def test_e1_one_vswitch_per_lane_at_mtu_9000_one_active_uplink() -> None:
    p = plan(example("e1"))
    for host in p.hosts:
        vmotion = [v for v in host.vswitches if v.name.startswith("vSwitch-vMotion")]
        assert [(v.mtu, len(v.uplinks)) for v in vmotion] == [(9000, 1)] * 4
        pgs = [pg for pg in host.portgroups if pg.role is Role.VMOTION]
        assert all(len(pg.active) == 1 and not pg.standby for pg in pgs)  # R1, R2
        assert [v.mtu for v in host.vmks if v.role is Role.VMOTION] == [9000] * 4


def test_e1_eight_vmkping_checks_with_jumbo_payload() -> None:
    p = plan(example("e1"))
    assert len(p.tests) == 8
    assert p.tests[0].command == "vmkping -I vmk1 -d -s 8972 198.51.100.2"
    # Grouped by source host: esx01's four checks, then esx02's (i7 test plan).
    assert p.tests[4].command == "vmkping -I vmk1 -d -s 8972 198.51.100.1"
    assert {(t.source_host, t.target_host) for t in p.tests} == {
        ("esx01", "esx02"),
        ("esx02", "esx01"),
    }


def test_e1_estimate_is_labelled_and_uses_four_gigabit_lanes() -> None:
    estimate = plan(example("e1")).estimate
    assert estimate is not None
    assert estimate.label == "Estimate"
    assert (estimate.lanes_per_host, estimate.lane_speed_gbps) == (4, 1)
    assert estimate.effective_bandwidth_gbps == 3.6
    assert estimate.concurrency_limit == 4  # R17: 1GbE
    # 16 GB × 8 × 1.1 / 3.6 Gb/s
    assert estimate.seconds_single == 39.1
    single_vmk = estimate.comparisons[1]
    assert single_vmk.single_migration_gbps == 0.9


def test_e2_shared_subnet_back_to_back_is_error_r5() -> None:
    p = plan(example("e2"))
    assert "R5" in rules(p, Severity.ERROR)
    r5 = next(f for f in p.findings if f.rule == "R5")
    assert "9%" in r5.message or "9%" in r5.remedy or "stuck" in (r5.message + r5.remedy)
    assert (
        len([c for c in p.cables if c.kind is CableKind.DIRECT]) == 4
    )  # the plan is still returned in full


def test_e3_mesh_six_cables_six_slash30_warning_r31() -> None:
    p = plan(example("e3"))
    direct = [c for c in p.cables if c.kind is CableKind.DIRECT]
    assert len(direct) == 6
    assert len({c.subnet for c in direct}) == 6
    pairs = [(c.a.device, c.b.device) for c in direct]
    assert pairs == [("esx01", "esx02")] * 2 + [("esx01", "esx03")] * 2 + [("esx02", "esx03")] * 2
    for host in p.hosts:
        assert len([v for v in host.vmks if v.role is Role.VMOTION]) == 4
    assert "R31" in rules(p, Severity.WARNING)
    # Same vmnic on both ends wherever possible: a triangle can match two pairs of three.
    assert [(c.a.port, c.b.port) for c in direct[:4]] == [
        ("vmnic2", "vmnic2"),
        ("vmnic3", "vmnic3"),
        ("vmnic4", "vmnic4"),
        ("vmnic5", "vmnic5"),
    ]


def test_e4_switched_mirror_failover_and_cards_to_switches() -> None:
    p = plan(example("e4"))
    for host in p.hosts:
        pgs = {pg.name: pg for pg in host.portgroups if pg.role is Role.VMOTION}
        assert (pgs["vMotion-1"].active, pgs["vMotion-1"].standby) == (["vmnic1"], ["vmnic3"])
        assert (pgs["vMotion-2"].active, pgs["vMotion-2"].standby) == (["vmnic3"], ["vmnic1"])
        assert pgs["vMotion-1"].vlan == pgs["vMotion-2"].vlan == 20
    subnets = {IPv4Interface(v.address).network for h in p.hosts for v in h.vmks if v.lane}
    assert subnets == {IPv4Network("198.51.100.0/24")}
    # Card A (PCIe 1: vmnic0, vmnic1) to sw1, card B (PCIe 2: vmnic2, vmnic3) to sw2.
    for cable in p.cables:
        expected = "sw1" if cable.a.card == "PCIe 1" else "sw2"
        assert cable.b.device == expected
    assert "R3" not in rules(p) and "R25" not in rules(p) and "R12" not in rules(p)
    assert rules(p, Severity.ERROR) == set()


def test_e5_management_subnet_error_r8_without_override() -> None:
    data = example("e5").model_dump(mode="json")
    data["vmotion"]["allow_management_subnet"] = False
    p = plan(example("e5", vmotion=data["vmotion"]))
    assert "R8" in rules(p, Severity.ERROR)
    assert all(not h.advanced for h in p.hosts)


def test_e5_override_gives_warning_r9_and_bind_to_vmknic() -> None:
    p = plan(example("e5"))
    assert "R9" in rules(p, Severity.WARNING)
    assert "R8" not in rules(p)
    assert all(h.advanced == {"Migrate.BindToVmknic": 1} for h in p.hosts)
    # vMotion addresses never reuse management addresses or the gateway.
    addresses = [str(v.address.ip) for h in p.hosts for v in h.vmks]
    assert len(addresses) == len(set(addresses))
    assert "192.0.2.1" not in addresses


def test_e6_ip_hash_team_gets_one_static_etherchannel_per_host() -> None:
    p = plan(example("e6"))
    assert [
        (e.host, e.switch_group, e.channel_group, e.mode, e.vmnics) for e in p.etherchannels
    ] == [
        ("esx01", "stack1", 1, "on", ["vmnic1", "vmnic5"]),
        ("esx02", "stack1", 2, "on", ["vmnic1", "vmnic5"]),
    ]
    assert p.etherchannels[0].members == [
        "stack1-a TenGigabitEthernet1/0/2",
        "stack1-b TenGigabitEthernet2/0/2",
    ]
    vm = next(pg for pg in p.host("esx01").portgroups if pg.role is Role.VM_TRAFFIC)
    assert vm.load_balancing.value == "iphash" and vm.standby == [] and vm.unused == []
    assert not {"R20", "R21", "R22"} & rules(p)


def test_e7_vmotion_stack_no_tags_and_vmkping_dash_s() -> None:
    p = plan(example("e7"))
    for host in p.hosts:
        for vmk in host.vmks:
            if vmk.role is Role.VMOTION:
                assert vmk.netstack.value == "vmotion"
                assert vmk.services == []
        assert host.netstack_gateways == {"vmotion": IPv4Interface("203.0.113.1/32").ip}
    assert all(t.command.startswith("vmkping -S vmotion -I vmk") for t in p.tests)
    assert "R26" not in rules(p)


def test_management_vlan_per_host_overrides_the_team_default() -> None:
    data = example("e4").model_dump(mode="json")
    data["teaming"]["management"]["vlan"] = 10
    data["hosts"][2]["management"]["vlan"] = 0  # esx03 follows the team default
    data["hosts"][3]["management"]["vlan"] = 11  # esx04 is an exception
    p = plan(Design.model_validate(data))
    vlans = {
        h.name: next(pg.vlan for pg in h.portgroups if pg.role is Role.MANAGEMENT) for h in p.hosts
    }
    assert vlans == {"esx01": 10, "esx02": 10, "esx03": 10, "esx04": 11}
    ports = {(port.host, port.vmnic): port.vlan for sw in p.switches for port in sw.ports}
    assert ports[("esx04", "vmnic0")] == 11 and ports[("esx03", "vmnic0")] == 10
