"""Issue 8 item 8: no host script of an error plan can be applied by accident.

The table between ``<!-- error-gates -->`` markers in docs/outputs.md is the contract; each row is
checked against the code here. The gates are exercised for real where a tool is at hand: the
esxcli script runs in dash/sh with stub commands, the playbook runs in ansible-playbook against
an address where no vCenter answers. PowerShell is not installed, so the PowerCLI gate is checked
by its position (before the first cmdlet that reads or changes a host); Terraform is checked with
python-hcl2 (every host lookup depends on the gated datacenter lookup).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
from pathlib import Path

import hcl2
import pytest
import yaml

from app.render import ansible, esxcli, powercli, terraform
from app.render.base import RenderContext
from app.render.formats import FORMATS, PlanHasErrorsError, plan_errors, render_format
from app.render.hostscope import error_findings
from tests.examples import example_dict
from tests.render.scripts_support import by_name, context, shells
from tests.render.test_terraform import unquote

DOCS = Path(__file__).resolve().parents[2] / "docs" / "outputs.md"
VENV_BIN = Path(__file__).resolve().parents[2] / ".venv" / "bin"
HOST_SCRIPTS = ("esxcli", "powercli", "ansible", "terraform")


def gate_table() -> dict[str, dict[str, str]]:
    """The documented behaviour per format: {format: {column: cell}}."""
    text = DOCS.read_text()
    body = text.split("<!-- error-gates -->", 1)[1].split("<!-- /error-gates -->", 1)[0]
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in body.strip().splitlines()
    ]
    header, _, *data = rows
    return {row[0].strip("`"): dict(zip(header, row, strict=True)) for row in data}


def error_context() -> RenderContext:
    """E2: one shared subnet on back-to-back cables, error R5."""
    ctx = context("e2")
    assert any(f.rule == "R5" for f in ctx.plan.findings if f.severity == "error")
    return ctx


def switched_error_context() -> RenderContext:
    """E4 with its switches at MTU 1500 under MTU 9000 vMotion: error R12."""
    switches = [dict(sw, mtu=1500) for sw in example_dict("e4")["switches"]]
    ctx = context("e4", switches=switches)
    assert plan_errors(ctx)
    return ctx


def test_the_table_covers_every_host_script_and_every_refused_format() -> None:
    table = gate_table()
    refused = {name for name, spec in FORMATS.items() if spec.refused_on_errors}
    assert set(table) == set(HOST_SCRIPTS) | refused
    for name in HOST_SCRIPTS:
        assert table[name]["with plan errors"] == "generated, gated"
        assert not FORMATS[name].refused_on_errors
    for name in refused:
        assert table[name]["with plan errors"] == "not generated"


@pytest.mark.parametrize("name", HOST_SCRIPTS)
def test_host_scripts_are_generated_and_name_every_error_and_the_override(name: str) -> None:
    ctx = error_context()
    text = "\n".join(str(a.content) for a in render_format(name, ctx))
    override = re.findall(r"`([^`]+)`", gate_table()[name]["override"])[0]
    # The word that lifts the gate (FORCE, -Force, force, apply_despite_plan_errors) is in it.
    word = re.sub(r"^-(e |var )?", "", override).split("=")[0].split()[0].lstrip("-")
    assert word in text
    for error in error_findings(ctx.plan):
        assert error.split(":")[0] in text  # the rule ID of every error


def test_refused_formats_are_not_generated() -> None:
    ctx = switched_error_context()
    for name, row in gate_table().items():
        if row["with plan errors"] == "not generated":
            with pytest.raises(PlanHasErrorsError):
                render_format(name, ctx)
            assert render_format(name, ctx, allow_errors=True)


def test_clean_plans_carry_no_gate() -> None:
    ctx = context("e1")
    assert not plan_errors(ctx)
    assert "FORCE" not in str(esxcli.render(ctx, None)[0].content)
    assert "if (-not $Force)" not in str(powercli.render(ctx, None)[0].content)
    files = by_name(terraform.render(ctx, None))
    assert "precondition" not in files["terraform/main.tf"]
    assert "apply_despite_plan_errors" not in files["terraform/variables.tf"]


# --- esxcli: run it ---------------------------------------------------------------------------


def _run_esxcli(script: str, tmp_path: Path, shell: str, force: bool) -> tuple[int, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for tool in ("esxcli", "esxcfg-advcfg", "vmkping"):
        stub = bin_dir / tool
        stub.write_text(f'#!/bin/sh\necho "{tool} $*" >> "$LOG"\n')
        stub.chmod(0o755)
    log = tmp_path / f"{shell}-{force}.log"
    log.write_text("")
    (tmp_path / "run.sh").write_text(script)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "LOG": str(log)}
    env.pop("FORCE", None)
    if force:
        env["FORCE"] = "1"
    result = subprocess.run(
        [shell, str(tmp_path / "run.sh")], env=env, capture_output=True, text=True
    )
    return result.returncode, log.read_text()


@pytest.mark.parametrize("shell", shells())
def test_esxcli_of_an_error_plan_changes_nothing_without_force(shell: str, tmp_path: Path) -> None:
    script = str(esxcli.render(error_context(), "esx01")[0].content)
    code, calls = _run_esxcli(script, tmp_path, shell, force=False)
    assert code == 1 and calls == ""
    code, calls = _run_esxcli(script, tmp_path, shell, force=True)
    assert "esxcli network vswitch standard add --vswitch-name=vSwitch-vMotion-1" in calls


# --- PowerCLI: the gate comes before any cmdlet that touches a host ----------------------------


def test_powercli_throws_before_it_reads_or_changes_a_host() -> None:
    script = str(powercli.render(error_context(), None)[0].content)
    gate = script.index("if (-not $Force) {")
    assert script.index("throw 'The plan has 1 error(s)", gate) < script.index("Get-VMHost -Name")
    first_change = min(script.index(c) for c in ("New-VirtualSwitch", "New-VirtualPortGroup"))
    assert gate < first_change
    assert script.index("param([switch]$Force)") < gate


# --- Ansible: run the play ---------------------------------------------------------------------


def _play(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    folder = tmp_path / "out"
    for artifact in ansible.render(error_context(), "esx01"):
        path = folder / artifact.filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(artifact.data)
    home = tmp_path / "ansible-home"
    env = {
        **os.environ,
        "ANSIBLE_HOME": str(home),
        "ANSIBLE_LOCAL_TEMP": str(home / "tmp"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
    }
    # Nothing listens on 127.0.0.1:443 here: a task that gets past the gate fails at once.
    credentials = ["-e", "vcenter_hostname=127.0.0.1", "-e", "vcenter_username=u"]
    credentials += ["-e", "vcenter_password=p"]
    return subprocess.run(
        [
            str(VENV_BIN / "ansible-playbook"),
            "-i",
            str(folder / "ansible" / "inventory.yml"),
            str(folder / "ansible" / "playbook.yml"),
            *credentials,
            *extra,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_playbook_of_an_error_plan_stops_at_the_gate_unless_forced(tmp_path: Path) -> None:
    stopped = _play(tmp_path)
    assert stopped.returncode != 0
    assert "TASK [The plan has no errors" in stopped.stdout
    assert "R5:" in stopped.stdout
    assert "TASK [vSwitches" not in stopped.stdout  # nothing after the gate ran
    forced = _play(tmp_path, "-e", "force=true")
    assert "TASK [vSwitches" in forced.stdout  # past the gate (vCenter then refuses)


# --- Terraform: the precondition every host depends on -----------------------------------------


def test_terraform_precondition_gates_every_host_lookup() -> None:
    ctx = error_context()
    files = by_name(terraform.render(ctx, None))
    main = unquote(hcl2.load(io.StringIO(files["terraform/main.tf"])))
    (locals_block,) = main["locals"]
    assert locals_block["plan_errors"] == error_findings(ctx.plan)
    data = {
        (kind, label): body
        for b in main["data"]
        for kind, v in b.items()
        for label, body in v.items()
    }
    (lifecycle,) = data[("vsphere_datacenter", "dc")]["lifecycle"]
    (precondition,) = lifecycle["precondition"]
    assert precondition["condition"] == (
        "${length(local.plan_errors) == 0 || var.apply_despite_plan_errors}"
    )
    hosts = [body for (kind, _), body in data.items() if kind == "vsphere_host"]
    assert hosts and all(h["datacenter_id"] == "${data.vsphere_datacenter.dc.id}" for h in hosts)
    variables = unquote(hcl2.load(io.StringIO(files["terraform/variables.tf"])))
    declared = {name: body for b in variables["variable"] for name, body in b.items()}
    assert declared["apply_despite_plan_errors"]["default"] is False
    assert declared["apply_despite_plan_errors"]["type"] == "bool"


def test_documented_stop_points_name_real_code() -> None:
    table = gate_table()
    assert "exit 1" in table["esxcli"]["stops at"]
    assert "data.vsphere_datacenter.dc" in table["terraform"]["stops at"]
    playbook = yaml.safe_load(
        by_name(ansible.render(error_context(), None))["ansible/playbook.yml"]
    )
    names = [task["name"] for task in playbook[0]["tasks"]]
    gate = names.index("The plan has no errors (set force=true to apply anyway)")
    assert all(not name.startswith("vMotion") for name in names[:gate])
