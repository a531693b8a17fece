"""A plan as a Linux network: namespaces, veth links, bridges and vmks (pure, no commands).

ESXi concept → Linux, as realised here (docs/lab.md says why):

- host → a network namespace; each non-default TCP/IP stack (vMotion, provisioning) → one more
  namespace of its own (own routing table, ARP table and sockets: an ESXi netstack; this
  kernel has no VRF, and a namespace is closer to a netstack anyway);
- switch → a namespace; a stack of switches → one namespace (the stack is one switch);
- VLAN → a bridge ``br<vlan>`` in the switch namespace. This kernel has neither 802.1Q
  (``type vlan``) nor bridge VLAN filtering, so tags never reach the wire: each cable becomes
  one veth pair per VLAN it must carry, and the VLAN is checked statically here when cabling
  (a host VLAN the switch port does not carry stays unbridged, so its frames are dropped as a
  real switch drops a tag it does not carry);
- cable → a veth pair with the MTU of each end (vSwitch MTU on the host, port MTU on the switch);
  an inter-switch link → one veth pair per VLAN it carries, at the link's MTU. A port-channel is
  one logical link (no bonding driver here), and per VLAN only a spanning tree of the links is
  realised, as STP would block the rest;
- vmk → a macvlan (mode bridge) on its port group's first active uplink, with its MAC, address
  and MTU; failover moves it to the next uplink in the active/standby order, as ESXi does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from ipaddress import IPv4Interface

from app.planner.design import Netstack, Role
from app.planner.result import Cable, EndKind, HostPlan, Plan, SwitchPort


@dataclass(frozen=True)
class Vmk:
    host: str
    name: str
    namespace: str  # key of the host or stack namespace it lives in
    address: IPv4Interface
    mtu: int
    vlan: int
    mac: str
    uplinks: list[str]  # active then standby vmnics, the failover order
    binds: bool  # vMotion binds its streams to the vmk (the KB 2010877 exception)
    notify: bool  # the port group's "Notify switches": a RARP tells them where the MAC moved


@dataclass(frozen=True)
class Link:
    """One veth pair: (namespace key, interface, MTU, bridge or "") at each end."""

    a_ns: str
    a_if: str
    a_mtu: int
    a_bridge: str
    b_ns: str
    b_if: str
    b_mtu: int
    b_bridge: str
    # The (host, vmnic) at the a end, and at the b end of a back-to-back cable, whose failure
    # takes this link down; None for inter-switch links.
    host_uplink: tuple[str, str] | None = None
    far_uplink: tuple[str, str] | None = None

    def ends_of(self, host: str, vmnic: str) -> list[tuple[str, str]]:
        """The (namespace key, interface) ends that belong to that host vmnic."""
        ends = []
        if self.host_uplink == (host, vmnic):
            ends.append((self.a_ns, self.a_if))
        if self.far_uplink == (host, vmnic):
            ends.append((self.b_ns, self.b_if))
        return ends


@dataclass
class Topology:
    """Every namespace, link and vmk of a plan, by stable keys (``h1``, ``h1-vmotion``, ``s1``)."""

    host_ns: dict[str, str] = field(default_factory=dict)
    stack_ns: list[str] = field(default_factory=list)
    switch_ns: dict[str, str] = field(default_factory=dict)  # switch name → namespace key
    links: list[Link] = field(default_factory=list)
    vmks: list[Vmk] = field(default_factory=list)
    uplink_ifs: dict[tuple[str, str, int], str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def namespaces(self) -> list[str]:
        return [*self.host_ns.values(), *self.stack_ns, *dict.fromkeys(self.switch_ns.values())]

    def uplink_if(self, host: str, vmnic: str, vlan: int) -> str:
        return self.uplink_ifs[(host, vmnic, vlan)]


def build(plan: Plan) -> Topology:
    """The Linux realisation of ``plan``; raises ValueError on what the lab cannot express."""
    topo = Topology()
    for index, host in enumerate(plan.hosts, start=1):
        topo.host_ns[host.name] = f"h{index}"
    for index, name in enumerate(_switch_groups(plan), start=1):
        for switch in name:
            topo.switch_ns[switch] = f"s{index}"
    vlans = {host.name: _uplink_vlans(host) for host in plan.hosts}
    mtus = {host.name: _uplink_mtus(host) for host in plan.hosts}
    for cable in plan.cables:
        _cable(topo, plan, cable, vlans, mtus)
    _uncabled(topo, plan, vlans, mtus)
    _interconnects(topo, plan)
    for index, host in enumerate(plan.hosts, start=1):
        topo.vmks += _vmks(topo, host, index)
    return topo


def _switch_groups(plan: Plan) -> list[list[str]]:
    """Switch names per namespace: a stack's members share one (the stack is one switch)."""
    groups: dict[str, list[str]] = {}
    for switch in plan.switches:
        groups.setdefault(switch.stack or f"switch:{switch.name}", []).append(switch.name)
    return list(groups.values())


