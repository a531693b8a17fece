"""Whether a document's storage and service vmks and VM networks can be planned at all.

Called by the Design validator, so a document that cannot work is a validation error naming the
field (422 in the API, the field's message in the editor, exit 2 in the CLI) and nothing is
saved. VMware rules that such a document breaks are findings instead (rules_*.py).
"""

from __future__ import annotations

from ipaddress import IPv4Address

from app.planner.design import TEAM_ROLES, Design, Netstack, Role
from app.planner.naming import NFS_PORTGROUP, team_portgroup


def _planner_portgroups(design: Design) -> set[str]:
    names = {team_portgroup(design, role).lower() for role in TEAM_ROLES}
    return names | {NFS_PORTGROUP.lower()}


def service_vmk_problem(design: Design) -> str:
    """Why the document's storage and service vmks and VM networks cannot be planned, or "".

    Port group names must be unique on a host: the planner's own names (teams, vMotion-N,
    iSCSI-N, NFS) are taken. Every host needs a vmnic of the role a vmk uses (a host without
    storage NICs cannot reach the storage). A non-default stack has one gateway (one routing
    table).
    """
    taken = _planner_portgroups(design)
    seen: set[str] = set()
    labelled = [
        (f"service_vmks.{i}.portgroup", svc.portgroup) for i, svc in enumerate(design.service_vmks)
    ] + [(f"vm_networks.{i}.portgroup", net.portgroup) for i, net in enumerate(design.vm_networks)]
    for where, name in labelled:
        key = name.lower()
        generated = key.startswith(("vmotion-", "iscsi-")) and key.split("-", 1)[1].isdigit()
        if key in taken or generated:
            return f"{where}: '{name}' is a port group name the planner uses; choose another"
        if key in seen:
            return f"{where}: duplicate port group name '{name}'"
        seen.add(key)
    missing = _missing_uplinks(design)
    if missing:
        return missing
    gateways: dict[Netstack, IPv4Address] = {}
    if design.vmotion.gateway is not None:
        gateways[Netstack.VMOTION] = design.vmotion.gateway
    for i, svc in enumerate(design.service_vmks):
        if svc.gateway is None:
            continue
        other = gateways.setdefault(svc.netstack, svc.gateway)
        if other != svc.gateway:
            return (
                f"service_vmks.{i}.gateway: the {svc.netstack.value} stack already has gateway "
                f"{other}; a TCP/IP stack has one default gateway"
            )
    return ""


def _missing_uplinks(design: Design) -> str:
    """A storage network or service vmk on a role some host has no vmnic for (no vSwitch)."""
    wanted = [
        (f"ip_storage.{name}", Role.IP_STORAGE)
        for name in ("iscsi", "nfs")
        if getattr(design.ip_storage, name) is not None
    ]
    wanted += [
        (f"service_vmks.{i}.uplinks", svc.uplinks)
        for i, svc in enumerate(design.service_vmks)
        if svc.uplinks is not Role.MANAGEMENT  # vSwitch0 exists on every host (P8 otherwise)
    ]
    for where, role in wanted:
        for host in design.hosts:
            roles = {port.role for card in design.cards_of(host) for port in card.ports}
            if roles and role not in roles:
                return f"{where}: host {host.name} has no {role.value} vmnic for this vmk"
    return ""
