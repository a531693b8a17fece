"""The vmkping test plan (R39): every path vMotion can take, linear in hosts, grouped by pair."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.planner.design import Design
from app.planner.plan import plan
from app.planner.result import CableKind, Plan
from app.planner.testplan import ring_peers
from tests.examples import example
from tests.planner.test_properties import designs


def test_e4_every_vmk_against_every_lane_of_its_ring_neighbour() -> None:
    p = plan(example("e4"))
    active = [t for t in p.tests if t.path == "active"]
    # 4 hosts, ring edges 01→02, 02→03, 03→04, 04→01, 2 × 2 lanes each: 16.
    assert len(active) == 16
    first = active[0]
    assert (first.group, first.command, first.via_switches) == (
        "esx01 → esx02",
        "vmkping -I vmk1 -d -s 8972 198.51.100.3",
        ["sw1"],
    )
    groups = list(dict.fromkeys(t.group for t in active if t.source_host == "esx01"))
    assert groups == ["esx01 → esx02"]
    # vmk1 rides card A (sw1), vmk2 card B (sw2): all four switch-to-switch paths are exercised.
    paths = {tuple(t.via_switches) for t in active}
    assert paths == {("sw1",), ("sw2",), ("sw1", "sw2"), ("sw2", "sw1")}
    assert all(t.payload == 8972 and " -d -s 8972 " in t.command for t in p.tests)


def test_e4_each_lane_once_more_on_its_standby_uplink() -> None:
    p = plan(example("e4"))
    standby = [t for t in p.tests if t.path == "standby"]
    assert Counter((t.source_host, t.source_vmk) for t in standby) == {
        (f"esx0{h}", f"vmk{lane}"): 1 for h in range(1, 5) for lane in (1, 2)
    }
    check = next(t for t in standby if t.source_host == "esx01" and t.source_vmk == "vmk1")
    # vmk1 is active on vmnic1 (sw1), standby vmnic3 (sw2); the peer's vmk1 is on sw1 (R3).
    assert (check.failed_uplink, check.target_host, check.target_vmk) == (
        "vmnic1",
        "esx02",
        "vmk1",
    )
    assert check.via_switches == ["sw2", "sw1"]
    assert check.expected.startswith("with vmnic1 down, vmk1 fails over to vmnic3; replies from")
    assert all(t.path == "active" and not t.failed_uplink for t in p.tests if t not in standby)


def test_e1_back_to_back_keeps_one_check_per_cable_end() -> None:
    p = plan(example("e1"))
    assert len(p.tests) == 2 * len([c for c in p.cables if c.kind is CableKind.DIRECT]) == 8
    assert all(t.via_switches == [] and t.path == "active" for t in p.tests)
    assert [t.group for t in p.tests] == ["esx01 → esx02"] * 4 + ["esx02 → esx01"] * 4
    assert all(t.source_vmk == t.target_vmk for t in p.tests)


def test_e2_checks_the_cross_cable_pairs_vmotion_would_try() -> None:
    """One /24 over direct cables (R5): vMotion pairs vmk1 with the peer's vmk2 too."""
    p = plan(example("e2"))
    assert len(p.tests) == 2 * 4 * 4
    crossed = [t for t in p.tests if t.source_vmk != t.target_vmk]
    assert len(crossed) == 24
    assert any(f.rule == "R5" for f in p.findings)


def test_e7_checks_use_the_vmotion_stack() -> None:
    p = plan(example("e7"))
    assert p.tests and all(t.command.startswith("vmkping -S vmotion -I vmk") for t in p.tests)
    # 3 hosts: ring edges 01→02, 02→03, 03→01 × 4 lane pairs, + 3 hosts × 2 standby.
    assert len(p.tests) == 3 * 4 + 6


