"""Structural checks of the document that no other planning step sees (P7, P8, P10)."""

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
    gateway = design.vmotion.gateway
    if gateway is not None and gateway not in design.vmotion.pool:
        findings.append(
            finding(
                "P7",
                f"The vMotion gateway {gateway} is outside the vMotion pool "
                f"{design.vmotion.pool}; no vMotion vmk can reach it.",
                objects=["design"],
            )
        )
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
