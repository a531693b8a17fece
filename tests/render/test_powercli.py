"""PowerCLI script (docs/domain.md section 3): content, quoting, UNVERIFIED notes, golden files.

No PowerShell runs here, so quoting is checked with a small tokenizer that knows exactly what
the renderer emits: ``#`` line comments and single-quoted literals ('' and the typographic
single quotes doubled). What is left after removing both is code, and no design text may be in it.
"""

from __future__ import annotations

import re

import pytest

from app.render import powercli
from app.render.quoting import ps_quote
from tests.render.scripts_support import (
    EVIL_DESCRIPTION,
    EVIL_MGMT_PG,
    EVIL_NAME,
    EVIL_VM_PG,
    GOLDEN_EXAMPLES,
    addresses_in,
    check_golden,
    context,
    evil_context,
    plan_addresses,
)

QUOTES = "'\u2018\u2019\u201a\u201b"


def code_and_literals(line: str) -> tuple[str, list[str]]:
    """Split one PowerShell line into its code (comments and strings removed) and its literals.

    Raises AssertionError on an unterminated single-quoted string.
    """
    code, literals, i = [], [], 0
    while i < len(line):
        ch = line[i]
        if ch == "#":
            break
        if ch in QUOTES:
            value, i = [], i + 1
            while True:
                assert i < len(line), f"unterminated string: {line}"
                if line[i] in QUOTES:
                    if i + 1 < len(line) and line[i + 1] in QUOTES:
                        value.append(line[i])
                        i += 2
                        continue
                    i += 1
                    break
                value.append(line[i])
                i += 1
            literals.append("".join(value))
            code.append("''")
            continue
        code.append(ch)
        i += 1
    return "".join(code), literals


def script_of(stem: str) -> str:
    content = powercli.render(context(stem), None)[0].content
    assert isinstance(content, str)
    return content


@pytest.mark.parametrize("stem", GOLDEN_EXAMPLES)
def test_golden(stem: str) -> None:
    check_golden("powercli", stem, powercli.render(context(stem), None))


def test_one_file_for_the_design_with_a_block_per_host() -> None:
    ctx = context("e4")
    (artifact,) = powercli.render(ctx, None)
    assert artifact.filename == "vmotion-e4-four-hosts-switched.ps1"
    script = str(artifact.content)
    for host in ctx.plan.hosts:
        assert f"# ==== {host.name} " in script
        assert f"$vmhost = Get-VMHost -Name $VMHostNames['{host.name}']" in script
    only = str(powercli.render(ctx, "esx03")[0].content)
    assert "# ==== esx03 " in only and "# ==== esx01 " not in only


def test_stops_on_errors_and_needs_a_connection() -> None:
    script = script_of("e1")
    assert "$ErrorActionPreference = 'Stop'" in script
    assert "if (-not $global:DefaultVIServer)" in script
    assert script.index("param([switch]$Force)") < script.index("$ErrorActionPreference")


def test_e1_switches_port_groups_and_vmks() -> None:
    script = script_of("e1")
    for lane, vmnic in enumerate(("vmnic1", "vmnic2", "vmnic5", "vmnic6"), start=1):
        assert (
            f"$vs_vSwitch_vMotion_{lane} = New-VirtualSwitch -VMHost $vmhost "
            f"-Name 'vSwitch-vMotion-{lane}' -Mtu 9000 -Nic @('{vmnic}')"
        ) in script
        assert f"-VirtualPortGroup $pg_vMotion_{lane} -VLanId 0" in script
    assert script.count("New-VMHostNetworkAdapter") == 8
    assert "-IP '198.51.100.1' -SubnetMask '255.255.255.252' -Mtu 9000 -VMotionEnabled $true" in (
        script
    )
    teaming = [line for line in script.splitlines() if "| Set-NicTeamingPolicy" in line]
    assert len(teaming) == 8
    for line in teaming:
        assert "-MakeNicActive (Get-PlannedNic $vmhost @('vmnic" in line
        assert "-MakeNicStandby" not in line  # back-to-back: never standby (R2)
        assert "-LoadBalancingPolicy ExplicitFailover" in line


