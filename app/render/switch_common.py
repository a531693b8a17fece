"""What the NX-OS and IOS switch renderers share: grouping, safe text, headers, port-channels.

The switch side of a plan (``plan.switches``, ``plan.etherchannels``) is rendered as one config
file per switch, or per stack where the stack has one control plane (a Catalyst stack). Text
that comes from the design (names, stack labels) is made safe for a Cisco config line here, so
neither renderer can emit a line break or a control character from user input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from app.planner.design import InterconnectKind
from app.planner.naming import ROLE_LABELS, role_label
from app.planner.result import EtherChannel, InterconnectPlan, SwitchPlan, SwitchPort
from app.render.base import RenderContext

# Cisco accepts longer descriptions (IOS 240, NX-OS 254 characters); staying well below keeps
# `show interface status` readable and leaves room on every platform.
DESCRIPTION_LIMIT = 200
COMMENT_LIMIT = 200


_UNSAFE = re.compile(r"[^\x20-\x7e]")
_SPACES = re.compile(r"\s+")
_FILENAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def one_line(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` as one printable-ASCII line of at most ``limit`` characters.

    Line breaks and control characters would end a ``description`` and start a new command on
    the switch, so whitespace runs collapse to one space and non-ASCII letters lose their
    accents (anything left that is not printable ASCII becomes ``?``).
    """
    flat = _SPACES.sub(" ", text).strip()
    decomposed = unicodedata.normalize("NFKD", flat)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    safe = _UNSAFE.sub("?", kept)
    return safe if len(safe) <= limit else safe[: limit - 3].rstrip() + "..."


def safe_filename(text: str) -> str:
    """A file-name part from design text (stack labels are free text)."""
    cleaned = _FILENAME_UNSAFE.sub("-", one_line(text, 60)).strip("-.")
    return cleaned or "switch"


def comment(text: str) -> str:
    """A ``!`` comment line; both NX-OS and IOS ignore it when the file is pasted."""
    return f"! {one_line(text, COMMENT_LIMIT)}" if text else "!"


@dataclass
class SwitchFile:
    """One config file: a single switch, or the members of a stack with one control plane."""

    name: str  # switch name or stack label
    platform: str
    switches: list[SwitchPlan]
    etherchannels: list[EtherChannel] = field(default_factory=list)
    interconnects: list[InterconnectPlan] = field(default_factory=list)  # planned, not existing

    @property
    def ports(self) -> list[SwitchPort]:
        """The ports this file configures: every planned host port and inter-switch port."""
        return [port for switch in self.switches for port in switch.ports if not port.existing]

    @property
    def host_ports(self) -> list[SwitchPort]:
        return [port for port in self.ports if port.kind == "host"]

    @property
    def isl_ports(self) -> list[SwitchPort]:
        return [port for port in self.ports if port.kind == "inter_switch"]

    @property
    def existing_ports(self) -> list[SwitchPort]:
        """Ports whose cable is patched today: listed to verify, never configured (issue 7)."""
        return [port for switch in self.switches for port in switch.ports if port.existing]

    @property
    def mtu(self) -> int:
        return max(switch.mtu for switch in self.switches)

    @property
    def portfast(self) -> bool:
        return all(switch.portfast for switch in self.switches)


def switch_files(ctx: RenderContext, platform: str, *, per_stack: bool) -> list[SwitchFile]:
    """Group the plan's switches of ``platform`` into config files.

    ``per_stack`` puts the members of one stack into one file (Catalyst stacks share one
    configuration); otherwise every switch gets its own file and keeps only its own members of
    a port-channel (each Nexus of a vPC pair is configured on its own).
    """
    files: dict[str, SwitchFile] = {}
    for switch in ctx.plan.switches:
        if switch.platform != platform or not switch.ports:
            continue
        key = switch.stack if (per_stack and switch.stack) else switch.name
        entry = files.setdefault(key, SwitchFile(name=key, platform=platform, switches=[]))
        entry.switches.append(switch)
    for entry in files.values():
        names = {switch.name for switch in entry.switches}
        groups = {entry.name, *names, *(s.stack for s in entry.switches if s.stack)}
        for channel in ctx.plan.etherchannels:
            members = [m for m in channel.members if member_switch(m) in names]
            if channel.switch_group in groups and members:
                entry.etherchannels.append(replace(channel, members=members))
        entry.interconnects = [
            link
            for link in ctx.plan.interconnects
            if not link.existing and (link.a in names or link.b in names)
        ]
    return list(files.values())


def member_switch(member: str) -> str:
    """The switch of an EtherChannel member written as ``'<switch> <interface>'``."""
    return member.split(" ", 1)[0]


def member_interface(member: str) -> str:
    return member.split(" ", 1)[1] if " " in member else member


def port_description(port: SwitchPort) -> str:
    """Names host, vmnic and cable, so a technician can trace the port from the sheet."""
    return one_line(f"{port.host} {port.vmnic} {port.cable} {role_label(port.role)}")


LINK_LABELS = {InterconnectKind.ISL: "ISL", InterconnectKind.VPC_PEER_LINK: "vPC peer-link"}


