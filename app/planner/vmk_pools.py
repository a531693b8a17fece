"""Addresses of the IP-storage and service vmks, each network from its own pool.

One pool is one subnet: every vmk of a network gets the next free usable address of its pool,
host by host in name order, so the same document always gives the same addresses. Addresses the
design or the vMotion plan already uses (management vmks, gateways, vMotion vmks) and addresses
handed out earlier in this pass are never handed out again, even when several networks share
one pool (KB 2010877's own example puts management, vMotion and iSCSI in one /24).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from ipaddress import IPv4Address, IPv4Interface, IPv4Network

from app.planner.catalog import finding
from app.planner.result import AddressAssignment, Finding, SubnetPlan


@dataclass(frozen=True)
class PoolRequest:
    """One vmk that needs an address: ``key`` identifies it to the caller."""

    network: str  # what the pool is for, e.g. "iSCSI"
    pool: IPv4Network
    host: str
    key: str  # unique per host, e.g. the port group name
    vmk: str


@dataclass
class PoolResult:
    address: dict[tuple[str, str], IPv4Interface] = field(default_factory=dict)
    subnets: list[SubnetPlan] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _free(pool: IPv4Network, used: set[IPv4Address]) -> Iterator[IPv4Address]:
    """Usable addresses of ``pool`` in order, skipping used ones; lazy, so a /8 stays cheap."""
    return (address for address in pool.hosts() if address not in used)


def assign(requests: list[PoolRequest], used: set[IPv4Address]) -> PoolResult:
    """Give every request an address from its pool, networks in the order first requested.

    Args:
        requests: the vmks, already in planning order (network by network, host by host).
        used: addresses that must not be handed out; addresses given here are added to it.

    Returns:
        The addresses by (host, key), one SubnetPlan per network and a P1 finding for each
        network whose pool runs out (those vmks get no address and are not planned).
    """
    result = PoolResult()
    networks: dict[str, list[PoolRequest]] = {}
    for request in requests:
        networks.setdefault(request.network, []).append(request)
    for network, members in networks.items():
        pool = members[0].pool
        free = _free(pool, used)
        assigned: list[AddressAssignment] = []
        for index, request in enumerate(members):
            address = next(free, None)
            if address is None:
                result.findings.append(_too_small(network, pool, members, index))
                break
            used.add(address)
            interface = IPv4Interface((int(address), pool.prefixlen))
            result.address[(request.host, request.key)] = interface
            assigned.append(
                AddressAssignment(host=request.host, vmk=request.vmk, address=interface)
            )
        result.subnets.append(SubnetPlan(network=pool, purpose=network, members=assigned))
    return result


def _too_small(network: str, pool: IPv4Network, members: list[PoolRequest], index: int) -> Finding:
    left = members[index:]
    return finding(
        "P1",
        f"The {network} pool {pool} is too small: {len(members)} vmks need {len(members)} "
        f"addresses but only {index} are free (the others are network, broadcast, gateway, "
        "management or vMotion addresses, or taken by another network in the same pool).",
        objects=["design", *(f"vmk:{r.host}/{r.vmk}" for r in left)],
    )
