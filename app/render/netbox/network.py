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
from app.planner.naming import ROLE_LABELS
from app.planner.result import Cable, EndKind, SubnetPlan, SwitchPlan, SwitchPort, Vmk
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
    NIC_TYPES,
    PLANNED_IPAM_STATUS,
    PREFIXES,
    SWITCH_PORTS,
    TAGGED,
    TERMINATION,
    UNKNOWN_MEDIUM,
    VLANS,
    VMK_TYPE,
    Kind,
    Row,
    Stage,
    Table,
)
from app.render.netbox.identity import Identity

ISL_LABEL = "Inter-switch link"


def _role_label(role: Role | None) -> str:
    return ISL_LABEL if role is None else ROLE_LABELS[role]


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

    @staticmethod
    def port_vlans(port: SwitchPort) -> list[int]:
        return [port.vlan] if port.vlan else []

    @staticmethod
    def port_existing(port: SwitchPort) -> bool:
        return False

    @staticmethod
    def cable_existing(cable: Cable) -> bool:
        return False

    def existing_vids(self) -> set[int]:
        """The management VLANs (vmk0 is in place before the plan) and those of existing ports."""
        vids = {
            pg.vlan for h in self.plan.hosts for pg in h.portgroups if pg.role is Role.MANAGEMENT
        }
        vids |= {
            vid
            for s in self.plan.switches
            for p in s.ports
            if self.port_existing(p)
            for vid in self.port_vlans(p)
        }
        return vids - {0}

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
                for vid in self.port_vlans(port):
                    roles[vid].append(port.role)
        existing = self.existing_vids()
        for vid in sorted(set(roles) - {0}):
            labels = ", ".join(dict.fromkeys(_role_label(r) for r in roles[vid]))
            stage = Stage.EXISTING if vid in existing else Stage.PLANNED
            cells: dict[str, Cell] = {
                "group": self.ident.vlan_group,
                "vid": vid,
                "name": f"{labels} (VLAN {vid})",
                "status": _status(stage),
                "description": f"{labels} of the vMotion design",
            }
            self.add(stage, VLANS, cells, None)

    def _vlan_cells(self, mode: str | None, untagged: int, tagged: list[int]) -> dict[str, Cell]:
        named = bool(untagged) or bool(tagged)
        return {
            "mode": mode,
            "vlan_group": self.ident.vlan_group if named else None,
            "untagged_vlan": untagged or None,
            "tagged_vlans": ",".join(str(v) for v in tagged) or None,
        }

    def switch_ports(self) -> None:
        for switch in self.plan.switches:
            for port in switch.ports:
                self._switch_port(switch, port)

    def _switch_port(self, switch: SwitchPlan, port: SwitchPort) -> None:
        vids = self.port_vlans(port)
        # Our trunks tag every VLAN (VST); an access port carries the untagged one.
        trunk = port.mode == "trunk"
        cable = self.cables.get(port.cable)
        medium = NIC_TYPES.get(cable.speed_gbps, UNKNOWN_MEDIUM) if cable else UNKNOWN_MEDIUM
        far = f"{port.host} {port.vmnic}" if port.host else "the other switch"
        cells: dict[str, Cell] = {
            "device": switch.name,
            "name": port.interface,
            "type": medium,
            "mtu": switch.mtu,
            **self._vlan_cells(
                TAGGED if trunk else ACCESS,
                0 if trunk or not vids else vids[0],
                vids if trunk else [],
            ),
            "description": f"{_role_label(port.role)}: {port.cable} to {far}",
        }
        stage = Stage.EXISTING if self.port_existing(port) else Stage.PLANNED
        self.add(stage, SWITCH_PORTS, cells, port.host or None)

    def _portgroup_vlan(self, host: str, portgroup: str) -> int:
        return next(pg.vlan for pg in self.plan.host(host).portgroups if pg.name == portgroup)

    def vmks(self) -> None:
        for host in self.plan.hosts:
            for vmk in host.vmks:
                stage = Stage.EXISTING if vmk.role is Role.MANAGEMENT else Stage.PLANNED
                vid = self._portgroup_vlan(host.name, vmk.portgroup)
                description = _vmk_description(vmk)
                interface: dict[str, Cell] = {
                    "device": host.name,
                    "name": vmk.name,
                    "type": VMK_TYPE,
                    "mtu": vmk.mtu,
                    **self._vlan_cells(ACCESS if vid else None, vid, []),
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
            vids = {
                pg.vlan
                for h in hosts
                for pg in self.plan.host(h).portgroups
                if pg.role is Role.MANAGEMENT
            }
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
            stage = Stage.EXISTING if self.cable_existing(cable) else Stage.PLANNED
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
                "description": f"{_role_label(cable.role)}{lane}: {cable.label}",
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


def _vmk_description(vmk: Vmk) -> str:
    lane = f", lane {vmk.lane}" if vmk.lane is not None else ""
    return f"{ROLE_LABELS[vmk.role]}{lane}: port group {vmk.portgroup} on {vmk.vswitch}"


def network_tables(ctx: RenderContext, ident: Identity) -> list[Table]:
    """The existing tables, then the planned ones, each in :data:`NETWORK_KINDS` order."""
    return Network(ctx, ident).tables()
