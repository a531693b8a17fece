"""vSwitch diagram: ``vswitch_svg(host)`` and the ``vswitch-<host>.svg`` downloads.

:func:`layout_vswitches` computes every coordinate; this module only serialises that layout.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.planner.result import HostPlan
from app.render.base import Artifact, RenderContext
from app.render.diagrams.finding_marks import (
    MARK_COLOUR,
    MARK_FONT,
    MARK_TEXT,
    mark_text,
    marked_vmks,
)
from app.render.diagrams.geometry import Point, Rect, fit_text
from app.render.diagrams.legend import draw_cross, draw_legend
from app.render.diagrams.svg import FAINT, INK, MUTED, PANEL, PAPER, RULE, SvgWriter
from app.render.diagrams.vswitch_layout import (
    BOX_PAD,
    COL_HEAD,
    MARGIN,
    NAME_ROW,
    PANEL_HEAD,
    TEXT_ROW,
    VMK_ROW,
    PortGroupBox,
    TeamLink,
    UplinkBox,
    VSwitchLayout,
    VSwitchPanel,
    layout_vswitches,
)

PANEL_HEAD_FILL = "#E5E9F0"
BOX_STROKE = "#64748B"


def vswitch_svg(host: HostPlan, marks: Mapping[str, list[str]] | None = None) -> str:
    """The standard vSwitches of ``host`` as a standalone SVG document (vSphere client style).

    ``marks`` (vmk name → rule IDs, :func:`marked_vmks`) flags the vmks findings concern.
    """
    marks = marks or {}
    layout = layout_vswitches(host, marked=bool(marks))
    return serialize_vswitches(layout, host.name, marks)


def render_vswitches(ctx: RenderContext, host: str | None = None) -> list[Artifact]:
    """Renderer contract: one ``vswitch-<host>.svg`` per host, or only ``host`` when given.

    Raises:
        KeyError: ``host`` is not a host of the plan.
    """
    hosts = [ctx.plan.host(host)] if host is not None else ctx.plan.hosts
    return [
        Artifact(
            f"vswitch-{h.name}.svg", "image/svg+xml", vswitch_svg(h, marked_vmks(ctx.plan, h.name))
        )
        for h in hosts
    ]


def serialize_vswitches(
    layout: VSwitchLayout, host_name: str, marks: Mapping[str, list[str]] | None = None
) -> str:
    """Turn a computed layout into SVG text; ``marks`` (vmk → rule IDs) flags vmks."""
    svg = SvgWriter(
        layout.width,
        layout.height,
        f"Virtual switches of {host_name}",
        f"{layout.subtitle}. Solid lines: active uplinks; dashed: standby; crossed stubs: unused.",
    )
    svg.text(Point(MARGIN, MARGIN + 16), layout.title, size=17, bold=True)
    svg.text(Point(MARGIN, MARGIN + 36), layout.subtitle, size=12, fill=MUTED)
    for panel in layout.panels:
        _draw_panel(svg, panel, marks or {})
    if not layout.panels:
        svg.text(
            Point(MARGIN, MARGIN + 70),
            "This host has no vSwitches in the plan.",
            size=12,
            fill=MUTED,
            italic=True,
        )
    draw_legend(svg, layout.legend)
    return svg.to_string()


def _draw_panel(svg: SvgWriter, panel: VSwitchPanel, marks: Mapping[str, list[str]]) -> None:
    svg.open_group(f"vSwitch {panel.name}")
    rect = panel.rect
    svg.rect(rect, fill=PANEL, stroke=BOX_STROKE, stroke_width=1.2, rx=6)
    svg.rect(
        Rect(rect.x, rect.y, rect.w, PANEL_HEAD),
        fill=PANEL_HEAD_FILL,
        stroke=BOX_STROKE,
        stroke_width=1.2,
        rx=6,
    )
    svg.text(
        Point(rect.x + 12, rect.y + 23),
        fit_text(panel.name, rect.w - 240, 14, bold=True),
        size=14,
        bold=True,
    )
    svg.text(Point(rect.right - 12, rect.y + 23), panel.summary, size=11.5, anchor="end", fill=INK)
    head_y = rect.y + PANEL_HEAD + 16
    svg.text(
        Point(rect.x + 14, head_y), "PORT GROUPS AND VMKERNEL PORTS", size=9, bold=True, fill=MUTED
    )
    svg.text(
        Point(rect.right - 14, head_y),
        "PHYSICAL ADAPTERS",
        size=9,
        bold=True,
        fill=MUTED,
        anchor="end",
    )
    if panel.note:
        svg.text(
            Point(rect.cx, rect.y + PANEL_HEAD + COL_HEAD + 22),
            panel.note,
            size=11,
            anchor="middle",
            fill=MUTED,
            italic=True,
        )
    for link in panel.links:
        _draw_link(svg, link)
    for box in panel.portgroups:
        _draw_portgroup(svg, box, marks)
    for uplink in panel.uplinks:
        _draw_uplink(svg, uplink)
    svg.close_group()


def _draw_link(svg: SvgWriter, link: TeamLink) -> None:
    if link.kind == "unused":
        svg.polyline(
            link.points, stroke=FAINT, width=1.2, tooltip=f"{link.portgroup}: {link.uplink} unused"
        )
        end = link.points[-1]
        draw_cross(svg, Point(end.x + 3, end.y), FAINT, size=2.6)
        return
    active = link.kind == "active"
    svg.polyline(
        link.points,
        stroke=link.colour,
        width=2.4 if active else 1.2,
        dash=None if active else "6 4",
        tooltip=f"{link.portgroup}: {link.uplink} {link.kind}",
    )


def _draw_portgroup(svg: SvgWriter, box: PortGroupBox, marks: Mapping[str, list[str]]) -> None:
    r = box.rect
    svg.rect(r, fill=PAPER, stroke=BOX_STROKE, stroke_width=1, rx=4)
    svg.rect(Rect(r.x, r.y, 5, r.h), fill=box.colour, rx=2)  # role/lane colour bar
    x = r.x + BOX_PAD + 4
    width = r.w - 2 * BOX_PAD - 4
    y = r.y + BOX_PAD + 12
    svg.text(Point(x, y), fit_text(box.name, width - 110, 12.5, bold=True), size=12.5, bold=True)
    svg.text(Point(r.right - BOX_PAD, y), box.vlan, size=10, anchor="end", fill=MUTED)
    y += NAME_ROW - 2
    svg.text(Point(x, y), fit_text(box.teaming, width, 9.5), size=9.5, fill=MUTED)
    for line in box.failover:
        y += TEXT_ROW
        svg.text(Point(x, y), line, size=9.5, fill=INK)
    y += 4
    if not box.vmks:
        svg.text(
            Point(x, y + TEXT_ROW),
            "Virtual machine port group (no VMkernel port)",
            size=10,
            fill=MUTED,
            italic=True,
        )
    for vmk in box.vmks:
        rules = marks.get(vmk.name, [])
        if rules:  # issue 9 §5: a bar beside the vmk and the rule IDs at the row's end
            svg.open_group(f"{vmk.name}: see findings {', '.join(rules)}", cls="finding-mark")
            svg.rect(Rect(x - 7, y + 5, 4, VMK_ROW - 4), fill=MARK_COLOUR, rx=1)
            svg.text(
                Point(r.right - BOX_PAD, y + 17),
                mark_text(rules),
                size=MARK_FONT,
                anchor="end",
                bold=True,
                fill=MARK_TEXT,
            )
            svg.close_group()
        svg.line(Point(x, y + 3), Point(r.right - BOX_PAD, y + 3), stroke=RULE, width=0.8)
        svg.text(Point(x, y + 17), vmk.name, size=11.5, bold=True, mono=True)
        svg.text(Point(x + 44, y + 17), vmk.address, size=11.5, mono=True)
        svg.text(Point(x, y + 29), fit_text(vmk.detail, width, 9.5), size=9.5, fill=MUTED)
        y += VMK_ROW


def _draw_uplink(svg: SvgWriter, box: UplinkBox) -> None:
    r = box.rect
    svg.rect(r, fill=PAPER, stroke=BOX_STROKE, stroke_width=1, rx=4)
    x = r.x + BOX_PAD + 4
    width = r.w - 2 * BOX_PAD - 4
    svg.text(Point(x, r.y + 17), box.vmnic, size=12.5, bold=True, mono=True)
    svg.text(Point(r.right - BOX_PAD, r.y + 17), box.speed, size=10, anchor="end", fill=INK)
    svg.text(Point(x, r.y + 32), fit_text(box.card, width, 9.5), size=9.5, fill=MUTED)
    svg.text(Point(x, r.y + 45), fit_text(box.peer, width, 9.5), size=9.5, fill=MUTED)
