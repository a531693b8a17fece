"""Topology diagram: layout geometry, SVG validity, escaping, readability limits."""

from __future__ import annotations

import itertools
import time
import xml.etree.ElementTree as ET

import pytest

from app.planner.result import EndKind, Plan
from app.render.diagrams.geometry import Point, Rect
from app.render.diagrams.topology import render_topology, topology_svg
from app.render.diagrams.topology_layout import layout_topology
from app.render.diagrams.topology_model import TopologyLayout
from tests.render.diagrams_support import context, large_plan

SVG = "{http://www.w3.org/2000/svg}"
EXAMPLES = ("e1", "e2", "e3", "e4", "e5", "e6", "e7")


def _check_cables_on_ports(plan: Plan, layout: TopologyLayout) -> None:
    """Every cable has exactly one line, starting on its A port and ending on its B port."""
    lines = {line.cable: line for line in layout.cables}
    assert sorted(lines) == sorted(c.id for c in plan.cables)
    for cable in plan.cables:
        line = lines[cable.id]
        for end, point in ((cable.a, line.points[0]), (cable.b, line.points[-1])):
            port = layout.device(end.device).port(end.port)
            assert point == port.anchor, f"{cable.id} {end.text}"
            device = layout.device(end.device)
            assert device.rect.on_edge(point), f"{cable.id} ends off the edge of {end.device}"
            assert port.cable == cable.id
            assert device.kind is end.kind


def _check_no_overlaps(layout: TopologyLayout) -> None:
    for first, second in itertools.combinations(layout.devices, 2):
        assert not first.rect.overlaps(second.rect), f"{first.name} overlaps {second.name}"
    for device in layout.devices:
        for a, b in itertools.combinations(device.ports, 2):
            assert not a.rect.overlaps(b.rect), f"{device.name}: {a.name} overlaps {b.name}"
    canvas = Rect(0, 0, layout.width, layout.height)
    for device in layout.devices:
        assert _inside(device.rect, canvas), device.name
    assert layout.legend.box.y >= max(d.rect.bottom for d in layout.devices)


def _inside(inner: Rect, outer: Rect) -> bool:
    return (
        inner.x >= outer.x
        and inner.y >= outer.y
        and inner.right <= outer.right
        and inner.bottom <= outer.bottom
    )


def _orthogonal_segments_do_not_overlap(layout: TopologyLayout) -> None:
    """No two cables share a stretch of line (which would hide where one of them goes)."""
    segments = []
    for line in layout.cables:
        for a, b in itertools.pairwise(line.points):
            segments.append((line.cable, a, b))
    for (c1, a1, b1), (c2, a2, b2) in itertools.combinations(segments, 2):
        if c1 == c2:
            continue
        assert not _collinear_overlap(a1, b1, a2, b2), f"{c1} and {c2} share a segment"


def _collinear_overlap(a1: Point, b1: Point, a2: Point, b2: Point) -> bool:
    if a1.y == b1.y == a2.y == b2.y:
        lo1, hi1 = sorted((a1.x, b1.x))
        lo2, hi2 = sorted((a2.x, b2.x))
        return min(hi1, hi2) - max(lo1, lo2) > 0.5
    if a1.x == b1.x == a2.x == b2.x:
        lo1, hi1 = sorted((a1.y, b1.y))
        lo2, hi2 = sorted((a2.y, b2.y))
        return min(hi1, hi2) - max(lo1, lo2) > 0.5
    return False


@pytest.mark.parametrize("stem", EXAMPLES)
def test_every_cable_ends_on_its_ports(stem: str) -> None:
    plan = context(stem).plan
    layout = layout_topology(plan)
    _check_cables_on_ports(plan, layout)
    _check_no_overlaps(layout)
    _orthogonal_segments_do_not_overlap(layout)


def test_e1_hosts_face_each_other_with_straight_lane_coloured_cables() -> None:
    plan = context("e1", switches=[]).plan
    layout = layout_topology(plan)
    left, right = layout.devices
    assert left.rect.right < right.rect.x
    assert {p.side for p in left.ports} == {"right"} and {p.side for p in right.ports} == {"left"}
    for cable, line in zip(plan.cables, layout.cables, strict=True):
        assert len(line.points) == 2 and line.points[0].y == line.points[1].y
        assert line.colour == cable.color and line.lane == cable.lane
        assert line.labels[0].text == f"{cable.id} · {cable.subnet}"
    assert len({line.colour for line in layout.cables}) == 4  # four lanes, four colours


def test_e3_mesh_routes_each_cable_on_its_own_track() -> None:
    plan = context("e3", switches=[]).plan
    layout = layout_topology(plan)
    assert len(layout.cables) == 6
    assert [d.name for d in layout.devices] == ["esx01", "esx02", "esx03"]
    # Every device in one column, never side by side.
    assert len({d.rect.x for d in layout.devices}) == 1


