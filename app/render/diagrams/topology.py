"""Topology diagram: ``topology_svg(plan)`` and the ``topology.svg`` download.

:func:`layout_topology` computes every coordinate; this module only serialises that layout.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.planner.result import EndKind, Plan
from app.render.base import Artifact, RenderContext
from app.render.diagrams.finding_marks import (
    MARK_COLOUR,
    MARK_FONT,
    MARK_TEXT,
    MARK_WIDTH,
    mark_text,
    marked_cables,
)
from app.render.diagrams.geometry import Point, fit_text
from app.render.diagrams.legend import draw_badge, draw_legend
from app.render.diagrams.svg import FAINT, INK, MUTED, PANEL, PAPER, RULE, SvgWriter
from app.render.diagrams.topology_layout import layout_topology
from app.render.diagrams.topology_model import (
    LABEL_FONT,
    MARGIN,
    MIN_FONT,
    TITLE_FONT,
    CableLine,
    DeviceBox,
    PortBox,
    StackGroup,
    TopologyLayout,
)
from app.render.diagrams.topology_overview import overview_svg
from app.render.diagrams.topology_units import OVERVIEW, find_unit, narrowed

HOST_FILL = "#EEF2F7"
SWITCH_FILL = "#F3F4F6"
HOST_STROKE = "#475569"
SWITCH_STROKE = "#334155"


def topology_svg(plan: Plan) -> str:
    """The topology of ``plan`` as a standalone SVG document (hosts, switches, cables, legend)."""
    return serialize_topology(layout_topology(plan), plan.design_name, marked_cables(plan))


def drawing_svg(plan: Plan, key: str) -> str:
    """One drawing of the topology: ``overview``, ``all``, or a unit key (``switch-sw1``).

    Raises:
        KeyError: the plan has no drawing called ``key``.
    """
    if key == OVERVIEW:
        return overview_svg(plan)
    unit = find_unit(plan, key)
    if unit is None:
        raise KeyError(key)
    if unit.kind == "all":
        return topology_svg(plan)
    hosts, cables = len(unit.hosts), len(unit.cables)
    subtitle = (
        f"{plan.design_name} · {hosts} host{'s' if hosts != 1 else ''} · "
        f"{cables} cable{'s' if cables != 1 else ''}"
    )
    layout = layout_topology(narrowed(plan, unit), title=unit.title, subtitle=subtitle)
    return serialize_topology(layout, f"{plan.design_name}, {unit.title}", marked_cables(plan))


def render_topology(ctx: RenderContext, host: str | None = None) -> list[Artifact]:
    """Renderer contract: the whole design's topology as ``topology.svg`` (``host`` is ignored)."""
    del host  # one diagram covers every host
    return [Artifact("topology.svg", "image/svg+xml", topology_svg(ctx.plan))]


def serialize_topology(
    layout: TopologyLayout, design_name: str, marks: Mapping[str, list[str]] | None = None
) -> str:
    """Turn a computed layout into SVG text; ``marks`` (cable → rule IDs) flags cables."""
    marks = marks or {}
    svg = SvgWriter(
        layout.width,
        layout.height,
        f"Topology of {design_name}",
        f"{layout.subtitle}. Each line is one cable, labelled with its cable ID.",
    )
    svg.text(Point(MARGIN, MARGIN + 16), layout.title, size=TITLE_FONT, bold=True)
    svg.text(Point(MARGIN, MARGIN + 36), layout.subtitle, size=12, fill=MUTED)
    svg.line(
        Point(MARGIN, MARGIN + 46), Point(layout.width - MARGIN, MARGIN + 46), stroke=RULE, width=1
    )
    for group in layout.groups:
        _draw_group(svg, group)
    for device in layout.devices:
        _draw_device(svg, device)
    for cable in layout.cables:
        _draw_cable(svg, cable, marks.get(cable.cable, []))
    if layout.note:
        note_y = layout.legend.box.y - 16
        svg.text(Point(MARGIN, note_y), layout.note, size=12, fill=MUTED, italic=True)
    draw_legend(svg, layout.legend)
    return svg.to_string()


