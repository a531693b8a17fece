"""The Plan: everything the planner computes from a Design.

Renderers (HTML, SVG, scripts, CSV, PDF) read only this. The result objects are frozen, slotted
dataclasses: a 96-host plan builds about 7,600 of them, and validating each one as a pydantic model
cost a quarter of plan()'s time although the planner builds them from values it has already
checked (issue 11). Pydantic still describes them: :func:`plan_json` and :func:`plan_json_text`
are the one conversion at the edge (API, CLI, page data), and FastAPI documents ``Plan`` in
OpenAPI from the same annotations. Change a plan with ``dataclasses.replace``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from ipaddress import IPv4Address, IPv4Interface, IPv4Network
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter

from app.planner.design import (
    FailureDetection,
    InterconnectKind,
    LoadBalancing,
    Netstack,
    Role,
    Topology,
)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    rule: Annotated[str, Field(description="Rule ID from docs/domain.md, e.g. 'R5'.")]
    severity: Severity
    message: Annotated[str, Field(description="What is wrong, written for a VMware admin.")]
    remedy: Annotated[str, Field(description="What to do about it.")] = ""
    objects: Annotated[
        list[str],
        Field(
            description="What it concerns: 'host:esx01', 'vmk:esx01/vmk1', 'cable:C01', "
            "'portgroup:esx01/vMotion-1', 'vswitch:esx01/vSwitch0', 'switch:sw1', 'design'."
        ),
    ] = field(default_factory=list)
    sources: Annotated[list[str], Field(description="Source keys, e.g. ['S-YURI'].")] = field(
        default_factory=list
    )
    cause: Annotated[
        str,
        Field(
            description="The root object the finding comes from (e.g. 'host:esx01' whose MTU is "
            "wrong); findings of one rule, severity and cause are one finding."
        ),
    ] = ""
    details: Annotated[
        list[str],
        Field(
            description="For a finding that groups several objects: one line per affected object."
        ),
    ] = field(default_factory=list)


class EndKind(StrEnum):
    HOST = "host"
    SWITCH = "switch"


@dataclass(frozen=True, slots=True, kw_only=True)
class CableEnd:
    kind: EndKind
    device: Annotated[str, Field(description="Host or switch name.")]
    port: Annotated[str, Field(description="vmnic name on a host, interface name on a switch.")]
    card: Annotated[str, Field(description="Card slot label (host ends).")] = ""
    card_port: Annotated[
        int | None, Field(description="1-based port number on the card (host ends).")
    ] = None
    label: Annotated[
        str, Field(description="Printed port label of a host card port, if known.")
    ] = ""

    @property
    def text(self) -> str:
        return f"{self.device} {self.port}"


class CableKind(StrEnum):
    DIRECT = "direct"  # host to host (back-to-back vMotion)
    UPLINK = "uplink"  # host to switch
    INTER_SWITCH = "inter_switch"  # switch to switch


@dataclass(frozen=True, slots=True, kw_only=True)
class Cable:
    id: Annotated[str, Field(description="Stable cable ID, e.g. 'C01'.")]
    label: Annotated[str, Field(description="Label text naming both ends (near end / far end).")]
    kind: Annotated[
        CableKind, Field(description="direct (host–host), uplink (host–switch), inter_switch.")
    ]
    role: Annotated[
        Role | None, Field(description="Traffic role; None only for inter-switch links.")
    ]
    lane: Annotated[
        int | None, Field(description="vMotion lane number (1-based), vMotion cables only.")
    ] = None
    a: CableEnd
    b: CableEnd
    speed_gbps: int
    subnet: Annotated[
        IPv4Network | None, Field(description="The /30 (/31) of a back-to-back cable.")
    ] = None
    color: Annotated[
        str, Field(description="Lane colour as a CSS hex value, for diagrams and labels.")
    ]
    existing: Annotated[bool, Field(description="Patched today: verify it, do not re-cable.")] = (
        False
    )
    vlans: Annotated[
        list[int], Field(description="Every VLAN the cable carries (0 = untagged).")
    ] = field(default_factory=list)
    mtu: Annotated[int | None, Field(description="MTU both ends of the cable must allow.")] = None
    channel_group: Annotated[
        int | None, Field(description="Port-channel of an inter-switch link, else None.")
    ] = None
    proposed: Annotated[
        bool,
        Field(description="An inter-switch link the planner proposed (the document gave none)."),
    ] = False


@dataclass(frozen=True, slots=True, kw_only=True)
class AddressAssignment:
    host: str
    vmk: str
    address: IPv4Interface


@dataclass(frozen=True, slots=True, kw_only=True)
class SubnetPlan:
    network: IPv4Network
    purpose: Annotated[str, Field(description="e.g. 'vMotion lane 1' or 'cable C01'.")]
    cable: str | None = None
    lane: int | None = None
    members: list[AddressAssignment]


@dataclass(frozen=True, slots=True, kw_only=True)
class VSwitch:
    name: str
    mtu: int
    uplinks: list[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class PortGroup:
    name: str
    vswitch: str
    vlan: int
    role: Role
    load_balancing: LoadBalancing
    failure_detection: FailureDetection
    notify_switches: bool = True
    failback: bool = True
    active: list[str]
    standby: list[str]
    unused: list[str]
    lane: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Vmk:
    name: str
    portgroup: str
    vswitch: str
    address: IPv4Interface
    mtu: int
    netstack: Netstack
    services: Annotated[
        list[str], Field(description="esxcli tag names: 'Management', 'VMotion', …")
    ]
    role: Annotated[Role, Field(description="The role whose vmnics (and vSwitch) the vmk uses.")]
    purpose: Annotated[
        str,
        Field(
            description="What the vmk is for: 'management', 'vmotion', 'iscsi' (bound to its one "
            "active vmnic), 'nfs', 'provisioning', 'replication' or 'ft'."
        ),
    ]
    lane: int | None = None
    gateway: IPv4Address | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class NicRow:
    """One row of a host's wiring table."""

    vmnic: str
    card: str
    card_model: str
    card_port: int
    speed_gbps: int
    role: Role
    peer: Annotated[
        str, Field(description="Far end: 'esx02 vmnic1' or 'sw1 Ethernet1/3', empty if not cabled.")
    ] = ""
    existing: Annotated[bool, Field(description="The cable is patched today (verify only).")] = (
        False
    )
    cable: str = ""
    label: str = ""
    vmk: str = ""
    address: IPv4Interface | None = None
    mtu: int | None = None
    lane: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class HostPlan:
    name: str
    nics: list[NicRow]
    vswitches: list[VSwitch]
    portgroups: list[PortGroup]
    vmks: list[Vmk]
    advanced: Annotated[
        dict[str, int], Field(description="Advanced settings, e.g. {'Migrate.BindToVmknic': 1}.")
    ] = field(default_factory=dict)
    netstack_gateways: dict[str, IPv4Address] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class SwitchPort:
    interface: str
    kind: Literal["host", "inter_switch"] = "host"
    host: Annotated[
        str, Field(description="Host of the vmnic on the far end; empty on ISL ports.")
    ] = ""
    vmnic: str = ""
    peer_switch: Annotated[str, Field(description="Far-end switch of an inter-switch port.")] = ""
    peer_interface: str = ""
    role: Annotated[Role | None, Field(description="Traffic role; None on inter-switch ports.")]
    cable: str
    vlan: Annotated[
        int, Field(description="Native/access VLAN, or the role's VLAN on a host port.")
    ]
    vlans: Annotated[
        list[int], Field(description="Every VLAN the port carries (0 = untagged).")
    ] = field(default_factory=list)
    mtu: Annotated[int, Field(description="MTU the port must allow.")]
    mode: Annotated[str, Field(description="'access' or 'trunk'.")]
    channel_group: int | None = None
    existing: Annotated[bool, Field(description="The cable on this port is patched today.")] = False


