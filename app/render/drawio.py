"""The topology as a draw.io (diagrams.net) file that opens and stays editable.

Uncompressed mxGraph XML: ``<mxfile><diagram><mxGraphModel><root>`` with the two mandatory root
cells, one vertex per host and switch, and one edge per cable whose source and target are the
vertices of its two ends. Edges start and end at their own point on the vertex side (exit/entry
constraints), so the several cables between two hosts never lie on top of each other.

Layout: hosts in one row; back-to-back cables hang below it as U shapes, one level per cable;
switches sit in a row below the hosts (switched) or above them (management uplinks of a
back-to-back design); inter-switch links hang as U shapes on the side of the switch row away from
the hosts. Existing cables (patched today) are dashed and labelled "existing, verify".
ElementTree does the XML escaping of every design text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from app.planner.design import Topology
from app.planner.result import Cable, EndKind
from app.render.base import Artifact, RenderContext
from app.render.diagrams.topology_model import platform_label
from app.render.quoting import xml_safe

MEDIA_TYPE = "application/vnd.jgraph.mxfile"

MARGIN = 40
TITLE_H = 40
HOST_W, HOST_H = 220, 70
SWITCH_W, SWITCH_H = 220, 60
GAP_X = 120
LEVEL_GAP = 28  # vertical distance between the U levels of back-to-back cables
ROW_GAP = 160  # host row to switch row

HOST_STYLE = "rounded=1;whiteSpace=wrap;html=0;fillColor=#F3F4F6;strokeColor=#374151;fontStyle=1;"
SWITCH_STYLE = "rounded=0;whiteSpace=wrap;html=0;fillColor=#E0F2FE;strokeColor=#0369A1;fontStyle=1;"
TITLE_STYLE = "text;html=0;align=left;verticalAlign=middle;fontSize=16;fontStyle=1;"
EDGE_STYLE = (
    "endArrow=none;html=0;rounded=0;strokeWidth=2;labelBackgroundColor=#FFFFFF;fontSize=10;"
    "exitDx=0;exitDy=0;entryDx=0;entryDy=0;"
)


@dataclass(frozen=True)
class Box:
    id: str
    x: int
    y: int
    w: int
    h: int


@dataclass
class Layout:
    boxes: dict[str, Box]
    anchors: dict[tuple[str, str], float]  # (cable id, device) -> position along the side
    width: int
    height: int


def _row(names: list[str], prefix: str, y: int, w: int, h: int) -> dict[str, Box]:
    return {
        name: Box(f"{prefix}-{i + 1}", MARGIN + i * (w + GAP_X), y, w, h)
        for i, name in enumerate(names)
    }


def _anchors(cables: list[Cable]) -> dict[tuple[str, str], float]:
    """Spread the cable ends of each device evenly along the side they leave from.

    Back-to-back U shapes nest without crossing when, on each host, the ends towards peers on
    the left come first (shallowest level leftmost) and the ends towards peers on the right
    follow in reverse (deepest level leftmost). Hosts are in name order, so the A end (the
    lower name) is always the left one.
    """
    to_left: dict[str, list[str]] = {}
    to_right: dict[str, list[str]] = {}
    uplinks: dict[str, list[str]] = {}
    for cable in cables:
        if cable.b.kind is EndKind.HOST:
            to_right.setdefault(cable.a.device, []).insert(0, cable.id)
            to_left.setdefault(cable.b.device, []).append(cable.id)
        else:
            uplinks.setdefault(cable.a.device, []).append(cable.id)
            uplinks.setdefault(cable.b.device, []).append(cable.id)
    ends: dict[str, list[str]] = {}
    for side in (to_left, to_right, uplinks):
        for device, ids in side.items():
            ends.setdefault(device, []).extend(ids)
    return {
        (cable_id, device): (i + 1) / (len(ids) + 1)
        for device, ids in ends.items()
        for i, cable_id in enumerate(ids)
    }


def _layout(ctx: RenderContext) -> Layout:
    plan = ctx.plan
    hosts = [h.name for h in plan.hosts]
    switches = [s.name for s in plan.switches]
    direct = [c for c in plan.cables if c.b.kind is EndKind.HOST]
    isl_h = (len(_inter_switch(plan.cables)) + 1) * LEVEL_GAP if _inter_switch(plan.cables) else 0
    above = plan.topology is Topology.DIRECT
    top = MARGIN + TITLE_H + (isl_h if above else 0)
    host_y = top + (SWITCH_H + ROW_GAP if above and switches else 0)
    levels_h = (len(direct) + 1) * LEVEL_GAP if direct else 0
    switch_y = top if above else host_y + HOST_H + levels_h + ROW_GAP
    boxes = _row(hosts, "host", host_y, HOST_W, HOST_H)
    boxes.update(_row(switches, "switch", switch_y, SWITCH_W, SWITCH_H))
    count = max(len(hosts), len(switches), 1)
    width = 2 * MARGIN + count * HOST_W + (count - 1) * GAP_X
    bottom = max(b.y + b.h for b in boxes.values()) if boxes else host_y
    height = max(bottom + (0 if above else isl_h), host_y + HOST_H + levels_h) + MARGIN
    return Layout(boxes, _anchors(list(plan.cables)), width, height)


def _inter_switch(cables: list[Cable]) -> list[Cable]:
    """Switch-to-switch cables: drawn as U shapes on the far side of the switch row."""
    return [c for c in cables if c.a.kind is EndKind.SWITCH and c.b.kind is EndKind.SWITCH]


def _cell(root: ET.Element, **attrs: str) -> ET.Element:
    return ET.SubElement(root, "mxCell", attrs)


def _geometry(cell: ET.Element, box: Box) -> None:
    ET.SubElement(
        cell,
        "mxGeometry",
        {
            "x": str(box.x),
            "y": str(box.y),
            "width": str(box.w),
            "height": str(box.h),
            "as": "geometry",
        },
    )


def _vertices(root: ET.Element, ctx: RenderContext, layout: Layout) -> None:
    for host in ctx.design.hosts:
        box = layout.boxes.get(host.name)
        if box is not None:
            value = f"{host.name}\nmgmt {host.management.ip}"
            _geometry(
                _cell(root, id=box.id, value=value, style=HOST_STYLE, vertex="1", parent="1"), box
            )
    for switch in ctx.plan.switches:
        box = layout.boxes[switch.name]
        stack = f" (stack {switch.stack})" if switch.stack else ""
        value = f"{switch.name}{stack}\n{platform_label(switch.platform)}, MTU {switch.mtu}"
        _geometry(
            _cell(root, id=box.id, value=value, style=SWITCH_STYLE, vertex="1", parent="1"), box
        )


def _sides(cable: Cable, layout: Layout, above: bool) -> tuple[str, str]:
    """Exit/entry constraints: back-to-back cables use the host bottoms, uplinks face the switch."""
    a = layout.anchors[(cable.id, cable.a.device)]
    b = layout.anchors[(cable.id, cable.b.device)]
    if cable.b.kind is EndKind.HOST:
        return f"exitX={a:.4f};exitY=1;", f"entryX={b:.4f};entryY=1;"
    if cable.a.kind is EndKind.SWITCH:
        side = "0" if above else "1"
        return f"exitX={a:.4f};exitY={side};", f"entryX={b:.4f};entryY={side};"
    host_side, switch_side = ("0", "1") if above else ("1", "0")
    return f"exitX={a:.4f};exitY={host_side};", f"entryX={b:.4f};entryY={switch_side};"


def _edge(root: ET.Element, cable: Cable, layout: Layout, above: bool, level: int) -> None:
    source = layout.boxes[cable.a.device]
    target = layout.boxes[cable.b.device]
    exit_, entry = _sides(cable, layout, above)
    lane = f" lane {cable.lane}" if cable.lane is not None else ""
    channel = f" Po{cable.channel_group}" if cable.channel_group is not None else ""
    # Existing cables (patched today) are dashed and say so, as on the sheet (issue 7).
    existing = " (existing, verify)" if cable.existing else ""
    dashed = "dashed=1;" if cable.existing else ""
    cell = _cell(
        root,
        id=f"cable-{cable.id}",
        value=f"{cable.id}{lane}{channel}: {cable.a.port} - {cable.b.port}{existing}",
        style=f"{EDGE_STYLE}{dashed}strokeColor={cable.color};fontColor={cable.color};"
        f"{exit_}{entry}",
        edge="1",
        parent="1",
        source=source.id,
        target=target.id,
    )
    geometry = ET.SubElement(cell, "mxGeometry", {"relative": "1", "as": "geometry"})
    if cable.b.kind is EndKind.HOST:
        # A U below the host row: down from A, across at this cable's level, up into B.
        y = str(source.y + source.h + (level + 1) * LEVEL_GAP)
        ax = source.x + layout.anchors[(cable.id, cable.a.device)] * source.w
        bx = target.x + layout.anchors[(cable.id, cable.b.device)] * target.w
        points = ET.SubElement(geometry, "Array", {"as": "points"})
        ET.SubElement(points, "mxPoint", {"x": f"{ax:.0f}", "y": y})
        ET.SubElement(points, "mxPoint", {"x": f"{bx:.0f}", "y": y})
    elif cable.a.kind is EndKind.SWITCH:
        # A U on the far side of the switch row from the hosts, one level per link.
        offset = (level + 1) * LEVEL_GAP
        y = str(source.y - offset if above else source.y + source.h + offset)
        ax = source.x + layout.anchors[(cable.id, cable.a.device)] * source.w
        bx = target.x + layout.anchors[(cable.id, cable.b.device)] * target.w
        points = ET.SubElement(geometry, "Array", {"as": "points"})
        ET.SubElement(points, "mxPoint", {"x": f"{ax:.0f}", "y": y})
        ET.SubElement(points, "mxPoint", {"x": f"{bx:.0f}", "y": y})


def render(ctx: RenderContext, host: str | None = None) -> list[Artifact]:
    """``topology.drawio`` for the whole design; ``host`` is ignored."""
    layout = _layout(ctx)
    mxfile = ET.Element("mxfile", {"host": "vmotion-planner", "type": "device"})
    diagram = ET.SubElement(mxfile, "diagram", {"id": "topology", "name": "Topology"})
    model = ET.SubElement(
        diagram,
        "mxGraphModel",
        {
            "grid": "1", "gridSize": "10", "guides": "1", "tooltips": "1", "connect": "1",
            "arrows": "1", "fold": "1", "page": "1", "pageScale": "1",
            "pageWidth": str(layout.width), "pageHeight": str(layout.height),
            "math": "0", "shadow": "0",
        },
    )  # fmt: skip
    root = ET.SubElement(model, "root")
    _cell(root, id="0")
    _cell(root, id="1", parent="0")
    title = _cell(
        root, id="title", value=ctx.design.name, style=TITLE_STYLE, vertex="1", parent="1"
    )
    _geometry(title, Box("title", MARGIN, MARGIN - 10, layout.width - 2 * MARGIN, 30))
    _vertices(root, ctx, layout)
    above = ctx.plan.topology is Topology.DIRECT
    level, isl_level = 0, 0
    for cable in ctx.plan.cables:
        if cable.a.device in layout.boxes and cable.b.device in layout.boxes:
            if cable.a.kind is EndKind.SWITCH:
                _edge(root, cable, layout, above, isl_level)
                isl_level += 1
            else:
                _edge(root, cable, layout, above, level)
                level += cable.b.kind is EndKind.HOST
    ET.indent(mxfile)
    # ElementTree escapes markup but writes control characters from design text as they are.
    xml = xml_safe(ET.tostring(mxfile, encoding="unicode", xml_declaration=False))
    return [
        Artifact(
            "topology.drawio", MEDIA_TYPE, '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"
        )
    ]
