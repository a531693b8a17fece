"""Cisco NX-OS (Nexus) interface configuration for the ESXi-facing and inter-switch ports.

One file per switch: the two Nexus of a vPC pair are configured one by one, so each file holds
only its own members of a port-channel. Syntax facts and their confidence are in docs/domain.md
section 4; the lines marked UNVERIFIED there carry a comment saying so.

Inter-switch links (issue 7) are LACP port-channel trunks with the link's VLANs and MTU and no
edge (PortFast) setting; a vPC peer-link adds ``vpc peer-link`` on its port-channel and
``feature vpc`` (Nexus 9000 NX-OS interfaces configuration guide, "Configuring vPCs"); the vPC
domain and its peer-keepalive are not in the design and are left to the network team.
"""

from __future__ import annotations

from app.planner.design import InterconnectKind
from app.planner.result import EtherChannel, InterconnectPlan, SwitchPort
from app.render.base import Artifact, RenderContext
from app.render.switch_common import (
    SwitchFile,
    channel_description,
    channel_of,
    channel_template,
    comment,
    existing_lines,
    header,
    isl_description,
    link_channels,
    link_description,
    port_description,
    port_vlans,
    safe_filename,
    switch_files,
    vlan_lines,
    vlan_list,
    vlan_mode_missing,
)

PLATFORM = "nxos"
INDENT = "  "


def render(ctx: RenderContext, host: str | None = None) -> list[Artifact]:
    """One NX-OS config file per Nexus switch of the plan; ``host`` is ignored (whole design)."""
    return [
        Artifact(
            filename=f"switch-{safe_filename(file.name)}-nxos.txt",
            media_type="text/plain",
            content="\n".join(_config(ctx, file)) + "\n",
        )
        for file in switch_files(ctx, PLATFORM, per_stack=False)
    ]


def _config(ctx: RenderContext, file: SwitchFile) -> list[str]:
    lines = header(ctx, file, "Cisco NX-OS")
    lines += _global_notes(file)
    lines += vlan_lines(file)
    lines += _feature_lines(file)
    lines += existing_lines(file)
    for port in file.host_ports:
        lines += _port_block(file, port)
    for channel in file.etherchannels:
        lines += _channel_block(file, channel)
    for port in file.isl_ports:
        lines += _isl_port_block(file, port)
    for link in link_channels(file):
        lines += _link_channel_block(link)
    if file.etherchannels:
        lines += [
            comment(
                "IP-hash teams hash on source and destination IP (docs/domain.md section 4, R20)."
            ),
            comment("Keyword spelling differs between Nexus families (UNVERIFIED: N9K"),
            comment("'src-dst ip', N5K 'ethernet source-dest-ip'); check on your release."),
            "port-channel load-balance src-dst-ip",
            "!",
        ]
    lines.append("end")
    return lines


def _feature_lines(file: SwitchFile) -> list[str]:
    lines = []
    if any(channel.mode == "active" for channel in file.etherchannels) or link_channels(file):
        lines += [comment("LACP port-channels below need the LACP feature."), "feature lacp", "!"]
    if any(link.kind is InterconnectKind.VPC_PEER_LINK for link in file.interconnects):
        lines += [
            comment("vPC peer-link below: needs the vPC feature, and a 'vpc domain' with its"),
            comment("peer-keepalive on both peers (not in the design: set it up first)."),
            "feature vpc",
            "!",
        ]
    return lines


def _global_notes(file: SwitchFile) -> list[str]:
    lines: list[str] = []
    if file.mtu > 1500:
        lines += [
            comment(f"Jumbo frames: the ports below get 'mtu {file.mtu}' (R12)."),
            comment("Nexus 5000/3000 set the MTU per system class in the network-qos policy,"),
            comment(
                "not per interface (docs/domain.md section 4, S-N5K, S-N3K): change that policy"
            ),
            comment("too. Per-interface 'mtu' syntax is UNVERIFIED for your platform."),
            "!",
        ]
    if file.portfast:
        lines += [
            comment("PortFast (R25): 'spanning-tree port type edge [trunk]' is UNVERIFIED syntax"),
            comment("(docs/domain.md section 4); check it on your NX-OS release."),
            comment("Recommended with edge ports (S-BPDU65): 'spanning-tree bpduguard enable'"),
            comment("on each port; ESXi standard switches send no BPDUs."),
            "!",
        ]
    else:
        lines += [
            comment("PortFast is off for these ports in the design: failover and failback can"),
            comment("stall traffic for 30-50 s while spanning tree converges (R25)."),
            "!",
        ]
    return lines


