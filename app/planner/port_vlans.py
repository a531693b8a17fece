"""Which VLANs a host-facing switch port carries: every VLAN of its vmnic's vSwitch.

A vmnic carries the VLAN of every port group on its vSwitch, not only its role's default: the
iSCSI and NFS port groups, service vmks and extra VM networks may each have their own VLAN, and
on failover a port group moves to any uplink of its vSwitch. A switch port that does not carry
one of them drops that traffic, so the plan lists them all (``SwitchPort.vlans``) and makes a port
with more than one VLAN a trunk.
"""

from __future__ import annotations

from dataclasses import replace

from app.planner.result import HostPlan, SwitchPlan, SwitchPort


def vswitch_vlans(host: HostPlan) -> dict[str, list[int]]:
    """vmnic -> the sorted VLANs of every port group on the vSwitch it is an uplink of."""
    by_vswitch: dict[str, set[int]] = {}
    for pg in host.portgroups:
        by_vswitch.setdefault(pg.vswitch, set()).add(pg.vlan)
    return {
        vmnic: sorted(by_vswitch.get(vs.name, set()))
        for vs in host.vswitches
        for vmnic in vs.uplinks
    }


def carry_port_vlans(switches: list[SwitchPlan], hosts: list[HostPlan]) -> list[SwitchPlan]:
    """``switches`` with each host port's ``vlans`` (and trunk mode) from the hosts' port groups."""
    carried = {
        (host.name, vmnic): vlans for host in hosts for vmnic, vlans in vswitch_vlans(host).items()
    }

    def port(p: SwitchPort) -> SwitchPort:
        vlans = carried.get((p.host, p.vmnic))
        if p.kind != "host" or not vlans:
            return p
        vlans = sorted({*vlans, *p.vlans})
        mode = "trunk" if len(vlans) > 1 else p.mode
        if vlans == p.vlans and mode == p.mode:
            return p  # the common case; a copy per port costs a 96-host plan ~50 ms
        return replace(p, vlans=vlans, mode=mode)

    return [replace(sw, ports=[port(p) for p in sw.ports]) for sw in switches]
