"""The NIC inventory of each host, flattened and ordered the way every other module expects."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import zip_longest
from typing import TypeVar

from app.planner.design import Design, Host, Role

_DIGITS = re.compile(r"(\d+)")
T = TypeVar("T")


def natural_key(text: str) -> tuple[object, ...]:
    """Sort key that orders 'vmnic2' before 'vmnic10' and 'esx2' before 'esx10'."""
    parts = _DIGITS.split(text.lower())
    return tuple(int(part) if part.isdigit() else part for part in parts)


@dataclass(frozen=True)
class Nic:
    """One physical port of a host, with where it sits and what it carries."""

    host: str
    vmnic: str
    card: str
    card_model: str
    card_index: int  # position of the card in the host's card list (card A = 0)
    card_port: int  # 1-based port number on the card
    speed_gbps: int
    role: Role
    label: str = ""  # printed port label (issue 9 §3)


@dataclass(frozen=True)
class HostInventory:
    host: Host
    nics: tuple[Nic, ...]  # in vmnic order

    @property
    def name(self) -> str:
        return self.host.name

    def with_role(self, role: Role) -> list[Nic]:
        return [nic for nic in self.nics if nic.role is role]

    def nic(self, vmnic: str) -> Nic:
        for nic in self.nics:
            if nic.vmnic == vmnic:
                return nic
        raise KeyError(vmnic)


def ordered_hosts(design: Design) -> list[Host]:
    """Hosts in name order: the plan does not depend on the order the document lists them in."""
    return sorted(design.hosts, key=lambda host: natural_key(host.name))


def inventory(design: Design) -> list[HostInventory]:
    """Every host's NICs, hosts in name order and NICs in vmnic order."""
    result = []
    for host in ordered_hosts(design):
        nics = [
            Nic(
                host=host.name,
                vmnic=port.vmnic,
                card=card.slot,
                card_model=card.model,
                card_index=card_index,
                card_port=port_index + 1,
                speed_gbps=port.speed_gbps,
                role=port.role,
                label=port.label,
            )
            for card_index, card in enumerate(design.cards_of(host))
            for port_index, port in enumerate(card.ports)
        ]
        nics.sort(key=lambda nic: natural_key(nic.vmnic))
        result.append(HostInventory(host=host, nics=tuple(nics)))
    return result


def interleave_by_card(items: Sequence[T], card_of: Callable[[T], int]) -> list[T]:
    """A1, B1, A2, B2 …: neighbours sit on different cards wherever the host has them.

    Keeps the order within each card. Used so that a team's active and standby, or a mesh
    peer's lanes, never all depend on one card.
    """
    by_card: dict[int, list[T]] = {}
    for item in items:
        by_card.setdefault(card_of(item), []).append(item)
    columns = [by_card[index] for index in sorted(by_card)]
    return [item for row in zip_longest(*columns) for item in row if item is not None]
