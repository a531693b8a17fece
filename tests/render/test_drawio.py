"""draw.io export: well-formed mxGraph XML whose edges join the right vertices."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from app.render import drawio
from app.render.base import RenderContext
from tests.render.exports_support import GOLDEN_EXAMPLES, check_golden, context
from tests.render.whole_plan_support import ISL_IDS, isl_channel, whole_plan_context


def parse(ctx: RenderContext) -> ET.Element:
    (artifact,) = drawio.render(ctx, None)
    assert artifact.filename == "topology.drawio"
    return ET.fromstring(artifact.data)


def cells(root: ET.Element) -> dict[str, ET.Element]:
    return {cell.attrib["id"]: cell for cell in root.iter("mxCell")}


@pytest.mark.parametrize("stem", ["e1", "e3", "e4", "e6"])
def test_every_cable_is_an_edge_between_its_two_devices(stem: str) -> None:
    ctx = context(stem)
    root = parse(ctx)
    assert root.tag == "mxfile"
    assert root.find("./diagram/mxGraphModel/root") is not None
    by_id = cells(root)
    assert by_id["0"].attrib.get("parent") is None and by_id["1"].attrib["parent"] == "0"
    names = {
        cell.attrib["value"].split("\n")[0].split(" ")[0]: cell_id
        for cell_id, cell in by_id.items()
        if cell.attrib.get("vertex") == "1" and cell_id != "title"
    }
    assert set(names) == {h.name for h in ctx.plan.hosts} | {s.name for s in ctx.plan.switches}
    edges = [c for c in by_id.values() if c.attrib.get("edge") == "1"]
    assert len(edges) == len(ctx.plan.cables)
    for cable, edge in zip(ctx.plan.cables, edges, strict=True):
        assert edge.attrib["id"] == f"cable-{cable.id}"
        assert edge.attrib["source"] == names[cable.a.device]
        assert edge.attrib["target"] == names[cable.b.device]
        assert edge.attrib["value"].startswith(cable.id)
        assert f"strokeColor={cable.color};" in edge.attrib["style"]
        assert edge.attrib["parent"] == "1"
        assert edge.find("mxGeometry") is not None


def test_vertices_have_geometry_and_distinct_ids() -> None:
    root = parse(context("e4"))
    ids = [cell.attrib["id"] for cell in root.iter("mxCell")]
    assert len(ids) == len(set(ids))
    for cell in root.iter("mxCell"):
        if cell.attrib.get("vertex") == "1":
            geometry = cell.find("mxGeometry")
            assert geometry is not None and geometry.attrib["as"] == "geometry"
            assert int(geometry.attrib["width"]) > 0 and cell.attrib["parent"] == "1"


def test_back_to_back_cables_do_not_overlap() -> None:
    root = parse(context("e1", switches=[]))
    styles = [c.attrib["style"] for c in root.iter("mxCell") if c.attrib.get("edge") == "1"]
    exits = [s.split("exitX=")[1].split(";")[0] for s in styles]
    assert len(set(exits)) == 4  # four cables between the same two hosts, four exit points


def test_design_text_is_xml_escaped() -> None:
    ctx = context("e1", name='Lab <b>&</b> "quoted"\n<mxCell id="evil"/>')
    (artifact,) = drawio.render(ctx, None)
    root = ET.fromstring(artifact.data)
    title = cells(root)["title"]
    assert title.attrib["value"] == 'Lab <b>&</b> "quoted"\n<mxCell id="evil"/>'
    assert "evil" not in cells(root)
    assert b"<b>" not in artifact.data


@pytest.mark.parametrize("stem", GOLDEN_EXAMPLES)
def test_golden(stem: str) -> None:
    check_golden("drawio", stem, drawio.render(context(stem), None))


def test_inter_switch_links_and_existing_cables_are_edges_too() -> None:
    """Issue 7 item 1: every cable, also switch to switch; existing ones dashed and marked."""
    ctx = whole_plan_context()
    by_id = cells(parse(ctx))
    edges = {k.removeprefix("cable-"): c for k, c in by_id.items() if c.attrib.get("edge") == "1"}
    assert sorted(edges) == sorted(c.id for c in ctx.plan.cables)
    switch_ids = {
        cell.attrib["value"].split(" ")[0].split("\n")[0]: cell_id
        for cell_id, cell in by_id.items()
        if cell_id.startswith("switch-")
    }
    for cable_id in ISL_IDS:
        edge = edges[cable_id]
        assert (edge.attrib["source"], edge.attrib["target"]) == (
            switch_ids["sw1"],
            switch_ids["sw2"],
        )
        assert f"Po{isl_channel(ctx.plan)}:" in edge.attrib["value"]
        points = edge.findall("./mxGeometry/Array/mxPoint")
        # Below the switch row (the hosts are above it in a switched design).
        switch_bottom = max(
            float(g.attrib["y"]) + float(g.attrib["height"])
            for cell_id, cell in by_id.items()
            if cell_id.startswith("switch-")
            for g in cell.findall("mxGeometry")
        )
        assert points and all(float(p.attrib["y"]) > switch_bottom for p in points)
    for cable in ctx.plan.cables:
        edge = edges[cable.id]
        assert ("dashed=1;" in edge.attrib["style"]) is cable.existing
        assert ("existing, verify" in edge.attrib["value"]) is cable.existing
