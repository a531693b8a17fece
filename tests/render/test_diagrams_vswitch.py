"""vSwitch diagram: failover styling per port group, geometry, SVG validity, escaping."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from app.planner.result import HostPlan
from app.render.diagrams.vswitch import render_vswitches, vswitch_svg
from app.render.diagrams.vswitch_layout import VSwitchLayout, layout_vswitches, link_kind
from tests.render.diagrams_support import context, large_plan

SVG = "{http://www.w3.org/2000/svg}"
EXAMPLES = ("e1", "e2", "e3", "e4", "e5", "e6", "e7")


def _check_links_follow_failover_lists(host: HostPlan, layout: VSwitchLayout) -> None:
    """Active, standby and unused lines match each port group's lists exactly (R3)."""
    panels = {p.name: p for p in layout.panels}
    assert list(panels) == [v.name for v in host.vswitches]
    for pg in host.portgroups:
        panel = panels[pg.vswitch]
        box = next(b for b in panel.portgroups if b.name == pg.name)
        links = {lk.uplink: lk for lk in panel.links if lk.portgroup == pg.name}
        vswitch = host.vswitches[[v.name for v in host.vswitches].index(pg.vswitch)]
        assert set(links) == set(vswitch.uplinks)
        for uplink, link in links.items():
            expected = (
                "active" if uplink in pg.active else "standby" if uplink in pg.standby else "unused"
            )
            assert link.kind == expected == link_kind(pg, uplink)
            assert box.rect.on_edge(link.points[0]) and link.points[0].x == box.rect.right
            if link.kind == "unused":
                # Not connected: the stub stops well before the uplink column.
                up = next(u for u in panel.uplinks if u.vmnic == uplink)
                assert link.points[-1].x < up.rect.x - 50
            else:
                up = next(u for u in panel.uplinks if u.vmnic == uplink)
                assert up.rect.on_edge(link.points[-1]) and link.points[-1].x == up.rect.x


def _check_geometry(layout: VSwitchLayout) -> None:
    for first, second in itertools.pairwise(layout.panels):
        assert first.rect.bottom <= second.rect.y
    for panel in layout.panels:
        boxes = [b.rect for b in panel.portgroups] + [u.rect for u in panel.uplinks]
        for a, b in itertools.combinations(boxes, 2):
            assert not a.overlaps(b)
        for rect in boxes:
            assert panel.rect.x < rect.x and rect.right < panel.rect.right
            assert panel.rect.y < rect.y and rect.bottom < panel.rect.bottom
        # Distinct slots: no two lines share an end point.
        starts = [lk.points[0] for lk in panel.links]
        ends = [lk.points[-1] for lk in panel.links if lk.kind != "unused"]
        assert len(set(starts)) == len(starts) and len(set(ends)) == len(ends)
        for uplink in panel.uplinks:
            for _, slot in uplink.entries:
                assert uplink.rect.y < slot.y < uplink.rect.bottom


@pytest.mark.parametrize("stem", EXAMPLES)
def test_links_follow_failover_lists(stem: str) -> None:
    for host in context(stem).plan.hosts:
        layout = layout_vswitches(host)
        _check_links_follow_failover_lists(host, layout)
        _check_geometry(layout)


def test_e1_one_vswitch_per_lane_with_one_active_uplink() -> None:
    host = context("e1").plan.hosts[0]
    layout = layout_vswitches(host)
    lanes = [p for p in layout.panels if p.name.startswith("vSwitch-vMotion-")]
    assert len(lanes) == 4
    for panel in lanes:
        assert [lk.kind for lk in panel.links] == ["active"]
        (box,) = panel.portgroups
        assert box.vmks[0].detail.startswith("MTU 9000")
        assert box.vmks[0].address.endswith("/30")


