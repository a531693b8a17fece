"""Teaming and switch-side rules R20-R25, R32, R33 (E6 and its variants)."""

from __future__ import annotations

from dataclasses import replace

from app.planner.design import LoadBalancing, Role
from app.planner.plan import plan
from app.planner.rules import check
from tests.planner.rules_support import (
    design,
    edit_host,
    edit_portgroup,
    findings,
    of_rule,
    rule_ids,
)

TEAM = "teaming.vm_traffic"
VM_PGS = ["portgroup:esx01/VM Network", "portgroup:esx02/VM Network"]


def test_e6_static_etherchannel_on_a_stack_is_clean() -> None:
    assert not {"R20", "R21", "R22", "R23", "R24", "R25"} & rule_ids(findings("e6"))


def test_r20_ip_hash_without_etherchannel() -> None:
    (r20,) = of_rule(findings("e6", {f"{TEAM}.etherchannel": "none"}), "R20")
    assert r20.objects == VM_PGS
    assert "VM Network on esx01 and esx02 uses Route based on IP hash" in r20.message


def test_r20_etherchannel_without_ip_hash() -> None:
    (r20,) = of_rule(findings("e6", {f"{TEAM}.load_balancing": "portid"}), "R20")
    # The editor's words for the policy, not the raw value "portid" (issue 9 §5).
    assert (
        'static EtherChannel but its load balancing is "Route based on originating virtual port"'
        in r20.message
    )
    assert 'Set Load balancing to "Route based on IP hash"' in r20.remedy


def test_r20_etherchannel_members_differ_from_the_team() -> None:
    d = design("e6")
    p = plan(d)
    channels = [
        replace(ch, vmnics=ch.vmnics[:1]) if ch.host == "esx02" else ch for ch in p.etherchannels
    ]
    (r20,) = of_rule(check(d, replace(p, etherchannels=channels)), "R20")
    assert r20.objects == ["portgroup:esx02/VM Network"]
    assert "2 uplinks (vmnic1 and vmnic5)" in r20.message and "bundles 1 (vmnic1)" in r20.message


def test_r21_ip_hash_with_standby_adapter() -> None:
    (r21,) = of_rule(findings("e6", {f"{TEAM}.mode": "active_standby"}), "R21")
    assert r21.objects == VM_PGS
    assert "standby uplinks (vmnic5)" in r21.message


def test_r21_ip_hash_with_beacon_probing() -> None:
    (r21,) = of_rule(findings("e6", {f"{TEAM}.failure_detection": "beacon"}), "R21")
    assert "beacon probing" in r21.message
    assert "R21" not in rule_ids(
        findings(
            "e6",
            {
                f"{TEAM}.load_balancing": "portid",
                f"{TEAM}.etherchannel": "none",
                f"{TEAM}.failure_detection": "beacon",
            },
        )
    )


def test_r22_ip_hash_team_on_two_unstacked_switches() -> None:
    found = findings("e6", {"switches.0.stack": None, "switches.1.stack": None})
    (r22,) = of_rule(found, "R22")
    assert r22.objects == ["switch:stack1-a", "switch:stack1-b", *VM_PGS]
    assert "spans switches stack1-a and stack1-b" in r22.message
    # Two different stacks are just as disparate.
    assert "R22" in rule_ids(findings("e6", {"switches.1.stack": "stack2"}))


def test_r23_lacp_on_a_standard_vswitch() -> None:
    found = findings("e6", {f"{TEAM}.etherchannel": "lacp"})
    (r23,) = of_rule(found, "R23")
    assert r23.objects == VM_PGS
    assert "R20" not in rule_ids(found)  # R23 is the precise complaint


def test_r24_vmotion_port_group_with_ip_hash() -> None:
    d = design("e4")
    p = edit_portgroup(plan(d), "esx02", "vMotion-1", load_balancing=LoadBalancing.IP_HASH)
    (r24,) = of_rule(check(d, p), "R24")
    assert r24.objects == ["portgroup:esx02/vMotion-1"]
    assert "R24" not in rule_ids(findings("e4"))


def test_r25_switch_without_portfast() -> None:
    (r25,) = of_rule(findings("e4", {"switches.1.portfast": False}), "R25")
    assert r25.objects == ["switch:sw2"]
    assert "8 ESXi-facing ports" in r25.message
    assert "R25" not in rule_ids(findings("e4"))


def test_r32_vm_port_group_missing_on_one_host() -> None:
    cards = design("e1").hardware
    no_vm = [
        card.model_copy(
            update={
                "ports": [
                    p.model_copy(update={"role": Role.UNUSED}) if p.role is Role.VM_TRAFFIC else p
                    for p in card.ports
                ]
            }
        ).model_dump(mode="json")
        for card in cards
    ]
    (r32,) = of_rule(findings("e1", {"hosts.1.cards": no_vm}), "R32")
    assert r32.objects == ["host:esx02"]
    assert "'VM Network'" in r32.message
    assert "R32" not in rule_ids(findings("e1"))


def test_r33_vm_port_group_on_a_vswitch_without_uplinks() -> None:
    d = design("e1")
    p = plan(d)
    vswitches = [
        replace(vs, uplinks=[]) if vs.name == "vSwitch-VM" else vs
        for vs in p.host("esx01").vswitches
    ]
    (r33,) = of_rule(check(d, edit_host(p, "esx01", vswitches=vswitches)), "R33")
    assert r33.objects == ["portgroup:esx01/VM Network"]
    assert "R33" not in rule_ids(check(d, p))
