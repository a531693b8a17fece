"""Failover orders (active / standby / unused) for every port group.

vMotion (problem 1, R1-R3): each vMotion port group has exactly one active vmnic, a different one
per port group. Back-to-back, the other uplinks of its vSwitch are unused: a standby uplink would
lead to a different peer (R2). Switched, they are standby, rotated so port group n lists the
uplinks after its own first: vMotion-1 A/B, vMotion-2 B/A (the mirror image, R3).

Other traffic (problem 5): active and standby on different cards, so a card failure leaves a path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.planner.design import FailoverStyle, TeamMode, TeamPolicy, Topology
from app.planner.inventory import Nic, interleave_by_card


@dataclass(frozen=True)
class FailoverOrder:
    active: list[str]
    standby: list[str]
    unused: list[str]


def vmotion_order(
    uplinks: list[str],
    active: str,
    topology: Topology,
    style: FailoverStyle,
    domains: Mapping[str, tuple[str, int]] | None = None,
) -> FailoverOrder:
    """One active uplink; the rest standby or unused, in rotation after the active one.

    Args:
        uplinks: every uplink of the port group's vSwitch, in vmnic order.
        active: the lane's own vmnic (must be in ``uplinks``).
        topology: back-to-back designs default to unused, switched ones to standby.
        style: the user's choice; ``auto`` follows the topology.
        domains: each uplink's failure domain as a (switch, card) tuple. Uplinks that share
            neither with the active one come first, then those sharing one, so the first
            standby (the one ESXi fails over to) survives the active's switch or card failing
            wherever the hardware allows (issue 7); the rotation breaks ties.

    Returns:
        The three lists; together they are exactly ``uplinks`` (a partition).
    """
    start = uplinks.index(active)
    others = uplinks[start + 1 :] + uplinks[:start]
    if domains is not None:
        own = domains[active]
        others.sort(key=lambda uplink: _shared_parts(domains[uplink], own))
    use_standby = style is FailoverStyle.STANDBY or (
        style is FailoverStyle.AUTO and topology is Topology.SWITCHED
    )
    if use_standby:
        return FailoverOrder(active=[active], standby=others, unused=[])
    return FailoverOrder(active=[active], standby=[], unused=others)


def _shared_parts(domain: tuple[str, int], own: tuple[str, int]) -> tuple[bool, bool]:
    """(same switch, same card) of two failure domains; False sorts first."""
    return domain[0] == own[0], domain[1] == own[1]


def team_order(policy: TeamPolicy, nics: list[Nic]) -> FailoverOrder:
    """Failover order of a management, VM-traffic or IP-storage team.

    Active/standby puts the first half (one per card, card A first) active and the rest standby,
    so active and standby never share a card when the hardware allows. All-active teams (and IP
    hash teams, which need all uplinks active: R21) list every uplink as active.
    """
    ordered = [nic.vmnic for nic in interleave_by_card(nics, lambda nic: nic.card_index)]
    if policy.mode is TeamMode.ACTIVE_ACTIVE or len(ordered) < 2:
        return FailoverOrder(active=ordered, standby=[], unused=[])
    half = (len(ordered) + 1) // 2
    return FailoverOrder(active=ordered[:half], standby=ordered[half:], unused=[])
