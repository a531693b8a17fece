"""IP-storage VMkernel ports on the ip_storage vmnics (vSwitch-Storage).

iSCSI uses port binding: one vmk per ip_storage vmnic, each on its own port group whose failover
order has that vmnic as the only active uplink, no standby and every other uplink unused, so the
software iSCSI adapter sees one path per vmnic (docs/domain.md section 1: "one active adapter and no
standby adapters" [S-STANDBY60] [S-TZLEE]). Several iSCSI vmks in one subnet are therefore the
port-binding exception to multihoming (R7). NFS gets one vmk per host on the IP-storage team,
with the team's failover order (active and standby on different cards).
"""

from __future__ import annotations

from ipaddress import IPv4Network

from app.planner.design import Design, FailureDetection, LoadBalancing, Netstack, Role
from app.planner.failover import team_order
from app.planner.inventory import HostInventory
from app.planner.naming import NFS_PORTGROUP, iscsi_portgroup, team_vswitch
from app.planner.result import PortGroup
from app.planner.vmk_spec import VmkSpec

ISCSI_NETWORK = "iSCSI"
NFS_NETWORK = "NFS"


def storage_specs(design: Design, inv: HostInventory) -> list[VmkSpec]:
    """The iSCSI vmks (vmnic order), then the NFS vmk, of one host; none without storage NICs."""
    nics = inv.with_role(Role.IP_STORAGE)
    if not nics:
        return []
    storage = design.ip_storage
    team = design.teaming.ip_storage
    vswitch = team_vswitch(Role.IP_STORAGE)
    uplinks = [nic.vmnic for nic in nics]
    specs: list[VmkSpec] = []
    if storage.iscsi is not None:
        iscsi = storage.iscsi
        vlan = iscsi.vlan if iscsi.vlan is not None else team.vlan
        for index, vmnic in enumerate(uplinks, start=1):
            portgroup = PortGroup(
                name=iscsi_portgroup(index),
                vswitch=vswitch,
                vlan=vlan,
                role=Role.IP_STORAGE,
                load_balancing=LoadBalancing.EXPLICIT,
                failure_detection=FailureDetection.LINK,
                active=[vmnic],
                standby=[],
                unused=[other for other in uplinks if other != vmnic],
            )
            specs.append(_spec(ISCSI_NETWORK, iscsi.pool, portgroup, iscsi.mtu, "iscsi", vmnic))
    if storage.nfs is not None:
        nfs = storage.nfs
        order = team_order(team, nics)
        portgroup = PortGroup(
            name=NFS_PORTGROUP,
            vswitch=vswitch,
            vlan=nfs.vlan if nfs.vlan is not None else team.vlan,
            role=Role.IP_STORAGE,
            load_balancing=team.load_balancing,
            failure_detection=team.failure_detection,
            active=order.active,
            standby=order.standby,
            unused=order.unused,
        )
        specs.append(_spec(NFS_NETWORK, nfs.pool, portgroup, nfs.mtu, "nfs", ""))
    return specs


def replaces_storage_team(design: Design) -> bool:
    """With iSCSI or NFS vmks, their port groups replace the plain IP-storage team port group."""
    return design.ip_storage.iscsi is not None or design.ip_storage.nfs is not None


def _spec(
    network: str,
    pool: IPv4Network,
    portgroup: PortGroup,
    mtu: int,
    purpose: str,
    bound_vmnic: str,
) -> VmkSpec:
    return VmkSpec(
        network=network,
        pool=pool,
        portgroup=portgroup,
        mtu=mtu,
        netstack=Netstack.DEFAULT,
        # Storage vmks carry no service tag: iSCSI is bound to the adapter, NFS routes by subnet.
        services=(),
        purpose=purpose,
        gateway=None,
        bound_vmnic=bound_vmnic,
    )
