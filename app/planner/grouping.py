"""Findings that share a cause become one finding listing every object it affects (issue 9 §5).

One wrong MTU on one host used to give a card per vmk and per cable (nine on E1). A check that
knows the root of a problem passes ``cause`` (the root object) and ``detail`` (the line of one
object) to :func:`app.planner.catalog.finding`, with a ``message`` that speaks for the whole
group. Grouping lives here, in the planner, so the JSON plan, the pages, the checklist and the
CLI all count the same findings.
"""

from __future__ import annotations

from dataclasses import replace

from app.planner.result import Finding


def group_by_cause(findings: list[Finding]) -> list[Finding]:
    """Merge the findings of one rule, severity, cause and message; keep the rest as they are.

    A group of one reads as before: its ``detail`` becomes the message. A larger group keeps the
    shared message, every object once (first-seen order) and one detail line per member.
    """
    groups: dict[tuple[str, str, str, str], list[Finding]] = {}
    order: list[Finding | tuple[str, str, str, str]] = []
    for item in findings:
        if not item.cause or not item.details:
            order.append(item)
            continue
        key = (item.rule, item.severity.value, item.cause, item.message)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(item)
    return [entry if isinstance(entry, Finding) else _merge(groups[entry]) for entry in order]


def _merge(members: list[Finding]) -> Finding:
    first = members[0]
    if len(members) == 1:
        return replace(first, message=first.details[0], details=[])
    objects = list(dict.fromkeys(obj for member in members for obj in member.objects))
    details = [line for member in members for line in member.details]
    return replace(first, objects=objects, details=details)
