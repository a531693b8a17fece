"""Limits and notes: R16-R19, R29, R34-R36, R38, R39; plus ordering and determinism of check()."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.planner.design import Design
from app.planner.plan import plan
from app.planner.result import Severity
from app.planner.rules import check, sort_findings
from tests.examples import example_dict
from tests.planner.rules_support import design, edit_host, edit_vmk, findings, of_rule, rule_ids

E1_TWO_LANES = {
    "hardware.0.ports.2.role": "unused",  # vmnic2
    "hardware.1.ports.2.role": "unused",  # vmnic6
}


def test_r16_bandwidth_below_250_mbps_per_concurrent_vmotion() -> None:
    found = findings("e1", {**E1_TWO_LANES, "vmotion.planned_concurrency": 16})
    (r16,) = of_rule(found, "R16")
    assert r16.severity is Severity.ERROR
    assert r16.objects == ["host:esx01", "host:esx02"]
    assert "2000 Mbps of dedicated vMotion bandwidth" in r16.message
    assert "16 concurrent vMotions need 4000 Mbps" in r16.message
    # Exactly 250 Mbps each is enough: 2 x 1GbE for 8 concurrent vMotions.
    assert "R16" not in rule_ids(findings("e1", {**E1_TWO_LANES, "vmotion.planned_concurrency": 8}))


def test_r17_concurrency_limit_follows_the_slowest_nic() -> None:
    (e1,) = of_rule(findings("e1"), "R17")
    assert e1.severity is Severity.INFO and e1.message.startswith("Up to 4 concurrent")
    (e4,) = of_rule(findings("e4"), "R17")
    assert e4.message.startswith("Up to 8 concurrent") and "10 GbE" in e4.message


def test_r18_r19_round_trip_time() -> None:
    assert not {"R18", "R19"} & rule_ids(findings("e4", {"vmotion.rtt_ms": 5}))
    (r18,) = of_rule(findings("e4", {"vmotion.rtt_ms": 12}), "R18")
    assert r18.severity is Severity.WARNING and "12 ms" in r18.message
    found = findings("e4", {"vmotion.rtt_ms": 200})
    assert rule_ids(found) & {"R18", "R19"} == {"R19"}
    assert of_rule(found, "R19")[0].severity is Severity.ERROR


def test_r29_two_ft_vmks_on_one_host() -> None:
    d = design("e4")
    p = edit_vmk(plan(d), "esx01", "vmk0", services=["Management", "faultToleranceLogging"])
    assert "R29" not in rule_ids(check(d, p))
    p = edit_vmk(p, "esx01", "vmk1", services=["VMotion", "faultToleranceLogging"])
    (r29,) = of_rule(check(d, p), "R29")
    assert r29.objects == ["vmk:esx01/vmk0", "vmk:esx01/vmk1"]


def test_r34_fast_nics_before_7_0_u2() -> None:
    (r34,) = of_rule(findings("e7", {"esxi_version": "7.0"}), "R34")
    assert r34.severity is Severity.INFO
    assert len(r34.objects) == 6 and "ESXi 7.0 with 25 GbE" in r34.message
    assert "R34" not in rule_ids(findings("e7"))
    assert "R34" not in rule_ids(findings("e4", {"esxi_version": "6.7"}))  # 10 GbE


def test_r35_vswitch_maximums() -> None:
    d = design("e4")
    p = plan(d)
    host = p.host("esx01")
    wide = replace(host.vswitches[0], uplinks=[f"vmnic{i}" for i in range(33)])
    pg = host.portgroups[0]
    crowd = [replace(pg, name=f"PG-{i}") for i in range(513)]
    p = edit_host(p, "esx01", vswitches=[wide, *host.vswitches[1:]], portgroups=crowd)
    r35 = of_rule(check(d, p), "R35")
    assert [(f.severity, f.objects) for f in r35] == [
        (Severity.ERROR, ["vswitch:esx01/vSwitch0"]),
        (Severity.WARNING, ["vswitch:esx01/vSwitch0"]),
    ]
    assert "513 port groups" in r35[0].message and "33 uplinks" in r35[1].message
    assert "R35" not in rule_ids(findings("e4"))


def _cluster(count: int, version: str) -> dict[str, Any]:
    data = example_dict("e4")
    data["esxi_version"] = version
    data["hosts"] = [
        {"name": f"esx{i:03d}", "management": {"ip": f"192.0.2.{i}/24", "vlan": 10}}
        for i in range(2, 2 + count)
    ]
    data["vmotion"]["pool"] = "198.51.100.0/23"
    data["vmotion"]["addressing"] = None
    for switch in data["switches"]:
        switch["port_count"] = 400
    return data


def test_r36_hosts_per_cluster() -> None:
    def r36(count: int, version: str) -> list[tuple[Severity, str]]:
        found = plan(Design.model_validate(_cluster(count, version))).findings
        return [(f.severity, f.message) for f in of_rule(found, "R36")]

    assert r36(64, "6.7") == []
    assert r36(65, "6.7") == [
        (Severity.ERROR, "65 hosts in one cluster; ESXi/vSphere 6.7 allows 64.")
    ]
    assert r36(65, "7.0")[0][0] is Severity.WARNING
    assert r36(96, "8.0") == []
    assert r36(97, "8.0") == [
        (Severity.WARNING, "97 hosts in one cluster; the maximum is reportedly 96 (unverified).")
    ]


def test_r38_r39_notes_once_per_plan() -> None:
    found = findings("e3")
    assert [f.objects for f in of_rule(found, "R38")] == [["design"]]
    assert "16 GB of active memory" in of_rule(found, "R38")[0].message
    (r39,) = of_rule(found, "R39")
    assert r39.severity is Severity.INFO and "vmkping" in r39.remedy


def test_check_sorts_errors_first_then_rule_number() -> None:
    found = findings("e2", {"vmotion.mtu": 9216, "vmotion.rtt_ms": 12})
    assert found == sort_findings(found)
    ranks = [(f.severity, f.rule) for f in found]
    assert ranks[:2] == [(Severity.ERROR, "R5"), (Severity.ERROR, "R13")]
    assert [r for s, r in ranks if s is Severity.WARNING] == ["R18"]
    # P13: E2's two switches share the untagged VLAN, so an inter-switch link is proposed.
    assert [r for s, r in ranks if s is Severity.INFO] == ["P13", "R17", "R38", "R39"]


def test_check_is_deterministic_and_ignores_host_order() -> None:
    data = example_dict("e2")
    again = example_dict("e2")
    again["hosts"].reverse()
    assert plan(Design.model_validate(data)).findings == plan(Design.model_validate(again)).findings


def _e4_with_vmotion_ports(count: int, speed: int) -> Design:
    """E4 with a third card of ``count`` vMotion ports at ``speed`` GbE on every host."""
    data = example_dict("e4")
    ports = [
        {"vmnic": f"vmnic{10 + n}", "speed_gbps": speed, "role": "vmotion"} for n in range(count)
    ]
    data["hardware"].append({"slot": "PCIe 3", "model": "", "ports": ports})
    return Design.model_validate(data)


def test_r43_more_than_four_10gbe_vmotion_nics_is_an_unverified_warning() -> None:
    # E4 already has two 10 GbE vMotion NICs per host; three more make five.
    found = plan(_e4_with_vmotion_ports(3, 10)).findings
    (r43,) = of_rule(found, "R43")
    assert r43.severity is Severity.WARNING
    assert r43.objects == [f"host:esx0{n}" for n in (1, 2, 3, 4)]
    assert "5 vMotion NICs of 10 GbE or faster (listed maximum 4)" in r43.message
    assert "unverified" in r43.message
    assert "UNVERIFIED" in r43.sources


def test_r43_clean_at_the_listed_maximum() -> None:
    assert "R43" not in rule_ids(plan(_e4_with_vmotion_ports(2, 10)).findings)
    assert "R43" not in rule_ids(findings("e1"))  # four 1 GbE vMotion NICs


def test_r43_sixteen_1gbe_vmotion_nics_are_fine_seventeen_are_not() -> None:
    # E4's two 10 GbE vMotion NICs count in their own class.
    assert "R43" not in rule_ids(plan(_e4_with_vmotion_ports(8, 1)).findings)
    data = example_dict("e4")
    for card in range(3):
        ports = [
            {"vmnic": f"vmnic{10 + 8 * card + n}", "speed_gbps": 1, "role": "vmotion"}
            for n in range(8 if card < 2 else 1)
        ]
        data["hardware"].append({"slot": f"PCIe {3 + card}", "ports": ports})
    (r43,) = of_rule(plan(Design.model_validate(data)).findings, "R43")
    assert "17 vMotion NICs of 1 GbE (listed maximum 16)" in r43.message


def test_r43_physical_40gbe_nics_beyond_four() -> None:
    data = example_dict("e4")
    ports = [{"vmnic": f"vmnic{10 + n}", "speed_gbps": 40, "role": "unused"} for n in range(5)]
    data["hardware"].append({"slot": "PCIe 3", "ports": ports})
    (r43,) = of_rule(plan(Design.model_validate(data)).findings, "R43")
    assert "5 physical 40 GbE NICs (listed maximum 4)" in r43.message
