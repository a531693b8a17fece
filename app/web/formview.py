"""The editor form as templates see it: values and errors by dotted path, and the choices.

Templates never index the raw document themselves: a field that is missing (a half-filled new
row, an invalid post) simply renders empty, and every input gets its name, id and messages
from the same path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.planner.design import (
    MAX_CARDS_PER_HOST,
    MAX_HOSTS,
    MAX_PORTS_PER_CARD,
    MAX_SWITCHES,
    AddressingMode,
    EsxiVersion,
    EtherChannelMode,
    FailoverStyle,
    FailureDetection,
    Netstack,
    Role,
    TeamMode,
    Topology,
    VSwitchStrategy,
)
from app.planner.naming import LOAD_BALANCING_LABELS
from app.web.forms import Data, FormErrors, flatten, get_path

# Document sections the editor carries as hidden fields (no inputs for them yet).
CARRIED_SECTIONS = ("ip_storage", "service_vmks", "vm_networks")

Choices = list[tuple[str, str]]

# Labels say what an admin sees in the vSphere client or on the switch.
CHOICES: dict[str, Choices] = {
    "esxi_version": [(v.value, f"ESXi {v.value}") for v in EsxiVersion],
    "topology": [
        (Topology.DIRECT.value, "Back-to-back (direct cables)"),
        (Topology.SWITCHED.value, "Switched (through switches)"),
    ],
    "role": [
        (Role.MANAGEMENT.value, "Management"),
        (Role.VMOTION.value, "vMotion"),
        (Role.VM_TRAFFIC.value, "VM traffic"),
        (Role.IP_STORAGE.value, "IP storage"),
        (Role.UNUSED.value, "Unused"),
    ],
    "speed_gbps": [(str(s), f"{s} GbE") for s in (1, 10, 25, 40, 100)],
    "addressing": [
        ("", "Default for the topology"),
        (AddressingMode.PER_LINK_30.value, "One /30 per cable"),
        (AddressingMode.PER_LINK_31.value, "One /31 per cable (unverified, R37)"),
        (AddressingMode.SHARED_SUBNET.value, "One shared subnet"),
        (AddressingMode.PER_LANE_SUBNET.value, "One subnet per lane"),
    ],
    "netstack": [
        (Netstack.DEFAULT.value, "Default TCP/IP stack"),
        (Netstack.VMOTION.value, "vMotion TCP/IP stack"),
    ],
    "vswitch_strategy": [
        ("", "Default for the topology"),
        (VSwitchStrategy.PER_PORT_GROUP.value, "One vSwitch per vMotion port group"),
        (VSwitchStrategy.SHARED.value, "One shared vMotion vSwitch"),
    ],
    "failover": [
        (FailoverStyle.AUTO.value, "Automatic (unused when direct, standby when switched)"),
        (FailoverStyle.STANDBY.value, "Standby"),
        (FailoverStyle.UNUSED.value, "Unused"),
    ],
    "platform": [
        ("nxos", "Cisco NX-OS"),
        ("ios", "Cisco IOS (Catalyst 3750/3560)"),
        ("iosxe", "Cisco IOS-XE (Catalyst 9000)"),
    ],
    "load_balancing": [(lb.value, label) for lb, label in LOAD_BALANCING_LABELS.items()],
    "failure_detection": [
        (FailureDetection.LINK.value, "Link status only"),
        (FailureDetection.BEACON.value, "Beacon probing"),
    ],
    "mode": [
        (TeamMode.ACTIVE_STANDBY.value, "Active / standby"),
        (TeamMode.ACTIVE_ACTIVE.value, "All active"),
    ],
    "etherchannel": [
        (EtherChannelMode.NONE.value, "None"),
        (EtherChannelMode.STATIC.value, "Static (mode on)"),
        (EtherChannelMode.LACP.value, "LACP (needs a vDS, R23)"),
    ],
}

TEAMS: list[tuple[str, str]] = [
    ("management", "Management"),
    ("vm_traffic", "VM traffic"),
    ("ip_storage", "IP storage"),
]

LIMITS = {
    "hosts": MAX_HOSTS,
    "cards": MAX_CARDS_PER_HOST,
    "ports": MAX_PORTS_PER_CARD,
    "switches": MAX_SWITCHES,
}


@dataclass
class FormView:
    """The raw form state plus its errors, with lookups by dotted path."""

    data: Data
    errors: FormErrors = field(default_factory=FormErrors)
    choices: dict[str, Choices] = field(default_factory=lambda: CHOICES)
    teams: list[tuple[str, str]] = field(default_factory=lambda: TEAMS)
    limits: dict[str, int] = field(default_factory=lambda: LIMITS)

    def value(self, path: str, default: str = "") -> str:
        """The field's value as the input shows it ('' when missing)."""
        raw = get_path(self.data, path)
        if raw is None:
            return default
        if isinstance(raw, bool):
            return "true" if raw else "false"
        if isinstance(raw, (dict, list)):
            return default
        return str(raw)

    def checked(self, path: str, default: bool = False) -> bool:
        raw = get_path(self.data, path)
        if raw is None:
            return default
        return raw is True or str(raw).lower() in ("true", "on", "1", "yes")

    def carried(self, sections: tuple[str, ...]) -> list[tuple[str, str]]:
        """Fields of document sections the form has no inputs for, to post back unchanged.

        Without them a save would rebuild the document from the inputs alone and silently drop
        the storage and service vmks.
        """
        return [pair for s in sections for pair in flatten(get_path(self.data, s), s)]

    def rows(self, path: str) -> list[Any]:
        """The items of a list field (empty when missing)."""
        raw = get_path(self.data, path)
        return raw if isinstance(raw, list) else []

    def has(self, path: str) -> bool:
        return get_path(self.data, path) is not None

    def errs(self, path: str) -> list[str]:
        return self.errors.at(path)

    def count_errors(self, prefix: str) -> int:
        return self.errors.under(prefix)

    @staticmethod
    def id(path: str) -> str:
        """HTML id of the field at ``path`` (also the anchor error summaries link to)."""
        return "f-" + path.replace(".", "-").replace("_", "-")


