"""Cabling: which vMotion vmnic is a lane, which cable goes where, which switch port it lands on.

Back-to-back (problem 3, E1/E3): each cable joins one vmnic of a host to one vmnic of a peer, and
carries exactly one vMotion lane. Every other vmnic with a role (and switched vMotion, E4) goes
to a switch port (uplinks.py spreads each team over switches and cards), and switches that share
a VLAN are joined by inter-switch links (interconnect.py). Cables are numbered here, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from app.planner.catalog import finding
from app.planner.design import Design, Role, Topology
from app.planner.interconnect import InterSwitchLink, plan_links
from app.planner.inventory import HostInventory, Nic, interleave_by_card
from app.planner.result import CableEnd, CableKind, EndKind, Finding
from app.planner.uplinks import SwitchLanding, choose_switches, number_ports

# Okabe-Ito colours: distinguishable for colour-blind readers and apart in greyscale print.
LANE_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
ROLE_COLOURS = {
    Role.MANAGEMENT: "#6B7280",
    Role.VM_TRAFFIC: "#374151",
    Role.IP_STORAGE: "#7C3AED",
    Role.VMOTION: LANE_COLOURS[0],
    Role.UNUSED: "#9CA3AF",
}


INTER_SWITCH_COLOUR = "#111827"


def lane_colour(lane: int) -> str:
    return LANE_COLOURS[(lane - 1) % len(LANE_COLOURS)]


@dataclass(frozen=True)
class LanePort:
    """A vMotion vmnic that carries a lane: it gets one vmk and one port group."""

    host: str
    nic: Nic
    lane: int  # 1-based, per host


@dataclass(frozen=True)
class DirectLink:
    """A back-to-back vMotion cable; `a` is on the lower-named host."""

    a: LanePort
    b: LanePort


@dataclass(frozen=True)
class CableDraft:
    id: str
    kind: CableKind
    role: Role | None  # None: an inter-switch link
    lane: int | None
    a: CableEnd
    b: CableEnd
    speed_gbps: int
    colour: str
    vlans: tuple[int, ...]
    existing: bool = False
    link: DirectLink | None = None
    mtu: int | None = None  # inter-switch links only; host cables take their vSwitch MTU
    proposed: bool = False


@dataclass
class Cabling:
    lanes: dict[str, list[LanePort]]
    links: list[DirectLink]
    landings: list[SwitchLanding]
    cables: list[CableDraft]
    interconnects: list[InterSwitchLink] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def plan_cabling(design: Design, hosts: list[HostInventory]) -> Cabling:
    """Lanes, back-to-back links, switch landings and cables, in their stable order."""
    findings: list[Finding] = []
    if design.topology is Topology.DIRECT:
        lanes, links = _direct_lanes(hosts, findings)
    else:
        lanes, links = _switched_lanes(hosts, findings), []
    _no_switches(design, findings)
    choice = choose_switches(design, hosts, findings)
    isls, reserved = plan_links(design, hosts, choice, findings)
    landings = number_ports(hosts, choice, design.switches, reserved, findings)
    cables, isls = _number_cables(design, hosts, lanes, links, landings, isls)
    return Cabling(
        lanes=lanes,
        links=links,
        landings=landings,
        cables=cables,
        interconnects=isls,
        findings=findings,
    )


def _switched_lanes(
    hosts: list[HostInventory], findings: list[Finding]
) -> dict[str, list[LanePort]]:
    return {
        inv.name: [
            LanePort(inv.name, nic, lane)
            for lane, nic in enumerate(inv.with_role(Role.VMOTION), start=1)
        ]
        for inv in hosts
    }


def _direct_lanes(
    hosts: list[HostInventory], findings: list[Finding]
) -> tuple[dict[str, list[LanePort]], list[DirectLink]]:
    lanes: dict[str, list[LanePort]] = {inv.name: [] for inv in hosts}
    if len(hosts) < 2:
        return lanes, []
    peers = len(hosts) - 1
    per_peer = min(len(inv.with_role(Role.VMOTION)) for inv in hosts) // peers
    if per_peer == 0:
        if any(inv.with_role(Role.VMOTION) for inv in hosts):
            findings.append(
                finding(
                    "P3",
                    f"A back-to-back mesh of {len(hosts)} hosts needs at least {peers} vMotion "
                    f"vmnics on every host (one cable to each of the {peers} peers); "
                    f"the smallest host has {min(len(i.with_role(Role.VMOTION)) for i in hosts)}.",
                    objects=[f"host:{inv.name}" for inv in hosts],
                )
            )
        return lanes, []
    for inv in hosts:
        nics = inv.with_role(Role.VMOTION)
        used = nics[: peers * per_peer]
        lanes[inv.name] = [LanePort(inv.name, nic, lane) for lane, nic in enumerate(used, start=1)]
        left = nics[peers * per_peer :]
        if left:
            findings.append(
                finding(
                    "P6",
                    f"Host {inv.name}: {', '.join(n.vmnic for n in left)} cannot be cabled evenly "
                    f"to the {peers} peer(s) and stay uncabled and without a vmk.",
                    objects=[f"host:{inv.name}"],
                )
            )
    return lanes, _mesh_links(hosts, lanes, per_peer)


def _mesh_links(
    hosts: list[HostInventory], lanes: dict[str, list[LanePort]], per_peer: int
) -> list[DirectLink]:
    """Give each host pair `per_peer` lanes, preferring the same vmnic block on both ends.

    Each host's lanes, taken card by card (A1, B1, A2, B2 …), are cut into blocks of
    `per_peer`, one block per peer, so a peer's cables spread over the cards and one card
    failing never cuts a peer off. Pairs are served in name order; a pair takes the lowest
    block free on both hosts, else the lowest free on each (a triangle cannot match on all
    three pairs: E3 matches two of three).
    """
    peers = len(hosts) - 1
    blocks = {name: _blocks(ports, per_peer) for name, ports in lanes.items()}
    free = {inv.name: list(range(peers)) for inv in hosts}
    links: list[DirectLink] = []
    for i, first in enumerate(hosts):
        for second in hosts[i + 1 :]:
            common = [b for b in free[first.name] if b in free[second.name]]
            block_a = common[0] if common else free[first.name][0]
            block_b = common[0] if common else free[second.name][0]
            free[first.name].remove(block_a)
            free[second.name].remove(block_b)
            for offset in range(per_peer):
                links.append(
                    DirectLink(
                        a=blocks[first.name][block_a][offset],
                        b=blocks[second.name][block_b][offset],
                    )
                )
    return links


def _blocks(ports: list[LanePort], size: int) -> list[list[LanePort]]:
    """Cut a host's lanes into per-peer blocks, card by card; each block in lane order."""
    spread = interleave_by_card(ports, lambda port: port.nic.card_index)
    cut = [spread[start : start + size] for start in range(0, len(spread), size)]
    return [sorted(block, key=lambda port: port.lane) for block in cut]


