"""The design document: what the user owns, stores, shares, imports and exports.

Everything the planner needs is in here and nothing else: the planner is a pure function of a
:class:`Design`. Fields carry descriptions because the JSON Schema (``vmotion-planner schema``)
and ``docs/design-format.md`` are generated from them.

Validation here is limited to what a single document can say about itself (shapes, ranges,
duplicate names, references that do not resolve). VMware rules (R1-R46 in docs/domain.md) are *not*
validation errors: a design that breaks them still plans, and the rules come back as findings.
"""

from __future__ import annotations

import re
from enum import StrEnum
from ipaddress import IPv4Address, IPv4Interface, IPv4Network
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from app.planner.identifiers import (
    NAME_PATTERN,
    PORTGROUP_PATTERN,
    PortGroupName,
    StackName,
    interface_name_problem,
    interface_prefix_problem,
)

SCHEMA_VERSION = 1

# Limits that keep one request bounded; they are product limits, not VMware maximums (those are
# rules R35/R36 and come back as findings).
MAX_HOSTS = 128
MAX_CARDS_PER_HOST = 16
MAX_PORTS_PER_CARD = 8
MAX_SWITCHES = 16

Name = Annotated[
    str,
    Field(
        min_length=1,
        max_length=63,
        pattern=NAME_PATTERN,
        description="Letters, digits, '.', '_' and '-'; starts with a letter or digit.",
    ),
]
VmnicName = Annotated[
    str,
    Field(pattern=r"^vmnic[0-9]{1,3}$", description="ESXi physical NIC name, e.g. vmnic4."),
]
VlanId = Annotated[
    int, Field(ge=0, le=4094, description="802.1Q VLAN ID; 0 means untagged (EST/access port).")
]
Mtu = Annotated[
    int,
    Field(
        ge=576,
        le=9216,
        description="MTU in bytes. ESXi accepts up to 9000 (R13); below 1280 is flagged (R14).",
    ),
]


class Strict(BaseModel):
    """Base for every document model: unknown fields are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", strict=False, frozen=True)


class EsxiVersion(StrEnum):
    """ESXi release of the hosts: 7.0U2+ and 8.0 scale vMotion streams to fast links (R34)."""

    V6_7 = "6.7"
    V7_0 = "7.0"
    V7_0U2 = "7.0U2+"
    V8_0 = "8.0"


class Topology(StrEnum):
    """direct: vMotion vmnics cabled host to host (back-to-back); switched: through switches."""

    DIRECT = "direct"
    SWITCHED = "switched"


class Role(StrEnum):
    """The traffic a vmnic carries. Every vmnic has exactly one role."""

    MANAGEMENT = "management"
    VMOTION = "vmotion"
    VM_TRAFFIC = "vm_traffic"
    IP_STORAGE = "ip_storage"
    UNUSED = "unused"


# The roles that form a NIC team with a policy in `teaming` (vMotion has its own layout).
TEAM_ROLES = (Role.MANAGEMENT, Role.VM_TRAFFIC, Role.IP_STORAGE)


class AddressingMode(StrEnum):
    """How vMotion addresses are carved from the pool (R5, R6, R37)."""

    PER_LINK_30 = "per_link_30"
    PER_LINK_31 = "per_link_31"
    SHARED_SUBNET = "shared_subnet"
    PER_LANE_SUBNET = "per_lane_subnet"


class VSwitchStrategy(StrEnum):
    """One vSwitch per vMotion port group (lane), or one shared vSwitch with overrides (R30)."""

    PER_PORT_GROUP = "per_port_group"
    SHARED = "shared"


class Netstack(StrEnum):
    """TCP/IP stack of a vmk: vmotion and provisioning have their own routing tables (R26).

    esxcli and the API call the provisioning stack 'vSphereProvisioning' (naming.NETSTACK_KEYS).
    """

    DEFAULT = "default"
    VMOTION = "vmotion"
    PROVISIONING = "provisioning"


class VmkService(StrEnum):
    """A service a vmk carries (API nicType; the plan lists the esxcli tag, see services.py)."""

    MANAGEMENT = "management"
    VMOTION = "vmotion"
    PROVISIONING = "provisioning"
    REPLICATION = "replication"
    REPLICATION_NFC = "replication_nfc"
    FT = "ft"


class FailoverStyle(StrEnum):
    """How the non-active uplinks of a vMotion port group on a shared vSwitch are set."""

    AUTO = "auto"
    STANDBY = "standby"
    UNUSED = "unused"


class LoadBalancing(StrEnum):
    """Teaming policy, in esxcli spelling: originating port ID, source MAC, explicit, IP hash."""

    PORT_ID = "portid"
    SOURCE_MAC = "mac"
    EXPLICIT = "explicit"
    IP_HASH = "iphash"


class FailureDetection(StrEnum):
    """Network failure detection: link status only, or beacon probing (not with IP hash, R21)."""

    LINK = "link"
    BEACON = "beacon"


class TeamMode(StrEnum):
    """active_standby: half the uplinks active (one per card), the rest standby."""

    ACTIVE_ACTIVE = "active_active"
    ACTIVE_STANDBY = "active_standby"


class EtherChannelMode(StrEnum):
    """Switch-side link aggregation of a team's ports."""

    NONE = "none"
    STATIC = "static"
    LACP = "lacp"


