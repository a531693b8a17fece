"""The rehearsal lab: every example's own test plan, run on a real network stack (issue 7).

Each plan is realised in network namespaces (tests/lab/topology.py says how ESXi maps onto
Linux) and its vmkping checks run as don't-fragment pings with the jumbo payload (R39).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from typing import Any

from app.planner.design import Design, InterconnectKind
from app.planner.plan import plan
from app.planner.result import InterconnectPlan, Plan, VmkPing
from tests.examples import example, example_dict
from tests.lab.checks import describe, failed, run_test_plan
from tests.lab.netns import PREFIX, Lab, batch, clean_dead_runs, namespaces

ANTI_PATTERN = "e2-direct-shared-subnet"  # one /24 over direct cables (seed 000, R5)


def _crosses(check: VmkPing) -> bool:
    return len(check.via_switches) > 1


def _cable_partners(p: Plan, check: VmkPing) -> bool:
    """Whether the two vmks of a check sit at the two ends of one back-to-back cable."""
    ends = {frozenset({(c.a.device, c.a.port), (c.b.device, c.b.port)}) for c in p.cables}
    uplink = {
        (h.name, v.name): next(pg.active[0] for pg in h.portgroups if pg.name == v.portgroup)
        for h in p.hosts
        for v in h.vmks
    }
    source = (check.source_host, uplink[(check.source_host, check.source_vmk)])
    target = (check.target_host, uplink[(check.target_host, check.target_vmk)])
    return frozenset({source, target}) in ends


def test_e2_fails_as_on_esxi_only_the_cable_partners_answer() -> None:
    """One /24 over direct cables: vmk1 reaches the peer's vmk1 only (R5, "stuck at 9%")."""
    p = plan(example(ANTI_PATTERN))
    with Lab(p) as lab:
        broken = failed(p, run_test_plan(lab, p))
    assert broken, "E2 must fail in the lab as it fails on ESXi"
    assert broken == [check for check in p.tests if not _cable_partners(p, check)]
    assert len(broken) == 24


def test_e2_would_pass_if_every_interface_answered_arp() -> None:
    """Why the lab sets arp_ignore=1: with Linux's default the anti-pattern hides."""
    p = plan(example(ANTI_PATTERN))
    with Lab(p, arp_ignore=0) as lab:
        assert failed(p, run_test_plan(lab, p)) == []


def test_two_switches_without_a_link_fail_exactly_the_checks_across_them() -> None:
    p = plan(example("e4"))
    unlinked = replace(p, interconnects=[])
    with Lab(unlinked) as lab:
        broken = failed(p, run_test_plan(lab, p))
    assert broken and broken == [check for check in p.tests if _crosses(check)]


def _stacked_e4(sw2: dict[str, Any]) -> Design:
    doc = example_dict("e4")
    doc["switches"] = [{**doc["switches"][0], "stack": "st1"}, {**doc["switches"][1], **sw2}]
    return Design.model_validate(doc)


def test_a_switch_at_mtu_1500_fails_exactly_the_jumbo_checks_through_it() -> None:
    """sw2 of a stack at MTU 1500: every check whose path touches sw2 fails, no other (R12)."""
    p = plan(_stacked_e4({"stack": "st1", "mtu": 1500}))
    with Lab(p) as lab:
        broken = failed(p, run_test_plan(lab, p))
        # The same paths carry a standard-size frame: it is the MTU, not the path.
        small = [replace(c, payload=1472) for c in broken]
        assert all(lab.run(small))
    assert broken == [check for check in p.tests if "sw2" in check.via_switches]
    assert broken and all(check.payload == 8972 for check in broken)


def test_a_vlan_the_switch_port_does_not_carry_cuts_that_host_off() -> None:
    """No 802.1Q here: the VLAN of each cable is checked statically when it is realised."""
    p = plan(example("e4"))
    ports = [
        replace(port, vlans=[99]) if port.host == "esx02" else port for port in p.switches[1].ports
    ]
    switches = [p.switches[0], replace(p.switches[1], ports=ports)]
    linked = replace(p, switches=switches, interconnects=[_isl("sw1", "sw2")])
    with Lab(linked) as lab:
        assert any("does not carry VLAN 20 of esx02" in note for note in lab.topo.notes)
        active = [check for check in p.tests if check.path == "active"]
        outcome = lab.run(active)
    cut = [
        (c.source_host == "esx02" and c.via_switches[0] == "sw2")
        or (c.target_host == "esx02" and c.via_switches[-1] == "sw2")
        for c in active
    ]
    assert any(cut) and outcome == [not x for x in cut]


def _isl(a: str, b: str, mtu: int = 9216) -> InterconnectPlan:
    return InterconnectPlan(
        a=a,
        b=b,
        kind=InterconnectKind.ISL,
        cables=[],
        vlans=[10, 20],
        mtu=mtu,
        channel_group=None,
        proposed=False,
        existing=False,
    )


def test_an_inter_switch_link_at_mtu_1500_fails_exactly_the_jumbo_checks_across_it() -> None:
    p = plan(example("e4"))
    with Lab(replace(p, interconnects=[_isl("sw1", "sw2", mtu=1500)])) as lab:
        broken = failed(p, run_test_plan(lab, p))
    assert broken and broken == [check for check in p.tests if _crosses(check)]
    assert all(check.payload == 8972 for check in broken)


def test_a_ring_of_links_is_cut_to_a_spanning_tree_and_every_check_passes() -> None:
    """Three links between three switches form a loop; as STP would, the lab blocks one."""
    p = plan(example("e4"))
    sw3 = replace(p.switches[1], name="sw3", ports=[])
    ring = [_isl("sw1", "sw2"), _isl("sw2", "sw3"), _isl("sw3", "sw1")]
    with Lab(replace(p, switches=[*p.switches, sw3], interconnects=ring)) as lab:
        assert lab.topo.notes == [
            "ISL sw3–sw1 VLAN 10: blocked (loop)",
            "ISL sw3–sw1 VLAN 20: blocked (loop)",
        ]
        assert describe(failed(p, run_test_plan(lab, p))) == []


def test_leftovers_of_a_dead_run_are_deleted_and_a_live_run_is_kept() -> None:
    dead, live = f"{PREFIX}{_exited_pid()}x1-h1", f"{PREFIX}{os.getpid()}x999-h1"
    batch([f"netns add {dead}", f"netns add {live}"])
    try:
        assert dead in clean_dead_runs()
        assert dead not in namespaces() and live in namespaces()
    finally:
        batch([f"netns del {name}" for name in (dead, live) if name in namespaces()])


def _exited_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid
