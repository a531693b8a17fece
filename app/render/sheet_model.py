"""What the printable cabling sheet shows, computed from the plan (pure, no templates).

Each cable appears once in the section of every host it touches, seen from that host: the near
end is the host's own vmnic, the far end the peer host's vmnic or the switch interface.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.planner.design import Role
from app.planner.naming import role_label
from app.planner.result import Cable, CableEnd, EndKind, HostPlan, Plan, VmkPing
from app.render.base import RenderContext
from app.render.diagrams.topology_model import port_sort_key


@dataclass(frozen=True)
class End:
    device: str
    port: str
    detail: str  # card and card port (host), "switch" (switch)
    is_switch: bool


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


@dataclass(frozen=True)
class HostSection:
    name: str
    management: str
    rows: tuple[CableRow, ...]


@dataclass(frozen=True)
class SheetModel:
    design_name: str
    revision: str
    generated: str
    share_url: str | None
    summary: str
    hosts: tuple[HostSection, ...]
    cables: tuple[CableRow, ...]  # every cable, from its A end
    checks: tuple[VmkPing, ...]
    narrowed_to: str | None


def build_sheet(ctx: RenderContext, host: str | None = None) -> SheetModel:
    """The sheet of the whole design, or of ``host`` only (its section, cables and checks).

    Raises:
        KeyError: ``host`` is not a host of the plan.
    """
    plan = ctx.plan
    hosts = [plan.host(host)] if host is not None else list(plan.hosts)
    names = {h.name for h in hosts}
    # The whole sheet lists every cable, inter-switch links included (issue 7).
    cables = (
        list(plan.cables)
        if host is None
        else [c for c in plan.cables if c.a.device in names or c.b.device in names]
    )
    checks = [t for t in plan.tests if t.source_host in names]
    return SheetModel(
        design_name=plan.design_name,
        revision=f"Revision {ctx.revision}" if ctx.revision is not None else "Unsaved draft",
        generated=format_generated(ctx.generated_at),
        share_url=ctx.share_url,
        summary=_summary(plan),
        hosts=tuple(_section(plan, h) for h in hosts),
        cables=tuple(_row(plan, c, c.a, c.b) for c in cables),
        checks=tuple(checks),
        narrowed_to=host,
    )


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
    kind = "switched" if plan.switches else "back-to-back"
    return (
        f"{len(plan.hosts)} hosts, {kind}, {plan.summary.lanes} vMotion lanes, "
        f"{len(plan.cables)} cables"
    )


def _section(plan: Plan, host: HostPlan) -> HostSection:
    rows = []
    for cable in plan.cables:
        if cable.a.kind is EndKind.HOST and cable.a.device == host.name:
            rows.append(_row(plan, cable, cable.a, cable.b))
        elif cable.b.kind is EndKind.HOST and cable.b.device == host.name:
            rows.append(_row(plan, cable, cable.b, cable.a))
    # A technician works along the back of the host: ports in vmnic order.
    rows.sort(key=lambda row: port_sort_key(row.near.port))
    management = next((str(v.address) for v in host.vmks if v.role is Role.MANAGEMENT), "")
    return HostSection(host.name, management, tuple(rows))


def _end(end: CableEnd) -> End:
    if end.kind is EndKind.SWITCH:
        return End(end.device, end.port, "switch", True)
    detail = f"{end.card} port {end.card_port}" if end.card and end.card_port else end.card
    return End(end.device, end.port, detail, False)


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
    )
