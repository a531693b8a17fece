"""A small model of NetBox 4.4.6's bulk import, to check our file sets without a NetBox.

NetBox is not on PyPI, so these are its import rules as its source states them
(``dcim/forms/bulk_import.py``, ``ipam/forms/bulk_import.py``, the models' ``clean()`` and
unique constraints), reduced to what our files touch:

- columns must be fields of the import form, required ones present, choices valid;
- a file is imported row by row and rolled back whole at the first failing row;
- import only creates: a row naming an object that exists (same name in its scope) fails;
- references are looked up by name (devices by name, within ``side_x_site`` where given;
  VLANs by VID within ``vlan_group``) and must resolve to exactly one object;
- device types (YAML) carry interface templates; a new device gets their interfaces;
- prefixes and IP addresses are unique in the global table (ENFORCE_GLOBAL_UNIQUE=True);
- an interface with an untagged VLAN needs a mode, tagged VLANs need mode ``tagged``; a
  member's ``lag`` is a LAG interface of the same device;
- a cable ends on two existing, uncabled, non-virtual interfaces.
"""

from __future__ import annotations

import copy
import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from ipaddress import IPv4Interface, IPv4Network

import yaml

FORM_FIELDS = {
    "sites": "name slug status region group tenant facility time_zone description "
    "physical_address shipping_address latitude longitude comments tags",
    "manufacturers": "name slug description tags",
    "device-roles": "name slug parent color vm_role config_template description tags",
    "virtual-chassis": "name domain master description comments tags",
    "devices": "name role tenant manufacturer device_type platform serial asset_tag status site "
    "location rack position face latitude longitude parent device_bay airflow virtual_chassis "
    "vc_position vc_priority cluster description config_template comments tags",
    "tags": "name slug color description weight object_types",
    "vlan-groups": "name slug scope_type scope_id vid_ranges tenant description tags",
    "vlans": "site group vid name tenant status role description qinq_role qinq_svlan comments "
    "tags",
    "interfaces": "device name label parent bridge lag type speed duplex enabled mark_connected "
    "wwn vdcs mtu mgmt_only description poe_mode poe_type mode vlan_group untagged_vlan "
    "tagged_vlans qinq_svlan vrf rf_role rf_channel rf_channel_frequency rf_channel_width "
    "tx_power tags",
    "prefixes": "prefix vrf tenant vlan_group vlan_site vlan status role scope_type scope_id "
    "is_pool mark_utilized description comments tags",
    "ip-addresses": "address vrf tenant status role device virtual_machine interface fhrp_group "
    "is_primary is_oob dns_name description comments tags",
    "cables": "side_a_site side_a_device side_a_type side_a_name side_b_site side_b_device "
    "side_b_type side_b_name type status tenant label color length length_unit description "
    "comments tags",
}
REQUIRED = {
    "sites": "name slug status",
    "manufacturers": "name slug",
    "device-roles": "name slug",
    "virtual-chassis": "name",
    "devices": "role manufacturer device_type status site",
    "tags": "name slug",
    "vlan-groups": "name slug",
    "vlans": "vid name status",
    "interfaces": "device name type",
    "prefixes": "prefix status",
    "ip-addresses": "address status",
    "cables": "side_a_device side_a_type side_a_name side_b_device side_b_type side_b_name",
}
CHOICES = {
    ("sites", "status"): {"planned", "staging", "active", "decommissioning", "retired"},
    ("devices", "status"): {"offline", "active", "planned", "staged", "failed", "inventory",
                            "decommissioning"},
    ("vlans", "status"): {"active", "reserved", "deprecated"},
    ("prefixes", "status"): {"container", "active", "reserved", "deprecated"},
    ("ip-addresses", "status"): {"active", "reserved", "deprecated", "dhcp", "slaac"},
    ("cables", "status"): {"connected", "planned", "decommissioning"},
    ("interfaces", "mode"): {"access", "tagged", "tagged-all", "q-in-q"},
    ("cables", "side_a_type"): {"dcim.interface", "dcim.frontport", "dcim.rearport"},
    ("cables", "side_b_type"): {"dcim.interface", "dcim.frontport", "dcim.rearport"},
}  # fmt: skip
INTERFACE_TYPES = {
    "virtual", "bridge", "lag", "other", "1000base-t", "10gbase-t", "10gbase-x-sfpp",
    "25gbase-x-sfp28", "40gbase-x-qsfpp", "100gbase-x-qsfp28",
}  # fmt: skip
NOT_CABLEABLE = {"virtual", "bridge", "lag"}
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
HEX_COLOR = re.compile(r"^[0-9a-f]{6}$")


