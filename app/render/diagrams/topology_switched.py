"""Switched arrangement of the topology diagram (E4, E6).

Switches stand in a centre column (members of a stack inside one dashed group), the first half of
the hosts on the left, the rest on the right. Each host-to-switch cable leaves its host port on a
straight stub that carries its label, runs vertically on its own track in the channel between
hosts and switches (tracks are shared only by cables whose vertical runs never overlap), and
enters the switch on the edge that faces its host.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from app.planner.result import Cable, CableEnd, EndKind, Plan, SwitchPlan
from app.render.diagrams.geometry import Point, Rect, assign_tracks, text_width
from app.render.diagrams.topology_model import (
    CHANNEL_PAD,
    DEVICE_GAP,
    GROUP_HEAD,
    GROUP_PAD,
    HOST_W,
    LABEL_FONT,
    MARGIN,
    PORT_PITCH,
    PORT_W,
    SWITCHED_STUB,
    TRACK_PITCH,
    CableLine,
    DeviceBox,
    Draft,
    Row,
    Side,
    StackGroup,
    cable_tag,
    cable_text,
    device_box,
    end_detail,
    host_ports,
    host_subtitle,
    make_line,
    platform_label,
    stub_label,
    stub_length,
)

SWITCH_MIN_W = 220
BOTH_EDGES_EXTRA = 130  # a host with ports on both edges: room for both columns of card details
SWITCH_MID_GAP = 24  # between the left and right port columns inside a switch
CHANNEL_TAG_W = 40  # room for a port-channel tag ("Po12") next to a switch port


@dataclass(frozen=True)
class _Link:
    """One host-to-switch cable with its host end placed."""

    cable: Cable
    host_end: CableEnd
    switch_end: CableEnd
    side: Side  # which edge of the switch it enters
    host_anchor: Point


def layout_switched(plan: Plan, top: float) -> Draft:
    """Hosts left and right of a switch column, cables on tracks in the two channels.

    Inter-switch links leave the switches on their right edge and run on their own tracks just
    right of the switch column, before the channel of the right-hand hosts.

    A plan that also has back-to-back cables (vMotion direct, the other roles to switches) puts
    every host in the left column: the back-to-back cables leave the hosts' left edge and run on
    their own tracks left of the hosts, so no cable crosses the switches.
    """
    names = [h.name for h in plan.hosts]
    direct = [c for c in plan.cables if c.a.kind is EndKind.HOST and c.b.kind is EndKind.HOST]
    half = len(names) if direct else (len(names) + 1) // 2
    direct_tracks = _direct_tracks(plan, names, direct, top)
    host_left = MARGIN + (_direct_width(direct, direct_tracks) if direct else 0.0)
    host_w = HOST_W + (BOTH_EDGES_EXTRA if direct else 0)
    left = _host_column(plan, names[:half], host_left, top, "right", host_w)
    right = _host_column(plan, names[half:], 0, top, "left")  # x fixed once channels are known
    links = _links(plan, left + right)
    isls = [c for c in plan.cables if c.a.kind is EndKind.SWITCH and c.b.kind is EndKind.SWITCH]
    column_h = max([b.rect.bottom for b in left + right] + [top]) - top
    switches, groups = _switch_column(plan, links, isls, 0, top, column_h)
    left_tracks = _tracks(links, switches, "left")
    switch_x = host_left + host_w + SWITCHED_STUB + 2 * CHANNEL_PAD + _span(left_tracks)
    switches, groups = _switch_column(plan, links, isls, switch_x, top, column_h)
    right_tracks = _tracks(links, switches, "right")
    isl_tracks = _isl_tracks(isls, switches)
    isl_span = (max(isl_tracks.values()) + 1) * TRACK_PITCH if isl_tracks else 0.0
    switch_right = max((s.rect.right for s in switches), default=switch_x)
    host_x = switch_right + isl_span + 2 * CHANNEL_PAD + _span(right_tracks) + SWITCHED_STUB
    right = _host_column(plan, names[half:], host_x, top, "left")
    links = _links(plan, left + right)
    draft = Draft(devices=[*left, *switches, *right], groups=groups)
    by_name = {s.name: s for s in switches}
    for link in links:
        tracks = left_tracks if link.side == "left" else right_tracks
        draft.cables.append(_route(link, by_name, tracks[link.cable.id]))
    for cable in isls:
        x = switch_right + CHANNEL_PAD + isl_tracks[cable.id] * TRACK_PITCH
        draft.cables.append(_isl_route(cable, by_name, x))
    draft.cables += _back_to_back(direct, left, direct_tracks)
    return draft


def _host_column(
    plan: Plan, hosts: list[str], x: float, top: float, side: Side, width: float = HOST_W
) -> list[DeviceBox]:
    """Host boxes in a column; uplink ports on ``side``, back-to-back ports on the left edge."""
    boxes: list[DeviceBox] = []
    y = top
    for host in hosts:
        rows: list[Row] = [
            ("left" if c.a.kind is c.b.kind else side, e.port, end_detail(e), c.id)
            for e, c in host_ports(plan, host)
        ]
        box = device_box(EndKind.HOST, host, host_subtitle(plan, host), Point(x, y), width, rows)
        boxes.append(box)
        y = box.rect.bottom + DEVICE_GAP
    return boxes


def _links(plan: Plan, hosts: list[DeviceBox]) -> list[_Link]:
    boxes = {b.name: b for b in hosts}
    links: list[_Link] = []
    for cable in plan.cables:
        if cable.a.kind is cable.b.kind:
            continue
        host_end, switch_end = (
            (cable.a, cable.b) if cable.a.kind is EndKind.HOST else (cable.b, cable.a)
        )
        port = boxes[host_end.device].port(host_end.port)
        side: Side = "left" if port.side == "right" else "right"
        links.append(_Link(cable, host_end, switch_end, side, port.anchor))
    return links


def _switch_column(
    plan: Plan, links: list[_Link], isls: list[Cable], x: float, top: float, column_h: float
) -> tuple[list[DeviceBox], list[StackGroup]]:
    """Switch boxes (stack members together) centred against the host columns."""
    ordered = _stack_order(plan.switches)
    names = [lk.switch_end.port for lk in links] + [e.port for c in isls for e in (c.a, c.b)]
    port_w = max([PORT_W] + [text_width(n, LABEL_FONT, mono=True) + 14 for n in names])
    channels = any(p.channel_group is not None for sw in plan.switches for p in sw.ports)
    width = max(SWITCH_MIN_W, 2 * port_w + SWITCH_MID_GAP + (2 * CHANNEL_TAG_W if channels else 0))
    boxes: list[DeviceBox] = []
    groups: list[StackGroup] = []
    y = 0.0
    for stack, members in ordered:
        group_top = y
        y += (GROUP_HEAD + GROUP_PAD) if stack else 0
        for switch in members:
            rows = _switch_rows(switch, links) + _isl_rows(switch, isls)
            box = device_box(
                EndKind.SWITCH,
                switch.name,
                _switch_subtitle(switch),
                Point(x, y),
                width,
                rows,
                port_w,
            )
            boxes.append(box)
            y = box.rect.bottom + DEVICE_GAP
        if stack:
            bottom = y - DEVICE_GAP + GROUP_PAD
            groups.append(
                StackGroup(
                    stack, Rect(x - GROUP_PAD, group_top, width + 2 * GROUP_PAD, bottom - group_top)
                )
            )
            y = bottom + DEVICE_GAP
    offset = top + max(0.0, (column_h - (y - DEVICE_GAP)) / 2)
    offset += _nudge(links, boxes, offset)
    return [_moved(b, offset) for b in boxes], [
        StackGroup(g.name, _shift(g.rect, offset)) for g in groups
    ]


def _nudge(links: list[_Link], boxes: list[DeviceBox], offset: float) -> float:
    """A shift of less than one port pitch that keeps switch ports off the rows of host ports.

    A host port and a switch port at the same height would draw two horizontal runs on one line,
    and the reader could not tell where one cable ends; the shift keeps them apart.
    """
    host_ys = sorted(lk.host_anchor.y for lk in links)
    switch_ys = [p.anchor.y + offset for b in boxes for p in b.ports]
    if not host_ys or not switch_ys:
        return 0.0

    def clearance(shift: float) -> float:
        nearest = float(PORT_PITCH)
        for y in switch_ys:
            index = bisect_left(host_ys, y + shift)
            for neighbour in host_ys[max(index - 1, 0) : index + 1]:
                nearest = min(nearest, abs(neighbour - (y + shift)))
        return nearest

    shifts = [float(step) for step in range(int(PORT_PITCH))]
    return max(shifts, key=lambda shift: (clearance(shift), -shift))


def _stack_order(switches: list[SwitchPlan]) -> list[tuple[str | None, list[SwitchPlan]]]:
    """Switches grouped by stack, in the order each stack (or lone switch) first appears."""
    groups: list[tuple[str | None, list[SwitchPlan]]] = []
    for switch in switches:
        for stack, members in groups:
            if switch.stack is not None and stack == switch.stack:
                members.append(switch)
                break
        else:
            groups.append((switch.stack, [switch]))
    return groups


def _switch_rows(switch: SwitchPlan, links: list[_Link]) -> list[Row]:
    mine = [lk for lk in links if lk.switch_end.device == switch.name]
    mine.sort(key=lambda lk: (lk.host_anchor.x, lk.host_anchor.y))
    channel = {p.interface: p.channel_group for p in switch.ports}
    return [
        (lk.side, lk.switch_end.port, _channel_tag(channel.get(lk.switch_end.port)), lk.cable.id)
        for lk in mine
    ]


def _isl_rows(switch: SwitchPlan, isls: list[Cable]) -> list[Row]:
    """The switch's inter-switch ports, below its host ports on the right edge."""
    rows: list[Row] = []
    for cable in isls:
        for end in (cable.a, cable.b):
            if end.device == switch.name:
                detail = f"{cable_tag(cable)} ISL"
                rows.append(("right", end.port, detail, cable.id))
    return rows


