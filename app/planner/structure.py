"""Structural checks of the document that no other planning step sees (P2, P4, P8, P10).

P7 (the vMotion gateway its vmks cannot reach) needs the planned vmks: see rules_gateway.
"""

from __future__ import annotations

from app.planner.catalog import finding
from app.planner.design import Design, Role
from app.planner.inventory import HostInventory
from app.planner.result import Finding


def structure_findings(design: Design, hosts: list[HostInventory]) -> list[Finding]:
    findings = []
    if len(hosts) == 1:
        findings.append(
            finding(
                "P10",
                f"The design has one host ({hosts[0].name}); vMotion needs at least two, so "
                "nothing is cabled or tested yet.",
                objects=[f"host:{hosts[0].name}"],
            )
        )
    findings += vmotion_vmnic_findings(hosts)
    for inv in hosts:
        if not inv.with_role(Role.MANAGEMENT):
            findings.append(
                finding(
                    "P8",
                    f"Host {inv.name} has no management vmnic, so vmk0 has no uplink in this plan.",
                    objects=[f"host:{inv.name}"],
                )
            )
    return findings


def vmotion_vmnic_findings(hosts: list[HostInventory]) -> list[Finding]:
    """P2 (hosts differ in vMotion vmnics; names host and vmnic) and P4 (a host has none)."""
    found = []
    counts = {inv.name: len(inv.with_role(Role.VMOTION)) for inv in hosts}
    if len(set(counts.values())) > 1:
        most = max(counts.values())
        fullest = next(inv for inv in hosts if counts[inv.name] == most)
        short = [inv for inv in hosts if counts[inv.name] < most]
        detail = ", ".join(f"{name} has {count}" for name, count in counts.items())
        missing = "; ".join(_missing_vmnics(inv, fullest) for inv in short)
        found.append(
            finding(
                "P2",
                f"Hosts have different numbers of vMotion vmnics ({detail}). {missing}. Only "
                "the lanes every host has are cabled.",
                objects=[
                    *(f"host:{inv.name}" for inv in short),
                    *(f"vmnic:{inv.name}/{n}" for inv in short for n in _absent(inv, fullest)),
                ],
            )
        )
    found += [
        finding(
            "P4",
            f"Host {inv.name} has no vmnic with the vMotion role.",
            objects=[f"host:{inv.name}"],
        )
        for inv in hosts
        if not inv.with_role(Role.VMOTION)
    ]
    return found


def _absent(inv: HostInventory, fullest: HostInventory) -> list[str]:
    """vMotion vmnics of ``fullest`` that are not vMotion vmnics of ``inv``."""
    own = {nic.vmnic for nic in inv.with_role(Role.VMOTION)}
    return [nic.vmnic for nic in fullest.with_role(Role.VMOTION) if nic.vmnic not in own]


def _missing_vmnics(inv: HostInventory, fullest: HostInventory) -> str:
    """'esx02 lacks vmnic6, a vMotion vmnic on esx01', or both hosts' lists when names differ."""
    absent = _absent(inv, fullest)
    gap = len(fullest.with_role(Role.VMOTION)) - len(inv.with_role(Role.VMOTION))
    if len(absent) == gap:
        what = "a vMotion vmnic" if gap == 1 else "vMotion vmnics"
        return f"{inv.name} lacks {', '.join(absent)}, {what} on {fullest.name}"
    own = ", ".join(nic.vmnic for nic in inv.with_role(Role.VMOTION)) or "none"
    theirs = ", ".join(nic.vmnic for nic in fullest.with_role(Role.VMOTION))
    return f"{inv.name} has vMotion on {own}; {fullest.name} on {theirs}"
