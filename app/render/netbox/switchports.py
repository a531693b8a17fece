"""Switch ports as NetBox interfaces: 802.1Q mode, VLANs, MTU, and port-channels as LAGs.

Each port-channel of a switch (a host's EtherChannel team, an inter-switch link) becomes a
``lag`` interface on that switch, written before its members, which name it in ``lag``
(NetBox looks a LAG up among the interfaces of the row's own device). A stack gets one LAG per
member switch that has ports in the channel.
"""

from __future__ import annotations

from app.planner.naming import role_label
from app.planner.result import Plan, SwitchPlan, SwitchPort
from app.render.cabling_csv import Cell
from app.render.netbox.columns import (
    ACCESS,
    LAG_TYPE,
    NIC_TYPES,
    TAGGED,
    UNKNOWN_MEDIUM,
    Row,
    Stage,
    vlan_cells,
)

# The port-channel interface name on each platform (as the switch configs write it).
_CHANNEL_NAME = {"nxos": "port-channel"}
_DEFAULT_CHANNEL_NAME = "Port-channel"


def port_vlans(port: SwitchPort) -> list[int]:
    """The tagged-or-access VLANs of a port (VLAN 0, untagged, is not a NetBox VLAN)."""
    return [vid for vid in port.vlans or [port.vlan] if vid]


def lag_name(switch: SwitchPlan, group: int) -> str:
    return f"{_CHANNEL_NAME.get(switch.platform, _DEFAULT_CHANNEL_NAME)}{group}"


def _stage(ports: list[SwitchPort]) -> Stage:
    # A LAG with any existing member is existing: that member's row names it, and the existing
    # files come first.
    return Stage.EXISTING if any(p.existing for p in ports) else Stage.PLANNED


def _switching(port: SwitchPort, group: str) -> dict[str, Cell]:
    # Our trunks tag every VLAN (VST); an access port carries the one untagged VLAN.
    vids = port_vlans(port)
    if port.mode == "trunk":
        return vlan_cells(group, TAGGED, 0, vids)
    return vlan_cells(group, ACCESS, vids[0] if vids else 0, [])


def _lag(switch: SwitchPlan, members: list[SwitchPort], group: str) -> tuple[Stage, Row]:
    first = members[0]
    what = f"{first.host} {role_label(first.role)} team" if first.host else "inter-switch link"
    cells: dict[str, Cell] = {
        "device": switch.name,
        "name": lag_name(switch, first.channel_group or 0),
        "type": LAG_TYPE,
        "mtu": max(p.mtu for p in members),
        **_switching(first, group),
        "description": f"Port-channel of {what}: {', '.join(p.interface for p in members)}",
    }
    return _stage(members), Row(cells, first.host or None)


def _port(switch: SwitchPlan, port: SwitchPort, plan: Plan, group: str) -> tuple[Stage, Row]:
    speeds = [c.speed_gbps for c in plan.cables if c.id == port.cable]
    far = f"{port.host} {port.vmnic}" if port.host else f"{port.peer_switch} {port.peer_interface}"
    cells: dict[str, Cell] = {
        "device": switch.name,
        "name": port.interface,
        "type": NIC_TYPES.get(speeds[0], UNKNOWN_MEDIUM) if speeds else UNKNOWN_MEDIUM,
        "lag": lag_name(switch, port.channel_group) if port.channel_group is not None else None,
        "mtu": port.mtu,
        **_switching(port, group),
        "description": f"{role_label(port.role)}: {port.cable} to {far}",
    }
    return _stage([port]), Row(cells, port.host or None)


def switch_port_rows(plan: Plan, group: str) -> list[tuple[Stage, Row]]:
    """Every switch port of the plan (each LAG before its first member), with its stage."""
    rows: list[tuple[Stage, Row]] = []
    for switch in plan.switches:
        written: set[int] = set()
        for port in switch.ports:
            channel = port.channel_group
            if channel is not None and channel not in written:
                written.add(channel)
                members = [p for p in switch.ports if p.channel_group == channel]
                rows.append(_lag(switch, members, group))
            rows.append(_port(switch, port, plan, group))
    return rows
