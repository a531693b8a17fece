"""The diagrams mark the cables and vmks a finding concerns (issue 9 §5), parsed as real XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from app.planner.plan import plan
from app.planner.result import Plan
from app.render.diagrams.finding_marks import LEGEND_TEXT, marked_cables, marked_vmks
from app.render.diagrams.topology import topology_svg
from app.render.diagrams.vswitch import vswitch_svg
from tests.planner.rules_support import design

NS = {"s": "http://www.w3.org/2000/svg"}


def _wrong_mtu_on_esx02() -> Plan:
    return plan(design("e1", {"hosts.1.vmotion_mtu": 1500}))


def _marks(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {
        g.get("aria-label", ""): g
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if g.get("class") == "finding-mark"
    }


def _min_font(svg: str) -> float:
    root = ET.fromstring(svg)
    return min(
        float(t.get("font-size", "99")) for t in root.iter("{http://www.w3.org/2000/svg}text")
    )


def test_cables_of_a_wrong_mtu_are_marked_with_the_rule_in_the_topology() -> None:
    result = _wrong_mtu_on_esx02()
    assert marked_cables(result) == {c: ["R11"] for c in ("C01", "C02", "C03", "C04")}
    svg = topology_svg(result)
    marks = _marks(svg)
    assert sorted(marks) == [f"Cable C0{n}: see findings R11" for n in (1, 2, 3, 4)]
    texts = [t.text for t in marks["Cable C01: see findings R11"].iter() if t.tag.endswith("text")]
    assert "! R11" in texts
    assert LEGEND_TEXT in svg
    assert _min_font(svg) >= 9


def test_vmks_of_a_wrong_mtu_are_marked_in_the_vswitch_diagram() -> None:
    result = _wrong_mtu_on_esx02()
    marks = marked_vmks(result, "esx02")
    # The cable error (R11) and the jumbo-vSwitch warning (R11) concern every vMotion vmk.
    assert marks == {f"vmk{n}": ["R11"] for n in (1, 2, 3, 4)}
    svg = vswitch_svg(result.host("esx02"), marks)
    assert sorted(_marks(svg)) == [f"vmk{n}: see findings R11" for n in (1, 2, 3, 4)]
    assert LEGEND_TEXT in svg
    assert _min_font(svg) >= 9


def test_a_clean_plan_has_no_marks_and_no_legend_entry() -> None:
    result = plan(design("e1"))
    assert marked_cables(result) == {}
    assert _marks(topology_svg(result)) == {}
    assert LEGEND_TEXT not in topology_svg(result)
    assert LEGEND_TEXT not in vswitch_svg(result.host("esx01"), marked_vmks(result, "esx01"))