@dataclass(frozen=True, slots=True, kw_only=True)
class EtherChannel:
    switch_group: Annotated[
        str, Field(description="Switch name, or stack name for a stacked pair.")
    ]
    channel_group: int
    host: str
    role: Role
    members: Annotated[list[str], Field(description="'switch interface' members.")]
    vmnics: list[str]
    mode: Annotated[str, Field(description="'on' (static) or 'active' (LACP).")]


@dataclass(frozen=True, slots=True, kw_only=True)
class InterconnectPlan:
    """A link between two switches: one or more inter-switch cables, usually a port-channel."""

    a: str
    b: str
    kind: InterconnectKind
    cables: Annotated[list[str], Field(description="Cable IDs of the member links.")]
    vlans: list[int]
    mtu: int
    channel_group: int | None
    proposed: Annotated[bool, Field(description="The planner proposed it; the document gave none.")]
    existing: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class SwitchPlan:
    name: str
    platform: str
    stack: str | None
    mtu: int
    portfast: bool
    ports: list[SwitchPort]


@dataclass(frozen=True, slots=True, kw_only=True)
class VmkPing:
    """One vmkping check of the test plan (R39)."""

    group: Annotated[str, Field(description="The host pair it belongs to, e.g. 'esx01 → esx02'.")]
    path: Annotated[
        Literal["active", "standby"],
        Field(
            description="'active': the source vmk on its active uplink; 'standby': on its first "
            "standby uplink, with the active one (failed_uplink) down."
        ),
    ]
    failed_uplink: Annotated[
        str, Field(description="The vmnic to take down first (standby checks).")
    ] = ""
    via_switches: Annotated[
        list[str],
        Field(
            description="Switches from the source uplink to the target's, in order (empty when "
            "back-to-back); two names mean the path crosses the inter-switch link or stack."
        ),
    ] = field(default_factory=list)
    lane: int | None
    source_host: str
    source_vmk: str
    source_ip: IPv4Address
    target_host: str
    target_vmk: str
    target_ip: IPv4Address
    netstack: Netstack
    mtu: int
    payload: Annotated[int, Field(description="MTU − 28 (IPv4 + ICMP headers).")]
    command: Annotated[
        str, Field(description="The exact vmkping command to run on the source host.")
    ]
    expected: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DesignComparison:
    name: str
    single_migration_gbps: float
    note: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Estimate:
    """A labelled estimate, never a promise (R38)."""

    label: str = "Estimate"
    lanes_per_host: int
    lane_speed_gbps: Annotated[
        int, Field(description="Speed every lane is counted at: the slowest.")
    ]
    lane_summary: Annotated[
        str, Field(description="The lanes in words, e.g. '4 × 1 GbE lanes'.")
    ] = ""
    raw_bandwidth_gbps: float
    effective_bandwidth_gbps: Annotated[
        float, Field(description="Usable by one migration after efficiency.")
    ]
    concurrency_limit: Annotated[int, Field(description="Concurrent vMotions per host (R17).")]
    concurrent_migrations: int
    per_migration_when_concurrent_gbps: float
    memory_gb: float
    seconds_single: float
    seconds_concurrent: float
    min_bandwidth_needed_gbps: Annotated[
        float, Field(description="250 Mbps × planned concurrency (R16).")
    ]
    comparisons: list[DesignComparison]
    assumptions: list[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanSummary:
    hosts: int
    lanes: int
    cables: int
    subnets: int
    errors: int
    warnings: int
    infos: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    design_name: str
    topology: Topology
    summary: PlanSummary
    cables: list[Cable]
    subnets: list[SubnetPlan]
    hosts: list[HostPlan]
    switches: list[SwitchPlan]
    interconnects: list[InterconnectPlan] = field(default_factory=list)
    etherchannels: list[EtherChannel]
    findings: list[Finding]
    tests: list[VmkPing]
    estimate: Estimate | None

    @property
    def ok(self) -> bool:
        return self.summary.errors == 0

    def host(self, name: str) -> HostPlan:
        for host in self.hosts:
            if host.name == name:
                return host
        raise KeyError(name)


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(kind: type[Any]) -> TypeAdapter[Any]:
    # Built on first use: a TypeAdapter compiles a serializer for the whole type tree (tens of
    # milliseconds), which neither start-up nor a plan that is only rendered needs.
    if kind not in _ADAPTERS:
        _ADAPTERS[kind] = TypeAdapter(kind)
    return _ADAPTERS[kind]


def plan_json(obj: Any) -> Any:
    """A result object (a Plan, a Finding, a list of them...) as JSON-ready data."""
    return _adapter(type(obj)).dump_python(obj, mode="json")


def plan_json_text(obj: Any, indent: int | None = None) -> str:
    """A result object as JSON text, exactly as the API and ``--format json`` give it."""
    return _adapter(type(obj)).dump_json(obj, indent=indent).decode("utf-8")


def plan_from_json(data: Any) -> Plan:
    """Read a plan back from :func:`plan_json` data (tests and tools; the app re-plans)."""
    result: Plan = _adapter(Plan).validate_python(data)
    return result
