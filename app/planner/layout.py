"""Per-host layout: vSwitches, port groups, VMkernel ports, advanced settings, wiring rows.

Separate vSwitches per traffic type (problem 5). vMotion gets one vSwitch per lane when the
strategy is per_port_group (the back-to-back default: the reboot problem of docs/domain.md §7,
R30) or one shared vSwitch with a failover override per port group (the switched default).
"""

from __future__ import annotations

from ipaddress import IPv4Address

from app.planner.addressing import Addressing
from app.planner.cabling import CableDraft, Cabling, LanePort
from app.planner.design import (
    TEAM_ROLES,
    Design,
    FailureDetection,
    LoadBalancing,
    Netstack,
    Role,
    Topology,
    VSwitchStrategy,
)
from app.planner.extra_vmks import Extras, merge, stack_gateways
from app.planner.failover import FailoverOrder, team_order, vmotion_order
from app.planner.inventory import HostInventory
from app.planner.naming import (
    MANAGEMENT_VMK,
    SHARED_VMOTION_VSWITCH,
    team_portgroup,
    team_vswitch,
    vmotion_portgroup,
    vmotion_vmk,
    vmotion_vswitch,
)
from app.planner.result import HostPlan, NicRow, PortGroup, Vmk, VSwitch
from app.planner.services import lane_tags

BIND_TO_VMKNIC = "Migrate.BindToVmknic"


def _portgroup(
    name: str,
    vswitch: str,
    vlan: int,
    role: Role,
    order: FailoverOrder,
    load_balancing: LoadBalancing,
    failure_detection: FailureDetection,
    lane: int | None = None,
) -> PortGroup:
    return PortGroup(
        name=name,
        vswitch=vswitch,
        vlan=vlan,
        role=role,
        load_balancing=load_balancing,
        failure_detection=failure_detection,
        active=order.active,
        standby=order.standby,
        unused=order.unused,
        lane=lane,
    )


def _team_switches(design: Design, inv: HostInventory) -> tuple[list[VSwitch], list[PortGroup]]:
    vswitches: list[VSwitch] = []
    portgroups: list[PortGroup] = []
    for role in TEAM_ROLES:
        nics = inv.with_role(role)
        # vSwitch0 and the management network exist on every installed host; other teams
        # only where the host has vmnics for them (R32 reports hosts that lack them).
        if not nics and role is not Role.MANAGEMENT:
            continue
        policy = design.teaming.for_role(role)
        vswitch = team_vswitch(role)
        vswitches.append(VSwitch(name=vswitch, mtu=1500, uplinks=[nic.vmnic for nic in nics]))
        portgroups.append(
            _portgroup(
                team_portgroup(design, role),
                vswitch,
                design.role_vlan(role, inv.host),
                role,
                team_order(policy, nics),
                policy.load_balancing,
                policy.failure_detection,
            )
        )
    return vswitches, portgroups


def _vmotion_switches(
    design: Design, lanes: list[LanePort], landed: dict[tuple[str, str], str]
) -> tuple[list[VSwitch], list[PortGroup]]:
    settings = design.vmotion
    uplinks = [port.nic.vmnic for port in lanes]
    mtu = settings.effective_vswitch_mtu
    if not lanes:
        return [], []
    if design.effective_vswitch_strategy is VSwitchStrategy.PER_PORT_GROUP:
        vswitches = [
            VSwitch(name=vmotion_vswitch(p.lane), mtu=mtu, uplinks=[p.nic.vmnic]) for p in lanes
        ]
        orders = [(vmotion_vswitch(p.lane), FailoverOrder([p.nic.vmnic], [], [])) for p in lanes]
    else:
        vswitches = [VSwitch(name=SHARED_VMOTION_VSWITCH, mtu=mtu, uplinks=uplinks)]
        # Failure domain of each uplink (switch, card): the first standby avoids the active's.
        # Back-to-back lanes keep plain rotation: their standbys are wrong anyway (R2).
        domains = (
            {p.nic.vmnic: (landed.get((p.host, p.nic.vmnic), ""), p.nic.card_index) for p in lanes}
            if design.topology is Topology.SWITCHED
            else None
        )
        orders = [
            (
                SHARED_VMOTION_VSWITCH,
                vmotion_order(uplinks, p.nic.vmnic, design.topology, settings.failover, domains),
            )
            for p in lanes
        ]
    portgroups = [
        _portgroup(
            vmotion_portgroup(port.lane),
            vswitch,
            settings.vlan,
            Role.VMOTION,
            order,
            LoadBalancing.EXPLICIT,
            FailureDetection.LINK,
            lane=port.lane,
        )
        for port, (vswitch, order) in zip(lanes, orders, strict=True)
    ]
    return vswitches, portgroups


def _vmotion_vmks(
    design: Design, inv: HostInventory, lanes: list[LanePort], addressing: Addressing
) -> list[Vmk]:
    settings = design.vmotion
    on_vmotion_stack = settings.netstack is Netstack.VMOTION
    vmks = []
    for port in lanes:
        address = addressing.vmk_address.get((inv.name, port.lane))
        if address is None:
            continue  # the pool ran out: a P1 finding says so, and the vmk is not planned
        vswitch = (
            vmotion_vswitch(port.lane)
            if design.effective_vswitch_strategy is VSwitchStrategy.PER_PORT_GROUP
            else SHARED_VMOTION_VSWITCH
        )
        vmks.append(
            Vmk(
                name=vmotion_vmk(port.lane),
                portgroup=vmotion_portgroup(port.lane),
                vswitch=vswitch,
                address=address,
                mtu=inv.host.vmotion_mtu or settings.mtu,
                netstack=settings.netstack,
                # The vMotion stack carries only vMotion and needs no tag (docs/domain.md §3);
                # other services the document asks for stay visible so R26 can report them.
                services=[*([] if on_vmotion_stack else ["VMotion"]), *lane_tags(design)],
                role=Role.VMOTION,
                purpose="vmotion",
                lane=port.lane,
                gateway=settings.gateway if on_vmotion_stack else None,
            )
        )
    return vmks


