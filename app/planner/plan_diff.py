"""What changes in the plan between two designs: the one plan diff (history page, its JSON twin).

A document diff shows the lines a person typed ("name: esx01" → "name: esx01-new"); what the
technician and the admin need is what that does to the plan: which addresses, labels, cables,
vmks, failover orders and switch ports change, and which findings appear or go away. Objects are
matched by their names (cable ID, host and vmk, switch and interface), so a renamed host shows as
its old objects removed and its new ones added, and a moved pool as every address changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, TypeVar

from app.planner.naming import role_label
from app.planner.result import Cable, HostPlan, Plan, PortGroup, SwitchPort, Vmk

ChangeKind = Literal["added", "removed", "changed"]
T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """One object that is new, gone, or different: ``before``/``after`` are readable summaries."""

    kind: ChangeKind
    subject: str
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    changes: list[Change]


@dataclass(frozen=True)
class PlanDiff:
    sections: list[Section]

    @property
    def total(self) -> int:
        return sum(len(s.changes) for s in self.sections)


def _compare(old: dict[str, str], new: dict[str, str]) -> list[Change]:
    """Changes between two ``subject → summary`` maps, in subject order."""
    changes: list[Change] = []
    for subject in sorted(old.keys() | new.keys(), key=_natural):
        before, after = old.get(subject), new.get(subject)
        if before == after:
            continue
        if before is None:
            changes.append(Change("added", subject, after=after or ""))
        elif after is None:
            changes.append(Change("removed", subject, before=before))
        else:
            changes.append(Change("changed", subject, before, after))
    return changes


def _natural(text: str) -> list[object]:
    """Sort key that puts esx2 before esx10 and Ethernet1/2 before Ethernet1/10."""
    parts: list[object] = []
    number = ""
    word = ""
    for char in text:
        if char.isdigit():
            if word:
                parts.append(word)
                word = ""
            number += char
        else:
            if number:
                parts.append(int(number))
                number = ""
            word += char
    if number:
        parts.append(int(number))
    if word:
        parts.append(word)
    return [(0, p) if isinstance(p, int) else (1, p) for p in parts]


def _per_host(
    plan: Plan,
    items: Callable[[HostPlan], Iterable[T]],
    name: Callable[[T], str],
    text: Callable[[T], str],
) -> dict[str, str]:
    return {f"{h.name} {name(i)}": text(i) for h in plan.hosts for i in items(h)}


def _cable_text(cable: Cable) -> str:
    ends = f"{cable.a.device} {cable.a.port} ↔ {cable.b.device} {cable.b.port}"
    subnet = f", {cable.subnet}" if cable.subnet is not None else ""
    existing = ", existing" if cable.existing else ""
    return f"{role_label(cable.role)}: {ends}{subnet}{existing}; label “{cable.label}”"


def _vmk_text(vmk: Vmk) -> str:
    services = ", ".join(vmk.services) or "no services"
    return (
        f"{vmk.portgroup} on {vmk.vswitch}, MTU {vmk.mtu}, {vmk.netstack.value} stack, {services}"
    )


def _portgroup_text(pg: PortGroup) -> str:
    def names(values: list[str]) -> str:
        return ", ".join(values) or "–"

    return (
        f"VLAN {pg.vlan} on {pg.vswitch}; active {names(pg.active)}; standby {names(pg.standby)}; "
        f"unused {names(pg.unused)}; {pg.load_balancing.value}"
    )


def _switch_port_text(port: SwitchPort) -> str:
    far = f"{port.host} {port.vmnic}" if port.host else f"{port.peer_switch} {port.peer_interface}"
    vlans = ",".join(str(v) for v in port.vlans) or str(port.vlan)
    channel = f", port-channel {port.channel_group}" if port.channel_group else ""
    return f"{far}: {port.mode} VLAN {vlans}, MTU {port.mtu}{channel}"


def diff_plans(old: Plan, new: Plan) -> PlanDiff:
    """Everything that differs between the plans ``old`` and ``new``, section by section."""

    def cables(plan: Plan) -> dict[str, str]:
        return {c.id: _cable_text(c) for c in plan.cables}

    def addresses(plan: Plan) -> dict[str, str]:
        return _per_host(plan, lambda h: h.vmks, lambda v: v.name, lambda v: str(v.address))

    def vmks(plan: Plan) -> dict[str, str]:
        return _per_host(plan, lambda h: h.vmks, lambda v: v.name, _vmk_text)

    def portgroups(plan: Plan) -> dict[str, str]:
        return _per_host(plan, lambda h: h.portgroups, lambda p: p.name, _portgroup_text)

    def vswitches(plan: Plan) -> dict[str, str]:
        return _per_host(
            plan,
            lambda h: h.vswitches,
            lambda s: s.name,
            lambda s: f"MTU {s.mtu}, uplinks {', '.join(s.uplinks) or '–'}",
        )

    def switch_ports(plan: Plan) -> dict[str, str]:
        return {
            f"{s.name} {p.interface}": _switch_port_text(p) for s in plan.switches for p in s.ports
        }

    def findings(plan: Plan) -> dict[str, str]:
        return {f"{f.rule} {f.message}": f.severity.value for f in plan.findings}

    sections = [
        Section(title, _compare(extract(old), extract(new)))
        for title, extract in (
            ("Cables", cables),
            ("Addresses", addresses),
            ("VMkernel ports", vmks),
            ("Port groups and failover order", portgroups),
            ("vSwitches", vswitches),
            ("Switch ports", switch_ports),
            ("Findings", findings),
        )
    ]
    return PlanDiff([s for s in sections if s.changes])
