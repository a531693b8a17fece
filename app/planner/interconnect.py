"""Inter-switch links: the ones the document gives, or the ones the planner proposes.

vMotion pairs any vmk with any peer vmk of its subnet, and a team that fails over moves its
traffic to the other switch, so two switches that carry one VLAN must be joined by a link that
carries it (issue 7; R44-R46 check what the document says). A stack (or vPC/VSS group, one
``Switch.stack`` value) acts as one switch and needs no link between its members.

When the document lists no interconnects at all, the planner proposes them (P13): every switch
group that shares a VLAN with another group is joined to the first group that carries any VLAN
(a star, so the proposal never builds a layer-2 loop), by two cables in a port-channel on the
last two ports of each switch's range, carrying every VLAN that group shares with any other.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.planner.catalog import finding
from app.planner.design import Design, InterconnectKind, Role, Switch
from app.planner.inventory import HostInventory
from app.planner.result import EtherChannel, Finding
from app.planner.uplinks import NicKey

PROPOSED_LINKS = 2  # two cables: one link failing never splits the switches (issue 7)


@dataclass(frozen=True)
class LinkMember:
    """One inter-switch cable: a port on each side."""

    a: Switch
    port_a: str
    b: Switch
    port_b: str


@dataclass(frozen=True)
class InterSwitchLink:
    a: str
    b: str
    kind: InterconnectKind
    members: tuple[LinkMember, ...]
    mtu: int
    vlans: tuple[int, ...]
    channel_group: int | None
    bundled: bool  # a port-channel; its number is assigned after the hosts' (number_channels)
    proposed: bool
    existing: bool
    cables: tuple[str, ...] = ()


def group_of(switch: Switch) -> str:
    """The layer-2 unit a switch belongs to: its stack, or itself."""
    return f"stack:{switch.stack}" if switch.stack else f"switch:{switch.name}"


def _extra_vlans(design: Design) -> dict[Role, set[int]]:
    """VLANs of the port groups a role's vSwitch carries besides its own (port_vlans.py)."""
    extra: dict[Role, set[int]] = {}
    storage = [net for net in (design.ip_storage.iscsi, design.ip_storage.nfs) if net]
    extra[Role.IP_STORAGE] = {net.vlan for net in storage if net.vlan is not None}
    extra[Role.VM_TRAFFIC] = {network.vlan for network in design.vm_networks}
    for vmk in design.service_vmks:
        if vmk.vlan is not None:
            extra.setdefault(vmk.uplinks, set()).add(vmk.vlan)
    return extra


def switch_vlans(
    design: Design, hosts: list[HostInventory], choice: dict[NicKey, Switch]
) -> dict[str, set[int]]:
    """Switch name → every VLAN its host-facing ports carry (0 = untagged)."""
    vlans: dict[str, set[int]] = {switch.name: set() for switch in design.switches}
    extra = _extra_vlans(design)
    for inv in hosts:
        for nic in inv.nics:
            switch = choice.get((nic.host, nic.vmnic))
            if switch is not None:
                vlans[switch.name].add(design.role_vlan(nic.role, inv.host))
                vlans[switch.name] |= extra.get(nic.role, set())
    return vlans


def plan_links(
    design: Design,
    hosts: list[HostInventory],
    choice: dict[NicKey, Switch],
    findings: list[Finding],
) -> tuple[list[InterSwitchLink], dict[str, set[str]]]:
    """The inter-switch links and the switch ports they take (by switch name)."""
    by_switch = switch_vlans(design, hosts, choice)
    groups: dict[str, list[Switch]] = {}
    for switch in design.switches:
        groups.setdefault(group_of(switch), []).append(switch)
    group_vlans = {
        key: set().union(*(by_switch[s.name] for s in members)) for key, members in groups.items()
    }
    if design.interconnects:
        return _documented(design, group_vlans)
    return _proposed(groups, group_vlans, findings)


