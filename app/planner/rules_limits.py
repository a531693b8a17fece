"""Limits and advice: bandwidth and concurrency (R16, R17), latency (R18, R19), FT vmks (R29),
fast NICs before 7.0 U2 (R34), vSwitch and cluster maximums (R35, R36), NICs per host (R43), and
the two notes every plan carries (R38 estimate input, R39 scripts).
"""

from __future__ import annotations

from collections import defaultdict

from app.planner.catalog import finding
from app.planner.design import Design, EsxiVersion, Role
from app.planner.result import Finding, Plan, Severity
from app.planner.rules_common import (
    Check,
    concurrency_limit,
    host_obj,
    listing,
    vmk_obj,
    vmotion_speeds,
)

MBPS_PER_VMOTION = 250  # minimum dedicated bandwidth per concurrent vMotion [S-DOC60-122]
METRO_RTT_MS = 5.0
MAX_RTT_MS = 150.0
FAST_NIC_GBPS = 25
MAX_PORTGROUPS_PER_VSS = 512
MAX_UPLINKS_PER_VSWITCH = 32  # UNVERIFIED (5.x blog list), so a warning
MAX_HOSTS_6X = 64
MAX_HOSTS_7X = 96  # UNVERIFIED, so a warning
FT_TAG = "faulttolerancelogging"
# R43, all UNVERIFIED (docs/domain.md sections 1 and 6), so warnings only. vMotion NICs per host:
# 16 x 1GbE or 4 x 10GbE; no figure exists for faster NICs, so they count with 10GbE.
MAX_VMOTION_NICS = {"1 GbE": 16, "10 GbE or faster": 4}
# Physical NICs per host by speed: the largest per-driver figure of the 6.0 list; 25 and 100 GbE
# have none, so they are not checked.
MAX_PHYSICAL_NICS = {1: 32, 10: 16, 40: 4}


def check_bandwidth(design: Design, plan: Plan) -> list[Finding]:
    """R16: dedicated vMotion bandwidth per host below 250 Mbps × planned concurrency."""
    limit = concurrency_limit(plan)
    concurrency = design.vmotion.planned_concurrency or limit
    needed = MBPS_PER_VMOTION * concurrency
    short: dict[int, list[str]] = defaultdict(list)
    for host in plan.hosts:
        speeds = vmotion_speeds(host)
        available = sum(speeds) * 1000
        if speeds and available < needed:
            short[available].append(host.name)
    return [
        finding(
            "R16",
            f"{listing(names)} {'has' if len(names) == 1 else 'have'} {mbps} Mbps of dedicated "
            f"vMotion bandwidth, but {concurrency} concurrent vMotions need {needed} Mbps "
            f"({MBPS_PER_VMOTION} Mbps each).",
            objects=[host_obj(n) for n in names],
        )
        for mbps, names in sorted(short.items())
    ]


def check_concurrency(design: Design, plan: Plan) -> list[Finding]:
    """R17: the concurrency limit the plan's vMotion NICs give (info)."""
    speeds = [s for host in plan.hosts for s in vmotion_speeds(host)]
    if not speeds:
        return []
    limit = concurrency_limit(plan)
    slowest = min(speeds)
    return [
        finding(
            "R17",
            f"Up to {limit} concurrent vMotions per host: the slowest vMotion NIC is "
            f"{slowest} GbE (4 on 1GbE, 8 on 10GbE and faster; the host caps at 8).",
            objects=["design"],
        )
    ]


def check_latency(design: Design, plan: Plan) -> list[Finding]:
    """R18 (RTT above 5 ms) and R19 (above the 150 ms maximum)."""
    rtt = design.vmotion.rtt_ms
    if rtt > MAX_RTT_MS:
        text = f"The round-trip time between the hosts is {rtt:g} ms, above the 150 ms maximum."
        return [finding("R19", text, objects=["design"])]
    if rtt > METRO_RTT_MS:
        text = (
            f"The round-trip time between the hosts is {rtt:g} ms; above 5 ms vMotion needs "
            "a licence that covers long-distance vMotion (Enterprise Plus)."
        )
        return [finding("R18", text, objects=["design"])]
    return []


def check_ft(design: Design, plan: Plan) -> list[Finding]:
    """R29: more than one FT-logging vmk on a host."""
    found = []
    for host in plan.hosts:
        ft = [v.name for v in host.vmks if any(s.lower() == FT_TAG for s in v.services)]
        if len(ft) > 1:
            found.append(
                finding(
                    "R29",
                    f"{host.name} tags {listing(ft)} for FT logging; only one vmk per host can "
                    "carry FT traffic.",
                    objects=[vmk_obj(host.name, n) for n in ft],
                )
            )
    return found


