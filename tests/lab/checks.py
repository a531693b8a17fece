"""Running a plan's own test plan in a Lab, the way an admin runs it on ESXi."""

from __future__ import annotations

from app.planner.result import Plan, VmkPing
from tests.lab.netns import Lab


def run_test_plan(lab: Lab, plan: Plan) -> dict[int, bool]:
    """Outcome of every check of ``plan.tests`` by index.

    Active-path checks run as the lab stands; each standby-path group runs with its failed
    uplink down (the vmks fail over, as ESXi does) and the uplink is brought back afterwards.
    """
    outcome: dict[int, bool] = {}
    active = [i for i, check in enumerate(plan.tests) if check.path == "active"]
    outcome |= dict(zip(active, lab.run([plan.tests[i] for i in active]), strict=True))
    groups: dict[tuple[str, str], list[int]] = {}
    for i, check in enumerate(plan.tests):
        if check.path == "standby":
            groups.setdefault((check.source_host, check.failed_uplink), []).append(i)
    for round_ in _rounds(plan, groups):
        for host, uplink in round_:
            lab.fail_uplink(host, uplink)
        try:
            members = [i for key in round_ for i in groups[key]]
            outcome |= dict(zip(members, lab.run([plan.tests[i] for i in members]), strict=True))
        finally:
            for host, uplink in round_:
                lab.restore_uplink(host, uplink)
    return outcome


def _rounds(plan: Plan, groups: dict[tuple[str, str], list[int]]) -> list[list[tuple[str, str]]]:
    """Standby groups that can fail over at the same time: no host in two groups of a round.

    A failed uplink changes only paths that start or end on its host, so groups with disjoint
    hosts do not see each other's failures; running them together saves a second per round.
    """
    rounds: list[tuple[set[str], list[tuple[str, str]]]] = []
    for key, members in groups.items():
        hosts = {key[0]} | {plan.tests[i].target_host for i in members}
        for used, keys in rounds:
            if not used & hosts:
                used |= hosts
                keys.append(key)
                break
        else:
            rounds.append((hosts, [key]))
    return [keys for _, keys in rounds]


def failed(plan: Plan, outcome: dict[int, bool]) -> list[VmkPing]:
    return [plan.tests[i] for i, passed in sorted(outcome.items()) if not passed]


def describe(checks: list[VmkPing]) -> list[str]:
    """Short, readable names of checks for assertion messages."""
    return [
        f"{c.source_host} {c.source_vmk} → {c.target_host} {c.target_vmk} ({c.path}, "
        f"via {'/'.join(c.via_switches) or 'cable'})"
        for c in checks
    ]