def _documented(
    design: Design, group_vlans: dict[str, set[int]]
) -> tuple[list[InterSwitchLink], dict[str, set[str]]]:
    by_name = {switch.name.lower(): switch for switch in design.switches}
    links: list[InterSwitchLink] = []
    reserved: dict[str, set[str]] = {}
    for link in design.interconnects:
        a, b = by_name[link.a.lower()], by_name[link.b.lower()]
        members = tuple(
            LinkMember(a, pa, b, pb) for pa, pb in zip(link.ports_a, link.ports_b, strict=True)
        )
        reserved.setdefault(a.name, set()).update(link.ports_a)
        reserved.setdefault(b.name, set()).update(link.ports_b)
        common = group_vlans[group_of(a)] & group_vlans[group_of(b)]
        links.append(
            InterSwitchLink(
                a=a.name,
                b=b.name,
                kind=link.kind,
                members=members,
                mtu=link.mtu if link.mtu is not None else min(a.mtu, b.mtu),
                vlans=tuple(sorted(set(link.vlans) if link.vlans is not None else common)),
                channel_group=link.channel_group,
                bundled=link.channel_group is not None or len(members) > 1,
                proposed=False,
                existing=link.existing,
            )
        )
    return links, reserved


def _proposed(
    groups: dict[str, list[Switch]],
    group_vlans: dict[str, set[int]],
    findings: list[Finding],
) -> tuple[list[InterSwitchLink], dict[str, set[str]]]:
    keys = [key for key in groups if group_vlans[key]]
    if len(keys) < 2:
        return [], {}
    hub, spokes = keys[0], keys[1:]
    free = {s.name: s.first_port + s.port_count - 1 for m in groups.values() for s in m}
    reserved: dict[str, set[str]] = {}

    def take(group: str) -> list[tuple[Switch, str]]:
        """The next free ports at the end of the group's range, one per proposed cable.

        A stack's cables are spread over its members (one member failing keeps a link); each
        switch's ports are handed out in ascending order within the block it gives up.
        """
        members = groups[group]
        wanted = [members[index % len(members)] for index in range(PROPOSED_LINKS)]
        ports: list[tuple[Switch, str]] = []
        for switch in dict.fromkeys(wanted):
            count = wanted.count(switch)
            low = max(free[switch.name] - count + 1, switch.first_port)
            for number in range(low, free[switch.name] + 1):
                interface = f"{switch.port_prefix}{number}"
                reserved.setdefault(switch.name, set()).add(interface)
                ports.append((switch, interface))
            free[switch.name] = low - 1
        return ports

    links: list[InterSwitchLink] = []
    for spoke in spokes:
        others = set().union(*(group_vlans[k] for k in keys if k != spoke))
        shared = group_vlans[spoke] & others
        if not shared:
            continue
        members = [
            LinkMember(near[0], near[1], far[0], far[1])
            for near, far in zip(take(hub), take(spoke), strict=False)
        ]
        if not members:
            continue
        link = InterSwitchLink(
            a=members[0].a.name,
            b=members[0].b.name,
            kind=InterconnectKind.ISL,
            members=tuple(members),
            mtu=min(s.mtu for s in (*groups[hub], *groups[spoke])),
            vlans=tuple(sorted(shared)),
            channel_group=None,
            bundled=len(members) > 1,
            proposed=True,
            existing=False,
        )
        links.append(link)
        findings.append(_proposal_finding(link))
    return links, reserved


def _proposal_finding(link: InterSwitchLink) -> Finding:
    ends = "; ".join(f"{m.a.name} {m.port_a} – {m.b.name} {m.port_b}" for m in link.members)
    vlans = ", ".join("untagged" if v == 0 else str(v) for v in link.vlans)
    return finding(
        "P13",
        f"The design lists no inter-switch links, but {link.a} and {link.b} carry the same "
        f"VLANs ({vlans}). The plan proposes {len(link.members)} cable(s) between them "
        f"({ends}) in a port-channel, MTU {link.mtu}, on ports reserved at the end of each "
        "switch's range.",
        objects=[f"switch:{link.a}", f"switch:{link.b}"],
    )


def number_channels(
    links: list[InterSwitchLink], channels: list[EtherChannel]
) -> list[InterSwitchLink]:
    """Give each bundled link without a number the next port-channel above its switches' own."""
    used: dict[str, set[int]] = {}
    for channel in channels:
        for member in channel.members:
            used.setdefault(member.split(" ", 1)[0], set()).add(channel.channel_group)
    for link in links:
        if link.channel_group is not None:
            for name in (link.a, link.b):
                used.setdefault(name, set()).add(link.channel_group)
    numbered = []
    for link in links:
        if link.bundled and link.channel_group is None:
            names = {m.a.name for m in link.members} | {m.b.name for m in link.members}
            taken = set().union(*(used.get(name, set()) for name in names))
            number = max(taken, default=0) + 1
            for name in names:
                used.setdefault(name, set()).add(number)
            link = replace(link, channel_group=number)
        numbered.append(link)
    return numbered
