"""A plan with every kind of cable, for the renderers of issue 7 item 1 and issue 9 §3.

E4 with printed port labels on every card port, its management uplinks marked as patched today
(``existing``), and two inter-switch links sw1–sw2 in port-channel 100 carrying VLANs 10 and 20,
all planned by the planner itself from the document (uplinks.management.existing, interconnects).
"""

from __future__ import annotations

from typing import Any

from app.planner.result import Plan
from app.render.base import RenderContext
from tests.examples import example, example_dict
from tests.render.diagrams_support import context_of

ISL_PORTS = ("Ethernet1/47", "Ethernet1/48")
ISL_IDS = ("C17", "C18")


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
    # The planner builds both itself now (issue 7): a documented two-link ISL and existing
    # management uplinks.
    link = {"a": "sw1", "b": "sw2", "ports_a": list(ISL_PORTS), "ports_b": list(ISL_PORTS)}
    design = example(
        "e4",
        hardware=data["hardware"],
        interconnects=[{**link, "channel_group": 100, "vlans": [10, 20]}],
        uplinks={"management": {"existing": True}},
    )
    return context_of(design)


def isl_channel(plan: Plan) -> int:
    """The port-channel of the sw1–sw2 link, as the plan has it."""
    group = plan.interconnects[0].channel_group
    assert group is not None
    return group
