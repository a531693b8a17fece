"""Designs that cannot be planned as written: each gets a clear finding or validation error."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.planner.design import Design
from app.planner.plan import plan
from app.planner.result import CableKind, Severity
from tests.examples import example, example_dict


def errors(design: Design) -> dict[str, str]:
    return {f.rule: f.message for f in plan(design).findings if f.severity is Severity.ERROR}


def test_pool_too_small_says_needed_and_available() -> None:
    data = example_dict("e1")
    data["vmotion"]["pool"] = "198.51.100.0/29"
    p = plan(Design.model_validate(data))
    message = errors(Design.model_validate(data))["P1"]
    assert "4 cables need 4 /30 subnets (16 addresses)" in message
    assert "only 2 free /30 subnets (8 addresses)" in message
    # The plan is still complete for what fits.
    direct = [c for c in p.cables if c.kind is CableKind.DIRECT]
    assert [c.subnet is not None for c in direct] == [True, True, False, False]


def test_shared_pool_too_small_counts_addresses() -> None:
    data = example_dict("e4")
    data["vmotion"]["pool"] = "198.51.100.0/29"  # 6 usable, 8 vmks
    message = errors(Design.model_validate(data))["P1"]
    assert "8 vMotion vmks need 8 addresses" in message
    assert "only 6 free usable addresses" in message


def test_same_vmnic_in_two_roles_is_a_validation_error() -> None:
    data = example_dict("e1")
    data["hardware"][1]["ports"][0]["vmnic"] = "vmnic1"  # vmnic1 is already vMotion on card A
    with pytest.raises(ValidationError, match=r"duplicate vmnic on host esx01: vmnic1"):
        Design.model_validate(data)


def test_vmotion_vmnic_missing_on_one_host() -> None:
    data = example_dict("e1")
    cards = [dict(card, ports=[dict(p) for p in card["ports"]]) for card in data["hardware"]]
    cards[1]["ports"][2]["role"] = "unused"  # esx02 vmnic6 no longer vMotion
    data["hosts"][1]["cards"] = cards
    p = plan(Design.model_validate(data))
    p2 = next(f for f in p.findings if f.rule == "P2")
    assert p2.severity is Severity.ERROR
    assert "esx01 has 4, esx02 has 3" in p2.message
    assert "esx02 lacks vmnic6, a vMotion vmnic on esx01" in p2.message
    assert p2.objects == ["host:esx02", "vmnic:esx02/vmnic6"]
    # only the lanes both hosts have are cabled
    assert len([c for c in p.cables if c.kind is CableKind.DIRECT]) == 3


def test_vmotion_pool_overlapping_management_is_r8() -> None:
    data = example_dict("e1")
    data["vmotion"]["pool"] = "192.0.2.0/24"
    assert "R8" in errors(Design.model_validate(data))


def test_mtu_above_9000_is_r13() -> None:
    data = example_dict("e1")
    data["vmotion"]["mtu"] = 9216
    assert "R13" in errors(Design.model_validate(data))


def test_mtu_outside_any_sane_range_is_a_validation_error() -> None:
    data = example_dict("e1")
    data["vmotion"]["mtu"] = 65000
    with pytest.raises(ValidationError, match=r"vmotion\.mtu"):
        Design.model_validate(data)


def test_three_host_mesh_with_too_few_ports() -> None:
    data = example_dict("e3")
    for port in data["hardware"][1]["ports"][1:]:
        port["role"] = "unused"  # one vMotion port per host, two peers
    p = plan(Design.model_validate(data))
    message = errors(Design.model_validate(data))["P3"]
    assert "needs at least 2 vMotion vmnics on every host" in message
    assert [c for c in p.cables if c.kind is CableKind.DIRECT] == [] and p.tests == []


def test_switched_without_switches() -> None:
    data = example_dict("e4")
    data["switches"] = []
    assert "P5" in errors(Design.model_validate(data))


def test_unknown_field_is_rejected_with_its_path() -> None:
    data = example_dict("e1")
    data["vmotion"]["mtus"] = 9000
    with pytest.raises(ValidationError, match=r"vmotion\.mtus"):
        Design.model_validate(data)


def test_gateway_outside_management_subnet() -> None:
    data = example_dict("e1")
    data["hosts"][0]["management"]["gateway"] = "203.0.113.1"
    expected = r"gateway 203\.0\.113\.1 is not inside 192\.0\.2\.0/24"
    with pytest.raises(ValidationError, match=expected):
        Design.model_validate(data)


def test_slash31_opt_in_uses_both_addresses() -> None:
    p = plan(example("e1", vmotion={"pool": "198.51.100.0/24", "addressing": "per_link_31"}))
    assert [str(c.subnet) for c in p.cables][:2] == ["198.51.100.0/31", "198.51.100.2/31"]
    vmk1 = next(v for v in p.host("esx01").vmks if v.name == "vmk1")
    assert str(vmk1.address) == "198.51.100.0/31"


def test_vmotion_gateway_outside_pool_is_p7() -> None:
    data = example_dict("e7")
    data["vmotion"]["gateway"] = "198.51.100.1"
    assert "outside the vMotion pool 203.0.113.0/24" in errors(Design.model_validate(data))["P7"]


def test_host_without_management_vmnic_is_p8() -> None:
    data = example_dict("e4")
    for card in data["hardware"]:
        card["ports"][0]["role"] = "unused"
    p = plan(Design.model_validate(data))
    p8 = [f for f in p.findings if f.rule == "P8"]
    assert [f.objects for f in p8] == [[f"host:esx0{i}"] for i in range(1, 5)]
    assert all(f.severity is Severity.WARNING for f in p8)


def test_single_host_is_p10_warning() -> None:
    data = example_dict("e4")
    data["hosts"] = data["hosts"][:1]
    p = plan(Design.model_validate(data))
    p10 = next(f for f in p.findings if f.rule == "P10")
    assert p10.severity is Severity.WARNING
    assert "vMotion needs at least two" in p10.message
    assert p.tests == []


def test_mesh_spreads_each_peer_over_both_cards() -> None:
    """A peer's cables use one port of each card, so a card failure never cuts a peer off."""
    data = example_dict("e1")
    data["hosts"].append({"name": "esx03", "management": {"ip": "192.0.2.13/24"}})
    p = plan(Design.model_validate(data))
    by_pair: dict[tuple[str, str], list[str]] = {}
    direct = [c for c in p.cables if c.kind is CableKind.DIRECT]
    for cable in direct:
        by_pair.setdefault((cable.a.device, cable.b.device), []).append(cable.a.card)
    assert all(sorted(cards) == ["PCIe 1", "PCIe 2"] for cards in by_pair.values())
    assert [(c.a.port, c.b.port) for c in direct[:2]] == [
        ("vmnic1", "vmnic1"),
        ("vmnic5", "vmnic5"),
    ]


def test_p2_with_differently_named_vmotion_vmnics_lists_both_hosts_vmnics() -> None:
    data = example_dict("e1")
    cards = [dict(card, ports=[dict(p) for p in card["ports"]]) for card in data["hardware"]]
    cards[1]["ports"][1]["role"] = "unused"  # vmnic5
    cards[1]["ports"][2]["role"] = "unused"  # vmnic6
    cards[1]["ports"][3]["role"] = "vmotion"  # vmnic7 instead
    data["hosts"][1]["cards"] = cards
    p2 = next(f for f in plan(Design.model_validate(data)).findings if f.rule == "P2")
    assert (
        "esx02 has vMotion on vmnic1, vmnic2, vmnic7; esx01 on vmnic1, vmnic2, vmnic5, vmnic6"
        in (p2.message)
    )
    assert p2.objects == ["host:esx02", "vmnic:esx02/vmnic5", "vmnic:esx02/vmnic6"]


def test_p2_clean_when_every_host_has_the_same_vmotion_vmnics() -> None:
    assert not [f for f in plan(example("e1")).findings if f.rule == "P2"]