SpeedGbps = Literal[1, 10, 25, 40, 100]


class Port(Strict):
    vmnic: VmnicName
    speed_gbps: SpeedGbps = Field(10, description="Negotiated link speed in Gbit/s.")
    role: Role = Field(Role.UNUSED, description="The traffic this vmnic carries.")
    label: str = Field(
        "",
        max_length=40,
        # One line of label text (it lands in CSV cells, sheets and cable labels): starts and
        # ends with a letter or digit, so it can never break a line or start a spreadsheet formula.
        pattern=r"^(?:[A-Za-z0-9](?:[A-Za-z0-9 ._/:#()+-]*[A-Za-z0-9._/:#()+-])?)?$",
        description="The port's label as printed on the chassis, e.g. 'Slot 2 Port 1' or "
        "'NIC2-P1' (letters, digits, spaces and . _ / : # ( ) + -); shown wherever a port is "
        "named for a person (sheet, wiring, cable labels).",
    )


class Card(Strict):
    slot: str = Field(
        min_length=1,
        max_length=40,
        description="Slot label as printed on the chassis, e.g. 'PCIe 1' or 'LOM'.",
    )
    model: str = Field(
        "", max_length=80, description="Vendor and model, e.g. 'Intel 82580 quad-port'."
    )
    ports: list[Port] = Field(
        min_length=1, max_length=MAX_PORTS_PER_CARD, description="The card's ports, port 1 first."
    )


class ManagementInterface(Strict):
    ip: IPv4Interface = Field(
        description="Management vmk0 address with prefix, e.g. 192.0.2.11/24."
    )
    gateway: IPv4Address | None = Field(
        None, description="Default gateway of the default TCP/IP stack."
    )
    vlan: VlanId = Field(
        0,
        description="VLAN of this host's management port group; 0 = use teaming.management.vlan.",
    )

    @field_validator("ip", mode="before")
    @classmethod
    def _prefix_given(cls, value: object) -> object:
        # Without a prefix the address would be a /32, and the gateway check would then blame
        # the gateway for the missing prefix (issue 9 §7).
        if isinstance(value, str) and value.strip() and "/" not in value:
            raise ValueError(
                f"add the prefix length, e.g. {value.strip()}/24; without it the address is a "
                "/32 that no gateway is inside"
            )
        return value

    @model_validator(mode="after")
    def _gateway_in_subnet(self) -> ManagementInterface:
        if self.gateway is not None and self.gateway not in self.ip.network:
            raise ValueError(f"gateway {self.gateway} is not inside {self.ip.network}")
        if self.ip.ip in (self.ip.network.network_address, self.ip.network.broadcast_address) and (
            self.ip.network.prefixlen < 31
        ):
            raise ValueError(
                f"{self.ip.ip} is the network or broadcast address of {self.ip.network}"
            )
        return self


class Host(Strict):
    name: Name
    management: ManagementInterface
    cards: list[Card] | None = Field(
        None,
        max_length=MAX_CARDS_PER_HOST,
        description="This host's NICs when they differ from the cluster hardware profile; "
        "omit to use the profile.",
    )
    vmotion_mtu: Mtu | None = Field(
        None,
        description="Per-host vMotion vmk MTU when it differs from vmotion.mtu (R11/R15).",
    )


