"""Cisco IOS (Catalyst) interface configuration for the ESXi-facing ports of a switched plan.

One file per switch, or per stack: a Catalyst stack has one configuration, so a cross-stack
EtherChannel (E6) is written once with all its members. Syntax facts and their confidence are
in docs/domain.md section 4; lines marked UNVERIFIED there carry a comment saying so.

The interface and port-channel blocks are the same on classic IOS (Catalyst 3750/3560) and on
IOS-XE (Catalyst 9000, :mod:`app.render.switch_iosxe`); the global MTU and the PortFast notes
differ, so each dialect passes its own (:class:`Catalyst`).

Inter-switch links (issue 7) are LACP port-channel trunks with the link's VLANs and no PortFast;
their MTU is the global system MTU on Catalyst. A vPC peer-link is NX-OS only: on a Catalyst the
link is written as an ISL port-channel with a comment saying so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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

PLATFORM = "ios"
INDENT = " "


@dataclass(frozen=True)
class Catalyst:
    """What differs between the Catalyst dialects: name, global MTU and PortFast notes."""

    platform: str  # Switch.platform value and file-name suffix
    title: str  # dialect name in the header
    mtu_lines: Callable[[SwitchFile], list[str]]
    portfast_notes: Callable[[SwitchFile], list[str]]


def render_catalyst(ctx: RenderContext, dialect: Catalyst) -> list[Artifact]:
    """One config file per Catalyst switch or stack of ``dialect``'s platform."""
    return [
        Artifact(
            filename=f"switch-{safe_filename(file.name)}-{dialect.platform}.txt",
            media_type="text/plain",
            content="\n".join(_config(ctx, file, dialect)) + "\n",
        )
        for file in switch_files(ctx, dialect.platform, per_stack=True)
    ]


def render(ctx: RenderContext, host: str | None = None) -> list[Artifact]:
    """One IOS config file per Catalyst switch or stack; ``host`` is ignored (whole design)."""
    return render_catalyst(ctx, IOS)


def _config(ctx: RenderContext, file: SwitchFile, dialect: Catalyst) -> list[str]:
    lines = header(ctx, file, dialect.title)
    lines += dialect.mtu_lines(file)
    lines += dialect.portfast_notes(file)
    lines += vlan_lines(file)
    lines += existing_lines(file)
    for port in file.host_ports:
        lines += _port_block(file, port)
    for channel in file.etherchannels:
        lines += _channel_block(file, channel)
    for port in file.isl_ports:
        lines += _isl_port_block(file, port)
    for link in link_channels(file):
        lines += _link_channel_block(file, link)
    if file.etherchannels:
        lines += [
            comment(
                "IP-hash teams hash on source and destination IP (docs/domain.md section 4, R20)."
            ),
            "port-channel load-balance src-dst-ip",
            "!",
        ]
    lines.append("end")
    return lines


def _jumbo_lines(file: SwitchFile) -> list[str]:
    if file.mtu <= 1500:
        return []
    return [
        comment(f"Jumbo frames (R12): 'system mtu jumbo {file.mtu}' is global and affects"),
        comment("Gigabit ports only. It needs a RELOAD to take effect and is stored in NVRAM,"),
        comment("so it never shows in running-config: check with 'show system mtu'"),
        comment("(S-C3750M, S-C3560). Catalyst 4500 sets MTU per interface instead (S-C4500)."),
        f"system mtu jumbo {file.mtu}",
        "!",
    ]


def portfast_off_note() -> list[str]:
    return [
        comment("PortFast is off for these ports in the design: failover and failback can"),
        comment("stall traffic for 30-50 s while spanning tree converges (R25)."),
        "!",
    ]


def _portfast_notes(file: SwitchFile) -> list[str]:
    if not file.portfast:
        return portfast_off_note()
    return [
        comment("PortFast (R25): classic IOS spelling 'spanning-tree portfast [trunk]'; IOS 15.2+"),
        comment("uses 'spanning-tree portfast edge [trunk]'. Both are UNVERIFIED (docs/domain.md"),
        comment("section 4): use the one your release accepts."),
        comment("Trunks: switches that also speak ISL need 'switchport trunk encapsulation dot1q'"),
        comment("before 'switchport mode trunk'."),
        *bpduguard_note(),
    ]


def bpduguard_note() -> list[str]:
    """BPDU guard is recommended, not configured: the design does not ask for it."""
    return [
        comment("Recommended with PortFast (S-BPDU65): 'spanning-tree bpduguard enable' on each"),
        comment("port; ESXi standard switches send no BPDUs."),
        "!",
    ]


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
    # Trunk negotiation off: ESXi does not speak DTP (S-FAILBACK60, S-POL55).
    lines.append(f"{INDENT}switchport nonegotiate")
    return lines


def _common_lines(file: SwitchFile, port: SwitchPort) -> list[str]:
    lines = _mode_lines(port)
    if file.portfast:
        trunk = " trunk" if port.mode == "trunk" else ""
        lines.append(f"{INDENT}spanning-tree portfast{trunk}")
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
        f"interface Port-channel{channel.channel_group}",
        f"{INDENT}description {channel_description(channel)}",
    ]
    lines += _common_lines(file, template)
    return [*lines, "!"]


def _isl_port_block(file: SwitchFile, port: SwitchPort) -> list[str]:
    """A member of an inter-switch link: trunk with the link's VLANs, no PortFast."""
    lines = [
        f"interface {port.interface}",
        f"{INDENT}description {isl_description(file, port)}",
        *_trunk_lines(port_vlans(port)),
    ]
    if port.channel_group is not None:
        lines.append(f"{INDENT}channel-group {port.channel_group} mode active")
    return [*lines, f"{INDENT}no shutdown", "!"]


def _link_channel_block(file: SwitchFile, link: InterconnectPlan) -> list[str]:
    lines = [comment(f"{link_description(link)}: LACP port-channel (issue 7).")]
    if link.kind is InterconnectKind.VPC_PEER_LINK:
        lines.append(comment("vPC is NX-OS only: on this Catalyst the link is a plain ISL."))
    if link.mtu > file.mtu:
        lines.append(comment(f"The link needs MTU {link.mtu}: raise the system MTU to match."))
    lines += [
        f"interface Port-channel{link.channel_group}",
        f"{INDENT}description {link_description(link)}",
        *_trunk_lines([vlan for vlan in link.vlans if vlan]),
    ]
    return [*lines, "!"]


IOS = Catalyst(PLATFORM, "Cisco IOS", _jumbo_lines, _portfast_notes)
