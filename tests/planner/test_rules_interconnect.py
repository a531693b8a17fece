"""Issue 7 rules, each with a trigger and a clean case: P11 (no far end), P12 (single point of
failure), P13 (proposed inter-switch link), R44 (VLAN not carried), R45 (link MTU), R46
(switches of one vMotion subnet not linked); plus the document checks of uplinks/interconnects.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from app.planner.plan import plan
from app.planner.result import Severity
from tests.planner.rules_support import design, findings, of_rule, rule_ids

E4_LINK: dict[str, Any] = {
    "a": "sw1",
    "b": "sw2",
    "ports_a": ["Ethernet1/47", "Ethernet1/48"],
    "ports_b": ["Ethernet1/47", "Ethernet1/48"],
}


def test_p11_names_the_vmnics_of_a_role_without_a_switch() -> None:
    found = of_rule(findings("e1", {"switches": []}), "P11")
    assert [f.severity for f in found] == [Severity.WARNING] * 2
    assert found[0].message.startswith(
        "Management vmnics have no far end because the design lists no switches: "
        "esx01 vmnic0, vmnic4; esx02 vmnic0, vmnic4."
    )
    assert "VM traffic vmnics" in found[1].message
    assert found[0].objects == ["host:esx01", "host:esx02"]


def test_p11_when_the_document_names_no_switch_for_one_role() -> None:
    found = of_rule(findings("e1", {"uplinks": {"vm_traffic": {"switches": []}}}), "P11")
    (only,) = found
    assert "uplinks.vm_traffic.switches is empty" in only.message
    assert "esx01 vmnic3, vmnic7" in only.message


def test_p11_clean_when_every_role_has_a_switch() -> None:
    assert "P11" not in rule_ids(findings("e1"))


def test_p12_names_the_switch_and_card_of_a_one_card_one_switch_team() -> None:
    found = of_rule(findings("e5"), "P12")
    messages = [f.message for f in found]
    assert messages == [
        "The Management team of esx01 and esx02 has every uplink on switch sw1 and card 'LOM': "
        "a single point of failure for Management.",
        "The vMotion team of esx01 and esx02 has every uplink on switch sw1 and card 'LOM': "
        "a single point of failure for vMotion.",
    ]
    assert found[0].objects == ["host:esx01", "host:esx02", "switch:sw1"]


def test_p12_when_the_document_limits_a_team_to_one_switch() -> None:
    found = of_rule(findings("e1", {"uplinks": {"management": {"switches": ["sw2"]}}}), "P12")
    (only,) = found
    assert only.message.startswith("The Management team of esx01 and esx02 has every uplink on ")
    assert "switch sw2:" in only.message and "card" not in only.message


def test_p12_clean_when_teams_span_two_switches_and_two_cards() -> None:
    for stem in ("e1", "e4", "e8"):
        assert "P12" not in rule_ids(findings(stem)), stem


def test_p13_proposes_two_links_on_the_last_ports_in_a_port_channel() -> None:
    p = plan(design("e4"))
    (p13,) = of_rule(p.findings, "P13")
    assert p13.severity is Severity.INFO
    assert "sw1 Ethernet1/47 – sw2 Ethernet1/47; sw1 Ethernet1/48 – sw2 Ethernet1/48" in (
        p13.message
    )
    (link,) = p.interconnects
    assert (link.vlans, link.mtu, link.channel_group, link.proposed) == ([10, 20], 9216, 1, True)
    sw1 = {port.interface: port for port in p.switches[0].ports}
    isl = sw1["Ethernet1/48"]
    assert (isl.kind, isl.peer_switch, isl.peer_interface, isl.vlans, isl.mtu) == (
        "inter_switch",
        "sw2",
        "Ethernet1/48",
        [10, 20],
        9216,
    )
    assert isl.host == isl.vmnic == "" and isl.role is None


def test_p13_clean_for_a_stack_and_for_documented_links() -> None:
    stacked = plan(design("e6"))
    assert "P13" not in rule_ids(stacked.findings) and stacked.interconnects == []
    documented = plan(design("e4", {"interconnects": [E4_LINK]}))
    assert "P13" not in rule_ids(documented.findings)
    (link,) = documented.interconnects
    assert (link.proposed, link.vlans, link.channel_group) == (False, [10, 20], 1)


def test_r41_a_shared_vlan_the_link_does_not_carry() -> None:
    found = of_rule(findings("e4", {"interconnects": [{**E4_LINK, "vlans": [10]}]}), "R44")
    (only,) = found
    assert only.severity is Severity.ERROR
    assert only.message.startswith("sw1 and sw2 both carry VLAN 20 but the link between them")
    assert only.objects[:2] == ["switch:sw1", "switch:sw2"]


def test_r41_clean_when_the_link_carries_every_shared_vlan() -> None:
    assert "R44" not in rule_ids(findings("e4", {"interconnects": [E4_LINK]}))


@pytest.mark.parametrize(
    ("mtu", "severity"), [(1500, Severity.ERROR), (9000, Severity.WARNING), (9216, None)]
)
def test_r42_link_mtu_against_vmotion_mtu_plus_headers(mtu: int, severity: Severity | None) -> None:
    found = of_rule(findings("e4", {"interconnects": [{**E4_LINK, "mtu": mtu}]}), "R45")
    assert [f.severity for f in found] == ([severity] if severity else [])
    if severity is Severity.ERROR:
        assert "has MTU 1500 but carries vMotion at MTU 9000" in found[0].message


def test_r42_clean_for_a_proposed_link_between_jumbo_switches() -> None:
    assert "R45" not in rule_ids(findings("e4"))


THREE_SWITCHES: dict[str, Any] = {
    "switches": [
        {"name": "sw1", "mtu": 9216},
        {"name": "sw2", "mtu": 9216},
        {"name": "sw3", "mtu": 9216},
    ],
    "uplinks": {
        role: {"switches": ["sw1", "sw2"]}
        for role in ("management", "vm_traffic", "ip_storage", "vmotion")
    },
}


def test_r43_vmotion_hosts_on_switches_no_link_joins() -> None:
    changes = {**THREE_SWITCHES, "interconnects": [{**E4_LINK, "b": "sw3"}]}
    (only,) = of_rule(findings("e4", changes), "R46")
    assert only.severity is Severity.ERROR
    assert "198.51.100.0/24" in only.message and "(sw1; sw2)" in only.message
    assert only.objects == ["switch:sw1", "switch:sw2"]


def test_r43_clean_when_a_link_or_a_stack_joins_them() -> None:
    linked = {**THREE_SWITCHES, "interconnects": [E4_LINK]}
    assert "R46" not in rule_ids(findings("e4", linked))
    assert "R46" not in rule_ids(findings("e6"))


def test_existing_uplinks_are_marked_on_cables_rows_and_ports() -> None:
    p = plan(design("e8", {"uplinks": {"management": {"existing": True}}}))
    existing = {c.id for c in p.cables if c.existing}
    management = {c.id for c in p.cables if c.role is not None and c.role.value == "management"}
    assert existing == management and len(existing) == 4
    rows = [r for h in p.hosts for r in h.nics if r.existing]
    assert {r.vmnic for r in rows} == {"vmnic0", "vmnic4"}
    ports = [port for sw in p.switches for port in sw.ports if port.existing]
    assert sorted(port.cable for port in ports) == sorted(existing)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"uplinks": {"management": {"switches": ["nope"]}}}, "uplinks.management.switches"),
        ({"interconnects": [{**E4_LINK, "b": "nope"}]}, "interconnects.0.b"),
        ({"interconnects": [{**E4_LINK, "ports_b": ["Ethernet1/47"]}]}, "ports_a has 2"),
        ({"interconnects": [{**E4_LINK, "b": "sw1"}]}, "two different switches"),
        ({"interconnects": [E4_LINK, E4_LINK]}, "interconnects.1.ports_a"),
    ],
)
def test_bad_uplinks_and_interconnects_are_validation_errors(
    changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError, match=field.replace(".", r"\.")):
        design("e4", changes)
