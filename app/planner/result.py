"""The Plan: everything the planner computes from a Design.

Renderers (HTML, SVG, scripts, CSV, PDF) read only this. The models are frozen pydantic models so
that a plan serialises to JSON (``--format json``, the API) exactly as it is in memory.
"""

from __future__ import annotations

from enum import StrEnum
from ipaddress import IPv4Address, IPv4Interface, IPv4Network

from pydantic import BaseModel, ConfigDict, Field

from app.planner.design import FailureDetection, LoadBalancing, Netstack, Role, Topology


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Finding(Frozen):
    rule: str = Field(description="Rule ID from domain.md, e.g. 'R5'.")
    severity: Severity
    message: str = Field(description="What is wrong, written for a VMware admin.")
    remedy: str = Field("", description="What to do about it.")
    objects: list[str] = Field(
        default_factory=list,
        description="What it concerns: 'host:esx01', 'vmk:esx01/vmk1', 'cable:C01', "
        "'portgroup:esx01/vMotion-1', 'vswitch:esx01/vSwitch0', 'switch:sw1', 'design'.",
    )
    sources: list[str] = Field(default_factory=list, description="Source keys, e.g. ['S-YURI'].")


class EndKind(StrEnum):
    HOST = "host"
    SWITCH = "switch"


class CableEnd(Frozen):
    kind: EndKind
    device: str = Field(description="Host or switch name.")
    port: str = Field(description="vmnic name on a host, interface name on a switch.")
    card: str = Field("", description="Card slot label (host ends).")
    card_port: int | None = Field(None, description="1-based port number on the card (host ends).")

    @property
    def text(self) -> str:
        return f"{self.device} {self.port}"


class Cable(Frozen):
    id: str = Field(description="Stable cable ID, e.g. 'C01'.")
    label: str = Field(description="Label text naming both ends (near end / far end).")
    role: Role
    lane: int | None = Field(
        None, description="vMotion lane number (1-based), vMotion cables only."
    )
    a: CableEnd
    b: CableEnd
    speed_gbps: int
    subnet: IPv4Network | None = Field(None, description="The /30 (/31) of a back-to-back cable.")
    color: str = Field(description="Lane colour as a CSS hex value, for diagrams and labels.")


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
    role: Role
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
        "", description="Far end: 'esx02 vmnic1' or 'sw1 Ethernet1/3', empty if not planned."
    )
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
    host: str
    vmnic: str
    role: Role
    cable: str
    vlan: int
    mode: str = Field(description="'access' or 'trunk'.")
    channel_group: int | None = None


class EtherChannel(Frozen):
    switch_group: str = Field(description="Switch name, or stack name for a stacked pair.")
    channel_group: int
    host: str
    role: Role
    members: list[str] = Field(description="'switch interface' members.")
    vmnics: list[str]
    mode: str = Field(description="'on' (static) or 'active' (LACP).")


class SwitchPlan(Frozen):
    name: str
    platform: str
    stack: str | None
    mtu: int
    portfast: bool
    ports: list[SwitchPort]


class VmkPing(Frozen):
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
