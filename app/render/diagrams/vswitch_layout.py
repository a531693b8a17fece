"""Pure layout of a host's vSwitch diagram, in the style of the vSphere client.

Each vSwitch is a panel: port groups with their VMkernel ports on the left, physical adapters
(vmnics) on the right. Every port group has one exit slot per uplink of its vSwitch and every
uplink one entry slot per port group that uses it, both in the order of the other column, so a
line from a port group to an uplink never shares an end with another line: active lines are solid,
standby lines dashed, and an unused uplink gets only a short stub ending in a cross (not connected).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.planner.cabling import ROLE_COLOURS, lane_colour
from app.planner.design import FailureDetection, LoadBalancing
from app.planner.result import HostPlan, NicRow, PortGroup, VSwitch
from app.render.diagrams.finding_marks import legend_item as finding_legend_item
from app.render.diagrams.geometry import Point, Rect, fit_text, wrap_words
from app.render.diagrams.legend import LegendItem, LegendLayout, layout_legend
from app.render.diagrams.svg import FAINT, INK

# Layout constants (px).
MARGIN = 20
HEADER_H = 54
WIDTH = 920
PANEL_GAP = 20
PANEL_HEAD = 36
COL_HEAD = 24
PANEL_PAD = 14
PG_W = 370
UPLINK_W = 290
BOX_GAP = 10
BOX_PAD = 8
NAME_ROW = 17
TEXT_ROW = 13
VMK_ROW = 30
UPLINK_H = 54
SLOT_PITCH = 7
RUN = 12  # straight run at both ends of a line, so slots read clearly
UNUSED_STUB = 26
LEGEND_GAP = 22
FAILOVER_FONT = 9.5

LinkKind = Literal["active", "standby", "unused"]

LOAD_BALANCING_TEXT = {
    LoadBalancing.PORT_ID: "Route based on originating virtual port",
    LoadBalancing.SOURCE_MAC: "Route based on source MAC hash",
    LoadBalancing.EXPLICIT: "Use explicit failover order",
    LoadBalancing.IP_HASH: "Route based on IP hash",
}


@dataclass(frozen=True)
class VmkText:
    name: str
    address: str
    detail: str  # MTU, TCP/IP stack, services


@dataclass(frozen=True)
class PortGroupBox:
    name: str
    vlan: str
    rect: Rect
    teaming: str
    failover: tuple[str, ...]  # wrapped "Active: …", "Standby: …", "Unused: …" lines
    vmks: tuple[VmkText, ...]
    exits: tuple[tuple[str, Point], ...]  # (uplink, slot on the right edge)
    colour: str


@dataclass(frozen=True)
class UplinkBox:
    vmnic: str
    rect: Rect
    speed: str
    card: str
    peer: str
    entries: tuple[tuple[str, Point], ...]  # (port group, slot on the left edge)


@dataclass(frozen=True)
class TeamLink:
    portgroup: str
    uplink: str
    kind: LinkKind
    points: tuple[Point, ...]
    colour: str


@dataclass(frozen=True)
class VSwitchPanel:
    name: str
    summary: str
    rect: Rect
    portgroups: tuple[PortGroupBox, ...]
    uplinks: tuple[UplinkBox, ...]
    links: tuple[TeamLink, ...]
    note: str = ""


@dataclass(frozen=True)
class VSwitchLayout:
    width: float
    height: float
    title: str
    subtitle: str
    panels: tuple[VSwitchPanel, ...]
    legend: LegendLayout


def link_kind(portgroup: PortGroup, uplink: str) -> LinkKind:
    """How ``portgroup`` uses ``uplink``; an uplink in neither list is unused (esxcli semantics)."""
    if uplink in portgroup.active:
        return "active"
    if uplink in portgroup.standby:
        return "standby"
    return "unused"


def layout_vswitches(host: HostPlan, *, marked: bool = False) -> VSwitchLayout:
    """Lay out every vSwitch of ``host`` as a panel, top to bottom, with a legend below.

    ``marked``: some vmk is concerned by a finding, so the legend explains the mark.
    """
    panels: list[VSwitchPanel] = []
    y: float = MARGIN + HEADER_H
    for vswitch in host.vswitches:
        panel = layout_panel(host, vswitch, y)
        panels.append(panel)
        y = panel.rect.bottom + PANEL_GAP
    if not panels:
        y += 20  # room for the "no vSwitches" note
    items = _legend_items() + ([finding_legend_item()] if marked else [])
    legend = layout_legend(items, MARGIN, y - PANEL_GAP + LEGEND_GAP, WIDTH - 2 * MARGIN)
    vmks = len(host.vmks)
    subtitle = (
        f"{len(host.vswitches)} standard vSwitch{'es' if len(host.vswitches) != 1 else ''} · "
        f"{vmks} VMkernel port{'s' if vmks != 1 else ''}"
    )
    return VSwitchLayout(
        width=WIDTH,
        height=legend.box.bottom + MARGIN,
        title=fit_text(f"{host.name} · virtual switches", WIDTH - 2 * MARGIN, 17, bold=True),
        subtitle=subtitle,
        panels=tuple(panels),
        legend=legend,
    )


def _legend_items() -> list[LegendItem]:
    return [
        LegendItem("Active uplink", "line", INK, width=2.4),
        LegendItem("Standby uplink", "line", INK, dash="6 4", width=1.6),
        LegendItem("Unused uplink (not connected)", "cross", FAINT, width=1.4),
        LegendItem(
            "Colour = vMotion lane (as on the topology and cable labels)",
            "line",
            lane_colour(1),
            width=2.4,
        ),
    ]


def layout_panel(host: HostPlan, vswitch: VSwitch, top: float) -> VSwitchPanel:
    """One vSwitch: both columns, their slots, and the lines between them."""
    groups = [pg for pg in host.portgroups if pg.vswitch == vswitch.name]
    nics = {n.vmnic: n for n in host.nics}
    column_top = top + PANEL_HEAD + COL_HEAD
    pg_x = MARGIN + PANEL_PAD
    up_x = WIDTH - MARGIN - PANEL_PAD - UPLINK_W
    pg_rects = _stack([_portgroup_height(host, pg, vswitch) for pg in groups], pg_x, PG_W, BOX_GAP)
    up_heights = [_uplink_height(vmnic, groups) for vmnic in vswitch.uplinks]
    up_rects = _stack(up_heights, up_x, UPLINK_W, BOX_GAP)
    pg_h = _column_height(pg_rects)
    up_h = _column_height(up_rects)
    body = max(pg_h, up_h, 40.0)
    pg_rects = _spread(pg_rects, column_top, body)
    up_rects = _spread(up_rects, column_top, body)
    boxes = [
        _portgroup_box(host, pg, vswitch, rect) for pg, rect in zip(groups, pg_rects, strict=True)
    ]
    uplinks = [
        _uplink_box(vmnic, nics.get(vmnic), groups, rect)
        for vmnic, rect in zip(vswitch.uplinks, up_rects, strict=True)
    ]
    links = _links(groups, boxes, uplinks)
    rect = Rect(MARGIN, top, WIDTH - 2 * MARGIN, PANEL_HEAD + COL_HEAD + body + PANEL_PAD)
    uplink_count = len(vswitch.uplinks)
    summary = f"MTU {vswitch.mtu} · {uplink_count} uplink{'s' if uplink_count != 1 else ''}"
    note = "" if groups else "No port groups on this vSwitch."
    if not vswitch.uplinks:
        note = "No physical adapters: this vSwitch cannot reach the network."
    return VSwitchPanel(
        vswitch.name, summary, rect, tuple(boxes), tuple(uplinks), tuple(links), note
    )


def _stack(heights: list[float], x: float, width: float, gap: float) -> list[Rect]:
    rects: list[Rect] = []
    y = 0.0
    for height in heights:
        rects.append(Rect(x, y, width, height))
        y += height + gap
    return rects


def _spread(rects: list[Rect], top: float, body: float) -> list[Rect]:
    """Spread the boxes of the shorter column over the panel's height (a lone box is centred),
    so the lines between the columns run as flat as they can."""
    if len(rects) < 2:
        return [_moved(r, top + (body - _column_height(rects)) / 2) for r in rects]
    spare = body - _column_height(rects)
    step = spare / (len(rects) - 1)
    return [_moved(r, top + i * step) for i, r in enumerate(rects)]


def _column_height(rects: list[Rect]) -> float:
    return rects[-1].bottom if rects else 0.0


def _moved(rect: Rect, dy: float) -> Rect:
    return Rect(rect.x, rect.y + dy, rect.w, rect.h)


def _failover_lines(pg: PortGroup, vswitch: VSwitch) -> list[str]:
    width = PG_W - 2 * BOX_PAD
    unused = [u for u in vswitch.uplinks if link_kind(pg, u) == "unused"]
    lines: list[str] = []
    for label, members in (("Active", pg.active), ("Standby", pg.standby), ("Unused", unused)):
        if members:
            words = [f"{label}: {members[0]}", *members[1:]]
            lines += wrap_words(words, width, FAILOVER_FONT)
    return lines


def _portgroup_height(host: HostPlan, pg: PortGroup, vswitch: VSwitch) -> float:
    vmks = sum(1 for v in host.vmks if v.portgroup == pg.name and v.vswitch == vswitch.name)
    text = BOX_PAD + NAME_ROW + TEXT_ROW * (1 + len(_failover_lines(pg, vswitch))) + 4
    text += VMK_ROW * vmks if vmks else TEXT_ROW + 4
    slots = (len(vswitch.uplinks) - 1) * SLOT_PITCH + 2 * BOX_PAD
    return max(text + BOX_PAD, slots)


def _uplink_height(vmnic: str, groups: list[PortGroup]) -> float:
    users = sum(1 for pg in groups if link_kind(pg, vmnic) != "unused")
    return max(float(UPLINK_H), (users - 1) * SLOT_PITCH + 2 * BOX_PAD)


def _slots(rect: Rect, count: int, x: float) -> list[Point]:
    """``count`` slot points centred on the box's middle along the edge at ``x``."""
    start = rect.cy - (count - 1) * SLOT_PITCH / 2
    return [Point(x, start + i * SLOT_PITCH) for i in range(count)]


