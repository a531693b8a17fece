"""A clearly labelled vMotion estimate (docs/domain.md sections 1, 8, 9; R16, R17, R34, R38, R40).

It is arithmetic on stated assumptions, not a measurement. The memory moved is the VM's *active*
memory times a re-copy factor for pages dirtied during pre-copy (R38): the field report moved a
16 GB VM in 21 s over 4 × 1GbE, which only works if far less than 16 GB was sent.
"""

from __future__ import annotations

from app.planner.design import Design, EsxiVersion, Topology
from app.planner.result import DesignComparison, Estimate, HostPlan

# TCP/IP and vMotion protocol overhead on a dedicated link (the field report's figures).
LINK_EFFICIENCY = 0.9
# Before 7.0 U2 one vmk's worker thread tops out around 15 Gb/s (S-HAGOORT, S-KB323379).
SINGLE_VMK_CEILING_GBPS = 15.0
MIN_GBPS_PER_MIGRATION = 0.25  # 250 Mbps dedicated per concurrent vMotion (R16)
HOST_CONCURRENCY_CAP = 8  # vSphere 7: 16 slots, 2 per vMotion (R17)


def concurrency_limit(lane_speed_gbps: int) -> int:
    """Concurrent vMotions per host: 4 on 1GbE, 8 on 10GbE and faster (R17)."""
    return 4 if lane_speed_gbps < 10 else HOST_CONCURRENCY_CAP


def _per_vmk_gbps(speed: int, version: EsxiVersion) -> float:
    old = version in (EsxiVersion.V6_7, EsxiVersion.V7_0)
    return min(float(speed), SINGLE_VMK_CEILING_GBPS) if old else float(speed)


def _seconds(memory_gb: float, factor: float, gbps: float) -> float:
    return round(memory_gb * 8 * factor / gbps, 1) if gbps > 0 else 0.0


def lanes_between_two_hosts(design: Design, hosts: list[HostPlan]) -> int:
    """Lanes one migration can use: all of them when switched, one peer's share in a mesh."""
    per_host = min((sum(1 for v in h.vmks if v.lane is not None) for h in hosts), default=0)
    if design.topology is Topology.DIRECT and len(hosts) > 2:
        return per_host // (len(hosts) - 1)
    return per_host


def plan_estimate(design: Design, hosts: list[HostPlan]) -> Estimate | None:
    """Bandwidth and time for one and for N concurrent migrations, with comparisons.

    With lanes of different speeds every lane is counted at the slowest one, and the
    concurrency limit follows the slowest NIC too; the assumptions say so in words.

    Returns None when no host has a vMotion vmk (nothing to estimate).
    """
    lanes = lanes_between_two_hosts(design, hosts)
    speeds = [
        row.speed_gbps for host in hosts for row in host.nics if row.vmk and row.lane is not None
    ]
    if lanes == 0 or not speeds:
        return None
    speed = min(speeds)
    per_lane = _per_vmk_gbps(speed, design.esxi_version) * LINK_EFFICIENCY
    effective = round(per_lane * lanes, 2)
    limit = concurrency_limit(speed)
    inputs = design.estimate
    concurrent = min(inputs.concurrent_migrations, limit)
    shared = round(effective / concurrent, 2)
    planned = design.vmotion.planned_concurrency or limit
    one_link = round(min(float(speed), SINGLE_VMK_CEILING_GBPS) * LINK_EFFICIENCY, 2)
    memory, factor = inputs.vm_active_memory_gb, inputs.dirty_page_factor
    distinct = sorted(set(speeds))
    return Estimate(
        lanes_per_host=lanes,
        lane_speed_gbps=speed,
        lane_summary=lane_summary(lanes, distinct),
        raw_bandwidth_gbps=float(speed * lanes),
        effective_bandwidth_gbps=effective,
        concurrency_limit=limit,
        concurrent_migrations=concurrent,
        per_migration_when_concurrent_gbps=shared,
        memory_gb=float(memory),  # the document may say 16: the plan says 16.0
        seconds_single=_seconds(memory, factor, effective),
        seconds_concurrent=_seconds(memory, factor, shared),
        min_bandwidth_needed_gbps=round(MIN_GBPS_PER_MIGRATION * planned, 2),
        comparisons=_comparisons(effective, one_link, memory, factor),
        assumptions=[
            f"{LINK_EFFICIENCY:.0%} of line rate usable on a dedicated vMotion link.",
            f"{memory:g} GB active memory × {factor:g} re-copy factor is sent (R38); configured "
            "RAM is not what vMotion moves.",
            "Before ESXi 7.0 U2 one vmk tops out near 15 Gb/s (R34); later versions scale "
            "streams to the link.",
            *_mixed_speed_assumption(distinct),
            f"Concurrency: {limit} vMotions per host at {speed} GbE (R17); concurrent "
            "migrations share the bandwidth evenly.",
        ],
    )


