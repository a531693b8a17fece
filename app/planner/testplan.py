"""The vmkping test plan: every lane, both directions, with the jumbo payload (R39).

Payload = MTU − 28 (20 bytes IPv4 header + 8 bytes ICMP header): 8972 for MTU 9000. ``-d`` sets
do-not-fragment so an MTU mismatch anywhere on the path fails loudly instead of fragmenting.
"""

from __future__ import annotations

from app.planner.design import Design, Netstack, Topology
from app.planner.result import HostPlan, Vmk, VmkPing

IP_ICMP_HEADERS = 28
# Every ordered host pair up to this many hosts; above it a ring (each host to its neighbours,
# both ways), which still proves every vmk sends and receives at full size.
ALL_PAIRS_MAX_HOSTS = 8


def vmkping_command(source: Vmk, target_ip: str) -> str:
    stack = "-S vmotion " if source.netstack is Netstack.VMOTION else ""
    return f"vmkping {stack}-I {source.name} -d -s {source.mtu - IP_ICMP_HEADERS} {target_ip}"


def _check(lane: int | None, src_host: str, src: Vmk, dst_host: str, dst: Vmk) -> VmkPing:
    return VmkPing(
        lane=lane,
        source_host=src_host,
        source_vmk=src.name,
        source_ip=src.address.ip,
        target_host=dst_host,
        target_vmk=dst.name,
        target_ip=dst.address.ip,
        netstack=src.netstack,
        mtu=src.mtu,
        payload=src.mtu - IP_ICMP_HEADERS,
        command=vmkping_command(src, str(dst.address.ip)),
        expected=f"replies from {dst.address.ip} ({dst_host} {dst.name}), 0% packet loss",
    )


LaneEnd = tuple[str, int]  # (host name, lane)


def plan_tests(
    design: Design, hosts: list[HostPlan], cable_ends: list[tuple[LaneEnd, LaneEnd]]
) -> list[VmkPing]:
    """vmkping checks, each lane in both directions.

    Args:
        design: the design (topology decides who can reach whom).
        hosts: the planned hosts.
        cable_ends: back-to-back cables as ((A host, A lane), (B host, B lane)), in cable order.

    Returns:
        Direct: two checks per cable. Switched: per lane, every ordered host pair (a ring for
        more than ``ALL_PAIRS_MAX_HOSTS`` hosts). Vmks without an address are skipped.
    """
    if design.topology is not Topology.DIRECT:
        return _switched_tests(hosts)
    vmks = {
        (host.name, vmk.lane): vmk for host in hosts for vmk in host.vmks if vmk.lane is not None
    }
    checks = []
    for (a_host, a_lane), (b_host, b_lane) in cable_ends:
        a_vmk, b_vmk = vmks.get((a_host, a_lane)), vmks.get((b_host, b_lane))
        if a_vmk and b_vmk:
            checks.append(_check(a_lane, a_host, a_vmk, b_host, b_vmk))
            checks.append(_check(b_lane, b_host, b_vmk, a_host, a_vmk))
    return checks


def _switched_tests(hosts: list[HostPlan]) -> list[VmkPing]:
    lanes = sorted({vmk.lane for host in hosts for vmk in host.vmks if vmk.lane is not None})
    if len(hosts) <= ALL_PAIRS_MAX_HOSTS:
        pairs = [(s, d) for s in range(len(hosts)) for d in range(len(hosts)) if s != d]
    else:
        ring = [(i, (i + 1) % len(hosts)) for i in range(len(hosts))]
        pairs = sorted({*ring, *((d, s) for s, d in ring)})
    checks = []
    for lane in lanes:
        for s, d in pairs:
            src = next((v for v in hosts[s].vmks if v.lane == lane), None)
            dst = next((v for v in hosts[d].vmks if v.lane == lane), None)
            if src and dst:
                checks.append(_check(lane, hosts[s].name, src, hosts[d].name, dst))
    return checks