class ImportError_(Exception):
    """A row NetBox would reject (the message names the row and the field)."""


@dataclass
class Device:
    name: str
    site: str
    interfaces: dict[str, dict[str, object]] = field(default_factory=dict)


@dataclass
class NetBox:
    """The objects a NetBox holds, keyed as NetBox's unique constraints key them."""

    sites: dict[str, str] = field(default_factory=dict)  # name -> slug
    manufacturers: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    device_types: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    type_slugs: set[str] = field(default_factory=set)
    chassis: set[str] = field(default_factory=set)
    chassis_positions: set[tuple[str, int]] = field(default_factory=set)
    devices: list[Device] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)  # slug -> name
    vlan_groups: dict[str, str] = field(default_factory=dict)  # name -> slug
    vlans: dict[tuple[str, int], str] = field(default_factory=dict)  # (group, vid) -> name
    prefixes: set[IPv4Network] = field(default_factory=set)
    addresses: set[IPv4Interface] = field(default_factory=set)
    cables: list[tuple[tuple[str, str], tuple[str, str], str]] = field(default_factory=list)

    # --- import ----------------------------------------------------------------------------

    def import_file(self, filename: str, text: str) -> None:
        """Import one file all or nothing (raises :class:`ImportError_` and keeps the state)."""
        kind = kind_of(filename)
        before = copy.deepcopy(self.__dict__)
        try:
            if kind == "device-types":
                for n, document in enumerate(yaml.safe_load_all(text), start=1):
                    self._device_type(n, document)
            else:
                handler: Callable[[int, dict[str, str]], None] = getattr(
                    self, "_" + kind.replace("-", "_")
                )
                for n, row in enumerate(parse_csv(kind, text), start=1):
                    handler(n, row)
        except ImportError_:
            self.__dict__.update(before)
            raise

    # --- helpers ---------------------------------------------------------------------------

    def device(self, n: int, name: str, site: str = "") -> Device:
        found = [d for d in self.devices if d.name == name and (not site or d.site == site)]
        if len(found) != 1:
            what = "not found" if not found else "not a unique value; multiple objects were found"
            raise ImportError_(f"Row {n} device: {name!r} is {what}")
        return found[0]

    def vlan(self, n: int, group: str, vid: str) -> None:
        if (group, int(vid)) not in self.vlans:
            raise ImportError_(f"Row {n}: VLAN {vid} not found in group {group!r}")

    def check_tags(self, n: int, row: dict[str, str]) -> None:
        for tag in filter(None, row.get("tags", "").split(",")):
            if tag not in self.tags:
                raise ImportError_(f"Row {n} tags: tag {tag!r} not found")

    # --- one handler per file kind ---------------------------------------------------------

    def _sites(self, n: int, row: dict[str, str]) -> None:
        _slug(n, row["slug"])
        if row["name"] in self.sites or row["slug"] in self.sites.values():
            raise ImportError_(f"Row {n}: site {row['name']!r} already exists")
        self.sites[row["name"]] = row["slug"]

    def _manufacturers(self, n: int, row: dict[str, str]) -> None:
        _slug(n, row["slug"])
        if row["name"] in self.manufacturers:
            raise ImportError_(f"Row {n}: manufacturer {row['name']!r} already exists")
        self.manufacturers.add(row["name"])

    def _device_roles(self, n: int, row: dict[str, str]) -> None:
        _slug(n, row["slug"])
        if row["name"] in self.roles or not HEX_COLOR.match(row["color"]):
            raise ImportError_(f"Row {n}: role {row['name']!r} exists or has a bad colour")
        self.roles.add(row["name"])

    def _device_type(self, n: int, doc: dict[str, object]) -> None:
        manufacturer, model, slug = str(doc["manufacturer"]), str(doc["model"]), str(doc["slug"])
        _slug(n, slug)
        if manufacturer not in self.manufacturers:
            raise ImportError_(f"Record {n} manufacturer: {manufacturer!r} not found")
        if (manufacturer, model) in self.device_types or slug in self.type_slugs:
            raise ImportError_(f"Record {n}: device type {model!r} already exists")
        templates = doc.get("interfaces", [])
        assert isinstance(templates, list)
        names = [str(t["name"]) for t in templates]
        if len(set(names)) != len(names):
            raise ImportError_(f"Record {n}: duplicate interface template")
        if any(t["type"] not in INTERFACE_TYPES for t in templates):
            raise ImportError_(f"Record {n}: invalid interface type")
        self.device_types[(manufacturer, model)] = [(str(t["name"]), t["type"]) for t in templates]
        self.type_slugs.add(slug)

    def _virtual_chassis(self, n: int, row: dict[str, str]) -> None:
        if row["name"] in self.chassis:
            raise ImportError_(f"Row {n}: virtual chassis {row['name']!r} already exists")
        self.chassis.add(row["name"])

    def _devices(self, n: int, row: dict[str, str]) -> None:
        key = (row["manufacturer"], row["device_type"])
        if row["role"] not in self.roles or key not in self.device_types:
            raise ImportError_(f"Row {n}: role or device type not found")
        if row["site"] not in self.sites:
            raise ImportError_(f"Row {n} site: {row['site']!r} not found")
        if any(d.name == row["name"] and d.site == row["site"] for d in self.devices):
            raise ImportError_(f"Row {n}: device {row['name']!r} already exists in its site")
        if vc := row.get("virtual_chassis"):
            position = (vc, int(row.get("vc_position") or 0))
            if vc not in self.chassis or not position[1] or position in self.chassis_positions:
                raise ImportError_(f"Row {n}: virtual chassis {vc!r} or its position is wrong")
            self.chassis_positions.add(position)
        device = Device(row["name"], row["site"])
        for name, kind in self.device_types[key]:
            device.interfaces[name] = {"type": kind, "cabled": False}
        self.devices.append(device)

    def _tags(self, n: int, row: dict[str, str]) -> None:
        _slug(n, row["slug"])
        if row["slug"] in self.tags or row["name"] in self.tags.values():
            raise ImportError_(f"Row {n}: tag {row['name']!r} already exists")
        self.tags[row["slug"]] = row["name"]

    def _vlan_groups(self, n: int, row: dict[str, str]) -> None:
        _slug(n, row["slug"])
        if row["name"] in self.vlan_groups or row["slug"] in self.vlan_groups.values():
            raise ImportError_(f"Row {n}: VLAN group {row['name']!r} already exists")
        self.vlan_groups[row["name"]] = row["slug"]

    def _vlans(self, n: int, row: dict[str, str]) -> None:
        group, vid = row.get("group", ""), int(row["vid"])
        if group not in self.vlan_groups or not 1 <= vid <= 4094:
            raise ImportError_(f"Row {n}: VLAN group {group!r} not found or VID {vid} invalid")
        if (group, vid) in self.vlans or (group, row["name"]) in {
            (g, name) for (g, _), name in self.vlans.items()
        }:
            raise ImportError_(f"Row {n}: VLAN {vid} already exists in {group!r}")
        self.check_tags(n, row)
        self.vlans[(group, vid)] = row["name"]

    def _interfaces(self, n: int, row: dict[str, str]) -> None:
        device = self.device(n, row["device"])  # the import form has no site column
        if row["name"] in device.interfaces:
            raise ImportError_(f"Row {n}: interface {row['device']} {row['name']} already exists")
        if row["type"] not in INTERFACE_TYPES:
            raise ImportError_(f"Row {n} type: {row['type']!r} is not a valid choice")
        # A LAG is looked up among the interfaces of the row's own device.
        lag = row.get("lag")
        if lag and device.interfaces.get(lag, {}).get("type") != "lag":
            raise ImportError_(f"Row {n} lag: {lag!r} is not a LAG of {row['device']}")
        mode, group = row.get("mode", ""), row.get("vlan_group", "")
        if row.get("untagged_vlan"):
            if not mode:
                raise ImportError_(f"Row {n} untagged_vlan: interface mode does not support it")
            self.vlan(n, group, row["untagged_vlan"])
        if row.get("tagged_vlans"):
            if mode != "tagged":
                raise ImportError_(f"Row {n} tagged_vlans: needs mode 'tagged'")
            for vid in row["tagged_vlans"].split(","):
                self.vlan(n, group, vid)
        self.check_tags(n, row)
        device.interfaces[row["name"]] = {"type": row["type"], "cabled": False}

    def _prefixes(self, n: int, row: dict[str, str]) -> None:
        prefix = IPv4Network(row["prefix"])  # strict: host bits set is an error
        if prefix in self.prefixes:
            raise ImportError_(f"Row {n}: duplicate prefix found in global table: {prefix}")
        if row.get("vlan"):
            self.vlan(n, row.get("vlan_group", ""), row["vlan"])
        self.check_tags(n, row)
        self.prefixes.add(prefix)

    def _ip_addresses(self, n: int, row: dict[str, str]) -> None:
        address = IPv4Interface(row["address"])
        if address in self.addresses:
            raise ImportError_(f"Row {n}: duplicate IP address found in global table: {address}")
        if row.get("interface"):
            device = self.device(n, row["device"])
            if row["interface"] not in device.interfaces:
                raise ImportError_(f"Row {n} interface: {row['interface']!r} not found")
        self.check_tags(n, row)
        self.addresses.add(address)

    def _cables(self, n: int, row: dict[str, str]) -> None:
        ends = []
        for side in "ab":
            device = self.device(n, row[f"side_{side}_device"], row.get(f"side_{side}_site", ""))
            name = row[f"side_{side}_name"]
            interface = device.interfaces.get(name)
            if interface is None:
                raise ImportError_(f"{side.upper()} side termination not found: {name}")
            if interface["type"] in NOT_CABLEABLE or interface["cabled"]:
                raise ImportError_(f"Side {side.upper()}: {name} is virtual or already connected")
            interface["cabled"] = True
            ends.append((device.site + "/" + device.name, name))
        if row.get("color") and not HEX_COLOR.match(row["color"]):
            raise ImportError_(f"Row {n} color: {row['color']!r}")
        self.check_tags(n, row)
        self.cables.append((ends[0], ends[1], row.get("status", "")))


