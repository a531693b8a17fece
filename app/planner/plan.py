"""``plan(design) -> Plan``: the one pure, deterministic function at the heart of the product.

No I/O, no clock, no randomness: the same document always gives the identical plan, and the
order the document lists hosts in does not matter (hosts are planned in name order).
"""

from __future__ import annotations

from dataclasses import replace
from ipaddress import IPv4Network

from app.planner.addressing import plan_addresses
from app.planner.cabling import CableDraft, Cabling, plan_cabling
from app.planner.design import Design
from app.planner.estimate import plan_estimate
from app.planner.extra_vmks import plan_extras
from app.planner.interconnect import InterSwitchLink, number_channels
from app.planner.inventory import inventory
from app.planner.layout import cable_label, plan_hosts
from app.planner.port_vlans import carry_port_vlans, vswitch_vlans
from app.planner.result import Cable, HostPlan, Plan, PlanSummary, Severity
from app.planner.rules import check, sort_findings
from app.planner.structure import structure_findings
from app.planner.switching import interconnect_plans, plan_etherchannels, plan_switches
from app.planner.testplan import plan_tests


def _uplink_mtu(host_plans: list[HostPlan]) -> dict[tuple[str, str], int]:
    """(host, vmnic) → MTU of the vSwitch the vmnic is an uplink of."""
    return {
        (host.name, vmnic): vswitch.mtu
        for host in host_plans
        for vswitch in host.vswitches
        for vmnic in vswitch.uplinks
    }


def _cables(
    cabling: Cabling,
    subnets: dict[str, IPv4Network],
    host_plans: list[HostPlan],
    links: list[InterSwitchLink],
) -> list[Cable]:
    mtu_of = _uplink_mtu(host_plans)
    # A host cable carries every VLAN of its vmnic's vSwitch, as its switch port does.
    vlans_of = {
        (host.name, vmnic): vlans
        for host in host_plans
        for vmnic, vlans in vswitch_vlans(host).items()
    }
    channel_of = {cable: link.channel_group for link in links for cable in link.cables}

    def build(draft: CableDraft) -> Cable:
        mtu = draft.mtu if draft.mtu is not None else mtu_of.get((draft.a.device, draft.a.port))
        return Cable(
            id=draft.id,
            label=cable_label(draft),
            kind=draft.kind,
            role=draft.role,
            lane=draft.lane,
            a=draft.a,
            b=draft.b,
            speed_gbps=draft.speed_gbps,
            subnet=subnets.get(draft.id),
            color=draft.colour,
            existing=draft.existing,
            vlans=sorted({*draft.vlans, *vlans_of.get((draft.a.device, draft.a.port), [])}),
            mtu=mtu,
            channel_group=channel_of.get(draft.id),
            proposed=draft.proposed,
        )

    return [build(draft) for draft in cabling.cables]


def plan(design: Design) -> Plan:
    """Compute the complete plan for ``design``.

    A design that breaks rules still gets a full plan: the findings say what to fix.
    """
    hosts = inventory(design)
    cabling = plan_cabling(design, hosts)
    addressing = plan_addresses(design, cabling.lanes, cabling.cables)
    extras = plan_extras(design, hosts, cabling.lanes, addressing)
    host_plans = plan_hosts(design, hosts, cabling, addressing, extras)
    channels = plan_etherchannels(design, hosts, cabling)
    links = number_channels(cabling.interconnects, channels)
    cables = _cables(cabling, dict(addressing.cable_subnet), host_plans, links)
    draft = Plan(
        design_name=design.name,
        topology=design.topology,
        summary=PlanSummary(hosts=0, lanes=0, cables=0, subnets=0, errors=0, warnings=0, infos=0),
        cables=cables,
        subnets=[*addressing.subnets, *extras.subnets],
        hosts=host_plans,
        # Storage, service and VM-network port groups may add VLANs to a port (port_vlans.py).
        switches=carry_port_vlans(plan_switches(design, cabling, channels, links), host_plans),
        interconnects=interconnect_plans(links),
        etherchannels=channels,
        findings=[],
        tests=plan_tests(design, host_plans, cables),
        estimate=plan_estimate(design, host_plans),
    )
    findings = sort_findings(
        [
            *structure_findings(design, hosts),
            *cabling.findings,
            *addressing.findings,
            *extras.findings,
            *check(design, draft),
        ]
    )
    lanes = max((len(ports) for ports in cabling.lanes.values()), default=0)
    summary = PlanSummary(
        hosts=len(host_plans),
        lanes=lanes,
        cables=len(draft.cables),
        subnets=len(draft.subnets),
        errors=sum(f.severity is Severity.ERROR for f in findings),
        warnings=sum(f.severity is Severity.WARNING for f in findings),
        infos=sum(f.severity is Severity.INFO for f in findings),
    )
    return replace(draft, findings=findings, summary=summary)
