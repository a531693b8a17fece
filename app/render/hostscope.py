"""What the host scripts apply, and what they only show for review.

Every script format (esxcli, PowerCLI, Ansible, Terraform) draws the same line, so that whichever
tool a team uses, the same objects change:

* **Applied:** the vMotion network — its vSwitches, port groups with their failover overrides,
  the vMotion netstack and vmks — and the advanced settings of the host plan (BindToVmknic, R9).
  These are new objects: creating them does not touch running traffic.
* **Shown for review, never applied:** the management vSwitch, its port group and vmk0 (changing
  the uplinks or teaming of the network the script runs over can cut the session off and leave
  the host unreachable), and the other teams (VM traffic, IP storage). Those carry running VMs and
  storage, an IP-hash team must change together with its switch-side EtherChannel (R20,
  KB 1001938), and a fresh install already has a "VM Network" port group on vSwitch0.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.planner.design import FailureDetection, LoadBalancing, Netstack, Role
from app.planner.result import HostPlan, Plan, PortGroup, Vmk, VmkPing, VSwitch

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
    vswitches: list[VSwitch]  # vMotion vSwitches to create
    portgroups: list[PortGroup]  # vMotion port groups to create (also on an existing vSwitch)
    vmks: list[Vmk]  # vMotion vmks to create
    review_vswitches: list[VSwitch]  # management and team vSwitches: shown, not applied
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
    def advanced(self) -> dict[str, int]:
        return dict(self.host.advanced)

    def vswitch_created(self, name: str) -> bool:
        return any(vs.name == name for vs in self.vswitches)


def scope(plan: Plan, host: HostPlan) -> HostScope:
    """Split ``host`` of ``plan`` into the applied vMotion network and the reviewed rest."""
    management = {vmk.vswitch for vmk in host.vmks if vmk.role is Role.MANAGEMENT}
    management |= {pg.vswitch for pg in host.portgroups if pg.role is Role.MANAGEMENT}
    vmotion_pgs = [pg for pg in host.portgroups if pg.role is Role.VMOTION]
    vmotion_switches = {pg.vswitch for pg in vmotion_pgs} - management
    return HostScope(
        host=host,
        vswitches=[vs for vs in host.vswitches if vs.name in vmotion_switches],
        portgroups=vmotion_pgs,
        vmks=[vmk for vmk in host.vmks if vmk.role is Role.VMOTION],
        review_vswitches=[vs for vs in host.vswitches if vs.name not in vmotion_switches],
        review_portgroups=[pg for pg in host.portgroups if pg.role is not Role.VMOTION],
        review_vmks=[vmk for vmk in host.vmks if vmk.role is not Role.VMOTION],
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
