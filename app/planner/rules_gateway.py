"""Gateway rules: a gateway its vmks cannot reach (P7) and a vMotion gateway that is ignored (R41).

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
from app.planner.result import Finding, Plan, Vmk
from app.planner.rules_common import Check, listing, vmk_obj


def _unreachable(gateway: IPv4Address, address: IPv4Interface) -> bool:
    """True when ``gateway`` is not a usable host address of ``address``'s subnet."""
    network = address.network
    if gateway not in network:
        return True
    # /31 has no network or broadcast address (RFC 3021); shorter prefixes do.
    edges = (network.network_address, network.broadcast_address)
    return network.prefixlen < 31 and gateway in edges


def check_gateway_reach(design: Design, plan: Plan) -> list[Finding]:
    """P7: vmks given a gateway outside their own subnet; one finding per host and gateway.

    Every vmk that carries a gateway is checked: the vMotion vmks on the vmotion stack, and the
    service vmks of the vmotion and provisioning stacks, whose gateway is checked only against
    their pool when the document is read.
    """
    groups: dict[tuple[str, str, IPv4Address], list[Vmk]] = defaultdict(list)
    for host in plan.hosts:
        for vmk in host.vmks:
            if vmk.gateway is not None and _unreachable(vmk.gateway, vmk.address):
                groups[(host.name, vmk.netstack.value, vmk.gateway)].append(vmk)
    found = []
    for (host_name, stack, gateway), vmks in sorted(groups.items()):
        named = listing(f"{vmk.name} ({vmk.address.network})" for vmk in vmks)
        vmotion = gateway == design.vmotion.gateway and stack == Netstack.VMOTION.value
        outside = vmotion and gateway not in design.vmotion.pool
        pool_note = f", and outside the vMotion pool {design.vmotion.pool}" if outside else ""
        what = "the vMotion gateway" if vmotion else f"the {stack}-stack gateway"
        found.append(
            finding(
                "P7",
                f"{host_name}: {what} {gateway} is not a usable address in the subnet of "
                f"{named}{pool_note}. The scripts would give them a next hop they cannot reach, "
                "so routed traffic on that stack fails.",
                objects=[vmk_obj(host_name, vmk.name) for vmk in vmks],
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