def _uplink_vlans(host: HostPlan) -> dict[str, set[int]]:
    """The VLANs each vmnic must carry: those of port groups with a vmk it is an uplink of."""
    used = {vmk.portgroup for vmk in host.vmks}
    vlans: dict[str, set[int]] = {}
    for pg in host.portgroups:
        if pg.name in used:
            for vmnic in [*pg.active, *pg.standby]:
                vlans.setdefault(vmnic, set()).add(pg.vlan)
    return vlans


def _uplink_mtus(host: HostPlan) -> dict[str, int]:
    return {vmnic: vs.mtu for vs in host.vswitches for vmnic in vs.uplinks}


def _cable(
    topo: Topology,
    plan: Plan,
    cable: Cable,
    vlans: dict[str, dict[str, set[int]]],
    mtus: dict[str, dict[str, int]],
) -> None:
    if cable.a.kind is EndKind.SWITCH and cable.b.kind is EndKind.SWITCH:
        return  # inter-switch links are realised per interconnect, below
    host_end, far = (cable.a, cable.b) if cable.a.kind is EndKind.HOST else (cable.b, cable.a)
    near_vlans = vlans[host_end.device].get(host_end.port, set())
    if far.kind is EndKind.HOST:
        carried = near_vlans | vlans[far.device].get(far.port, set())
        for vlan in sorted(carried):
            topo.links.append(
                Link(
                    topo.host_ns[host_end.device],
                    _host_if(topo, host_end.device, host_end.port, vlan),
                    mtus[host_end.device].get(host_end.port, 1500),
                    "",
                    topo.host_ns[far.device],
                    _host_if(topo, far.device, far.port, vlan),
                    mtus[far.device].get(far.port, 1500),
                    "",
                    host_uplink=(host_end.device, host_end.port),
                    far_uplink=(far.device, far.port),
                )
            )
        return
    switch = next(s for s in plan.switches if s.name == far.device)
    port = next(p for p in switch.ports if p.interface == far.port)
    for vlan in sorted(near_vlans):
        bridge = _bridge_for(port, vlan)
        if not bridge:
            topo.notes.append(
                f"{cable.id}: {switch.name} {port.interface} does not carry VLAN {vlan} "
                f"of {host_end.device} {host_end.port}; left unbridged"
            )
        topo.links.append(
            Link(
                topo.host_ns[host_end.device],
                _host_if(topo, host_end.device, host_end.port, vlan),
                mtus[host_end.device].get(host_end.port, 1500),
                "",
                topo.switch_ns[switch.name],
                f"c{len(topo.links)}v{vlan}",
                port.mtu,
                bridge,
                host_uplink=(host_end.device, host_end.port),
            )
        )