class VMotionSettings(Strict):
    mtu: Mtu = Field(9000, description="MTU of the vMotion vmks.")
    vswitch_mtu: Mtu | None = Field(
        None,
        description="MTU of the vMotion vSwitches; defaults to `mtu` (R10/R11 when they differ).",
    )
    addressing: AddressingMode | None = Field(
        None,
        description="per_link_30 (default for direct), per_link_31 (opt-in, R37), shared_subnet "
        "(default for switched) or per_lane_subnet.",
    )
    pool: IPv4Network = Field(description="Address pool the vMotion subnets are carved from.")
    vlan: VlanId = Field(0, description="VLAN of the vMotion port groups; 0 = untagged.")
    netstack: Netstack = Field(Netstack.DEFAULT, description="TCP/IP stack of the vMotion vmks.")
    gateway: IPv4Address | None = Field(
        None,
        description="vMotion-stack default gateway, for routed (L3) vMotion only: needs netstack "
        "vmotion (ignored on the default stack, R41) and a usable address in the subnet of every "
        "vMotion vmk (P7).",
    )
    vswitch_strategy: VSwitchStrategy | None = Field(
        None,
        description="per_port_group (default for direct: one vSwitch per lane) or shared "
        "(default for switched: one vSwitch, failover overrides per port group).",
    )
    failover: FailoverStyle = Field(
        FailoverStyle.AUTO,
        description="Non-active uplinks on a shared vMotion vSwitch: auto = unused when direct, "
        "standby when switched.",
    )
    services: list[VmkService] = Field(
        default_factory=list,
        max_length=6,
        description="Services the vMotion vmks carry besides vMotion (e.g. provisioning); on "
        "the vmotion stack any other service is R26.",
    )
    allow_management_subnet: bool = Field(
        False,
        description="Explicit override: vMotion may share the management subnet (E5; sets "
        "Migrate.BindToVmknic=1, warning R9).",
    )
    rtt_ms: float = Field(
        0.5, ge=0, le=1000, description="Round-trip time between hosts (R18/R19)."
    )
    planned_concurrency: int | None = Field(
        None,
        ge=1,
        le=16,
        description="Concurrent vMotions per host to plan for (R16); default: the host limit.",
    )

    @property
    def effective_vswitch_mtu(self) -> int:
        return self.vswitch_mtu if self.vswitch_mtu is not None else self.mtu

    @field_validator("netstack")
    @classmethod
    def _not_provisioning(cls, netstack: Netstack) -> Netstack:
        # vMotion runs on the default or the vmotion stack only (docs/domain.md section 2).
        if netstack is Netstack.PROVISIONING:
            raise ValueError("vMotion vmks cannot be on the provisioning stack")
        return netstack


class Switch(Strict):
    name: Name
    stack: StackName | None = Field(
        None,
        description="Stack or multi-chassis (vPC/VSS) group: switches sharing it act as one.",
    )
    platform: Literal["nxos", "ios", "iosxe"] = Field(
        "nxos",
        description="Config dialect for switch outputs: nxos (Nexus), ios (classic Catalyst "
        "3750/3560: 'system mtu jumbo') or iosxe (Catalyst 9000: 'system mtu').",
    )
    mtu: int = Field(
        1500, ge=576, le=9216, description="Interface/system MTU of ESXi-facing ports."
    )
    portfast: bool = Field(True, description="ESXi-facing ports are PortFast/edge (R25).")
    port_prefix: str = Field(
        "Ethernet1/",
        min_length=1,
        max_length=40,
        description="Interface name before the port number: the platform's interface type and "
        "slot numbers, e.g. Ethernet1/ (nxos) or TenGigabitEthernet1/0/ (ios, iosxe).",
    )
    first_port: int = Field(
        1, ge=0, le=1000, description="Number of the first port the planner may use."
    )
    port_count: int = Field(
        48, ge=1, le=1000, description="How many ports from first_port are available."
    )

    @field_validator("port_prefix")
    @classmethod
    def _prefix_of_platform(cls, prefix: str, info: ValidationInfo) -> str:
        # Cisco configs have no quoting: an interface name is a bare word (issue 8 item 9).
        problem = interface_prefix_problem(info.data.get("platform", "nxos"), prefix)
        if problem:
            raise ValueError(problem)
        return prefix


