"""MTU rules R10-R15: each with a design that breaks it and one that does not."""

from __future__ import annotations

from app.planner.result import Severity
from tests.planner.rules_support import findings, of_rule, rule_ids

E1_ESX02_CARDS_10G = [
    {
        "slot": "PCIe 1",
        "model": "Intel X710 quad-port",
        "ports": [
            {"vmnic": "vmnic0", "speed_gbps": 10, "role": "management"},
            {"vmnic": "vmnic1", "speed_gbps": 10, "role": "vmotion"},
            {"vmnic": "vmnic2", "speed_gbps": 10, "role": "vmotion"},
            {"vmnic": "vmnic3", "speed_gbps": 10, "role": "vm_traffic"},
        ],
    },
    {
        "slot": "PCIe 2",
        "model": "Intel X710 quad-port",
        "ports": [
            {"vmnic": "vmnic4", "speed_gbps": 10, "role": "management"},
            {"vmnic": "vmnic5", "speed_gbps": 10, "role": "vmotion"},
            {"vmnic": "vmnic6", "speed_gbps": 10, "role": "vmotion"},
            {"vmnic": "vmnic7", "speed_gbps": 10, "role": "vm_traffic"},
        ],
    },
]


def test_r10_vmk_mtu_above_vswitch_mtu() -> None:
    found = findings("e1", {"vmotion.vswitch_mtu": 1500})
    r10 = of_rule(found, "R10")
    assert len(r10) == 8 and {f.severity for f in r10} == {Severity.ERROR}
    assert r10[0].objects == ["vmk:esx01/vmk1"]
    assert "MTU 9000 but its vSwitch vSwitch-vMotion-1 has MTU 1500" in r10[0].message
    assert "R10" not in rule_ids(findings("e1"))


def test_r11_jumbo_vswitch_standard_vmk_is_a_warning() -> None:
    found = findings("e1", {"vmotion.vswitch_mtu": 9000, "vmotion.mtu": 1500})
    r11 = of_rule(found, "R11")
    # Issue 9 §5: one finding per host (the cause), listing its four vmks, not eight cards.
    assert len(r11) == 2 and {f.severity for f in r11} == {Severity.WARNING}
    assert [f.cause for f in r11] == ["host:esx01", "host:esx02"]
    assert r11[0].message == (
        "The vMotion vmks of esx01 have MTU 1500 on vSwitches at MTU 9000: they do not use "
        "jumbo frames."
    )
    assert r11[0].objects == [f"vmk:esx01/vmk{n}" for n in (1, 2, 3, 4)]
    assert r11[0].details[0] == (
        "esx01 vmk1 has MTU 1500 on vSwitch vSwitch-vMotion-1 at MTU 9000: the vMotion vmk does "
        "not use jumbo frames."
    )
    assert len(r11[0].details) == 4
    assert "R11" not in rule_ids(findings("e1"))
    assert "R11" not in rule_ids(findings("e1", {"vmotion.mtu": 1500}))


def test_r11_two_ends_of_a_cable_differ_is_an_error() -> None:
    found = findings("e1", {"hosts.1.vmotion_mtu": 1500})
    errors = [f for f in of_rule(found, "R11") if f.severity is Severity.ERROR]
    # One wrong MTU on esx02 is one error (issue 9 §5), naming all four cables and their vmks;
    # the cause is the host whose MTU is not the design's.
    (error,) = errors
    assert error.cause == "host:esx02"
    assert error.message == (
        "The vMotion vmks of esx01 (MTU 9000) and esx02 (MTU 1500) differ on the cables between "
        "them; the larger frames are dropped on the way."
    )
    assert [o for o in error.objects if o.startswith("cable:")] == [
        "cable:C01",
        "cable:C02",
        "cable:C03",
        "cable:C04",
    ]
    assert error.objects[:3] == ["cable:C01", "vmk:esx01/vmk1", "vmk:esx02/vmk1"]
    assert error.details[0] == (
        "Cable C01: esx01 vmk1 has MTU 9000 but esx02 vmk1 has MTU 1500; the larger frames are "
        "dropped on the way."
    )
    # esx02 also has a jumbo vSwitch with standard vmks (one warning) and the hosts differ (R15):
    # three findings in all, where there used to be nine.
    warnings = [f for f in of_rule(found, "R11") if f.severity is Severity.WARNING]
    assert len(warnings) == 1 and warnings[0].cause == "host:esx02"
    assert len([f for f in found if f.rule in ("R10", "R11", "R15")]) == 3