def _slug(n: int, slug: str) -> None:
    if not SLUG.match(slug) or len(slug) > 100:
        raise ImportError_(f"Row {n} slug: {slug!r} is not a valid slug")


def kind_of(filename: str) -> str:
    """The NetBox object type of one of our files, from its name."""
    stem = filename.rsplit(".", 1)[0].removeprefix("netbox-")
    stem = re.sub(r"^(prereq-\d+-|existing-)", "", stem).replace("switch-ports", "interfaces")
    for kind in sorted({*FORM_FIELDS, "device-types"}, key=len, reverse=True):
        if stem == kind or stem.startswith(kind + "-"):
            return kind
    raise KeyError(filename)


def parse_csv(kind: str, text: str) -> list[dict[str, str]]:
    """Rows of a CSV file, checked as NetBox's CSV parser and import form check them."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    unknown = set(header) - set(FORM_FIELDS[kind].split())
    assert not unknown, f"{kind}: columns NetBox's import form does not know: {unknown}"
    assert len(set(header)) == len(header), f"{kind}: duplicate column"
    missing = set(REQUIRED[kind].split()) - set(header)
    assert not missing, f"{kind}: required columns missing: {missing}"
    records = []
    for n, values in enumerate(body, start=1):
        if len(values) != len(header):
            raise ImportError_(f"Row {n}: expected {len(header)} columns, found {len(values)}")
        record = {k: v for k, v in zip(header, values, strict=True) if v != ""}
        for column in REQUIRED[kind].split():
            if column not in record:
                raise ImportError_(f"Row {n} {column}: this field is required")
        for (k, column), allowed in CHOICES.items():
            if k == kind and column in record and record[column] not in allowed:
                raise ImportError_(f"Row {n} {column}: {record[column]!r} is not a valid choice")
        records.append(record)
    return records
