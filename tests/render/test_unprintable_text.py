"""Design text with characters XML and YAML refuse still gives files that open.

Found by QA: a design name with a control character (a paste from a terminal: ESC, BEL) or a
non-character such as U+FFFE made the topology/vSwitch SVGs and the draw.io file ill-formed XML,
and the Ansible playbook, inventory and the design.yaml export unreadable YAML (their header
comments carried the name), so the export could not even be imported back.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
import yaml

from app.planner.plan import plan
from app.render import formats
from app.render.base import RenderContext
from app.render.document import load_design
from app.render.quoting import one_line, xml_safe
from tests.examples import example, example_dict

ODD_NAME = "lab\x01\x07\x1b[31m\ufffe\u2028 rack: #3"


def _context(stem: str) -> RenderContext:
    data: dict[str, Any] = example_dict(stem)
    data["name"] = ODD_NAME
    data["description"] = "row\x0bB\x0cC\ufffe"
    for card in data["hardware"]:
        card["model"] = f"{card['model']}\x02"
    data["hardware"][0]["slot"] = "PCIe\x05 1\ufffe"  # port group names are identifiers now
    design = example(stem, **{k: v for k, v in data.items() if k != "schema_version"})
    return RenderContext(
        design=design, plan=plan(design), revision=2, generated_at="2026-01-15T09:30:00Z"
    )


def _text(ctx: RenderContext, fmt: str) -> dict[str, str]:
    artifacts = formats.render_format(fmt, ctx, None, allow_errors=True)
    return {a.filename: a.data.decode() for a in artifacts}


def test_one_line_folds_every_unprintable_run() -> None:
    assert one_line("a\x1b[31m\ufffe\u2028\u200bb  c\x85") == "a [31m b  c"
    assert one_line("esx01 — Zürich") == "esx01 — Zürich"


def test_xml_safe_replaces_only_what_xml_forbids() -> None:
    assert xml_safe("a\x07b\tc\nd\ufffe\u00e9") == "a\ufffdb\tc\nd\ufffd\u00e9"


@pytest.mark.parametrize("stem", ["e1", "e4"])
@pytest.mark.parametrize("fmt", ["topology-svg", "vswitch-svg", "drawio"])
def test_diagrams_stay_well_formed_xml(stem: str, fmt: str) -> None:
    files = _text(_context(stem), fmt)
    assert files
    for name, content in files.items():
        root = ET.fromstring(content.encode())  # raises on ill-formed XML
        assert root.tag.endswith(("svg", "mxfile")), name
    assert "lab\ufffd\ufffd\ufffd[31m\ufffd" in "".join(_text(_context(stem), "drawio").values())


@pytest.mark.parametrize("stem", ["e1", "e4"])
def test_ansible_files_and_design_yaml_load_back(stem: str) -> None:
    ctx = _context(stem)
    for name, content in _text(ctx, "ansible").items():
        if name.endswith(".yml"):
            yaml.safe_load(content)  # raises on characters YAML refuses
    (exported,) = _text(ctx, "design-yaml").values()
    assert exported.startswith("# vmotion-planner design document: lab [31m rack: #3\n")
    assert load_design(exported, "yaml") == ctx.design