def _management_vmk(design: Design, inv: HostInventory) -> Vmk:
    mgmt = inv.host.management
    return Vmk(
        name=MANAGEMENT_VMK,
        portgroup=team_portgroup(design, Role.MANAGEMENT),
        vswitch=team_vswitch(Role.MANAGEMENT),
        address=mgmt.ip,
        mtu=1500,
        netstack=Netstack.DEFAULT,
        services=["Management"],
        role=Role.MANAGEMENT,
        purpose="management",
        gateway=mgmt.gateway,
    )


CableIndex = dict[tuple[str, str], tuple[CableDraft, str]]


def _cable_index(cables: list[CableDraft]) -> CableIndex:
    """(host, vmnic) → (cable, far end text), built once for all hosts."""
    index: CableIndex = {}
    for draft in cables:
        for near, far in ((draft.a, draft.b), (draft.b, draft.a)):
            if near.kind == "host":
                index[(near.device, near.port)] = (draft, f"{far.device} {far.port}")
    return index


def _nic_rows(
    inv: HostInventory,
    lanes: list[LanePort],
    cables: CableIndex,
    vmks: list[Vmk],
    bound: dict[str, Vmk] | None = None,
) -> list[NicRow]:
    vmk_by_lane = {vmk.lane: vmk for vmk in vmks if vmk.lane is not None}
    vmk_by_vmnic = {p.nic.vmnic: vmk_by_lane.get(p.lane) for p in lanes}
    vmk_by_vmnic |= bound or {}  # iSCSI port binding: one vmk per storage vmnic
    rows = []
    for nic in inv.nics:
        cable: CableDraft | None = None
        peer = ""  # stays empty only for a vmnic without a far end (unused, or P11)
        if (inv.name, nic.vmnic) in cables:
            cable, peer = cables[(inv.name, nic.vmnic)]
        vmk = vmk_by_vmnic.get(nic.vmnic)
        rows.append(
            NicRow(
                vmnic=nic.vmnic,
                card=nic.card,
                card_model=nic.card_model,
                card_port=nic.card_port,
                speed_gbps=nic.speed_gbps,
                role=nic.role,
                peer=peer,
                cable=cable.id if cable else "",
                label=cable_label(cable) if cable else "",
                existing=cable.existing if cable else False,
                vmk=vmk.name if vmk else "",
                address=vmk.address if vmk else None,
                mtu=vmk.mtu if vmk else None,
                lane=vmk.lane if vmk else None,
            )
        )
    return rows


def cable_label(cable: CableDraft) -> str:
    """TIA-606 style: the cable ID, then near end / far end."""
    return f"{cable.id} {cable.a.device} {cable.a.port} / {cable.b.device} {cable.b.port}"


def plan_hosts(
    design: Design,
    hosts: list[HostInventory],
    cabling: Cabling,
    addressing: Addressing,
    extras: Extras | None = None,
) -> list[HostPlan]:
    plans = []
    cables = _cable_index(cabling.cables)
    landed = {(land.nic.host, land.nic.vmnic): land.switch.name for land in cabling.landings}
    for inv in hosts:
        lanes = cabling.lanes.get(inv.name, [])
        team_vswitches, team_portgroups = _team_switches(design, inv)
        vm_vswitches, vm_portgroups = _vmotion_switches(design, lanes, landed)
        mgmt = _management_vmk(design, inv)
        vmks = [mgmt, *_vmotion_vmks(design, inv, lanes, addressing)]
        # IP-storage and service vmks (extra_vmks.py), numbered after the vMotion lanes.
        more = extras.hosts.get(inv.name) if extras else None
        vswitches, portgroups = merge(
            design,
            inv,
            more,
            [*team_vswitches, *vm_vswitches],
            [*team_portgroups, *vm_portgroups],
        )
        vmks += more.vmks if more else []
        plans.append(
            HostPlan(
                name=inv.name,
                nics=_nic_rows(inv, lanes, cables, vmks, more.bound if more else None),
                vswitches=vswitches,
                portgroups=portgroups,
                vmks=vmks,
                advanced=_advanced(design, mgmt, vmks),
                netstack_gateways={**_netstack_gateways(design), **stack_gateways(more)},
            )
        )
    return plans


def _advanced(design: Design, mgmt: Vmk, vmks: list[Vmk]) -> dict[str, int]:
    """BindToVmknic when the user forced vMotion into the management subnet (E5, R9)."""
    if not design.vmotion.allow_management_subnet:
        return {}
    shares = any(
        vmk.role is Role.VMOTION and vmk.address.network.overlaps(mgmt.address.network)
        for vmk in vmks
    )
    return {BIND_TO_VMKNIC: 1} if shares else {}


def _netstack_gateways(design: Design) -> dict[str, IPv4Address]:
    if design.vmotion.netstack is Netstack.VMOTION and design.vmotion.gateway is not None:
        return {"vmotion": design.vmotion.gateway}
    return {}
