"""The plan diff: what a change to the document does to the plan (issue 9 §6)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.planner.plan import plan
from app.planner.plan_diff import diff_plans
from tests.examples import example, example_dict


def _section(diff: object, title: str) -> dict[str, tuple[str, str, str]]:
    for section in diff.sections:  # type: ignore[attr-defined]
        if section.title == title:
            return {c.subject: (c.kind, c.before, c.after) for c in section.changes}
    return {}


def test_same_design_same_plan() -> None:
    assert diff_plans(plan(example("e1")), plan(example("e1"))).sections == []


def test_moving_the_pool_changes_every_vmotion_address() -> None:
    """E1 pool 198.51.100.0/24 → 203.0.113.0/24: eight /30 addresses and four cables change."""
    old = plan(example("e1"))
    data = example_dict("e1")
    data["vmotion"]["pool"] = "203.0.113.0/24"
    new = plan(example("e1", vmotion=data["vmotion"]))
    addresses = _section(diff_plans(old, new), "Addresses")
    vmotion = {k: v for k, v in addresses.items() if v[1].startswith("198.51.100.")}
    assert len(vmotion) == 8
    assert addresses["esx01 vmk1"] == ("changed", "198.51.100.1/30", "203.0.113.1/30")
    assert addresses["esx02 vmk1"] == ("changed", "198.51.100.2/30", "203.0.113.2/30")
    cables = _section(diff_plans(old, new), "Cables")
    assert sum("198.51.100." in before for _k, before, _a in cables.values()) == 4


def test_renaming_a_host_shows_its_objects_and_the_cable_labels() -> None:
    old = plan(example("e1"))
    data = example_dict("e1")
    data["hosts"][1]["name"] = "esx09"
    new = plan(example("e1", hosts=data["hosts"]))
    diff = diff_plans(old, new)
    addresses = _section(diff, "Addresses")
    assert addresses["esx02 vmk1"][0] == "removed" and addresses["esx09 vmk1"][0] == "added"
    cables = _section(diff, "Cables")
    changed = [c for c in cables.values() if c[0] == "changed"]
    assert changed and all("esx09" in after and "esx02" in before for _k, before, after in changed)


def test_findings_added_and_removed() -> None:
    """E1 → E2 (one /24 over direct cables) adds R5, the seed-000 anti-pattern."""
    findings = _section(diff_plans(plan(example("e1")), plan(example("e2"))), "Findings")
    assert any(
        subject.startswith("R5 ") and kind == "added"
        for subject, (kind, _b, _a) in findings.items()
    )


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(["e1", "e2", "e3", "e4", "e5", "e6", "e7"]),
    st.sampled_from(["e1", "e2", "e3", "e4", "e5", "e6", "e7"]),
)
def test_diff_is_antisymmetric(a: str, b: str) -> None:
    """Swapping the two plans swaps added and removed and before and after, nothing else."""
    forward = diff_plans(plan(example(a)), plan(example(b)))
    backward = diff_plans(plan(example(b)), plan(example(a)))
    flip = {"added": "removed", "removed": "added", "changed": "changed"}
    assert [s.title for s in forward.sections] == [s.title for s in backward.sections]
    for f, r in zip(forward.sections, backward.sections, strict=True):
        assert [(flip[c.kind], c.subject, c.after, c.before) for c in f.changes] == [
            (c.kind, c.subject, c.before, c.after) for c in r.changes
        ]
