"""NetBox bulk-import CSVs, so teams that keep NetBox as their source of truth can load the plan.

Column names are those of NetBox's import forms (``InterfaceImportForm``, ``PrefixImportForm``,
``IPAddressImportForm`` and ``CableImportForm`` in netbox-community/netbox). Import them in the
order of :data:`IMPORT_ORDER`: the IP addresses refer to the vmk interfaces, the cables to
interfaces that must already exist on the host and switch devices.

Only what the plan says is written: no cable type, length or DNS name (the design has none), and
the management vmk0 is left out because it exists before the plan is applied. Planned vmks,
subnets and addresses get status ``reserved`` (NetBox has no "planned" status for IPAM objects;
set them to ``active`` once applied); cables get ``planned``.
"""

from __future__ import annotations

from app.planner.design import Role
from app.planner.naming import ROLE_LABELS, role_label
from app.planner.result import Cable, SubnetPlan, Vmk
from app.render.base import Artifact, RenderContext
from app.render.cabling_csv import CSV_MEDIA_TYPE, Cell, cables_for, write_csv

INTERFACE_TYPE = "dcim.interface"
CABLE_STATUS = "planned"
IPAM_STATUS = "reserved"
VMK_INTERFACE_TYPE = "virtual"

CABLE_HEADER = (
    "side_a_device",
    "side_a_type",
    "side_a_name",
    "side_b_device",
    "side_b_type",
    "side_b_name",
    "type",
    "status",
    "label",
    "color",
    "length",
    "length_unit",
    "description",
)
INTERFACE_HEADER = ("device", "name", "type", "mtu", "description")
PREFIX_HEADER = ("prefix", "status", "description")
IP_HEADER = ("address", "status", "device", "interface", "description")

IMPORT_ORDER = (
    "netbox-interfaces.csv",
    "netbox-prefixes.csv",
    "netbox-ip-addresses.csv",
    "netbox-cables.csv",
)


def _suffix(host: str | None) -> str:
    return "" if host is None else f"-{host}"


def _planned_vmks(ctx: RenderContext, host: str | None) -> list[tuple[str, Vmk]]:
    """Every vmk the plan creates (not the management vmk0), host by host."""
    return [
        (plan.name, vmk)
        for plan in ctx.plan.hosts
        if host is None or plan.name == host
        for vmk in plan.vmks
        if vmk.role is not Role.MANAGEMENT
    ]


def _vmk_description(vmk: Vmk) -> str:
    lane = f", lane {vmk.lane}" if vmk.lane is not None else ""
    return f"{ROLE_LABELS[vmk.role]}{lane}: port group {vmk.portgroup} on {vmk.vswitch}"


def _cable_row(cable: Cable) -> list[Cell]:
    lane = f" lane {cable.lane}" if cable.lane is not None else ""
    return [
        cable.a.device,
        INTERFACE_TYPE,
        cable.a.port,
        cable.b.device,
        INTERFACE_TYPE,
        cable.b.port,
        None,  # type: the design does not say which medium
        CABLE_STATUS,
        cable.id,
        cable.color.removeprefix("#").lower(),
        None,  # length and unit: not in the design
        None,
        f"{role_label(cable.role)}{lane}: {cable.label}",
    ]


def _subnets(ctx: RenderContext, host: str | None) -> list[SubnetPlan]:
    return [
        subnet
        for subnet in ctx.plan.subnets
        if host is None or any(member.host == host for member in subnet.members)
    ]


def render(ctx: RenderContext, host: str | None = None) -> list[Artifact]:
    """The four NetBox CSVs (interfaces, prefixes, IP addresses, cables), or one host's rows."""
    vmks = _planned_vmks(ctx, host)
    interfaces: list[list[Cell]] = [
        [name, vmk.name, VMK_INTERFACE_TYPE, vmk.mtu, _vmk_description(vmk)] for name, vmk in vmks
    ]
    prefixes: list[list[Cell]] = [
        [str(s.network), IPAM_STATUS, s.purpose] for s in _subnets(ctx, host)
    ]
    addresses: list[list[Cell]] = [
        [str(vmk.address), IPAM_STATUS, name, vmk.name, _vmk_description(vmk)] for name, vmk in vmks
    ]
    cables = [_cable_row(cable) for cable in cables_for(ctx, host)]
    tables: tuple[tuple[tuple[str, ...], list[list[Cell]]], ...] = (
        (INTERFACE_HEADER, interfaces),
        (PREFIX_HEADER, prefixes),
        (IP_HEADER, addresses),
        (CABLE_HEADER, cables),
    )
    suffix = _suffix(host)
    return [
        Artifact(
            filename=name.replace(".csv", f"{suffix}.csv"),
            media_type=CSV_MEDIA_TYPE,
            content=write_csv(header, rows),
        )
        for name, (header, rows) in zip(IMPORT_ORDER, tables, strict=True)
    ]
