"""What an empty NetBox needs before the network files: site, manufacturer, roles, device
types, virtual chassis and devices (issue 8 item 13).

Hosts get device types whose interface templates are their vmnics (one type per distinct NIC
layout), so each host device is created with ``vmnic0``… already on it. Switches get a device
type per platform without ports: the design knows only the ports the plan uses, and
``netbox-switch-ports.csv`` creates those with their mode and VLANs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import yaml

from app.planner.design import Host
from app.render.base import RenderContext
from app.render.cabling_csv import Cell
from app.render.netbox.columns import (
    DEVICE_ROLES,
    DEVICES,
    MANUFACTURERS,
    NIC_TYPES,
    SITES,
    VIRTUAL_CHASSIS,
    Row,
    Stage,
    Table,
)
from app.render.netbox.identity import NAME_LIMIT, Identity
from app.render.switch_common import one_line

MANUFACTURER = "Generic"
HOST_ROLE = "ESXi host"
SWITCH_ROLE = "Switch"
ROLE_COLORS = {HOST_ROLE: "0072b2", SWITCH_ROLE: "6b7280"}
DEVICE_STATUS = "active"
PLATFORM_LABELS = {"nxos": "NX-OS", "ios": "IOS", "iosxe": "IOS-XE"}

Layout = tuple[tuple[str, int], ...]  # (vmnic, speed) in card order


@dataclass(frozen=True)
class DeviceType:
    model: str
    slug: str
    interfaces: Layout  # empty for switches


def _layout(ctx: RenderContext, host: Host) -> Layout:
    return tuple((p.vmnic, p.speed_gbps) for c in ctx.design.cards_of(host) for p in c.ports)


def _summary(layout: Layout) -> str:
    counts = Counter(speed for _, speed in layout)
    return " + ".join(f"{n} × {speed} GbE" for speed, n in sorted(counts.items()))


def host_types(ctx: RenderContext) -> dict[str, DeviceType]:
    """Host name → its device type; hosts with the same vmnics and speeds share one."""
    by_layout: dict[Layout, DeviceType] = {}
    models: Counter[str] = Counter()
    for host in ctx.design.hosts:
        layout = _layout(ctx, host)
        if layout not in by_layout:
            model = f"ESXi host, {_summary(layout)}"
            models[model] += 1
            # Same speeds, other vmnic names: a second type, told apart by a variant number.
            if models[model] > 1:
                model = f"{model} (variant {models[model]})"
            by_layout[layout] = DeviceType(model, _type_slug(model), layout)
    return {host.name: by_layout[_layout(ctx, host)] for host in ctx.design.hosts}


def _type_slug(model: str) -> str:
    text = model.lower().replace("×", "x").replace("+", "and")
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def switch_type(platform: str) -> DeviceType:
    model = f"Switch, {PLATFORM_LABELS.get(platform, platform)}"
    return DeviceType(model, _type_slug(model), ())


def _device_types(ctx: RenderContext) -> list[DeviceType]:
    types = list(dict.fromkeys(host_types(ctx).values()))
    types += list(dict.fromkeys(switch_type(s.platform) for s in ctx.design.switches))
    return types


def device_types_yaml(ctx: RenderContext) -> str:
    """The device types as YAML documents (NetBox's device-type import takes several)."""
    documents = [
        {
            "manufacturer": MANUFACTURER,
            "model": t.model,
            "slug": t.slug,
            "u_height": 1 if not t.interfaces else 2,
            "interfaces": [{"name": n, "type": NIC_TYPES[s]} for n, s in t.interfaces],
        }
        for t in _device_types(ctx)
    ]
    for document in documents:
        if not document["interfaces"]:
            del document["interfaces"]
    return yaml.safe_dump_all(documents, sort_keys=False, allow_unicode=True)


def chassis_name(stack: str) -> str:
    """A stack label (free text in the design) as one safe line, the virtual chassis' name."""
    return one_line(stack, NAME_LIMIT) or "stack"


def _devices(ctx: RenderContext, ident: Identity) -> list[Row]:
    types = host_types(ctx)
    rows = [
        Row(
            {
                "name": h.name,
                "role": HOST_ROLE,
                "manufacturer": MANUFACTURER,
                "device_type": types[h.name].model,
                "status": DEVICE_STATUS,
                "site": ident.site,
                "description": "ESXi host of the vMotion design",
            }
        )
        for h in ctx.design.hosts
    ]
    positions: Counter[str] = Counter()
    for switch in ctx.design.switches:
        cells: dict[str, Cell] = {
            "name": switch.name,
            "role": SWITCH_ROLE,
            "manufacturer": MANUFACTURER,
            "device_type": switch_type(switch.platform).model,
            "status": DEVICE_STATUS,
            "site": ident.site,
            "description": "Switch of the vMotion design",
        }
        if switch.stack is not None:
            stack = chassis_name(switch.stack)
            positions[stack] += 1
            cells |= {"virtual_chassis": stack, "vc_position": positions[stack]}
        rows.append(Row(cells))
    return rows


def prerequisite_tables(ctx: RenderContext, ident: Identity) -> list[Table]:
    """Every prerequisite CSV table, in import order (device types are the YAML file)."""
    stacks = list(
        dict.fromkeys(chassis_name(s.stack) for s in ctx.design.switches if s.stack is not None)
    )
    roles = [
        Row({"name": r, "slug": _type_slug(r), "color": c, "vm_role": "false"})
        for r, c in ROLE_COLORS.items()
    ]
    site = Row({"name": ident.site, "slug": ident.site_slug, "status": DEVICE_STATUS})
    return [
        Table(Stage.PREREQUISITE, SITES, [site]),
        Table(Stage.PREREQUISITE, MANUFACTURERS, [Row({"name": MANUFACTURER, "slug": "generic"})]),
        Table(Stage.PREREQUISITE, DEVICE_ROLES, roles),
        Table(
            Stage.PREREQUISITE,
            VIRTUAL_CHASSIS,
            [Row({"name": s, "description": "Switch stack"}) for s in stacks],
        ),
        Table(Stage.PREREQUISITE, DEVICES, _devices(ctx, ident)),
    ]