def test_e4_switches_sit_between_the_host_columns() -> None:
    plan = context("e4").plan
    layout = layout_topology(plan)
    hosts = [d for d in layout.devices if d.kind is EndKind.HOST]
    switches = [d for d in layout.devices if d.kind is EndKind.SWITCH]
    assert [s.name for s in switches] == ["sw1", "sw2"]
    left_edge = max(h.rect.right for h in hosts if h.rect.x < switches[0].rect.x)
    right_edge = min(h.rect.x for h in hosts if h.rect.x > switches[0].rect.x)
    assert all(left_edge < s.rect.x and s.rect.right < right_edge for s in switches)


def test_e6_stack_members_are_drawn_inside_one_group() -> None:
    plan = context("e6").plan
    layout = layout_topology(plan)
    (group,) = layout.groups
    stacked = [s.name for s in plan.switches if s.stack == group.name]
    assert len(stacked) == 2
    for name in stacked:
        assert _inside(layout.device(name).rect, group.rect)
    # Port-channel members carry their channel tag (R20: the switch side of the IP-hash team).
    tags = {p.name: p.detail for name in stacked for p in layout.device(name).ports}
    for channel in plan.etherchannels:
        for member in channel.members:
            assert tags[member.split(" ", 1)[1]] == f"Po{channel.channel_group}"


@pytest.mark.parametrize("stem", EXAMPLES)
def test_svg_parses_and_names_every_cable(stem: str) -> None:
    plan = context(stem).plan
    svg = topology_svg(plan)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img" and root.get("viewBox")
    assert float(root.get("width", "0")) > 0 and float(root.get("height", "0")) > 0
    assert root.find(f"{SVG}title") is not None
    assert root.find(f".//{SVG}script") is None and root.find(f".//{SVG}style") is None
    assert " style=" not in svg  # CSP blocks style attributes; presentation attributes only
    texts = "".join(root.itertext())
    for cable in plan.cables:
        assert cable.id in texts
    for host in plan.hosts:
        assert host.name in texts


def test_design_name_is_escaped() -> None:
    name = "<script>alert(1)</script> & co"
    plan = context("e1", name=name).plan
    svg = topology_svg(plan)
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    root = ET.fromstring(svg)
    title = root.find(f"{SVG}title")
    assert title is not None and name in (title.text or "")


def test_renderer_contract() -> None:
    ctx = context("e4")
    (artifact,) = render_topology(ctx, None)
    assert artifact.filename == "topology.svg"
    assert artifact.media_type == "image/svg+xml"
    assert artifact.content == topology_svg(ctx.plan)
    assert render_topology(ctx, "esx01") == [artifact]


@pytest.mark.parametrize(
    ("hosts", "topology", "vmotion", "vm_traffic"),
    [(16, "switched", 4, 2), (16, "switched", 10, 4), (2, "direct", 14, 0), (4, "direct", 6, 0)],
)
def test_large_plans_stay_in_order(
    hosts: int, topology: str, vmotion: int, vm_traffic: int
) -> None:
    plan = large_plan(hosts, topology=topology, vmotion=vmotion, vm_traffic=vm_traffic)
    started = time.perf_counter()
    layout = layout_topology(plan)
    svg = topology_svg(plan)
    elapsed = time.perf_counter() - started
    _check_cables_on_ports(plan, layout)
    _check_no_overlaps(layout)
    _orthogonal_segments_do_not_overlap(layout)
    ET.fromstring(svg)
    assert elapsed < 2.0
    print(f"\ntopology {hosts} hosts / {len(plan.cables)} cables: {elapsed * 1000:.0f} ms")


def _crosses_box(a: Point, b: Point, box: Rect) -> bool:
    """An axis-parallel segment that runs through the inside of ``box``."""
    inner = Rect(box.x + 1, box.y + 1, box.w - 2, box.h - 2)
    if a.y == b.y:
        lo, hi = sorted((a.x, b.x))
        return inner.y < a.y < inner.bottom and lo < inner.right and hi > inner.x
    if a.x == b.x:
        lo, hi = sorted((a.y, b.y))
        return inner.x < a.x < inner.right and lo < inner.bottom and hi > inner.y
    return False


@pytest.mark.parametrize("stem", ["e1", "e3"])
def test_back_to_back_vmotion_next_to_switches_never_crosses_a_device(stem: str) -> None:
    """Issue 7: vMotion back-to-back, management and VM traffic to two switches, one drawing."""
    switches = [{"name": "sw1", "mtu": 9216}, {"name": "sw2", "mtu": 9216}]
    plan = context(stem, switches=switches).plan
    kinds = {c.kind.value for c in plan.cables}
    assert {"direct", "uplink"} <= kinds  # and the inter-switch link the planner proposes
    layout = layout_topology(plan)
    _check_cables_on_ports(plan, layout)
    _check_no_overlaps(layout)
    _orthogonal_segments_do_not_overlap(layout)
    for line in layout.cables:
        for a, b in itertools.pairwise(line.points):
            for device in layout.devices:
                assert not _crosses_box(a, b, device.rect), f"{line.cable} crosses {device.name}"
    assert layout.subtitle.startswith("Back-to-back vMotion")
