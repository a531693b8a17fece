"""Shared helpers for the rule checks: object names, lookups into a Plan, readable lists."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from app.planner.design import Design, Role
from app.planner.result import Finding, HostPlan, Plan, PortGroup, Vmk

Check = Callable[[Design, Plan], list[Finding]]

# Messages name at most this many objects; the finding's `objects` list always has all of them.
_LIST_LIMIT = 6


def host_obj(host: str) -> str:
    return f"host:{host}"


def vmk_obj(host: str, vmk: str) -> str:
    return f"vmk:{host}/{vmk}"


def pg_obj(host: str, portgroup: str) -> str:
    return f"portgroup:{host}/{portgroup}"


def cable_obj(cable: str) -> str:
    return f"cable:{cable}"


def switch_obj(switch: str) -> str:
    return f"switch:{switch}"


def listing(items: Iterable[str]) -> str:
    """'a, b and c', shortened to 'a, b, … and 5 more' so a 96-host finding stays readable."""
    values = list(items)
    if len(values) > _LIST_LIMIT:
        shown = values[: _LIST_LIMIT - 1]
        return f"{', '.join(shown)} and {len(values) - len(shown)} more"
    if len(values) <= 1:
        return "".join(values)
    return f"{', '.join(values[:-1])} and {values[-1]}"


def vmotion_vmks(host: HostPlan) -> list[Vmk]:
    """The host's vMotion lane vmks (a service vmk on the vMotion vmnics has no lane)."""
    return [vmk for vmk in host.vmks if vmk.role is Role.VMOTION and vmk.lane is not None]


def vmotion_enabled(vmk: Vmk) -> bool:
    """vMotion uses this vmk: a lane, a vmotion-stack vmk, or one tagged VMotion."""
    return vmk.purpose == "vmotion" or any(s.lower() == "vmotion" for s in vmk.services)


def vmotion_portgroups(host: HostPlan) -> list[PortGroup]:
    return [pg for pg in host.portgroups if pg.role is Role.VMOTION]


def vmk_of_vmnic(host: HostPlan) -> dict[str, str]:
    """vmnic → the vMotion vmk planned on it (from the wiring table)."""
    return {row.vmnic: row.vmk for row in host.nics if row.vmk}


def vmk_by_name(host: HostPlan) -> dict[str, Vmk]:
    return {vmk.name: vmk for vmk in host.vmks}


def vmk_cable(host: HostPlan) -> dict[str, str]:
    """vMotion vmk → the cable its vmnic is on (back-to-back lanes)."""
    return {row.vmk: row.cable for row in host.nics if row.vmk and row.cable}


def switch_of_port(plan: Plan) -> dict[tuple[str, str], str]:
    """(host, vmnic) → the switch its cable lands on."""
    return {
        (port.host, port.vmnic): sw.name
        for sw in plan.switches
        for port in sw.ports
        if port.kind == "host"
    }


def vmotion_speeds(host: HostPlan) -> list[int]:
    """Link speeds (Gbit/s) of the host's vMotion vmnics that carry a planned vmk."""
    return [row.speed_gbps for row in host.nics if row.role is Role.VMOTION and row.vmk]


def concurrency_limit(plan: Plan) -> int:
    """Concurrent vMotions per host (R17): 4 when any vMotion NIC is 1GbE, else 8."""
    if plan.estimate is not None:
        return plan.estimate.concurrency_limit
    speeds = [speed for host in plan.hosts for speed in vmotion_speeds(host)]
    return 4 if speeds and min(speeds) < 10 else 8


def landed_switches(landing: dict[tuple[str, str], str], host: str, vmnics: list[str]) -> list[str]:
    """Names of the switches the given vmnics of ``host`` are cabled to, sorted."""
    return sorted({landing[(host, vmnic)] for vmnic in vmnics if (host, vmnic) in landing})
