"""Hypothesis properties of plan(): addressing, cabling, failover and determinism."""

from __future__ import annotations

from ipaddress import IPv4Network
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.planner.design import Design
from app.planner.plan import plan
from app.planner.result import Plan, plan_json_text

SPEEDS = [1, 10, 25]


@st.composite
def designs(draw: st.DrawFn) -> dict[str, Any]:
    """Valid design documents across topologies, addressing modes, pools and NIC counts."""
    topology = draw(st.sampled_from(["direct", "switched"]))
    hosts = draw(st.integers(2, 4) if topology == "direct" else st.integers(1, 10))
    vmotion_ports = draw(st.integers(1, 6))
    speed = draw(st.sampled_from(SPEEDS))
    addressing = draw(
        st.sampled_from(
            ["per_link_30", "per_link_31", "shared_subnet", "per_lane_subnet"]
            if topology == "direct"
            else ["shared_subnet", "per_lane_subnet"]
        )
    )
    prefix = draw(st.integers(20, 29))
    # Pools from 100.64.0.0/10 (shared address space) so every prefix length is a valid network;
    # a few overlap the management /24 on purpose to exercise the reserved-address logic.
    base = draw(st.sampled_from(["100.64.0.0", "100.64.16.0", "192.0.2.0"]))
    pool = IPv4Network(f"{base}/{max(prefix, 24) if base == '192.0.2.0' else prefix}", strict=False)
    cards = [
        {
            "slot": f"PCIe {card + 1}",
            "ports": [
                {"vmnic": f"vmnic{card * 8 + index}", "speed_gbps": speed, "role": role}
                for index, role in enumerate(
                    ["management", *(["vmotion"] * ((vmotion_ports + 1 - card) // 2)), "vm_traffic"]
                )
            ],
        }
        for card in range(2)
    ]
    names = draw(st.permutations([f"esx{i:02d}" for i in range(1, hosts + 1)]))
    return {
        "name": "property",
        "topology": topology,
        "hardware": cards,
        "hosts": [
            {
                "name": name,
                "management": {"ip": f"192.0.2.{10 + int(name[3:])}/24", "gateway": "192.0.2.1"},
            }
            for name in names
        ],
        "vmotion": {
            "pool": str(pool),
            "addressing": addressing,
            "vswitch_strategy": draw(st.sampled_from([None, "per_port_group", "shared"])),
            "allow_management_subnet": draw(st.booleans()),
        },
        "switches": [{"name": "sw1"}, {"name": "sw2"}] if topology == "switched" else [],
    }


def vmotion_addresses(p: Plan) -> list[Any]:
    return [vmk.address for host in p.hosts for vmk in host.vmks if vmk.lane is not None]


@settings(max_examples=150, deadline=None)
@given(designs())
def test_subnets_inside_pool_and_disjoint(doc: dict[str, Any]) -> None:
    design = Design.model_validate(doc)
    p = plan(design)
    networks = [s.network for s in p.subnets]
    for network in networks:
        assert network.subnet_of(design.vmotion.pool)
    if design.effective_addressing.value.startswith("per_"):
        for i, first in enumerate(networks):
            for second in networks[i + 1 :]:
                assert not first.overlaps(second)
    for address in vmotion_addresses(p):
        assert address.ip in design.vmotion.pool


@settings(max_examples=150, deadline=None)
@given(designs())
def test_no_address_used_twice_and_none_reserved(doc: dict[str, Any]) -> None:
    p = plan(Design.model_validate(doc))
    addresses = [vmk.address.ip for host in p.hosts for vmk in host.vmks]
    assert len(addresses) == len(set(addresses))
    for address in vmotion_addresses(p):
        assert address.ip != address.network.network_address or address.network.prefixlen == 31
        assert str(address.ip) != "192.0.2.1"


@settings(max_examples=150, deadline=None)
@given(designs())
def test_both_ends_of_a_cable_in_its_subnet(doc: dict[str, Any]) -> None:
    p = plan(Design.model_validate(doc))
    for subnet in p.subnets:
        if subnet.cable is None:
            continue
        ends = [m.address for m in subnet.members]
        assert len(ends) == 2
        assert all(end.network == subnet.network for end in ends)
        cable = next(c for c in p.cables if c.id == subnet.cable)
        assert {m.host for m in subnet.members} == {cable.a.device, cable.b.device}


@settings(max_examples=150, deadline=None)
@given(designs())
def test_failover_lists_partition_the_vswitch_uplinks(doc: dict[str, Any]) -> None:
    p = plan(Design.model_validate(doc))
    for host in p.hosts:
        uplinks = {v.name: v.uplinks for v in host.vswitches}
        for pg in host.portgroups:
            listed = pg.active + pg.standby + pg.unused
            assert sorted(listed) == sorted(uplinks[pg.vswitch])
            assert len(listed) == len(set(listed))


@settings(max_examples=100, deadline=None)
@given(designs(), st.randoms(use_true_random=False))
def test_deterministic_and_independent_of_host_order(doc: dict[str, Any], rnd: Any) -> None:
    first = plan_json_text(plan(Design.model_validate(doc)))
    assert plan_json_text(plan(Design.model_validate(doc))) == first
    shuffled = dict(doc, hosts=rnd.sample(doc["hosts"], len(doc["hosts"])))
    assert plan_json_text(plan(Design.model_validate(shuffled))) == first


@settings(max_examples=100, deadline=None)
@given(designs())
def test_each_vmotion_vmnic_active_for_exactly_one_vmk(doc: dict[str, Any]) -> None:
    p = plan(Design.model_validate(doc))
    for host in p.hosts:
        vmotion = [pg for pg in host.portgroups if pg.lane is not None]
        actives = [vmnic for pg in vmotion for vmnic in pg.active]
        assert all(len(pg.active) == 1 for pg in vmotion)  # R1
        assert len(actives) == len(set(actives))
