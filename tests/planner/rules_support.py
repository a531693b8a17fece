"""Helpers for the rule tests: designs changed one field at a time, plans edited in place."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.planner.design import Design
from app.planner.plan import plan
from app.planner.result import Finding, Plan, Severity
from tests.examples import example_dict


def design(stem: str, changes: dict[str, Any] | None = None) -> Design:
    """examples/<stem>*.yaml with dotted-path changes, e.g. {'vmotion.mtu': 1500}.

    A path segment that is a number indexes a list: 'hosts.1.vmotion_mtu'.
    """
    data = example_dict(stem)
    for path, value in (changes or {}).items():
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    return Design.model_validate(data)


def findings(stem: str, changes: dict[str, Any] | None = None) -> list[Finding]:
    """The findings of the real plan of a changed example."""
    return plan(design(stem, changes)).findings


def of_rule(found: list[Finding], rule: str) -> list[Finding]:
    return [f for f in found if f.rule == rule]


def rule_ids(found: list[Finding], severity: Severity | None = None) -> set[str]:
    return {f.rule for f in found if severity is None or f.severity is severity}


def edit_host(p: Plan, host: str, **changes: Any) -> Plan:
    """``p`` with one host's plan fields replaced (vmks=…, portgroups=…, vswitches=…)."""
    hosts = [replace(h, **changes) if h.name == host else h for h in p.hosts]
    return replace(p, hosts=hosts)


def edit_portgroup(p: Plan, host: str, portgroup: str, **changes: Any) -> Plan:
    pgs = [replace(pg, **changes) if pg.name == portgroup else pg for pg in p.host(host).portgroups]
    return edit_host(p, host, portgroups=pgs)


def edit_vmk(p: Plan, host: str, vmk: str, **changes: Any) -> Plan:
    vmks = [replace(v, **changes) if v.name == vmk else v for v in p.host(host).vmks]
    return edit_host(p, host, vmks=vmks)
