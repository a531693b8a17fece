"""The vMotion IP plan, carved from the pool with the stdlib ``ipaddress`` module.

Back-to-back: one dedicated /30 (or opt-in /31, R37) per cable, so each cable has its own
connected route and vMotion egress follows the cable (problem 3, R5/R6). Switched: one shared
L2 subnet (the multi-NIC vMotion exception to KB 2010877, R7) or one subnet per lane.
Addresses already in use (management vmks, gateways) are never handed out again.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from ipaddress import IPv4Address, IPv4Interface, IPv4Network

from app.planner.cabling import CableDraft, LanePort
from app.planner.catalog import finding
from app.planner.design import AddressingMode, Design
from app.planner.naming import vmotion_vmk
from app.planner.result import AddressAssignment, Finding, SubnetPlan


@dataclass
class Addressing:
    vmk_address: dict[tuple[str, int], IPv4Interface] = field(default_factory=dict)
    cable_subnet: dict[str, IPv4Network] = field(default_factory=dict)
    subnets: list[SubnetPlan] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def reserved_addresses(design: Design) -> set[IPv4Address]:
    """Addresses the design already uses: management vmks and every gateway."""
    used = {host.management.ip.ip for host in design.hosts}
    used |= {host.management.gateway for host in design.hosts if host.management.gateway}
    if design.vmotion.gateway is not None:
        used.add(design.vmotion.gateway)
    return used


def plan_addresses(
    design: Design, lanes: dict[str, list[LanePort]], cables: list[CableDraft]
) -> Addressing:
    """Assign every vMotion vmk an address; returns findings instead of raising on shortage."""
    mode = design.effective_addressing
    result = Addressing()
    reserved = reserved_addresses(design)
    if mode in (AddressingMode.PER_LINK_30, AddressingMode.PER_LINK_31):
        _per_link(design, cables, reserved, result)
    elif mode is AddressingMode.SHARED_SUBNET:
        _shared(design, lanes, reserved, result)
    else:
        _per_lane(design, lanes, reserved, result)
    return result


def _free_subnets(
    pool: IPv4Network, prefix: int, reserved: set[IPv4Address]
) -> Iterator[IPv4Network]:
    """Subnets of `pool` at `prefix`, in order, skipping any that hold a reserved address."""
    for subnet in pool.subnets(new_prefix=prefix):
        if not any(address in subnet for address in reserved):
            yield subnet


def _usable(subnet: IPv4Network) -> Iterator[IPv4Address]:
    """Host addresses in order, lazily: a /8 pool must not become 16 million objects.

    A /31 has no network or broadcast address (RFC 3021); ``hosts()`` already knows that.
    """
    return iter(subnet.hosts())


def _free_count(subnet: IPv4Network, reserved: set[IPv4Address]) -> int:
    usable = subnet.num_addresses - (0 if subnet.prefixlen >= 31 else 2)
    inside = {a for a in reserved if a in subnet}
    inside -= {subnet.network_address, subnet.broadcast_address} if subnet.prefixlen < 31 else set()
    return usable - len(inside)


def _per_link(
    design: Design, cables: list[CableDraft], reserved: set[IPv4Address], result: Addressing
) -> None:
    prefix = 31 if design.effective_addressing is AddressingMode.PER_LINK_31 else 30
    pool = design.vmotion.pool
    links = [cable for cable in cables if cable.link is not None]
    if pool.prefixlen > prefix:
        result.findings.append(
            finding(
                "P9",
                f"The vMotion pool {pool} is smaller than one /{prefix}; per-cable addressing "
                f"needs a pool of /{prefix} or larger.",
                objects=["design"],
            )
        )
        return
    subnets = _free_subnets(pool, prefix, reserved)
    for index, cable in enumerate(links):
        subnet = next(subnets, None)
        if subnet is None:
            available = index
            result.findings.append(
                finding(
                    "P1",
                    f"The vMotion pool {pool} is too small: {len(links)} cables need "
                    f"{len(links)} /{prefix} subnets ({len(links) * 2 ** (32 - prefix)} "
                    f"addresses) but the pool holds only {available} free /{prefix} subnets "
                    f"({pool.num_addresses} addresses).",
                    objects=["design", *(f"cable:{c.id}" for c in links[index:])],
                )
            )
            return
        link = cable.link
        assert link is not None  # filtered above
        usable = _usable(subnet)
        first, second = next(usable), next(usable)
        a = IPv4Interface((int(first), prefix))
        b = IPv4Interface((int(second), prefix))
        result.vmk_address[(link.a.host, link.a.lane)] = a
        result.vmk_address[(link.b.host, link.b.lane)] = b
        result.cable_subnet[cable.id] = subnet
        result.subnets.append(
            SubnetPlan(
                network=subnet,
                purpose=f"cable {cable.id}, lane {link.a.lane}",
                cable=cable.id,
                lane=link.a.lane,
                members=[
                    AddressAssignment(host=link.a.host, vmk=vmotion_vmk(link.a.lane), address=a),
                    AddressAssignment(host=link.b.host, vmk=vmotion_vmk(link.b.lane), address=b),
                ],
            )
        )


def _ordered_ports(lanes: dict[str, list[LanePort]]) -> list[LanePort]:
    """Host by host (name order), lane by lane."""
    return [port for ports in lanes.values() for port in ports]


def _fill(
    subnet: IPv4Network,
    ports: list[LanePort],
    reserved: set[IPv4Address],
    purpose: str,
    lane: int | None,
) -> tuple[SubnetPlan, list[LanePort]]:
    """Give `ports` the free addresses of `subnet` in order; return the ports left without one."""
    free = (address for address in _usable(subnet) if address not in reserved)
    members: list[AddressAssignment] = []
    for index, port in enumerate(ports):
        address = next(free, None)
        if address is None:
            return SubnetPlan(network=subnet, purpose=purpose, lane=lane, members=members), ports[
                index:
            ]
        members.append(
            AddressAssignment(
                host=port.host,
                vmk=vmotion_vmk(port.lane),
                address=IPv4Interface((int(address), subnet.prefixlen)),
            )
        )
    return SubnetPlan(network=subnet, purpose=purpose, lane=lane, members=members), []


def _record(plan: SubnetPlan, ports: list[LanePort], result: Addressing) -> None:
    result.subnets.append(plan)
    for port, member in zip(ports, plan.members, strict=False):
        result.vmk_address[(port.host, port.lane)] = member.address


def _shared(
    design: Design, lanes: dict[str, list[LanePort]], reserved: set[IPv4Address], result: Addressing
) -> None:
    pool = design.vmotion.pool
    ports = _ordered_ports(lanes)
    if pool.prefixlen > 30:
        result.findings.append(
            finding(
                "P9",
                f"The vMotion pool {pool} cannot hold a shared subnet for several hosts; use /29 "
                "or larger.",
                objects=["design"],
            )
        )
        return
    subnet_plan, left = _fill(pool, ports, reserved, "vMotion (shared subnet)", None)
    _record(subnet_plan, ports, result)
    if left:
        free = _free_count(pool, reserved)
        result.findings.append(
            finding(
                "P1",
                f"The vMotion pool {pool} is too small: {len(ports)} vMotion vmks need "
                f"{len(ports)} addresses but the pool has only {free} free usable addresses.",
                objects=["design", *(f"vmk:{p.host}/{vmotion_vmk(p.lane)}" for p in left)],
            )
        )


def _per_lane(
    design: Design, lanes: dict[str, list[LanePort]], reserved: set[IPv4Address], result: Addressing
) -> None:
    pool = design.vmotion.pool
    lane_numbers = sorted({port.lane for port in _ordered_ports(lanes)})
    if not lane_numbers:
        return
    hosts_per_lane = max(sum(1 for p in _ordered_ports(lanes) if p.lane == n) for n in lane_numbers)
    # Smallest subnet with room for every host plus network and broadcast addresses.
    prefix = 32 - max(2, math.ceil(math.log2(hosts_per_lane + 2)))
    count = 2 ** (prefix - pool.prefixlen) if prefix >= pool.prefixlen else 0
    if count < len(lane_numbers):
        result.findings.append(
            finding(
                "P1",
                f"The vMotion pool {pool} is too small: {len(lane_numbers)} lanes need "
                f"{len(lane_numbers)} /{prefix} subnets ({hosts_per_lane} hosts each) but the pool "
                f"holds {count}.",
                objects=["design"],
            )
        )
        return
    subnets = pool.subnets(new_prefix=prefix)
    for lane in lane_numbers:
        ports = [p for p in _ordered_ports(lanes) if p.lane == lane]
        subnet_plan, left = _fill(next(subnets), ports, reserved, f"vMotion lane {lane}", lane)
        _record(subnet_plan, ports, result)
        if left:
            result.findings.append(
                finding(
                    "P1",
                    f"The lane {lane} subnet {subnet_plan.network} has too few free addresses "
                    f"for {len(ports)} hosts (some are taken by management or gateway addresses).",
                    objects=[f"vmk:{p.host}/{vmotion_vmk(p.lane)}" for p in left],
                )
            )
