"""Service vmks (provisioning, replication, FT logging, ...) and extra VM port groups.

A service vmk sits on the vSwitch of the role whose vmnics it uses, on its own port group with
that role's failover order. The document says which services it carries and on which TCP/IP
stack; the plan lists the esxcli tag names. The vmotion and provisioning stacks imply their own
service, so their vmks carry no tag for it (docs/domain.md sections 2 and 3); any other tag on a
vmotion-stack vmk is R26. Several FT vmks on a host are R29; vMotion vmks on both stacks R27.
"""

from __future__ import annotations

from ipaddress import IPv4Address

from app.planner.cabling import LanePort
from app.planner.design import (
    Design,
    FailureDetection,
    LoadBalancing,
    Netstack,
    Role,
    ServiceVmk,
    VmkService,
    VSwitchStrategy,
)
from app.planner.failover import FailoverOrder, team_order
from app.planner.inventory import HostInventory
from app.planner.naming import (
    SHARED_VMOTION_VSWITCH,
    team_vswitch,
    vmotion_vswitch,
)
from app.planner.result import PortGroup, VSwitch
from app.planner.vmk_spec import VmkSpec

# esxcli tag names (docs/domain.md section 3); vSphereProvisioning and vSphereReplicationNFC follow
# the API nicType names [S-NICTYPE] (their esxcli spelling is UNVERIFIED there).
SERVICE_TAGS = {
    VmkService.MANAGEMENT: "Management",
    VmkService.VMOTION: "VMotion",
    VmkService.PROVISIONING: "vSphereProvisioning",
    VmkService.REPLICATION: "vSphereReplication",
    VmkService.REPLICATION_NFC: "vSphereReplicationNFC",
    VmkService.FT: "faultToleranceLogging",
}
_PURPOSE = {
    VmkService.MANAGEMENT: "management",
    VmkService.VMOTION: "vmotion",
    VmkService.PROVISIONING: "provisioning",
    VmkService.REPLICATION: "replication",
    VmkService.REPLICATION_NFC: "replication",
    VmkService.FT: "ft",
}
# The service a non-default stack implies: it needs no tag there.
_STACK_SERVICE = {
    Netstack.VMOTION: VmkService.VMOTION,
    Netstack.PROVISIONING: VmkService.PROVISIONING,
}


def service_tags(svc: ServiceVmk) -> tuple[str, ...]:
    implied = _STACK_SERVICE.get(svc.netstack)
    return tuple(SERVICE_TAGS[s] for s in svc.services if s is not implied)


def lane_tags(design: Design) -> list[str]:
    """Tags of the services the vMotion lane vmks carry besides vMotion (vmotion.services)."""
    return [SERVICE_TAGS[s] for s in design.vmotion.services if s is not VmkService.VMOTION]


def service_purpose(svc: ServiceVmk) -> str:
    implied = _STACK_SERVICE.get(svc.netstack)
    if implied is not None:
        return _PURPOSE[implied]
    return _PURPOSE[svc.services[0]]


def service_network(svc: ServiceVmk) -> str:
    return f"service vmk {svc.portgroup}"


def service_specs(design: Design, inv: HostInventory, lanes: list[LanePort]) -> list[VmkSpec]:
    """The host's service vmks in document order; none where the role has no vSwitch here."""
    specs = []
    for svc in design.service_vmks:
        placed = _placement(design, inv, lanes, svc)
        if placed is None:
            continue
        vswitch, order, load_balancing, failure_detection = placed
        vlan = svc.vlan if svc.vlan is not None else design.role_vlan(svc.uplinks, inv.host)
        portgroup = PortGroup(
            name=svc.portgroup,
            vswitch=vswitch,
            vlan=vlan,
            role=svc.uplinks,
            load_balancing=load_balancing,
            failure_detection=failure_detection,
            active=order.active,
            standby=order.standby,
            unused=order.unused,
        )
        specs.append(
            VmkSpec(
                network=service_network(svc),
                pool=svc.pool,
                portgroup=portgroup,
                mtu=svc.mtu,
                netstack=svc.netstack,
                services=service_tags(svc),
                purpose=service_purpose(svc),
                gateway=svc.gateway or _stack_gateway(design, svc.netstack),
            )
        )
    return specs


Placement = tuple[str, FailoverOrder, LoadBalancing, FailureDetection]


def _placement(
    design: Design, inv: HostInventory, lanes: list[LanePort], svc: ServiceVmk
) -> Placement | None:
    """vSwitch and failover order of a service vmk's port group on this host."""
    if svc.uplinks is Role.VMOTION:
        if not lanes:
            return None
        if design.effective_vswitch_strategy is VSwitchStrategy.PER_PORT_GROUP:
            vmnics = [lanes[0].nic.vmnic]
            vswitch = vmotion_vswitch(lanes[0].lane)
        else:
            vmnics = [port.nic.vmnic for port in lanes]
            vswitch = SHARED_VMOTION_VSWITCH
        # A plain team of the vMotion vmnics: on point-to-point cables several active
        # uplinks reach different peers, which R1 reports.
        order = FailoverOrder(active=vmnics, standby=[], unused=[])
        return vswitch, order, LoadBalancing.PORT_ID, FailureDetection.LINK
    nics = inv.with_role(svc.uplinks)
    if not nics and svc.uplinks is not Role.MANAGEMENT:
        return None  # the role has no vSwitch on this host (vSwitch0 always exists)
    policy = design.teaming.for_role(svc.uplinks)
    return (
        team_vswitch(svc.uplinks),
        team_order(policy, nics),
        policy.load_balancing,
        policy.failure_detection,
    )


def _stack_gateway(design: Design, netstack: Netstack) -> IPv4Address | None:
    """The gateway another document field gives this stack (vmotion.gateway for vmotion)."""
    if netstack is Netstack.VMOTION:
        return design.vmotion.gateway
    if netstack is Netstack.PROVISIONING:
        for svc in design.service_vmks:
            if svc.netstack is Netstack.PROVISIONING and svc.gateway is not None:
                return svc.gateway
    return None


def vm_network_layout(
    design: Design, inv: HostInventory, vswitches: list[VSwitch]
) -> tuple[list[VSwitch], list[PortGroup]]:
    """The document's extra VM port groups on this host's VM-traffic vSwitch.

    Every host gets them, so VM network labels match across the cluster (R32). A host without
    VM-traffic vmnics gets a VM vSwitch without uplinks, which R33 reports.
    """
    if not design.vm_networks:
        return [], []
    name = team_vswitch(Role.VM_TRAFFIC)
    added = (
        []
        if any(vs.name == name for vs in vswitches)
        else [VSwitch(name=name, mtu=1500, uplinks=[])]
    )
    policy = design.teaming.vm_traffic
    order = team_order(policy, inv.with_role(Role.VM_TRAFFIC))
    portgroups = [
        PortGroup(
            name=network.portgroup,
            vswitch=name,
            vlan=network.vlan,
            role=Role.VM_TRAFFIC,
            load_balancing=policy.load_balancing,
            failure_detection=policy.failure_detection,
            active=order.active,
            standby=order.standby,
            unused=order.unused,
        )
        for network in design.vm_networks
    ]
    return added, portgroups
