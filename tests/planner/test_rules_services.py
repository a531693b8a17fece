"""R1, R7, R26, R27, R29 and R33 reached from design documents (storage and service vmks).

Each rule has a document that breaks it and a neighbouring one that does not; the plans are
the real plans of changed examples, not edited plans.
"""

from __future__ import annotations

from typing import Any

from app.planner.plan import plan
from app.planner.result import Severity
from tests.planner.rules_support import design, findings, of_rule, rule_ids

PROVISIONING_ON_VMOTION_NICS: dict[str, Any] = {
    "portgroup": "Provisioning",
    "netstack": "provisioning",
    "uplinks": "vmotion",
    "pool": "203.0.113.0/24",
}


def _ft(portgroup: str, pool: str) -> dict[str, Any]:
    return {"portgroup": portgroup, "services": ["ft"], "uplinks": "management", "pool": pool}


def test_r1_service_vmk_teamed_over_direct_vmotion_cables() -> None:
    found = findings(
        "e1",
        {"vmotion.vswitch_strategy": "shared", "service_vmks": [PROVISIONING_ON_VMOTION_NICS]},
    )
    r1 = of_rule(found, "R1")
    assert [f.objects for f in r1] == [
        ["portgroup:esx01/Provisioning"],
        ["portgroup:esx02/Provisioning"],
    ]
    assert "4 active uplinks (vmnic1, vmnic2, vmnic5 and vmnic6)" in r1[0].message
    assert r1[0].severity is Severity.ERROR


def test_r1_clean_when_the_service_vmk_gets_its_own_lane_vswitch() -> None:
    # One vSwitch per lane (the direct default): the port group has the lane's one uplink.
    found = findings("e1", {"service_vmks": [PROVISIONING_ON_VMOTION_NICS]})
    assert "R1" not in rule_ids(found)
    assert rule_ids(found, Severity.ERROR) == set()


def test_r7_kb2010877_example_vmotion_and_iscsi_in_one_subnet() -> None:
    r7 = of_rule(findings("kb2010877"), "R7")
    assert [f.objects for f in r7] == [
        ["vmk:esx01/vmk1", "vmk:esx01/vmk2"],
        ["vmk:esx02/vmk1", "vmk:esx02/vmk2"],
    ]


def test_r7_iscsi_and_nfs_in_one_pool_but_not_iscsi_alone() -> None:
    two_paths = {
        "vmotion.pool": "198.51.100.0/24",
        "hardware.1.ports.1.role": "ip_storage",
        "ip_storage.iscsi.pool": "203.0.113.0/24",
    }
    # Two bound iSCSI vmks in one subnet: the port-binding exception, no R7.
    assert rule_ids(findings("kb2010877", two_paths), Severity.ERROR) == set()
    with_nfs = {**two_paths, "ip_storage.nfs": {"pool": "203.0.113.0/24"}}
    r7 = of_rule(findings("kb2010877", with_nfs), "R7")
    assert r7[0].objects == ["vmk:esx01/vmk2", "vmk:esx01/vmk3", "vmk:esx01/vmk4"]
    assert "iscsi, iscsi and nfs" in r7[0].message


def test_r26_ft_logging_on_the_vmotion_stack() -> None:
    svc = {**_ft("FT-Logging", "203.0.113.0/24"), "netstack": "vmotion", "uplinks": "vmotion"}
    r26 = of_rule(findings("e7", {"service_vmks": [svc]}), "R26")
    assert [f.objects for f in r26] == [
        ["vmk:esx01/vmk3"],
        ["vmk:esx02/vmk3"],
        ["vmk:esx03/vmk3"],
    ]
    assert "faultToleranceLogging" in r26[0].message


def test_r26_clean_for_a_vmotion_only_vmk_on_the_vmotion_stack() -> None:
    svc = {**PROVISIONING_ON_VMOTION_NICS, "netstack": "vmotion", "services": ["vmotion"]}
    found = findings("e7", {"service_vmks": [svc]})
    assert rule_ids(found) & {"R26", "R27"} == set()


def test_r27_vmotion_on_both_stacks() -> None:
    svc = {**PROVISIONING_ON_VMOTION_NICS, "portgroup": "vMotion-L3", "netstack": "vmotion"}
    r27 = of_rule(findings("e4", {"service_vmks": [svc]}), "R27")
    assert len(r27) == 4
    assert r27[0].severity is Severity.WARNING
    assert r27[0].objects == ["vmk:esx01/vmk1", "vmk:esx01/vmk2", "vmk:esx01/vmk3"]


def test_r27_clean_when_every_vmotion_vmk_is_on_the_vmotion_stack() -> None:
    svc = {**PROVISIONING_ON_VMOTION_NICS, "portgroup": "vMotion-L3", "netstack": "vmotion"}
    assert "R27" not in rule_ids(findings("e7", {"service_vmks": [svc]}))


def test_r29_two_ft_vmks_per_host() -> None:
    two = [_ft("FT-A", "203.0.113.0/26"), _ft("FT-B", "203.0.113.64/26")]
    r29 = of_rule(findings("e4", {"service_vmks": two}), "R29")
    assert r29[0].objects == ["vmk:esx01/vmk3", "vmk:esx01/vmk4"]
    assert len(r29) == 4


def test_r29_clean_with_one_ft_vmk() -> None:
    found = findings("e4", {"service_vmks": [_ft("FT-Logging", "203.0.113.0/26")]})
    assert "R29" not in rule_ids(found)
    assert rule_ids(found, Severity.ERROR) == set()


def test_r33_vm_network_on_hosts_without_vm_traffic_nics() -> None:
    (r33,) = of_rule(findings("e4", {"vm_networks": [{"portgroup": "Web", "vlan": 100}]}), "R33")
    assert r33.objects == [f"portgroup:esx0{n}/Web" for n in range(1, 5)]


def test_r33_clean_when_the_vm_vswitch_has_uplinks() -> None:
    found = findings("e6", {"vm_networks": [{"portgroup": "Web", "vlan": 100}]})
    assert rule_ids(found) & {"R32", "R33"} == set()


def test_r4_a_vmotion_tagged_service_vmk_outside_the_vmotion_subnet() -> None:
    svc = {"portgroup": "vMotion-Mgmt", "services": ["vmotion"], "uplinks": "management"}
    (r4,) = of_rule(findings("e4", {"service_vmks": [{**svc, "pool": "203.0.113.0/24"}]}), "R4")
    assert "vmk:esx01/vmk3" in r4.objects and "2 subnets" in r4.message
    # In the vMotion subnet it is one more multi-NIC vMotion vmk: neither R4 nor R7.
    found = findings("e4", {"service_vmks": [{**svc, "pool": "198.51.100.0/24"}]})
    assert rule_ids(found) & {"R4", "R7"} == set()


def test_r26_vmotion_lanes_on_the_vmotion_stack_asked_to_carry_provisioning() -> None:
    r26 = of_rule(findings("e7", {"vmotion.services": ["provisioning"]}), "R26")
    assert [f.objects for f in r26][:2] == [["vmk:esx01/vmk1"], ["vmk:esx01/vmk2"]]
    assert "vSphereProvisioning" in r26[0].message


def test_r26_clean_when_default_stack_lanes_also_carry_provisioning() -> None:
    p = plan(design("e4", {"vmotion.services": ["provisioning"]}))
    assert "R26" not in rule_ids(p.findings)
    assert rule_ids(p.findings, Severity.ERROR) == set()
    vmk1 = next(v for v in p.host("esx01").vmks if v.name == "vmk1")
    assert vmk1.services == ["VMotion", "vSphereProvisioning"]
