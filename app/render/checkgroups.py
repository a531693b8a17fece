"""The test plan's checks grouped for people: by source host, then host pair and path.

A 64-host plan has hundreds of vmkping checks; grouped this way each host's page section holds
its own checks, a few host pairs, and the standby checks that need one uplink taken down first.
The design page, the checklist (HTML/Markdown) and ``vmkping-checks.sh`` all read these groups,
so a check has the same number (T001…) everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.planner.result import VmkPing


@dataclass(frozen=True)
class NumberedCheck:
    number: str  # "T001": the same in every artefact of one plan
    check: VmkPing


@dataclass(frozen=True)
class CheckGroup:
    """Checks of one host pair on one path (standby checks: with one uplink down)."""

    key: str  # stable HTML id fragment, e.g. "esx01-esx02-standby-vmnic1"
    title: str
    path: str
    failed_uplink: str
    checks: list[NumberedCheck]

    @property
    def down_command(self) -> str:
        return f"esxcli network nic down -n {self.failed_uplink}" if self.failed_uplink else ""

    @property
    def up_command(self) -> str:
        return f"esxcli network nic up -n {self.failed_uplink}" if self.failed_uplink else ""


@dataclass(frozen=True)
class HostChecks:
    """Every check that starts on one host."""

    host: str
    groups: list[CheckGroup]

    @property
    def count(self) -> int:
        return sum(len(group.checks) for group in self.groups)


def number_checks(tests: list[VmkPing]) -> list[NumberedCheck]:
    width = max(2, len(str(len(tests))))
    return [NumberedCheck(f"T{index:0{width}d}", t) for index, t in enumerate(tests, start=1)]


def group_title(check: VmkPing) -> str:
    if check.path == "standby":
        return f"{check.group}, standby path ({check.failed_uplink} down)"
    return check.group


def by_source_host(tests: list[VmkPing]) -> list[HostChecks]:
    """Hosts in the plan's order; in each, groups in order of first appearance."""
    hosts: dict[str, dict[tuple[str, str, str], list[NumberedCheck]]] = {}
    for numbered in number_checks(tests):
        t = numbered.check
        groups = hosts.setdefault(t.source_host, {})
        groups.setdefault((t.group, t.path, t.failed_uplink), []).append(numbered)
    return [
        HostChecks(host, [_group(checks) for checks in groups.values()])
        for host, groups in hosts.items()
    ]


def _group(checks: list[NumberedCheck]) -> CheckGroup:
    first = checks[0].check
    parts = [first.source_host, first.target_host, first.path, first.failed_uplink]
    key = "-".join(part for part in parts if part)
    return CheckGroup(key, group_title(first), first.path, first.failed_uplink, checks)
