"""Rules on vMotion lanes: failover (R1-R3), subnets (R4-R9), stacks (R26, R27), direct layout
(R30, R31, R37). Each rule has a design that breaks it and one that does not."""

from __future__ import annotations

from dataclasses import replace
from ipaddress import IPv4Interface, IPv4Network

from app.planner.design import Netstack
from app.planner.plan import plan
from app.planner.result import Severity
from app.planner.rules import check
from tests.planner.rules_support import (
    design,
    edit_host,
    edit_portgroup,
    edit_vmk,
    findings,
    of_rule,
    rule_ids,
)


def test_e1_has_no_errors_or_warnings() -> None:
    found = findings("e1")
    assert rule_ids(found) == {"P13", "R17", "R38", "R39"}  # P13: the proposed switch link
    assert all(f.severity is Severity.INFO for f in found)


def test_r1_direct_portgroup_with_two_active_uplinks() -> None:
    d = design("e1", {"vmotion.vswitch_strategy": "shared"})
    p = edit_portgroup(plan(d), "esx01", "vMotion-1", active=["vmnic1", "vmnic2"], unused=[])
    (r1,) = of_rule(check(d, p), "R1")
    assert r1.severity is Severity.ERROR
    assert r1.objects == ["portgroup:esx01/vMotion-1"]
    assert "2 active uplinks (vmnic1 and vmnic2)" in r1.message
    assert "R1" not in rule_ids(findings("e1", {"vmotion.vswitch_strategy": "shared"}))


def test_r2_direct_shared_vswitch_with_standby() -> None:
    found = findings("e1", {"vmotion.vswitch_strategy": "shared", "vmotion.failover": "standby"})
    r2 = of_rule(found, "R2")
    assert len(r2) == 8  # 4 port groups on each of 2 hosts
    assert r2[0].objects == ["portgroup:esx01/vMotion-1"]
    assert "vmnic2, vmnic5 and vmnic6 as standby" in r2[0].message
    # The default for a direct shared vSwitch is unused: no R2.
    assert "R2" not in rule_ids(findings("e1", {"vmotion.vswitch_strategy": "shared"}))


def test_r3_switched_unused_instead_of_standby() -> None:
    found = findings("e4", {"vmotion.failover": "unused"})
    r3 = of_rule(found, "R3")
    assert {f.severity for f in r3} == {Severity.WARNING}
    assert len(r3) == 8
    assert "portgroup:esx01/vMotion-1" in r3[0].objects
    assert "vmnic3 to Unused" in r3[0].message
    assert "R3" not in rule_ids(findings("e4"))


def test_r4_switched_per_lane_subnets_without_gateway() -> None:
    found = findings("e4", {"vmotion.addressing": "per_lane_subnet"})
    (r4,) = of_rule(found, "R4")
    assert r4.severity is Severity.ERROR
    assert "2 subnets" in r4.message
    assert "vmk:esx04/vmk2" in r4.objects
    # Routed vMotion: the vMotion stack with a gateway (E7) may use a subnet per lane.
    assert "R4" not in rule_ids(findings("e7", {"vmotion.addressing": "per_lane_subnet"}))
    assert "R4" not in rule_ids(findings("e4"))


def test_r5_e2_shared_subnet_on_direct_cables() -> None:
    found = findings("e2")
    (r5,) = of_rule(found, "R5")
    assert r5.severity is Severity.ERROR
    assert r5.objects[:4] == ["cable:C01", "cable:C02", "cable:C03", "cable:C04"]
    assert "198.51.100.0/24" in r5.message and "stuck at 9%" in r5.message
    # R5 says it precisely; the generic multihoming rule R7 is not repeated.
    assert "R7" not in rule_ids(found)
    assert "R5" not in rule_ids(findings("e1"))


def test_r6_cable_ends_in_different_subnets() -> None:
    d = design("e1")
    p = edit_vmk(plan(d), "esx02", "vmk1", address=IPv4Interface("198.51.100.201/30"))
    (r6,) = of_rule(check(d, p), "R6")
    assert r6.objects == ["cable:C01", "vmk:esx01/vmk1", "vmk:esx02/vmk1"]
    assert "different subnets" in r6.message and "198.51.100.201/30" in r6.message
    assert "R6" not in rule_ids(check(d, plan(d)))


def test_r6_overlapping_cable_subnets() -> None:
    d = design("e1")
    p = plan(d)
    cables = [
        replace(c, subnet=IPv4Network("198.51.100.0/29")) if c.id == "C02" else c for c in p.cables
    ]
    found = of_rule(check(d, replace(p, cables=cables)), "R6")
    overlap = [f for f in found if "overlapping" in f.message]
    # C02's /29 (198.51.100.0-7) covers C01's /30 (.0-3) but not C03's (.8-11).
    assert [f.objects for f in overlap] == [["cable:C01", "cable:C02"]]


