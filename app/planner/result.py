"""The Plan: everything the planner computes from a Design.

Renderers (HTML, SVG, scripts, CSV, PDF) read only this. The models are frozen pydantic models so
that a plan serialises to JSON (``--format json``, the API) exactly as it is in memory.
"""

from __future__ import annotations

from enum import StrEnum
from ipaddress import IPv4Address, IPv4Interface, IPv4Network
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.planner.design import (
    FailureDetection,
    InterconnectKind,
    LoadBalancing,
    Netstack,
    Role,
    Topology,
)


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Finding(Frozen):
    rule: str = Field(description="Rule ID from docs/domain.md, e.g. 'R5'.")
    severity: Severity
    message: str = Field(description="What is wrong, written for a VMware admin.")
    remedy: str = Field("", description="What to do about it.")
    objects: list[str] = Field(
        default_factory=list,
        description="What it concerns: 'host:esx01', 'vmk:esx01/vmk1', 'cable:C01', "
        "'portgroup:esx01/vMotion-1', 'vswitch:esx01/vSwitch0', 'switch:sw1', 'design'.",
    )
    sources: list[str] = Field(default_factory=list, description="Source keys, e.g. ['S-YURI'].")
    cause: str = Field(
        "",
        description="The root object the finding comes from (e.g. 'host:esx01' whose MTU is "
        "wrong); findings of one rule, severity and cause are one finding.",
    )
    details: list[str] = Field(
        default_factory=list,
        description="For a finding that groups several objects: one line per affected object.",
    )


class EndKind(StrEnum):
    HOST = "host"
    SWITCH = "switch"


class CableEnd(Frozen):
    kind: EndKind
    device: str = Field(description="Host or switch name.")
    port: str = Field(description="vmnic name on a host, interface name on a switch.")
    card: str = Field("", description="Card slot label (host ends).")
    card_port: int | None = Field(None, description="1-based port number on the card (host ends).")
    label: str = Field("", description="Printed port label of a host card port, if known.")

    @property
    def text(self) -> str:
        return f"{self.device} {self.port}"


class CableKind(StrEnum):
    DIRECT = "direct"  # host to host (back-to-back vMotion)
    UPLINK = "uplink"  # host to switch
    INTER_SWITCH = "inter_switch"  # switch to switch


class Cable(Frozen):
    id: str = Field(description="Stable cable ID, e.g. 'C01'.")
    label: str = Field(description="Label text naming both ends (near end / far end).")
    kind: CableKind = Field(description="direct (host–host), uplink (host–switch), inter_switch.")
    role: Role | None = Field(description="Traffic role; None only for inter-switch links.")
    lane: int | None = Field(
        None, description="vMotion lane number (1-based), vMotion cables only."
    )
    a: CableEnd
    b: CableEnd
    speed_gbps: int
    subnet: IPv4Network | None = Field(None, description="The /30 (/31) of a back-to-back cable.")
    color: str = Field(description="Lane colour as a CSS hex value, for diagrams and labels.")
    existing: bool = Field(False, description="Patched today: verify it, do not re-cable.")
    vlans: list[int] = Field(
        default_factory=list, description="Every VLAN the cable carries (0 = untagged)."
    )
    mtu: int | None = Field(None, description="MTU both ends of the cable must allow.")
    channel_group: int | None = Field(
        None, description="Port-channel of an inter-switch link, else None."
    )
    proposed: bool = Field(
        False, description="An inter-switch link the planner proposed (the document gave none)."
    )


class AddressAssignment(Frozen):
    host: str
    vmk: str
    address: IPv4Interface


class SubnetPlan(Frozen):
    network: IPv4Network
    purpose: str = Field(description="e.g. 'vMotion lane 1' or 'cable C01'.")
    cable: str | None = None
    lane: int | None = None
    members: list[AddressAssignment]


class VSwitch(Frozen):
    name: str
    mtu: int
    uplinks: list[str]


class PortGroup(Frozen):
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


class Vmk(Frozen):
    name: str
    portgroup: str
    vswitch: str
    address: IPv4Interface
    mtu: int
    netstack: Netstack
    services: list[str] = Field(description="esxcli tag names: 'Management', 'VMotion', …")
    role: Role = Field(description="The role whose vmnics (and vSwitch) the vmk uses.")
    purpose: str = Field(
        description="What the vmk is for: 'management', 'vmotion', 'iscsi' (bound to its one "
        "active vmnic), 'nfs', 'provisioning', 'replication' or 'ft'."
    )
    lane: int | None = None
    gateway: IPv4Address | None = None


class NicRow(Frozen):
    """One row of a host's wiring table."""

    vmnic: str
    card: str
    card_model: str
    card_port: int
    speed_gbps: int
    role: Role
    peer: str = Field(
        "", description="Far end: 'esx02 vmnic1' or 'sw1 Ethernet1/3', empty if not cabled."
    )
    existing: bool = Field(False, description="The cable is patched today (verify only).")
    cable: str = ""
    label: str = ""
    vmk: str = ""
    address: IPv4Interface | None = None
    mtu: int | None = None
    lane: int | None = None


