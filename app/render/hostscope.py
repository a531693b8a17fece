"""What the host scripts apply, and what they only show for review.

Every script format (esxcli, PowerCLI, Ansible, Terraform) draws the same line, so that whichever
tool a team uses, the same objects change:

* **Applied:** the VMkernel ports the plan adds — the vMotion vmks, the IP-storage vmks (iSCSI
  with port binding: one active uplink, the rest unused; NFS) and the service vmks
  (provisioning, replication, FT) — with their port groups and failover overrides, the
  vSwitches that exist only for them, their TCP/IP stacks, and the advanced settings of the host
  plan (BindToVmknic, R9). These are new objects: creating them does not touch running traffic.
* **Shown for review, never applied:** the management vSwitch, its port group and vmk0 (changing
  the uplinks or teaming of the network the script runs over can cut the session off and leave
  the host unreachable), the VM-traffic team and its port groups (they carry running VMs, an
  IP-hash team must change together with its switch-side EtherChannel, R20, KB 1001938, and a
  fresh install already has a "VM Network" port group on vSwitch0), and everything on uplinks
  the design marks ``existing`` (patched today: issue 7, "scripts leave them alone").
"""

from __future__ import annotations

from dataclasses import dataclass

from app.planner.design import FailureDetection, LoadBalancing, Netstack, Role
from app.planner.result import HostPlan, Plan, PortGroup, Vmk, VmkPing, VSwitch

# TCP/IP stack instance keys (vSphere API HostNetStackInstanceSystemStackKey), as esxcli
# --netstack, vmkping -S, Terraform's vsphere_vnic.netstack and PowerCLI's stack Id take them.
NETSTACK_KEYS = {
    Netstack.DEFAULT: "defaultTcpipStack",
    Netstack.VMOTION: "vmotion",
    Netstack.PROVISIONING: "vSphereProvisioning",
}


def stack_key(netstack: str) -> str:
    """The instance key of a stack named by its design value ('vmotion', 'provisioning')."""
    return NETSTACK_KEYS[Netstack(netstack)]


# vmk purposes the scripts create (everything but vmk0, which exists before any script runs).
APPLIED_PURPOSES = frozenset({"vmotion", "iscsi", "nfs", "provisioning", "replication", "ft"})

# esxcli spellings (design.LoadBalancing values) -> vSphere API / Ansible / Terraform names.
API_LOAD_BALANCING = {
    LoadBalancing.PORT_ID: "loadbalance_srcid",
    LoadBalancing.SOURCE_MAC: "loadbalance_srcmac",
    LoadBalancing.EXPLICIT: "failover_explicit",
    LoadBalancing.IP_HASH: "loadbalance_ip",
}
API_FAILURE_DETECTION = {
    FailureDetection.LINK: "link_status_only",
    FailureDetection.BEACON: "beacon_probing",
}


@dataclass(frozen=True)
class HostScope:
    """One host's plan split into what is applied and what is only shown."""

    host: HostPlan
    vswitches: list[VSwitch]  # vSwitches that exist only for the applied vmks: created
    portgroups: list[PortGroup]  # port groups of the applied vmks (also on an existing vSwitch)
    vmks: list[Vmk]  # vMotion, storage and service vmks to create
    review_vswitches: list[VSwitch]  # management, team and existing-uplink vSwitches: shown
    review_portgroups: list[PortGroup]
    review_vmks: list[Vmk]
    tests: list[VmkPing]  # vmkping checks that start on this host

    @property
    def name(self) -> str:
        return self.host.name

    @property
    def netstacks(self) -> list[Netstack]:
        """Non-default TCP/IP stacks the applied vmks use, in a stable order."""
        return sorted({vmk.netstack for vmk in self.vmks} - {Netstack.DEFAULT})

    @property
    def iscsi_vmks(self) -> list[Vmk]:
        """Applied iSCSI vmks: each is bound to the software iSCSI adapter (port binding)."""
        return [vmk for vmk in self.vmks if vmk.purpose == "iscsi"]

    @property
    def advanced(self) -> dict[str, int]:
        return dict(self.host.advanced)

    def vswitch_created(self, name: str) -> bool:
        return any(vs.name == name for vs in self.vswitches)


def scope(plan: Plan, host: HostPlan) -> HostScope:
    """Split ``host`` of ``plan`` into the applied VMkernel networks and the reviewed rest."""
    existing = {nic.vmnic for nic in host.nics if nic.existing}
    management = {vmk.vswitch for vmk in host.vmks if vmk.role is Role.MANAGEMENT}
    management |= {pg.vswitch for pg in host.portgroups if pg.role is Role.MANAGEMENT}
    touches_existing = {vs.name for vs in host.vswitches if set(vs.uplinks) & existing}
    new_vmks = [vmk for vmk in host.vmks if vmk.purpose in APPLIED_PURPOSES]
    vmk_portgroups = {vmk.portgroup for vmk in new_vmks}
    portgroups = [
        pg
        for pg in host.portgroups
        if (pg.name in vmk_portgroups or pg.role is Role.VMOTION)
        and pg.vswitch not in touches_existing
        and not (set(pg.active) | set(pg.standby)) & existing
    ]
    applied = {pg.name for pg in portgroups}
    on_vswitch: dict[str, list[str]] = {}
    for pg in host.portgroups:
        on_vswitch.setdefault(pg.vswitch, []).append(pg.name)
    created = {
        vs.name
        for vs in host.vswitches
        if vs.name not in management | touches_existing
        and on_vswitch.get(vs.name)
        and all(name in applied for name in on_vswitch[vs.name])
    }
    vmks = [vmk for vmk in new_vmks if vmk.portgroup in applied]
    return HostScope(
        host=host,
        vswitches=[vs for vs in host.vswitches if vs.name in created],
        portgroups=portgroups,
        vmks=vmks,
        review_vswitches=[vs for vs in host.vswitches if vs.name not in created],
        review_portgroups=[pg for pg in host.portgroups if pg.name not in applied],
        review_vmks=[vmk for vmk in host.vmks if vmk not in vmks],
        # Standby-path checks need an uplink taken down first: only the checklist's
        # vmkping-checks.sh (``HOST standby``) runs them; a host script runs the active paths.
        tests=[t for t in plan.tests if t.source_host == host.name and t.path == "active"],
    )


def scopes(plan: Plan, host: str | None = None) -> list[HostScope]:
    """Scopes for every host of ``plan`` in plan order, or only for ``host``.

    Raises:
        KeyError: ``host`` is not a host of the plan.
    """
    hosts = plan.hosts if host is None else [plan.host(host)]
    return [scope(plan, h) for h in hosts]


def advanced_path(key: str) -> str:
    """``Migrate.BindToVmknic`` -> ``/Migrate/BindToVmknic`` (the esxcfg-advcfg form)."""
    return "/" + key.replace(".", "/")


def header_facts(
    design_name: str,
    revision: int | None,
    generated_at: str | None,
    host: str | None = None,
) -> list[str]:
    """The plain-text header every script starts with; each format comments it safely."""
    facts = [f"Design: {design_name}"]
    facts.append(f"Revision: {revision}" if revision is not None else "Revision: unsaved")
    if host is not None:
        facts.append(f"Host: {host}")
    if generated_at:
        facts.append(f"Generated: {generated_at}")
    return facts


def error_findings(plan: Plan) -> list[str]:
    """One line per error finding: the scripts refuse to run while the plan has any."""
    return [f"{f.rule}: {f.message}" for f in plan.findings if f.severity == "error"]
