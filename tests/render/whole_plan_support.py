"""A plan with every kind of cable, for the renderers of issue 7 item 1 and issue 9 §3.

E4 with printed port labels on every card port, its management uplinks marked as patched today
(``existing``), and two inter-switch links sw1–sw2 (C17, C18 on Ethernet1/47-48) in a
port-channel carrying VLANs 10 and 20.
The planner proposes that link itself (issue 7 item 2); for a plan without one this builds the
same shapes the contract gives (kind ``inter_switch``, both ends switch ports, each end in its
switch's ``ports``, one ``Plan.interconnects`` entry), so the renderers are tested against them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.planner.design import InterconnectKind, Role
from app.planner.result import (
    Cable,
    CableEnd,
    CableKind,
    EndKind,
    InterconnectPlan,
    Plan,
    SwitchPlan,
    SwitchPort,
)
from app.render.base import RenderContext
from tests.examples import example, example_dict
from tests.render.diagrams_support import context_of

ISL_PORTS = ("Ethernet1/47", "Ethernet1/48")
ISL_IDS = ("C17", "C18")
ISL_COLOUR = "#334155"


def isl_channel(plan: Plan) -> int:
    """The port-channel of the sw1–sw2 link (the planner's, or 100 when built here)."""
    group = plan.interconnects[0].channel_group
    assert group is not None
    return group


def labelled_e4_data() -> dict[str, Any]:
    """E4's document with a printed label on every card port ("PCIe 1 / P1")."""
    data = example_dict("e4")
    for card in data["hardware"]:
        for number, port in enumerate(card["ports"], start=1):
            port["label"] = f"{card['slot']} / P{number}"
    return data


def whole_plan_context() -> RenderContext:
    """E4 planned, then given existing management uplinks and a two-link ISL (see above)."""
    data = labelled_e4_data()
    design = example("e4", hardware=data["hardware"])
    ctx = context_of(design)
    return replace(ctx, plan=with_isl_and_existing(ctx.plan))


def with_isl_and_existing(plan: Plan) -> Plan:
    cables = [
        c.model_copy(update={"existing": True}) if c.role is Role.MANAGEMENT else c
        for c in plan.cables
    ]
    existing = {c.id for c in cables if c.existing}
    if plan.interconnects:  # the planner proposed the link itself (issue 7 item 2)
        switches = [
            s.model_copy(
                update={
                    "ports": [
                        p.model_copy(update={"existing": p.cable in existing}) for p in s.ports
                    ]
                }
            )
            for s in plan.switches
        ]
        return plan.model_copy(update={"cables": cables, "switches": switches})
    isls = [_isl(cable_id, port) for cable_id, port in zip(ISL_IDS, ISL_PORTS, strict=True)]
    switches = [_with_isl_ports(s, plan) for s in plan.switches]
    interconnect = InterconnectPlan(
        a="sw1",
        b="sw2",
        kind=InterconnectKind.ISL,
        cables=list(ISL_IDS),
        vlans=[10, 20],
        mtu=9216,
        channel_group=100,
        proposed=False,
        existing=False,
    )
    return plan.model_copy(
        update={"cables": cables + isls, "switches": switches, "interconnects": [interconnect]}
    )


def _isl(cable_id: str, port: str) -> Cable:
    return Cable(
        id=cable_id,
        label=f"{cable_id} sw1 {port} / sw2 {port}",
        kind=CableKind.INTER_SWITCH,
        role=None,
        a=CableEnd(kind=EndKind.SWITCH, device="sw1", port=port),
        b=CableEnd(kind=EndKind.SWITCH, device="sw2", port=port),
        speed_gbps=10,
        color=ISL_COLOUR,
        vlans=[10, 20],
        mtu=9216,
        channel_group=100,
    )


def _with_isl_ports(switch: SwitchPlan, plan: Plan) -> SwitchPlan:
    peer = "sw2" if switch.name == "sw1" else "sw1"
    existing = {c.id for c in plan.cables if c.role is Role.MANAGEMENT}
    ports = [p.model_copy(update={"existing": p.cable in existing}) for p in switch.ports]
    ports += [
        SwitchPort(
            interface=port,
            kind="inter_switch",
            peer_switch=peer,
            peer_interface=port,
            role=None,
            cable=cable_id,
            vlan=1,
            vlans=[10, 20],
            mtu=9216,
            mode="trunk",
            channel_group=100,
        )
        for cable_id, port in zip(ISL_IDS, ISL_PORTS, strict=True)
    ]
    return switch.model_copy(update={"ports": ports})