def _isl_tracks(isls: list[Cable], switches: list[DeviceBox]) -> dict[str, int]:
    boxes = {s.name: s for s in switches}
    spans = [
        (boxes[c.a.device].port(c.a.port).anchor.y, boxes[c.b.device].port(c.b.port).anchor.y)
        for c in isls
    ]
    numbers = assign_tracks(spans, gap=PORT_PITCH / 3)
    return {c.id: n for c, n in zip(isls, numbers, strict=True)}


def _isl_route(cable: Cable, switches: dict[str, DeviceBox], x: float) -> CableLine:
    """Switch port → its own track right of the switch column → the peer switch's port."""
    a = switches[cable.a.device].port(cable.a.port).anchor
    b = switches[cable.b.device].port(cable.b.port).anchor
    return make_line(cable, (a, Point(x, a.y), Point(x, b.y), b), ())


def _channel_tag(group: int | None) -> str:
    return f"Po{group}" if group is not None else ""


def _switch_subtitle(switch: SwitchPlan) -> str:
    return f"{platform_label(switch.platform)} · MTU {switch.mtu}" + (
        " · PortFast" if switch.portfast else ""
    )


def _moved(box: DeviceBox, dy: float) -> DeviceBox:
    ports = tuple(
        type(p)(
            p.device,
            p.name,
            _shift(p.rect, dy),
            Point(p.anchor.x, p.anchor.y + dy),
            p.side,
            p.detail,
            p.cable,
        )
        for p in box.ports
    )
    return DeviceBox(box.kind, box.name, box.subtitle, _shift(box.rect, dy), ports)