class InterconnectKind(StrEnum):
    """How two switches are joined: an ordinary inter-switch trunk, or a vPC peer-link."""

    ISL = "isl"
    VPC_PEER_LINK = "vpc_peer_link"


MAX_INTERCONNECT_PORTS = 8
InterfaceName = Annotated[
    str,
    Field(
        min_length=1,
        max_length=60,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9/.:_-]*$",
        description="Switch interface name as the switch prints it, e.g. Ethernet1/47.",
    ),
]


class Interconnect(Strict):
    """A link (or bundle of links) between two switches that are not one stack."""

    a: Name = Field(description="First switch (a name from `switches`).")
    b: Name = Field(description="Second switch (a name from `switches`).")
    kind: InterconnectKind = Field(
        InterconnectKind.ISL, description="isl (trunk, port-channel) or vpc_peer_link."
    )
    ports_a: list[InterfaceName] = Field(
        min_length=1,
        max_length=MAX_INTERCONNECT_PORTS,
        description="Interfaces on switch `a`, in cable order.",
    )
    ports_b: list[InterfaceName] = Field(
        min_length=1,
        max_length=MAX_INTERCONNECT_PORTS,
        description="Interfaces on switch `b`; the n-th joins the n-th of ports_a.",
    )
    mtu: int | None = Field(
        None, ge=576, le=9216, description="MTU of the link; default: the lower switch MTU."
    )
    vlans: list[VlanId] | None = Field(
        None,
        max_length=4095,
        description="VLANs the link carries; default: every VLAN the plan uses on both switches.",
    )
    channel_group: int | None = Field(
        None, ge=1, le=4096, description="Port-channel number; default: one above the hosts'."
    )
    existing: bool = Field(False, description="The link is patched today (verify, do not touch).")

    @model_validator(mode="after")
    def _ports_pair_up(self) -> Interconnect:
        if self.a.lower() == self.b.lower():
            raise ValueError(f"an interconnect joins two different switches, not {self.a} twice")
        if len(self.ports_a) != len(self.ports_b):
            raise ValueError(
                f"ports_a has {len(self.ports_a)} interfaces and ports_b {len(self.ports_b)}; "
                "each cable needs one port on each switch"
            )
        _no_duplicates(list(self.ports_a), f"interface on switch {self.a}")
        _no_duplicates(list(self.ports_b), f"interface on switch {self.b}")
        return self


class RoleUplinks(Strict):
    """Where one role's vmnics go: which switches, and whether they are patched today."""

    switches: list[Name] | None = Field(
        None,
        max_length=MAX_SWITCHES,
        description="Switches this role's vmnics land on; omitted = every switch of the design "
        "(for vMotion only in switched designs: direct vMotion is back-to-back); [] = none, "
        "and a finding names the vmnics without a far end.",
    )
    existing: bool = Field(
        False,
        description="These uplinks are patched today: shown as 'existing — verify', kept apart "
        "in exports, left alone by scripts.",
    )


class Uplinks(Strict):
    """Per-role far ends of the hosts' vmnics."""

    management: RoleUplinks = RoleUplinks()
    vm_traffic: RoleUplinks = RoleUplinks()
    ip_storage: RoleUplinks = RoleUplinks()
    vmotion: RoleUplinks = RoleUplinks()

    def for_role(self, role: Role) -> RoleUplinks:
        """The uplinks of a role (KeyError for unused)."""
        return {
            Role.MANAGEMENT: self.management,
            Role.VM_TRAFFIC: self.vm_traffic,
            Role.IP_STORAGE: self.ip_storage,
            Role.VMOTION: self.vmotion,
        }[role]


