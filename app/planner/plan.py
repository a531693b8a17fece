"""``plan(design) -> Plan``: the one pure, deterministic function at the heart of the product.

No I/O, no clock, no randomness: the same document always gives the identical plan, and the
order the document lists hosts in does not matter (hosts are planned in name order).
"""

from __future__ import annotations

from app.planner.addressing import plan_addresses
from app.planner.cabling import CableDraft, Cabling, plan_cabling
from app.planner.design import Design
from app.planner.estimate import plan_estimate
from app.planner.extra_vmks import plan_extras
from app.planner.inventory import inventory
from app.planner.layout import cable_label, plan_hosts
from app.planner.port_vlans import carry_port_vlans
from app.planner.result import Cable, Plan, PlanSummary, Severity
from app.planner.rules import check, sort_findings
from app.planner.structure import structure_findings
from app.planner.switching import plan_etherchannels, plan_switches
from app.planner.testplan import plan_tests


def _cables(cabling: Cabling, subnets: dict[str, object]) -> list[Cable]:
    def build(draft: CableDraft) -> Cable:
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
    cables = _cables(cabling, dict(addressing.cable_subnet))
    draft = Plan(
        design_name=design.name,
        topology=design.topology,
        summary=PlanSummary(hosts=0, lanes=0, cables=0, subnets=0, errors=0, warnings=0, infos=0),
        cables=cables,
        subnets=[*addressing.subnets, *extras.subnets],
        hosts=host_plans,
        # Storage, service and VM-network port groups may add VLANs to a port (port_vlans.py).
        switches=carry_port_vlans(plan_switches(design, cabling, channels), host_plans),
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
    return draft.model_copy(update={"findings": findings, "summary": summary})