class HostPlan(Frozen):
    name: str
    nics: list[NicRow]
    vswitches: list[VSwitch]
    portgroups: list[PortGroup]
    vmks: list[Vmk]
    advanced: dict[str, int] = Field(
        default_factory=dict, description="Advanced settings, e.g. {'Migrate.BindToVmknic': 1}."
    )
    netstack_gateways: dict[str, IPv4Address] = Field(default_factory=dict)


class SwitchPort(Frozen):
    interface: str
    kind: Literal["host", "inter_switch"] = "host"
    host: str = Field("", description="Host of the vmnic on the far end; empty on ISL ports.")
    vmnic: str = ""
    peer_switch: str = Field("", description="Far-end switch of an inter-switch port.")
    peer_interface: str = ""
    role: Role | None = Field(description="Traffic role; None on inter-switch ports.")
    cable: str
    vlan: int = Field(description="Native/access VLAN, or the role's VLAN on a host port.")
    vlans: list[int] = Field(
        default_factory=list, description="Every VLAN the port carries (0 = untagged)."
    )
    mtu: int = Field(description="MTU the port must allow.")
    mode: str = Field(description="'access' or 'trunk'.")
    channel_group: int | None = None
    existing: bool = Field(False, description="The cable on this port is patched today.")


class EtherChannel(Frozen):
    switch_group: str = Field(description="Switch name, or stack name for a stacked pair.")
    channel_group: int
    host: str
    role: Role
    members: list[str] = Field(description="'switch interface' members.")
    vmnics: list[str]
    mode: str = Field(description="'on' (static) or 'active' (LACP).")


class InterconnectPlan(Frozen):
    """A link between two switches: one or more inter-switch cables, usually a port-channel."""

    a: str
    b: str
    kind: InterconnectKind
    cables: list[str] = Field(description="Cable IDs of the member links.")
    vlans: list[int]
    mtu: int
    channel_group: int | None
    proposed: bool = Field(description="The planner proposed it; the document gave none.")
    existing: bool


class SwitchPlan(Frozen):
    name: str
    platform: str
    stack: str | None
    mtu: int
    portfast: bool
    ports: list[SwitchPort]


class VmkPing(Frozen):
    """One vmkping check of the test plan (R39)."""

    group: str = Field(description="The host pair it belongs to, e.g. 'esx01 → esx02'.")
    path: Literal["active", "standby"] = Field(
        description="'active': the source vmk on its active uplink; 'standby': on its first "
        "standby uplink, with the active one (failed_uplink) down."
    )
    failed_uplink: str = Field("", description="The vmnic to take down first (standby checks).")
    via_switches: list[str] = Field(
        default_factory=list,
        description="Switches from the source uplink to the target's, in order (empty when "
        "back-to-back); two names mean the path crosses the inter-switch link or stack.",
    )
    lane: int | None
    source_host: str
    source_vmk: str
    source_ip: IPv4Address
    target_host: str
    target_vmk: str
    target_ip: IPv4Address
    netstack: Netstack
    mtu: int
    payload: int = Field(description="MTU − 28 (IPv4 + ICMP headers).")
    command: str = Field(description="The exact vmkping command to run on the source host.")
    expected: str


class DesignComparison(Frozen):
    name: str
    single_migration_gbps: float
    note: str


class Estimate(Frozen):
    """A labelled estimate, never a promise (R38)."""

    label: str = "Estimate"
    lanes_per_host: int
    lane_speed_gbps: int = Field(description="Speed every lane is counted at: the slowest.")
    lane_summary: str = Field("", description="The lanes in words, e.g. '4 × 1 GbE lanes'.")
    raw_bandwidth_gbps: float
    effective_bandwidth_gbps: float = Field(description="Usable by one migration after efficiency.")
    concurrency_limit: int = Field(description="Concurrent vMotions per host (R17).")
    concurrent_migrations: int
    per_migration_when_concurrent_gbps: float
    memory_gb: float
    seconds_single: float
    seconds_concurrent: float
    min_bandwidth_needed_gbps: float = Field(description="250 Mbps × planned concurrency (R16).")
    comparisons: list[DesignComparison]
    assumptions: list[str]


class PlanSummary(Frozen):
    hosts: int
    lanes: int
    cables: int
    subnets: int
    errors: int
    warnings: int
    infos: int


class Plan(Frozen):
    design_name: str
    topology: Topology
    summary: PlanSummary
    cables: list[Cable]
    subnets: list[SubnetPlan]
    hosts: list[HostPlan]
    switches: list[SwitchPlan]
    interconnects: list[InterconnectPlan] = Field(default_factory=list)
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