def test_e4_sets_a_standby_vmnic_for_each_vmotion_port_group() -> None:
    ctx = context("e4")
    teaming = [line for line in script_of("e4").splitlines() if "| Set-NicTeamingPolicy" in line]
    assert len(teaming) == sum(len(h.portgroups) - 1 for h in ctx.plan.hosts)  # minus management
    for line in teaming:
        assert re.search(r"-MakeNicStandby \(Get-PlannedNic \$vmhost @\('vmnic\d+'\)\)", line)


def test_e5_sets_bind_to_vmknic_on_every_host() -> None:
    ctx = context("e5")
    script = script_of("e5")
    line = (
        "Get-AdvancedSetting -Entity $vmhost -Name 'Migrate.BindToVmknic' | "
        "Set-AdvancedSetting -Value 1 -Confirm:$false"
    )
    assert script.count(line) == len(ctx.plan.hosts)
    assert "UNVERIFIED" in script


def test_e7_netstack_is_marked_unverified_and_has_no_vmotion_flag() -> None:
    script = script_of("e7")
    adapters = [line for line in script.splitlines() if "New-VMHostNetworkAdapter" in line]
    assert adapters
    for line in adapters:
        assert "-NetworkStack (Get-VMHostNetworkStack -VMHost $vmhost -Id 'vmotion')" in line
        assert "-VMotionEnabled" not in line
    assert (
        "# -NetworkStack and Get-VMHostNetworkStack are UNVERIFIED (docs/domain.md section 3)."
        in script
    )


def test_e7_sets_the_vmotion_stack_gateway_once_per_host_after_its_vmks() -> None:
    """Issue 8 item 11: Set-VMHostNetworkStack -VMKernelGateway (PowerCLI reference), not a
    comment; set after the vmks, because the stack exists once a vmk uses it (R26)."""
    ctx = context("e7")
    script = script_of("e7")
    gateway = ctx.design.vmotion.gateway
    assert gateway is not None
    line = (
        "Get-VMHostNetworkStack -VMHost $vmhost -Id 'vmotion' |"
        f" Set-VMHostNetworkStack -VMKernelGateway '{gateway}' | Out-Null"
    )
    assert script.count(line) == len(ctx.plan.hosts)
    for block in script.split("# ==== ")[1:]:
        assert block.rindex("New-VMHostNetworkAdapter") < block.index(line)
    assert script_of("e1").count("Set-VMHostNetworkStack") == 0  # no gateway, no line


def test_management_is_only_listed() -> None:
    for stem in GOLDEN_EXAMPLES:
        for line in script_of(stem).splitlines():
            _code, literals = code_and_literals(line)
            assert "vSwitch0" not in literals and "Management Network" not in literals


@pytest.mark.parametrize("stem", ["e1", "e4", "e5", "e6", "e7"])
def test_every_line_tokenizes_and_no_unknown_address(stem: str) -> None:
    ctx = context(stem)
    script = str(powercli.render(ctx, None)[0].content)
    for line in script.splitlines():
        code_and_literals(line)
    assert addresses_in(script) <= plan_addresses(ctx)


def test_hostile_design_text_never_reaches_code() -> None:
    ctx = evil_context("e6")
    script = str(powercli.render(ctx, None)[0].content)
    for line in script.splitlines():
        code, _ = code_and_literals(line)
        for fragment in ("touch", "rm -rf", "lookup", "PWNED", "owned", "smart"):
            assert fragment not in code, line
    assert f"# Design: {EVIL_NAME}" in script
    assert "# Description: " + EVIL_DESCRIPTION.replace("\n", " ") in script
    # Team port groups are listed in comments, each on one line.
    assert f"# {EVIL_MGMT_PG} on vSwitch0" in script
    assert f"# {EVIL_VM_PG.replace(chr(10), ' ')} on vSwitch-VM" in script


@pytest.mark.parametrize(
    "value", ["plain", "it's", "‘smart’ ’quotes‚‛", "$(Stop-Computer) $env:PATH `n", "a''b"]
)
def test_ps_quote_round_trips_through_the_tokenizer(value: str) -> None:
    code, literals = code_and_literals(f"Write-Host {ps_quote(value)} # trailing")
    assert code == "Write-Host '' "
    assert literals == [value]