def _mode_lines(port: SwitchPort) -> list[str]:
    """Access or trunk with the planned VLAN; nothing is invented when the design has none."""
    if vlan_mode_missing(port):
        note = comment("No VLAN in the design: ESXi sends untagged; set the access VLAN.")
        return [f"{INDENT}switchport mode access", f"{INDENT}{note}"]
    if port.mode == "access":
        return [f"{INDENT}switchport mode access", f"{INDENT}switchport access vlan {port.vlan}"]
    return _trunk_lines(port_vlans(port))


def _trunk_lines(vlans: list[int]) -> list[str]:
    lines = [f"{INDENT}switchport mode trunk"]
    if vlans:
        lines.append(f"{INDENT}switchport trunk allowed vlan {vlan_list(vlans)}")
    else:
        lines.append(
            f"{INDENT}{comment('Untagged traffic: it uses the native VLAN of the trunk.')}"
        )
    return lines


def _common_lines(file: SwitchFile, port: SwitchPort) -> list[str]:
    lines = [f"{INDENT}switchport", *_mode_lines(port)]
    if file.mtu > 1500:
        lines.append(f"{INDENT}mtu {file.mtu}")
    if file.portfast:
        edge = "edge trunk" if port.mode == "trunk" else "edge"
        lines.append(f"{INDENT}spanning-tree port type {edge}")
    return lines


def _port_block(file: SwitchFile, port: SwitchPort) -> list[str]:
    lines = [f"interface {port.interface}", f"{INDENT}description {port_description(port)}"]
    lines += _common_lines(file, port)
    channel = channel_of(file, port)
    if channel is not None:
        lines.append(f"{INDENT}channel-group {channel.channel_group} mode {channel.mode}")
    return [*lines, f"{INDENT}no shutdown", "!"]


def _channel_block(file: SwitchFile, channel: EtherChannel) -> list[str]:
    template = channel_template(file, channel)
    if template is None:
        return []
    kind = "Static EtherChannel" if channel.mode == "on" else "LACP port-channel (R23)"
    lines = [
        comment(f"{kind} for {channel.host}: exactly the team's uplinks (R20)."),
        f"interface port-channel{channel.channel_group}",
        f"{INDENT}description {channel_description(channel)}",
    ]
    lines += _common_lines(file, template)
    stacks = sorted({switch.stack for switch in file.switches if switch.stack})
    if stacks:
        note = comment(
            f"vPC pair {stacks[0]}: configure this port-channel on both peers and add "
            f"'vpc {channel.channel_group}' (UNVERIFIED; needs the vPC domain and peer-link)."
        )
        lines.append(f"{INDENT}{note}")
    return [*lines, "!"]


def _isl_port_block(file: SwitchFile, port: SwitchPort) -> list[str]:
    """A member of an inter-switch link: trunk with the link's VLANs and MTU, no edge type."""
    lines = [
        f"interface {port.interface}",
        f"{INDENT}description {isl_description(file, port)}",
        f"{INDENT}switchport",
        *_trunk_lines(port_vlans(port)),
    ]
    if port.mtu > 1500:
        lines.append(f"{INDENT}mtu {port.mtu}")
    if port.channel_group is not None:
        lines.append(f"{INDENT}channel-group {port.channel_group} mode active")
    return [*lines, f"{INDENT}no shutdown", "!"]


def _link_channel_block(link: InterconnectPlan) -> list[str]:
    lines = [
        comment(f"{link_description(link)}: LACP port-channel, MTU {link.mtu} (issue 7)."),
        f"interface port-channel{link.channel_group}",
        f"{INDENT}description {link_description(link)}",
        f"{INDENT}switchport",
        *_trunk_lines([vlan for vlan in link.vlans if vlan]),
    ]
    if link.mtu > 1500:
        lines.append(f"{INDENT}mtu {link.mtu}")
    if link.kind is InterconnectKind.VPC_PEER_LINK:
        lines.append(f"{INDENT}vpc peer-link")
    return [*lines, "!"]
