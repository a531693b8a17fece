"""Teaming rules for the non-vMotion traffic and the switch side (R20-R25, R32, R33).

IP hash on a standard vSwitch works only with a static EtherChannel ('mode on') of exactly the
team's ports, on one switch or one stack, with every uplink active and link-status failure
detection (problem 5). A design mistake here is usually the same on every host, so each rule
reports one finding per team listing every host concerned, not one per host.
"""

from __future__ import annotations

from collections import defaultdict

from app.planner.catalog import finding
from app.planner.design import (
    TEAM_ROLES,
    Design,
    EtherChannelMode,
    FailureDetection,
    LoadBalancing,
    Role,
    TeamPolicy,
)
from app.planner.naming import LOAD_BALANCING_LABELS, role_label
from app.planner.result import Finding, HostPlan, Plan, PortGroup
from app.planner.rules_common import (
    Check,
    landed_switches,
    listing,
    pg_obj,
    switch_obj,
    switch_of_port,
)


def _team_portgroups(plan: Plan, role: Role) -> list[tuple[HostPlan, PortGroup]]:
    return [(host, pg) for host in plan.hosts for pg in host.portgroups if pg.role is role]


def _uplinks(host: HostPlan, pg: PortGroup) -> list[str]:
    for vswitch in host.vswitches:
        if vswitch.name == pg.vswitch:
            return list(vswitch.uplinks)
    return [*pg.active, *pg.standby, *pg.unused]


def _pg_names(pairs: list[tuple[HostPlan, PortGroup]]) -> tuple[str, list[str]]:
    """('VM Network on esx01 and esx02', objects) for a message and a finding."""
    names = sorted({pg.name for _, pg in pairs})
    hosts = [host.name for host, _ in pairs]
    return f"{' / '.join(names)} on {listing(hosts)}", [pg_obj(h.name, pg.name) for h, pg in pairs]


def check_etherchannel(design: Design, plan: Plan) -> list[Finding]:
    """R20 (IP hash without a matching static EtherChannel, or the reverse) and R23 (LACP)."""
    found = []
    for role in TEAM_ROLES:
        pairs = _team_portgroups(plan, role)
        if pairs:
            found += _team_bundle(plan, role, design.teaming.for_role(role), pairs)
    return found


def _team_bundle(
    plan: Plan, role: Role, policy: TeamPolicy, pairs: list[tuple[HostPlan, PortGroup]]
) -> list[Finding]:
    where, objs = _pg_names(pairs)
    iphash = any(pg.load_balancing is LoadBalancing.IP_HASH for _, pg in pairs)
    if policy.etherchannel is EtherChannelMode.LACP:
        text = (
            f"The {role_label(role)} team ({where}) asks for LACP, which a standard vSwitch "
            "cannot do."
        )
        return [finding("R23", text, objects=objs)]
    if iphash and policy.etherchannel is EtherChannelMode.NONE:
        text = (
            f"{where} uses Route based on IP hash without a static EtherChannel on the switch "
            "side; the switch sees the same MAC on several ports and traffic is disrupted."
        )
        return [finding("R20", text, objects=objs)]
    if not iphash and policy.etherchannel is EtherChannelMode.STATIC:
        text = (
            f"The {role_label(role)} team ({where}) is bundled in a static EtherChannel but its "
            f'load balancing is "{LOAD_BALANCING_LABELS[policy.load_balancing]}"; an EtherChannel '
            'needs "Route based on IP hash" on the vSwitch.'
        )
        remedy = (
            'Set Load balancing to "Route based on IP hash" (and Uplinks to "All active"), or '
            "remove the EtherChannel."
        )
        return [finding("R20", text, objects=objs, remedy=remedy)]
    if iphash and plan.switches:
        return _members_match(plan, role, pairs)
    return []


def _members_match(
    plan: Plan, role: Role, pairs: list[tuple[HostPlan, PortGroup]]
) -> list[Finding]:
    channels = {(ch.host, ch.role): ch for ch in plan.etherchannels}
    found = []
    for host, pg in pairs:
        uplinks = sorted(_uplinks(host, pg))
        channel = channels.get((host.name, role))
        bundled = sorted(channel.vmnics) if channel else []
        if bundled != uplinks:
            found.append(
                finding(
                    "R20",
                    f"{host.name} {pg.name}: the IP-hash team has {len(uplinks)} uplinks "
                    f"({listing(uplinks)}) but the static EtherChannel bundles {len(bundled)} "
                    f"({listing(bundled) or 'none'}); the port counts must match exactly.",
                    objects=[pg_obj(host.name, pg.name)],
                )
            )
    return found


