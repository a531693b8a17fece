"""The one mapper from an invalid document to (path, message) problems (issue 9 §7, §8)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from app.planner.doc_problems import Problem, duplicate_problems, validate
from tests.examples import example_dict


def _host(name: str, ip: str, vmnics: list[str] | None = None) -> dict[str, Any]:
    host: dict[str, Any] = {"name": name, "management": {"ip": ip, "gateway": "192.0.2.1"}}
    if vmnics is not None:
        host["cards"] = [
            {"slot": "LOM", "ports": [{"vmnic": v, "role": "vmotion"} for v in vmnics]}
        ]
    return host


def test_every_duplicate_is_reported_at_the_repeating_field_in_one_pass() -> None:
    doc = example_dict("e4")
    doc["hosts"][1]["name"] = doc["hosts"][0]["name"].upper()
    doc["hosts"][2]["management"]["ip"] = doc["hosts"][0]["management"]["ip"]
    doc["switches"][1]["name"] = doc["switches"][0]["name"]
    doc["hosts"][3]["cards"] = [
        {"slot": "LOM", "ports": [{"vmnic": "vmnic0"}, {"vmnic": "vmnic1"}]},
        {
            "slot": "PCIe 1",
            "ports": [{"vmnic": "vmnic2"}, {"vmnic": "vmnic0"}, {"vmnic": "vmnic1"}],
        },
    ]
    doc["vmotion"]["mtu"] = "jumbo"  # a field error: the duplicates are still found
    design, problems = validate(doc)
    assert design is None
    paths = [p.path for p in problems]
    assert paths == [
        "hosts.1.name",
        "hosts.2.management.ip",
        "hosts.3.cards.1.ports.1.vmnic",
        "hosts.3.cards.1.ports.2.vmnic",
        "switches.1.name",
        "vmotion.mtu",
    ]
    assert problems[2].message == "vmnic0 is already an earlier port of host esx04."
    assert problems[1].message == "Another host already has the management address 192.0.2.31."


def test_a_valid_document_has_no_problems() -> None:
    design, problems = validate(example_dict("e1"))
    assert design is not None and problems == []


def test_management_address_without_prefix_is_named_not_blamed_on_the_gateway() -> None:
    doc = example_dict("e1")
    doc["hosts"][0]["management"]["ip"] = "192.0.2.11"
    _, problems = validate(doc)
    assert problems == [
        Problem(
            "hosts.0.management.ip",
            "Add the prefix length, e.g. 192.0.2.11/24; without it the address is a /32 that no "
            "gateway is inside (got '192.0.2.11').",
        )
    ]


def test_a_gateway_outside_the_subnet_is_still_reported_at_the_address() -> None:
    doc = example_dict("e1")
    doc["hosts"][1]["management"]["gateway"] = "203.0.113.1"
    _, problems = validate(doc)
    assert problems == [
        Problem("hosts.1.management.ip", "Gateway 203.0.113.1 is not inside 192.0.2.0/24.")
    ]


@given(st.lists(st.sampled_from(["vmnic0", "vmnic1", "vmnic2", "vmnic3"]), min_size=1, max_size=12))
def test_each_repeated_vmnic_is_one_problem_at_its_own_port(vmnics: list[str]) -> None:
    doc = {"hosts": [_host("esx01", "192.0.2.11/24", vmnics)]}
    found = duplicate_problems(doc)
    repeats = [i for i, v in enumerate(vmnics) if v in vmnics[:i]]
    assert [p.path for p in found] == [f"hosts.0.cards.0.ports.{i}.vmnic" for i in repeats]
