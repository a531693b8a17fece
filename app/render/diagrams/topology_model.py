"""The topology diagram's layout model: constants, boxes, ports, cable lines, and their builders."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from app.planner.design import Role, Topology
from app.planner.result import Cable, CableEnd, EndKind, Plan
from app.render.diagrams.finding_marks import legend_item as finding_legend_item
from app.render.diagrams.finding_marks import marked_cables
from app.render.diagrams.geometry import Point, Rect, text_width
from app.render.diagrams.legend import LegendItem, LegendLayout
from app.render.diagrams.svg import MUTED

# Layout constants (px). Change them here, never inside the functions.
MARGIN = 24
HEADER_H = 58
HOST_W = 240
DEVICE_HEAD = 56
PORT_PITCH = 26
PORT_H = 20
PORT_W = 76
DEVICE_PAD = 12
DEVICE_GAP = 24
FACING_GAP = 300  # between two hosts cabled back-to-back: room for "C01 · 198.51.100.0/30"
MESH_STUB = 200  # straight run next to a mesh port that carries "C01 · 198.51.100.0/30"
SWITCHED_STUB = 84  # the same for a switch uplink, which carries only "C05"
CHANNEL_PAD = 14
TRACK_PITCH = 9
GROUP_PAD = 12
GROUP_HEAD = 20
LEGEND_GAP = 26
MIN_WIDTH = 640
LABEL_FONT = 10.5
# Issue 9: no text below 9 px at 100 % zoom (the browser shows drawings at their own size).
MIN_FONT = 9
TITLE_FONT = 17

Side = Literal["left", "right"]
Row = tuple[Side, str, str, str]  # side, port name, detail, cable ID

# Non-vMotion uplinks get a dash pattern too, so that roles stay apart in greyscale print.
ROLE_DASH = {Role.MANAGEMENT: "6 3", Role.IP_STORAGE: "2 2"}

ROLE_TEXT = {
    Role.MANAGEMENT: "Management uplink",
    Role.VM_TRAFFIC: "VM traffic uplink",
    Role.IP_STORAGE: "IP storage uplink",
    Role.VMOTION: "vMotion",
    Role.UNUSED: "Unused",
}


@dataclass(frozen=True)
class PortBox:
    device: str
    name: str
    rect: Rect
    anchor: Point  # where the cable attaches: the middle of the port on the device's edge
    side: Side
    detail: str = ""  # card and port on the card, for hosts
    cable: str = ""


@dataclass(frozen=True)
class DeviceBox:
    kind: EndKind
    name: str
    subtitle: str
    rect: Rect
    ports: tuple[PortBox, ...]

    def port(self, name: str) -> PortBox:
        for port in self.ports:
            if port.name == name:
                return port
        raise KeyError(name)


@dataclass(frozen=True)
class StackGroup:
    name: str
    rect: Rect


@dataclass(frozen=True)
class CableLabel:
    text: str
    at: Point
    anchor: Literal["start", "middle", "end"]
    background: Rect | None = None


@dataclass(frozen=True)
class CableLine:
    cable: str
    points: tuple[Point, ...]
    colour: str
    width: float
    lane: int | None
    tooltip: str
    labels: tuple[CableLabel, ...]
    badges: tuple[Point, ...]  # where the lane number is drawn on the line
    dash: str | None = None


@dataclass(frozen=True)
class TopologyLayout:
    width: float
    height: float
    title: str
    subtitle: str
    devices: tuple[DeviceBox, ...]
    groups: tuple[StackGroup, ...]
    cables: tuple[CableLine, ...]
    legend: LegendLayout
    note: str = ""

    def device(self, name: str) -> DeviceBox:
        for device in self.devices:
            if device.name == name:
                return device
        raise KeyError(name)


@dataclass
class Draft:
    """What an arrangement produces before the header, legend and canvas size are added."""

    devices: list[DeviceBox] = field(default_factory=list)
    groups: list[StackGroup] = field(default_factory=list)
    cables: list[CableLine] = field(default_factory=list)
    note: str = ""


PLATFORM_LABELS = {"nxos": "NX-OS", "ios": "IOS", "iosxe": "IOS XE"}


def platform_label(platform: str) -> str:
    """The switch OS as people write it ("NX-OS"), for diagrams and sheets."""
    return PLATFORM_LABELS.get(platform, platform)


def port_sort_key(name: str) -> tuple[str, int, str]:
    """vmnic2 before vmnic10; Ethernet1/2 before Ethernet1/10."""
    match = re.search(r"(\d+)$", name)
    number = int(match.group(1)) if match else -1
    return (name[: match.start()] if match else name, number, name)


def host_ports(plan: Plan, host: str) -> list[tuple[CableEnd, Cable]]:
    """The cabled ports of ``host`` with their cable, in vmnic-number order."""
    ends = [
        (end, cable)
        for cable in plan.cables
        for end in (cable.a, cable.b)
        if end.kind is EndKind.HOST and end.device == host
    ]
    return sorted(ends, key=lambda pair: port_sort_key(pair[0].port))


def device_box(
    kind: EndKind,
    name: str,
    subtitle: str,
    origin: Point,
    width: float,
    rows: list[Row],
    port_w: float = PORT_W,
) -> DeviceBox:
    """A device box with one port per row.

    Rows on the left and on the right edge are counted separately, so a switch with ports on
    both edges is as tall as its busier edge.
    """
    counters: dict[Side, int] = {"left": 0, "right": 0}
    ports: list[PortBox] = []
    for side, port_name, detail, cable in rows:
        y = origin.y + DEVICE_HEAD + counters[side] * PORT_PITCH
        counters[side] += 1
        x = origin.x if side == "left" else origin.x + width - port_w
        rect = Rect(x, y, port_w, PORT_H)
        anchor = Point(origin.x if side == "left" else origin.x + width, rect.cy)
        ports.append(PortBox(name, port_name, rect, anchor, side, detail, cable))
    count = max(counters.values()) or 1
    height = DEVICE_HEAD + count * PORT_PITCH - (PORT_PITCH - PORT_H) + DEVICE_PAD
    return DeviceBox(kind, name, subtitle, Rect(origin.x, origin.y, width, height), tuple(ports))


def end_detail(end: CableEnd) -> str:
    if end.card and end.card_port is not None:
        return f"{end.card} · port {end.card_port}"
    return end.card


def cable_tag(cable: Cable) -> str:
    """The cable ID as drawn: in brackets when the cable is patched today (verify, not patch)."""
    return f"[{cable.id}]" if cable.existing else cable.id


def cable_text(cable: Cable) -> str:
    tag = cable_tag(cable)
    return f"{tag} · {cable.subnet}" if cable.subnet is not None else tag


def cable_width(cable: Cable) -> float:
    return 2.6 if cable.lane is not None or cable.role is None else 1.6


def cable_dash(cable: Cable) -> str | None:
    if cable.lane is not None or cable.role is None:
        return None
    return ROLE_DASH.get(cable.role)


def make_line(
    cable: Cable,
    points: tuple[Point, ...],
    labels: tuple[CableLabel, ...],
    badges: tuple[Point | None, ...] = (),
) -> CableLine:
    """A cable's line with the cable's own colour, weight, dash and tooltip."""
    return CableLine(
        cable=cable.id,
        points=points,
        colour=cable.color,
        width=cable_width(cable),
        lane=cable.lane,
        tooltip=cable.label + (" (existing — verify)" if cable.existing else ""),
        labels=labels,
        badges=tuple(b for b in badges if b is not None),
        dash=cable_dash(cable),
    )


def stub_label(
    cable: Cable, anchor: Point, side: Side, text: str
) -> tuple[CableLabel, Point | None]:
    """The label over the straight stub next to a port, and where its lane badge goes."""
    direction = 1 if side == "right" else -1
    badge = Point(anchor.x + direction * 17, anchor.y) if cable.lane is not None else None
    text_x = anchor.x + direction * (30 if badge else 8)
    label = CableLabel(text, Point(text_x, anchor.y - 4), "start" if direction > 0 else "end")
    return label, badge


def stub_length(texts: list[str]) -> float:
    """Room the longest stub label needs, so labels never reach the track channel."""
    longest = max((text_width(t, LABEL_FONT, mono=True) for t in texts), default=0.0)
    return longest + 40


def host_subtitle(plan: Plan, host: str) -> str:
    ports = host_ports(plan, host)
    vmotion = sum(1 for _, cable in ports if cable.role is Role.VMOTION)
    others = len(ports) - vmotion
    parts = [f"{vmotion} vMotion cable{'s' if vmotion != 1 else ''}"]
    if others:
        parts.append(f"{others} other uplink{'s' if others != 1 else ''}")
    return " · ".join(parts)


def plan_subtitle(plan: Plan) -> str:
    hosts = len(plan.hosts)
    # The plan's topology is the vMotion one: a back-to-back design may still have switches for
    # management and VM traffic (issue 7).
    kind = "Switched" if plan.topology is Topology.SWITCHED else "Back-to-back vMotion"
    if plan.topology is Topology.DIRECT and hosts > 2:
        kind = "Back-to-back vMotion full mesh"
    parts = [kind, f"{hosts} host{'s' if hosts != 1 else ''}"]
    if plan.switches:
        parts.append(f"{len(plan.switches)} switch{'es' if len(plan.switches) != 1 else ''}")
    parts.append(f"{plan.summary.lanes} vMotion lane{'s' if plan.summary.lanes != 1 else ''}")
    parts.append(f"{len(plan.cables)} cable{'s' if len(plan.cables) != 1 else ''}")
    return " · ".join(parts)


def legend_items(plan: Plan) -> list[LegendItem]:
    """Lanes (colour plus number) first, then the other uplink roles, then stacks."""
    lanes: dict[int, str] = {}
    roles: dict[Role, str] = {}
    for cable in plan.cables:
        if cable.lane is not None:
            lanes.setdefault(cable.lane, cable.color)
        elif cable.role is not None:
            roles.setdefault(cable.role, cable.color)
    items = [
        LegendItem(f"vMotion lane {lane}", "line", colour, width=2.6, badge=str(lane))
        for lane, colour in sorted(lanes.items())
    ]
    items += [
        LegendItem(ROLE_TEXT[role], "line", colour, dash=ROLE_DASH.get(role), width=1.6)
        for role, colour in roles.items()
    ]
    isl = next((c for c in plan.cables if c.role is None), None)
    if isl is not None:
        items.append(LegendItem("Inter-switch link", "line", isl.color, width=2.6))
    if any(s.stack for s in plan.switches):
        items.append(LegendItem("Stack / multi-chassis pair", "box", MUTED, dash="5 3"))
    if any(c.existing for c in plan.cables):
        items.append(LegendItem("[C09] existing cable: verify", "line", MUTED, width=1.6))
    drawn = {c.id for c in plan.cables}
    if drawn & set(marked_cables(plan)):  # issue 9 §5: cables a finding concerns
        items.append(finding_legend_item())
    return items
