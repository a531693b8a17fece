"""vMotion gateway rules: a gateway its vmks cannot reach (P7) and one that is ignored (R41).

A TCP/IP stack has one routing table and one default gateway (docs/domain.md section 2). On the
vmotion stack every vMotion vmk is written with the vMotion gateway, so the gateway must lie in
the subnet of each of them: with per-lane subnets or per-cable /30s it usually does not, and the
scripts would configure a next hop that no vmk can reach. On the default stack the gateway is
the management one (vmk0's), so a vMotion gateway given there is silently dropped.
"""

from __future__ import annotations

from collections import defaultdict
from ipaddress import IPv4Address, IPv4Interface

from app.planner.catalog import finding
from app.planner.design import Design, Netstack
from app.planner.result import Finding, Plan
from app.planner.rules_common import Check, listing, vmk_obj, vmotion_vmks


def _unreachable(gateway: IPv4Address, address: IPv4Interface) -> bool:
    """True when ``gateway`` is not a usable host address of ``address``'s subnet."""
    network = address.network
    if gateway not in network:
        return True
    # /31 has no network or broadcast address (RFC 3021); shorter prefixes do.
    edges = (network.network_address, network.broadcast_address)
    return network.prefixlen < 31 and gateway in edges


def check_gateway_reach(design: Design, plan: Plan) -> list[Finding]:
    """P7: a vmk is given a gateway outside its own subnet; one finding per host, naming each."""
    by_host: dict[str, list[tuple[str, IPv4Address, IPv4Interface]]] = defaultdict(list)
    for host in plan.hosts:
        for vmk in vmotion_vmks(host):
            if vmk.gateway is not None and _unreachable(vmk.gateway, vmk.address):
                by_host[host.name].append((vmk.name, vmk.gateway, vmk.address))
    found = []
    for host_name, vmks in sorted(by_host.items()):
        gateways = sorted({str(gw) for _, gw, _ in vmks})
        named = listing(f"{name} ({address.network})" for name, _, address in vmks)
        outside_pool = any(gw not in design.vmotion.pool for _, gw, _ in vmks)
        pool_note = f", and outside the vMotion pool {design.vmotion.pool}" if outside_pool else ""
        found.append(
            finding(
                "P7",
                f"{host_name}: the vMotion gateway {listing(gateways)} is not a usable address "
                f"in the subnet of {named}{pool_note}. The scripts would give them a next hop "
                "they cannot reach, so routed vMotion fails.",
                objects=[vmk_obj(host_name, name) for name, _, _ in vmks],
            )
        )
    return found


def check_gateway_ignored(design: Design, plan: Plan) -> list[Finding]:
    """R41: a vMotion gateway while vMotion is on the default stack is dropped, never applied."""
    gateway = design.vmotion.gateway
    if gateway is None or design.vmotion.netstack is not Netstack.DEFAULT:
        return []
    return [
        finding(
            "R41",
            f"The vMotion gateway {gateway} is ignored: vMotion is on the default TCP/IP stack, "
            "which has one routing table and one default gateway, the management gateway of "
            "vmk0. No output sets the vMotion gateway.",
            objects=["design"],
        )
    ]


CHECKS: tuple[Check, ...] = (check_gateway_reach, check_gateway_ignored)
