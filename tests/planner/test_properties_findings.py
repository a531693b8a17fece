"""Hypothesis properties of the issue-8 findings: R15 versus R42 (which hosts differ) and P7
(exactly the vmks whose subnet does not hold the vMotion gateway are named)."""

from __future__ import annotations

from ipaddress import IPv4Address
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.planner.design import Design, Role
from app.planner.plan import plan
from tests.examples import example_dict

LANE_SPEEDS = st.lists(st.sampled_from([1, 10, 25]), min_size=2, max_size=2)


def _e4_with_lane_speeds(speeds: list[list[int]]) -> Design:
    """E4 (switched, two vMotion vmnics per host) with each host's two vMotion lane speeds."""
    data: dict[str, Any] = example_dict("e4")
    data["hosts"] = data["hosts"][: len(speeds)]
    for host, (a, b) in zip(data["hosts"], speeds, strict=True):
        cards = [dict(card, ports=[dict(p) for p in card["ports"]]) for card in data["hardware"]]
        cards[0]["ports"][1]["speed_gbps"] = a  # vmnic1
        cards[1]["ports"][1]["speed_gbps"] = b  # vmnic3
        host["cards"] = cards
    return Design.model_validate(data)


@settings(max_examples=40, deadline=None)
@given(st.lists(LANE_SPEEDS, min_size=2, max_size=4))
def test_r15_iff_hosts_differ_and_r42_iff_identical_hosts_mix_speeds(
    speeds: list[list[int]],
) -> None:
    rules = {f.rule for f in plan(_e4_with_lane_speeds(speeds)).findings}
    profiles = {tuple(sorted(pair)) for pair in speeds}
    assert ("R15" in rules) is (len(profiles) > 1)
    mixed = len(profiles) == 1 and len(set(speeds[0])) > 1
    assert ("R42" in rules) is mixed


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["per_link_30", "shared_subnet", "per_lane_subnet"]),
    st.integers(0, 255),
)
def test_p7_names_exactly_the_vmks_that_cannot_reach_the_gateway(
    addressing: str, last_octet: int
) -> None:
    data: dict[str, Any] = example_dict("e1" if addressing == "per_link_30" else "e4")
    data["vmotion"].update(
        netstack="vmotion", addressing=addressing, gateway=f"198.51.100.{last_octet}"
    )
    p = plan(Design.model_validate(data))
    gateway = IPv4Address(f"198.51.100.{last_octet}")
    named = {o for f in p.findings if f.rule == "P7" for o in f.objects}
    for host in p.hosts:
        for vmk in host.vmks:
            if vmk.role is not Role.VMOTION:
                continue  # vmk0 has the management gateway, checked when the design is read
            assert vmk.gateway == gateway
            net = vmk.address.network
            usable = gateway in net and gateway not in (net.network_address, net.broadcast_address)
            assert (f"vmk:{host.name}/{vmk.name}" in named) is not usable
