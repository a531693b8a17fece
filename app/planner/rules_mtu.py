"""MTU and NIC rules (R10-R15, R42): jumbo frames end-to-end, in range, and consistent.

An L2 switch drops a frame larger than its MTU, and a vmk larger than its vSwitch cannot send
at all, so most of these are errors; a host whose vSwitch is jumbo but whose vmk is not merely
wastes the jumbo setting (warning).
"""

from __future__ import annotations

from collections import defaultdict
from ipaddress import IPv4Network

from app.planner.catalog import finding
from app.planner.design import Design, Role, Topology
from app.planner.result import Finding, Plan, Severity
from app.planner.rules_common import (
    Check,
    cable_obj,
    concurrency_limit,
    host_obj,
    landed_switches,
    listing,
    switch_obj,
    switch_of_port,
    vmk_by_name,
    vmk_obj,
    vmk_of_vmnic,
    vmotion_speeds,
    vmotion_vmks,
)

ESXI_MAX_MTU = 9000
ESXI_MIN_MTU = 1280  # UNVERIFIED lower bound (docs/domain.md section 6), so R14 is a warning
STANDARD_MTU = 1500


def check_vswitch_mtu(design: Design, plan: Plan) -> list[Finding]:
    """R10 (vmk above its vSwitch) and R11 warning (jumbo vSwitch, standard vMotion vmk)."""
    found = []
    for host in plan.hosts:
        vswitch_mtu = {vs.name: vs.mtu for vs in host.vswitches}
        for vmk in host.vmks:
            limit = vswitch_mtu.get(vmk.vswitch)
            if limit is None:
                continue
            obj = [vmk_obj(host.name, vmk.name)]
            if vmk.mtu > limit:
                found.append(
                    finding(
                        "R10",
                        f"vmks on {host.name} vSwitch {vmk.vswitch} have a larger MTU than the "
                        f"vSwitch ({limit}); frames above {limit} bytes cannot leave the host.",
                        detail=f"{host.name} {vmk.name} has MTU {vmk.mtu} but its vSwitch "
                        f"{vmk.vswitch} has MTU {limit}; frames above {limit} bytes cannot leave "
                        "the host.",
                        cause=f"vswitch:{host.name}/{vmk.vswitch}",
                        objects=obj,
                    )
                )
            elif vmk.role is Role.VMOTION and limit > STANDARD_MTU >= vmk.mtu:
                found.append(
                    finding(
                        "R11",
                        f"The vMotion vmks of {host.name} have MTU {vmk.mtu} on vSwitches at MTU "
                        f"{limit}: they do not use jumbo frames.",
                        detail=f"{host.name} {vmk.name} has MTU {vmk.mtu} on vSwitch "
                        f"{vmk.vswitch} at MTU {limit}: the vMotion vmk does not use jumbo frames.",
                        cause=host_obj(host.name),
                        objects=obj,
                    )
                )
    return found


def check_peer_mtu(design: Design, plan: Plan) -> list[Finding]:
    """R11 error: the two ends of a cable, or the vmks of one subnet, differ in MTU."""
    if design.topology is Topology.DIRECT:
        return _cable_mtu(plan, design.vmotion.mtu)
    return _subnet_mtu(plan)


def _cable_mtu(plan: Plan, design_mtu: int) -> list[Finding]:
    """R11 per cable, grouped by the host whose MTU is not the design's (the likely typo)."""
    hosts = {host.name: host for host in plan.hosts}
    found = []
    for cable in plan.cables:
        if cable.role is not Role.VMOTION:
            continue
        ends = []
        for end in (cable.a, cable.b):
            host = hosts.get(end.device)
            vmk = vmk_by_name(host).get(vmk_of_vmnic(host).get(end.port, "")) if host else None
            if vmk is not None:
                ends.append((end.device, vmk.name, vmk.mtu))
        if len(ends) == 2 and ends[0][2] != ends[1][2]:
            (ha, va, ma), (hb, vb, mb) = ends
            odd = ha if ma != design_mtu else hb
            found.append(
                finding(
                    "R11",
                    f"The vMotion vmks of {ha} (MTU {ma}) and {hb} (MTU {mb}) differ on the "
                    "cables between them; the larger frames are dropped on the way.",
                    detail=f"Cable {cable.id}: {ha} {va} has MTU {ma} but {hb} {vb} has MTU "
                    f"{mb}; the larger frames are dropped on the way.",
                    cause=host_obj(odd),
                    severity=Severity.ERROR,
                    objects=[cable_obj(cable.id), vmk_obj(ha, va), vmk_obj(hb, vb)],
                )
            )
    return found