def check_fast_nics(design: Design, plan: Plan) -> list[Finding]:
    """R34: before 7.0 U2 one vmk cannot fill a 25/40/100 GbE vMotion NIC."""
    if design.esxi_version not in (EsxiVersion.V6_7, EsxiVersion.V7_0):
        return []
    objs = [
        vmk_obj(host.name, row.vmk)
        for host in plan.hosts
        for row in host.nics
        if row.role is Role.VMOTION and row.vmk and row.speed_gbps >= FAST_NIC_GBPS
    ]
    if not objs:
        return []
    return [
        finding(
            "R34",
            f"ESXi {design.esxi_version.value} with {FAST_NIC_GBPS} GbE or faster vMotion NICs "
            f"and one vmk per NIC ({listing(o.removeprefix('vmk:') for o in objs)}): a single "
            "vmk tops out around 15-18 Gb/s before 7.0 U2.",
            objects=objs,
        )
    ]


def check_vswitch_maximums(design: Design, plan: Plan) -> list[Finding]:
    """R35: port groups per standard vSwitch (512, error) and uplinks (32, warning)."""
    found = []
    for host in plan.hosts:
        for vs in host.vswitches:
            obj = [f"vswitch:{host.name}/{vs.name}"]
            pgs = sum(1 for pg in host.portgroups if pg.vswitch == vs.name)
            if pgs > MAX_PORTGROUPS_PER_VSS:
                text = f"{host.name} {vs.name} has {pgs} port groups; a standard vSwitch holds 512."
                found.append(finding("R35", text, objects=obj))
            if len(vs.uplinks) > MAX_UPLINKS_PER_VSWITCH:
                text = (
                    f"{host.name} {vs.name} has {len(vs.uplinks)} uplinks; more than 32 per "
                    "vSwitch may exceed the maximum (unverified)."
                )
                found.append(finding("R35", text, severity=Severity.WARNING, objects=obj))
    return found


def check_cluster_size(design: Design, plan: Plan) -> list[Finding]:
    """R36: hosts per cluster: 64 on 6.7 (error); 96 on 7.0 U1+ and 8.0 (unverified: warning)."""
    count = len(plan.hosts)
    version = design.esxi_version
    if version is EsxiVersion.V6_7 and count > MAX_HOSTS_6X:
        text = f"{count} hosts in one cluster; ESXi/vSphere 6.7 allows 64."
        return [finding("R36", text, objects=["design"])]
    if version is EsxiVersion.V7_0 and count > MAX_HOSTS_6X:
        text = (
            f"{count} hosts in one cluster; vSphere 7.0 allows 64 before Update 1 and "
            "reportedly 96 from Update 1 (unverified)."
        )
        return [finding("R36", text, severity=Severity.WARNING, objects=["design"])]
    if count > MAX_HOSTS_7X:
        text = f"{count} hosts in one cluster; the maximum is reportedly 96 (unverified)."
        return [finding("R36", text, severity=Severity.WARNING, objects=["design"])]
    return []


def check_nic_maximums(design: Design, plan: Plan) -> list[Finding]:
    """R43: more vMotion or physical NICs of one speed per host than VMware's (unverified) lists."""
    over: dict[str, list[str]] = defaultdict(list)
    for host in plan.hosts:
        vmotion = [row.speed_gbps for row in host.nics if row.role is Role.VMOTION]
        classes = {
            "1 GbE": sum(s < 10 for s in vmotion),
            "10 GbE or faster": sum(s >= 10 for s in vmotion),
        }
        for label, count in classes.items():
            if count > MAX_VMOTION_NICS[label]:
                over[
                    f"{count} vMotion NICs of {label} (listed maximum {MAX_VMOTION_NICS[label]})"
                ].append(host.name)
        for speed, limit in MAX_PHYSICAL_NICS.items():
            count = sum(row.speed_gbps == speed for row in host.nics)
            if count > limit:
                over[f"{count} physical {speed} GbE NICs (listed maximum {limit})"].append(
                    host.name
                )
    return [
        finding(
            "R43",
            f"{listing(names)} {'has' if len(names) == 1 else 'have'} {what}. The maximums come "
            "from 5.x/6.0 lists and are unverified for your release; check VMware's "
            "configuration maximums and the NIC driver's.",
            objects=[host_obj(n) for n in names],
        )
        for what, names in sorted(over.items())
    ]


def check_notes(design: Design, plan: Plan) -> list[Finding]:
    """R38 (the estimate's input is active memory) and R39 (how the scripts are written)."""
    found = []
    if plan.estimate is not None:
        found.append(
            finding(
                "R38",
                f"The estimate assumes {design.estimate.vm_active_memory_gb:g} GB of active "
                "memory per VM. vMotion copies touched pages, not the configured RAM, so enter "
                "the VM's active or consumed memory.",
                objects=["design"],
            )
        )
    found.append(finding("R39", objects=["design"]))
    return found


CHECKS: tuple[Check, ...] = (
    check_bandwidth,
    check_concurrency,
    check_latency,
    check_ft,
    check_fast_nics,
    check_vswitch_maximums,
    check_cluster_size,
    check_nic_maximums,
    check_notes,
)
