"""The printed port label (issue 9 §3): one line of label text, at most 40 characters."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.planner.design import Port
from app.planner.plan import plan
from tests.examples import example, example_dict


@pytest.mark.parametrize("label", ["", "Slot 2 Port 1", "NIC2-P1", "PCIe 1 / P2", "LOM:1 (top)"])
def test_printed_labels_are_accepted(label: str) -> None:
    assert Port(vmnic="vmnic0", label=label).label == label


@pytest.mark.parametrize(
    "label", ["x\nreload", "=HYPERLINK(1)", " padded", "tab\there", "a" * 41, "Port 1 "]
)
def test_labels_that_could_break_a_line_or_a_cell_are_refused_naming_the_field(label: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Port(vmnic="vmnic0", label=label)
    assert [e["loc"] for e in caught.value.errors()] == [("label",)]


def test_the_label_reaches_both_ends_of_the_cable() -> None:
    data = example_dict("e1")
    data["hardware"][0]["ports"][1]["label"] = "Slot 1 Port 2"
    cable = plan(example("e1", hardware=data["hardware"])).cables[0]  # C01: vmnic1 to vmnic1
    assert (cable.a.port, cable.a.label) == ("vmnic1", "Slot 1 Port 2")
    assert (cable.b.port, cable.b.label) == ("vmnic1", "Slot 1 Port 2")
