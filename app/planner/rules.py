"""Rule checks (R1-R40). TEMPORARY: committed by the lead only so that plan() imports while the
RULES engineer writes the real module; that engineer replaces this whole file."""

from __future__ import annotations

from app.planner.design import Design
from app.planner.result import Finding, Plan


def check(design: Design, plan: Plan) -> list[Finding]:
    return []