def _subnet_mtu(plan: Plan) -> list[Finding]:
    groups: dict[IPv4Network, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for host in plan.hosts:
        for vmk in vmotion_vmks(host):
            groups[vmk.address.network][vmk.mtu].append(vmk_obj(host.name, vmk.name))
    found = []
    for network, by_mtu in sorted(groups.items()):
        if len(by_mtu) < 2:
            continue
        detail = "; ".join(
            f"MTU {mtu}: {listing(o.removeprefix('vmk:') for o in objs)}"
            for mtu, objs in sorted(by_mtu.items())
        )
        found.append(
            finding(
                "R11",
                f"The vMotion vmks in {network} differ in MTU ({detail}); frames from the larger "
                "MTU are dropped on their way to the smaller one.",
                severity=Severity.ERROR,
                objects=sorted(o for objs in by_mtu.values() for o in objs),
            )
        )
    return found


def check_switch_mtu(design: Design, plan: Plan) -> list[Finding]:
    """R12: a switch carrying a vmk's uplinks has a smaller MTU than the vmk."""
    landing = switch_of_port(plan)
    switches = {sw.name: sw for sw in plan.switches}
    too_big: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for host in plan.hosts:
        portgroups = {pg.name: pg for pg in host.portgroups}
        for vmk in host.vmks:
            pg = portgroups.get(vmk.portgroup)
            uplinks = [*pg.active, *pg.standby] if pg else []
            for name in landed_switches(landing, host.name, uplinks):
                if switches[name].mtu < vmk.mtu:
                    too_big[name].append((vmk_obj(host.name, vmk.name), vmk.mtu))
    found = []
    for name, vmks in sorted(too_big.items()):
        largest = max(mtu for _, mtu in vmks)
        found.append(
            finding(
                "R12",
                f"Switch {name} has MTU {switches[name].mtu} but carries vmks with MTU up to "
                f"{largest} ({listing(o.removeprefix('vmk:') for o, _ in vmks)}); it drops the "
                f"larger frames. Set its ESXi-facing ports to at least {largest} (9216 on Nexus).",
                objects=[switch_obj(name), *(o for o, _ in vmks)],
            )
        )
    return found


def check_mtu_range(design: Design, plan: Plan) -> list[Finding]:
    """R13 (above 9000) and R14 (below 1280) on every vSwitch and vmk, one finding per value."""
    high: dict[int, list[str]] = defaultdict(list)
    low: dict[int, list[str]] = defaultdict(list)
    for host in plan.hosts:
        items = [(vs.mtu, f"vswitch:{host.name}/{vs.name}") for vs in host.vswitches]
        items += [(vmk.mtu, vmk_obj(host.name, vmk.name)) for vmk in host.vmks]
        for mtu, obj in items:
            if mtu > ESXI_MAX_MTU:
                high[mtu].append(obj)
            elif mtu < ESXI_MIN_MTU:
                low[mtu].append(obj)
    found = [
        finding(
            "R13",
            f"MTU {mtu} on {listing(o.split(':', 1)[1] for o in objs)} is above ESXi's maximum "
            f"of {ESXI_MAX_MTU}.",
            objects=objs,
        )
        for mtu, objs in sorted(high.items())
    ]
    found += [
        finding(
            "R14",
            f"MTU {mtu} on {listing(o.split(':', 1)[1] for o in objs)} is below 1280; ESXi "
            "probably rejects it (the lower bound is unverified).",
            objects=objs,
        )
        for mtu, objs in sorted(low.items())
    ]
    return found


def check_nic_consistency(design: Design, plan: Plan) -> list[Finding]:
    """R15: the hosts' vMotion NICs differ (speeds or vmk MTU); R42 when only lanes differ.

    Hosts are compared by their whole set of vMotion lane speeds, so identical hosts whose lanes
    mix 10 GbE and 1 GbE are not R15 (vCenter compares hosts) but the milder R42.
    """
    speeds: dict[str, list[str]] = defaultdict(list)
    mtus: dict[int, list[str]] = defaultdict(list)
    for host in plan.hosts:
        lanes = sorted(vmotion_speeds(host), reverse=True)
        if lanes:
            speeds[_speed_profile(lanes)].append(host.name)
        for mtu in sorted({vmk.mtu for vmk in vmotion_vmks(host)}):
            mtus[mtu].append(host.name)
    found = []
    by_mtu = {str(mtu): names for mtu, names in sorted(mtus.items())}
    for what, groups in (("speed", dict(sorted(speeds.items()))), ("MTU", by_mtu)):
        if len(groups) < 2:
            continue
        detail = "; ".join(f"{value}: {listing(names)}" for value, names in groups.items())
        found.append(
            finding(
                "R15",
                f"The hosts' vMotion NICs differ in {what} ({detail}); vCenter may then cap "
                "concurrent vMotions at 2.",
                objects=sorted({host_obj(n) for names in groups.values() for n in names}),
            )
        )
    if len(speeds) == 1:
        found += _mixed_lanes(plan)
    return found


def _speed_profile(lanes: list[int]) -> str:
    """'2 × 10 GbE + 1 × 1 GbE' for a host's vMotion lane speeds, fastest first."""
    counts = {speed: lanes.count(speed) for speed in lanes}
    return " + ".join(f"{count} × {speed} GbE" for speed, count in counts.items())


def _mixed_lanes(plan: Plan) -> list[Finding]:
    """R42: the hosts match, but each host's lanes run at different speeds."""
    first = next((h for h in plan.hosts if len(set(vmotion_speeds(h))) > 1), None)
    if first is None:
        return []
    slowest = min(vmotion_speeds(first))
    lanes = [
        f"{row.vmnic} {row.speed_gbps} GbE"
        for row in first.nics
        if row.role is Role.VMOTION and row.vmk
    ]
    limit = concurrency_limit(plan)
    return [
        finding(
            "R42",
            f"Every host has vMotion lanes of different speeds (on {first.name}: "
            f"{listing(lanes)}). The hosts match, so this is not R15, but the slowest lane sets "
            f"the pace: the estimate counts every lane at {slowest} GbE and the concurrency "
            f"limit is {limit} per host, as for {slowest} GbE NICs (R17).",
            objects=[host_obj(h.name) for h in plan.hosts if vmotion_speeds(h)],
        )
    ]


CHECKS: tuple[Check, ...] = (
    check_vswitch_mtu,
    check_peer_mtu,
    check_switch_mtu,
    check_mtu_range,
    check_nic_consistency,
)
