"""Planning for the web and the API: one entry point over the pure planner, with a small cache.

Why the cache is small and keyed by a digest: a 96-host plan is several megabytes of objects, and a
cache of 256 of them (the old size) held up to ~2 GB, which made every full garbage-collection pass
take seconds (the latency tail of every page). Stored designs are viewed again and again, so their
plans are worth keeping; a live preview or ``POST /api/plan`` is a one-shot document and is planned
without touching the cache (``cached=False``). The key is the SHA-256 of the document's canonical
JSON, so the cache is correct in every worker without any coordination: a saved change is a new
document and therefore a new key.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from app.planner.design import Design
from app.planner.plan import plan
from app.planner.result import Plan
from app.store.designs import DesignCounts

# Plans kept per worker process. Sixteen covers the designs a team has open at once; measured by
# `make bench` (issue 11): RSS stays bounded and no full GC pass walks gigabytes of plans.
PLAN_CACHE_SIZE = 16


class PlanCache:
    """A thread-safe LRU of plans keyed by the digest of their document."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._plans: OrderedDict[str, Plan] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Plan | None:
        with self._lock:
            found = self._plans.get(key)
            if found is not None:
                self._plans.move_to_end(key)
            return found

    def put(self, key: str, value: Plan) -> None:
        with self._lock:
            self._plans[key] = value
            self._plans.move_to_end(key)
            while len(self._plans) > self._size:
                self._plans.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._plans.clear()

    def __len__(self) -> int:
        return len(self._plans)


_cache = PlanCache(PLAN_CACHE_SIZE)


def document_key(design: Design) -> str:
    """The SHA-256 of ``design``'s canonical JSON: equal documents, equal keys, in any worker."""
    return hashlib.sha256(design.model_dump_json().encode("utf-8")).hexdigest()


def plan_for(design: Design, *, cached: bool = True) -> Plan:
    """The plan of ``design``.

    Args:
        design: a validated document.
        cached: keep the plan for the next request (stored designs). Pass ``False`` for one-shot
            documents (editor preview, ``POST /api/plan``) so they never evict stored designs.
    """
    if not cached:
        return plan(design)
    key = document_key(design)
    found = _cache.get(key)
    if found is None:
        found = plan(design)
        _cache.put(key, found)
    return found


def clear_plan_cache() -> None:
    """Forget every cached plan (tests, benchmarks)."""
    _cache.clear()


def counts_for(design: Design, plan: Plan | None = None) -> DesignCounts:
    """The list-page counts of a design (hosts, vMotion lanes, errors, warnings)."""
    result = plan if plan is not None else plan_for(design)
    return DesignCounts(
        hosts=len(design.hosts),
        lanes=result.summary.lanes,
        errors=result.summary.errors,
        warnings=result.summary.warnings,
    )