def _shift(rect: Rect, dy: float) -> Rect:
    return Rect(rect.x, rect.y + dy, rect.w, rect.h)


def _tracks(links: list[_Link], switches: list[DeviceBox], side: Side) -> dict[str, int]:
    boxes = {s.name: s for s in switches}
    mine = [lk for lk in links if lk.side == side]
    spans = [
        (lk.host_anchor.y, boxes[lk.switch_end.device].port(lk.switch_end.port).anchor.y)
        for lk in mine
    ]
    numbers = assign_tracks(spans, gap=PORT_PITCH / 3)
    return {lk.cable.id: n for lk, n in zip(mine, numbers, strict=True)}


def _span(tracks: dict[str, int]) -> float:
    return max(tracks.values(), default=0) * TRACK_PITCH


def _route(link: _Link, switches: dict[str, DeviceBox], track: int) -> CableLine:
    """Host port → stub → track → switch port; track 0 runs nearest the hosts."""
    host = link.host_anchor
    target = switches[link.switch_end.device].port(link.switch_end.port).anchor
    if link.side == "left":
        x = host.x + SWITCHED_STUB + CHANNEL_PAD + track * TRACK_PITCH
        label, badge = stub_label(link.cable, host, "right", cable_tag(link.cable))
    else:
        x = host.x - SWITCHED_STUB - CHANNEL_PAD - track * TRACK_PITCH
        label, badge = stub_label(link.cable, host, "left", cable_tag(link.cable))
    cable = link.cable
    points: tuple[Point, ...] = (host, Point(x, host.y), Point(x, target.y), target)
    if cable.a.kind is EndKind.SWITCH:
        points = tuple(reversed(points))
    return make_line(cable, points, (label,), (badge,))


def _direct_tracks(plan: Plan, names: list[str], direct: list[Cable], top: float) -> dict[str, int]:
    """Tracks of the back-to-back cables, from a trial column (their heights do not depend on x)."""
    if not direct:
        return {}
    trial = {b.name: b for b in _host_column(plan, names, 0, top, "right")}
    spans = [
        (trial[c.a.device].port(c.a.port).anchor.y, trial[c.b.device].port(c.b.port).anchor.y)
        for c in direct
    ]
    numbers = assign_tracks(spans, gap=PORT_PITCH / 2)
    return {c.id: n for c, n in zip(direct, numbers, strict=True)}


def _direct_width(direct: list[Cable], tracks: dict[str, int]) -> float:
    """Room left of the hosts: the tracks, then a stub long enough for "C01 · 198.51.100.0/30"."""
    return _span(tracks) + CHANNEL_PAD + stub_length([cable_text(c) for c in direct])


def _back_to_back(
    direct: list[Cable], hosts: list[DeviceBox], tracks: dict[str, int]
) -> list[CableLine]:
    """Back-to-back cables next to switches: out of the left edge, down a track, back in."""
    boxes = {b.name: b for b in hosts}
    lines = []
    for cable in direct:
        a = boxes[cable.a.device].port(cable.a.port).anchor
        b = boxes[cable.b.device].port(cable.b.port).anchor
        stub = _direct_width(direct, tracks) - _span(tracks) - CHANNEL_PAD
        x = a.x - stub - CHANNEL_PAD - tracks[cable.id] * TRACK_PITCH
        a_label, a_badge = stub_label(cable, a, "left", cable_text(cable))
        b_label, b_badge = stub_label(cable, b, "left", cable_tag(cable))
        points = (a, Point(x, a.y), Point(x, b.y), b)
        lines.append(make_line(cable, points, (a_label, b_label), (a_badge, b_badge)))
    return lines
