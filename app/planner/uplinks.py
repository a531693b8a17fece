"""Uplinks per role: which switch each vmnic lands on, and on which port.

Every vmnic whose role is not ``unused`` gets a far end (issue 7): back-to-back vMotion in a
direct design (cabling.py), a switch for everything else. ``design.uplinks`` says which switches
a role may use (default: all of them). A role's vmnics, taken card by card (A1, B1, A2, B2 …),
go to those switches in turn, so a team's members sit on different switches and, where the
role has vmnics on several cards, on different cards too (problem 5, P12). Spreading by the
vmnic's position in its role, not by its card number, is what keeps a server with one card, or
with three (LOM + two PCIe), from putting a whole team on one switch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.planner.catalog import finding
from app.planner.design import Design, Role, Switch, Topology
from app.planner.inventory import HostInventory, Nic, interleave_by_card
from app.planner.naming import ROLE_LABELS
from app.planner.result import Finding

CABLED_ROLES = (Role.MANAGEMENT, Role.VMOTION, Role.VM_TRAFFIC, Role.IP_STORAGE)

NicKey = tuple[str, str]  # (host, vmnic)


@dataclass(frozen=True)
class SwitchLanding:
    """Where one host vmnic lands on a switch."""

    switch: Switch
    interface: str
    nic: Nic


def role_switches(design: Design, role: Role) -> list[Switch] | None:
    """The switches a role's vmnics go to, in the order the document names them.

    None means the role is not switched at all: vMotion in a direct design is back-to-back.
    An empty list means the document names no switch for the role (P11).
    """
    if role is Role.VMOTION and design.topology is Topology.DIRECT:
        return None
    names = design.uplinks.for_role(role).switches
    if names is None:
        return list(design.switches)
    by_name = {switch.name.lower(): switch for switch in design.switches}
    chosen: list[Switch] = []
    for name in names:
        switch = by_name[name.lower()]  # design validation guarantees the name resolves
        if switch not in chosen:
            chosen.append(switch)
    return chosen


def choose_switches(
    design: Design, hosts: list[HostInventory], findings: list[Finding]
) -> dict[NicKey, Switch]:
    """(host, vmnic) → switch for every switched vmnic; P11 names the vmnics left without one."""
    choice: dict[NicKey, Switch] = {}
    stranded: dict[Role, list[Nic]] = {}
    for role in CABLED_ROLES:
        targets = role_switches(design, role)
        if targets is None:
            continue
        for inv in hosts:
            nics = interleave_by_card(inv.with_role(role), lambda nic: nic.card_index)
            if not targets:
                stranded.setdefault(role, []).extend(nics)
                continue
            for position, nic in enumerate(nics):
                choice[(nic.host, nic.vmnic)] = targets[position % len(targets)]
    for role, nics in stranded.items():
        if nics:
            findings.append(_no_far_end(design, role, nics))
    return choice


def _no_far_end(design: Design, role: Role, nics: list[Nic]) -> Finding:
    why = (
        "the design lists no switches"
        if not design.switches
        else f"uplinks.{role.value}.switches is empty"
    )
    by_host: dict[str, list[str]] = {}
    for nic in nics:
        by_host.setdefault(nic.host, []).append(nic.vmnic)
    hosts = list(by_host)
    shown = "; ".join(f"{host} {', '.join(by_host[host])}" for host in hosts[:6])
    more = f"; and {len(hosts) - 6} more hosts" if len(hosts) > 6 else ""
    return finding(
        "P11",
        f"{ROLE_LABELS[role]} vmnics have no far end because {why}: {shown}{more}. They are "
        "not cabled, not on any switch port and not tested.",
        objects=[f"host:{host}" for host in hosts],
    )


def number_ports(
    hosts: list[HostInventory],
    choice: dict[NicKey, Switch],
    switches: Iterable[Switch],
    reserved: dict[str, set[str]],
    findings: list[Finding],
) -> list[SwitchLanding]:
    """Give every chosen vmnic the next free port of its switch: host by host, vmnic by vmnic.

    Ports in ``reserved`` (inter-switch links, by switch name) are skipped. A switch that runs
    out of ports leaves the rest of its vmnics uncabled, and P5 says so.
    """
    next_port = {sw.name: sw.first_port for sw in switches}
    landings: list[SwitchLanding] = []
    full: set[str] = set()
    for inv in hosts:
        for nic in inv.nics:
            switch = choice.get((nic.host, nic.vmnic))
            if switch is None:
                continue
            taken = reserved.get(switch.name, set())
            number = next_port[switch.name]
            while f"{switch.port_prefix}{number}" in taken:
                number += 1
            if number >= switch.first_port + switch.port_count:
                full.add(switch.name)
                continue
            next_port[switch.name] = number + 1
            landings.append(SwitchLanding(switch, f"{switch.port_prefix}{number}", nic))
    for name in sorted(full):
        findings.append(
            finding(
                "P5",
                f"Switch {name} has too few free ports for the hosts' vmnics; raise its port "
                "count or add a switch. Vmnics without a port are left uncabled.",
                objects=[f"switch:{name}"],
            )
        )
    return landings
