"""Starting points for new designs: a blank design, or one of the example scenarios."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from app.planner.design import Design

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"
BLANK = "blank"

# The smallest design that plans: two hosts with one management and two vMotion ports each.
# Addresses come from the documentation ranges (RFC 5737) so nobody mistakes them for real ones.
_BLANK_DOCUMENT: dict[str, Any] = {
    "schema_version": 1,
    "name": "New design",
    "description": "",
    "topology": "direct",
    "hardware": [
        {
            "slot": "LOM",
            "model": "",
            "ports": [
                {"vmnic": "vmnic0", "speed_gbps": 10, "role": "management"},
                {"vmnic": "vmnic1", "speed_gbps": 10, "role": "vmotion"},
                {"vmnic": "vmnic2", "speed_gbps": 10, "role": "vmotion"},
            ],
        }
    ],
    "hosts": [
        {"name": "esx01", "management": {"ip": "192.0.2.11/24", "gateway": "192.0.2.1"}},
        {"name": "esx02", "management": {"ip": "192.0.2.12/24", "gateway": "192.0.2.1"}},
    ],
    "vmotion": {"mtu": 9000, "pool": "198.51.100.0/24"},
}


@dataclass(frozen=True)
class Example:
    """One example scenario offered as a template."""

    key: str  # the file stem, e.g. "e1-two-hosts-direct"
    name: str
    description: str
    topology: str
    hosts: int


def blank_design(name: str = "New design") -> Design:
    """A minimal valid design (two hosts back-to-back) for the user to edit."""
    return Design.model_validate({**_BLANK_DOCUMENT, "name": name})


def _load(path: Path) -> Design:
    with path.open(encoding="utf-8") as handle:
        return Design.model_validate(yaml.safe_load(handle))


def list_examples() -> list[Example]:
    """Every valid ``examples/*.yaml``, in file-name order (E1, E2, …)."""
    examples = []
    for path in sorted(EXAMPLES_DIR.glob("*.yaml")):
        design = _load(path)
        examples.append(
            Example(
                key=path.stem,
                name=design.name,
                description=design.description,
                topology=design.topology.value,
                hosts=len(design.hosts),
            )
        )
    return examples


def load_template(key: str, name: str | None = None) -> Design:
    """The design for template ``key`` (``blank`` or an example stem), renamed to ``name``.

    Raises:
        KeyError: ``key`` names no template (only listed files are read: no path tricks).
    """
    if key == BLANK:
        return blank_design(name or "New design")
    known = {path.stem: path for path in EXAMPLES_DIR.glob("*.yaml")}
    if key not in known:
        raise KeyError(key)
    design = _load(known[key])
    if not name:
        return design
    return Design.model_validate({**design.model_dump(mode="json"), "name": name})
