"""vMotion lane rules: failover orders (R1-R3), subnets per topology (R4-R6), stacks (R26, R27),
vSwitch per cable (R30), full mesh (R31) and /31 links (R37).

Back-to-back (problem 3): vmk n on host A reaches only vmk n on host B, so each cable needs its
own subnet and its own vSwitch with one active uplink. Switched (E4): every vmk reaches every
peer vmk, so one shared subnet with mirror-image active/standby orders is the VMware procedure.
"""

from __future__ import annotations

from collections import defaultdict
from ipaddress import IPv4Network

from app.planner.catalog import finding
from app.planner.design import AddressingMode, Design, Netstack, Role, Topology
from app.planner.naming import MANAGEMENT_VMK
from app.planner.result import Cable, Finding, HostPlan, Plan, PortGroup, Severity, Vmk
from app.planner.rules_common import (
    Check,
    cable_obj,
    host_obj,
    listing,
    pg_obj,
    vmk_by_name,
    vmk_cable,
    vmk_obj,
    vmk_of_vmnic,
    vmotion_enabled,
    vmotion_portgroups,
    vmotion_vmks,
)


def check_failover(design: Design, plan: Plan) -> list[Finding]:
    """R1/R2 on back-to-back port groups, R3 on switched ones."""
    direct = design.topology is Topology.DIRECT
    return [
        f
        for host in plan.hosts
        for pg in vmotion_portgroups(host)
        for f in (_direct_order(host.name, pg) if direct else _switched_order(host.name, pg))
    ]


def _direct_order(host: str, pg: PortGroup) -> list[Finding]:
    found = []
    obj = [pg_obj(host, pg.name)]
    if len(pg.active) != 1:
        text = (
            f"{host} port group {pg.name} has {len(pg.active)} active uplinks "
            f"({listing(pg.active) or 'none'}); a directly cabled vMotion vmk must have "
            "exactly one."
        )
        found.append(finding("R1", text, objects=obj))
    if pg.standby:
        text = (
            f"{host} port group {pg.name} lists {listing(pg.standby)} as standby. On "
            "point-to-point cables a failover would send vMotion to a different peer host port."
        )
        found.append(finding("R2", text, objects=obj))
    return found


def _switched_order(host: str, pg: PortGroup) -> list[Finding]:
    if not pg.unused:
        return []
    text = (
        f"{host} port group {pg.name} sets {listing(pg.unused)} to Unused; on a switched vMotion "
        "network the other vMotion vmnics should be Standby (mirror image per port group), or "
        "the vmk loses failover."
    )
    return [finding("R3", text, objects=[pg_obj(host, pg.name)])]


def check_switched_subnet(design: Design, plan: Plan) -> list[Finding]:
    """R4: switched vMotion vmks must share one L2 subnet unless vMotion is routed."""
    if design.topology is not Topology.SWITCHED:
        return []
    by_network: dict[IPv4Network, list[str]] = defaultdict(list)
    stack = design.vmotion.netstack
    for host in plan.hosts:
        # The lanes, and any service vmk vMotion also uses (same stack, vMotion enabled).
        for vmk in host.vmks:
            if vmk in vmotion_vmks(host) or (vmk.netstack is stack and vmotion_enabled(vmk)):
                by_network[vmk.address.network].append(vmk_obj(host.name, vmk.name))
    if len(by_network) <= 1 or _routed(design, plan):
        return []
    networks = sorted(by_network)
    return [
        finding(
            "R4",
            f"The switched vMotion vmks are spread over {len(networks)} subnets "
            f"({listing(str(n) for n in networks)}) without a vMotion-stack gateway: a vmk in "
            "one subnet cannot reach the peer vmks in the others, yet vMotion expects every "
            "vmk pair to connect.",
            objects=["design", *sorted(obj for objs in by_network.values() for obj in objs)],
        )
    ]


def _routed(design: Design, plan: Plan) -> bool:
    """Routed (L3) vMotion: vmotion netstack with a gateway on every host."""
    if design.vmotion.netstack is not Netstack.VMOTION:
        return False
    return all(
        design.vmotion.gateway is not None or "vmotion" in host.netstack_gateways
        for host in plan.hosts
    )