class TeamPolicy(Strict):
    load_balancing: LoadBalancing = Field(
        LoadBalancing.PORT_ID, description="Teaming policy (esxcli names; iphash needs R20-R22)."
    )
    failure_detection: FailureDetection = Field(
        FailureDetection.LINK, description="Network failure detection."
    )
    mode: TeamMode = Field(
        TeamMode.ACTIVE_STANDBY,
        description="Active/standby or all active (IP hash needs all active).",
    )
    etherchannel: EtherChannelMode = Field(
        EtherChannelMode.NONE,
        description="Switch-side bundle: static ('mode on', needed by IP hash, R20) or LACP (R23).",
    )
    vlan: VlanId = Field(0, description="VLAN of the team's port group; 0 = untagged.")
    portgroup: str = Field(
        "",
        max_length=60,
        description="Port group name; a default is used when empty. Letters, digits, spaces, "
        "'.', '_', '-', '(' and ')'.",
    )

    @field_validator("portgroup")
    @classmethod
    def _portgroup_syntax(cls, name: str) -> str:
        if name and not re.fullmatch(PORTGROUP_PATTERN, name):
            raise ValueError(
                f"{name!r} is not a port group name: letters, digits, spaces, '.', '_', '-', "
                "'(' and ')', starting with a letter or digit"
            )
        return name


class Teaming(Strict):
    """Teaming policies of the management, VM-traffic and IP-storage port groups."""

    management: TeamPolicy = TeamPolicy(mode=TeamMode.ACTIVE_STANDBY)
    vm_traffic: TeamPolicy = TeamPolicy(mode=TeamMode.ACTIVE_ACTIVE)
    ip_storage: TeamPolicy = TeamPolicy(mode=TeamMode.ACTIVE_STANDBY)

    def for_role(self, role: Role) -> TeamPolicy:
        """The policy of a non-vMotion role (KeyError for vMotion or unused)."""
        return {
            Role.MANAGEMENT: self.management,
            Role.VM_TRAFFIC: self.vm_traffic,
            Role.IP_STORAGE: self.ip_storage,
        }[role]


class EstimateInput(Strict):
    vm_active_memory_gb: float = Field(
        16, gt=0, le=24576, description="Active (touched) memory of the VM to move, in GB (R38)."
    )
    concurrent_migrations: int = Field(4, ge=1, le=16, description="Migrations running at once.")
    dirty_page_factor: float = Field(
        1.1, ge=1, le=5, description="Re-copy overhead for pages dirtied during pre-copy."
    )


# --- IP storage and service vmks (issue 7 item 4; planned by app/planner/storage.py and
# app/planner/services.py) ------------------------------------------------------------------


def _usable_pool(pool: IPv4Network) -> IPv4Network:
    # A /31 or /32 holds no subnet with a network and broadcast address around a vmk.
    if pool.prefixlen > 30:
        raise ValueError(f"pool {pool} is too small for vmk addresses; use /30 or larger")
    return pool


class StorageNetwork(Strict):
    pool: IPv4Network = Field(
        description="Subnet of these vmks; addresses are handed out host by host in name order."
    )
    vlan: VlanId | None = Field(
        None, description="VLAN of the port groups; omit to use teaming.ip_storage.vlan."
    )
    mtu: Mtu = Field(1500, description="MTU of the vmks (the storage vSwitch follows, R10).")

    @field_validator("pool")
    @classmethod
    def _pool_holds_vmks(cls, pool: IPv4Network) -> IPv4Network:
        return _usable_pool(pool)


class IpStorage(Strict):
    """VMkernel ports on the ip_storage vmnics (vSwitch-Storage)."""

    iscsi: StorageNetwork | None = Field(
        None,
        description="Software iSCSI with port binding: one vmk per ip_storage vmnic, each with "
        "one active uplink, no standby, every other uplink unused.",
    )
    nfs: StorageNetwork | None = Field(
        None, description="One NFS vmk per host on the IP-storage team (teaming.ip_storage)."
    )