def port_vlans(port: SwitchPort) -> list[int]:
    """The tagged VLANs a port carries (0, untagged, is the native VLAN and not listed)."""
    vlans = set(port.vlans) | ({port.vlan} if port.vlan else set())
    return sorted(vlans - {0})


def vlan_list(vlans: list[int]) -> str:
    """``10,20,30``: the form every dialect takes after ``allowed vlan``."""
    return ",".join(str(vlan) for vlan in sorted(set(vlans)))


def link_of(file: SwitchFile, port: SwitchPort) -> InterconnectPlan | None:
    """The interconnect an inter-switch port belongs to (by its cable)."""
    for link in file.interconnects:
        if port.cable in link.cables:
            return link
    return None


def isl_description(file: SwitchFile, port: SwitchPort) -> str:
    """Names the far end and the cable, so the port can be traced from the cabling sheet."""
    link = link_of(file, port)
    label = LINK_LABELS[link.kind] if link is not None else "ISL"
    return one_line(f"{label} to {port.peer_switch} {port.peer_interface} {port.cable}")


def link_description(link: InterconnectPlan) -> str:
    return one_line(f"{LINK_LABELS[link.kind]} {link.a} - {link.b} ({', '.join(link.cables)})")


def link_channels(file: SwitchFile) -> list[InterconnectPlan]:
    """The interconnects of this file that are port-channels, in channel order."""
    linked = [link for link in file.interconnects if link.channel_group is not None]
    return sorted(linked, key=lambda link: link.channel_group or 0)


def link_ports(file: SwitchFile, link: InterconnectPlan) -> list[SwitchPort]:
    return [port for port in file.isl_ports if port.cable in link.cables]


def existing_lines(file: SwitchFile) -> list[str]:
    """Ports patched today: what the plan expects on them, as comments to verify (issue 7)."""
    if not file.existing_ports:
        return []
    lines = [
        comment("Existing (patched today): verify these ports match, this file does not"),
        comment("change them."),
    ]
    for port in file.existing_ports:
        vlans = vlan_list(port_vlans(port)) or "untagged"
        what = (
            isl_description(file, port) if port.kind == "inter_switch" else port_description(port)
        )
        lines.append(
            comment(f"- {port.interface}: {what}; {port.mode} VLAN {vlans}, MTU {port.mtu}")
        )
    return [*lines, "!"]


def channel_description(channel: EtherChannel) -> str:
    vmnics = ", ".join(channel.vmnics)
    return one_line(f"{channel.host} {ROLE_LABELS[channel.role]} team ({vmnics})")


def channel_of(file: SwitchFile, port: SwitchPort) -> EtherChannel | None:
    """The port-channel ``port`` belongs to in this file, if any."""
    if port.channel_group is None:
        return None
    for channel in file.etherchannels:
        if channel.channel_group == port.channel_group:
            return channel
    return None


def channel_template(file: SwitchFile, channel: EtherChannel) -> SwitchPort | None:
    """A member port of ``channel``: the port-channel carries the same VLAN and mode."""
    for port in file.ports:
        if port.channel_group == channel.channel_group:
            return port
    return None


def vlan_lines(file: SwitchFile) -> list[str]:
    """``vlan N`` for every VLAN the ports use; names are left alone (they may exist already)."""
    used: dict[int, set[str]] = {}
    for port in file.host_ports:
        for vlan in port_vlans(port):
            used.setdefault(vlan, set()).add(role_label(port.role))
    for port in file.isl_ports:
        for vlan in port_vlans(port):
            used.setdefault(vlan, set())
    if not used:
        return []
    lines = [comment("VLANs used by the ports below (creating an existing VLAN is harmless).")]
    for vlan in sorted(used):
        roles = ", ".join(sorted(used[vlan])) or role_label(None)
        lines += [comment(f"VLAN {vlan}: {roles}"), f"vlan {vlan}"]
    return [*lines, "!"]


def header(ctx: RenderContext, file: SwitchFile, dialect: str) -> list[str]:
    """The opening comment: what this file is, for which design, and how to apply it."""
    members = ", ".join(switch.name for switch in file.switches)
    lines = [
        comment(f"vmotion-planner: {dialect} configuration for {file.name}"),
        comment(f"Design: {ctx.design.name}"),
    ]
    if len(file.switches) > 1 or file.name != members:
        lines.append(comment(f"Switches: {members}"))
    if ctx.revision is not None:
        lines.append(comment(f"Revision: {ctx.revision}"))
    if ctx.generated_at:
        lines.append(comment(f"Generated: {ctx.generated_at}"))
    lines += [
        comment("Review with the network team before applying. These blocks add settings and"),
        comment("remove none: clear old VLANs or channel-groups on these ports first."),
        comment("Apply in a maintenance window, one ESXi host's ports at a time; check with the"),
        comment("vmkping test plan after each host."),
        "!",
    ]
    return lines


def vlan_mode_missing(port: SwitchPort) -> bool:
    """An access port without a VLAN: the design gave none, so none is invented."""
    return port.mode == "access" and port.vlan == 0