def _draw_group(svg: SvgWriter, group: StackGroup) -> None:
    svg.rect(group.rect, fill=PANEL, stroke=MUTED, stroke_width=1.2, rx=8, dash="5 3")
    label = fit_text(f"Stack {group.name}", group.rect.w - 16, 10.5)
    svg.text(Point(group.rect.x + 10, group.rect.y + 14), label, size=10.5, fill=MUTED, bold=True)


def _draw_device(svg: SvgWriter, device: DeviceBox) -> None:
    is_host = device.kind is EndKind.HOST
    svg.open_group(f"{'Host' if is_host else 'Switch'} {device.name}")
    fill, stroke = (HOST_FILL, HOST_STROKE) if is_host else (SWITCH_FILL, SWITCH_STROKE)
    svg.rect(device.rect, fill=fill, stroke=stroke, stroke_width=1.5, rx=6)
    kind = "ESXi HOST" if is_host else "SWITCH"
    inner = device.rect.w - 20
    svg.text(
        Point(device.rect.x + 10, device.rect.y + 14), kind, size=MIN_FONT, fill=MUTED, bold=True
    )
    name = fit_text(device.name, inner, 13.5, bold=True)
    svg.text(Point(device.rect.x + 10, device.rect.y + 32), name, size=13.5, bold=True)
    subtitle = fit_text(device.subtitle, inner, 9.5)
    if device.subtitle:
        svg.text(Point(device.rect.x + 10, device.rect.y + 47), subtitle, size=9.5, fill=MUTED)
    for port in device.ports:
        _draw_port(svg, port, device)
    svg.close_group()


def _draw_port(svg: SvgWriter, port: PortBox, device: DeviceBox) -> None:
    svg.rect(port.rect, fill=PAPER, stroke=INK, stroke_width=1, rx=3)
    text_at = Point(port.rect.cx, port.rect.cy + 3.8)
    svg.text(
        text_at,
        fit_text(port.name, port.rect.w - 6, 10.5, mono=True),
        size=10.5,
        anchor="middle",
        mono=True,
        bold=True,
    )
    if not port.detail:
        return
    room = device.rect.w - port.rect.w - 18
    if len({p.side for p in device.ports}) == 2:  # ports on both edges share the middle
        room = (device.rect.w - 2 * port.rect.w - 24) / 2
    detail = fit_text(port.detail, room, 9.5)
    if port.side == "right":
        svg.text(
            Point(port.rect.x - 6, port.rect.cy + 3.4), detail, size=9.5, anchor="end", fill=MUTED
        )
    else:
        svg.text(Point(port.rect.right + 6, port.rect.cy + 3.4), detail, size=9.5, fill=MUTED)


def _draw_cable(svg: SvgWriter, cable: CableLine, rules: list[str]) -> None:
    if rules:
        svg.open_group(f"Cable {cable.cable}: see findings {', '.join(rules)}", cls="finding-mark")
        svg.polyline(cable.points, stroke=MARK_COLOUR, width=MARK_WIDTH, tooltip=mark_text(rules))
    else:
        svg.open_group(f"Cable {cable.cable}")
    svg.polyline(
        cable.points, stroke=cable.colour, width=cable.width, dash=cable.dash, tooltip=cable.tooltip
    )
    for label in cable.labels:
        if label.background is not None:
            svg.rect(label.background, fill=PAPER, stroke=FAINT, stroke_width=0.6, rx=3)
        svg.text(label.at, label.text, size=LABEL_FONT, anchor=label.anchor, mono=True, fill=INK)
    for badge in cable.badges:
        draw_badge(svg, badge, str(cable.lane), cable.colour)
    if rules:
        mid = cable.points[len(cable.points) // 2]
        at = Point(mid.x + 6, mid.y - 8)
        svg.text(at, mark_text(rules), size=MARK_FONT, bold=True, fill=MARK_TEXT)
    svg.close_group()