def test_e4_shared_vswitch_has_mirrored_active_and_standby() -> None:
    host = context("e4").plan.hosts[0]
    panel = next(p for p in layout_vswitches(host).panels if p.name == "vSwitch-vMotion")
    kinds = {(lk.portgroup, lk.uplink): lk.kind for lk in panel.links}
    pg1, pg2 = (pg for pg in host.portgroups if pg.vswitch == "vSwitch-vMotion")
    assert kinds[(pg1.name, pg1.active[0])] == "active"
    assert kinds[(pg1.name, pg2.active[0])] == "standby"
    assert kinds[(pg2.name, pg2.active[0])] == "active"
    assert kinds[(pg2.name, pg1.active[0])] == "standby"


def test_unused_uplinks_of_a_direct_shared_vswitch_are_stubs() -> None:
    plan = context(
        "e1", vmotion={"mtu": 9000, "pool": "198.51.100.0/24", "vswitch_strategy": "shared"}
    ).plan
    host = plan.hosts[0]
    panel = next(p for p in layout_vswitches(host).panels if p.name == "vSwitch-vMotion")
    unused = [lk for lk in panel.links if lk.kind == "unused"]
    assert len(unused) == 4 * 3  # four port groups, three unused uplinks each (back-to-back)
    assert not [lk for lk in panel.links if lk.kind == "standby"]  # back-to-back: no standby
    _check_links_follow_failover_lists(host, layout_vswitches(host))


def test_standby_is_dashed_and_active_solid_in_the_svg() -> None:
    host = context("e4").plan.hosts[0]
    root = ET.fromstring(vswitch_svg(host))
    lines = {
        (el.findtext(f"{SVG}title") or ""): el
        for el in root.iter(f"{SVG}polyline")
        if el.find(f"{SVG}title") is not None
    }
    for pg in host.portgroups:
        for uplink in pg.active:
            assert lines[f"{pg.name}: {uplink} active"].get("stroke-dasharray") is None
        for uplink in pg.standby:
            assert lines[f"{pg.name}: {uplink} standby"].get("stroke-dasharray") == "6 4"


@pytest.mark.parametrize("stem", EXAMPLES)
def test_svg_parses_and_names_every_object(stem: str) -> None:
    for host in context(stem).plan.hosts:
        svg = vswitch_svg(host)
        root = ET.fromstring(svg)
        assert root.get("role") == "img" and root.get("viewBox")
        assert " style=" not in svg and "<script" not in svg
        texts = "".join(root.itertext())
        for name in [v.name for v in host.vswitches] + [p.name for p in host.portgroups]:
            assert name in texts
        for vmk in host.vmks:
            assert vmk.name in texts and str(vmk.address) in texts


def test_portgroup_name_is_escaped() -> None:
    # The design refuses such a name (issue 8 item 9); the renderer escapes it all the same.
    host = context("e4").plan.hosts[0]
    portgroups = [replace(pg, name="<script>x</script>") for pg in host.portgroups]
    host = replace(host, portgroups=portgroups)
    svg = vswitch_svg(host)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ET.fromstring(svg)


def test_renderer_contract_one_file_per_host() -> None:
    ctx = context("e4")
    artifacts = render_vswitches(ctx, None)
    assert [a.filename for a in artifacts] == [f"vswitch-{h.name}.svg" for h in ctx.plan.hosts]
    assert all(a.media_type == "image/svg+xml" for a in artifacts)
    (one,) = render_vswitches(ctx, "esx02")
    assert one.filename == "vswitch-esx02.svg"
    with pytest.raises(KeyError):
        render_vswitches(ctx, "no-such-host")


def test_sixteen_vmnics_stay_readable() -> None:
    plan = large_plan(2, topology="switched", vmotion=10, vm_traffic=4)
    host = plan.hosts[0]
    assert len(host.nics) == 16
    layout = layout_vswitches(host)
    _check_links_follow_failover_lists(host, layout)
    _check_geometry(layout)
    ET.fromstring(vswitch_svg(host))
