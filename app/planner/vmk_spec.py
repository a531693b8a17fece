"""A planned vmk before it has a name and an address: what storage.py and services.py return."""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network

from app.planner.design import Netstack
from app.planner.result import PortGroup


@dataclass(frozen=True)
class VmkSpec:
    network: str  # the document network it belongs to, e.g. "iSCSI" (one pool per network)
    pool: IPv4Network
    portgroup: PortGroup  # the vmk's own port group, with VLAN and failover order
    mtu: int
    netstack: Netstack
    services: tuple[str, ...]  # esxcli tag names
    purpose: str
    gateway: IPv4Address | None
    bound_vmnic: str = ""  # iSCSI port binding: the one vmnic the vmk uses
