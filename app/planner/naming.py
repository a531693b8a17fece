"""Object names the plan gives (docs/planner-conventions.md): one place, so outputs agree."""

from __future__ import annotations

from app.planner.design import Design, LoadBalancing, Netstack, Role

# How every page, sheet and output names a role for people.
ROLE_LABELS = {
    Role.MANAGEMENT: "Management",
    Role.VMOTION: "vMotion",
    Role.VM_TRAFFIC: "VM traffic",
    Role.IP_STORAGE: "IP storage",
    Role.UNUSED: "Unused",
}

# The vSphere Client's names of the teaming policies (the editor's choices and findings use them).
LOAD_BALANCING_LABELS = {
    LoadBalancing.PORT_ID: "Route based on originating virtual port",
    LoadBalancing.SOURCE_MAC: "Route based on source MAC hash",
    LoadBalancing.EXPLICIT: "Use explicit failover order",
    LoadBalancing.IP_HASH: "Route based on IP hash",
}

# The label of a cable or switch port without a role: an inter-switch link.
INTER_SWITCH_LABEL = "Inter-switch link"


def role_label(role: Role | None) -> str:
    """People's name of a role; None is an inter-switch link (Cable.role, SwitchPort.role)."""
    return ROLE_LABELS[role] if role is not None else INTER_SWITCH_LABEL


# How pages name a vmk's purpose (Vmk.purpose) for people.
VMK_PURPOSE_LABELS = {
    "management": "Management",
    "vmotion": "vMotion",
    "iscsi": "iSCSI (port binding)",
    "nfs": "NFS",
    "provisioning": "Provisioning",
    "replication": "vSphere Replication",
    "ft": "FT logging",
}

# The ESXi netstack instance key of each TCP/IP stack, as esxcli (--netstack, vmkping -S) and the
# API (HostNetStackInstanceSystemStackKey) spell it; Ansible's tcpip_stack uses Netstack.value.
NETSTACK_KEYS = {
    Netstack.DEFAULT: "defaultTcpipStack",
    Netstack.VMOTION: "vmotion",
    Netstack.PROVISIONING: "vSphereProvisioning",
}

MANAGEMENT_VSWITCH = "vSwitch0"
MANAGEMENT_VMK = "vmk0"
SHARED_VMOTION_VSWITCH = "vSwitch-vMotion"

_TEAM_VSWITCH = {
    Role.MANAGEMENT: MANAGEMENT_VSWITCH,
    Role.VM_TRAFFIC: "vSwitch-VM",
    Role.IP_STORAGE: "vSwitch-Storage",
}
_TEAM_PORTGROUP = {
    Role.MANAGEMENT: "Management Network",
    Role.VM_TRAFFIC: "VM Network",
    Role.IP_STORAGE: "IP-Storage",
}


def vmotion_vmk(lane: int) -> str:
    return vmk_name(lane)


def vmotion_portgroup(lane: int) -> str:
    return f"vMotion-{lane}"


def vmotion_vswitch(lane: int) -> str:
    return f"vSwitch-vMotion-{lane}"


def team_vswitch(role: Role) -> str:
    return _TEAM_VSWITCH[role]


def team_portgroup(design: Design, role: Role) -> str:
    """The port group of a non-vMotion team: the user's name if given, else the default."""
    return design.teaming.for_role(role).portgroup or _TEAM_PORTGROUP[role]


# IP storage and service vmks (docs/planner-conventions.md): vmk numbers continue after the
# vMotion lanes, so vmk1..vmkN stay the lanes on every host.
NFS_PORTGROUP = "NFS"


def iscsi_portgroup(index: int) -> str:
    """Port group of the index-th (1-based) iSCSI vmk of a host, bound to one vmnic."""
    return f"iSCSI-{index}"


def vmk_name(number: int) -> str:
    return f"vmk{number}"
