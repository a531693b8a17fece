"""The drawings a topology splits into, so that a cluster of any size reads (issue 9 §2).

One drawing per switch (its hosts, the ports they use and its inter-switch links) and one per
pair of hosts cabled back-to-back. Each drawing is the plan narrowed to its cables, so the same
layouts that draw the whole plan draw a unit of it; the overview drawing
(:mod:`topology_overview`) groups the units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from app.planner.result import Cable, EndKind, Plan

ALL = "all"
OVERVIEW = "overview"


@dataclass(frozen=True)
class Unit:
    """One drawing: ``key`` goes into the URL (``?drawing=``), ``title`` into pickers."""

    key: str
    title: str
    kind: str  # "switch", "pair" or "all"
    hosts: tuple[str, ...]
    cables: tuple[str, ...]


def is_direct(cable: Cable) -> bool:
    return cable.a.kind is EndKind.HOST and cable.b.kind is EndKind.HOST


def is_inter_switch(cable: Cable) -> bool:
    return cable.a.kind is EndKind.SWITCH and cable.b.kind is EndKind.SWITCH


def units(plan: Plan) -> list[Unit]:
    """The switch drawings in switch order, then the host pairs in host order."""
    found = [_switch_unit(plan, switch.name) for switch in plan.switches]
    return [u for u in found if u.cables] + _pair_units(plan)


def unit_key(text: str) -> str:
    """A URL-safe key: names are already restricted to letters, digits, '.', '_' and '-'."""
    return re.sub(r"[^A-Za-z0-9._-]", "-", text)


def _switch_unit(plan: Plan, switch: str) -> Unit:
    cables = [c for c in plan.cables if switch in _switch_ends(c) and not is_direct(c)]
    hosts = _hosts_in(plan, cables)
    return Unit(
        f"switch-{unit_key(switch)}",
        f"Switch {switch}",
        "switch",
        hosts,
        tuple(c.id for c in cables),
    )


def _switch_ends(cable: Cable) -> set[str]:
    return {e.device for e in (cable.a, cable.b) if e.kind is EndKind.SWITCH}


def _pair_units(plan: Plan) -> list[Unit]:
    order = {h.name: i for i, h in enumerate(plan.hosts)}
    pairs: dict[tuple[str, str], list[str]] = {}
    for cable in plan.cables:
        if is_direct(cable):
            first, second = sorted((cable.a.device, cable.b.device), key=lambda n: order.get(n, 0))
            pairs.setdefault((first, second), []).append(cable.id)
    return [
        Unit(f"pair-{unit_key(a)}-{unit_key(b)}", f"{a} ⇄ {b}", "pair", (a, b), tuple(ids))
        for (a, b), ids in sorted(pairs.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]]))
    ]


def _hosts_in(plan: Plan, cables: list[Cable]) -> tuple[str, ...]:
    names = {e.device for c in cables for e in (c.a, c.b) if e.kind is EndKind.HOST}
    return tuple(h.name for h in plan.hosts if h.name in names)


def narrowed(plan: Plan, unit: Unit) -> Plan:
    """``plan`` with only the unit's hosts, cables and switches: the input of one drawing."""
    ids = set(unit.cables)
    cables = [c for c in plan.cables if c.id in ids]
    switches = {e.device for c in cables for e in (c.a, c.b) if e.kind is EndKind.SWITCH}
    return replace(
        plan,
        cables=cables,
        hosts=[h for h in plan.hosts if h.name in unit.hosts],
        switches=[s for s in plan.switches if s.name in switches],
        etherchannels=[
            e for e in plan.etherchannels if e.host in unit.hosts and unit.kind == "switch"
        ],
    )


def find_unit(plan: Plan, key: str) -> Unit | None:
    """The unit called ``key``, the whole plan for ``all``, or None when there is none."""
    if key == ALL:
        return Unit(
            ALL,
            "Every cable in one drawing",
            "all",
            tuple(h.name for h in plan.hosts),
            tuple(c.id for c in plan.cables),
        )
    return next((u for u in units(plan) if u.key == key), None)
