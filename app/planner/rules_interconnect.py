"""Inter-switch link rules (R44-R46): switches that share a VLAN must be joined by a link that
carries it, at an MTU that fits the vMotion frames (issue 7).

Realised on a network stack, a switched design whose two switches are not linked fails half of
its own test plan (vMotion pairs any vmk with any peer vmk of the subnet, and a failover moves a
vmk to the other switch); with the link at MTU 1500, exactly the jumbo checks across it fail.
A stack (one ``Switch.stack`` value) is one switch here.
"""

from __future__ import annotations

from collections import defaultdict

from app.planner.catalog import finding
from app.planner.design import Design, Role, Topology
from app.planner.result import Finding, InterconnectPlan, Plan, Severity, SwitchPlan
from app.planner.rules_common import Check, cable_obj, listing, switch_obj, vmotion_vmks

# Ethernet header (14) + 802.1Q tag (4) + FCS (4): a 1500-byte payload is a 1522-byte frame.
FRAME_OVERHEAD = 22
STANDARD_MTU = 1500


def _group(switch: SwitchPlan) -> str:
    return f"stack {switch.stack}" if switch.stack else switch.name


def _group_vlans(plan: Plan) -> dict[str, set[int]]:
    vlans: dict[str, set[int]] = defaultdict(set)
    for switch in plan.switches:
        for port in switch.ports:
            if port.kind == "host":
                vlans[_group(switch)].update(port.vlans)
    return vlans


def _vlan_text(vlans: list[int]) -> str:
    return listing("untagged" if vlan == 0 else str(vlan) for vlan in vlans)


def _link_objects(link: InterconnectPlan) -> list[str]:
    return [switch_obj(link.a), switch_obj(link.b), *(cable_obj(c) for c in link.cables)]


def check_link_vlans(design: Design, plan: Plan) -> list[Finding]:
    """R44: a VLAN both ends of a link carry to hosts that the link does not allow."""
    group_of = {switch.name: _group(switch) for switch in plan.switches}
    vlans = _group_vlans(plan)
    found = []
    for link in plan.interconnects:
        a, b = group_of[link.a], group_of[link.b]
        if a == b:
            continue  # a vPC peer-link inside one group: the group is one switch here
        missing = sorted((vlans[a] & vlans[b]) - set(link.vlans))
        if missing:
            found.append(
                finding(
                    "R44",
                    f"{link.a} and {link.b} both carry VLAN {_vlan_text(missing)} but the link "
                    f"between them ({listing(link.cables)}) does not; a failover to the other "
                    "switch, or a peer behind it, is cut off on that VLAN.",
                    objects=_link_objects(link),
                )
            )
    return found


def check_link_mtu(design: Design, plan: Plan) -> list[Finding]:
    """R45: a link carrying the vMotion VLAN below the vMotion MTU (error) or its frame size."""
    if design.topology is not Topology.SWITCHED:
        return []
    largest = max((vmk.mtu for host in plan.hosts for vmk in vmotion_vmks(host)), default=0)
    found = []
    for link in plan.interconnects:
        if design.vmotion.vlan not in link.vlans or not largest:
            continue
        if link.mtu < largest:
            found.append(
                finding(
                    "R45",
                    f"The link {link.a}–{link.b} ({listing(link.cables)}) has MTU {link.mtu} "
                    f"but carries vMotion at MTU {largest}; the switches drop every larger "
                    "frame that crosses it.",
                    objects=_link_objects(link),
                )
            )
        elif largest > STANDARD_MTU and link.mtu < largest + FRAME_OVERHEAD:
            found.append(
                finding(
                    "R45",
                    f"The link {link.a}–{link.b} ({listing(link.cables)}) has MTU {link.mtu}, "
                    f"less than vMotion's {largest} plus {FRAME_OVERHEAD} bytes of Ethernet "
                    "header, 802.1Q tag and FCS; platforms that count the whole frame drop "
                    "jumbo vMotion frames.",
                    severity=Severity.WARNING,
                    objects=_link_objects(link),
                )
            )
    return found


def check_vmotion_reach(design: Design, plan: Plan) -> list[Finding]:
    """R46: hosts of one vMotion subnet on switch groups no link joins."""
    if design.topology is not Topology.SWITCHED:
        return []
    group_of = {switch.name: _group(switch) for switch in plan.switches}
    landing = {
        (port.host, port.vmnic): group_of[switch.name]
        for switch in plan.switches
        for port in switch.ports
        if port.kind == "host" and port.role is Role.VMOTION
    }
    parent = {group: group for group in set(group_of.values())}

    def root(group: str) -> str:
        while parent[group] != group:
            group = parent[group]
        return group

    for link in plan.interconnects:
        parent[root(group_of[link.a])] = root(group_of[link.b])
    subnets: dict[str, set[str]] = defaultdict(set)
    for host in plan.hosts:
        networks = {str(vmk.address.network) for vmk in vmotion_vmks(host)}
        groups = {
            landing[(host.name, row.vmnic)]
            for row in host.nics
            if (host.name, row.vmnic) in landing
        }
        for network in networks:
            subnets[network] |= groups
    found = []
    for network, groups in sorted(subnets.items()):
        parts: dict[str, list[str]] = defaultdict(list)
        for group in sorted(groups):
            parts[root(group)].append(group)
        if len(parts) > 1:
            apart = "; ".join(listing(members) for members in parts.values())
            found.append(
                finding(
                    "R46",
                    f"Hosts in vMotion subnet {network} have vMotion uplinks on switches that "
                    f"no inter-switch link or stack joins ({apart}); vMotion between them, and "
                    "every failover to the other side, fails.",
                    objects=[
                        switch_obj(s.name) for s in plan.switches if group_of[s.name] in groups
                    ],
                )
            )
    return found


CHECKS: tuple[Check, ...] = (check_link_vlans, check_link_mtu, check_vmotion_reach)