def check_cable_subnets(design: Design, plan: Plan) -> list[Finding]:
    """R5 (cables sharing a subnet) and R6 (a cable without one dedicated subnet)."""
    if design.topology is not Topology.DIRECT:
        return []
    found = _shared_between_cables(plan)
    found += _cable_ends(plan)
    found += _overlapping_cables(plan)
    return found


def _shared_between_cables(plan: Plan) -> list[Finding]:
    by_network: dict[IPv4Network, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for host in plan.hosts:
        cable_of = vmk_cable(host)
        for vmk in vmotion_vmks(host):
            cable = cable_of.get(vmk.name, "")
            by_network[vmk.address.network][cable].append(vmk_obj(host.name, vmk.name))
    found = []
    for network, cables in sorted(by_network.items()):
        if len(cables) < 2:
            continue
        vmks = sorted(obj for objs in cables.values() for obj in objs)
        found.append(
            finding(
                "R5",
                f"{len(vmks)} vMotion vmks on {len(cables)} different cables share subnet "
                f"{network} ({listing(v.removeprefix('vmk:') for v in vmks)}). On direct cables "
                "a vmk reaches only the vmk at the other end of its own cable; with one shared "
                "subnet vMotion connects to peer addresses behind other cables and stalls "
                "('stuck at 9%', 'failed to connect over the vMotion network').",
                objects=[*(cable_obj(c) for c in sorted(cables) if c), *vmks],
            )
        )
    return found


def _cable_ends(plan: Plan) -> list[Finding]:
    hosts = {host.name: host for host in plan.hosts}
    found = []
    for cable in plan.cables:
        if cable.role is not Role.VMOTION or cable.a.device not in hosts:
            continue
        ends = [_end_vmk(hosts.get(end.device), end.port) for end in (cable.a, cable.b)]
        problem = _end_problem(cable, ends)
        if problem:
            objs = [cable_obj(cable.id)]
            objs += [vmk_obj(e[0], e[1]) for e in ends if e is not None]
            found.append(finding("R6", f"Cable {cable.id}: {problem}", objects=objs))
    return found


def _end_vmk(host: HostPlan | None, vmnic: str) -> tuple[str, str, IPv4Network, str] | None:
    """(host, vmk, subnet, address) of the vMotion vmk on one cable end, if one is planned."""
    if host is None:
        return None
    name = vmk_of_vmnic(host).get(vmnic)
    vmk = vmk_by_name(host).get(name or "")
    if vmk is None:
        return None
    return host.name, vmk.name, vmk.address.network, str(vmk.address.ip)


def _end_problem(cable: Cable, ends: list[tuple[str, str, IPv4Network, str] | None]) -> str:
    a, b = ends
    if a is None or b is None:
        return ""  # no address at one end: the pool ran out, which P1 already reports
    if a[2] != b[2]:
        return (
            f"the ends are in different subnets ({a[0]} {a[1]} {a[3]}/{a[2].prefixlen}, "
            f"{b[0]} {b[1]} {b[3]}/{b[2].prefixlen}); they must be the two usable addresses "
            "of one dedicated subnet."
        )
    if cable.subnet is not None and a[2] != cable.subnet:
        return f"the ends are in {a[2]}, not in the cable's own subnet {cable.subnet}."
    return ""


def _overlapping_cables(plan: Plan) -> list[Finding]:
    subnets = sorted((cable.subnet, cable.id) for cable in plan.cables if cable.subnet is not None)
    found = []
    for index, (net, cable) in enumerate(subnets):
        for other_net, other in subnets[index + 1 :]:
            if net.overlaps(other_net):
                found.append(
                    finding(
                        "R6",
                        f"Cables {cable} ({net}) and {other} ({other_net}) have overlapping "
                        "subnets; each cable needs its own.",
                        objects=sorted([cable_obj(cable), cable_obj(other)]),
                    )
                )
    return found


def check_multihoming(design: Design, plan: Plan) -> list[Finding]:
    """R7: several vmks of one host in one subnet and one stack.

    Exceptions (KB 2010877 / vSphere 8 networking): multi-NIC vMotion (only vMotion lane vmks
    in the subnet) and iSCSI port binding (only bound iSCSI vmks). vmk0 in such a group is R8/R9,
    and back-to-back vMotion vmks sharing a subnet are R5: both say more precisely what goes
    wrong, so they are not repeated here; the other vmks of a group with vmk0 still are R7
    (KB 2010877's own example: management, vMotion and iSCSI in one /24).
    """
    found = []
    for host in plan.hosts:
        groups: dict[tuple[str, IPv4Network], list[Vmk]] = defaultdict(list)
        for vmk in host.vmks:
            if vmk.name != MANAGEMENT_VMK:
                groups[(vmk.netstack.value, vmk.address.network)].append(vmk)
        for key, vmks in sorted(groups.items()):
            if len(vmks) < 2 or _port_bound(vmks):
                continue
            names = [vmk.name for vmk in vmks]
            found.append(
                finding(
                    "R7",
                    f"{host.name}: {listing(names)} ({listing(v.purpose for v in vmks)}) are in "
                    f"the same subnet {key[1]} on the {key[0]} TCP/IP stack; one of them would "
                    "carry all egress to that subnet.",
                    objects=[vmk_obj(host.name, name) for name in names],
                )
            )
    return found


def _port_bound(vmks: list[Vmk]) -> bool:
    """Only vMotion vmks (multi-NIC vMotion), or only iSCSI vmks bound to one vmnic each."""
    return all(vmotion_enabled(vmk) for vmk in vmks) or all(vmk.purpose == "iscsi" for vmk in vmks)


def check_management_subnet(design: Design, plan: Plan) -> list[Finding]:
    """R8 (error), or R9 (warning) when the user explicitly allows vMotion in that subnet.

    A default-stack vmk inside the host's own management subnet is the KB 2010877 case. One
    inside another host's management subnet is R8 too: this host would send its management
    traffic to that host (HA, vCenter hops) out of the vMotion vmk.
    """
    override = design.vmotion.allow_management_subnet
    management = {host.name: _mgmt_network(host) for host in plan.hosts}
    # Distinct subnets once: hosts usually share one, and comparing every pair is O(hosts²).
    networks = {network for network in management.values() if network is not None}
    found = []
    for host in plan.hosts:
        own = management[host.name]
        clashes = _default_stack_vmks_in(host, own)
        if clashes:
            objs = [vmk_obj(host.name, "vmk0"), *(vmk_obj(host.name, v) for v in clashes)]
            text = (
                f"{host.name}: {listing(clashes)} share the management subnet {own} with vmk0 "
                "on the default TCP/IP stack."
            )
            found.append(_r9(host, text, objs) if override else finding("R8", text, objects=objs))
        others = sorted(networks - {own})
        for network in others:
            clashes = _default_stack_vmks_in(host, network)
            if clashes and not override:
                text = (
                    f"{host.name}: {listing(clashes)} on the default TCP/IP stack are in "
                    f"{network}, the management subnet of other hosts; traffic to their "
                    "management addresses would leave through the vMotion vmk."
                )
                objs = [vmk_obj(host.name, v) for v in clashes]
                found.append(finding("R8", text, objects=objs))
    return found


def _default_stack_vmks_in(host: HostPlan, network: IPv4Network | None) -> list[str]:
    """Names of the host's non-management default-stack vmks whose subnet overlaps ``network``."""
    if network is None:
        return []
    return [
        vmk.name
        for vmk in host.vmks
        if vmk.name != MANAGEMENT_VMK
        and vmk.netstack is Netstack.DEFAULT
        and vmk.address.network.overlaps(network)
    ]


def _mgmt_network(host: HostPlan) -> IPv4Network | None:
    for vmk in host.vmks:
        if vmk.name == MANAGEMENT_VMK:
            return vmk.address.network
    return None


def _r9(host: HostPlan, text: str, objs: list[str]) -> Finding:
    if host.advanced.get("Migrate.BindToVmknic") == 1:
        return finding(
            "R9",
            f"{text} Allowed by your override; Migrate.BindToVmknic=1 makes vMotion leave "
            "through its own vmk. Still not recommended.",
            objects=objs,
        )
    return finding(
        "R9",
        f"{text} Allowed by your override, but the plan does not set Migrate.BindToVmknic=1, so "
        "vMotion may leave through vmk0.",
        severity=Severity.ERROR,
        objects=objs,
    )


def check_netstacks(design: Design, plan: Plan) -> list[Finding]:
    """R26 (other services on the vMotion stack) and R27 (vMotion on both stacks)."""
    found = []
    for host in plan.hosts:
        for vmk in host.vmks:
            others = [s for s in vmk.services if s.lower() != "vmotion"]
            if vmk.netstack is Netstack.VMOTION and others:
                found.append(
                    finding(
                        "R26",
                        f"{host.name} {vmk.name} is on the vMotion TCP/IP stack but also tagged "
                        f"for {listing(others)}; that stack carries only vMotion.",
                        objects=[vmk_obj(host.name, vmk.name)],
                    )
                )
        on_default = [
            v.name for v in host.vmks if v.netstack is Netstack.DEFAULT and vmotion_enabled(v)
        ]
        on_stack = [v.name for v in host.vmks if v.netstack is Netstack.VMOTION]
        if on_default and on_stack:
            found.append(
                finding(
                    "R27",
                    f"{host.name} has vMotion vmks on the default stack ({listing(on_default)}) "
                    f"and on the vMotion stack ({listing(on_stack)}); the default-stack ones "
                    "will no longer carry vMotion.",
                    objects=[vmk_obj(host.name, n) for n in [*on_default, *on_stack]],
                )
            )
    return found


def check_direct_layout(design: Design, plan: Plan) -> list[Finding]:
    """R30 (several vMotion vmks on one vSwitch), R31 (mesh of > 2 hosts), R37 (/31)."""
    if design.topology is not Topology.DIRECT:
        return []
    found = []
    for host in plan.hosts:
        per_vswitch: dict[str, list[str]] = defaultdict(list)
        for vmk in vmotion_vmks(host):
            per_vswitch[vmk.vswitch].append(vmk.name)
        for vswitch, names in sorted(per_vswitch.items()):
            if len(names) > 1:
                found.append(
                    finding(
                        "R30",
                        f"{host.name}: {listing(names)} share vSwitch {vswitch}. Several "
                        "back-to-back vMotion vmks on one vSwitch were reported to fail again "
                        "after a host reboot.",
                        objects=[vmk_obj(host.name, n) for n in names],
                    )
                )
    if len(plan.hosts) > 2:
        found.append(_r31(plan))
    if design.effective_addressing is AddressingMode.PER_LINK_31:
        cables = [c.id for c in plan.cables if c.subnet is not None and c.subnet.prefixlen == 31]
        found.append(
            finding(
                "R37",
                f"The vMotion cables use /31 subnets ({listing(cables) or 'none planned'}); "
                "whether ESXi vmks accept a 255.255.255.254 mask is unverified.",
                objects=["design", *(cable_obj(c) for c in cables)],
            )
        )
    return found


def _r31(plan: Plan) -> Finding:
    count = len(plan.hosts)
    cables = [c for c in plan.cables if c.role is Role.VMOTION]
    return finding(
        "R31",
        f"Back-to-back full mesh of {count} hosts: {len(cables)} vMotion cables, each host pair "
        f"with its own cables and subnets ({count - 1} peers per host). vMotion assumes every "
        "vmk pair connects; a mesh of more than two hosts is untested.",
        objects=[host_obj(h.name) for h in plan.hosts],
    )


CHECKS: tuple[Check, ...] = (
    check_failover,
    check_switched_subnet,
    check_cable_subnets,
    check_multihoming,
    check_management_subnet,
    check_netstacks,
    check_direct_layout,
)
