"""Hypothesis properties of issue 7: every role cabled, cable ends agree, teams redundant.

Servers with 1, 2, 3 and 4 cards (LOM first, then PCIe), roles drawn per port, 0-3 switches
(sometimes two of them one stack), direct and switched designs, uplinks limited per role.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.planner.design import TEAM_ROLES, Design, Role
from app.planner.naming import ROLE_LABELS
from app.planner.plan import plan
from app.planner.result import CableKind, EndKind, Plan
from app.planner.uplinks import role_switches

ROLES = ["management", "vmotion", "vm_traffic", "ip_storage", "unused"]
# Findings that explain why a vmnic with a role has no cable (P2/P3/P6 direct lanes that cannot
# be cabled evenly, P5 switch out of ports or missing, P10 a single host, P11 no switch for it).
NO_FAR_END = {"P2", "P3", "P5", "P6", "P10", "P11"}


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    topology = draw(st.sampled_from(["direct", "switched"]))
    card_count = draw(st.integers(1, 4))
    cards = []
    vmnic = 0
    for card in range(card_count):
        ports = []
        for _ in range(draw(st.integers(2, 4))):
            ports.append(
                {"vmnic": f"vmnic{vmnic}", "speed_gbps": 10, "role": draw(st.sampled_from(ROLES))}
            )
            vmnic += 1
        cards.append({"slot": "LOM" if card == 0 else f"PCIe {card}", "ports": ports})
    hosts = draw(st.integers(2, 4))
    switch_count = draw(st.integers(0, 3))
    stacked = switch_count >= 2 and draw(st.booleans())
    switches = [
        {
            "name": f"sw{index + 1}",
            "mtu": draw(st.sampled_from([1500, 9216])),
            "port_count": 48,
            **({"stack": "stack1"} if stacked and index < 2 else {}),
        }
        for index in range(switch_count)
    ]
    names = [s["name"] for s in switches]
    uplinks = {}
    for role in ("management", "vm_traffic", "ip_storage", "vmotion"):
        if names and draw(st.booleans()):
            uplinks[role] = {"switches": draw(st.lists(st.sampled_from(names), unique=True))}
    vlans = st.sampled_from([0, 10, 30])
    extra: dict[str, Any] = {}
    storage = any(p["role"] == "ip_storage" for card in cards for p in card["ports"])
    if draw(st.booleans()):  # port groups with VLANs of their own (iSCSI, a VM network)
        if storage:  # iSCSI vmks need ip_storage vmnics (a validation error otherwise)
            iscsi_vlan = draw(st.sampled_from([None, 40]))
            extra["ip_storage"] = {"iscsi": {"pool": "203.0.113.0/26", "vlan": iscsi_vlan}}
        extra["vm_networks"] = [{"portgroup": "App", "vlan": draw(st.sampled_from([0, 50]))}]
    return {
        **extra,
        "name": "property",
        "topology": topology,
        "hardware": cards,
        "hosts": [
            {"name": f"esx{i:02d}", "management": {"ip": f"192.0.2.{10 + i}/24"}}
            for i in range(1, hosts + 1)
        ],
        "vmotion": {
            "pool": "198.51.100.0/24",
            "mtu": draw(st.sampled_from([1500, 9000])),
            "vlan": draw(st.sampled_from([0, 20])),
        },
        "switches": switches,
        "uplinks": uplinks,
        "teaming": {
            "management": {"vlan": draw(vlans)},
            "vm_traffic": {"vlan": draw(vlans)},
            "ip_storage": {"vlan": draw(vlans)},
        },
    }


def _explained(p: Plan, host: str) -> bool:
    return any(
        f.rule in NO_FAR_END
        and (f"host:{host}" in f.objects or "design" in f.objects or _names_a_switch(f.objects))
        for f in p.findings
    )


def _names_a_switch(objects: list[str]) -> bool:
    return any(o.startswith("switch:") for o in objects)  # P5: a switch ran out of ports


@settings(max_examples=80, deadline=None)
@given(documents())
def test_every_vmnic_with_a_role_has_exactly_one_cable(doc: dict[str, Any]) -> None:
    p = plan(Design.model_validate(doc))
    ends: dict[tuple[str, str], int] = defaultdict(int)
    for cable in p.cables:
        for end in (cable.a, cable.b):
            if end.kind is EndKind.HOST:
                ends[(end.device, end.port)] += 1
    assert all(count == 1 for count in ends.values())
    for host in p.hosts:
        for row in host.nics:
            cabled = ends.get((host.name, row.vmnic), 0) == 1
            if row.role is Role.UNUSED:
                assert not cabled
            elif not cabled:
                assert _explained(p, host.name), f"{host.name} {row.vmnic} {row.role}"
            # The wiring table names the far end of every cabled vmnic (issue 7).
            assert bool(row.peer) is cabled


@settings(max_examples=80, deadline=None)
@given(documents())
def test_both_ends_of_every_cable_agree_on_mtu_and_vlan(doc: dict[str, Any]) -> None:
    p = plan(Design.model_validate(doc))
    ports = {(sw.name, port.interface): port for sw in p.switches for port in sw.ports}
    vswitch_of = {
        (host.name, vmnic): vswitch
        for host in p.hosts
        for vswitch in host.vswitches
        for vmnic in vswitch.uplinks
    }
    pg_vlans: dict[tuple[str, str], set[int]] = defaultdict(set)
    for host in p.hosts:
        for pg in host.portgroups:
            pg_vlans[(host.name, pg.vswitch)].add(pg.vlan)
    r12 = {o for f in p.findings if f.rule == "R12" for o in f.objects}
    for cable in p.cables:
        assert cable.mtu is not None and cable.vlans
        for end in (cable.a, cable.b):
            if end.kind is EndKind.SWITCH:
                port = ports[(end.device, end.port)]
                assert port.cable == cable.id
                assert port.vlans == cable.vlans
                if cable.kind is CableKind.INTER_SWITCH:
                    assert port.mtu == cable.mtu and port.kind == "inter_switch"
                else:
                    # A switch port below the host's MTU is always named by R12.
                    assert port.mtu >= cable.mtu or f"switch:{end.device}" in r12
            else:
                vswitch = vswitch_of[(end.device, end.port)]
                assert vswitch.mtu == cable.mtu
                assert pg_vlans.get((end.device, vswitch.name), set()) <= set(cable.vlans)


def _members(p: Plan) -> dict[tuple[str, Role], list[tuple[str, str]]]:
    landing = {
        (port.host, port.vmnic): sw.name for sw in p.switches for port in sw.ports if port.host
    }
    members: dict[tuple[str, Role], list[tuple[str, str]]] = defaultdict(list)
    for host in p.hosts:
        for row in host.nics:
            if (host.name, row.vmnic) in landing:
                members[(host.name, row.role)].append((landing[(host.name, row.vmnic)], row.card))
    return members


@settings(max_examples=80, deadline=None)
@given(documents())
def test_no_team_on_one_switch_or_card_unless_a_finding_names_it(doc: dict[str, Any]) -> None:
    design = Design.model_validate(doc)
    p = plan(design)
    if len(design.switches) < 2:
        return
    teams = [*TEAM_ROLES, *([Role.VMOTION] if design.topology == "switched" else [])]
    p12 = [f for f in p.findings if f.rule == "P12"]
    for (host, role), members in _members(p).items():
        if role not in teams:
            continue
        one_switch = len({s for s, _ in members}) == 1
        one_card = len({c for _, c in members}) == 1
        allowed = role_switches(design, role) or []
        if len(members) >= 2 and len(allowed) >= 2:
            assert not one_switch, f"{host} {role}: the planner put the team on one switch"
        if one_switch or one_card:
            assert any(
                f"host:{host}" in f.objects
                and f.message.startswith(f"The {ROLE_LABELS[role]} team")
                for f in p12
            ), f"{host} {role} {members}"


@settings(max_examples=80, deadline=None)
@given(documents())
def test_first_vmotion_standby_avoids_the_active_switch_where_it_can(doc: dict[str, Any]) -> None:
    design = Design.model_validate(doc)
    p = plan(design)
    landing = {
        (port.host, port.vmnic): sw.name for sw in p.switches for port in sw.ports if port.host
    }
    for host in p.hosts:
        for pg in host.portgroups:
            if pg.role is not Role.VMOTION or not pg.standby:
                continue
            active = landing.get((host.name, pg.active[0]))
            others = {landing.get((host.name, u)) for u in pg.standby} - {None}
            if active is not None and others - {active}:
                assert landing.get((host.name, pg.standby[0])) != active


@settings(max_examples=80, deadline=None)
@given(documents())
def test_switches_sharing_a_vlan_are_joined_by_a_link_that_carries_it(doc: dict[str, Any]) -> None:
    """No interconnects in the document: the proposal leaves no R44/R46 and no cut VLAN."""
    p = plan(Design.model_validate(doc))
    assert not {"R44", "R46"} & {f.rule for f in p.findings}
    group = {sw.name: sw.stack or sw.name for sw in p.switches}
    vlans: dict[str, set[int]] = defaultdict(set)
    for sw in p.switches:
        for port in sw.ports:
            if port.kind == "host":
                vlans[group[sw.name]] |= set(port.vlans)
    for vlan in set().union(*vlans.values()) if vlans else set():
        carriers = sorted(g for g, v in vlans.items() if vlan in v)
        parent: dict[str, str] = {}
        for link in p.interconnects:
            if vlan in link.vlans:
                parent[_root(parent, group[link.a])] = _root(parent, group[link.b])
        roots = {_root(parent, g) for g in carriers}
        assert len(roots) <= 1, f"VLAN {vlan} split over {carriers}"


def _root(parent: dict[str, str], node: str) -> str:
    while parent.setdefault(node, node) != node:
        node = parent[node]
    return node
