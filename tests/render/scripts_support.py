"""Helpers for the host-script renderer tests (esxcli, PowerCLI, Ansible, Terraform, test plan).

Golden files live in tests/render/golden/<format>/<example>/<artifact path>. They change only on
purpose: run the tests with ``UPDATE_GOLDEN=1`` to rewrite them, then read the diff.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from ipaddress import IPv4Address
from pathlib import Path
from typing import Any

from app.planner.plan import plan
from app.render.base import Artifact, RenderContext
from tests.examples import example, example_dict

GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_EXAMPLES = ("e1", "e4", "e5", "e6")
REVISION = 7
GENERATED_AT = "2026-02-02T08:15:00Z"

# Text a hostile or careless user could put into the free-text fields of a design.
EVIL_NAME = "x'; rm -rf / #"
EVIL_DESCRIPTION = "Line one $(touch PWNED) `touch PWNED` \"q\" 's'\nrm -rf / ; echo owned"
# Port group names are identifiers (issue 8 item 9: quotes, '$', '{' and line breaks are refused
# at validation); the most awkward names still allowed need quoting in every format.
EVIL_MGMT_PG = "Mgmt (VLAN 10) - rack 3"
EVIL_VM_PG = "VM Network (prod) x.y_z"


def context(stem: str, **changes: Any) -> RenderContext:
    """The render context of examples/<stem>*.yaml with a fixed revision and date."""
    design = example(stem, **changes)
    return RenderContext(
        design=design, plan=plan(design), revision=REVISION, generated_at=GENERATED_AT
    )


def evil_context(stem: str = "e6") -> RenderContext:
    """An example whose name, description and team port group names try to break out."""
    data = example_dict(stem)
    teaming = data.get("teaming", {})
    teaming.setdefault("management", {})["portgroup"] = EVIL_MGMT_PG
    teaming.setdefault("vm_traffic", {})["portgroup"] = EVIL_VM_PG
    return context(stem, name=EVIL_NAME, description=EVIL_DESCRIPTION, teaming=teaming)


def by_name(artifacts: list[Artifact]) -> dict[str, str]:
    return {a.filename: a.content if isinstance(a.content, str) else "" for a in artifacts}


def check_golden(fmt: str, stem: str, artifacts: list[Artifact]) -> None:
    """Compare ``artifacts`` with the stored files (or rewrite them with UPDATE_GOLDEN=1)."""
    folder = GOLDEN / fmt / stem
    if os.environ.get("UPDATE_GOLDEN") == "1":
        if folder.exists():
            shutil.rmtree(folder)
        for artifact in artifacts:
            path = folder / artifact.filename
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(artifact.data)
        return
    stored = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert sorted(a.filename for a in artifacts) == stored, (
        f"{fmt}/{stem}: files differ from the golden set; rerun with UPDATE_GOLDEN=1 if intended"
    )
    for artifact in artifacts:
        assert artifact.data == (folder / artifact.filename).read_bytes(), (
            f"{fmt}/{stem}/{artifact.filename} differs from its golden file; "
            "rerun with UPDATE_GOLDEN=1 if the change is intended"
        )


def shells() -> list[str]:
    """The POSIX-ish shells on this machine to syntax-check with (bash always)."""
    return [sh for sh in ("bash", "dash", "sh") if shutil.which(sh)]


def syntax_check(script: str, tmp_path: Path) -> None:
    """``<shell> -n`` with every available shell; fails the test on any complaint."""
    path = tmp_path / "script.sh"
    path.write_text(script)
    for sh in shells():
        result = subprocess.run([sh, "-n", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, f"{sh} -n: {result.stderr}"


_IPV4 = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?![\d.])")


def addresses_in(text: str) -> set[IPv4Address]:
    return {IPv4Address(m) for m in _IPV4.findall(text)}


def plan_addresses(ctx: RenderContext) -> set[IPv4Address]:
    """Every address the design or plan states (vmks, masks, gateways, management)."""
    found: set[IPv4Address] = set()
    for host in ctx.plan.hosts:
        for vmk in host.vmks:
            found |= {vmk.address.ip, vmk.address.netmask}
            if vmk.gateway is not None:
                found.add(vmk.gateway)
        found |= set(host.netstack_gateways.values())
    for design_host in ctx.design.hosts:
        management = design_host.management
        found |= {management.ip.ip, management.ip.netmask}
        if management.gateway is not None:
            found.add(management.gateway)
    return found
