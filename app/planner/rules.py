"""Rule checks: turn a design and its computed plan into findings (R1-R46, see docs/rules.md).

``plan()`` computes the plan with ``findings=[]``, calls :func:`check`, and merges the result
with its own structural findings (P1-P13; P7 is checked here, on the planned vmks). The checks
read the computed plan (port groups, vmks, cables, switch ports) rather than re-deriving it from
the design, so they judge exactly what the outputs will configure. Rule metadata (severity,
sources, remedy) lives in :mod:`app.planner.catalog`; docs/rules.md is generated from it.

R28 needs a host's existing state and R40 concerns Hyper-V plans: neither can be checked from a
design document (see the catalog).
"""

from __future__ import annotations

from app.planner import (
    rules_gateway,
    rules_interconnect,
    rules_limits,
    rules_mtu,
    rules_redundancy,
    rules_teaming,
    rules_vmotion,
)
from app.planner.design import Design
from app.planner.grouping import group_by_cause
from app.planner.result import Finding, Plan, Severity
from app.planner.rules_common import Check

CHECKS: tuple[Check, ...] = (
    *rules_vmotion.CHECKS,
    *rules_mtu.CHECKS,
    *rules_teaming.CHECKS,
    *rules_limits.CHECKS,
    *rules_gateway.CHECKS,
    *rules_interconnect.CHECKS,
    *rules_redundancy.CHECKS,
)

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def rule_key(rule: str) -> tuple[str, int]:
    """('R', 5) for 'R5': rule IDs sort by letter, then numerically (R5 before R10)."""
    number = rule[1:]
    return rule[:1], int(number) if number.isdigit() else 0


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then infos; within each by rule number, then objects."""
    return sorted(
        findings,
        key=lambda f: (_SEVERITY_ORDER[f.severity], rule_key(f.rule), f.objects, f.message),
    )


def check(design: Design, plan: Plan) -> list[Finding]:
    """Every rule of R1-R46 that a design document allows checking, sorted deterministically.

    Args:
        design: the design document the plan was computed from.
        plan: the computed plan (its own ``findings`` are ignored).

    Returns:
        The findings, errors first, one per cause (:mod:`app.planner.grouping`); an empty list
        means no rule is broken.
    """
    found = [f for rule_check in CHECKS for f in rule_check(design, plan)]
    return sort_findings(group_by_cause(found))
