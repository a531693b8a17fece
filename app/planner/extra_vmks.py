"""The vmks after management and vMotion: IP storage (storage.py) and services (services.py).

Numbering (docs/planner-conventions.md): vmk0 is management and vmk1..vmkN the N vMotion lanes
of the host; the iSCSI vmks (vmnic order), the NFS vmk and the service vmks (document order)
follow as vmkN+1, vmkN+2, ... Addresses come from each network's own pool (vmk_pools.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from ipaddress import IPv4Address

from app.planner.addressing import Addressing, reserved_addresses
from app.planner.cabling import LanePort
from app.planner.design import TEAM_ROLES, Design, Netstack, Role
from app.planner.inventory import HostInventory
from app.planner.naming import team_portgroup, team_vswitch, vmk_name
from app.planner.result import Finding, PortGroup, SubnetPlan, Vmk, VSwitch
from app.planner.services import service_specs, vm_network_layout
from app.planner.storage import replaces_storage_team, storage_specs
from app.planner.vmk_pools import PoolRequest, assign
from app.planner.vmk_spec import VmkSpec


@dataclass
class HostExtras:
    specs: list[tuple[str, VmkSpec]] = field(default_factory=list)  # (vmk name, spec)
    vmks: list[Vmk] = field(default_factory=list)
    bound: dict[str, Vmk] = field(default_factory=dict)  # vmnic -> its iSCSI vmk


@dataclass
class Extras:
    hosts: dict[str, HostExtras] = field(default_factory=dict)
    subnets: list[SubnetPlan] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def plan_extras(
    design: Design,
    hosts: list[HostInventory],
    lanes: dict[str, list[LanePort]],
    addressing: Addressing,
) -> Extras:
    """Name and address every storage and service vmk of every host (hosts in name order)."""
    extras = Extras()
    requests: list[tuple[int, PoolRequest]] = []
    for inv in hosts:
        host_lanes = lanes.get(inv.name, [])
        first = max((port.lane for port in host_lanes), default=0) + 1
        specs = [*storage_specs(design, inv), *service_specs(design, inv, host_lanes)]
        host = HostExtras(specs=[(vmk_name(first + i), s) for i, s in enumerate(specs)])
        extras.hosts[inv.name] = host
        for name, spec in host.specs:
            request = PoolRequest(spec.network, spec.pool, inv.name, spec.portgroup.name, name)
            requests.append((_network_rank(design, spec.network), request))
    # Network by network (iSCSI, NFS, services in document order), host by host within each.
    requests.sort(key=lambda item: item[0])
    pools = assign([request for _, request in requests], _used(design, addressing))
    extras.subnets, extras.findings = pools.subnets, pools.findings
    for host_name, host in extras.hosts.items():
        for name, spec in host.specs:
            address = pools.address.get((host_name, spec.portgroup.name))
            if address is None:
                continue  # the pool ran out: P1 says so and the vmk is not planned
            vmk = Vmk(
                name=name,
                portgroup=spec.portgroup.name,
                vswitch=spec.portgroup.vswitch,
                address=address,
                mtu=spec.mtu,
                netstack=spec.netstack,
                services=list(spec.services),
                role=spec.portgroup.role,
                purpose=spec.purpose,
                gateway=spec.gateway,
            )
            host.vmks.append(vmk)
            if spec.bound_vmnic:
                host.bound[spec.bound_vmnic] = vmk
    return extras


def _network_rank(design: Design, network: str) -> int:
    order = ["iSCSI", "NFS", *(f"service vmk {s.portgroup}" for s in design.service_vmks)]
    return order.index(network)


def _used(design: Design, addressing: Addressing) -> set[IPv4Address]:
    used = reserved_addresses(design)
    used |= {address.ip for address in addressing.vmk_address.values()}
    used |= {svc.gateway for svc in design.service_vmks if svc.gateway is not None}
    return used


def merge(
    design: Design,
    inv: HostInventory,
    extras: HostExtras | None,
    vswitches: list[VSwitch],
    portgroups: list[PortGroup],
) -> tuple[list[VSwitch], list[PortGroup]]:
    """The host's vSwitches and port groups with the storage, service and VM-network ones.

    The plain IP-storage team port group gives way to the iSCSI/NFS port groups. A team
    vSwitch is raised to the largest MTU of the vmks on it (R10: the vSwitch must be >= the vmk).
    """
    specs = [spec for _, spec in extras.specs] if extras else []
    if replaces_storage_team(design):
        storage_pg = team_portgroup(design, Role.IP_STORAGE)
        portgroups = [
            pg for pg in portgroups if not (pg.role is Role.IP_STORAGE and pg.name == storage_pg)
        ]
    vm_vswitches, vm_portgroups = vm_network_layout(design, inv, vswitches)
    portgroups = [*portgroups, *vm_portgroups, *(spec.portgroup for spec in specs)]
    vmk_mtu: dict[str, int] = {}
    for vmk in extras.vmks if extras else []:
        vmk_mtu[vmk.vswitch] = max(vmk_mtu.get(vmk.vswitch, 0), vmk.mtu)
    teams = {team_vswitch(role) for role in TEAM_ROLES}
    raised = [
        replace(vs, mtu=max(vs.mtu, vmk_mtu.get(vs.name, 0))) if vs.name in teams else vs
        for vs in [*vswitches, *vm_vswitches]
    ]
    return raised, portgroups


def stack_gateways(extras: HostExtras | None) -> dict[str, IPv4Address]:
    """Gateways of the non-default stacks the host's service vmks use."""
    gateways: dict[str, IPv4Address] = {}
    for vmk in extras.vmks if extras else []:
        if vmk.netstack is not Netstack.DEFAULT and vmk.gateway is not None:
            gateways.setdefault(vmk.netstack.value, vmk.gateway)
    return gateways