def test_ring_peers_of_two_and_one_host() -> None:
    assert ring_peers(["a", "b"]) == [("a", "b"), ("b", "a")]
    assert ring_peers(["a"]) == []
    assert ring_peers(["a", "b", "c", "d"]) == [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")]


def _switched(hosts: int, lanes_per_card: int) -> dict[str, Any]:
    cards = [
        {
            "slot": f"PCIe {card + 1}",
            "ports": [
                {"vmnic": f"vmnic{card * 8}", "speed_gbps": 10, "role": "management"},
                *(
                    {"vmnic": f"vmnic{card * 8 + 1 + i}", "speed_gbps": 10, "role": "vmotion"}
                    for i in range(lanes_per_card)
                ),
            ],
        }
        for card in range(2)
    ]
    return {
        "name": "ring",
        "topology": "switched",
        "hardware": cards,
        "hosts": [
            {"name": f"esx{i:03d}", "management": {"ip": f"192.0.2.{i}/24"}}
            for i in range(1, hosts + 1)
        ],
        "vmotion": {"pool": "198.51.100.0/24", "mtu": 9000, "vlan": 20},
        "switches": [{"name": "sw1", "mtu": 9216}, {"name": "sw2", "mtu": 9216}],
    }


def _count(p: Plan) -> int:
    return len(p.tests)


def test_count_is_linear_in_hosts_for_64_hosts() -> None:
    counts = {n: _count(plan(Design.model_validate(_switched(n, 1)))) for n in (16, 32, 64)}
    # 2 lanes: n·4 active + n·2 standby = 6·n.
    assert counts == {16: 96, 32: 192, 64: 384}


@settings(max_examples=25, deadline=None)
@given(hosts=st.integers(2, 12), lanes_per_card=st.integers(1, 2))
def test_switched_plan_covers_every_vmk_both_ways_and_every_lane_pair(
    hosts: int, lanes_per_card: int
) -> None:
    p = plan(Design.model_validate(_switched(hosts, lanes_per_card)))
    lanes = 2 * lanes_per_card
    vmks = {(h.name, v.name) for h in p.hosts for v in h.vmks if v.lane is not None}
    active = [t for t in p.tests if t.path == "active"]
    sources = Counter((t.source_host, t.source_vmk) for t in active)
    targets = Counter((t.target_host, t.target_vmk) for t in active)
    # Every vmk sends to every lane of the next host and hears from every lane of the previous.
    assert sources == targets == dict.fromkeys(vmks, lanes)
    # Every source lane meets every target lane somewhere, so every switch pair is crossed.
    assert {(t.source_vmk, t.target_vmk) for t in active} == {
        (f"vmk{a}", f"vmk{b}") for a in range(1, lanes + 1) for b in range(1, lanes + 1)
    }
    standby = [t for t in p.tests if t.path == "standby"]
    assert Counter((t.source_host, t.source_vmk) for t in standby) == dict.fromkeys(vmks, 1)
    assert all(t.failed_uplink and t.via_switches for t in standby)
    assert all(t.group == f"{t.source_host} → {t.target_host}" for t in p.tests)


@settings(max_examples=40, deadline=None)
@given(designs())
def test_every_check_pairs_same_subnet_vmks_and_per_link_designs_check_each_cable_twice(
    doc: dict[str, Any],
) -> None:
    p = plan(Design.model_validate(doc))
    vmks = {(h.name, v.name): v for h in p.hosts for v in h.vmks}
    nics = {(h.name, n.vmnic): n.vmk for h in p.hosts for n in h.nics}
    partners = {
        frozenset(
            {(c.a.device, nics[(c.a.device, c.a.port)]), (c.b.device, nics[(c.b.device, c.b.port)])}
        )
        for c in p.cables
        if c.lane is not None and c.b.kind.value == "host"
    }
    for t in p.tests:
        source, target = vmks[(t.source_host, t.source_vmk)], vmks[(t.target_host, t.target_vmk)]
        cabled = frozenset({(t.source_host, t.source_vmk), (t.target_host, t.target_vmk)})
        # vMotion pairs vmks of one subnet; back-to-back, a cable's two ends are checked anyway
        # (a design that puts them in different subnets fails that check on site, as it should).
        assert source.address.network == target.address.network or cabled in partners
        assert t.payload == source.mtu - 28 and f"-d -s {t.payload} {t.target_ip}" in t.command
        assert t.source_host != t.target_host
    if doc["topology"] == "direct" and doc["vmotion"]["addressing"].startswith("per_link"):
        # A cable the pool had no /30 left for has no vmks, so no checks (a finding says so).
        vmotion_cables = [c for c in p.cables if c.lane is not None and c.subnet is not None]
        assert len(p.tests) == 2 * len(vmotion_cables)
