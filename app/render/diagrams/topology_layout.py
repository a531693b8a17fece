"""Pure layout of the topology diagram: devices, ports and cable routes with coordinates.

Three arrangements, picked from the plan's cables:

* two hosts back-to-back (E1): the hosts face each other and every cable is a straight line;
* a back-to-back mesh of three or more hosts (E3): hosts in a column, cables leave to the right
  and each runs on its own vertical track (a channel), so no two cables share a segment;
* switched (E4): switches in a centre column, half of the hosts on each side, cables routed on
  tracks in the channel between hosts and switches (:mod:`topology_switched`).

Labels sit on a straight stub next to the host port, where no other line runs. The serializer in
:mod:`topology` turns the result into SVG.
"""

from __future__ import annotations

from app.planner.result import Cable, EndKind, Plan
from app.render.diagrams.geometry import Point, Rect, assign_tracks, fit_text, text_width
from app.render.diagrams.legend import layout_legend
from app.render.diagrams.topology_model import (
    CHANNEL_PAD,
    DEVICE_GAP,
    FACING_GAP,
    HEADER_H,
    HOST_W,
    LABEL_FONT,
    LEGEND_GAP,
    MARGIN,
    MIN_WIDTH,
    PORT_PITCH,
    TITLE_FONT,
    TRACK_PITCH,
    CableLabel,
    CableLine,
    Draft,
    Row,
    Side,
    TopologyLayout,
    cable_tag,
    cable_text,
    device_box,
    end_detail,
    host_ports,
    host_subtitle,
    legend_items,
    make_line,
    plan_subtitle,
    stub_label,
    stub_length,
)
from app.render.diagrams.topology_switched import layout_switched


def layout_topology(plan: Plan, *, title: str = "", subtitle: str = "") -> TopologyLayout:
    """Lay out ``plan`` as a topology diagram (see the module docstring for the arrangements).

    ``title`` and ``subtitle`` replace the design name and the plan summary, for the drawing of
    one switch or host pair (a narrowed plan, see :mod:`topology_units`).
    """
    top = MARGIN + HEADER_H
    hosts = [h.name for h in plan.hosts]
    switched = any(EndKind.SWITCH in (c.a.kind, c.b.kind) for c in plan.cables)
    if switched or plan.switches:
        draft = layout_switched(plan, top)
    elif len(hosts) == 2:
        draft = _layout_facing(plan, hosts, top)
    else:
        draft = _layout_mesh(plan, hosts, top)
    if not plan.cables:
        draft.note = "No cables planned yet: give the hosts vMotion vmnics (or add switches)."
    return _finish(plan, draft, title or plan.design_name, subtitle or plan_subtitle(plan))


def _finish(plan: Plan, draft: Draft, title: str, subtitle: str) -> TopologyLayout:
    boxes = [d.rect for d in draft.devices] + [g.rect for g in draft.groups]
    points = [p for c in draft.cables for p in c.points]
    right = max([b.right for b in boxes] + [p.x for p in points] + [MARGIN])
    bottom = max([b.bottom for b in boxes] + [p.y for p in points] + [MARGIN + HEADER_H])
    width = max(right + MARGIN, MIN_WIDTH)
    legend_top = bottom + LEGEND_GAP + (20 if draft.note else 0)
    legend = layout_legend(legend_items(plan), MARGIN, legend_top, width - 2 * MARGIN)
    return TopologyLayout(
        width=width,
        height=max(legend.box.bottom, legend_top) + MARGIN,
        title=fit_text(title, width - 2 * MARGIN, TITLE_FONT, bold=True),
        subtitle=subtitle,
        devices=tuple(draft.devices),
        groups=tuple(draft.groups),
        cables=tuple(draft.cables),
        legend=legend,
        note=draft.note,
    )


def _layout_facing(plan: Plan, hosts: list[str], top: float) -> Draft:
    """Two hosts face each other; port rows follow cable order so every line is straight."""
    draft = Draft()
    rows: dict[str, list[Row]] = {hosts[0]: [], hosts[1]: []}
    for cable in plan.cables:
        for end in (cable.a, cable.b):
            side: Side = "right" if end.device == hosts[0] else "left"
            rows[end.device].append((side, end.port, end_detail(end), cable.id))
    for index, name in enumerate(hosts):
        origin = Point(MARGIN + index * (HOST_W + FACING_GAP), top)
        draft.devices.append(
            device_box(EndKind.HOST, name, host_subtitle(plan, name), origin, HOST_W, rows[name])
        )
    boxes = {d.name: d for d in draft.devices}
    for cable in plan.cables:
        start = boxes[cable.a.device].port(cable.a.port).anchor
        finish = boxes[cable.b.device].port(cable.b.port).anchor
        draft.cables.append(_straight_cable(cable, start, finish))
    return draft


def _straight_cable(cable: Cable, start: Point, end: Point) -> CableLine:
    text = cable_text(cable)
    mid = Point((start.x + end.x) / 2 + 10, (start.y + end.y) / 2)
    width = text_width(text, LABEL_FONT, mono=True) + 10
    background = Rect(mid.x - width / 2, mid.y - 8, width, 16)
    label = CableLabel(text, Point(mid.x, mid.y + 3.6), "middle", background)
    badge = Point(background.x - 15, mid.y) if cable.lane is not None else None
    return make_line(cable, (start, end), (label,), (badge,))


def _layout_mesh(plan: Plan, hosts: list[str], top: float) -> Draft:
    """Hosts in a column; each cable leaves right, runs on its own track and comes back."""
    draft = Draft()
    y = top
    for host in hosts:
        rows: list[Row] = [
            ("right", end.port, end_detail(end), cable.id) for end, cable in host_ports(plan, host)
        ]
        origin = Point(MARGIN, y)
        box = device_box(EndKind.HOST, host, host_subtitle(plan, host), origin, HOST_W, rows)
        draft.devices.append(box)
        y = box.rect.bottom + DEVICE_GAP
    boxes = {d.name: d for d in draft.devices}
    ends = [
        (boxes[c.a.device].port(c.a.port).anchor, boxes[c.b.device].port(c.b.port).anchor)
        for c in plan.cables
    ]
    tracks = assign_tracks([(a.y, b.y) for a, b in ends], gap=PORT_PITCH / 2)
    stub = stub_length([cable_text(c) for c in plan.cables])
    for cable, (a, b), track in zip(plan.cables, ends, tracks, strict=True):
        x = MARGIN + HOST_W + stub + CHANNEL_PAD + track * TRACK_PITCH
        a_label, a_badge = stub_label(cable, a, "right", cable_text(cable))
        b_label, b_badge = stub_label(cable, b, "right", cable_tag(cable))
        points = (a, Point(x, a.y), Point(x, b.y), b)
        draft.cables.append(make_line(cable, points, (a_label, b_label), (a_badge, b_badge)))
    return draft
