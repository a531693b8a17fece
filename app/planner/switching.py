"""The switch side: each switch's ESXi-facing ports and the static EtherChannels of IP-hash teams.

IP hash needs a static EtherChannel ('mode on') of exactly the team's ports on one switch or one
stack (problem 5, R20-R22); a standard vSwitch cannot speak LACP (R23). The planner lists the
bundle the user asked for; the rules say when it cannot work.
"""

from __future__ import annotations

from app.planner.cabling import Cabling
from app.planner.design import TEAM_ROLES, Design, EtherChannelMode, Host, Role
from app.planner.interconnect import InterSwitchLink
from app.planner.inventory import HostInventory
from app.planner.result import EtherChannel, InterconnectPlan, SwitchPlan, SwitchPort
from app.planner.uplinks import SwitchLanding


def _vlan_and_mode(design: Design, role: Role, host: Host) -> tuple[int, str]:
    """VST (tagged port group, trunk port) when a VLAN is set, else EST (access port)."""
    vlan = design.role_vlan(role, host)
    if role is Role.VM_TRAFFIC:
        return vlan, "trunk"  # VM port groups tag their own VLANs (VST)
    return vlan, "trunk" if vlan else "access"


def plan_etherchannels(
    design: Design, hosts: list[HostInventory], cabling: Cabling
) -> list[EtherChannel]:
    """One bundle per host and team that asks for one, numbered per switch group from 1."""
    by_nic = {(land.nic.host, land.nic.vmnic): land for land in cabling.landings}
    next_group: dict[str, int] = {}
    channels = []
    for inv in hosts:
        for role in TEAM_ROLES:
            policy = design.teaming.for_role(role)
            if policy.etherchannel is EtherChannelMode.NONE:
                continue
            lands = [
                by_nic[(inv.name, n.vmnic)]
                for n in inv.with_role(role)
                if (inv.name, n.vmnic) in by_nic
            ]
            if not lands:
                continue
            group = _switch_group(lands)
            number = next_group.get(group, 1)
            next_group[group] = number + 1
            channels.append(
                EtherChannel(
                    switch_group=group,
                    channel_group=number,
                    host=inv.name,
                    role=role,
                    members=[f"{land.switch.name} {land.interface}" for land in lands],
                    vmnics=[land.nic.vmnic for land in lands],
                    mode="on" if policy.etherchannel is EtherChannelMode.STATIC else "active",
                )
            )
    return channels


def _switch_group(lands: list[SwitchLanding]) -> str:
    """The stack name when every member switch is in one stack, else the switch names."""
    stacks = {land.switch.stack for land in lands}
    if len(stacks) == 1 and None not in stacks:
        return str(next(iter(stacks)))
    return "+".join(sorted({land.switch.name for land in lands}))


def plan_switches(
    design: Design,
    cabling: Cabling,
    channels: list[EtherChannel],
    links: list[InterSwitchLink],
) -> list[SwitchPlan]:
    """Each switch's host-facing ports in landing order, then its inter-switch ports."""
    cable_of = {(c.a.device, c.a.port): c.id for c in cabling.cables}
    hosts = {host.name: host for host in design.hosts}
    channel_of = {
        member: channel.channel_group for channel in channels for member in channel.members
    }
    ports: dict[str, list[SwitchPort]] = {switch.name: [] for switch in design.switches}
    for land in cabling.landings:
        vlan, mode = _vlan_and_mode(design, land.nic.role, hosts[land.nic.host])
        ports[land.switch.name].append(
            SwitchPort(
                interface=land.interface,
                host=land.nic.host,
                vmnic=land.nic.vmnic,
                role=land.nic.role,
                cable=cable_of.get((land.nic.host, land.nic.vmnic), ""),
                vlan=vlan,
                vlans=[vlan],
                mtu=land.switch.mtu,
                mode=mode,
                channel_group=channel_of.get(f"{land.switch.name} {land.interface}"),
                existing=design.uplinks.for_role(land.nic.role).existing,
            )
        )
    for link in links:
        for member, cable in zip(link.members, link.cables, strict=True):
            for near, port, far, far_port in (
                (member.a, member.port_a, member.b, member.port_b),
                (member.b, member.port_b, member.a, member.port_a),
            ):
                ports[near.name].append(
                    SwitchPort(
                        interface=port,
                        kind="inter_switch",
                        peer_switch=far.name,
                        peer_interface=far_port,
                        role=None,
                        cable=cable,
                        vlan=0,
                        vlans=list(link.vlans),
                        mtu=link.mtu,
                        mode="trunk",
                        channel_group=link.channel_group,
                        existing=link.existing,
                    )
                )
    return [
        SwitchPlan(
            name=switch.name,
            platform=switch.platform,
            stack=switch.stack,
            mtu=switch.mtu,
            portfast=switch.portfast,
            ports=ports[switch.name],
        )
        for switch in design.switches
    ]


def interconnect_plans(links: list[InterSwitchLink]) -> list[InterconnectPlan]:
    return [
        InterconnectPlan(
            a=link.a,
            b=link.b,
            kind=link.kind,
            cables=list(link.cables),
            vlans=list(link.vlans),
            mtu=link.mtu,
            channel_group=link.channel_group,
            proposed=link.proposed,
            existing=link.existing,
        )
        for link in links
    ]
