"""What the printable cabling sheet shows, computed from the plan (pure, no templates).

Each cable appears once in the section of every host it touches, seen from that host: the near
end is the host's own vmnic, the far end the peer host's vmnic or the switch interface. Rows of
a host page are in cable-ID order (C2 before C10). Switched designs also get a page per switch
in switch-port order, for the technician who works at the switch port by port (issue 9 §3).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.planner.design import Role, Topology
from app.planner.naming import role_label
from app.planner.result import (
    Cable,
    CableEnd,
    EndKind,
    HostPlan,
    Plan,
    SwitchPlan,
    SwitchPort,
    VmkPing,
)
from app.render.base import RenderContext
from app.render.diagrams.topology_model import platform_label, port_sort_key


@dataclass(frozen=True)
class End:
    device: str
    port: str
    detail: str  # card and card port (host), "switch" (switch)
    is_switch: bool
    label: str = ""  # the port's printed label ("Slot 2 Port 1"), when the design gives one


@dataclass(frozen=True)
class CableRow:
    """One cable seen from one host (``near`` is that host's end)."""

    id: str
    lane: int | None
    colour: str
    role: str
    near: End
    far: End
    label: str
    speed: str
    vmk: str
    address: str
    subnet: str
    existing: bool = False  # patched today: the sheet says "existing — verify"


@dataclass(frozen=True)
class HostSection:
    name: str
    management: str
    rows: tuple[CableRow, ...]


@dataclass(frozen=True)
class SwitchRow:
    """One port of a switch page: the interface, its cable and what is on the far end."""

    port: str
    cable: CableRow
    vlan: str  # "VLAN 20 (access)", "trunk 10, 20"
    channel: str  # "Po12" or ""


@dataclass(frozen=True)
class SwitchSection:
    name: str
    detail: str  # platform, MTU, stack
    rows: tuple[SwitchRow, ...]


@dataclass(frozen=True)
class SheetModel:
    design_name: str
    revision: str
    generated: str
    share_url: str | None
    summary: str
    hosts: tuple[HostSection, ...]
    switches: tuple[SwitchSection, ...]
    cables: tuple[CableRow, ...]  # every cable, from its A end
    checks: tuple[VmkPing, ...]
    narrowed_to: str | None  # "host esx01", "switch sw1" or None for the whole design


def build_sheet(
    ctx: RenderContext, host: str | None = None, switch: str | None = None
) -> SheetModel:
    """The sheet of the whole design, of ``host`` only (its page, cables and checks), or of
    ``switch`` only (its page in port order and its cables).

    Raises:
        KeyError: ``host`` is not a host of the plan, or ``switch`` not one of its switches.
    """
    plan = ctx.plan
    if switch is not None:
        switches = [_switch(plan, switch)]
        hosts: list[HostPlan] = []
        narrowed: str | None = f"switch {switch}"
    else:
        hosts = [plan.host(host)] if host is not None else list(plan.hosts)
        switches = [] if host is not None else list(plan.switches)
        narrowed = f"host {host}" if host is not None else None
    names = {h.name for h in hosts} | {s.name for s in switches}
    cables = _by_id([c for c in plan.cables if c.a.device in names or c.b.device in names])
    checks = [t for t in plan.tests if t.source_host in {h.name for h in hosts}]
    return SheetModel(
        design_name=plan.design_name,
        revision=f"Revision {ctx.revision}" if ctx.revision is not None else "Unsaved draft",
        generated=format_generated(ctx.generated_at),
        share_url=ctx.share_url,
        summary=_summary(plan),
        hosts=tuple(_section(plan, h) for h in hosts),
        switches=tuple(s for s in (_switch_section(plan, sw) for sw in switches) if s.rows),
        cables=tuple(_row(plan, c, c.a, c.b) for c in cables),
        checks=tuple(checks),
        narrowed_to=narrowed,
    )


def _switch(plan: Plan, name: str) -> SwitchPlan:
    for switch in plan.switches:
        if switch.name == name:
            return switch
    raise KeyError(name)


def _by_id(cables: list[Cable]) -> list[Cable]:
    """Cables in ID order, C2 before C10, so a reader finds a cable on any page."""
    return sorted(cables, key=lambda c: port_sort_key(c.id))


def format_generated(value: str | None) -> str:
    """``2026-01-15T09:30:00Z`` as ``2026-01-15 09:30 UTC``; other text unchanged."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    offset = moment.utcoffset()
    zone = "UTC" if offset is not None and not offset.total_seconds() else moment.strftime("%z")
    return f"{moment.strftime('%Y-%m-%d %H:%M')} {zone}"


def _summary(plan: Plan) -> str:
    kind = "switched" if plan.topology is Topology.SWITCHED else "back-to-back"
    parts = [f"{len(plan.hosts)} hosts", kind]
    if plan.switches:
        parts.append(f"{len(plan.switches)} switch{'es' if len(plan.switches) != 1 else ''}")
    parts.append(f"{plan.summary.lanes} vMotion lanes")
    existing = sum(1 for c in plan.cables if c.existing)
    cables = f"{len(plan.cables)} cables"
    parts.append(cables + (f" ({existing} existing — verify)" if existing else ""))
    return ", ".join(parts)


def _section(plan: Plan, host: HostPlan) -> HostSection:
    rows = []
    for cable in plan.cables:
        if cable.a.kind is EndKind.HOST and cable.a.device == host.name:
            rows.append(_row(plan, cable, cable.a, cable.b))
        elif cable.b.kind is EndKind.HOST and cable.b.device == host.name:
            rows.append(_row(plan, cable, cable.b, cable.a))
    rows.sort(key=lambda row: port_sort_key(row.id))
    management = next((str(v.address) for v in host.vmks if v.role is Role.MANAGEMENT), "")
    return HostSection(host.name, management, tuple(rows))


def _switch_section(plan: Plan, switch: SwitchPlan) -> SwitchSection:
    """The switch's cabled ports in port order (Ethernet1/2 before Ethernet1/10)."""
    cables = {c.id: c for c in plan.cables}
    rows = []
    for port in sorted(switch.ports, key=lambda p: port_sort_key(p.interface)):
        cable = cables.get(port.cable)
        if cable is None:
            continue
        near, far = (
            (cable.a, cable.b) if _is_end(cable.a, switch, port.interface) else (cable.b, cable.a)
        )
        vlan = _vlan_text(port)
        channel = f"Po{port.channel_group}" if port.channel_group is not None else ""
        rows.append(SwitchRow(port.interface, _row(plan, cable, near, far), vlan, channel))
    parts = [platform_label(switch.platform), f"MTU {switch.mtu}"]
    if switch.stack:
        parts.append(f"stack {switch.stack}")
    return SwitchSection(switch.name, " · ".join(parts), tuple(rows))


def _vlan_text(port: SwitchPort) -> str:
    """What the port carries, as the technician checks it: "VLAN 20 (access)", "trunk 10, 20"."""
    vlans = port.vlans or [port.vlan]
    if port.mode == "access":
        return f"VLAN {vlans[0]} (access)" if vlans[0] else "untagged (access)"
    tagged = ", ".join(str(v) for v in vlans if v)
    native = f"native {port.vlan}" if port.vlan else ""
    return "trunk " + ", ".join(part for part in (tagged, native) if part)


def _is_end(end: CableEnd, switch: SwitchPlan, interface: str) -> bool:
    return end.kind is EndKind.SWITCH and end.device == switch.name and end.port == interface


def _end(end: CableEnd) -> End:
    if end.kind is EndKind.SWITCH:
        return End(end.device, end.port, "switch", True, end.label)
    detail = f"{end.card} port {end.card_port}" if end.card and end.card_port else end.card
    return End(end.device, end.port, detail, False, end.label)


def _row(plan: Plan, cable: Cable, near: CableEnd, far: CableEnd) -> CableRow:
    vmk, address = "", ""
    if near.kind is EndKind.HOST:
        nic = next((n for n in plan.host(near.device).nics if n.vmnic == near.port), None)
        if nic is not None:
            vmk, address = nic.vmk, str(nic.address) if nic.address else ""
    role = role_label(cable.role) + (f" lane {cable.lane}" if cable.lane is not None else "")
    return CableRow(
        id=cable.id,
        lane=cable.lane,
        colour=cable.color,
        role=role,
        near=_end(near),
        far=_end(far),
        label=cable.label,
        speed=f"{cable.speed_gbps} Gb/s",
        vmk=vmk,
        address=address,
        subnet=str(cable.subnet) if cable.subnet is not None else "",
        existing=cable.existing,
    )