def test_r11_one_subnet_with_two_mtus_is_an_error() -> None:
    found = findings("e4", {"hosts.2.vmotion_mtu": 1500})
    errors = [f for f in of_rule(found, "R11") if f.severity is Severity.ERROR]
    (r11,) = errors
    assert "198.51.100.0/24" in r11.message
    assert "MTU 1500: esx03/vmk1 and esx03/vmk2" in r11.message
    assert len(r11.objects) == 8


def test_r12_switch_mtu_below_vmk_mtu() -> None:
    found = findings("e4", {"switches.1.mtu": 1500})
    (r12,) = of_rule(found, "R12")
    assert r12.severity is Severity.ERROR
    assert r12.objects[0] == "switch:sw2"
    # sw2 carries card B (vmnic3): active for vmk2, standby for vmk1, on all four hosts.
    assert len(r12.objects) == 1 + 8
    assert "MTU 1500 but carries vmks with MTU up to 9000" in r12.message
    assert "R12" not in rule_ids(findings("e4"))
    # A switch at exactly the vmk MTU carries it.
    assert "R12" not in rule_ids(findings("e4", {"switches.1.mtu": 9000}))


def test_r13_mtu_above_9000() -> None:
    found = findings("e1", {"vmotion.mtu": 9216})
    (r13,) = of_rule(found, "R13")
    assert r13.severity is Severity.ERROR
    # vSwitches default to the vmk MTU, so both are named.
    assert "vswitch:esx01/vSwitch-vMotion-1" in r13.objects
    assert "vmk:esx02/vmk4" in r13.objects
    assert r13.message.startswith("MTU 9216 on esx01/vSwitch-vMotion-1")
    assert "R13" not in rule_ids(findings("e1"))


def test_r14_mtu_below_1280_is_only_a_warning() -> None:
    found = findings("e1", {"vmotion.mtu": 1000})
    (r14,) = of_rule(found, "R14")
    assert r14.severity is Severity.WARNING
    assert len(r14.objects) == 16  # 8 vSwitches and 8 vmks
    assert "R14" not in rule_ids(findings("e1", {"vmotion.mtu": 1280}))


def test_r15_vmotion_nic_speeds_differ() -> None:
    found = findings("e1", {"hosts.1.cards": E1_ESX02_CARDS_10G})
    (r15,) = of_rule(found, "R15")
    assert r15.severity is Severity.WARNING
    assert r15.objects == ["host:esx01", "host:esx02"]
    assert "speed (4 × 1 GbE: esx01; 4 × 10 GbE: esx02)" in r15.message
    assert "R15" not in rule_ids(findings("e1"))


def test_r15_vmotion_mtu_differs_between_hosts() -> None:
    (r15,) = of_rule(findings("e4", {"hosts.3.vmotion_mtu": 1500}), "R15")
    assert "MTU (1500: esx04; 9000: esx01, esx02 and esx03)" in r15.message


# Both E1 hosts get 10 GbE on card B's vMotion ports: the hosts match, the lanes do not.
E1_MIXED_LANES = {
    "hardware.1.ports.1.speed_gbps": 10,  # vmnic5
    "hardware.1.ports.2.speed_gbps": 10,  # vmnic6
}


def test_r15_not_for_identical_hosts_with_mixed_lane_speeds_but_r42() -> None:
    found = findings("e1", E1_MIXED_LANES)
    assert "R15" not in rule_ids(found)
    (r42,) = of_rule(found, "R42")
    assert r42.severity is Severity.INFO
    assert r42.objects == ["host:esx01", "host:esx02"]
    assert "on esx01: vmnic1 1 GbE, vmnic2 1 GbE, vmnic5 10 GbE and vmnic6 10 GbE" in r42.message
    assert "counts every lane at 1 GbE and the concurrency limit is 4 per host" in r42.message


def test_r15_when_hosts_differ_even_if_lanes_are_mixed_and_then_no_r42() -> None:
    # esx02 has four 10 GbE lanes, esx01 two 1 GbE and two 10 GbE: the hosts differ (R15).
    found = findings("e1", {**E1_MIXED_LANES, "hosts.1.cards": E1_ESX02_CARDS_10G})
    (r15,) = of_rule(found, "R15")
    assert "speed (2 × 10 GbE + 2 × 1 GbE: esx01; 4 × 10 GbE: esx02)" in r15.message
    assert "R42" not in rule_ids(found)


def test_r42_clean_when_every_lane_has_one_speed() -> None:
    assert "R42" not in rule_ids(findings("e1"))
    assert "R42" not in rule_ids(findings("e4"))
