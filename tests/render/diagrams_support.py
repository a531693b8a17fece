"""Designs for the diagram and sheet tests: the examples plus generated large cases.

Large cases check readability limits from the brief: 16 hosts, 16 vmnics per host, meshes.
Addresses are documentation prefixes only.
"""

from __future__ import annotations

from typing import Any

from app.planner.design import Design
from app.planner.plan import plan
from app.planner.result import Plan
from app.render.base import RenderContext
from tests.examples import example

REVISION = 3
GENERATED_AT = "2026-01-15T09:30:00Z"
SHARE_URL = "https://vmotion.example.test/s/Zm9vYmFyYmF6cXV4cXV1eA"


def context(stem: str, *, share_url: str | None = SHARE_URL, **changes: Any) -> RenderContext:
    """examples/<stem>*.yaml planned, with a fixed revision, date and share link."""
    design = example(stem, **changes)
    return RenderContext(design, plan(design), REVISION, GENERATED_AT, share_url)


def context_of(design: Design, share_url: str | None = SHARE_URL) -> RenderContext:
    return RenderContext(design, plan(design), REVISION, GENERATED_AT, share_url)


def sixteen_vmnic_cards(vmotion: int, vm_traffic: int = 0) -> list[dict[str, Any]]:
    """Two eight-port cards (vmnic0-15): management on the first port of each card, then
    ``vmotion`` vMotion ports and ``vm_traffic`` VM ports alternating between the cards."""
    roles: dict[int, str] = {0: "management", 8: "management"}
    free = [n for pair in zip(range(1, 8), range(9, 16), strict=True) for n in pair]
    for number in free[:vmotion]:
        roles[number] = "vmotion"
    for number in free[vmotion : vmotion + vm_traffic]:
        roles[number] = "vm_traffic"
    return [
        {
            "slot": f"PCIe {card + 1}",
            "model": "Example octo-port 10GbE",
            "ports": [
                {"vmnic": f"vmnic{n}", "speed_gbps": 10, "role": roles.get(n, "unused")}
                for n in range(card * 8, card * 8 + 8)
            ],
        }
        for card in (0, 1)
    ]


def large_design(
    hosts: int,
    *,
    topology: str,
    vmotion: int,
    vm_traffic: int = 0,
    name: str = "Large cluster",
    stacked: bool = False,
) -> Design:
    """A cluster of ``hosts`` identical 16-vmnic hosts, direct or on two switches."""
    data: dict[str, Any] = {
        "name": name,
        "topology": topology,
        "hardware": sixteen_vmnic_cards(vmotion, vm_traffic),
        "hosts": [
            {"name": f"esx{i:02d}", "management": {"ip": f"192.0.2.{10 + i}/24"}}
            for i in range(1, hosts + 1)
        ],
        "vmotion": {"mtu": 9000, "pool": "198.51.100.0/24" if hosts < 20 else "203.0.113.0/24"},
    }
    if topology == "switched":
        data["vmotion"]["vlan"] = 20
        data["switches"] = [
            {
                "name": f"sw{i}",
                "mtu": 9216,
                "port_count": 400,
                "stack": "pair1" if stacked else None,
            }
            for i in (1, 2)
        ]
    return Design.model_validate(data)


def large_plan(hosts: int, **kwargs: Any) -> Plan:
    return plan(large_design(hosts, **kwargs))
