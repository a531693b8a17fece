"""Which cables and vmks a finding concerns, and how the diagrams mark them (issue 9 §5).

A finding names its objects (``cable:C01``, ``vmk:esx01/vmk1``); a vmk's finding also concerns
the cable its vMotion vmnic is on. Errors and warnings are marked (notes are not: they seldom
point at one object). The mark is a wide translucent halo under the cable or beside the vmk, a
"!" with the rule IDs at least 9 px high, the class ``finding-mark`` for the page's CSS, and one
legend entry, so the mark reads in greyscale and on paper.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from app.planner.result import Finding, Plan, Severity
from app.render.diagrams.legend import LegendItem

MARK_COLOUR = "#D55E00"  # Okabe-Ito vermilion: apart from the lane colours, also for red-green
MARK_TEXT = "#9A3F00"  # darker vermilion: 4.5:1 on white for the rule IDs
MARK_WIDTH = 9.0
MARK_FONT = 9.5
LEGEND_TEXT = "Concerned by a finding (rule IDs beside the mark)"
MARKED = (Severity.ERROR, Severity.WARNING)


def marked_cables(plan: Plan) -> dict[str, list[str]]:
    """Cable ID → the rule IDs of the errors and warnings that concern it."""
    cable_of_vmk = {
        (host.name, row.vmk): row.cable for host in plan.hosts for row in host.nics if row.vmk
    }
    rules: dict[str, set[str]] = defaultdict(set)
    for item in _marked(plan.findings):
        for obj in item.objects:
            kind, _, name = obj.partition(":")
            if kind == "cable":
                rules[name].add(item.rule)
            elif kind == "vmk":
                host, _, vmk = name.partition("/")
                cable = cable_of_vmk.get((host, vmk))
                if cable:
                    rules[cable].add(item.rule)
    return {cable: _sorted(found) for cable, found in rules.items()}


def marked_vmks(plan: Plan, host: str) -> dict[str, list[str]]:
    """vmk name on ``host`` → the rule IDs of the errors and warnings that concern it."""
    rules: dict[str, set[str]] = defaultdict(set)
    for item in _marked(plan.findings):
        for obj in item.objects:
            owner, _, vmk = obj.removeprefix("vmk:").partition("/")
            if obj.startswith("vmk:") and owner == host:
                rules[vmk].add(item.rule)
    return {vmk: _sorted(found) for vmk, found in rules.items()}


def legend_item() -> LegendItem:
    return LegendItem(LEGEND_TEXT, "line", MARK_COLOUR, width=MARK_WIDTH)


def mark_text(rules: list[str]) -> str:
    return "! " + " ".join(rules)


def _marked(findings: Iterable[Finding]) -> Iterable[Finding]:
    return (f for f in findings if f.severity in MARKED)


def _sorted(rules: set[str]) -> list[str]:
    return sorted(rules, key=lambda r: (r[:1], int(r[1:]) if r[1:].isdigit() else 0))
