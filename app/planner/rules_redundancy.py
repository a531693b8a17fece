"""P12: a team whose uplinks all sit on one switch or one card (problem 5, seed 003).

The planner spreads every team over the switches its role may use and orders failover so the
first standby is on another switch and card (uplinks.py, failover.py). What it cannot change is
the hardware and the document: a role whose vmnics are all on one card, a team of one vmnic, or
a role limited to one switch. Those single points of failure are named here, one finding per
role and cause, listing the hosts, so a 96-host plan stays readable.
"""

from __future__ import annotations

from app.planner.catalog import finding
from app.planner.design import TEAM_ROLES, Design, Role, Topology
from app.planner.naming import ROLE_LABELS
from app.planner.result import Finding, HostPlan, Plan
from app.planner.rules_common import Check, host_obj, listing, switch_obj, switch_of_port


def team_members(
    design: Design, landing: dict[tuple[str, str], str], host: HostPlan
) -> dict[Role, list[tuple[str, str]]]:
    """Role → (switch, card) of every switched uplink of each team of ``host``.

    ``landing`` is :func:`switch_of_port` of the plan. vMotion is a team only when it is
    switched: back-to-back lanes each have their own cable.
    """
    roles = [*TEAM_ROLES]
    if design.topology is Topology.SWITCHED:
        roles.append(Role.VMOTION)
    members: dict[Role, list[tuple[str, str]]] = {}
    for row in host.nics:
        switch = landing.get((host.name, row.vmnic))
        if row.role in roles and switch is not None:
            members.setdefault(row.role, []).append((switch, row.card))
    return members


def check_single_points(design: Design, plan: Plan) -> list[Finding]:
    """P12: every uplink of a team on one switch, or on one card (one finding per cause)."""
    causes: dict[tuple[Role, str, str], list[str]] = {}
    landing = switch_of_port(plan)
    for host in plan.hosts:
        for role, members in team_members(design, landing, host).items():
            switches = sorted({switch for switch, _ in members})
            cards = sorted({card for _, card in members})
            switch = switches[0] if len(switches) == 1 else ""
            card = cards[0] if len(cards) == 1 else ""
            if switch or card:
                causes.setdefault((role, switch, card), []).append(host.name)
    found = []
    for (role, switch, card), hosts in sorted(causes.items(), key=lambda item: item[0]):
        label = ROLE_LABELS[role]
        parts = [f"switch {switch}" if switch else "", f"card '{card}'" if card else ""]
        where = " and ".join(part for part in parts if part)
        objects = [host_obj(h) for h in hosts] + ([switch_obj(switch)] if switch else [])
        found.append(
            finding(
                "P12",
                f"The {label} team of {listing(hosts)} has every uplink on {where}: a single "
                f"point of failure for {label}.",
                objects=objects,
            )
        )
    return found


CHECKS: tuple[Check, ...] = (check_single_points,)
