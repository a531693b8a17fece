"""Gateway rules: P7 (a gateway outside the subnet of the vmks that use it) and R41 (a vMotion
gateway on the default stack is ignored). Trigger and clean cases for each."""

from __future__ import annotations

from app.planner.plan import plan
from app.planner.result import Severity
from tests.planner.rules_support import design, findings, of_rule, rule_ids


def test_p7_per_link_30_on_the_vmotion_stack_names_every_vmk_that_cannot_reach_it() -> None:
    # E1's four /30s per host: a gateway can be inside at most one of them.
    changes = {"vmotion.netstack": "vmotion", "vmotion.gateway": "198.51.100.1"}
    p7 = of_rule(findings("e1", changes), "P7")
    assert [f.severity for f in p7] == [Severity.ERROR, Severity.ERROR]
    assert [f.objects for f in p7] == [
        [f"vmk:{host}/vmk{n}" for n in (1, 2, 3, 4)] for host in ("esx01", "esx02")
    ]
    # The gateway is reserved, so the /30 that holds it is skipped and no vmk can reach it.
    assert p7[0].message.startswith(
        "esx01: the vMotion gateway 198.51.100.1 is not a usable address in the subnet of "
        "vmk1 (198.51.100.4/30), vmk2 (198.51.100.8/30), vmk3 (198.51.100.12/30) and "
        "vmk4 (198.51.100.16/30). The scripts would give them a next hop"
    )


def test_p7_per_lane_subnets_on_a_switched_design() -> None:
    changes = {
        "vmotion.netstack": "vmotion",
        "vmotion.addressing": "per_lane_subnet",
        "vmotion.gateway": "198.51.100.1",
    }
    p = plan(design("e4", changes))
    p7 = of_rule(p.findings, "P7")
    assert len(p7) == 4  # one per host, each naming its lane-2 vmk
    (lane2,) = {v.address.network for h in p.hosts for v in h.vmks if v.lane == 2}
    assert [f.objects for f in p7] == [[f"vmk:esx0{n}/vmk2"] for n in (1, 2, 3, 4)]
    assert all(f"vmk2 ({lane2})" in f.message and "vmk1" not in f.message for f in p7)


def test_p7_gateway_outside_the_pool_says_so() -> None:
    changes = {"vmotion.netstack": "vmotion", "vmotion.gateway": "203.0.113.1"}
    p7 = of_rule(findings("e4", changes), "P7")
    assert len(p7) == 4
    assert "and outside the vMotion pool 198.51.100.0/24" in p7[0].message


def test_p7_network_address_of_the_vmk_subnet_is_not_a_gateway() -> None:
    changes = {"vmotion.netstack": "vmotion", "vmotion.gateway": "198.51.100.0"}
    assert len(of_rule(findings("e4", changes), "P7")) == 4


def test_p7_clean_shared_subnet_with_its_gateway() -> None:
    # E7: routed vMotion on the vmotion stack, one shared subnet that holds the gateway.
    assert not {"P7", "R41"} & rule_ids(findings("e7"))
    e4 = {"vmotion.netstack": "vmotion", "vmotion.gateway": "198.51.100.254"}
    assert not {"P7", "R41"} & rule_ids(findings("e4", e4))


def test_r41_gateway_on_the_default_stack_is_ignored_and_said_so() -> None:
    p = plan(design("e4", {"vmotion.gateway": "198.51.100.254"}))
    (r41,) = of_rule(p.findings, "R41")
    assert r41.severity is Severity.WARNING
    assert r41.objects == ["design"]
    assert "198.51.100.254 is ignored" in r41.message
    assert "one default gateway" in r41.message
    # It really is ignored: no vmk and no stack carries it, and it is not P7's business.
    assert all(v.gateway is None for h in p.hosts for v in h.vmks if v.name != "vmk0")
    assert all(not h.netstack_gateways for h in p.hosts)
    assert "P7" not in rule_ids(p.findings)


def test_r41_clean_without_gateway_or_on_the_vmotion_stack() -> None:
    assert "R41" not in rule_ids(findings("e4"))
    assert "R41" not in rule_ids(findings("e7"))


def _provisioning_vmk(gateway: str) -> dict[str, object]:
    return {
        "service_vmks": [
            {
                "portgroup": "Provisioning",
                "netstack": "provisioning",
                "uplinks": "management",
                "pool": "203.0.113.0/28",
                "gateway": gateway,
            }
        ]
    }


def test_p7_also_checks_service_vmks_on_other_stacks() -> None:
    # The document only checks that the gateway is inside the pool: the network address is.
    p7 = of_rule(findings("e4", _provisioning_vmk("203.0.113.0")), "P7")
    assert len(p7) == 4
    assert p7[0].message.startswith(
        "esx01: the provisioning-stack gateway 203.0.113.0 is not a usable address in the "
        "subnet of vmk"
    )
    assert "203.0.113.0/28" in p7[0].message
    assert "P7" not in rule_ids(findings("e4", _provisioning_vmk("203.0.113.1")))
