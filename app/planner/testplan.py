"""The vmkping test plan: every path a vMotion stream can take, jumbo payload, both ways (R39).

Payload = MTU − 28 (20 bytes IPv4 header + 8 bytes ICMP header): 8972 for MTU 9000. ``-d`` sets
do-not-fragment so an MTU mismatch anywhere on the path fails loudly instead of fragmenting.

vMotion pairs any vmk with any peer vmk in the same subnet (problem 3), so a check exists for
every such pair that vMotion can use:

- Back-to-back: each cable both ways (its two ends share the cable's /30). Where vmks of
  different cables share one subnet anyway (R5, the "stuck at 9%" anti-pattern of E2), vMotion
  tries those pairs too, so they are checked as well; on ESXi they fail, which is the point.
- Switched: the hosts form a ring in name order; every vmk is checked against every same-subnet
  vmk of the next host, so each vmk sends to every lane of one peer and receives from every
  lane of another (both directions), every switch-to-switch path (sw1→sw1, sw1→sw2, …) is
  exercised, and the count stays linear in hosts. Then each lane once more on its standby
  uplink with the active uplink down (R3: the mirror-image failover must reach the peer too).
  An echo reply travels the request's path back, so reversing each pair would test the same
  links twice and double a 96-host plan's checks (and planning time) for nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import IPv4Address

from app.planner.design import Design, Netstack, Role, Topology
from app.planner.result import Cable, EndKind, HostPlan, PortGroup, Vmk, VmkPing

IP_ICMP_HEADERS = 28


def vmkping_command(source: Vmk, target_ip: str) -> str:
    stack = "-S vmotion " if source.netstack is Netstack.VMOTION else ""
    return f"vmkping {stack}-I {source.name} -d -s {source.mtu - IP_ICMP_HEADERS} {target_ip}"


def _same_subnet(a: _End, b: _End) -> bool:
    return a.subnet == b.subnet


class _Switches:
    """Which switch each host uplink lands on (empty for back-to-back or uncabled vmnics)."""

    def __init__(self, cables: list[Cable]) -> None:
        self._far: dict[tuple[str, str], str] = {}
        for cable in cables:
            for near, far in ((cable.a, cable.b), (cable.b, cable.a)):
                if near.kind is EndKind.HOST and far.kind is EndKind.SWITCH:
                    self._far[(near.device, near.port)] = far.device

    def far(self, host: str, vmnic: str) -> str:
        return self._far.get((host, vmnic), "")


def _via(first: str, second: str) -> list[str]:
    """The switches between two uplinks, in order, each once (empty when back-to-back)."""
    if not first or not second:
        return [first or second] if first or second else []
    return [first] if first == second else [first, second]


@dataclass(frozen=True, slots=True)
class _End:
    """A vMotion vmk with its host, failover order and the switches its uplinks land on (values
    computed once: the switched plan of 96 hosts has thousands of checks)."""

    host: str
    vmk: Vmk
    active: str
    standby: str
    subnet: tuple[int, int]  # (network address, prefix): cheaper to compare than IPv4Network
    address: IPv4Address  # IPv4Interface.ip builds a new object on every access
    ip: str
    active_switch: str
    standby_switch: str

    @classmethod
    def of(cls, host: str, vmk: Vmk, portgroup: PortGroup, switch_of: _Switches) -> _End:
        active = portgroup.active[0] if portgroup.active else ""
        standby = portgroup.standby[0] if portgroup.standby else ""
        return cls(
            host=host,
            vmk=vmk,
            active=active,
            standby=standby,
            subnet=(int(vmk.address.network.network_address), vmk.address.network.prefixlen),
            address=vmk.address.ip,
            ip=str(vmk.address.ip),
            active_switch=switch_of.far(host, active),
            standby_switch=switch_of.far(host, standby),
        )


def _ends(host: HostPlan, switch_of: _Switches) -> list[_End]:
    """The host's vMotion vmks that have an active uplink, in lane order."""
    groups = {pg.name: pg for pg in host.portgroups}
    ends = [
        _End.of(host.name, vmk, groups[vmk.portgroup], switch_of)
        for vmk in host.vmks
        # Lane vmks only: a service vmk on the vMotion vmnics (issue 7.4) has no lane.
        if vmk.role is Role.VMOTION and vmk.lane is not None and vmk.portgroup in groups
    ]
    return sorted((end for end in ends if end.active), key=lambda e: (e.vmk.lane or 0, e.vmk.name))