def _bridge_for(port: SwitchPort, vlan: int) -> str:
    """The bridge a host frame of port-group VLAN ``vlan`` (0 = untagged) joins on this port.

    The static stand-in for 802.1Q: untagged frames join the access VLAN (or the trunk's
    untagged VLAN, listed as 0); a tag joins its VLAN only on a trunk that carries it.
    """
    if port.mode == "access":
        return f"br{port.vlan}" if vlan == 0 else ""  # a tagged frame on an access port drops
    return f"br{vlan}" if vlan in port.vlans else ""


def _host_if(topo: Topology, host: str, vmnic: str, vlan: int) -> str:
    """Interface names are at most 15 bytes: ``n<index>v<vlan>`` inside the host namespace."""
    key = (host, vmnic, vlan)
    if key not in topo.uplink_ifs:
        count = sum(1 for h, _, _ in topo.uplink_ifs if h == host)
        topo.uplink_ifs[key] = f"n{count}v{vlan}"
    return topo.uplink_ifs[key]


def _uncabled(
    topo: Topology,
    plan: Plan,
    vlans: dict[str, dict[str, set[int]]],
    mtus: dict[str, dict[str, int]],
) -> None:
    """A vmnic without a cable: a veth whose peer stays down, i.e. an unplugged port."""
    for host in plan.hosts:
        for vmnic, carried in vlans[host.name].items():
            for vlan in sorted(carried):
                if (host.name, vmnic, vlan) in topo.uplink_ifs:
                    continue
                name = _host_if(topo, host.name, vmnic, vlan)
                ns = topo.host_ns[host.name]
                mtu = mtus[host.name].get(vmnic, 1500)
                topo.links.append(Link(ns, name, mtu, "", ns, f"u{name}", mtu, "DOWN"))


def _interconnects(topo: Topology, plan: Plan) -> None:
    """Per VLAN, the links of a spanning tree (what STP would leave forwarding)."""
    for index, link in enumerate(plan.interconnects, start=1):
        a, b = topo.switch_ns[link.a], topo.switch_ns[link.b]
        if a == b:
            continue  # one stack: the backplane is inside the switch
        for vlan in link.vlans:
            if _joined(topo, vlan, a, b):
                topo.notes.append(f"ISL {link.a}–{link.b} VLAN {vlan}: blocked (loop)")
                continue
            name = f"i{index}v{vlan}"
            topo.links.append(Link(a, name, link.mtu, f"br{vlan}", b, name, link.mtu, f"br{vlan}"))


def _joined(topo: Topology, vlan: int, a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` already reach each other in ``vlan`` over inter-switch links."""
    suffix = f"v{vlan}"
    edges = [
        (link.a_ns, link.b_ns)
        for link in topo.links
        if link.a_if.startswith("i") and link.a_if.endswith(suffix) and link.a_bridge
    ]
    seen, frontier = {a}, [a]
    while frontier:
        node = frontier.pop()
        for x, y in edges:
            for here, there in ((x, y), (y, x)):
                if here == node and there not in seen:
                    seen.add(there)
                    frontier.append(there)
    return b in seen


def _vmks(topo: Topology, host: HostPlan, host_index: int) -> list[Vmk]:
    groups = {pg.name: pg for pg in host.portgroups}
    vmks = []
    for index, vmk in enumerate(host.vmks, start=1):
        pg = groups[vmk.portgroup]
        namespace = topo.host_ns[host.name]
        if vmk.netstack is not Netstack.DEFAULT:
            namespace = f"{namespace}-{vmk.netstack.value}"
            if namespace not in topo.stack_ns:
                topo.stack_ns.append(namespace)
        vmks.append(
            Vmk(
                host=host.name,
                name=vmk.name,
                namespace=namespace,
                address=vmk.address,
                mtu=vmk.mtu,
                vlan=pg.vlan,
                mac=f"02:00:{host_index >> 8:02x}:{host_index & 255:02x}:00:{index:02x}",
                uplinks=[*pg.active, *pg.standby],
                binds=vmk.role is Role.VMOTION,
                notify=pg.notify_switches,
            )
        )
    return vmks