def _no_switches(design: Design, findings: list[Finding]) -> None:
    if not design.switches and design.topology is Topology.SWITCHED:
        findings.append(
            finding(
                "P5",
                "The design is switched but lists no physical switches; add the switches "
                "the hosts connect to.",
                objects=["design"],
            )
        )


def _host_end(nic: Nic) -> CableEnd:
    return CableEnd(
        kind=EndKind.HOST,
        device=nic.host,
        port=nic.vmnic,
        card=nic.card,
        card_port=nic.card_port,
        label=nic.label,
    )


def _number_cables(
    design: Design,
    hosts: list[HostInventory],
    lanes: dict[str, list[LanePort]],
    links: list[DirectLink],
    landings: list[SwitchLanding],
    isls: list[InterSwitchLink],
) -> tuple[list[CableDraft], list[InterSwitchLink]]:
    """vMotion cables first in lane order, then the other host cables, then inter-switch links."""
    host_of = {inv.name: inv.host for inv in hosts}
    host_order = {inv.name: index for inv, index in zip(hosts, range(len(hosts)), strict=True)}
    lane_of = {(lp.host, lp.nic.vmnic): lp.lane for ports in lanes.values() for lp in ports}
    vmotion = [land for land in landings if land.nic.role is Role.VMOTION]
    vmotion.sort(
        key=lambda land: (
            lane_of.get((land.nic.host, land.nic.vmnic), 0),
            host_order[land.nic.host],
        )
    )
    others = [land for land in landings if land.nic.role is not Role.VMOTION]
    total = len(links) + len(landings) + sum(len(isl.members) for isl in isls)
    width = max(2, len(str(total)))
    drafts: list[CableDraft] = []

    def next_id() -> str:
        return f"C{len(drafts) + 1:0{width}d}"

    vmotion_existing = design.uplinks.vmotion.existing
    for link in links:
        drafts.append(
            CableDraft(
                id=next_id(),
                kind=CableKind.DIRECT,
                role=Role.VMOTION,
                lane=link.a.lane,
                a=_host_end(link.a.nic),
                b=_host_end(link.b.nic),
                speed_gbps=min(link.a.nic.speed_gbps, link.b.nic.speed_gbps),
                colour=lane_colour(link.a.lane),
                vlans=(design.vmotion.vlan,),
                existing=vmotion_existing,
                link=link,
            )
        )
    for land in [*vmotion, *others]:
        lane = (
            lane_of.get((land.nic.host, land.nic.vmnic)) if land.nic.role is Role.VMOTION else None
        )
        drafts.append(
            CableDraft(
                id=next_id(),
                kind=CableKind.UPLINK,
                role=land.nic.role,
                lane=lane,
                a=_host_end(land.nic),
                b=CableEnd(kind=EndKind.SWITCH, device=land.switch.name, port=land.interface),
                speed_gbps=land.nic.speed_gbps,
                colour=lane_colour(lane) if lane else ROLE_COLOURS[land.nic.role],
                vlans=(design.role_vlan(land.nic.role, host_of[land.nic.host]),),
                existing=design.uplinks.for_role(land.nic.role).existing,
            )
        )
    numbered = []
    for isl in isls:
        ids = []
        for member in isl.members:
            ids.append(next_id())
            drafts.append(
                CableDraft(
                    id=ids[-1],
                    kind=CableKind.INTER_SWITCH,
                    role=None,
                    lane=None,
                    a=CableEnd(kind=EndKind.SWITCH, device=member.a.name, port=member.port_a),
                    b=CableEnd(kind=EndKind.SWITCH, device=member.b.name, port=member.port_b),
                    speed_gbps=_isl_speed(landings),
                    colour=INTER_SWITCH_COLOUR,
                    vlans=isl.vlans,
                    existing=isl.existing,
                    mtu=isl.mtu,
                    proposed=isl.proposed,
                )
            )
        numbered.append(replace(isl, cables=tuple(ids)))
    return drafts, numbered


def _isl_speed(landings: list[SwitchLanding]) -> int:
    """The design says nothing about switch-to-switch speed: assume the fastest host link."""
    return max((land.nic.speed_gbps for land in landings), default=10)
