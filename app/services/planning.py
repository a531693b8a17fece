"""Planning for the web and the API: one cached entry point over the pure planner."""

from __future__ import annotations

from functools import lru_cache

from app.planner.design import Design
from app.planner.plan import plan
from app.planner.result import Plan
from app.store.designs import DesignCounts


@lru_cache(maxsize=256)
def _plan_json(document_json: str) -> Plan:
    return plan(Design.model_validate_json(document_json))


def plan_for(design: Design) -> Plan:
    """The plan of ``design``; identical documents share one cached (frozen) Plan."""
    return _plan_json(design.model_dump_json())


def counts_for(design: Design, plan: Plan | None = None) -> DesignCounts:
    """The list-page counts of a design (hosts, vMotion lanes, errors, warnings)."""
    result = plan if plan is not None else plan_for(design)
    return DesignCounts(
        hosts=len(design.hosts),
        lanes=result.summary.lanes,
        errors=result.summary.errors,
        warnings=result.summary.warnings,
    )
