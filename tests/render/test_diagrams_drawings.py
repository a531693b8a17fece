"""Topology at any size (issue 9 §2): an overview, one drawing per switch or host pair, 9 px text.

Every SVG is read with xml.etree; font sizes are the ``font-size`` attributes of its ``text``
elements (the drawings use presentation attributes only, see svg.py).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from app.planner.result import Plan
from app.render.diagrams.topology import drawing_svg
from app.render.diagrams.topology_units import ALL, OVERVIEW, find_unit, units
from tests.render.diagrams_support import context, large_plan
from tests.render.whole_plan_support import ISL_IDS, isl_channel, whole_plan_context

SVG = "{http://www.w3.org/2000/svg}"
MIN_PX = 9.0


def _root(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _font_sizes(root: ET.Element) -> list[float]:
    return [float(t.attrib["font-size"]) for t in root.iter(f"{SVG}text")]


def _drawn_cables(root: ET.Element) -> set[str]:
    labels = (g.attrib.get("aria-label", "") for g in root.iter(f"{SVG}g"))
    return {label.removeprefix("Cable ") for label in labels if label.startswith("Cable ")}


def _every_drawing(plan: Plan) -> dict[str, str]:
    keys = [OVERVIEW, ALL, *(u.key for u in units(plan))]
    return {key: drawing_svg(plan, key) for key in keys}


@pytest.mark.parametrize("hosts", [2, 16, 64])
def test_no_text_below_nine_px_in_any_drawing(hosts: int) -> None:
    plan = large_plan(hosts, topology="switched", vmotion=2, vm_traffic=2)
    for key, svg in _every_drawing(plan).items():
        sizes = _font_sizes(_root(svg))
        assert sizes, key
        assert min(sizes) >= MIN_PX, f"{key}: text at {min(sizes)} px"


@pytest.mark.parametrize("hosts", [2, 16, 64])
def test_switch_drawings_together_draw_every_cable_once_per_switch(hosts: int) -> None:
    plan = large_plan(hosts, topology="switched", vmotion=2, vm_traffic=2)
    drawn: dict[str, set[str]] = {}
    for unit in units(plan):
        root = _root(drawing_svg(plan, unit.key))
        drawn[unit.key] = _drawn_cables(root)
        assert drawn[unit.key] == set(unit.cables)
        hosts_drawn = {
            g.attrib["aria-label"].removeprefix("Host ")
            for g in root.iter(f"{SVG}g")
            if g.attrib.get("aria-label", "").startswith("Host ")
        }
        assert hosts_drawn == set(unit.hosts)
    assert set().union(*drawn.values()) == {c.id for c in plan.cables}
    assert sorted(drawn) == ["switch-sw1", "switch-sw2"]


def test_the_overview_groups_sixty_four_hosts_into_one_readable_drawing() -> None:
    plan = large_plan(64, topology="switched", vmotion=2, vm_traffic=2)
    root = _root(drawing_svg(plan, OVERVIEW))
    chips = [g for g in root.iter(f"{SVG}g") if g.attrib.get("aria-label", "").startswith("Host ")]
    assert len(chips) == 64
    # Grouped, not one line per cable: the drawing stays about one screen tall.
    assert float(root.attrib["height"]) < 1200
    assert float(root.attrib["width"]) <= 1200
    assert _drawn_cables(root) == set()
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert texts.count("64 hosts · 192 cables") == 2


def test_a_switch_drawing_of_sixty_four_hosts_stays_under_six_thousand_px() -> None:
    plan = large_plan(64, topology="switched", vmotion=2, vm_traffic=0)
    root = _root(drawing_svg(plan, "switch-sw1"))
    assert float(root.attrib["height"]) < 6000


def test_back_to_back_pairs_get_one_drawing_each() -> None:
    plan = context("e3", switches=[]).plan
    found = units(plan)
    assert [u.title for u in found] == ["esx01 ⇄ esx02", "esx01 ⇄ esx03", "esx02 ⇄ esx03"]
    for unit in found:
        root = _root(drawing_svg(plan, unit.key))
        assert _drawn_cables(root) == set(unit.cables)
        assert min(_font_sizes(root)) >= MIN_PX


def test_an_unknown_drawing_is_a_key_error() -> None:
    plan = context("e1", switches=[]).plan
    assert find_unit(plan, "switch-nope") is None
    with pytest.raises(KeyError):
        drawing_svg(plan, "switch-nope")


def test_inter_switch_links_are_drawn_between_the_switches() -> None:
    """Issue 7 item 1: the whole drawing, each switch's drawing and the overview show the ISL."""
    plan = whole_plan_context().plan
    every = _root(drawing_svg(plan, ALL))
    assert _drawn_cables(every) == {c.id for c in plan.cables}
    for key in ("switch-sw1", "switch-sw2"):
        drawn = _drawn_cables(_root(drawing_svg(plan, key)))
        assert set(ISL_IDS) <= drawn
    overview = _root(drawing_svg(plan, OVERVIEW))
    texts = [t.text for t in overview.iter(f"{SVG}text")]
    assert f"C17, C18 · Po{isl_channel(plan)}" in texts
    # Existing cables carry their ID in brackets, and the legend says what that means.
    labels = [t.text or "" for t in every.iter(f"{SVG}text")]
    assert "[C09]" in labels and "C01" in labels
    assert "[C09] existing cable: verify" in labels
    assert "Inter-switch link" in labels