def portgroup_colour(pg: PortGroup) -> str:
    return lane_colour(pg.lane) if pg.lane is not None else ROLE_COLOURS[pg.role]


def _portgroup_box(host: HostPlan, pg: PortGroup, vswitch: VSwitch, rect: Rect) -> PortGroupBox:
    vmks = tuple(
        VmkText(
            v.name,
            str(v.address),
            f"MTU {v.mtu} · {v.netstack.value} stack"
            + (f" · {', '.join(v.services)}" if v.services else ""),
        )
        for v in host.vmks
        if v.portgroup == pg.name and v.vswitch == vswitch.name
    )
    exits = tuple(zip(vswitch.uplinks, _slots(rect, len(vswitch.uplinks), rect.right), strict=True))
    return PortGroupBox(
        name=pg.name,
        vlan=f"VLAN {pg.vlan}" if pg.vlan else "No VLAN (untagged)",
        rect=rect,
        teaming=_teaming_text(pg),
        failover=tuple(_failover_lines(pg, vswitch)),
        vmks=vmks,
        exits=exits,
        colour=portgroup_colour(pg),
    )


def _teaming_text(pg: PortGroup) -> str:
    detection = "link status" if pg.failure_detection is FailureDetection.LINK else "beacon probing"
    return f"{LOAD_BALANCING_TEXT[pg.load_balancing]} · {detection}"