def check_iphash_policy(design: Design, plan: Plan) -> list[Finding]:
    """R21: an IP-hash port group with standby/unused uplinks or beacon probing."""
    bad: dict[str, list[tuple[HostPlan, PortGroup]]] = defaultdict(list)
    for host in plan.hosts:
        for pg in host.portgroups:
            if pg.role is Role.VMOTION or pg.load_balancing is not LoadBalancing.IP_HASH:
                continue
            problems = []
            if pg.standby:
                problems.append(f"standby uplinks ({listing(pg.standby)})")
            if pg.unused:
                problems.append(f"unused uplinks ({listing(pg.unused)})")
            if pg.failure_detection is FailureDetection.BEACON:
                problems.append("beacon probing")
            if problems:
                bad[" and ".join(problems)].append((host, pg))
    found = []
    for problem, pairs in sorted(bad.items()):
        where, objs = _pg_names(pairs)
        found.append(
            finding(
                "R21",
                f"{where} uses IP hash with {problem}; IP hash needs every uplink active and "
                "link-status-only failure detection.",
                objects=objs,
            )
        )
    return found


def check_iphash_switches(design: Design, plan: Plan) -> list[Finding]:
    """R22: an IP-hash team whose uplinks land on switches that are not one stack."""
    landing = switch_of_port(plan)
    stack = {sw.name: sw.stack for sw in plan.switches}
    bad: dict[tuple[str, ...], list[tuple[HostPlan, PortGroup]]] = defaultdict(list)
    for host in plan.hosts:
        for pg in host.portgroups:
            if pg.load_balancing is not LoadBalancing.IP_HASH:
                continue
            switches = landed_switches(landing, host.name, _uplinks(host, pg))
            stacks = {stack[n] for n in switches}
            if len(switches) > 1 and (len(stacks) > 1 or None in stacks):
                bad[tuple(switches)].append((host, pg))
    found = []
    for group, pairs in sorted(bad.items()):
        where, objs = _pg_names(pairs)
        names = list(group)
        found.append(
            finding(
                "R22",
                f"The IP-hash team {where} spans switches {listing(names)}, which are not one "
                "stack; link aggregation across separate switches is not supported.",
                objects=[*(switch_obj(n) for n in names), *objs],
            )
        )
    return found


def check_vmotion_iphash(design: Design, plan: Plan) -> list[Finding]:
    """R24: a vMotion port group load-balancing by IP hash (one IP pair uses one NIC)."""
    pairs = [
        (host, pg)
        for host, pg in _team_portgroups(plan, Role.VMOTION)
        if pg.load_balancing is LoadBalancing.IP_HASH
    ]
    if not pairs:
        return []
    where, objs = _pg_names(pairs)
    return [
        finding(
            "R24",
            f"vMotion port groups {where} use IP hash: one vMotion between two hosts is one IP "
            "pair and stays on one NIC.",
            objects=objs,
        )
    ]


def check_portfast(design: Design, plan: Plan) -> list[Finding]:
    """R25: a switch with ESXi-facing ports but PortFast off (inter-switch ports must not be)."""
    found = []
    for sw in plan.switches:
        facing = [port for port in sw.ports if port.kind == "host"]
        if facing and not sw.portfast:
            found.append(
                finding(
                    "R25",
                    f"Switch {sw.name} has PortFast off on its {len(facing)} ESXi-facing ports; "
                    "spanning tree then blocks a port for 30-50 s after every link failover or "
                    "failback.",
                    objects=[switch_obj(sw.name)],
                )
            )
    return found


def check_vm_networks(design: Design, plan: Plan) -> list[Finding]:
    """R32 (a VM port-group label missing on some hosts) and R33 (VM port group, no uplinks)."""
    labels: dict[str, set[str]] = {
        host.name: {pg.name for pg in host.portgroups if pg.role is Role.VM_TRAFFIC}
        for host in plan.hosts
    }
    found = []
    for label in sorted(set().union(*labels.values())):
        missing = [name for name, have in labels.items() if label not in have]
        if missing:
            found.append(
                finding(
                    "R32",
                    f"VM port group '{label}' exists on some hosts but not on {listing(missing)}; "
                    "a VM on it cannot be moved to those hosts.",
                    objects=[f"host:{n}" for n in missing],
                )
            )
    pairs = [(h, pg) for h, pg in _team_portgroups(plan, Role.VM_TRAFFIC) if not _uplinks(h, pg)]
    if pairs:
        where, objs = _pg_names(pairs)
        found.append(
            finding(
                "R33",
                f"VM port group {where} is on a vSwitch without physical uplinks; vCenter "
                "blocks vMotion of VMs attached to it by default.",
                objects=objs,
            )
        )
    return found


CHECKS: tuple[Check, ...] = (
    check_etherchannel,
    check_iphash_policy,
    check_iphash_switches,
    check_vmotion_iphash,
    check_portfast,
    check_vm_networks,
)