def _check(src: _End, dst: _End, standby: bool = False) -> VmkPing:
    uplink = src.standby if standby else src.active
    target = f"{dst.ip} ({dst.host} {dst.vmk.name})"
    expected = f"replies from {target}, 0% packet loss"
    if standby:
        expected = (
            f"with {src.active} down, {src.vmk.name} fails over to {uplink}; "
            f"replies from {target}, 0% packet loss"
        )
    return VmkPing(
        group=f"{src.host} → {dst.host}",
        path="standby" if standby else "active",
        failed_uplink=src.active if standby else "",
        via_switches=_via(src.standby_switch if standby else src.active_switch, dst.active_switch),
        lane=src.vmk.lane,
        source_host=src.host,
        source_vmk=src.vmk.name,
        source_ip=src.address,
        target_host=dst.host,
        target_vmk=dst.vmk.name,
        target_ip=dst.address,
        netstack=src.vmk.netstack,
        mtu=src.vmk.mtu,
        payload=src.vmk.mtu - IP_ICMP_HEADERS,
        command=vmkping_command(src.vmk, dst.ip),
        expected=expected,
    )


def plan_tests(design: Design, hosts: list[HostPlan], cables: list[Cable]) -> list[VmkPing]:
    """vmkping checks for every vMotion path, grouped by source → target host.

    Args:
        design: the design (topology decides who can reach whom).
        hosts: the planned hosts, in name order.
        cables: every planned cable (back-to-back links and switch uplinks).

    Returns:
        Checks ordered by source host, then group; each group's ``group`` names its host pair.
        Back-to-back: 2 per cable plus the same-subnet pairs R5 warns about. Switched: for n
        hosts with L lanes, n·L² active checks (L² per ring edge; 2 hosts: both directions of
        their pair) plus n·L standby checks: linear in hosts.
    """
    switch_of = _Switches(cables)
    ends = {host.name: _ends(host, switch_of) for host in hosts}
    if design.topology is Topology.DIRECT:
        checks = _direct_checks(ends, cables)
    else:
        checks = _switched_checks([host.name for host in hosts], ends)
    order = {host.name: index for index, host in enumerate(hosts)}
    # Stable sort: the per-source order built above (peers, lanes, active before standby) stays.
    return sorted(checks, key=lambda check: order[check.source_host])


def _direct_checks(ends: dict[str, list[_End]], cables: list[Cable]) -> list[VmkPing]:
    by_uplink = {(end.host, end.active): end for host_ends in ends.values() for end in host_ends}
    checks: list[VmkPing] = []
    pairs: dict[tuple[str, str], None] = {}
    for cable in cables:
        a = by_uplink.get((cable.a.device, cable.a.port))
        b = by_uplink.get((cable.b.device, cable.b.port))
        if cable.role is not Role.VMOTION or a is None or b is None:
            continue
        checks += [_check(a, b), _check(b, a)]
        pairs |= {(a.host, b.host): None, (b.host, a.host): None}
    cabled = {(c.source_vmk, c.source_host, c.target_vmk, c.target_host) for c in checks}
    for source, target in pairs:  # R5: same-subnet vmks at the far end of another cable
        for a in ends[source]:
            for b in ends[target]:
                if _same_subnet(a, b) and (a.vmk.name, a.host, b.vmk.name, b.host) not in cabled:
                    checks.append(_check(a, b))
    return checks


def ring_peers(names: list[str]) -> list[tuple[str, str]]:
    """Ordered (source, target) pairs of a ring: each host to the next, the last to the first.

    Every host is a source once and a target once, so with every lane against every lane each
    vmk is checked in both directions: towards the next host's lanes and from the previous
    host's. Two hosts get both directions of their one pair.
    """
    count = len(names)
    pairs = [(name, names[(index + 1) % count]) for index, name in enumerate(names)]
    return [(source, target) for source, target in pairs if source != target]


def _switched_checks(names: list[str], ends: dict[str, list[_End]]) -> list[VmkPing]:
    checks = []
    for source, target in ring_peers(names):
        for a in ends[source]:
            checks += [_check(a, b) for b in ends[target] if _same_subnet(a, b)]
    for source, target in ring_peers(names):
        for a in (end for end in ends[source] if end.standby):
            peers = [b for b in ends[target] if _same_subnet(a, b)]
            # Same lane first: its active uplink is on the switch a's standby is not (R3).
            peers.sort(key=lambda b: b.vmk.lane != a.vmk.lane)
            if peers:
                checks.append(_check(a, peers[0], standby=True))
    return checks
