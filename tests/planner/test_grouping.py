"""Findings grouped by cause (issue 9 §5): one finding per rule, severity, cause and message."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.planner.catalog import finding
from app.planner.grouping import group_by_cause
from app.planner.result import Finding, Severity

GROUP = (
    "The vMotion vmks of esx01 have MTU 1500 on vSwitches at MTU 9000: they do not use jumbo "
    "frames."
)


def _r11(vmk: str, host: str = "esx01") -> Finding:
    return finding(
        "R11",
        GROUP.replace("esx01", host),
        detail=f"{host} {vmk} has MTU 1500 on vSwitch vSwitch-vMotion at MTU 9000.",
        cause=f"host:{host}",
        objects=[f"vmk:{host}/{vmk}"],
    )


def test_findings_of_one_cause_become_one_listing_every_object() -> None:
    (grouped,) = group_by_cause([_r11("vmk1"), _r11("vmk2")])
    assert grouped.message == GROUP
    assert grouped.objects == ["vmk:esx01/vmk1", "vmk:esx01/vmk2"]
    assert grouped.details == [
        "esx01 vmk1 has MTU 1500 on vSwitch vSwitch-vMotion at MTU 9000.",
        "esx01 vmk2 has MTU 1500 on vSwitch vSwitch-vMotion at MTU 9000.",
    ]
    assert grouped.cause == "host:esx01" and grouped.severity is Severity.WARNING


def test_a_group_of_one_reads_as_its_own_line() -> None:
    (alone,) = group_by_cause([_r11("vmk3")])
    assert alone.message == "esx01 vmk3 has MTU 1500 on vSwitch vSwitch-vMotion at MTU 9000."
    assert alone.details == []


def test_other_causes_severities_and_plain_findings_stay_apart() -> None:
    plain = finding("R17", "Up to 8 concurrent vMotions per host.", objects=["design"])
    error = finding(
        "R11",
        GROUP,
        detail="Cable C01: esx01 vmk1 has MTU 1500 but esx02 vmk1 has MTU 9000.",
        cause="host:esx01",
        severity=Severity.ERROR,
        objects=["cable:C01"],
    )
    grouped = group_by_cause([_r11("vmk1"), plain, _r11("vmk1", "esx02"), error, _r11("vmk2")])
    assert [(f.rule, f.severity.value, f.cause, len(f.objects)) for f in grouped] == [
        ("R11", "warning", "host:esx01", 2),
        ("R17", "info", "", 1),
        ("R11", "warning", "host:esx02", 1),
        ("R11", "error", "host:esx01", 1),
    ]


@given(st.lists(st.tuples(st.sampled_from(["esx01", "esx02", "esx03"]), st.integers(1, 8))))
def test_grouping_keeps_every_object_and_line(members: list[tuple[str, int]]) -> None:
    items = [_r11(f"vmk{n}", host) for host, n in members]
    grouped = group_by_cause(items)
    assert len(grouped) == len({host for host, _ in members})
    assert sorted(o for f in grouped for o in f.objects) == sorted(
        {f"vmk:{host}/vmk{n}" for host, n in members}
    )
    lines = sum(max(len(f.details), 1) for f in grouped)
    assert lines == len(items)