# Labels for error summaries: the same words the form's own labels use.
_LEAF_LABELS = {
    "name": "Name",
    "description": "Description",
    "esxi_version": "ESXi version",
    "topology": "Topology",
    "slot": "Slot",
    "model": "Model",
    "ports": "Ports",
    "cards": "Cards",
    "vmnic": "vmnic",
    "speed_gbps": "Speed",
    "role": "Role",
    "label": "Printed label",
    "ip": "Management IP / prefix",
    "gateway": "Gateway",
    "vlan": "VLAN",
    "vmotion_mtu": "vMotion MTU",
    "mtu": "MTU",
    "vswitch_mtu": "vSwitch MTU",
    "addressing": "Addressing",
    "pool": "Address pool",
    "netstack": "TCP/IP stack",
    "vswitch_strategy": "vSwitch layout",
    "failover": "Other uplinks on a shared vSwitch",
    "allow_management_subnet": "Allow vMotion in the management subnet",
    "rtt_ms": "RTT",
    "planned_concurrency": "Concurrent vMotions",
    "stack": "Stack / vPC group",
    "platform": "Platform",
    "portfast": "PortFast",
    "port_prefix": "Port prefix",
    "first_port": "First port",
    "port_count": "Ports",
    "load_balancing": "Load balancing",
    "failure_detection": "Failure detection",
    "mode": "Uplinks",
    "etherchannel": "Switch-side bundle",
    "portgroup": "Port group name",
    "vm_active_memory_gb": "Active memory",
    "concurrent_migrations": "Migrations at once",
    "dirty_page_factor": "Dirty-page factor",
    "hosts": "Hosts",
    "hardware": "Hardware profile",
    "switches": "Switches",
}
_GROUP_LABELS = {
    "vmotion": "vMotion",
    "teaming": "Teaming",
    "estimate": "Estimate",
    "management": "",
    "vm_traffic": "VM traffic",
    "ip_storage": "IP storage",
}
_ITEM_LABELS = {
    "hosts": "Host",
    "hardware": "Card",
    "cards": "Card",
    "ports": "Port",
    "switches": "Switch",
}
_ITEM_NAME_KEYS = {
    "hosts": "name",
    "hardware": "slot",
    "cards": "slot",
    "ports": "vmnic",
    "switches": "name",
    "author": "Your name",
    "message": "What changed",
}


def field_label(path: str, data: Data) -> str:
    """Where a field sits, in words: ``hosts.1.management.ip`` → ``Host 2 (esx02) › Management
    IP / prefix``."""
    parts = path.split(".")
    words: list[str] = []
    for i, part in enumerate(parts):
        previous = parts[i - 1] if i else ""
        if part.isdigit() and previous in _ITEM_LABELS:
            name = get_path(data, ".".join([*parts[: i + 1], _ITEM_NAME_KEYS[previous]]))
            suffix = f" ({name})" if isinstance(name, str) and name else ""
            words[-1:] = [f"{_ITEM_LABELS[previous]} {int(part) + 1}{suffix}"]
        elif i == len(parts) - 1:
            words.append(_LEAF_LABELS.get(part, part.replace("_", " ")))
        elif part == "management" and previous == "teaming":
            words.append("Management")
        elif part in _GROUP_LABELS:
            if _GROUP_LABELS[part]:
                words.append(_GROUP_LABELS[part])
        else:
            words.append(_LEAF_LABELS.get(part, part))
    return " › ".join(w for w in words if w)
