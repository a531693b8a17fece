"""NetBox 4.4 bulk-import vocabulary: the files, their columns, statuses and interface types.

Column names are the fields of NetBox's import forms (``netbox/dcim/forms/bulk_import.py``,
``netbox/ipam/forms/bulk_import.py``, ``netbox/extras/forms/bulk_import.py``). Two of them are
recent: ``side_a_site``/``side_b_site`` on cables came with NetBox 4.3.5 (#19840) and
``vlan_group``/``untagged_vlan``/``tagged_vlans`` on interfaces with 4.4.6 (#14171), so the
file set needs NetBox 4.4.6 or later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from app.render.cabling_csv import Cell


class Stage(StrEnum):
    """Which NetBox a file is for; decides its file-name prefix and its place in the order."""

    PREREQUISITE = "prereq"  # an empty NetBox only: sites, device types, devices, ...
    SETUP = "setup"  # every NetBox, once per design: the tag the other rows carry
    EXISTING = "existing"  # what is in place today; skip where NetBox holds it already
    PLANNED = "planned"  # what the plan adds


@dataclass(frozen=True)
class Kind:
    """One NetBox object type as a CSV file: its name, columns and NetBox 4.x menu."""

    stem: str
    header: tuple[str, ...]
    menu: str


@dataclass
class Row:
    """One import row; ``owner`` is the host it belongs to (None: shared by the design)."""

    cells: dict[str, Cell]
    owner: str | None = None


@dataclass
class Table:
    stage: Stage
    kind: Kind
    rows: list[Row] = field(default_factory=list)


SITES = Kind("sites", ("name", "slug", "status", "description"), "Organization → Sites")
MANUFACTURERS = Kind("manufacturers", ("name", "slug", "description"), "Devices → Manufacturers")
DEVICE_ROLES = Kind(
    "device-roles", ("name", "slug", "color", "vm_role", "description"), "Devices → Device Roles"
)
# Device types go as YAML: only that format carries interface templates (the vmnics).
DEVICE_TYPES = Kind("device-types", (), "Devices → Device Types")
VIRTUAL_CHASSIS = Kind("virtual-chassis", ("name", "description"), "Devices → Virtual Chassis")
DEVICES = Kind(
    "devices",
    (
        "name",
        "role",
        "manufacturer",
        "device_type",
        "status",
        "site",
        "virtual_chassis",
        "vc_position",
        "description",
    ),
    "Devices → Devices",
)
VLAN_GROUPS = Kind("vlan-groups", ("name", "slug", "description"), "IPAM → VLAN Groups")
TAGS = Kind("tags", ("name", "slug", "color", "description"), "Customization → Tags")
VLANS = Kind("vlans", ("group", "vid", "name", "status", "description", "tags"), "IPAM → VLANs")
INTERFACE_HEADER = (
    "device",
    "name",
    "type",
    "lag",
    "mtu",
    "mode",
    "vlan_group",
    "untagged_vlan",
    "tagged_vlans",
    "description",
    "tags",
)
SWITCH_PORTS = Kind("switch-ports", INTERFACE_HEADER, "Devices → Interfaces")
INTERFACES = Kind("interfaces", INTERFACE_HEADER, "Devices → Interfaces")
PREFIXES = Kind(
    "prefixes",
    ("prefix", "status", "vlan_group", "vlan", "description", "tags"),
    "IPAM → Prefixes",
)
IP_ADDRESSES = Kind(
    "ip-addresses",
    ("address", "status", "device", "interface", "description", "tags"),
    "IPAM → IP Addresses",
)
CABLES = Kind(
    "cables",
    (
        "side_a_site",
        "side_a_device",
        "side_a_type",
        "side_a_name",
        "side_b_site",
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
        "tags",
    ),
    "Connections → Cables",
)

# The network files. Every VLAN comes before the switch ports and prefixes that name it, every
# port (existing or planned) before any cable, interfaces before the addresses on them.
NETWORK_KINDS = (VLANS, SWITCH_PORTS, PREFIXES, INTERFACES, IP_ADDRESSES, CABLES)
_HOST_KINDS = (PREFIXES, INTERFACES, IP_ADDRESSES, CABLES)

PREREQUISITE_KINDS = (SITES, MANUFACTURERS, DEVICE_ROLES, DEVICE_TYPES, VIRTUAL_CHASSIS, DEVICES)
SETUP_KINDS = (TAGS, VLAN_GROUPS)
# Every file the set can have, in import order (docs/outputs.md shows this table).
IMPORT_ORDER = (
    *((Stage.PREREQUISITE, kind) for kind in PREREQUISITE_KINDS),
    *((Stage.SETUP, kind) for kind in SETUP_KINDS),
    (Stage.EXISTING, VLANS),
    (Stage.PLANNED, VLANS),
    (Stage.EXISTING, SWITCH_PORTS),
    (Stage.PLANNED, SWITCH_PORTS),
    *((Stage.EXISTING, kind) for kind in _HOST_KINDS),
    *((Stage.PLANNED, kind) for kind in _HOST_KINDS),
)

# Statuses: NetBox has "planned" for cables only; planned IPAM objects are "reserved".
EXISTING_STATUS = "active"
PLANNED_IPAM_STATUS = "reserved"
CABLE_STATUS = {Stage.EXISTING: "connected", Stage.PLANNED: "planned"}
TERMINATION = "dcim.interface"
VMK_TYPE = "virtual"
# A switch port's medium is not in the design; "other" is NetBox's honest choice for that.
UNKNOWN_MEDIUM = "other"
# NetBox InterfaceTypeChoices for a vmnic of each speed. The design does not say copper or
# fibre; these are the common server NICs (edit the device type where yours differ).
NIC_TYPES = {
    1: "1000base-t",
    10: "10gbase-x-sfpp",
    25: "25gbase-x-sfp28",
    40: "40gbase-x-qsfpp",
    100: "100gbase-x-qsfp28",
}
# NetBox's 802.1Q modes: our access ports and VST trunks.
ACCESS = "access"
TAGGED = "tagged"
LAG_TYPE = "lag"


def vlan_cells(group: str, mode: str | None, untagged: int, tagged: list[int]) -> dict[str, Cell]:
    """An interface's 802.1Q columns; NetBox looks the VIDs up within ``group``."""
    named = bool(untagged) or bool(tagged)
    return {
        "mode": mode,
        "vlan_group": group if named else None,
        "untagged_vlan": untagged or None,
        "tagged_vlans": ",".join(str(v) for v in tagged) or None,
    }