def _uplink_box(vmnic: str, nic: NicRow | None, groups: list[PortGroup], rect: Rect) -> UplinkBox:
    users = [pg.name for pg in groups if link_kind(pg, vmnic) != "unused"]
    entries = tuple(zip(users, _slots(rect, len(users), rect.x), strict=True))
    if nic is None:
        return UplinkBox(vmnic, rect, "", "", "", entries)
    card = f"{nic.card} port {nic.card_port}" + (f" · {nic.card_model}" if nic.card_model else "")
    peer = (
        f"→ {nic.peer}" + (f" · {nic.cable}" if nic.cable else "")
        if nic.peer
        else "Not cabled in this plan"
    )
    return UplinkBox(vmnic, rect, f"{nic.speed_gbps} Gbit/s", card, peer, entries)


def _links(
    groups: list[PortGroup], boxes: list[PortGroupBox], uplinks: list[UplinkBox]
) -> list[TeamLink]:
    entries = {(pg, up.vmnic): point for up in uplinks for pg, point in up.entries}
    links: list[TeamLink] = []
    for pg, box in zip(groups, boxes, strict=True):
        for uplink, start in box.exits:
            kind = link_kind(pg, uplink)
            if kind == "unused":
                points: tuple[Point, ...] = (start, Point(start.x + UNUSED_STUB, start.y))
                links.append(TeamLink(pg.name, uplink, kind, points, FAINT))
                continue
            end = entries[(pg.name, uplink)]
            points = (start, Point(start.x + RUN, start.y), Point(end.x - RUN, end.y), end)
            links.append(TeamLink(pg.name, uplink, kind, points, box.colour))
    return links