def test_r7_storage_vmk_in_the_vmotion_subnet() -> None:
    # KB 2010877's example with management moved out: vMotion and iSCSI still share a subnet.
    moved = {"vmotion.pool": "198.51.100.0/24", "ip_storage.iscsi.pool": "198.51.100.0/24"}
    found = findings("kb2010877", moved)
    assert [f.objects for f in of_rule(found, "R7")] == [
        ["vmk:esx01/vmk1", "vmk:esx01/vmk2"],
        ["vmk:esx02/vmk1", "vmk:esx02/vmk2"],
    ]
    assert "vmotion and iscsi" in of_rule(found, "R7")[0].message
    assert "R8" not in rule_ids(found)
    # Switched multi-NIC vMotion vmks sharing a subnet are the documented exception.
    assert "R7" not in rule_ids(findings("e4"))


def test_r8_management_subnet_without_override() -> None:
    found = findings("e5", {"vmotion.allow_management_subnet": False})
    r8 = of_rule(found, "R8")
    assert [f.objects for f in r8] == [
        ["vmk:esx01/vmk0", "vmk:esx01/vmk1", "vmk:esx01/vmk2"],
        ["vmk:esx02/vmk0", "vmk:esx02/vmk1", "vmk:esx02/vmk2"],
    ]
    assert "192.0.2.0/24" in r8[0].message
    assert "R9" not in rule_ids(found)


def test_r9_override_is_a_warning_with_bind_to_vmknic() -> None:
    found = findings("e5")
    r9 = of_rule(found, "R9")
    assert {f.severity for f in r9} == {Severity.WARNING}
    assert "Migrate.BindToVmknic=1" in r9[0].message
    assert "R8" not in rule_ids(found)
    # A vMotion subnet of its own needs neither.
    assert not {"R8", "R9"} & rule_ids(findings("e5", {"vmotion.pool": "198.51.100.0/24"}))


def test_r9_without_bind_to_vmknic_is_an_error() -> None:
    d = design("e5")
    p = edit_host(plan(d), "esx02", advanced={})
    r9 = of_rule(check(d, p), "R9")
    # Errors sort first.
    assert [(f.objects[0], f.severity) for f in r9] == [
        ("vmk:esx02/vmk0", Severity.ERROR),
        ("vmk:esx01/vmk0", Severity.WARNING),
    ]
    assert "does not set Migrate.BindToVmknic=1" in r9[0].message


def test_r26_vmotion_stack_vmk_with_another_service() -> None:
    d = design("e7")
    p = edit_vmk(plan(d), "esx02", "vmk1", services=["VMotion", "Management"])
    (r26,) = of_rule(check(d, p), "R26")
    assert r26.objects == ["vmk:esx02/vmk1"]
    assert "Management" in r26.message
    assert "R26" not in rule_ids(findings("e7"))


def test_r27_vmotion_on_both_stacks() -> None:
    d = design("e7")
    p = edit_vmk(plan(d), "esx03", "vmk2", netstack=Netstack.DEFAULT, services=["VMotion"])
    (r27,) = of_rule(check(d, p), "R27")
    assert r27.severity is Severity.WARNING
    assert r27.objects == ["vmk:esx03/vmk2", "vmk:esx03/vmk1"]
    assert "R27" not in rule_ids(findings("e7"))


def test_r30_several_direct_vmks_on_one_vswitch() -> None:
    found = findings("e1", {"vmotion.vswitch_strategy": "shared"})
    r30 = of_rule(found, "R30")
    assert [f.objects[0] for f in r30] == ["vmk:esx01/vmk1", "vmk:esx02/vmk1"]
    assert "vSwitch-vMotion" in r30[0].message
    assert "R30" not in rule_ids(findings("e1"))
    # Switched designs share one vSwitch on purpose.
    assert "R30" not in rule_ids(findings("e4"))


def test_r31_e3_three_host_mesh() -> None:
    (r31,) = of_rule(findings("e3"), "R31")
    assert r31.severity is Severity.WARNING
    assert r31.objects == ["host:esx01", "host:esx02", "host:esx03"]
    assert "6 vMotion cables" in r31.message
    assert "R31" not in rule_ids(findings("e1"))


def test_r37_slash_31_links() -> None:
    (r37,) = of_rule(findings("e1", {"vmotion.addressing": "per_link_31"}), "R37")
    assert r37.severity is Severity.WARNING
    assert r37.objects == ["design", "cable:C01", "cable:C02", "cable:C03", "cable:C04"]
    assert "R37" not in rule_ids(findings("e1"))


def test_r8_vmotion_vmk_in_another_hosts_management_subnet() -> None:
    found = findings("e4", {"hosts.3.management": {"ip": "198.51.100.250/24", "vlan": 10}})
    r8 = {f.objects[0]: f for f in of_rule(found, "R8")}
    # esx04's own management subnet: the KB 2010877 case, with vmk0 named.
    assert r8["vmk:esx04/vmk0"].objects == ["vmk:esx04/vmk0", "vmk:esx04/vmk1", "vmk:esx04/vmk2"]
    # The other hosts would reach esx04's management address through their vMotion vmks.
    other = r8["vmk:esx01/vmk1"]
    assert other.objects == ["vmk:esx01/vmk1", "vmk:esx01/vmk2"]
    assert "management subnet of other hosts" in other.message
    assert len(r8) == 4
