"""The estimate: what it assumes with mixed lane speeds (R42) and the Hyper-V rows (R40)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.planner.estimate import lane_summary
from app.planner.plan import plan
from app.planner.result import Estimate
from tests.planner.rules_support import design
from tests.planner.test_rules_mtu import E1_MIXED_LANES


def _estimate(stem: str, changes: dict[str, object] | None = None) -> Estimate:
    estimate = plan(design(stem, changes)).estimate
    assert estimate is not None
    return estimate


def test_uniform_lanes_are_described_plainly_with_no_mixed_speed_assumption() -> None:
    e1 = _estimate("e1")
    assert e1.lane_summary == "4 × 1 GbE lanes"
    assert not any("differ in speed" in a for a in e1.assumptions)


def test_mixed_lane_speeds_say_what_the_estimate_assumes_and_why() -> None:
    e = _estimate("e1", E1_MIXED_LANES)
    assert e.lane_summary == "4 lanes of 1 and 10 GbE, each counted at 1 GbE"
    assert (e.lanes_per_host, e.lane_speed_gbps, e.concurrency_limit) == (4, 1, 4)
    # Counted at the slowest lane: the same figures as four 1 GbE lanes, a lower bound.
    assert e.effective_bandwidth_gbps == _estimate("e1").effective_bandwidth_gbps == 3.6
    (mixed,) = [a for a in e.assumptions if "differ in speed" in a]
    assert "(1 GbE and 10 GbE)" in mixed
    assert "Every lane is counted at the slowest, 1 GbE" in mixed
    assert "lower bound" in mixed and "R42" in mixed


def test_hyper_v_rows_say_what_docs_domain_md_section_9_says() -> None:
    rows = {c.name: c.note for c in _estimate("e1").comparisons}
    dependent = rows["Hyper-V live migration, switch-dependent team (static or LACP), Address Hash"]
    assert "even all between the same two hosts, spread over the members (R40)" in dependent
    independent = rows["Hyper-V live migration, switch-independent team, Address Hash"]
    assert "the target receives on one" in independent
    port = rows["Hyper-V live migration, Hyper-V Port mode"]
    assert "leaves on one NIC (R40)" in port
    assert not any("different hosts" in note for note in rows.values())


@given(st.integers(1, 64), st.sets(st.sampled_from([1, 10, 25, 40, 100]), min_size=1))
def test_lane_summary_always_names_the_speed_lanes_are_counted_at(
    lanes: int, speeds: set[int]
) -> None:
    ordered = sorted(speeds)
    text = lane_summary(lanes, ordered)
    assert text.startswith(f"{lanes} ")
    assert f"{ordered[0]} GbE" in text
    assert ("counted at" in text) is (len(ordered) > 1)
