"""The overview drawing: switches, their inter-switch links and the hosts as a grid (issue 9 §2).

At 64 hosts a drawing of every cable is a poster, not a diagram. The overview groups instead:
one box per switch (how many hosts and ports it serves), one line per switch pair that is
linked (how many cables, which port-channel), one line from each switch to the host grid (how
many cables), and one chip per host (how many uplinks and back-to-back cables it has). Its
size grows with rows of chips only, and every text stays at 9 px or more; the per-switch and
per-pair drawings (:mod:`topology_units`) carry the ports.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.planner.result import Plan
from app.render.diagrams.geometry import Point, Rect, fit_text
from app.render.diagrams.svg import INK, MUTED, PANEL, PAPER, RULE, SvgWriter
from app.render.diagrams.topology_model import MARGIN, MIN_FONT, TITLE_FONT, plan_subtitle
from app.render.diagrams.topology_units import is_direct, is_inter_switch

HEADER_H = 58
KICKER_H = 22
SWITCH_W, SWITCH_H = 220, 76
SWITCH_GAP = 150  # room for an inter-switch label ("C41, C42 · Po1") between neighbours
SWITCHES_PER_ROW = 4
CHIP_W, CHIP_H, CHIP_GAP = 164, 42, 10
CHIPS_PER_ROW = 6
DROP = 70  # switch row to host grid: room for the "32 hosts · 64 cables" labels
ISL_COLOUR = "#334155"
UPLINK_COLOUR = "#64748B"
HOST_FILL, SWITCH_FILL = "#EEF2F7", "#F3F4F6"
BODY_FONT = 10.5


@dataclass(frozen=True)
class SwitchBlock:
    name: str
    rect: Rect
    lines: tuple[str, ...]  # what it serves, for the box body
    hosts: int
    cables: int


@dataclass(frozen=True)
class HostChip:
    name: str
    rect: Rect
    detail: str


@dataclass(frozen=True)
class Link:
    points: tuple[Point, ...]
    label: str
    label_at: Point
    colour: str
    width: float


@dataclass(frozen=True)
class OverviewLayout:
    width: float
    height: float
    title: str
    subtitle: str
    switches: tuple[SwitchBlock, ...]
    hosts_box: Rect
    chips: tuple[HostChip, ...]
    links: tuple[Link, ...]


def layout_overview(plan: Plan) -> OverviewLayout:
    """Switch blocks in rows, the host grid below them, and the lines that join them."""
    top = MARGIN + HEADER_H
    blocks = _switch_blocks(plan, top + KICKER_H)
    grid_top = (max(b.rect.bottom for b in blocks) + DROP) if blocks else top
    chips, hosts_box = _host_grid(plan, grid_top)
    links = _isl_links(plan, blocks) + _uplink_links(blocks, hosts_box)
    right = max([b.rect.right for b in blocks] + [hosts_box.right, 640 - MARGIN])
    width = right + MARGIN
    return OverviewLayout(
        width=width,
        height=hosts_box.bottom + MARGIN,
        title=fit_text(plan.design_name, width - 2 * MARGIN, TITLE_FONT, bold=True),
        subtitle=plan_subtitle(plan),
        switches=tuple(blocks),
        hosts_box=hosts_box,
        chips=tuple(chips),
        links=tuple(links),
    )


def _switch_blocks(plan: Plan, top: float) -> list[SwitchBlock]:
    blocks = []
    for index, switch in enumerate(plan.switches):
        row, column = divmod(index, SWITCHES_PER_ROW)
        x = MARGIN + column * (SWITCH_W + SWITCH_GAP)
        y = top + row * (SWITCH_H + DROP)
        host_ports = [p for p in switch.ports if p.host]
        hosts = len({p.host for p in host_ports})
        stack = f"stack {switch.stack} · " if switch.stack else ""
        lines = (f"{stack}MTU {switch.mtu}", f"{hosts} hosts · {len(host_ports)} host ports")
        rect = Rect(x, y, SWITCH_W, SWITCH_H)
        blocks.append(SwitchBlock(switch.name, rect, lines, hosts, len(host_ports)))
    return blocks


def _host_grid(plan: Plan, top: float) -> tuple[list[HostChip], Rect]:
    columns = max(1, min(CHIPS_PER_ROW, len(plan.hosts)))
    chips = []
    for index, host in enumerate(plan.hosts):
        row, column = divmod(index, columns)
        x = MARGIN + 12 + column * (CHIP_W + CHIP_GAP)
        y = top + KICKER_H + 8 + row * (CHIP_H + CHIP_GAP)
        chips.append(HostChip(host.name, Rect(x, y, CHIP_W, CHIP_H), _host_detail(plan, host.name)))
    rows = max(1, -(-len(plan.hosts) // columns))
    width = 24 + columns * (CHIP_W + CHIP_GAP) - CHIP_GAP
    height = KICKER_H + 8 + rows * (CHIP_H + CHIP_GAP) - CHIP_GAP + 12
    return chips, Rect(MARGIN, top, width, height)


def _host_detail(plan: Plan, host: str) -> str:
    mine = [c for c in plan.cables if host in (c.a.device, c.b.device)]
    direct = sum(1 for c in mine if is_direct(c))
    uplinks = len(mine) - direct
    parts = []
    if uplinks:
        parts.append(f"{uplinks} to switches")
    if direct:
        parts.append(f"{direct} back-to-back")
    return " · ".join(parts) or "no cables"


def _isl_links(plan: Plan, blocks: list[SwitchBlock]) -> list[Link]:
    """One line per linked switch pair; neighbours in a row get a straight line between them."""
    rects = {b.name: b.rect for b in blocks}
    pairs: dict[tuple[str, str], list[str]] = {}
    for cable in plan.cables:
        if is_inter_switch(cable):
            key = (cable.a.device, cable.b.device)
            key = key if key[0] <= key[1] else (key[1], key[0])
            pairs.setdefault(key, []).append(cable.id)
    channels = {c.id: c.channel_group for c in plan.cables if is_inter_switch(c)}
    links = []
    for level, ((a, b), ids) in enumerate(sorted(pairs.items())):
        if a not in rects or b not in rects:
            continue
        ra, rb = sorted((rects[a], rects[b]), key=lambda r: (r.y, r.x))
        group = next((channels[i] for i in ids if channels[i] is not None), None)
        label = ", ".join(ids) + (f" · Po{group}" if group is not None else "")
        if ra.y == rb.y and abs(rb.x - ra.right - SWITCH_GAP) < 1:
            y = ra.cy
            points: tuple[Point, ...] = (Point(ra.right, y), Point(rb.x, y))
            at = Point((ra.right + rb.x) / 2, y - 6)
        else:  # not neighbours: over the top of the row, one level per pair
            y = ra.y - 6 - level * 8
            points = (Point(ra.cx, ra.y), Point(ra.cx, y), Point(rb.cx, y), Point(rb.cx, rb.y))
            at = Point((ra.cx + rb.cx) / 2, y - 4)
        text = fit_text(label, SWITCH_GAP - 10, BODY_FONT, mono=True)
        links.append(Link(points, text, at, ISL_COLOUR, 2.6))
    return links


def _uplink_links(blocks: list[SwitchBlock], hosts_box: Rect) -> list[Link]:
    links = []
    for block in blocks:
        if not block.cables:
            continue
        start = Point(block.rect.cx, block.rect.bottom)
        end = Point(block.rect.cx, hosts_box.y)
        label = f"{block.hosts} hosts · {block.cables} cables"
        links.append(Link((start, end), label, Point(start.x + 8, start.y + 22), UPLINK_COLOUR, 2))
    return links


def overview_svg(plan: Plan) -> str:
    """The overview drawing of ``plan`` as a standalone SVG document."""
    layout = layout_overview(plan)
    svg = SvgWriter(
        layout.width,
        layout.height,
        f"Overview of {plan.design_name}",
        f"{layout.subtitle}. Switches, the links between them and every host; the drawing of "
        "each switch or host pair shows the ports.",
    )
    svg.text(Point(MARGIN, MARGIN + 16), layout.title, size=TITLE_FONT, bold=True)
    svg.text(Point(MARGIN, MARGIN + 36), layout.subtitle, size=12, fill=MUTED)
    svg.line(
        Point(MARGIN, MARGIN + 46), Point(layout.width - MARGIN, MARGIN + 46), stroke=RULE, width=1
    )
    if layout.switches:
        kicker_y = layout.switches[0].rect.y - 8
        svg.text(Point(MARGIN, kicker_y), "SWITCHES", size=MIN_FONT, bold=True, fill=MUTED)
    for link in layout.links:
        svg.polyline(link.points, stroke=link.colour, width=link.width, tooltip=link.label)
        svg.text(
            link.label_at,
            link.label,
            size=BODY_FONT,
            mono=True,
            fill=INK,
            anchor="start"
            if len(link.points) == 2 and link.points[0].x == link.points[1].x
            else "middle",
        )
    for block in layout.switches:
        _draw_switch(svg, block)
    _draw_hosts(svg, layout)
    return svg.to_string()


def _draw_switch(svg: SvgWriter, block: SwitchBlock) -> None:
    r = block.rect
    svg.open_group(f"Switch {block.name}")
    svg.rect(r, fill=SWITCH_FILL, stroke=INK, stroke_width=1.5, rx=6)
    svg.text(
        Point(r.x + 10, r.y + 20),
        fit_text(block.name, r.w - 20, 13.5, bold=True),
        size=13.5,
        bold=True,
    )
    for index, line in enumerate(block.lines):
        text = fit_text(line, r.w - 20, BODY_FONT)
        svg.text(Point(r.x + 10, r.y + 40 + index * 16), text, size=BODY_FONT, fill=MUTED)
    svg.close_group()


def _draw_hosts(svg: SvgWriter, layout: OverviewLayout) -> None:
    box = layout.hosts_box
    svg.rect(box, fill=PANEL, stroke=RULE, stroke_width=1, rx=8)
    title = f"ESXi HOSTS ({len(layout.chips)})"
    svg.text(Point(box.x + 12, box.y + 18), title, size=MIN_FONT, bold=True, fill=MUTED)
    for chip in layout.chips:
        r = chip.rect
        svg.open_group(f"Host {chip.name}")
        svg.rect(
            r,
            fill=HOST_FILL if chip.detail != "no cables" else PAPER,
            stroke=MUTED,
            stroke_width=1,
            rx=5,
        )
        svg.text(
            Point(r.x + 8, r.y + 17),
            fit_text(chip.name, r.w - 16, 11.5, bold=True),
            size=11.5,
            bold=True,
        )
        svg.text(
            Point(r.x + 8, r.y + 33),
            fit_text(chip.detail, r.w - 16, MIN_FONT + 0.5),
            size=MIN_FONT + 0.5,
            fill=MUTED,
        )
        svg.close_group()
