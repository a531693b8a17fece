"""The plan's network as NetBox rows: VLANs, switch ports, prefixes, vmks, addresses, cables.

Every row is either **existing** (in place before the plan is applied: the management network,
its VLAN, prefix, vmk0 and address, and every cable, port and VLAN the plan marks existing) or
**planned**, and belongs to one host or to the design as a whole (issue 8 items 12, 14, 15).
Existing rows get NetBox's live statuses (``active``, cable ``connected``); planned IPAM rows
are ``reserved`` (NetBox has no "planned" status for them) and planned cables ``planned``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from ipaddress import IPv4Network

from app.planner.design import Role
from app.planner.naming import MANAGEMENT_VMK, role_label
from app.planner.result import Cable, EndKind, SubnetPlan, Vmk
from app.render.base import RenderContext
from app.render.cabling_csv import Cell
from app.render.netbox.columns import (
    ACCESS,
    CABLE_STATUS,
    CABLES,
    EXISTING_STATUS,
    INTERFACES,
    IP_ADDRESSES,
    NETWORK_KINDS,
    PLANNED_IPAM_STATUS,
    PREFIXES,
    SWITCH_PORTS,
    TERMINATION,
    VLANS,
    VMK_TYPE,
    Kind,
    Row,
    Stage,
    Table,
    vlan_cells,
)
from app.render.netbox.identity import Identity
from app.render.netbox.switchports import port_vlans, switch_port_rows

# How a vmk's purpose (Vmk.purpose) reads in a description; others are capitalised.
_PURPOSE_LABELS = {"vmotion": "vMotion", "iscsi": "iSCSI", "nfs": "NFS", "ft": "Fault Tolerance"}


def _status(stage: Stage) -> str:
    return EXISTING_STATUS if stage is Stage.EXISTING else PLANNED_IPAM_STATUS


class Network:
    """Builds the network tables of one render context."""

    def __init__(self, ctx: RenderContext, ident: Identity) -> None:
        self.ctx = ctx
        self.ident = ident
        self.plan = ctx.plan
        self.cables = {c.id: c for c in self.plan.cables}
        self.rows: dict[tuple[Stage, Kind], list[Row]] = defaultdict(list)

    # --- what the plan says about existing objects -----------------------------------------

    def existing_vids(self) -> set[int]:
        """vmk0's VLANs (in place before the plan) and those of host uplinks patched today.

        An existing inter-switch link may be planned to carry more VLANs than today, so its
        VLANs do not make a VLAN existing.
        """
        vids = {
            self._vmk_vlan(h.name, vmk.name)
            for h in self.plan.hosts
            for vmk in h.vmks
            if vmk_existing(vmk)
        }
        vids |= {
            vid
            for s in self.plan.switches
            for p in s.ports
            if p.existing and p.kind == "host"
            for vid in port_vlans(p)
        }
        return vids

    # --- rows -------------------------------------------------------------------------------

    def add(self, stage: Stage, kind: Kind, cells: dict[str, Cell], owner: str | None) -> None:
        cells["tags"] = self.ident.tag
        self.rows[(stage, kind)].append(Row(cells, owner))

    def vlans(self) -> None:
        roles: dict[int, list[Role | None]] = defaultdict(list)
        for host in self.plan.hosts:
            for pg in host.portgroups:
                roles[pg.vlan].append(pg.role)
        for switch in self.plan.switches:
            for port in switch.ports:
                for vid in port_vlans(port):
                    roles[vid].append(port.role)
        existing = self.existing_vids()
        for vid in sorted(set(roles) - {0}):
            # Named after the roles that use it; an inter-switch link only carries it, so adding
            # a link does not rename the VLAN (names must stay the same between revisions).
            used: list[Role | None] = [r for r in roles[vid] if r is not None] or [None]
            labels = ", ".join(dict.fromkeys(role_label(r) for r in used))
            stage = Stage.EXISTING if vid in existing else Stage.PLANNED
            cells: dict[str, Cell] = {
                "group": self.ident.vlan_group,
                "vid": vid,
                "name": f"{labels} (VLAN {vid})",
                "status": _status(stage),
                "description": f"{labels} of the vMotion design",
            }
            self.add(stage, VLANS, cells, None)

    def switch_ports(self) -> None:
        for stage, row in switch_port_rows(self.plan, self.ident.vlan_group):
            self.add(stage, SWITCH_PORTS, row.cells, row.owner)

    def _portgroup_vlan(self, host: str, portgroup: str) -> int:
        return next(pg.vlan for pg in self.plan.host(host).portgroups if pg.name == portgroup)

    def vmks(self) -> None:
        for host in self.plan.hosts:
            for vmk in host.vmks:
                stage = Stage.EXISTING if vmk_existing(vmk) else Stage.PLANNED
                vid = self._portgroup_vlan(host.name, vmk.portgroup)
                description = _vmk_description(vmk)
                interface: dict[str, Cell] = {
                    "device": host.name,
                    "name": vmk.name,
                    "type": VMK_TYPE,
                    "mtu": vmk.mtu,
                    **vlan_cells(self.ident.vlan_group, ACCESS if vid else None, vid, []),
                    "description": description,
                }
                self.add(stage, INTERFACES, interface, host.name)
                address: dict[str, Cell] = {
                    "address": str(vmk.address),
                    "status": _status(stage),
                    "device": host.name,
                    "interface": vmk.name,
                    "description": description,
                }
                self.add(stage, IP_ADDRESSES, address, host.name)

    def prefixes(self) -> None:
        management: dict[IPv4Network, list[str]] = defaultdict(list)
        for host in self.ctx.design.hosts:
            management[host.management.ip.network].append(host.name)
        for network, hosts in management.items():
            vids = {self._vmk_vlan(h, MANAGEMENT_VMK) for h in hosts}
            owner = hosts[0] if len(hosts) == 1 else None
            self._prefix(Stage.EXISTING, network, _only(vids), "Management network", owner)
        for subnet in self.plan.subnets:
            # A vMotion subnet that is the management network (E5) exists already.
            if subnet.network not in management:
                vids = {self._vmk_vlan(m.host, m.vmk) for m in subnet.members}
                owner = self._subnet_owner(subnet)
                self._prefix(Stage.PLANNED, subnet.network, _only(vids), subnet.purpose, owner)

    def _vmk_vlan(self, host: str, name: str) -> int:
        portgroup = next(v.portgroup for v in self.plan.host(host).vmks if v.name == name)
        return self._portgroup_vlan(host, portgroup)

    def _prefix(
        self, stage: Stage, network: IPv4Network, vid: int, text: str, owner: str | None
    ) -> None:
        cells: dict[str, Cell] = {
            "prefix": str(network),
            "status": _status(stage),
            "vlan_group": self.ident.vlan_group if vid else None,
            "vlan": vid or None,
            "description": text,
        }
        self.add(stage, PREFIXES, cells, owner)

    def _subnet_owner(self, subnet: SubnetPlan) -> str | None:
        """A link's /30 goes with its cable; a subnet of one host with it; else shared."""
        if subnet.cable is not None and subnet.cable in self.cables:
            return cable_owner(self.cables[subnet.cable])
        hosts = {m.host for m in subnet.members}
        return hosts.pop() if len(hosts) == 1 else None

    def cable_rows(self) -> None:
        for cable in self.plan.cables:
            stage = Stage.EXISTING if cable.existing else Stage.PLANNED
            lane = f" lane {cable.lane}" if cable.lane is not None else ""
            cells: dict[str, Cell] = {
                "side_a_site": self.ident.site,
                "side_a_device": cable.a.device,
                "side_a_type": TERMINATION,
                "side_a_name": cable.a.port,
                "side_b_site": self.ident.site,
                "side_b_device": cable.b.device,
                "side_b_type": TERMINATION,
                "side_b_name": cable.b.port,
                "status": CABLE_STATUS[stage],
                "label": cable.id,
                "color": cable.color.removeprefix("#").lower(),
                "description": f"{role_label(cable.role)}{lane}: {cable.label}",
            }
            self.add(stage, CABLES, cells, cable_owner(cable))

    def tables(self) -> list[Table]:
        self.vlans()
        self.switch_ports()
        self.prefixes()
        self.vmks()
        self.cable_rows()
        return [
            Table(stage, kind, self.rows[(stage, kind)])
            for stage in (Stage.EXISTING, Stage.PLANNED)
            for kind in NETWORK_KINDS
        ]


def cable_owner(cable: Cable) -> str | None:
    """The host a cable belongs to: its host end (side A of a host-to-host cable)."""
    for end in (cable.a, cable.b):
        if end.kind is EndKind.HOST:
            return end.device
    return None


def _only(vids: Iterable[int]) -> int:
    """The one VLAN of a prefix, or 0 when it has none or several."""
    unique = set(vids) - {0}
    return unique.pop() if len(unique) == 1 else 0


def vmk_existing(vmk: Vmk) -> bool:
    """vmk0, the management vmk, is in place before the plan is applied; every other is new."""
    return vmk.name == MANAGEMENT_VMK


def _vmk_description(vmk: Vmk) -> str:
    lane = f", lane {vmk.lane}" if vmk.lane is not None else ""
    purpose = _PURPOSE_LABELS.get(vmk.purpose, vmk.purpose.capitalize())
    return f"{purpose}{lane}: port group {vmk.portgroup} on {vmk.vswitch}"


def network_tables(ctx: RenderContext, ident: Identity) -> list[Table]:
    """The existing tables, then the planned ones, each in :data:`NETWORK_KINDS` order."""
    return Network(ctx, ident).tables()