class ServiceVmk(Strict):
    """An additional vmk for other services (provisioning, replication, FT logging, ...)."""

    portgroup: Name = Field(description="Port group name, the same on every host.")
    services: list[VmkService] = Field(
        default_factory=list,
        max_length=6,
        description="Services tagged on the vmk; on the vmotion or provisioning stack the stack "
        "implies its service (R26: the vmotion stack carries only vMotion).",
    )
    netstack: Netstack = Field(Netstack.DEFAULT, description="TCP/IP stack of the vmk.")
    uplinks: Role = Field(
        description="Whose vmnics and vSwitch the vmk uses: management, vm_traffic, ip_storage "
        "or vmotion."
    )
    pool: IPv4Network = Field(description="Subnet of the vmk; one address per host.")
    vlan: VlanId | None = Field(None, description="VLAN; omit to use the uplink role's VLAN.")
    mtu: Mtu = Field(1500, description="MTU of the vmk.")
    gateway: IPv4Address | None = Field(
        None,
        description="Default gateway of the vmk's non-default stack (vmotion or provisioning); "
        "the default stack's gateway is the management gateway.",
    )

    @field_validator("pool")
    @classmethod
    def _pool_holds_vmks(cls, pool: IPv4Network) -> IPv4Network:
        return _usable_pool(pool)

    @field_validator("services")
    @classmethod
    def _unique_services(cls, services: list[VmkService]) -> list[VmkService]:
        _no_duplicates([s.value for s in services], "service")
        return services

    @model_validator(mode="after")
    def _consistent(self) -> ServiceVmk:
        if self.uplinks is Role.UNUSED:
            raise ValueError("uplinks: a vmk needs the vmnics of a role, not 'unused'")
        if self.netstack is Netstack.DEFAULT and not self.services:
            raise ValueError("services: a default-stack vmk needs at least one service")
        if self.netstack is Netstack.PROVISIONING and set(self.services) - {
            VmkService.PROVISIONING
        }:
            raise ValueError("services: a provisioning-stack vmk carries only provisioning")
        if self.gateway is not None:
            if self.netstack is Netstack.DEFAULT:
                raise ValueError(
                    "gateway: the default stack's gateway is the management gateway; a gateway "
                    "here needs netstack vmotion or provisioning"
                )
            if self.gateway not in self.pool:
                raise ValueError(f"gateway: {self.gateway} is not inside {self.pool}")
        return self


class VmNetwork(Strict):
    """A VM port group on the VM-traffic vSwitch of every host (labels must match, R32)."""

    portgroup: PortGroupName = Field(description="Port group (network) label.")
    vlan: VlanId = Field(0, description="VLAN of the port group; 0 = untagged.")