def lane_summary(lanes: int, speeds: list[int]) -> str:
    """'4 × 1 GbE lanes', or for mixed speeds '2 lanes of 1 and 10 GbE, each counted at 1 GbE'."""
    if len(speeds) == 1:
        return f"{lanes} × {speeds[0]} GbE lanes"
    named = " and ".join(str(s) for s in speeds)
    return f"{lanes} lanes of {named} GbE, each counted at {speeds[0]} GbE"


def _mixed_speed_assumption(speeds: list[int]) -> list[str]:
    # R15's sibling R42: identical hosts whose lanes differ in speed. Nothing documents how
    # vMotion weighs a fast and a slow vmk, so the estimate takes the safe reading.
    if len(speeds) < 2:
        return []
    named = " and ".join(f"{s} GbE" for s in speeds)
    return [
        f"The vMotion lanes differ in speed ({named}). Every lane is counted at the slowest, "
        f"{speeds[0]} GbE: vMotion spreads one migration over all its vmks, and nothing "
        "documents that it gives a faster lane a larger share, so the slow lane sets the pace. "
        "This is a lower bound; the concurrency limit likewise follows the slowest NIC (R17, "
        "R42)."
    ]


def _comparisons(
    effective: float, one_link: float, memory: float, factor: float
) -> list[DesignComparison]:
    def seconds(gbps: float) -> str:
        return f"{_seconds(memory, factor, gbps):g} s for this VM"

    return [
        DesignComparison(
            name="This plan: multi-NIC vMotion (one vmk per vmnic)",
            single_migration_gbps=effective,
            note=f"One migration spreads over every lane: {seconds(effective)}.",
        ),
        DesignComparison(
            name="One vMotion vmk on a teamed vSwitch",
            single_migration_gbps=one_link,
            note="One vMotion uses one uplink; the others only help concurrent migrations: "
            f"{seconds(one_link)}.",
        ),
        DesignComparison(
            name="IP-hash team with a static EtherChannel",
            single_migration_gbps=one_link,
            note=f"One source/destination IP pair hashes onto one link (R24): {seconds(one_link)}.",
        ),
        DesignComparison(
            name="Hyper-V live migration, switch-dependent team (static or LACP), Address Hash",
            single_migration_gbps=one_link,
            note="One live migration is one TCP stream on one team member: "
            f"{seconds(one_link)}. Several at once, even all between the same two hosts, "
            "spread over the members (R40).",
        ),
        DesignComparison(
            name="Hyper-V live migration, switch-independent team, Address Hash",
            single_migration_gbps=one_link,
            note="The source sends on several members but the target receives on one, so even "
            "several migrations at once share one member (R40).",
        ),
        DesignComparison(
            name="Hyper-V live migration, Hyper-V Port mode",
            single_migration_gbps=one_link,
            note="All outbound live-migration traffic leaves on one NIC (R40).",
        ),
    ]