class Design(Strict):
    """A cluster network design for multi-NIC vMotion (schema version 1)."""

    schema_version: Literal[1] = Field(1, description="Version of this document format.")
    name: str = Field(min_length=1, max_length=120, description="Cluster or design name.")
    description: str = Field("", max_length=2000, description="Free text shown on the design page.")
    esxi_version: EsxiVersion = Field(EsxiVersion.V8_0, description="ESXi release of the hosts.")
    topology: Topology = Field(description="direct (back-to-back) or switched vMotion cabling.")
    hardware: list[Card] = Field(
        default_factory=list,
        max_length=MAX_CARDS_PER_HOST,
        description="The hardware profile: cards and ports every host has unless it lists its own.",
    )
    hosts: list[Host] = Field(
        min_length=1, max_length=MAX_HOSTS, description="The cluster's hosts; names are unique."
    )
    vmotion: VMotionSettings = Field(description="vMotion network settings.")
    switches: list[Switch] = Field(
        default_factory=list,
        max_length=MAX_SWITCHES,
        description="Physical switches the hosts connect to (switched vMotion and, in any "
        "design, management, VM traffic and IP storage); names are unique (ignoring case).",
    )
    uplinks: Uplinks = Field(
        Uplinks(), description="Which switches each role's vmnics land on (default: all)."
    )
    interconnects: list[Interconnect] = Field(
        default_factory=list,
        max_length=MAX_SWITCHES * 4,
        description="How switches that are not one stack are joined; when empty the planner "
        "proposes a link wherever two switches carry one VLAN.",
    )
    teaming: Teaming = Field(Teaming(), description="Teaming of the non-vMotion traffic.")
    estimate: EstimateInput = Field(EstimateInput(), description="Inputs of the vMotion estimate.")
    ip_storage: IpStorage = Field(IpStorage(), description="iSCSI and NFS VMkernel ports.")
    service_vmks: list[ServiceVmk] = Field(
        default_factory=list,
        max_length=16,
        description="Additional vmks: provisioning, replication, FT logging, ...",
    )
    vm_networks: list[VmNetwork] = Field(
        default_factory=list,
        max_length=64,
        description="Additional VM port groups on the VM-traffic vSwitch of every host.",
    )

    @field_validator("hosts")
    @classmethod
    def _unique_host_names(cls, hosts: list[Host]) -> list[Host]:
        _no_duplicates([h.name.lower() for h in hosts], "host name")
        _no_duplicates([str(h.management.ip.ip) for h in hosts], "management address")
        return hosts

    @field_validator("switches")
    @classmethod
    def _unique_switch_names(cls, switches: list[Switch]) -> list[Switch]:
        _no_duplicates([s.name.lower() for s in switches], "switch name")
        return switches

    @model_validator(mode="after")
    def _switch_references_resolve(self) -> Design:
        known = {s.name.lower() for s in self.switches}
        for role in ("management", "vm_traffic", "ip_storage", "vmotion"):
            for name in getattr(self.uplinks, role).switches or []:
                if name.lower() not in known:
                    raise ValueError(f"uplinks.{role}.switches: no switch named {name}")
        used: set[tuple[str, str]] = set()
        platform = {s.name.lower(): s.platform for s in self.switches}
        for index, link in enumerate(self.interconnects):
            for side, name, ports in (("a", link.a, link.ports_a), ("b", link.b, link.ports_b)):
                if name.lower() not in known:
                    raise ValueError(f"interconnects.{index}.{side}: no switch named {name}")
                for number, port in enumerate(ports):
                    # A bare word in the switch config: the platform's syntax (issue 8 item 9).
                    problem = interface_name_problem(platform[name.lower()], port)
                    if problem:
                        raise ValueError(f"interconnects.{index}.ports_{side}.{number}: {problem}")
                    key = (name.lower(), port)
                    if key in used:
                        raise ValueError(
                            f"interconnects.{index}.ports_{side}: {name} {port} is already "
                            "used by another interconnect"
                        )
                    used.add(key)
        return self

    @model_validator(mode="after")
    def _service_vmks_consistent(self) -> Design:
        from app.planner.vmk_validation import service_vmk_problem  # the planner owns names

        problem = service_vmk_problem(self)
        if problem:
            raise ValueError(problem)
        return self

    @model_validator(mode="after")
    def _every_host_has_nics(self) -> Design:
        for index, host in enumerate(self.hosts):
            cards = self.cards_of(host)
            if not cards:
                raise ValueError(
                    f"hosts.{index}.cards: host {host.name} has no NICs; "
                    "describe them in `hardware` or in the host's own `cards`"
                )
            vmnics = [p.vmnic for c in cards for p in c.ports]
            try:
                _no_duplicates(vmnics, f"vmnic on host {host.name}")
            except ValueError as exc:
                raise ValueError(f"hosts.{index}.cards: {exc}") from None
        return self

    def role_vlan(self, role: Role, host: Host) -> int:
        """The VLAN a role's port group and switch ports use on ``host``.

        Management: the host's own management VLAN when set, else the team's (one cluster-wide
        default, per-host exceptions). vMotion: vmotion.vlan. Other teams: their policy's VLAN.
        """
        if role is Role.VMOTION:
            return self.vmotion.vlan
        if role is Role.MANAGEMENT and host.management.vlan:
            return host.management.vlan
        return self.teaming.for_role(role).vlan

    def cards_of(self, host: Host) -> list[Card]:
        """The cards of ``host``: its own list, or the cluster hardware profile."""
        return list(host.cards) if host.cards is not None else list(self.hardware)

    @property
    def effective_addressing(self) -> AddressingMode:
        if self.vmotion.addressing is not None:
            return self.vmotion.addressing
        if self.topology is Topology.DIRECT:
            return AddressingMode.PER_LINK_30
        return AddressingMode.SHARED_SUBNET

    @property
    def effective_vswitch_strategy(self) -> VSwitchStrategy:
        if self.vmotion.vswitch_strategy is not None:
            return self.vmotion.vswitch_strategy
        if self.topology is Topology.DIRECT:
            return VSwitchStrategy.PER_PORT_GROUP
        return VSwitchStrategy.SHARED


def _no_duplicates(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"duplicate {what}: {value}")
        seen.add(value)
